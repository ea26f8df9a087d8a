//! Dates on the form, as people write them: to the day or to the month ("2021年6月30日",
//! "2021/6/30", "2021年6月"), read into a [`PlanDate`], printed the official way and written to
//! the signed file in ISO form.

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use super::clock;

/// Why a date could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date at all, or not a real calendar date (2021-02-30).
    NotADate,
    /// A real date, but outside 2000–2099.
    OutOfRange,
}

/// Earliest and latest years a date on this form can sensibly have.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 2000..=2099;

/// A date on the form, to the day or to the month: plans are often given as "2021年6月".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
}

impl PlanDate {
    fn year_month(self) -> (i32, u32) {
        use chrono::Datelike;
        match self {
            PlanDate::Day(date) => (date.year(), date.month()),
            PlanDate::Month { year, month } => (year, month),
        }
    }

    /// "2021-06-30" or "2021-06": how the signed file writes it.
    pub fn iso(self) -> String {
        match self {
            PlanDate::Day(date) => clock::iso_date(date),
            PlanDate::Month { year, month } => format!("{year:04}-{month:02}"),
        }
    }

    /// "2021年6月30日" or "2021年6月", as official documents print dates.
    pub fn chinese(self) -> String {
        match self {
            PlanDate::Day(date) => clock::chinese_date(date),
            PlanDate::Month { year, month } => format!("{year}年{month}月"),
        }
    }

    /// Earlier than `other` at the coarser precision of the two: June 2021 is not before
    /// 2021-06-15, but May 2021 is.
    pub fn is_before(self, other: PlanDate) -> bool {
        match (self, other) {
            (PlanDate::Day(a), PlanDate::Day(b)) => a < b,
            _ => self.year_month() < other.year_month(),
        }
    }
}

/// Reads a date as people write it, to the day ("2021-06-30", "2021/6/30", "2021.6.30",
/// "2021年6月30日") or to the month ("2021-06", "2021/6", "2021.6", "2021年6月").
/// Full-width digits are read too. Empty text is `Ok(None)`.
pub fn parse_date(text: &str) -> Result<Option<PlanDate>, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let unified: String = text
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '－' | '／' | '．' => '-',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            other => other,
        })
        .filter(|&c| !c.is_whitespace())
        .collect();
    // "2021年6月" ends in a separator, "2021年6月30日" in 日.
    let unified = match unified.strip_suffix('日') {
        Some(day) if !day.ends_with('-') => day.to_string(),
        Some(_) => return Err(DateError::NotADate),
        None => match unified.strip_suffix('-') {
            Some(month) if text.ends_with('月') => month.to_string(),
            Some(_) => return Err(DateError::NotADate),
            None => unified,
        },
    };
    let parts: Vec<&str> = unified.split('-').collect();
    let all_digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (y, m, d) = match parts.as_slice() {
        [y, m] => (*y, *m, None),
        [y, m, d] => (*y, *m, Some(*d)),
        _ => return Err(DateError::NotADate),
    };
    if y.len() != 4 || !all_digits(y, 4) || !all_digits(m, 2) || !d.is_none_or(|d| all_digits(d, 2))
    {
        return Err(DateError::NotADate);
    }
    let (Ok(year), Ok(month)) = (y.parse::<i32>(), m.parse::<u32>()) else {
        return Err(DateError::NotADate);
    };
    let date = match d {
        Some(d) => {
            let day = d.parse::<u32>().map_err(|_| DateError::NotADate)?;
            PlanDate::Day(NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NotADate)?)
        }
        None if (1..=12).contains(&month) => PlanDate::Month { year, month },
        None => return Err(DateError::NotADate),
    };
    if !YEAR_RANGE.contains(&year) {
        return Err(DateError::OutOfRange);
    }
    Ok(Some(date))
}

/// A date as the form shows it once the user leaves the field: "2021/6/30" → "2021年6月30日",
/// "2021-06" → "2021年6月". `None` for text that is not a date (it stays as written).
pub fn date_as_printed(text: &str) -> Option<String> {
    parse_date(text).ok().flatten().map(PlanDate::chinese)
}
