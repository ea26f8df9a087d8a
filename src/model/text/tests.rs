//! Tests of `model::text`: 字数 as Word and WPS count it, and white-space cleaning, table by
//! table.

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
