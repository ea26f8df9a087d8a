//! Tables as an Excel workbook (.xlsx), one sheet per [`Table`]: a title row, a frozen header
//! with an auto-filter, columns as wide as their text (within bounds), long text wrapped, and
//! every cell a string — a cell that reads "=1+2" is text, never a formula, and a phone, date
//! or code is never a number — except a table's [`RowTotal`](super::RowTotal) column, a `SUM`
//! formula. Nothing hidden reaches a cell (`safe_text::workbook_text`); a cell longer than
//! Excel holds is cut, marked [`CUT_MARK`], and named in the notes; a cell that cannot be
//! written is left empty and named, and the rest is written. Printed A4 landscape, the header
//! repeated on every page. Written by rust_xlsxwriter.

#[cfg(test)]
pub(crate) mod tests;

use rust_xlsxwriter::{
    row_col_to_cell, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::{cell_text, OfficeError, Table, Written, MAX_CELL_UTF16};
use crate::model::safe_text::workbook_text;

/// The media type of an .xlsx file.
pub const MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Column widths in Excel's units (about one Latin character; a Chinese character takes two).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 48;

/// How wide text is on screen: Chinese and other wide characters count twice.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// The width of each column: its widest line (header included), within
/// [`MIN_WIDTH`]..=[`MAX_WIDTH`]; longer text wraps.
pub fn column_widths(table: &Table) -> Vec<usize> {
    (0..table.header.len())
        .map(|i| {
            let cells =
                std::iter::once(&table.header[i]).chain(table.rows.iter().filter_map(|r| r.get(i)));
            let widest = cells
                .flat_map(|c| c.lines())
                .map(display_width)
                .max()
                .unwrap_or(0);
            (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}

/// A sheet's tab name as Excel allows it: none of `[]:*?/\`, at most 31 characters, not empty.
pub fn sheet_name(name: &str) -> String {
    let name: String = cell_text(name, false)
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .take(31)
        .collect();
    let name = name.trim_matches('\'').trim().to_string();
    if name.is_empty() {
        "Sheet".to_string()
    } else {
        name
    }
}

/// What ends a cell cut to fit.
pub const CUT_MARK: &str = "……（已截断，全文见签名申报文件）";

/// A cell's text: nothing hidden (`safe_text::workbook_text`), what XML cannot carry dropped,
/// line breaks kept, and at most what a cell holds — counted in UTF-16 units, as Excel counts —
/// with the cut marked. Whether it was cut.
pub fn cell_value(text: &str) -> (String, bool) {
    let text = workbook_text(&cell_text(text, true));
    if text.encode_utf16().count() <= MAX_CELL_UTF16 {
        return (text, false);
    }
    let room = MAX_CELL_UTF16 - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let mut kept: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= room
        })
        .collect();
    kept.push_str(CUT_MARK);
    (kept, true)
}

/// How many notes are listed; the rest are counted.
const MAX_NOTES: usize = 20;

/// Where a cell is, as people read it: "“有效文件”表中，文件 a.json 的“主要内容简介”".
fn place(table: &Table, row: usize, col: usize) -> String {
    let column = table
        .header
        .get(col)
        .map(String::as_str)
        .unwrap_or_default();
    let file = table
        .header
        .iter()
        .position(|h| h == "文件名")
        .and_then(|i| table.rows.get(row)?.get(i))
        .filter(|name| !name.is_empty());
    let sheet = sheet_name(&table.name);
    match file {
        Some(name) => format!("“{sheet}”表中，文件 {} 的“{column}”", cell_value(name).0),
        None => format!("“{sheet}”表第 {} 行的“{column}”", row + 1),
    }
}

/// What the writer of one workbook has noted so far.
#[derive(Default)]
struct Notes {
    listed: Vec<String>,
    more: usize,
}

impl Notes {
    fn add(&mut self, note: String) {
        if self.listed.len() < MAX_NOTES {
            self.listed.push(note);
        } else {
            self.more += 1;
        }
    }

    fn done(mut self) -> Vec<String> {
        if self.more > 0 {
            self.listed
                .push(format!("另有 {} 处同样的情况，未一一列出。", self.more));
        }
        self.listed
    }
}

struct Formats {
    title: Format,
    header: Format,
    cell: Format,
}

fn formats() -> Formats {
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color("#E8ECF2")
            .set_border(FormatBorder::Thin),
        cell: Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin),
    }
}

