//! Office files for people who work in Word and Excel: the declaration as a Word document
//! (`docx`), and tables as an Excel workbook (`xlsx`). Pure: bytes in memory, no clock, no I/O.

pub mod docx;
pub mod xlsx;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::model::declaration::Declaration;
use crate::model::error::UserError;
use crate::model::paper::PaperBinding;

/// The most characters an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A table with a title line: one sheet of a workbook, or one printed table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Table {
    /// The sheet's tab name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The line above the header, e.g. "汇总表（2021年6月30日）".
    pub title: String,
    pub header: Vec<String>,
    /// Rows of plain text, each as long as `header`.
    pub rows: Vec<Vec<String>>,
}

/// Why an office file could not be written (in practice never: everything is in memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeError(pub String);

impl UserError for OfficeError {
    fn message(&self) -> String {
        "未能生成文件，请重试。".into()
    }

    /// The writer's own words.
    fn technical(&self) -> Option<String> {
        Some(self.0.clone())
    }
}

/// One office file to write. The writers are the largest code of the app, so the pages hand
/// this, as JSON, to a worker of its own (`meizhen-office`, `browser::office`) that holds them;
/// neither page's module carries them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum OfficeJob {
    /// The declaration in Word ([`docx::docx`]).
    Word {
        declaration: Box<Declaration>,
        binding: Option<PaperBinding>,
    },
    /// Tables as an Excel workbook ([`xlsx::xlsx`]).
    Workbook { tables: Vec<Table> },
}

impl OfficeJob {
    /// The file's bytes.
    pub fn run(&self) -> Result<Vec<u8>, OfficeError> {
        match self {
            OfficeJob::Word {
                declaration,
                binding,
            } => docx::docx(declaration, binding.as_ref()),
            OfficeJob::Workbook { tables } => xlsx::xlsx(tables),
        }
    }

    /// The job as the worker reads it.
    pub fn to_json(&self) -> Result<String, OfficeError> {
        serde_json::to_string(self).map_err(|e| OfficeError(e.to_string()))
    }

    /// A job from its JSON.
    pub fn from_json(json: &str) -> Result<OfficeJob, OfficeError> {
        serde_json::from_str(json).map_err(|e| OfficeError(e.to_string()))
    }

    /// Its media type, for the download.
    pub fn media_type(&self) -> &'static str {
        match self {
            OfficeJob::Word { .. } => docx::MEDIA_TYPE,
            OfficeJob::Workbook { .. } => xlsx::MEDIA_TYPE,
        }
    }
}

/// Text as a cell may hold it: control characters (which XML cannot carry and which no form
/// field should contain) are dropped, except line breaks, which stay (`\r\n` and `\r` become
/// `\n`) when `keep_lines`, and become spaces otherwise; tabs become spaces.
pub fn cell_text(text: &str, keep_lines: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' if keep_lines => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            // Not characters XML 1.0 allows.
            '\u{fffe}' | '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}
