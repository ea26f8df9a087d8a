//! The city office's 汇总表: one row per declaration — a valid signed file, or a Word file read
//! back, which is unsigned and marked so in the 来源 column, never counted as valid — with every
//! item of the form (labelled as on the paper form, by [`FieldId`]), then 附件, 附件核对,
//! 签名单位, the key's fingerprint, 签名时间, 内容摘要 and 文件名; the invalid files with their
//! reasons; 报送情况 (`status`: who has declared); and 加分评审 (a scoring sheet, one row per
//! declaration). One list of columns for the CLI's CSV, the workbook and the printed table, in
//! the app and on the command line.

pub mod status;
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
use super::office::{RowTotal, Table};
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

    /// The file as a row of the 汇总表.
    pub fn as_row(&self) -> Row<'_> {
        Row::Signed(self.as_valid())
    }
}

/// A Word declaration read back (`office::docx_read`): what it holds, unsigned.
#[derive(Clone, Copy, Debug)]
pub struct WordFile<'a> {
    pub file_name: &'a str,
    pub declaration: &'a Declaration,
}

/// One row of the 汇总表: a valid signed file, or a Word file (never counted as valid).
#[derive(Clone, Copy, Debug)]
pub enum Row<'a> {
    Signed(ValidFile<'a>),
    Word(WordFile<'a>),
}

/// The 来源 of a valid signed file's row.
pub const SIGNED_SOURCE: &str = "签名文件（有效）";
/// The 来源 of a Word file's row, and how a Word file is marked wherever it is shown.
pub const WORD_SOURCE: &str = "Word 文件（未签名）";
/// The 签名单位 of a Word file's row.
pub const NOT_SIGNED: &str = "未签名";

impl<'a> Row<'a> {
    pub fn declaration(&self) -> &'a Declaration {
        match self {
            Row::Signed(file) => &file.verified.declaration,
            Row::Word(file) => file.declaration,
        }
    }

    pub fn file_name(&self) -> &'a str {
        match self {
            Row::Signed(file) => file.file_name,
            Row::Word(file) => file.file_name,
        }
    }

    /// "签名文件（有效）" or "Word 文件（未签名）".
    pub fn source(&self) -> &'static str {
        match self {
            Row::Signed(_) => SIGNED_SOURCE,
            Row::Word(_) => WORD_SOURCE,
        }
    }

    fn kind(&self) -> status::Kind {
        match self {
            Row::Signed(_) => status::Kind::Signed,
            Row::Word(_) => status::Kind::Word,
        }
    }
}

