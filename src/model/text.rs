//! 表单文本工具：按字处理软件的方式统计字数，清理单行字段与长文本中的空白。
//!
//! “空白”一律按 Unicode White_Space 属性（[`char::is_whitespace`]）判断，包括半角空格、
//! 制表符、换行、全角空格 U+3000 和不换行空格 U+00A0。

#[cfg(test)]
mod tests;

/// 字数 as Word's and WPS's 字数统计 counts it, since that is what users check the 500 字 against:
///
/// - each 汉字 and each full-width (CJK) punctuation mark or symbol is 1;
/// - each run of other characters — Latin letters, digits, half-width signs, emoji — is 1
///   ("2021", "abc", "5G", "3.5%" are one word each);
/// - white space (spaces, line breaks, tabs, U+3000) is 0, and ends a run.
///
/// So "2021年" is 2, "abc def" is 2, "5G网络" is 3. Counting is by `char`, never by UTF-16
/// code units: "𠀀" (U+20000) is 1.
pub fn zishu(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_word = false;
        } else if is_chinese(c) {
            count += 1;
            in_word = false;
        } else if !in_word {
            count += 1;
            in_word = true;
        }
    }
    count
}

/// Trim white space (including U+3000 and NBSP) at both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(char::is_whitespace)
}

/// Trim, and collapse internal runs of white space in a single-line field to one ASCII space; remove line breaks. For names, units, titles.
///
/// A run of white space that contains a line break is removed entirely when the character
/// before or after it is Chinese (Han, CJK or full-width punctuation), so a title wrapped
/// in the middle (`"杭州市西湖区\n人民政府"`) becomes `"杭州市西湖区人民政府"`; between other
/// characters (`"Hangzhou\nCity"`) it becomes one space so that words stay apart.
pub fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Inside a run of white space: whether the run contains a line break.
    let mut pending_run: Option<bool> = None;
    let mut previous: Option<char> = None;
    for c in trim(text).chars() {
        if c.is_whitespace() {
            pending_run = Some(pending_run.unwrap_or(false) || is_line_break(c));
            continue;
        }
        if let Some(has_break) = pending_run.take() {
            let joins_chinese = previous.is_some_and(is_chinese) || is_chinese(c);
            if !(has_break && joins_chinese) {
                out.push(' ');
            }
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Trim at both ends; normalise line endings (\r\n, \r → \n); strip trailing white space on each line; collapse 3+ consecutive newlines to 2. For long texts.
///
/// U+2028, U+2029, U+0085, vertical tab and form feed are treated as line endings too.
/// Indentation at the start of every line but the first is kept (the first line loses it
/// by the trim at both ends).
pub fn clean_block(text: &str) -> String {
    let unified = normalise_line_endings(text);
    let mut out = String::with_capacity(unified.len());
    let mut newlines = 0usize;
    for (index, line) in unified.split('\n').enumerate() {
        if index > 0 {
            newlines += 1;
        }
        let line = line.trim_end_matches(char::is_whitespace);
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line.trim_start_matches(char::is_whitespace));
        } else {
            out.extend(std::iter::repeat_n('\n', newlines.min(2)));
            out.push_str(line);
        }
        newlines = 0;
    }
    out
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `\r\n` and every other line ending → `\n`.
fn normalise_line_endings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push('\n');
        } else if is_line_break(c) {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Han characters, CJK and full-width punctuation, and the punctuation Chinese text shares
/// with Western text (middle dot, dashes, ellipsis, curly quotes).
fn is_chinese(c: char) -> bool {
    matches!(
        c,
        '\u{00B7}'
            | '\u{2014}'
            | '\u{2018}'..='\u{201D}'
            | '\u{2026}'
            | '\u{2E80}'..='\u{2FDF}'
            | '\u{3000}'..='\u{312F}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}
