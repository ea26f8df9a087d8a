//! The declaration read back to people: every item once, in the order of the paper form, as
//! label–value rows (the check-answers page before signing, and a verified file's read-only
//! view), and the dates and times as Chinese documents print them.

#[cfg(test)]
mod tests;

use super::date::parse_date;
use super::declaration::{county_display, Declaration, Milestone};
use super::display::{paragraphs, size_display};
use super::encoding::fingerprint_groups;
use super::field::{FieldId, Role};

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
