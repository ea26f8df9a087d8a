//! Tests of `model::clock`: dates and times written by hand.

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
