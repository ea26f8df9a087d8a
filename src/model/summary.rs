//! The city office's 汇总表: one row per valid signed file — every item of the form (labelled as
//! on the paper form, by [`FieldId`]), then 附件, 附件核对, 签名单位, the key's fingerprint,
//! 签名时间, 内容摘要 and 文件名 — and the invalid files with their reasons. One list of columns
//! for the CLI's CSV, the workbook and the printed table, in the app and on the command line.

use chrono::NaiveDate;

use super::attachment_check::{summary_line, AttachmentStatus};
use super::clock;
use super::clock::chinese_date;
use super::declaration::{county_display, Attachment, Declaration};
use super::encoding::fingerprint_groups;
use super::field::FieldId;
use super::office::Table;
use super::safe_text::csv_line;
use super::signed_file::Verified;

/// The 签名单位 of a key that is not in the known-keys list.
pub const UNREGISTERED: &str = "未登记的密钥";

/// A valid file as the summary needs it. The caller checks the attachments (beside the file
/// on disk, or dropped in the browser) and looks the key up in its known-keys list.
#[derive(Clone, Copy, Debug)]
pub struct ValidFile<'a> {
    pub file_name: &'a str,
    pub verified: &'a Verified,
    pub attachments: &'a [(Attachment, AttachmentStatus)],
    /// The registered office's name, or `None` for a key not in the list.
    pub signer: Option<&'a str>,
}

/// A valid file with its attachment check and signer, owned (what a caller collects).
#[derive(Clone, Debug)]
pub struct CheckedFile {
    pub file_name: String,
    pub verified: Verified,
    pub attachments: Vec<(Attachment, AttachmentStatus)>,
    pub signer: Option<String>,
}

impl CheckedFile {
    pub fn as_valid(&self) -> ValidFile<'_> {
        ValidFile {
            file_name: &self.file_name,
            verified: &self.verified,
            attachments: &self.attachments,
            signer: self.signer.as_deref(),
        }
    }
}

/// A file that is not a valid signed declaration, with the reason users read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidFile {
    pub file_name: String,
    pub reason: String,
}

/// One column of the 汇总表.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// An item of the form.
    Field(FieldId),
    /// The attached files' names.
    Attachments,
    AttachmentCheck,
    Signer,
    Fingerprint,
    SignedAt,
    Digest,
    FileName,
}

/// Every column, in order: the form's items in the order of the paper form, then the facts of
/// the signature and the file.
pub fn columns() -> Vec<Column> {
    // Every item in the order of the paper form; 附件 comes before 日期, as on the form.
    let mut columns: Vec<Column> = FieldId::ALL
        .iter()
        .copied()
        .filter(|f| *f != FieldId::DeclaredOn)
        .map(Column::Field)
        .collect();
    columns.extend([
        Column::Attachments,
        Column::Field(FieldId::DeclaredOn),
        Column::AttachmentCheck,
        Column::Signer,
        Column::Fingerprint,
        Column::SignedAt,
        Column::Digest,
        Column::FileName,
    ]);
    columns
}

/// The columns of the printed 汇总表 (A4 landscape): the short items, without the long texts
/// (阶段性成果, 主要内容简介), the people's units and titles, or the key's fingerprint, which
/// the workbook carries.
pub fn print_columns() -> Vec<Column> {
    use super::declaration::Milestone;
    use super::field::{PersonField, Role};
    let mut columns = vec![
        Column::Field(FieldId::ClusterName),
        Column::Field(FieldId::Applicant),
        Column::Field(FieldId::Towns),
        Column::Field(FieldId::CreationType),
        Column::Field(FieldId::Scope),
        Column::Field(FieldId::Person(Role::Coordinator, PersonField::Name)),
        Column::Field(FieldId::Person(Role::Contact, PersonField::Name)),
        Column::Field(FieldId::Person(Role::Contact, PersonField::Phone)),
    ];
    columns.extend(Milestone::ALL.map(|m| Column::Field(FieldId::Milestone(m))));
    columns.extend([
        Column::AttachmentCheck,
        Column::Signer,
        Column::SignedAt,
        Column::FileName,
    ]);
    columns
}

