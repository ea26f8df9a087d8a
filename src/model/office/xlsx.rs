//! Tables as an Excel workbook (.xlsx), one sheet per [`Table`]: a title row, a frozen header
//! with an auto-filter, columns as wide as their text (within bounds), long text wrapped, and
//! every cell a string — a cell that reads "=1+2" is text, never a formula. Printed A4
//! landscape, the header repeated on every page. Written by rust_xlsxwriter.

#[cfg(test)]
mod tests;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{cell_text, OfficeError, Table, MAX_CELL_CHARS};

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

/// A cell's text: what XML cannot carry dropped, line breaks kept, at most what a cell holds.
fn cell_value(text: &str) -> String {
    let text = cell_text(text, true);
    if text.chars().count() > MAX_CELL_CHARS {
        text.chars().take(MAX_CELL_CHARS).collect()
    } else {
        text
    }
}

fn write(workbook: &mut Workbook, tables: &[Table]) -> Result<(), XlsxError> {
    let title_format = Format::new().set_bold().set_font_size(14);
    let header_format = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#E8ECF2")
        .set_border(FormatBorder::Thin);
    let cell_format = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&table.name))?;
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        let columns = table.header.len().clamp(1, usize::from(u16::MAX));
        let last_col = u16::try_from(columns - 1).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, 0, cell_value(&table.title), &title_format)?;
        for (col, text) in (0u16..).zip(&table.header) {
            sheet.write_string_with_format(1, col, cell_value(text), &header_format)?;
        }
        for (row, cells) in (2u32..).zip(&table.rows) {
            for (col, text) in (0u16..).zip(cells.iter().take(columns)) {
                sheet.write_string_with_format(row, col, cell_value(text), &cell_format)?;
            }
        }
        for (col, width) in (0u16..).zip(column_widths(table)) {
            sheet.set_column_width(col, width as f64)?;
        }
        let last_row = u32::try_from(table.rows.len() + 1).unwrap_or(u32::MAX);
        sheet.set_freeze_panes(2, 0)?;
        sheet.set_repeat_rows(0, 1)?;
        if !table.header.is_empty() {
            sheet.autofilter(1, 0, last_row, last_col)?;
        }
    }
    Ok(())
}

/// The tables as an .xlsx file, one sheet each, in order.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, OfficeError> {
    let mut workbook = Workbook::new();
    write(&mut workbook, tables).map_err(|e| OfficeError(e.to_string()))?;
    workbook
        .save_to_buffer()
        .map_err(|e| OfficeError(e.to_string()))
}
