//! A Word document's main part (`word/document.xml`) read with quick-xml into what the form
//! finder needs: the body's paragraphs and tables, each cell with its grid span, vertical merge
//! and content (nested tables too), and each paragraph's text as the page shows it.
//!
//! - Text is what `w:t` holds, with `w:tab` as a tab, `w:br`/`w:cr` as a line break and
//!   `w:sym` as its character; field codes (`w:instrText`), deleted text (`w:delText`,
//!   `w:moveFrom`) and the fallback copy of alternate content (`mc:Fallback`) are not text.
//! - Check boxes become one character, ☑ or ☐: a legacy check-box form field (`w:fldChar` with
//!   `w:ffData/w:checkBox`, `w:checked` over `w:default`), a content-control check box
//!   (`w14:checkbox`/`w14:checked`; its displayed glyph is replaced), or a box drawn in the
//!   Wingdings fonts (`w:sym`, or a run in that font).
//! - Text in text boxes is kept apart (`floating`), never lost.
//! - Refused: a `<!DOCTYPE` (Word never writes one, so no entity is ever declared), any entity
//!   but XML's five and character references, elements nested deeper than [`MAX_DEPTH`],
//!   tables deeper than [`MAX_TABLE_DEPTH`], more than [`MAX_PARAGRAPHS`] paragraphs or
//!   [`MAX_CELLS`] table cells. The reader streams: nothing is recursive.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::error::{Unsafe, WordReadError};

/// Elements open at once, at most. Word's own documents stay far below (a paragraph in a cell
/// of a table in a cell is about 20 deep).
pub const MAX_DEPTH: usize = 256;
/// Tables inside tables, at most (the form itself has none).
pub const MAX_TABLE_DEPTH: usize = 8;
/// Paragraphs, at most (the filled form has about a hundred; the whole notice with the form
/// a few hundred).
pub const MAX_PARAGRAPHS: usize = 20_000;
/// Table cells, at most (the form has 38).
pub const MAX_CELLS: usize = 5_000;
/// The widest a cell may span or a row may be indented, in grid columns (Word's own limit is 63).
const MAX_SPAN: u32 = 64;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The ticked and unticked check box, as check boxes of every kind are read.
pub const TICKED: char = '☑';
pub const UNTICKED: char = '☐';

/// The document's body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Paragraphs of text boxes and other floating shapes, in document order.
    pub floating: Vec<String>,
    /// Embedded objects (`w:object`, `w:altChunk`), not read.
    pub objects: usize,
    /// Pictures and drawn shapes (`w:drawing`, `w:pict`), not read.
    pub pictures: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Table(Table),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Grid columns left empty before the first cell (`w:gridBefore`).
    pub grid_before: u32,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Grid columns the cell spans (`w:gridSpan`), at least 1.
    pub span: u32,
    pub merge: VMerge,
    pub blocks: Vec<Block>,
}

/// A cell's part in a vertical merge (`w:vMerge`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VMerge {
    None,
    /// The top cell of a merged column.
    Restart,
    /// A cell merged into the one above.
    Continue,
}

/// The elements the reader acts on; everything else is only walked through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum El {
    Document,
    P,
    R,
    RPr,
    RFonts,
    T,
    Tab,
    Br,
    Sym,
    NoBreakHyphen,
    Tbl,
    Tr,
    TrPr,
    GridBefore,
    Tc,
    TcPr,
    GridSpan,
    VMerge,
    HMerge,
    FldChar,
    CheckBox,
    Default,
    Checked,
    Sdt,
    SdtPr,
    SdtContent,
    Checkbox14,
    Checked14,
    TxbxContent,
    Skipped,
    Object,
    Picture,
    Other,
}

fn element(ns: &ResolveResult, local: &str) -> El {
    let ns = match ns {
        ResolveResult::Bound(ns) => ns.0,
        _ => "",
    };
    if ns == W || ns == W_STRICT {
        return match local {
            "document" => El::Document,
            "p" => El::P,
            "r" => El::R,
            "rPr" => El::RPr,
            "rFonts" => El::RFonts,
            "t" => El::T,
            "tab" => El::Tab,
            "br" | "cr" => El::Br,
            "sym" => El::Sym,
            "noBreakHyphen" => El::NoBreakHyphen,
            "tbl" => El::Tbl,
            "tr" => El::Tr,
            "trPr" => El::TrPr,
            "gridBefore" => El::GridBefore,
            "tc" => El::Tc,
            "tcPr" => El::TcPr,
            "gridSpan" => El::GridSpan,
            "vMerge" => El::VMerge,
            "hMerge" => El::HMerge,
            "fldChar" => El::FldChar,
            "checkBox" => El::CheckBox,
            "default" => El::Default,
            "checked" => El::Checked,
            "sdt" => El::Sdt,
            "sdtPr" => El::SdtPr,
            "sdtContent" => El::SdtContent,
            "txbxContent" => El::TxbxContent,
            "moveFrom" => El::Skipped,
            "object" | "altChunk" => El::Object,
            "drawing" | "pict" => El::Picture,
            _ => El::Other,
        };
    }
    match (ns, local) {
        (W14, "checkbox") => El::Checkbox14,
        (W14, "checked") => El::Checked14,
        (MC, "Fallback") => El::Skipped,
        _ => El::Other,
    }
}

