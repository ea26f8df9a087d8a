//! Tests of `model::date`: every usual spelling of a date, real calendar dates only, and
//! comparison at the coarser precision.

use super::*;

#[test]
fn dates_are_read_in_every_usual_spelling_and_must_be_real() {
    let day = |y, m, d| PlanDate::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let month = |year, month| PlanDate::Month { year, month };
    let cases = [
        ("2021-06-30", day(2021, 6, 30)),
        (" 2021-6-3 ", day(2021, 6, 3)),
        ("2021/6/30", day(2021, 6, 30)),
        ("2021.06.30", day(2021, 6, 30)),
        ("2021年6月30日", day(2021, 6, 30)),
        ("2021 年 6 月 30 日", day(2021, 6, 30)),
        ("２０２１年６月３０日", day(2021, 6, 30)),
        ("2024-02-29", day(2024, 2, 29)),
        ("2000-01-01", day(2000, 1, 1)),
        ("2099-12-31", day(2099, 12, 31)),
        ("2021-06", month(2021, 6)),
        ("2021-6", month(2021, 6)),
        ("2021/6", month(2021, 6)),
        ("2021.6", month(2021, 6)),
        ("2021年6月", month(2021, 6)),
        ("２０２１年１２月", month(2021, 12)),
        ("2021年1月", month(2021, 1)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_date(text), Ok(Some(expected)), "{text:?}");
    }
    assert_eq!(parse_date(""), Ok(None));
    assert_eq!(parse_date("   "), Ok(None));
    for bad in [
        "2021-02-29",
        "2021-02-30",
        "2021-04-31",
        "2021-13-01",
        "2021-00-10",
        "2021-06-00",
        "2021-06-32",
        "2021-13",
        "2021-00",
        "2021年13月",
        "2021年6月日",
        "2021年",
        "2021",
        "2021-",
        "2021-06-",
        "21-06-30",
        "21-06",
        "2021-06-30-01",
        "二〇二一年六月",
        "2021-0a-10",
        "2021-001-10",
        "6月30日",
    ] {
        assert_eq!(parse_date(bad), Err(DateError::NotADate), "{bad:?}");
    }
    for far in ["1999-12-31", "2100-01-01", "1999-12", "2100年1月"] {
        assert_eq!(parse_date(far), Err(DateError::OutOfRange), "{far:?}");
    }
}

#[test]
fn dates_print_and_sign_at_the_precision_given() {
    let table = [
        ("2021/6/3", "2021-06-03", "2021年6月3日"),
        ("2021年6月", "2021-06", "2021年6月"),
        ("2021.12", "2021-12", "2021年12月"),
    ];
    for (text, iso, chinese) in table {
        let date = parse_date(text).unwrap().unwrap();
        assert_eq!(date.iso(), iso, "{text}");
        assert_eq!(date.chinese(), chinese, "{text}");
        // What is signed reads back as the same date.
        assert_eq!(parse_date(iso), Ok(Some(date)), "{iso}");
    }
}

#[test]
fn earlier_compares_at_the_coarser_precision() {
    let d = |t: &str| parse_date(t).unwrap().unwrap();
    let table = [
        ("2021-06-14", "2021-06-15", true),
        ("2021-06-15", "2021-06-15", false),
        ("2021年6月", "2021-06-15", false),
        ("2021-06-30", "2021年6月", false),
        ("2021-06-01", "2021年6月", false),
        ("2021年5月", "2021-06-01", true),
        ("2021-05-31", "2021年6月", true),
        ("2021年5月", "2021年6月", true),
        ("2021年6月", "2021年6月", false),
        ("2020年12月", "2021年1月", true),
    ];
    for (a, b, before) in table {
        assert_eq!(d(a).is_before(d(b)), before, "{a} before {b}");
    }
}
