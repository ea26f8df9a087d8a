//! The city office's 汇总表: one row per valid signed file — every item of the form (labelled as
//! on the paper form, by [`FieldId`]), then 附件, 附件核对, 签名单位, the key's fingerprint,
//! 签名时间, 内容摘要 and 文件名 — and the invalid files with their reasons. One list of columns
//! for the CLI's CSV, the workbook and the printed table, in the app and on the command line.

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use super::attachment_check::{check_attachments, summary_line, AttachmentStatus, PresentFile};
use super::clock;
use super::clock::chinese_date;
use super::declaration::{county_display, Attachment, Declaration};
use super::encoding::fingerprint_groups;
use super::field::FieldId;
use super::key_registry::{signer_applicant_mismatch, KnownKeys};
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

/// A valid file as the city office examines it — on the command line and in the verify page
/// alike: verified, its attachments checked against the files at hand, its key looked up in
/// the known keys. Made by [`examine`] only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Examined {
    pub file_name: String,
    pub verified: Verified,
    pub attachments: Vec<(Attachment, AttachmentStatus)>,
    /// The registered office its key belongs to, if it is in the list.
    pub signer: Option<String>,
    /// A registered office signing for another 申报单位: the warning to show.
    pub mismatch: Option<String>,
}

/// Examines a verified file: each attachment it lists against `present` (the files beside it
/// on disk, or dropped in the browser), its key against `keys`.
pub fn examine(
    file_name: impl Into<String>,
    verified: Verified,
    present: &[PresentFile],
    keys: &KnownKeys,
) -> Examined {
    let attachments = check_attachments(&verified.declaration.attachments, present);
    let signer = keys.name(&verified.fingerprint).map(str::to_string);
    let mismatch = signer
        .as_deref()
        .and_then(|office| signer_applicant_mismatch(office, &verified.declaration.applicant));
    Examined {
        file_name: file_name.into(),
        verified,
        attachments,
        signer,
        mismatch,
    }
}

impl Examined {
    /// Whether an attachment is present with other content than was signed (a missing one is
    /// only reported: attachments may travel separately, e.g. on paper).
    pub fn attachment_altered(&self) -> bool {
        self.attachments
            .iter()
            .any(|(_, status)| matches!(status, AttachmentStatus::Altered { .. }))
    }

    /// The file as a row of the summary.
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
            total: None,
        },
        Table {
            name: "无效文件".into(),
            title: format!("{title}　无效文件 {} 份", invalid.len()),
            header: INVALID_HEADER.iter().map(|h| h.to_string()).collect(),
            rows: invalid
                .iter()
                .map(|f| vec![f.file_name.clone(), f.reason.clone()])
                .collect(),
            total: None,
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
