//! 表单文本工具：按字处理软件的方式统计字数，清理单行字段与长文本中的空白。
//!
//! “空白”一律按 Unicode White_Space 属性（[`char::is_whitespace`]）判断，包括半角空格、
//! 制表符、换行、全角空格 U+3000 和不换行空格 U+00A0。

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

#[cfg(test)]
mod tests {
    use super::*;

    /// What Word's and WPS's 字数统计 shows for each string.
    #[test]
    fn zishu_counts_as_word_and_wps_do() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("𠀀", 1),
            ("，。“”", 4),
            ("2021", 1),
            ("abc", 1),
            ("2021年", 2),
            ("abc def", 2),
            ("5G网络", 3),
            ("ABC123", 1),
            ("一 二\n三\t四\u{3000}五", 5),
            ("杭州", 2),
            ("Ａ１，", 3),
            ("a,b.", 1),
            ("3.5%的增长", 4),
            ("《美丽城镇》", 6),
            ("……——", 4),
            (" \t\r\n\u{3000}\u{a0}", 0),
            ("富阳区2021年GDP增长5%", 9),
            ("第1期 第2期", 6),
            ("😀", 1),
        ];
        for (text, expected) in cases {
            assert_eq!(zishu(text), *expected, "zishu({text:?})");
        }
    }

    #[test]
    fn zishu_is_not_utf16_length() {
        let text = "𠀀";
        assert_eq!(text.encode_utf16().count(), 2);
        assert_eq!(zishu(text), 1);
        let mixed = "𠀀😀字";
        assert_eq!(mixed.encode_utf16().count(), 5);
        assert_eq!(zishu(mixed), 3);
    }

    #[test]
    fn zishu_boundaries_around_500() {
        let han = |n: usize| "美".repeat(n);
        let spaced_500: String = han(500)
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let gap = match i % 4 {
                    0 => " ",
                    1 => "\n",
                    2 => "\u{3000}",
                    _ => "\r\n\t",
                };
                [c.to_string(), gap.to_string()]
            })
            .collect();
        let cases: Vec<(String, usize)> = vec![
            (han(499), 499),
            (han(500), 500),
            (han(501), 501),
            (spaced_500.clone(), 500),
            (format!("  \n{}\n\n  ", han(500)), 500),
            (format!("{spaced_500}美"), 501),
            ("𠀀".repeat(500), 500),
            // Word: 498 汉字 + " 2021 abc" is 500 字.
            (format!("{} 2021 abc", han(498)), 500),
            (format!("{} 2021 abc d", han(498)), 501),
        ];
        for (text, expected) in cases {
            assert_eq!(zishu(&text), expected, "length {}", text.len());
        }
    }

    #[test]
    fn trim_removes_all_white_space_at_ends() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("   ", ""),
            ("\u{3000}\u{a0} 杭州 \t\n", "杭州"),
            ("\u{3000}\u{3000}西湖区\u{3000}", "西湖区"),
            ("杭 州", "杭 州"),
            ("\r\n申报单位\r\n", "申报单位"),
            ("abc", "abc"),
        ];
        for (text, expected) in cases {
            assert_eq!(trim(text), *expected, "trim({text:?})");
        }
    }

    #[test]
    fn clean_line_collapses_and_removes_breaks() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            (" \n\u{3000} ", ""),
            ("  杭州市  西湖区  ", "杭州市 西湖区"),
            ("杭州市\u{3000}\u{3000}西湖区", "杭州市 西湖区"),
            ("张\u{3000}三", "张 三"),
            ("A\t\u{a0}B", "A B"),
            ("杭州市西湖区\n人民政府", "杭州市西湖区人民政府"),
            ("杭州市西湖区\r\n人民政府", "杭州市西湖区人民政府"),
            ("杭州市西湖区 \n 人民政府", "杭州市西湖区人民政府"),
            ("2024\n年", "2024年"),
            ("（杭州）\n美丽城镇", "（杭州）美丽城镇"),
            ("Hangzhou\nCity", "Hangzhou City"),
            ("Hangzhou \r\n City", "Hangzhou City"),
            ("\n杭州市\n", "杭州市"),
            ("单行", "单行"),
        ];
        for (text, expected) in cases {
            assert_eq!(clean_line(text), *expected, "clean_line({text:?})");
        }
    }

    #[test]
    fn clean_block_normalises_lines() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            (" \n\u{3000}\n\t", ""),
            ("一\r\n二\r三\n四", "一\n二\n三\n四"),
            ("一  \n二\u{3000}\u{3000}\n三\t", "一\n二\n三"),
            ("一\n二", "一\n二"),                // 1 newline kept
            ("一\n\n二", "一\n\n二"),            // 2 newlines kept
            ("一\n\n\n二", "一\n\n二"),          // 3 → 2
            ("一\n\n\n\n\n二", "一\n\n二"),      // 5 → 2
            ("一\r\n\r\n\r\n二", "一\n\n二"),    // CRLF ×3 → 2
            ("一\r\r\r二", "一\n\n二"),          // CR ×3 → 2
            ("一\n \n\u{3000}\n二", "一\n\n二"), // white-space-only lines are blank
            ("\n\n  第一段\n\n", "第一段"),
            (
                "\u{3000}\u{3000}第一段\n\u{3000}\u{3000}第二段",
                "第一段\n\u{3000}\u{3000}第二段",
            ),
            ("一\u{2028}二\u{2029}三", "一\n二\n三"),
            ("  a  b  ", "a  b"),
        ];
        for (text, expected) in cases {
            assert_eq!(clean_block(text), *expected, "clean_block({text:?})");
        }
    }

    #[test]
    fn cleaning_keeps_the_zishu() {
        let text = "\u{3000}\u{3000}美丽城镇\r\n\r\n\r\n\r\n建设 方案 \n";
        assert_eq!(zishu(&clean_block(text)), zishu(text));
        assert_eq!(zishu(&clean_line(text)), zishu(text));
        assert_eq!(zishu(trim(text)), zishu(text));
    }
}
