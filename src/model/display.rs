//! Things written for people: Beijing times and dates, file sizes, the paragraphs of a long
//! text, and a reason with its detail.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::clock;
use super::text::clean_block;

/// Beijing time (UTC+8, no daylight saving).
pub fn beijing(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    // 8 hours is always a valid offset; the fallback is never taken.
    match FixedOffset::east_opt(8 * 3600) {
        Some(offset) => at.with_timezone(&offset),
        None => at.fixed_offset(),
    }
}

/// The calendar date in Beijing at `at` (the date in a file name).
pub fn beijing_date(at: DateTime<Utc>) -> NaiveDate {
    beijing(at).date_naive()
}

/// "2021年6月30日 16:00" (Beijing time) for a UTC instant.
pub fn beijing_time_display(at: DateTime<Utc>) -> String {
    let local = beijing(at);
    format!(
        "{} {}",
        clock::chinese_date(local.date_naive()),
        clock::hour_minute(&local)
    )
}

/// "14:03:21" (Beijing time): when a draft was last saved.
pub fn beijing_clock(at: DateTime<Utc>) -> String {
    clock::hour_minute_second(&beijing(at))
}

/// A file size for people: "980 字节", "12.5 KB", "3.2 MB" (1 KB = 1024 字节).
pub fn size_display(bytes: u64) -> String {
    // In whole tenths, rounded half up: integer arithmetic keeps float formatting out of the wasm.
    let tenths = |unit: u64| {
        let t = (u128::from(bytes) * 10 + u128::from(unit) / 2) / u128::from(unit);
        format!("{}.{}", t / 10, t % 10)
    };
    if bytes < 1 << 10 {
        format!("{bytes} 字节")
    } else if bytes < 1 << 20 {
        format!("{} KB", tenths(1 << 10))
    } else if bytes < 1 << 30 {
        format!("{} MB", tenths(1 << 20))
    } else {
        format!("{} GB", tenths(1 << 30))
    }
}

/// The paragraphs of a long text: its lines once cleaned, blank lines left out.
pub fn paragraphs(text: &str) -> Vec<String> {
    clean_block(text)
        .split('\n')
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

/// "原因：细节", or the reason alone when there is no detail: how the file errors print.
pub fn write_reason(f: &mut fmt::Formatter<'_>, reason: &str, detail: &str) -> fmt::Result {
    if detail.is_empty() {
        f.write_str(reason)
    } else {
        write!(f, "{reason}：{detail}")
    }
}

#[cfg(test)]
mod tests {
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
}
