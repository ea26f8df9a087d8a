//! Whether a declaration is exactly as this app writes it: equal to its own cleaned form (no
//! untrimmed or oddly spaced text), without hidden characters (control, direction-override,
//! private-use), and with a sane list of attachments. Verification accepts only such
//! declarations, so that what the city office reads is what the county saw when it signed.

use super::declaration::{Declaration, TownRef};
use super::field::FieldId;
use super::safe_text::{describe_forbidden, is_forbidden_in_declaration};

/// The most attachments a declaration may list.
pub const MAX_ATTACHMENTS: usize = 50;
/// The largest attachment a declaration may list: 8 GiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 8 << 30;
/// The longest attachment name, in characters.
pub const MAX_ATTACHMENT_NAME_CHARS: usize = 255;
/// The longest attachment file type (e.g. "application/pdf"), in characters.
pub const MAX_MEDIA_TYPE_CHARS: usize = 200;

/// Every way `d` differs from what the app writes, as Chinese sentences; empty when none.
pub fn as_written_problems(d: &Declaration) -> Vec<String> {
    let mut problems = Vec::new();
    let cleaned = d.cleaned();
    let mut texts: Vec<(String, &str, &str)> = FieldId::ALL
        .iter()
        .chain([FieldId::DeclaredOn].iter())
        .filter_map(|field| {
            Some((
                format!("“{}”", field.label()),
                d.text(*field)?,
                cleaned.text(*field)?,
            ))
        })
        .collect();
    if d.towns.len() == cleaned.towns.len() {
        for (i, (town, clean)) in d.towns.iter().zip(&cleaned.towns).enumerate() {
            let label = format!("“关联乡镇（街道）”第 {} 个", i + 1);
            for (text, clean_text) in town_texts(town).into_iter().zip(town_texts(clean)) {
                texts.push((label.clone(), text, clean_text));
            }
        }
    }
    for (label, text, clean) in &texts {
        if let Some(c) = text.chars().find(|c| is_forbidden_in_declaration(*c)) {
            problems.push(format!("{label}含有不可见的字符 {}", describe_forbidden(c)));
        } else if text != clean {
            problems.push(format!(
                "{label}的写法与本程序生成的不同（如首尾有空格、全角空格或多余的空行）"
            ));
        }
    }
    // Anything else cleaning changes (attachments are not cleaned, they are checked below).
    if problems.is_empty() && &cleaned != d {
        problems.push("申报内容的写法与本程序生成的不同".to_string());
    }
    problems.extend(attachment_problems(d));
    problems
}

/// The texts of a town reference, in a fixed order (so a town and its cleaned form pair up).
fn town_texts(town: &TownRef) -> Vec<&str> {
    match town {
        TownRef::Listed { code } => vec![code],
        TownRef::Custom { name, location } => {
            let place = match location {
                super::declaration::CustomLocation::County { code } => code,
                super::declaration::CustomLocation::OutsideZhejiang { place } => place,
            };
            vec![name, place]
        }
    }
}

fn is_lower_hex_digest(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What is wrong with the list of attachments: more than [`MAX_ATTACHMENTS`], or an entry
/// without a usable name, digest, size or type.
pub fn attachment_problems(d: &Declaration) -> Vec<String> {
    let mut problems = Vec::new();
    if d.attachments.len() > MAX_ATTACHMENTS {
        problems.push(format!(
            "列出了 {} 个附件，最多 {MAX_ATTACHMENTS} 个",
            d.attachments.len()
        ));
        return problems;
    }
    for (i, a) in d.attachments.iter().enumerate() {
        let n = i + 1;
        let name = a.name.as_str();
        if name.trim().is_empty() {
            problems.push(format!("第 {n} 个附件没有文件名"));
        } else if let Some(c) = name
            .chars()
            .find(|c| is_forbidden_in_declaration(*c) || *c == '\n')
        {
            problems.push(format!(
                "第 {n} 个附件的文件名含有不可见的字符 {}",
                describe_forbidden(c)
            ));
        } else if name.trim() != name {
            problems.push(format!("第 {n} 个附件的文件名首尾有空格"));
        } else if name.chars().count() > MAX_ATTACHMENT_NAME_CHARS {
            problems.push(format!(
                "第 {n} 个附件的文件名超过 {MAX_ATTACHMENT_NAME_CHARS} 字"
            ));
        }
        if !is_lower_hex_digest(&a.sha256) {
            problems.push(format!("第 {n} 个附件的内容摘要应为 64 位小写十六进制数字"));
        }
        if a.size > MAX_ATTACHMENT_BYTES {
            problems.push(format!("第 {n} 个附件的大小超过 8 GiB，不合常理"));
        }
        if a.media_type.chars().count() > MAX_MEDIA_TYPE_CHARS
            || a.media_type
                .chars()
                .any(|c| is_forbidden_in_declaration(c) || c == '\n')
        {
            problems.push(format!("第 {n} 个附件的文件类型写法不对"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
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
                vec!["“美丽城镇集群化建设名称”含有不可见的字符 U+202E（文字方向控制符）"],
            ),
            (|d| d.cluster_name.push('\u{2066}'), vec!["U+2066"]),
            (|d| d.cluster_name.push('\u{200f}'), vec!["U+200F"]),
            (
                |d| d.summary.push_str("\u{1b}[2J"),
                vec!["“主要内容简介（500字）”含有不可见的字符 U+001B（控制字符）"],
            ),
            (|d| d.stage_results.push('\0'), vec!["U+0000（控制字符）"]),
            (
                |d| d.contact.title.push('\u{e000}'),
                vec!["“具体联系人 职务”含有不可见的字符 U+E000（私用区字符）"],
            ),
            (|d| d.contact.title = "\t=2+2".into(), vec!["U+0009"]),
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
                vec!["“关联乡镇（街道）”第 4 个含有不可见的字符 U+202D"],
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
                vec!["第 1 个附件的文件名含有不可见的字符 U+202E"],
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
}
