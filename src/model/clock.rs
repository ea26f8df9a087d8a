//! Dates and times in the app's few fixed spellings, written out by hand: chrono does the
//! calendar arithmetic, but its strftime engine (format strings parsed at run time) would cost
//! the browser ~20 KB of wasm for five patterns.

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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_zero_padded() {
        let date = NaiveDate::from_ymd_opt(2021, 6, 3).unwrap();
        assert_eq!(iso_date(date), "2021-06-03");
        assert_eq!(compact_date(date), "20210603");
    }

    #[test]
    fn times_are_zero_padded() {
        let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 5, 9).unwrap();
        assert_eq!(hour_minute(&at), "08:05");
        assert_eq!(hour_minute_second(&at), "08:05:09");
        assert_eq!(utc_second(at), "2021-06-30T08:05:09Z");
    }

    #[test]
    fn utc_seconds_round_trip() {
        let at = Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59).unwrap();
        assert_eq!(parse_utc_second(&utc_second(at)), Some(at));
    }

    #[test]
    fn only_the_one_spelling_is_read() {
        for text in [
            "2021-06-30T08:00:00",
            "2021-06-30T08:00:00z",
            "2021-06-30 08:00:00Z",
            "2021-6-30T08:00:00Z",
            "2021-06-30T08:00:00.000Z",
            "2021-06-30T08:00:00+00:00",
            "2021-06-30T8:00:00Z ",
            "2021-02-30T08:00:00Z",
            "2021-06-30T24:00:00Z",
            "2021-06-30T23:59:60Z",
            "２021-06-30T08:00:00Z",
            "",
        ] {
            assert_eq!(parse_utc_second(text), None, "{text:?}");
        }
    }
}
