//! Tests of `model::office::xlsx`: sheets of text cells, frozen header, filters, print setup.

use super::*;
use crate::model::office::RowTotal;

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
        total: None,
    }
}

#[test]
fn cells_are_strings_never_formulas() {
    let bytes = xlsx(&[table()]).unwrap().bytes;
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
    let bytes = xlsx(&[table(), Table::default()]).unwrap().bytes;
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

/// 16,384 characters beyond U+FFFF are 32,768 UTF-16 units, one more than a cell holds: the
/// cell is cut by UTF-16 length, marked, and the file and column named in the notes.
#[test]
fn a_cell_longer_than_excel_holds_is_cut_by_utf16_length_and_named() {
    let astral = "𠀀".repeat(16_384);
    assert_eq!(astral.encode_utf16().count(), 32_768);
    let (cell, cut) = cell_value(&astral);
    assert!(cut);
    assert!(cell.ends_with(CUT_MARK), "{}", &cell[cell.len() - 60..]);
    assert!(cell.encode_utf16().count() <= MAX_CELL_UTF16);
    assert!(cell.encode_utf16().count() > MAX_CELL_UTF16 - 2 - CUT_MARK.encode_utf16().count());
    // Exactly at the limit: kept whole.
    let full = "字".repeat(MAX_CELL_UTF16);
    assert_eq!(cell_value(&full), (full.clone(), false));

    let table = Table {
        name: "有效文件".into(),
        title: "汇总表".into(),
        header: vec!["主要内容简介".into(), "文件名".into()],
        rows: vec![
            vec![astral.clone(), "富阳.json".into()],
            vec!["短".into(), "桐庐.json".into()],
        ],
        total: None,
    };
    let written = xlsx(&[table]).unwrap();
    assert_eq!(
        written.notes,
        ["“有效文件”表中，文件 富阳.json 的“主要内容简介”超过 Excel 一格能放的长度，已截断（格中注明“已截断”）。"]
    );
    let strings = part(&written.bytes, "xl/sharedStrings.xml");
    assert!(
        strings.contains("已截断，全文见签名申报文件"),
        "the mark is in the cell"
    );
    assert!(
        strings.contains("桐庐.json") && strings.contains(">短<"),
        "the rest is written"
    );
}

/// Hidden and direction characters never reach a cell: 签名单位 and 文件名 included.
#[test]
fn no_cell_holds_a_hidden_or_direction_character() {
    let table = Table {
        name: "有效文件".into(),
        title: "汇总表\u{202e}".into(),
        header: vec!["签名单位".into(), "文件名".into()],
        rows: vec![vec![
            "桐庐县\u{202e}美镇办".into(),
            "a\u{2066}nosj.exe".into(),
        ]],
        total: None,
    };
    let bytes = xlsx(&[table]).unwrap().bytes;
    let strings = part(&bytes, "xl/sharedStrings.xml");
    for c in ['\u{202e}', '\u{2066}'] {
        assert!(!strings.contains(c), "{c:?} in {strings}");
    }
    assert!(strings.contains("桐庐县\u{fffd}美镇办"), "{strings}");
}

/// A cell beyond Excel's last column cannot be written: it is named (by its file and its
/// column), left empty, and the rest of the workbook is written.
#[test]
fn a_cell_that_cannot_be_written_is_named_and_the_rest_written() {
    let mut header: Vec<String> = (0..16_385).map(|i| format!("列{i}")).collect();
    header[0] = "文件名".into();
    let mut row = vec![String::new(); 16_385];
    row[0] = "宽.json".into();
    row[1] = "写得下".into();
    row[16_384] = "放不下".into();
    let table = Table {
        name: "宽表".into(),
        title: "标题".into(),
        header,
        rows: vec![row],
        total: None,
    };
    let written = xlsx(&[table]).unwrap();
    assert_eq!(
        written.notes,
        [
            "“宽表”表的表头“列16384”未能写入 Excel；其余内容照常写入。",
            "“宽表”表中，文件 宽.json 的“列16384”未能写入 Excel，已留空；其余内容照常写入。",
        ]
    );
    let strings = part(&written.bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("写得下") && !strings.contains("放不下"));
}

/// The one formula a workbook holds: a row total over the score columns.
#[test]
fn a_row_total_is_a_sum_formula_and_nothing_else_is() {
    let table = Table {
        name: "加分评审".into(),
        title: "加分评审".into(),
        header: [
            "集群名称",
            "规划方案",
            "工作推进",
            "实际成效",
            "合计",
            "备注",
        ]
        .map(String::from)
        .to_vec(),
        rows: vec![
            ["=1+2", "", "", "", "", ""].map(String::from).to_vec(),
            ["b", "", "", "", "", ""].map(String::from).to_vec(),
        ],
        total: Some(RowTotal {
            from: 1,
            to: 3,
            into: 4,
        }),
    };
    let bytes = xlsx(&[table]).unwrap().bytes;
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<f>SUM(B3:D3)</f>"), "{sheet}");
    assert!(sheet.contains("<f>SUM(B4:D4)</f>"), "{sheet}");
    assert_eq!(sheet.matches("<f>").count(), 2, "{sheet}");
    assert!(part(&bytes, "xl/sharedStrings.xml").contains("=1+2"));
}

/// Every note the workbook's writer gives people (for `model::plain_words`).
pub(crate) fn messages() -> Vec<String> {
    let table = Table {
        name: "有效文件".into(),
        title: String::new(),
        header: (0..16_385).map(|i| format!("列{i}")).collect(),
        rows: vec![std::iter::once("长".repeat(40_000))
            .chain((1..16_385).map(|_| "字".to_string()))
            .collect()],
        total: None,
    };
    let mut notes = xlsx(&[table]).unwrap().notes;
    notes.push(CUT_MARK.to_string());
    notes.push(crate::model::office::job::READ_FAILED.to_string());
    notes
}