/// A form item's value as one cell: choices by their label, towns by name and county, dates
/// and texts as written.
pub fn field_value(d: &Declaration, field: FieldId) -> String {
    match field {
        FieldId::ClusterName => d.cluster_name.clone(),
        FieldId::Applicant => county_display(&d.applicant),
        FieldId::ApplicantOffice => d.applicant_office_name().unwrap_or_default(),
        FieldId::Towns => d
            .towns
            .iter()
            .map(|t| t.display())
            .collect::<Vec<_>>()
            .join("、"),
        FieldId::CreationType => d
            .creation_type
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
        FieldId::Scope => d.scope.map(|s| s.label().to_string()).unwrap_or_default(),
        FieldId::Person(..) => d.text(field).unwrap_or_default().to_string(),
        FieldId::Milestone(m) => d.milestone(m).to_string(),
        FieldId::StageResults => d.stage_results.clone(),
        FieldId::Summary => d.summary.clone(),
        FieldId::DeclaredOn => d.declared_on.clone(),
    }
}

impl Column {
    /// The header: a form item's paper-form label, or the fact's name.
    pub fn label(self) -> String {
        match self {
            Column::Field(field) => field.label(),
            Column::Attachments => "附件".into(),
            Column::AttachmentCheck => "附件核对".into(),
            Column::Signer => "签名单位".into(),
            Column::Fingerprint => "签名密钥指纹".into(),
            Column::SignedAt => "签名时间（UTC）".into(),
            Column::Digest => "内容摘要".into(),
            Column::FileName => "文件名".into(),
        }
    }

    /// This column's cell for one valid file.
    pub fn cell(self, file: &ValidFile<'_>) -> String {
        let v = file.verified;
        match self {
            Column::Field(field) => field_value(&v.declaration, field),
            Column::Attachments => v
                .declaration
                .attachments
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            Column::AttachmentCheck => summary_line(file.attachments),
            Column::Signer => file.signer.unwrap_or(UNREGISTERED).to_string(),
            Column::Fingerprint => fingerprint_groups(&v.fingerprint),
            Column::SignedAt => clock::utc_second(v.signed_at),
            Column::Digest => fingerprint_groups(&v.content_digest),
            Column::FileName => file.file_name.to_string(),
        }
    }
}

pub fn header() -> Vec<String> {
    columns().into_iter().map(Column::label).collect()
}

pub fn row(file: &ValidFile<'_>) -> Vec<String> {
    columns().into_iter().map(|c| c.cell(file)).collect()
}

/// The header of the invalid files' table.
pub const INVALID_HEADER: [&str; 2] = ["文件名", "原因"];