/// A symbol font whose boxes and ticks are letters: Word's and WPS's check boxes drawn as
/// symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SymbolFont {
    Wingdings,
    Wingdings2,
}

fn symbol_font(name: &str) -> Option<SymbolFont> {
    let name = name.trim().to_ascii_lowercase();
    if name == "wingdings 2" {
        Some(SymbolFont::Wingdings2)
    } else if name == "wingdings" {
        Some(SymbolFont::Wingdings)
    } else {
        None
    }
}

/// A character of a symbol font (as a letter, or in the private-use area at U+F000 + code) as
/// the box or tick it draws; `None` for every other character.
fn symbol(font: SymbolFont, code: u32) -> Option<char> {
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    match (font, code) {
        (SymbolFont::Wingdings, 0xA8 | 0x6F | 0x71 | 0x72) => Some(UNTICKED),
        (SymbolFont::Wingdings, 0xFE) => Some(TICKED),
        (SymbolFont::Wingdings, 0xFD | 0x78) => Some('☒'),
        (SymbolFont::Wingdings, 0xFC) => Some('✓'),
        (SymbolFont::Wingdings, 0x6E) => Some('■'),
        (SymbolFont::Wingdings2, 0xA3) => Some(UNTICKED),
        (SymbolFont::Wingdings2, 0x52) => Some(TICKED),
        (SymbolFont::Wingdings2, 0x53 | 0x54) => Some('☒'),
        (SymbolFont::Wingdings2, 0x50) => Some('✓'),
        _ => None,
    }
}

fn damaged(part: &str, error: impl std::fmt::Display) -> WordReadError {
    WordReadError::Damaged {
        detail: format!("{part}: {error}"),
    }
}

/// An attribute's value by its local name (`w:val` → `val`), entities resolved (XML's five
/// and character references only; anything else is an error).
fn attribute(e: &BytesStart, local: &str, part: &str) -> Result<Option<String>, WordReadError> {
    for attr in e.attributes().with_checks(false) {
        let attr = attr.map_err(|err| damaged(part, err))?;
        if attr.key.local_name().as_ref() == local {
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| damaged(part, err))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// An on/off value as Word writes it: absent, "1", "true" and "on" are on.
fn on(value: Option<&str>) -> bool {
    !matches!(value.map(str::trim), Some("0" | "false" | "off"))
}

/// A reference `&name;` in text: a character reference or one of XML's five entities.
fn reference(name: &str, part: &str) -> Result<char, WordReadError> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        return code
            .and_then(char::from_u32)
            .filter(|c| *c != '\0')
            .ok_or_else(|| damaged(part, format!("bad character reference &{name};")));
    }
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => Err(WordReadError::Unsafe(Unsafe::Entity {
            part: part.to_string(),
            name: name.chars().take(40).collect(),
        })),
    }
}

/// The events of one XML part, with the reader's refusals applied: no DTD, no depth beyond
/// [`MAX_DEPTH`], references resolved to characters. `visit` sees each start (with `empty` for
/// `<x/>`), end, and piece of text.
enum Piece<'a> {
    Start(El, &'a BytesStart<'a>, bool),
    End(El),
    Text(&'a str),
}

