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

/// The most an Excel cell holds, in UTF-16 units (a character beyond U+FFFF, such as a rare
/// CJK character of Extension B, takes two).
pub const MAX_CELL_UTF16: usize = 32_767;

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
    /// A column each row fills with the sum of others, as a formula (the one cell of a
    /// workbook that is not text: reviewers' scores add up as they type them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<RowTotal>,
}

/// Each row's `into` column is `SUM` of its columns `from..=to` (0-based indices of `header`);
/// those columns are left for people to fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RowTotal {
    pub from: u16,
    pub to: u16,
    pub into: u16,
}

/// A file written, and what people should know about it: for a workbook, cells cut to fit
/// and cells that could not be written (the rest is), each naming the sheet, the row's file
/// and the column, in plain Chinese.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
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
