//! Tests of `model::office::xlsx`: sheets of text cells, frozen header, filters, print setup.

use super::*;

fn part(bytes: &[u8], name: &str) -> String {
    super::super::tests::zip_part(bytes, name)
}

fn table() -> Table {
    Table {
        name: "有效文件".into(),
        title: "汇总表（2021年6月30日）".into(),
        header: vec!["集群名称".into(), "备注".into()],
        rows: vec![
            vec!["桐庐富春江美镇圈".into(), "=1+2".into()],
            vec!["第二\u{7}行".into(), "第一段\r\n第二段".into()],
        ],
    }
}

#[test]
fn cells_are_strings_never_formulas() {
    let bytes = xlsx(&[table()]).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "{sheet}");
    let strings = part(&bytes, "xl/sharedStrings.xml");
    for text in [
        "=1+2",
        "桐庐富春江美镇圈",
        "第二行",
        "第一段\n第二段",
        "汇总表（2021年6月30日）",
    ] {
        assert!(strings.contains(text), "{text} in {strings}");
    }
    assert!(!strings.contains('\u{7}') && !strings.contains("_x0007_"));
}

#[test]
fn the_header_is_frozen_and_filtered() {
    let bytes = xlsx(&[table(), Table::default()]).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<pane ySplit="2" topLeftCell="A3""#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A2:B4"/>"#), "{sheet}");
    assert!(sheet.contains(r#"orientation="landscape""#), "{sheet}");
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="有效文件""#), "{workbook}");
}

#[test]
fn widths_follow_the_text_within_bounds() {
    let mut t = table();
    t.rows.push(vec!["很长".repeat(60), "a".into()]);
    assert_eq!(column_widths(&t), [MAX_WIDTH, MIN_WIDTH]);
    t.rows.pop();
    // "桐庐富春江美镇圈": 8 Chinese characters, 16 units, plus a margin.
    assert_eq!(column_widths(&t)[0], 18);
}

#[test]
fn sheet_names_are_what_excel_allows() {
    assert_eq!(sheet_name("a/b[c]"), "a_b_c_");
    assert_eq!(sheet_name(""), "Sheet");
    assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
}