fn walk(
    xml: &str,
    part: &str,
    mut visit: impl FnMut(Piece, &[El]) -> Result<(), WordReadError>,
) -> Result<(), WordReadError> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<El> = Vec::new();
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|err| damaged(part, err))?;
        match event {
            Event::Start(_) | Event::Empty(_) if stack.len() >= MAX_DEPTH => {
                return Err(WordReadError::Unsafe(Unsafe::TooDeep {
                    part: part.to_string(),
                    limit: MAX_DEPTH,
                }));
            }
            Event::Start(e) => {
                let el = element(&ns, e.local_name().as_ref());
                visit(Piece::Start(el, &e, false), &stack)?;
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = element(&ns, e.local_name().as_ref());
                visit(Piece::Start(el, &e, true), &stack)?;
                stack.push(el);
                stack.pop();
                visit(Piece::End(el), &stack)?;
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(damaged(part, "end tag without a start"));
                };
                visit(Piece::End(el), &stack)?;
            }
            Event::Text(text) => visit(Piece::Text(&text.xml10_content()), &stack)?,
            Event::CData(text) => visit(Piece::Text(&text.xml10_content()), &stack)?,
            Event::GeneralRef(name) => {
                let c = reference(&name.into_inner(), part)?;
                visit(Piece::Text(c.encode_utf8(&mut [0; 4])), &stack)?;
            }
            Event::DocType(_) => {
                return Err(WordReadError::Unsafe(Unsafe::Dtd {
                    part: part.to_string(),
                }))
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(damaged(part, "the part ends inside an element"));
                }
                return Ok(());
            }
        }
    }
}

/// The target of the package's main-document relationship in `_rels/.rels`, if it names one.
pub fn main_part_target(rels: &str) -> Result<Option<String>, WordReadError> {
    let part = "_rels/.rels";
    let mut target = None;
    let mut reader = NsReader::from_str(rels);
    let mut depth = 0usize;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|err| damaged(part, err))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if matches!(&ns, ResolveResult::Bound(n) if n.0 == PACKAGE_RELS)
                    && e.local_name().as_ref() == "Relationship"
                    && target.is_none()
                {
                    let kind = attribute(e, "Type", part)?.unwrap_or_default();
                    if kind.ends_with("/officeDocument") {
                        target = attribute(e, "Target", part)?;
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(WordReadError::Unsafe(Unsafe::TooDeep {
                            part: part.to_string(),
                            limit: MAX_DEPTH,
                        }));
                    }
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::GeneralRef(name) => {
                reference(&name.into_inner(), part)?;
            }
            Event::DocType(_) => {
                return Err(WordReadError::Unsafe(Unsafe::Dtd {
                    part: part.to_string(),
                }))
            }
            Event::Eof => return Ok(target),
            _ => {}
        }
    }
}

/// A table being read.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Row>,
    row: Option<OpenRow>,
}

#[derive(Default)]
struct OpenRow {
    grid_before: u32,
    cells: Vec<Cell>,
    cell: Option<OpenCell>,
}

struct OpenCell {
    span: u32,
    merge: VMerge,
    /// `w:hMerge` continue: the cell is part of the one on its left.
    joins_left: bool,
}

/// A content control being read: whether it is a check box, and ticked.
struct OpenSdt {
    checkbox: Option<bool>,
    /// Its content is a check box's glyph, replaced by [`TICKED`]/[`UNTICKED`].
    replaced: bool,
}

/// A legacy form field's `begin` being read.
#[derive(Default)]
struct OpenField {
    checkbox: bool,
    default: bool,
    checked: Option<bool>,
}

#[derive(Default)]
struct Builder {
    /// `[0]` is the body; one more per open cell.
    blocks: Vec<Vec<Block>>,
    tables: Vec<OpenTable>,
    /// Open paragraphs: a text box's inside the paragraph that anchors it.
    paragraphs: Vec<String>,
    /// Open `w:txbxContent`s.
    textbox: usize,
    /// Inside an ignored subtree: its depth.
    skipping: usize,
    /// Open elements that are tables, rows or cells the reader acts on (a `w:tc` outside a
    /// table, or a table in a text box, is walked through as text).
    structural: Vec<bool>,
    run_font: Option<SymbolFont>,
    field: Option<OpenField>,
    sdts: Vec<OpenSdt>,
    /// Inside a check box's content: its glyph is not text.
    replacing: usize,
    /// A check box seen outside any paragraph: it begins the next one.
    pending: String,
    document: Document,
    root_seen: bool,
    paragraph_count: usize,
    cell_count: usize,
}

impl Builder {
    fn push_text(&mut self, text: &str) {
        if self.replacing > 0 {
            return;
        }
        let text: String = match self.run_font {
            Some(font) => text
                .chars()
                .map(|c| symbol(font, c as u32).unwrap_or(c))
                .collect(),
            None => text.to_string(),
        };
        match self.paragraphs.last_mut() {
            Some(p) => p.push_str(&text),
            None => self.pending.push_str(&text),
        }
    }

    fn tick(&mut self, ticked: bool) {
        let c = if ticked { TICKED } else { UNTICKED };
        match self.paragraphs.last_mut() {
            Some(p) => p.push(c),
            None => self.pending.push(c),
        }
    }

