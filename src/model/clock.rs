//! Dates and times in the app's few fixed spellings, written out by hand: chrono does the
//! calendar arithmetic, but its strftime engine (format strings parsed at run time) would cost
//! the browser ~20 KB of wasm for five patterns.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

/// "2021-06-30".
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "20210630" (file names).
pub fn compact_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// "16:05".
pub fn hour_minute(time: &impl Timelike) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "16:05:09".
pub fn hour_minute_second(time: &impl Timelike) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second()
    )
}

/// "2021-06-30T08:00:00Z": a UTC instant to the whole second (the signed file's `signedAt`).
pub fn utc_second(at: DateTime<Utc>) -> String {
    format!("{}T{}Z", iso_date(at.date_naive()), hour_minute_second(&at))
}

/// Reads exactly the spelling [`utc_second`] writes — zero-padded, whole seconds, a `Z`, no
/// leap second — and nothing else.
pub fn parse_utc_second(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let number = |from: usize, to: usize| text[from..to].parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )?;
    let time = date.and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?;
    Some(NaiveDateTime::and_utc(&time))
}

/// "2021年6月30日", as official documents print dates.
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}
