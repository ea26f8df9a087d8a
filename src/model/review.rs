//! The declaration read back to people: every item once, in the order of the paper form, as
//! label–value rows (the check-answers page before signing, and a verified file's read-only
//! view), and the dates and times as Chinese documents print them.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::clock;
use super::declaration::{chinese_date, county_display, parse_date, Declaration, Milestone};
use super::field::{FieldId, Role};
use super::signed_file::fingerprint_groups;

/// One row of the read-back: a label and its value, as lines of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    pub label: String,
    /// One entry per line (towns, paragraphs, attachments); empty when nothing was filled in.
    pub lines: Vec<String>,
}

/// A titled group of rows, like the sections of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewSection {
    pub title: &'static str,
    pub rows: Vec<ReviewRow>,
}

/// Shown for an item left empty.
pub const EMPTY: &str = "（未填写）";

fn row(label: impl Into<String>, lines: Vec<String>) -> ReviewRow {
    ReviewRow {
        label: label.into(),
        lines: lines.into_iter().filter(|l| !l.is_empty()).collect(),
    }
}

fn one(label: impl Into<String>, text: impl Into<String>) -> ReviewRow {
    row(label, vec![text.into()])
}

/// "2021-06-30" → "2021年6月30日", "2021-06" → "2021年6月"; text that is not a date is shown
/// as written.
pub fn date_display(text: &str) -> String {
    match parse_date(text) {
        Ok(Some(date)) => date.chinese(),
        _ => text.trim().to_string(),
    }
}

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
        chinese_date(local.date_naive()),
        clock::hour_minute(&local)
    )
}

/// "14:03:21" (Beijing time): when a draft was last saved.
pub fn beijing_clock(at: DateTime<Utc>) -> String {
    clock::hour_minute_second(&beijing(at))
}

/// Every item of the declaration, in the order of the paper form, with the form's labels.
pub fn review_sections(d: &Declaration) -> Vec<ReviewSection> {
    let label = |f: FieldId| f.label();
    let person_rows = |role: Role| -> Vec<ReviewRow> {
        super::field::PersonField::ALL
            .into_iter()
            .map(|pf| {
                let field = FieldId::Person(role, pf);
                one(label(field), d.text(field).unwrap_or_default().trim())
            })
            .collect()
    };
    let mut people = person_rows(Role::Coordinator);
    people.extend(person_rows(Role::Contact));
    let applicant = if d.applicant.trim().is_empty() {
        String::new()
    } else {
        county_display(d.applicant.trim())
    };
    let attachments = if d.attachments.is_empty() {
        vec!["无附件".to_string()]
    } else {
        d.attachments
            .iter()
            .map(|a| {
                format!(
                    "{}（{}，SHA-256：{}）",
                    a.name,
                    size_display(a.size),
                    fingerprint_groups(&a.sha256)
                )
            })
            .collect()
    };
    vec![
        ReviewSection {
            title: "一、集群基本信息",
            rows: vec![
                one(label(FieldId::ClusterName), d.cluster_name.trim()),
                one(label(FieldId::Applicant), applicant),
                one(
                    label(FieldId::ApplicantOffice),
                    d.applicant_office_name().unwrap_or_default(),
                ),
                row(
                    label(FieldId::Towns),
                    d.towns.iter().map(|t| t.display()).collect(),
                ),
            ],
        },
        ReviewSection {
            title: "二、创建类型与范围",
            rows: vec![
                one(
                    label(FieldId::CreationType),
                    d.creation_type.map(|t| t.label()).unwrap_or_default(),
                ),
                one(
                    label(FieldId::Scope),
                    d.scope.map(|s| s.label()).unwrap_or_default(),
                ),
            ],
        },
        ReviewSection {
            title: "三、总协调人与具体联系人",
            rows: people,
        },
        ReviewSection {
            title: "四、时间安排",
            rows: Milestone::ALL
                .into_iter()
                .map(|m| one(m.label(), date_display(d.milestone(m))))
                .collect(),
        },
        ReviewSection {
            title: "五、阶段性成果与主要内容",
            rows: vec![
                row(label(FieldId::StageResults), paragraphs(&d.stage_results)),
                row(label(FieldId::Summary), paragraphs(&d.summary)),
                one(label(FieldId::DeclaredOn), date_display(&d.declared_on)),
            ],
        },
        ReviewSection {
            title: "六、附件（具体方案可另附）",
            rows: vec![row("附件", attachments)],
        },
    ]
}

fn paragraphs(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim().to_string()).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::declaration::Attachment;
    use crate::model::sample;
    use chrono::TimeZone;

    fn find<'a>(sections: &'a [ReviewSection], label: &str) -> &'a ReviewRow {
        sections
            .iter()
            .flat_map(|s| &s.rows)
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("no row {label}"))
    }

    #[test]
    fn every_item_is_read_back_once_in_form_order() {
        let d = sample::complete();
        let sections = review_sections(&d);
        let labels: Vec<String> = sections
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.label.clone()))
            .collect();
        let mut expected: Vec<String> = FieldId::ALL.iter().map(|f| f.label()).collect();
        expected.push("附件".into());
        assert_eq!(labels, expected);
        assert_eq!(find(&sections, "申报单位").lines, ["桐庐县"]);
        assert_eq!(
            find(&sections, "申报单位名称（与公章一致）").lines,
            ["桐庐县美镇办"]
        );
        assert_eq!(
            find(&sections, "关联乡镇（街道）").lines,
            [
                "富春江镇（桐庐县）",
                "江南镇（桐庐县）",
                "凤川街道（桐庐县）"
            ]
        );
        assert_eq!(find(&sections, "创建类型").lines, ["复合型"]);
        assert_eq!(find(&sections, "工作专班成立时间").lines, ["2021年4月30日"]);
        assert_eq!(
            find(&sections, "总协调人 联系电话").lines,
            ["0571-64212345"]
        );
        assert!(find(&sections, "日期（申报单位盖章处）").lines.is_empty());
        assert_eq!(find(&sections, "附件").lines, ["无附件"]);
    }

    #[test]
    fn attachments_and_paragraphs_are_listed_line_by_line() {
        let mut d = sample::complete();
        d.summary = "第一段。\n\n第二段。".into();
        d.attachments.push(Attachment {
            name: "规划.pdf".into(),
            size: 1536,
            media_type: "application/pdf".into(),
            sha256: "ab".repeat(32),
        });
        let sections = review_sections(&d);
        assert_eq!(
            find(&sections, "主要内容简介（500字）").lines,
            ["第一段。", "第二段。"]
        );
        let line = &find(&sections, "附件").lines[0];
        assert!(
            line.starts_with("规划.pdf（1.5 KB，SHA-256：abab abab"),
            "{line}"
        );
    }

    #[test]
    fn dates_and_times_are_printed_the_chinese_way() {
        assert_eq!(date_display("2021-06-30"), "2021年6月30日");
        assert_eq!(date_display("2021/6/3"), "2021年6月3日");
        assert_eq!(date_display("不详"), "不详");
        assert_eq!(date_display(""), "");
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
}
