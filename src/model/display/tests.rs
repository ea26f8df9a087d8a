//! Tests of `model::display`: Beijing times, file sizes and paragraphs (“文件过大” is tested with
//! `model::picked_file`, which words it for the pages).

use super::*;
use chrono::TimeZone;

#[test]
fn beijing_times_are_printed_the_chinese_way() {
    let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    assert_eq!(beijing_time_display(at), "2021年6月30日 16:00");
    // 20:30 UTC is already the next day in Beijing.
    let late = Utc.with_ymd_and_hms(2021, 6, 30, 20, 30, 0).unwrap();
    assert_eq!(beijing_time_display(late), "2021年7月1日 04:30");
    assert_eq!(
        beijing_date(late),
        NaiveDate::from_ymd_opt(2021, 7, 1).unwrap()
    );
}

#[test]
fn sizes_read_naturally() {
    assert_eq!(size_display(0), "0 字节");
    assert_eq!(size_display(1023), "1023 字节");
    assert_eq!(size_display(1024), "1.0 KB");
    assert_eq!(size_display(5 * 1024 * 1024 + 1), "5.0 MB");
    assert_eq!(size_display(3 << 30), "3.0 GB");
    assert_eq!(size_display(12_800), "12.5 KB");
    assert_eq!(size_display(1024 * 1024 - 1), "1024.0 KB");
    assert_eq!(size_display(1_153_434), "1.1 MB");
    assert_eq!(size_display(u64::MAX), "17179869184.0 GB");
}

#[test]
fn paragraphs_are_the_non_blank_lines() {
    let table: &[(&str, &[&str])] = &[
        ("", &[]),
        ("一段", &["一段"]),
        (
            "第一段。\n\n\n第二段。\r\n第三段。",
            &["第一段。", "第二段。", "第三段。"],
        ),
        ("  缩进\n\u{3000}\n尾 ", &["缩进", "尾"]),
    ];
    for (text, expected) in table {
        assert_eq!(paragraphs(text), *expected, "{text:?}");
    }
}