/// How many rows are valid signed files and how many Word files.
pub fn counts(rows: &[Row<'_>]) -> (usize, usize) {
    let signed = rows.iter().filter(|r| matches!(r, Row::Signed(_))).count();
    (signed, rows.len() - signed)
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
    /// 来源: a valid signed file, or a Word file (unsigned).
    Source,
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
    // 来源 first, then every item in the order of the paper form; 附件 comes before 日期, as
    // on the form.
    let mut columns = vec![Column::Source];
    columns.extend(
        FieldId::ALL
            .iter()
            .copied()
            .filter(|f| *f != FieldId::DeclaredOn)
            .map(Column::Field),
    );
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
/// (阶段性成果, 主要内容简介), the coordinator, the people's units and titles, or the key's
/// fingerprint, which the workbook carries.
pub fn print_columns() -> Vec<Column> {
    use super::declaration::Milestone;
    use super::field::{PersonField, Role};
    let mut columns = vec![
        Column::Source,
        Column::Field(FieldId::ClusterName),
        Column::Field(FieldId::Applicant),
        Column::Field(FieldId::Towns),
        Column::Field(FieldId::CreationType),
        Column::Field(FieldId::Scope),
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
        // An empty template's 申报单位 is an empty cell, not an unknown region.
        FieldId::Applicant if d.applicant.trim().is_empty() => String::new(),
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
            Column::Source => "来源".into(),
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

    /// This column's cell for one row. A Word file has no signature: its 签名单位 says
    /// 未签名, its fingerprint, time and digest are empty, and its attachments were not
    /// checked (a Word file lists none).
    pub fn cell(self, row: &Row<'_>) -> String {
        let d = row.declaration();
        match (self, row) {
            (Column::Source, _) => row.source().to_string(),
            (Column::Field(field), _) => field_value(d, field),
            (Column::Attachments, _) => d
                .attachments
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            (Column::FileName, _) => row.file_name().to_string(),
            (Column::AttachmentCheck, Row::Signed(file)) => summary_line(file.attachments),
            (Column::Signer, Row::Signed(file)) => file.signer.unwrap_or(UNREGISTERED).to_string(),
            (Column::Fingerprint, Row::Signed(file)) => {
                fingerprint_groups(&file.verified.fingerprint)
            }
            (Column::SignedAt, Row::Signed(file)) => clock::utc_second(file.verified.signed_at),
            (Column::Digest, Row::Signed(file)) => {
                fingerprint_groups(&file.verified.content_digest)
            }
            (Column::AttachmentCheck, Row::Word(_)) => "未核对（Word 文件）".to_string(),
            (Column::Signer, Row::Word(_)) => NOT_SIGNED.to_string(),
            (Column::Fingerprint | Column::SignedAt | Column::Digest, Row::Word(_)) => {
                String::new()
            }
        }
    }
}

pub fn header() -> Vec<String> {
    columns().into_iter().map(Column::label).collect()
}

pub fn row(row: &Row<'_>) -> Vec<String> {
    columns().into_iter().map(|c| c.cell(row)).collect()
}

/// The header of the invalid files' table.
pub const INVALID_HEADER: [&str; 2] = ["文件名", "原因"];

/// The CSV: UTF-8 with a byte-order mark (so that Excel and WPS read it as UTF-8), the header,
/// one line per row, every field quoted and neutralised against formulas.
pub fn csv(rows: &[Row<'_>]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(&header()));
    for r in rows {
        out.push_str(&csv_line(&row(r)));
    }
    out
}

/// "杭州市美丽城镇集群化建设申报汇总表（2021年6月30日）".
pub fn title(on: NaiveDate) -> String {
    format!("杭州市美丽城镇集群化建设申报汇总表（{}）", chinese_date(on))
}

/// "签名有效的文件 2 份，Word 文件（未签名）1 份": the Word files never among the valid.
pub fn count_line(rows: &[Row<'_>]) -> String {
    let (signed, word) = counts(rows);
    let mut line = format!("签名有效的文件 {signed} 份");
    if word > 0 {
        line.push_str(&format!("，{WORD_SOURCE} {word} 份"));
    }
    line
}

/// The declarations as 报送情况 sees them: each row's 申报单位 and cluster.
pub fn declared<'a>(rows: &[Row<'a>]) -> Vec<status::Declared<'a>> {
    rows.iter()
        .map(|r| status::Declared {
            applicant: &r.declaration().applicant,
            cluster_name: &r.declaration().cluster_name,
            file_name: r.file_name(),
            kind: r.kind(),
        })
        .collect()
}

/// The header of the 加分评审 sheet: who declared what, then the notice's three bonus items
/// (规划方案、工作推进、实际成效) for reviewers to score, their total and a notes column.
pub const REVIEW_HEADER: [&str; 10] = [
    "序号",
    "申报单位",
    "美丽城镇集群化建设名称",
    "来源",
    "文件名",
    "规划方案",
    "工作推进",
    "实际成效",
    "合计",
    "备注",
];

/// The 加分评审 sheet: one row per declaration, the score columns empty, 合计 their sum.
pub fn review_table(rows: &[Row<'_>], on: NaiveDate) -> Table {
    Table {
        name: "加分评审".into(),
        title: format!(
            "{}　加分评审（规划方案、工作推进、实际成效，合计自动求和）",
            title(on)
        ),
        header: REVIEW_HEADER.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let d = r.declaration();
                let mut cells = vec![
                    (i + 1).to_string(),
                    field_value(d, FieldId::Applicant),
                    d.cluster_name.clone(),
                    r.source().to_string(),
                    r.file_name().to_string(),
                ];
                cells.extend(std::iter::repeat_n(String::new(), 5));
                cells
            })
            .collect(),
        total: Some(RowTotal {
            from: 5,
            to: 7,
            into: 8,
        }),
    }
}

/// The 报送情况 sheet: Hangzhou's 13 units, each with its declarations or 尚未报送.
pub fn status_table(rows: &[Row<'_>], on: NaiveDate) -> Table {
    let units = status::status(&declared(rows));
    Table {
        name: "报送情况".into(),
        title: format!("{}　报送情况：{}", title(on), status::overview(&units)),
        header: status::HEADER.iter().map(|h| h.to_string()).collect(),
        rows: units
            .iter()
            .enumerate()
            .map(|(i, u)| u.row(i + 1))
            .collect(),
        total: None,
    }
}

/// The workbook's sheets: 汇总表 (every declaration, 来源 telling signed from Word), 报送情况,
/// 加分评审, then 无效文件 with the reasons. `on` is the day of the summary, named in each
/// sheet's title row.
pub fn tables(rows: &[Row<'_>], invalid: &[InvalidFile], on: NaiveDate) -> Vec<Table> {
    let title = title(on);
    vec![
        Table {
            name: "汇总表".into(),
            title: format!("{title}　{}", count_line(rows)),
            header: header(),
            rows: rows.iter().map(row).collect(),
            total: None,
        },
        status_table(rows, on),
        review_table(rows, on),
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
