//! Text made safe for where it goes: spreadsheet cells (no formula injection, no control
//! characters), terminal lines (no escape sequences, no direction overrides), and the test of
//! which characters a declaration must never hold (control, bidirectional-override and
//! private-use characters).

#[cfg(test)]
mod tests;

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

/// How people read a forbidden character: "文字方向控制符", "控制字符", "私用区字符".
pub fn describe_forbidden(c: char) -> String {
    let kind = if c.is_control() {
        "控制字符"
    } else if is_bidi_control(c) {
        "文字方向控制符"
    } else {
        "私用区字符"
    };
    // The kind alone: a code point such as U+202E means nothing to the people who read it.
    kind.to_string()
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

/// One CSV field (RFC 4180) made with [`spreadsheet_text`], always quoted: a spreadsheet that
/// imports with another separator (`;` in many locales, tab) still reads each field whole, so
/// no part of a field can start a cell of its own (and a formula), and the `'` of a
/// neutralised field stays part of its text.
pub fn csv_field(text: &str) -> String {
    let (text, _) = spreadsheet_text(text);
    format!("\"{}\"", text.replace('"', "\"\""))
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

/// The text of one workbook cell, written as a string cell (which no spreadsheet reads as a
/// formula, so it needs no `'`): the characters of [`spreadsheet_text`], nothing hidden.
pub fn workbook_text(text: &str) -> String {
    match spreadsheet_text(text) {
        (text, true) => text.strip_prefix('\'').unwrap_or(&text).to_string(),
        (text, false) => text,
    }
}

/// Whether `c` is a zero-width character: U+200B–U+200F (space, joiners, marks), U+2060–U+2064
/// (word joiner, invisible operators) and U+FEFF (the byte-order mark). A zero-width space makes
/// "桐庐县美镇办" and "桐庐县\u{200b}美镇办" two names that look the same.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The one rule for characters nobody can see, in every name the app keeps or writes (known
/// keys' office names, draft names, file names): control characters (ESC, NUL, BEL, line
/// breaks), direction controls, zero-width and private-use characters.
pub fn is_hidden_in_name(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_zero_width(c) || is_private_use(c)
}

/// `name` under [`is_hidden_in_name`]: hidden characters dropped, white space cleaned as
/// `text::clean_line` does (one line, runs made one space, trimmed). Two
/// names are the same name when their clean forms are equal.
pub fn clean_name(name: &str) -> String {
    // White space (line breaks, tabs) is left to `clean_line`, which joins or separates words.
    let visible: String = name
        .chars()
        .filter(|c| c.is_whitespace() || !is_hidden_in_name(*c))
        .collect();
    super::text::clean_line(&visible)
}
