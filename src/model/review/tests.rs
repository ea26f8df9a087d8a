//! Tests of `model::review`: the declaration read back as the rows the check-answers page
//! shows.

use super::*;
use crate::model::declaration::Attachment;
use crate::model::sample;

fn find<'a>(sections: &'a [ReviewSection], label: &str) -> &'a ReviewRow {
    sections
        .iter()
        .flat_map(|s| &s.rows)
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

#[test]
fn every_item_is_read_back_once_in_form_order() {
    let d = sample::complete();
    let sections = review_sections(&d);
    let labels: Vec<String> = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.label.clone()))
        .collect();
    let mut expected: Vec<String> = FieldId::ALL.iter().map(|f| f.label()).collect();
    expected.push("附件".into());
    assert_eq!(labels, expected);
    assert_eq!(find(&sections, "申报单位").lines, ["桐庐县"]);
    assert_eq!(
        find(&sections, "申报单位名称（与公章一致）").lines,
        ["桐庐县美镇办"]
    );
    assert_eq!(
        find(&sections, "关联乡镇（街道）").lines,
        [
            "富春江镇（桐庐县）",
            "江南镇（桐庐县）",
            "凤川街道（桐庐县）"
        ]
    );
    assert_eq!(find(&sections, "创建类型").lines, ["复合型"]);
    assert_eq!(find(&sections, "工作专班成立时间").lines, ["2021年4月30日"]);
    assert_eq!(
        find(&sections, "总协调人 联系电话").lines,
        ["0571-64212345"]
    );
    assert!(find(&sections, "日期（申报单位盖章处）").lines.is_empty());
    assert_eq!(find(&sections, "附件").lines, ["无附件"]);
}

#[test]
fn attachments_and_paragraphs_are_listed_line_by_line() {
    let mut d = sample::complete();
    d.summary = "第一段。\n\n第二段。".into();
    d.attachments.push(Attachment {
        name: "规划.pdf".into(),
        size: 1536,
        media_type: "application/pdf".into(),
        sha256: "ab".repeat(32),
    });
    let sections = review_sections(&d);
    assert_eq!(
        find(&sections, "主要内容简介（500字）").lines,
        ["第一段。", "第二段。"]
    );
    let line = &find(&sections, "附件").lines[0];
    assert!(
        line.starts_with("规划.pdf（1.5 KB，SHA-256：abab abab"),
        "{line}"
    );
}

#[test]
fn dates_are_read_back_the_chinese_way() {
    assert_eq!(date_display("2021-06-30"), "2021年6月30日");
    assert_eq!(date_display("2021/6/3"), "2021年6月3日");
    assert_eq!(date_display("2021-06"), "2021年6月");
    assert_eq!(date_display("不详"), "不详");
    assert_eq!(date_display(""), "");
}
