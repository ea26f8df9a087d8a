//! Reading a filled Word declaration (.docx) back into a declaration: the notice's attachment
//! as counties fill it in WPS or Word (or LibreOffice), and the Word copy this app writes.
//! Pure: bytes in, a [`WordImport`] or a [`WordReadError`] out; no clock, no I/O.
//!
//! Steps, each in its own module:
//! 1. `kind`: what the bytes are — a zip, or a .doc, .wps, PDF, picture … refused with what to do;
//! 2. `package`: the zip opened with caps, only its main document unpacked;
//! 3. `xml`: `word/document.xml` read with quick-xml into paragraphs and tables (grid spans,
//!    vertical merges, nested tables, check boxes of every kind);
//! 4. `locate`: the form's labels found wherever they stand (`labels`), and each value beside
//!    its label;
//! 5. `fill`: each value through the rules of typed input (`towns` for 关联乡镇（街道）), into a
//!    cleaned [`Declaration`]; and the [`ImportReport`] the user reads (`report`).
//!
//! Caps, for hostile files (each refusal has a plain reason, see [`WordReadError`]):
//!
//! | what | cap |
//! |---|---|
//! | the file | [`MAX_FILE_BYTES`] (20 MiB), refused before it is opened |
//! | zip entries | [`MAX_ENTRIES`] (1,000) |
//! | `word/document.xml` unpacked | [`MAX_DOCUMENT_BYTES`] (16 MiB), read through a reader that stops one byte past it: the sizes in the zip's headers are never trusted, so a zip bomb is refused after inflating at most that much |
//! | `_rels/.rels` unpacked | [`MAX_RELS_BYTES`] (256 KiB) |
//! | all parts unpacked together | [`MAX_TOTAL_BYTES`] |
//! | elements open at once | [`MAX_DEPTH`] (256) |
//! | tables inside tables | [`MAX_TABLE_DEPTH`] (8) |
//! | paragraphs | [`MAX_PARAGRAPHS`] (20,000) |
//! | table cells | [`MAX_CELLS`] (5,000) |
//! | rows one vertical merge joins | [`MAX_MERGED_ROWS`] (50; a longer merge is read as separate cells) |
//! | a cell's span, a row's indent | 64 grid columns (larger values are read as 64) |
//! | names in the towns cell | [`MAX_TOWN_NAMES`] (200; the rest are reported, not read) |
//! | pieces of unplaced text listed | [`MAX_UNPLACED`] (100; the rest are counted) |
//!
//! A `<!DOCTYPE` is refused (so no entity is ever declared), and no entity but XML's five and
//! character references is accepted. Only the main document and the package relationships are
//! unpacked: macros (`vbaProject.bin`), embedded objects, pictures, headers, footers, comments
//! and footnotes are never read, and the report says what was left out.

mod error;
mod fill;
mod kind;
mod labels;
mod locate;
mod package;
mod report;
mod towns;
mod xml;

pub use error::{Unsafe, WordReadError, ZipKind};
pub use kind::{sniff, FileKind};
pub use locate::{MAX_MERGED_ROWS, MAX_UNPLACED};
pub use package::{MAX_DOCUMENT_BYTES, MAX_ENTRIES, MAX_RELS_BYTES, MAX_TOTAL_BYTES};
pub use report::{FieldEntry, FieldState, ImportReport, Unplaced};
pub use towns::MAX_TOWN_NAMES;
pub use xml::{MAX_CELLS, MAX_DEPTH, MAX_PARAGRAPHS, MAX_TABLE_DEPTH};

use serde::{Deserialize, Serialize};

use crate::model::declaration::Declaration;
use crate::model::picked_file::Expected;
use crate::model::validate::{validate, Report};

/// The largest file accepted. A filled declaration is a few dozen KB; pictures pasted in make
/// it larger, and they are never read.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// A Word declaration as a file the pages let people pick (read whole only up to the cap).
pub const WORD_FILE: Expected = Expected {
    what: "申报表的 Word 文件（.docx）",
    max_bytes: MAX_FILE_BYTES,
};

/// Labels naming the form plainly (not just 职务 or 日期) that must be found for a document to
/// count as the declaration.
const MIN_DISTINCTIVE_LABELS: usize = 2;

/// A Word declaration read back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WordImport {
    /// What the file holds, as if typed into the form, cleaned as the form's is before it is
    /// printed or signed. Attachments are never in it (a Word file lists only their names).
    pub declaration: Declaration,
    pub report: ImportReport,
}

impl WordImport {
    /// The declaration checked as the form checks it.
    pub fn problems(&self) -> Report {
        validate(&self.declaration)
    }

    /// The import as JSON, as a worker hands it to the page.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// An import from its JSON (through a `Value`, as the app reads declarations).
    pub fn from_json(json: &str) -> Result<WordImport, serde_json::Error> {
        serde_json::from_value(serde_json::from_str::<serde_json::Value>(json)?)
    }
}

/// Reads a filled Word declaration. `file_name` only helps to name what a refused file seems
/// to be (a .wps and a .doc look alike inside).
pub fn read_word(bytes: &[u8], file_name: &str) -> Result<WordImport, WordReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(WordReadError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    match sniff(bytes, file_name) {
        FileKind::Zip => {}
        other => return Err(WordReadError::NotDocx(other)),
    }
    let opened = package::open(bytes)?;
    let document = xml::parse_document(&opened.document)?;
    let found = locate::locate(&document);
    if found.distinctive < MIN_DISTINCTIVE_LABELS {
        return Err(WordReadError::NoForm);
    }
    let filled = fill::fill(&found);
    let mut notes = Vec::new();
    if found.signed_copy {
        notes.push(
            "这个 Word 文件是签名申报文件的 Word 副本，印有密钥指纹和内容摘要。Word 文件本身不能核验签名；导入后是一份新草稿，需要时请重新签名。"
                .to_string(),
        );
    }
    if !found.attachments.is_empty() {
        notes.push(format!(
            "申报表中列有附件：{}。Word 文件中只有文件名，导入后请在“六、附件”中重新添加这些文件。",
            found.attachments.join("、")
        ));
    }
    if opened.macros {
        notes.push("文件中带有宏，没有读取，也不会运行。".to_string());
    }
    let shown = document.objects + document.pictures;
    let left_out = if shown > 0 { shown } else { opened.embedded };
    if left_out > 0 {
        notes.push(format!(
            "文件中有 {left_out} 处图片或嵌入的对象，没有读取（只读取文字）。"
        ));
    }
    Ok(WordImport {
        declaration: filled.declaration,
        report: ImportReport {
            fields: filled.fields,
            unplaced: found.unplaced,
            unplaced_more: found.unplaced_more,
            notes,
        },
    })
}

#[cfg(test)]
pub(crate) mod tests;