/// One row's cells; a cell that cannot be written is noted and left empty.
fn write_row(
    sheet: &mut Worksheet,
    table: &Table,
    index: usize,
    formats: &Formats,
    notes: &mut Notes,
) {
    let row = u32::try_from(index + 2).unwrap_or(u32::MAX);
    for (col, text) in table.rows[index]
        .iter()
        .take(table.header.len())
        .enumerate()
    {
        let col16 = u16::try_from(col).unwrap_or(u16::MAX);
        let is_total = table.total.is_some_and(|t| usize::from(t.into) == col);
        let written = if let (true, Some(total)) = (is_total, table.total) {
            let formula = format!(
                "=SUM({}:{})",
                row_col_to_cell(row, total.from),
                row_col_to_cell(row, total.to)
            );
            sheet
                .write_formula_with_format(row, col16, Formula::new(formula), &formats.cell)
                .map(|_| ())
        } else {
            let (value, cut) = cell_value(text);
            if cut {
                notes.add(format!(
                    "{}超过 Excel 一格能放的长度，已截断（格中注明“已截断”）。",
                    place(table, index, col)
                ));
            }
            sheet
                .write_string_with_format(row, col16, value, &formats.cell)
                .map(|_| ())
        };
        if written.is_err() {
            notes.add(format!(
                "{}未能写入 Excel，已留空；其余内容照常写入。",
                place(table, index, col)
            ));
        }
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    formats: &Formats,
    notes: &mut Notes,
) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(&table.name))?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    let last_col = u16::try_from(table.header.len().saturating_sub(1))
        .unwrap_or(u16::MAX)
        .min(COL_MAX - 1);
    sheet.write_string_with_format(0, 0, cell_value(&table.title).0, &formats.title)?;
    for (col, text) in table.header.iter().enumerate() {
        let written = u16::try_from(col).map_or(Err(XlsxError::RowColumnLimitError), |col| {
            sheet.write_string_with_format(1, col, cell_value(text).0, &formats.header)
        });
        if written.is_err() {
            notes.add(format!(
                "“{}”表的表头“{}”未能写入 Excel；其余内容照常写入。",
                sheet_name(&table.name),
                cell_value(text).0
            ));
        }
    }
    for index in 0..table.rows.len() {
        write_row(sheet, table, index, formats, notes);
    }
    for (col, width) in (0..COL_MAX).zip(column_widths(table)) {
        sheet.set_column_width(col, width as f64)?;
    }
    let last_row = u32::try_from(table.rows.len() + 1)
        .unwrap_or(u32::MAX)
        .min(ROW_MAX - 1);
    sheet.set_freeze_panes(2, 0)?;
    sheet.set_repeat_rows(0, 1)?;
    if !table.header.is_empty() {
        sheet.autofilter(1, 0, last_row, last_col)?;
    }
    Ok(())
}

/// Excel's rows and columns.
const ROW_MAX: u32 = 1_048_576;
const COL_MAX: u16 = 16_384;

/// The tables as an .xlsx file, one sheet each, in order. A cell that cannot be written is
/// left empty and named in the notes; only a workbook that cannot be put together at all
/// (never in practice: everything is in memory) is an error.
pub fn xlsx(tables: &[Table]) -> Result<Written, OfficeError> {
    let mut workbook = Workbook::new();
    let formats = formats();
    let mut notes = Notes::default();
    for table in tables {
        let sheet = workbook.add_worksheet();
        write_sheet(sheet, table, &formats, &mut notes).map_err(|e| OfficeError(e.to_string()))?;
    }
    let bytes = workbook
        .save_to_buffer()
        .map_err(|e| OfficeError(e.to_string()))?;
    Ok(Written {
        bytes,
        notes: notes.done(),
    })
}