    fn start(
        &mut self,
        el: El,
        e: &BytesStart,
        empty: bool,
        stack: &[El],
    ) -> Result<(), WordReadError> {
        let part = "word/document.xml";
        if self.skipping > 0 {
            // Every start inside, `<x/>` too, is matched by an end.
            self.skipping += 1;
            return Ok(());
        }
        if !self.root_seen {
            self.root_seen = true;
            if el != El::Document {
                return Err(WordReadError::NotWord {
                    holds: super::error::ZipKind::Other,
                });
            }
        }
        let parent = stack.last().copied();
        let grandparent = stack.len().checked_sub(2).map(|i| stack[i]);
        let val = || attribute(e, "val", part);
        let in_textbox = self.textbox > 0;
        let mut structural = false;
        match el {
            El::Skipped if !empty => self.skipping = 1,
            El::P => {
                self.paragraph_count += 1;
                if self.paragraph_count > MAX_PARAGRAPHS {
                    return Err(WordReadError::Unsafe(Unsafe::TooManyParagraphs {
                        limit: MAX_PARAGRAPHS,
                    }));
                }
                let start = std::mem::take(&mut self.pending);
                self.paragraphs.push(start);
            }
            El::R => self.run_font = None,
            El::RFonts if parent == Some(El::RPr) && grandparent == Some(El::R) => {
                for key in ["ascii", "hAnsi", "eastAsia", "cs"] {
                    if let Some(font) = attribute(e, key, part)?.as_deref().and_then(symbol_font) {
                        self.run_font = Some(font);
                    }
                }
            }
            El::Tab if parent == Some(El::R) => self.push_text("\t"),
            El::Br if parent == Some(El::R) => self.push_text("\n"),
            El::NoBreakHyphen if parent == Some(El::R) => self.push_text("-"),
            El::Sym if parent == Some(El::R) => {
                let font = attribute(e, "font", part)?.as_deref().and_then(symbol_font);
                let code = attribute(e, "char", part)?
                    .and_then(|c| u32::from_str_radix(c.trim(), 16).ok());
                if let Some(code) = code {
                    let c = font
                        .and_then(|f| symbol(f, code))
                        .or_else(|| char::from_u32(code));
                    if let Some(c) = c {
                        let saved = self.run_font.take();
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                        self.run_font = saved;
                    }
                }
            }
            El::Tbl if !in_textbox => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    return Err(WordReadError::Unsafe(Unsafe::TablesTooDeep {
                        limit: MAX_TABLE_DEPTH,
                    }));
                }
                self.tables.push(OpenTable::default());
                structural = true;
            }
            El::Tr if !in_textbox && parent == Some(El::Tbl) => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(OpenRow::default());
                    structural = true;
                }
            }
            El::GridBefore if parent == Some(El::TrPr) => {
                let n = val()?.and_then(|v| v.trim().parse::<u32>().ok());
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.grid_before = n.unwrap_or(0).min(MAX_SPAN);
                }
            }
            El::Tc if !in_textbox && parent == Some(El::Tr) => {
                self.cell_count += 1;
                if self.cell_count > MAX_CELLS {
                    return Err(WordReadError::Unsafe(Unsafe::TooManyCells {
                        limit: MAX_CELLS,
                    }));
                }
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.cell = Some(OpenCell {
                        span: 1,
                        merge: VMerge::None,
                        joins_left: false,
                    });
                    self.blocks.push(Vec::new());
                    structural = true;
                }
            }
            El::GridSpan | El::VMerge | El::HMerge if parent == Some(El::TcPr) => {
                let value = val()?;
                let cell = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.row.as_mut())
                    .and_then(|r| r.cell.as_mut());
                if let Some(cell) = cell {
                    match el {
                        El::GridSpan => {
                            let n = value.and_then(|v| v.trim().parse::<u32>().ok());
                            cell.span = n.unwrap_or(1).clamp(1, MAX_SPAN);
                        }
                        El::VMerge => {
                            cell.merge = match value.as_deref().map(str::trim) {
                                Some("restart") => VMerge::Restart,
                                _ => VMerge::Continue,
                            }
                        }
                        _ => cell.joins_left = value.as_deref().map(str::trim) != Some("restart"),
                    }
                }
            }
            El::FldChar if attribute(e, "fldCharType", part)?.as_deref() == Some("begin") => {
                self.field = Some(OpenField::default());
            }
            El::CheckBox => {
                if let Some(field) = self.field.as_mut() {
                    field.checkbox = true;
                }
            }
            El::Default | El::Checked if parent == Some(El::CheckBox) => {
                let ticked = on(val()?.as_deref());
                if let Some(field) = self.field.as_mut() {
                    if el == El::Default {
                        field.default = ticked;
                    } else {
                        field.checked = Some(ticked);
                    }
                }
            }
            El::Sdt => self.sdts.push(OpenSdt {
                checkbox: None,
                replaced: false,
            }),
            El::Checkbox14 if parent == Some(El::SdtPr) => {
                if let Some(sdt) = self.sdts.last_mut() {
                    sdt.checkbox = Some(false);
                }
            }
            El::Checked14 if parent == Some(El::Checkbox14) => {
                let ticked = matches!(val()?.as_deref().map(str::trim), Some("1" | "true"));
                if let Some(sdt) = self.sdts.last_mut() {
                    sdt.checkbox = Some(ticked);
                }
            }
            El::SdtContent => {
                if let Some(ticked) = self.sdts.last().and_then(|s| s.checkbox) {
                    self.tick(ticked);
                    if !empty {
                        self.replacing += 1;
                        if let Some(sdt) = self.sdts.last_mut() {
                            sdt.replaced = true;
                        }
                    }
                }
            }
            El::TxbxContent => self.textbox += 1,
            El::Object => self.document.objects += 1,
            El::Picture => self.document.pictures += 1,
            _ => {}
        }
        self.structural.push(structural);
        Ok(())
    }

    fn end(&mut self, el: El) {
        if self.skipping > 0 {
            self.skipping -= 1;
            if self.skipping > 0 || el != El::Skipped {
                return;
            }
            // The skipped element itself was pushed on `structural` before skipping began.
        }
        let structural = self.structural.pop().unwrap_or(false);
        match el {
            El::P => {
                let text = self.paragraphs.pop().unwrap_or_default();
                if self.textbox > 0 {
                    if !text.trim().is_empty() {
                        self.document.floating.push(text);
                    }
                } else if let Some(blocks) = self.blocks.last_mut() {
                    blocks.push(Block::Paragraph(text));
                }
            }
            El::R => self.run_font = None,
            El::Tc if structural => {
                let blocks = self.blocks.pop().unwrap_or_default();
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    let open = row.cell.take().unwrap_or(OpenCell {
                        span: 1,
                        merge: VMerge::None,
                        joins_left: false,
                    });
                    match row.cells.last_mut() {
                        Some(left) if open.joins_left => {
                            left.span = (left.span + open.span).min(MAX_SPAN);
                            left.blocks.extend(blocks);
                        }
                        _ => row.cells.push(Cell {
                            span: open.span,
                            merge: open.merge,
                            blocks,
                        }),
                    }
                }
            }
            El::Tr if structural => {
                if let Some(table) = self.tables.last_mut() {
                    if let Some(row) = table.row.take() {
                        table.rows.push(Row {
                            grid_before: row.grid_before,
                            cells: row.cells,
                        });
                    }
                }
            }
            El::Tbl if structural => {
                if let Some(table) = self.tables.pop() {
                    if let Some(blocks) = self.blocks.last_mut() {
                        blocks.push(Block::Table(Table { rows: table.rows }));
                    }
                }
            }
            El::FldChar => {
                if let Some(field) = self.field.take() {
                    if field.checkbox {
                        self.tick(field.checked.unwrap_or(field.default));
                    }
                }
            }
            El::Sdt => {
                self.sdts.pop();
            }
            El::SdtContent => {
                if let Some(sdt) = self.sdts.last_mut() {
                    if sdt.replaced {
                        sdt.replaced = false;
                        self.replacing = self.replacing.saturating_sub(1);
                    }
                }
            }
            El::TxbxContent => self.textbox = self.textbox.saturating_sub(1),
            _ => {}
        }
    }
}

/// Reads `word/document.xml` (already unpacked and decoded).
pub fn parse_document(xml: &str) -> Result<Document, WordReadError> {
    let mut b = Builder {
        blocks: vec![Vec::new()],
        ..Builder::default()
    };
    walk(xml, "word/document.xml", |piece, stack| {
        match piece {
            Piece::Start(el, e, empty) => b.start(el, e, empty, stack)?,
            Piece::End(el) => b.end(el),
            Piece::Text(text) => {
                if b.skipping == 0 && stack.last() == Some(&El::T) {
                    b.push_text(text);
                }
            }
        }
        Ok(())
    })?;
    if !b.root_seen {
        return Err(damaged("word/document.xml", "no root element"));
    }
    let mut document = b.document;
    document.blocks = b.blocks.into_iter().next().unwrap_or_default();
    if !b.pending.trim().is_empty() {
        document.floating.push(b.pending);
    }
    Ok(document)
}
