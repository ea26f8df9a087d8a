//! Tests of `model::as_written`: a declaration exactly as the app writes it, and every way one
//! is not.

use super::*;
use crate::model::declaration::{Attachment, CustomLocation};
use crate::model::sample;

fn attachment(name: &str) -> Attachment {
    Attachment {
        name: name.into(),
        size: 10,
        media_type: "application/pdf".into(),
        sha256: "ab".repeat(32),
    }
}

#[test]
fn the_sample_and_its_cleaned_form_are_as_written() {
    let d = sample::complete().cleaned();
    assert_eq!(as_written_problems(&d), Vec::<String>::new());
    // A line of a long answer indented with a tab (pasted from a word processor) is kept
    // by cleaning, so it is as written.
    let mut indented = sample::complete();
    indented.summary = "第一段。\n\t第二段\t缩进。".into();
    indented.coordinator.title = "\t副县长".into();
    let indented = indented.cleaned();
    assert!(indented.summary.contains('\t'));
    assert_eq!(as_written_problems(&indented), Vec::<String>::new());
    let mut with = d.clone();
    with.attachments = (0..MAX_ATTACHMENTS)
        .map(|i| attachment(&format!("附件{i}.pdf")))
        .collect();
    with.towns.push(TownRef::Custom {
        name: "新设镇".into(),
        location: CustomLocation::OutsideZhejiang {
            place: "安徽省歙县".into(),
        },
    });
    assert_eq!(as_written_problems(&with), Vec::<String>::new());
}

#[test]
fn every_way_a_declaration_differs_from_what_the_app_writes_is_named() {
    type Edit = fn(&mut Declaration);
    // (change to a clean declaration, words every reported problem contains… in order)
    let rows: Vec<(Edit, Vec<&str>)> = vec![
        (
            |d| d.applicant = "\u{3000}330122 ".into(),
            vec!["“申报单位”的写法"],
        ),
        (|d| d.applicant = "330122 ".into(), vec!["“申报单位”的写法"]),
        (
            |d| d.cluster_name.push('\u{202e}'),
            vec!["“美丽城镇集群化建设名称”含有不可见的字符：文字方向控制符"],
        ),
        (
            |d| d.cluster_name.push('\u{2066}'),
            vec!["名称”含有不可见的字符：文字方向控制符"],
        ),
        (
            |d| d.cluster_name.push('\u{200f}'),
            vec!["名称”含有不可见的字符：文字方向控制符"],
        ),
        (
            |d| d.summary.push_str("\u{1b}[2J"),
            vec!["“主要内容简介（500字）”含有不可见的字符：控制字符"],
        ),
        (
            |d| d.stage_results.push('\0'),
            vec!["成果”含有不可见的字符：控制字符"],
        ),
        (
            |d| d.contact.title.push('\u{e000}'),
            vec!["“具体联系人 职务”含有不可见的字符：私用区字符"],
        ),
        (
            |d| d.contact.title = "\t=2+2".into(),
            vec!["职务”含有不可见的字符：控制字符"],
        ),
        (
            |d| d.coordinator.name = " 王建国".into(),
            vec!["“总协调人 姓名”的写法"],
        ),
        (
            |d| d.summary = "第一段\n\n\n\n第二段".into(),
            vec!["“主要内容简介（500字）”的写法"],
        ),
        (
            |d| d.contact.phone = "138 5711 2345".into(),
            vec!["“具体联系人 联系电话”的写法"],
        ),
        (
            |d| d.declared_on = " 2021-06-30".into(),
            vec!["“日期（申报单位盖章处）”的写法"],
        ),
        (
            |d| {
                d.towns[1] = TownRef::Listed {
                    code: " 330122101".into(),
                }
            },
            vec!["“关联乡镇（街道）”第 2 个的写法"],
        ),
        (
            |d| {
                d.towns.push(TownRef::Custom {
                    name: "新设\u{202d}镇".into(),
                    location: CustomLocation::OutsideZhejiang {
                        place: "安徽".into(),
                    },
                })
            },
            vec!["“关联乡镇（街道）”第 4 个含有不可见的字符：文字方向控制符"],
        ),
        (
            |d| d.attachments.push(attachment("")),
            vec!["第 1 个附件没有文件名"],
        ),
        (
            |d| d.attachments.push(attachment(" a.pdf")),
            vec!["第 1 个附件的文件名首尾有空格"],
        ),
        (
            |d| d.attachments.push(attachment("a\u{202e}fdp.exe")),
            vec!["第 1 个附件的文件名含有不可见的字符：文字方向控制符"],
        ),
        (
            |d| d.attachments.push(attachment(&"名".repeat(256))),
            vec!["超过 255 字"],
        ),
        (
            |d| {
                d.attachments.push(attachment("a.pdf"));
                d.attachments[0].sha256 = "not-a-hash".into();
            },
            vec!["第 1 个附件的内容摘要应为 64 位小写十六进制数字"],
        ),
        (
            |d| {
                d.attachments.push(attachment("a.pdf"));
                d.attachments[0].sha256 = "AB".repeat(32);
            },
            vec!["内容摘要"],
        ),
        (
            |d| {
                d.attachments.push(attachment("a.pdf"));
                d.attachments[0].size = MAX_ATTACHMENT_BYTES + 1;
            },
            vec!["超过 8 GiB"],
        ),
        (
            |d| {
                d.attachments.push(attachment("a.pdf"));
                d.attachments[0].media_type = "x\u{1b}".into();
            },
            vec!["文件类型"],
        ),
        (
            |d| {
                d.attachments.push(attachment(""));
                d.attachments[0].sha256 = "not-a-hash".into();
            },
            vec!["没有文件名", "内容摘要"],
        ),
        (
            |d| d.attachments = vec![attachment("a.pdf"); MAX_ATTACHMENTS + 1],
            vec!["列出了 51 个附件，最多 50 个"],
        ),
        (
            |d| {
                d.applicant = " 330122".into();
                d.cluster_name.push('\u{202e}');
            },
            vec!["名称”含有", "“申报单位”的写法"],
        ),
    ];
    for (i, (edit, words)) in rows.into_iter().enumerate() {
        let mut d = sample::complete().cleaned();
        edit(&mut d);
        let problems = as_written_problems(&d);
        assert_eq!(problems.len(), words.len(), "row {i}: {problems:?}");
        for (problem, word) in problems.iter().zip(&words) {
            assert!(problem.contains(word), "row {i}: {problem} / {word}");
        }
    }
}