/// The CSV: UTF-8 with a byte-order mark (so that Excel and WPS read it as UTF-8), the header,
/// one line per valid file, every cell neutralised against formulas.
pub fn csv(valid: &[ValidFile<'_>]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(&header()));
    for file in valid {
        out.push_str(&csv_line(&row(file)));
    }
    out
}

/// "杭州市美丽城镇集群化建设申报汇总表（2021年6月30日）".
pub fn title(on: NaiveDate) -> String {
    format!("杭州市美丽城镇集群化建设申报汇总表（{}）", chinese_date(on))
}

/// The workbook's sheets: 有效文件, then 无效文件 with the reasons. `on` is the day of the
/// summary, named in each sheet's title row.
pub fn tables(valid: &[ValidFile<'_>], invalid: &[InvalidFile], on: NaiveDate) -> Vec<Table> {
    let title = title(on);
    vec![
        Table {
            name: "有效文件".into(),
            title: format!("{title}　有效文件 {} 份", valid.len()),
            header: header(),
            rows: valid.iter().map(row).collect(),
        },
        Table {
            name: "无效文件".into(),
            title: format!("{title}　无效文件 {} 份", invalid.len()),
            header: INVALID_HEADER.iter().map(|h| h.to_string()).collect(),
            rows: invalid
                .iter()
                .map(|f| vec![f.file_name.clone(), f.reason.clone()])
                .collect(),
        },
    ]
}

/// The name of the exported summary: "杭州市美丽城镇集群化建设申报汇总表-20210630.xlsx".
pub fn file_name(on: NaiveDate, extension: &str) -> String {
    format!(
        "杭州市美丽城镇集群化建设申报汇总表-{}.{extension}",
        clock::compact_date(on)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::key_from_seed;
    use crate::model::sample;
    use crate::model::signed_file::{sign, to_json_bytes, verify};
    use chrono::{TimeZone, Utc};

    fn verified(d: &Declaration) -> Verified {
        let key = key_from_seed([3; 32]);
        let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
        verify(&to_json_bytes(&sign(d, &key, at).unwrap())).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 6, 30).unwrap()
    }

    #[test]
    fn every_item_of_the_form_has_a_column_labelled_as_on_paper() {
        let header = header();
        for field in FieldId::ALL.iter().chain([&FieldId::DeclaredOn]) {
            assert!(header.contains(&field.label()), "{field:?}");
        }
        for name in [
            "签名单位",
            "附件核对",
            "签名时间（UTC）",
            "内容摘要",
            "文件名",
        ] {
            assert!(header.iter().any(|h| h == name), "{name}");
        }
        let mut unique = header.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), header.len(), "labels are unique");
    }

    #[test]
    fn a_row_has_a_cell_for_every_column() {
        let v = verified(&sample::complete());
        let file = ValidFile {
            file_name: "a.json",
            verified: &v,
            attachments: &[],
            signer: Some("桐庐县美镇办"),
        };
        let row = row(&file);
        assert_eq!(row.len(), header().len());
        let cell = |c: Column| row[columns().iter().position(|x| *x == c).unwrap()].clone();
        let rows: [(Column, &str); 9] = [
            (Column::Field(FieldId::ClusterName), "桐庐富春江美镇圈"),
            (Column::Field(FieldId::Applicant), "桐庐县"),
            (Column::Field(FieldId::CreationType), "复合型"),
            (Column::Field(FieldId::Scope), "县域内部"),
            (Column::Signer, "桐庐县美镇办"),
            (Column::AttachmentCheck, "无附件"),
            (Column::SignedAt, "2021-06-30T08:00:00Z"),
            (Column::FileName, "a.json"),
            (Column::Attachments, ""),
        ];
        for (column, want) in rows {
            assert_eq!(cell(column), want, "{column:?}");
        }
        assert_eq!(cell(Column::Digest), fingerprint_groups(&v.content_digest));
        let unregistered = ValidFile {
            signer: None,
            ..file
        };
        assert!(super::row(&unregistered).contains(&UNREGISTERED.to_string()));
    }

    #[test]
    fn the_workbook_has_valid_and_invalid_sheets_with_a_dated_title() {
        let v = verified(&sample::complete());
        let valid = [ValidFile {
            file_name: "a.json",
            verified: &v,
            attachments: &[],
            signer: None,
        }];
        let invalid = [InvalidFile {
            file_name: "b.json".into(),
            reason: "内容被改动".into(),
        }];
        let tables = tables(&valid, &invalid, day());
        assert_eq!(tables.len(), 2);
        assert!(
            tables[0].title.contains("2021年6月30日"),
            "{}",
            tables[0].title
        );
        assert_eq!(tables[0].rows.len(), 1);
        assert_eq!(tables[1].rows, [["b.json", "内容被改动"]]);
        assert_eq!(
            file_name(day(), "xlsx"),
            "杭州市美丽城镇集群化建设申报汇总表-20210630.xlsx"
        );
    }

    #[test]
    fn the_printed_table_is_a_subset_without_the_long_texts() {
        let all = columns();
        let printed = print_columns();
        assert!(printed.iter().all(|c| all.contains(c)));
        for long in [FieldId::StageResults, FieldId::Summary] {
            assert!(!printed.contains(&Column::Field(long)));
        }
        assert!(printed.len() <= 16, "fits an A4 landscape page");
    }

    #[test]
    fn the_csv_is_the_same_rows_neutralised() {
        let mut d = sample::complete();
        d.cluster_name = "=1+2".into();
        let v = verified(&d);
        let valid = [ValidFile {
            file_name: "a.json",
            verified: &v,
            attachments: &[],
            signer: None,
        }];
        let csv = csv(&valid);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("'=1+2"), "{csv}");
        assert_eq!(csv.lines().count(), 2 + d.summary.matches('\n').count());
    }
}
