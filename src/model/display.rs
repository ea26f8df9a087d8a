//! Things written for people: Beijing times and dates, file sizes (and a file too large), the
//! paragraphs of a long text.

#[cfg(test)]
mod tests;

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

/// Why a file is too large, the one way every "文件过大" says it: "所选文件有 1.0 MB（1048577
/// 字节），签名申报文件不会超过 1.0 MB".
pub fn too_large(what: &str, size: u64, max: u64) -> String {
    let shown = if size < 1 << 10 {
        size_display(size)
    } else {
        format!("{}（{size} 字节）", size_display(size))
    };
    format!("所选文件有 {shown}，{what}不会超过 {}", size_display(max))
}

/// The paragraphs of a long text: its lines once cleaned, blank lines left out.
pub fn paragraphs(text: &str) -> Vec<String> {
    clean_block(text)
        .split('\n')
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}
