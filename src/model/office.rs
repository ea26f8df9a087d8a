//! Office files for people who work in Word and Excel: the declaration as a Word document
//! (`docx`) and read back from one (`docx_read`), tables as an Excel workbook (`xlsx`), and the
//! job a page hands the office worker (`job`); here, what they share (the table, the error, cell
//! text). Pure: bytes in memory, no clock, no I/O.

pub mod docx;
pub mod docx_read;
pub mod job;
pub mod xlsx;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::model::error::UserError;

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
