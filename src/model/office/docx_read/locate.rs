//! Where the form's items stand in a document: its labels found in any table (nested ones too)
//! or paragraph, and the text that belongs to each.
//!
//! - A cell's grid column comes from `w:gridBefore` and the `w:gridSpan` of the cells before
//!   it; a `w:vMerge` continuation joins the cell above, so a label merged over several rows
//!   takes the values beside all of them.
//! - The value is the cell to the right of the label (the next one in the grid), or, where
//!   there is none, the cell below it. A label and its value may also share a cell after a
//!   colon ("总协调人：王建国").
//! - 主要内容简介: what follows its label and hint in the same cell; if nothing does, the cell
//!   to the right or below, or, for a label outside the tables, the paragraphs after it.
//! - 所在单位, 职务, 联系电话 stand twice: one belongs to the person whose label stands above
//!   it in the same column (总协调人 or 具体联系人); failing that, the left one of a row is the
//!   总协调人's and the right one the 具体联系人's.
//! - Everything else that is not one of the form's own words is "unplaced", with where it stood.

use std::collections::BTreeMap;

use super::labels::{self, Known, Label};
use super::report::Unplaced;
use super::xml::{Block, Document, Table, VMerge};
use crate::model::field::{FieldId, PersonField, Role};

/// Pieces of unplaced text listed at most; the rest are counted.
pub const MAX_UNPLACED: usize = 100;
/// Characters of one unplaced piece shown at most.
const MAX_UNPLACED_CHARS: usize = 200;

/// What was found where.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The text of each item whose label was found, line by line (empty for an empty cell).
    pub values: BTreeMap<FieldId, Vec<String>>,
    pub unplaced: Vec<Unplaced>,
    pub unplaced_more: usize,
    /// File names of the "附：…" line under the summary.
    pub attachments: Vec<String>,
    /// The document carries the fingerprint and digest lines of a signed file's Word copy.
    pub signed_copy: bool,
    /// Items found by a label that names them plainly (see `labels::is_distinctive`).
    pub distinctive: usize,
}

/// A cell placed on its table's grid.
struct GridCell {
    table: usize,
    row: usize,
    /// The last row it covers (vertical merges).
    last_row: usize,
    col: u32,
    span: u32,
    lines: Vec<String>,
}

impl GridCell {
    fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn covers_row(&self, row: usize) -> bool {
        self.row <= row && row <= self.last_row
    }

    fn covers_col(&self, col: u32) -> bool {
        self.col <= col && col < self.col + self.span
    }
}

/// What a cell or paragraph is.
enum Kind {
    Empty,
    Label(Label),
    /// 主要内容简介 with what follows it.
    Summary(String),
    Inline(Label, String),
    Known(Known),
    Text,
}

fn kind(text: &str) -> Kind {
    if labels::folded(text).is_empty() {
        return Kind::Empty;
    }
    if let Some(rest) = labels::summary(text) {
        return Kind::Summary(rest.to_string());
    }
    if let Some(label) = labels::exact(text) {
        return Kind::Label(label);
    }
    if let Some(known) = labels::known(text) {
        return Kind::Known(known);
    }
    match labels::inline(text) {
        Some((label, rest)) => Kind::Inline(label, rest.to_string()),
        None => Kind::Text,
    }
}

/// A label found, with its value.
struct Occurrence {
    label: Label,
    /// Table and grid position; `None` for a paragraph outside the tables.
    at: Option<(usize, usize, u32)>,
    place: String,
    value: Vec<String>,
}

fn lines_of(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

/// Every table of `blocks`, nested ones after the table that holds them, as grid cells; and
/// the paragraphs of the body itself.
fn grid(table: &Table, index: usize, out: &mut Vec<Vec<GridCell>>) {
    // Reserve this table's place before its nested tables take theirs.
    out.push(Vec::new());
    let mut cells: Vec<GridCell> = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let mut col = row.grid_before;
        for cell in &row.cells {
            let mut lines = Vec::new();
            for block in &cell.blocks {
                match block {
                    Block::Paragraph(text) => lines.extend(lines_of(text)),
                    Block::Table(inner) => {
                        let next = out.len();
                        grid(inner, next, out);
                    }
                }
            }
            let above = (cell.merge == VMerge::Continue)
                .then(|| {
                    cells
                        .iter_mut()
                        .rev()
                        .find(|c| c.col == col && c.last_row + 1 == r)
                })
                .flatten();
            match above {
                Some(above) => {
                    above.last_row = r;
                    above
                        .lines
                        .extend(lines.into_iter().filter(|l| !labels::folded(l).is_empty()));
                }
                None => cells.push(GridCell {
                    table: index,
                    row: r,
                    last_row: r,
                    col,
                    span: cell.span,
                    lines,
                }),
            }
            col = col.saturating_add(cell.span);
        }
    }
    out[index] = cells;
}

struct Locator {
    occurrences: Vec<Occurrence>,
    unplaced: Vec<Unplaced>,
    attachments: Vec<String>,
    signed_copy: bool,
}

impl Locator {
    fn occur(
        &mut self,
        label: Label,
        at: Option<(usize, usize, u32)>,
        place: String,
        value: Vec<String>,
    ) {
        self.occurrences.push(Occurrence {
            label,
            at,
            place,
            value,
        });
    }

    fn unplaced(&mut self, place: String, text: &str) {
        let text = text.trim();
        if !labels::folded(text).is_empty() {
            self.unplaced.push(Unplaced {
                place,
                text: text.to_string(),
            });
        }
    }

    fn known(&mut self, known: Known) {
        if known == Known::SignedCopy {
            self.signed_copy = true;
        }
    }

    /// 主要内容简介's lines, without its hint and the attachments line our Word copy ends it
    /// with.
    fn summary_lines(&mut self, mut lines: Vec<String>) -> Vec<String> {
        let lead = lines
            .iter()
            .take_while(|l| labels::folded(l).is_empty() || labels::is_hint(l))
            .count();
        lines.drain(..lead);
        while lines.last().is_some_and(|l| labels::folded(l).is_empty()) {
            lines.pop();
        }
        if let Some(names) = lines.last().and_then(|l| labels::attachments_line(l)) {
            self.attachments.extend(names);
            lines.pop();
        }
        lines
    }

    fn table(&mut self, cells: &[GridCell], place: &dyn Fn(&GridCell) -> String) {
        let kinds: Vec<Kind> = cells.iter().map(|c| kind(&c.text())).collect();
        let mut used = vec![false; cells.len()];
        // The cells right of `i` on each of its rows, or the one below it.
        let neighbours = |i: usize| -> Vec<usize> {
            let cell = &cells[i];
            let next_col = cell.col + cell.span;
            let mut right: Vec<usize> = Vec::new();
            for r in cell.row..=cell.last_row {
                let found = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.covers_row(r) && c.col >= next_col)
                    .min_by_key(|(_, c)| c.col)
                    .map(|(j, _)| j);
                if let Some(j) = found {
                    if !right.contains(&j) {
                        right.push(j);
                    }
                }
            }
            if right.is_empty() {
                let below = cells
                    .iter()
                    .position(|c| c.row == cell.last_row + 1 && c.covers_col(cell.col));
                right.extend(below);
            }
            right
        };
        let take = |j: usize, used: &mut Vec<bool>| -> Option<Vec<String>> {
            match kinds[j] {
                _ if used[j] => None,
                Kind::Label(_) | Kind::Summary(_) => None,
                _ => {
                    used[j] = true;
                    Some(cells[j].lines.clone())
                }
            }
        };
        for i in 0..cells.len() {
            let Kind::Label(label) = kinds[i] else {
                continue;
            };
            used[i] = true;
            let mut value = Vec::new();
            for j in neighbours(i) {
                match take(j, &mut used) {
                    Some(lines) => value.extend(lines),
                    None => break,
                }
            }
            let c = &cells[i];
            self.occur(label, Some((c.table, c.row, c.col)), place(c), value);
        }
        for i in 0..cells.len() {
            let Kind::Summary(rest) = &kinds[i] else {
                continue;
            };
            used[i] = true;
            let mut value = lines_of(rest.trim_start_matches(['\n', ' ']));
            if value.iter().all(|l| labels::folded(l).is_empty()) {
                value.clear();
                for j in neighbours(i) {
                    match take(j, &mut used) {
                        Some(lines) => value.extend(lines),
                        None => break,
                    }
                }
            }
            let value = self.summary_lines(value);
            let c = &cells[i];
            self.occur(
                Label::Summary,
                Some((c.table, c.row, c.col)),
                place(c),
                value,
            );
        }
        for (i, c) in cells.iter().enumerate() {
            if used[i] {
                continue;
            }
            match &kinds[i] {
                Kind::Inline(label, rest) => self.occur(
                    *label,
                    Some((c.table, c.row, c.col)),
                    place(c),
                    lines_of(rest),
                ),
                Kind::Known(known) => self.known(*known),
                Kind::Text => self.unplaced(place(c), &c.text()),
                Kind::Empty | Kind::Label(_) | Kind::Summary(_) => {}
            }
        }
    }

    /// The body's own paragraphs, with the place name each has.
    fn paragraphs(&mut self, paragraphs: &[(String, String)]) {
        let mut i = 0;
        while i < paragraphs.len() {
            let (place, text) = &paragraphs[i];
            i += 1;
            match kind(text) {
                Kind::Summary(rest) => {
                    let mut value = lines_of(rest.trim_start_matches(['\n', ' ']));
                    if value.iter().all(|l| labels::folded(l).is_empty()) {
                        value.clear();
                        // The paragraphs after it (its hint first), up to the next of the
                        // form's own words.
                        while let Some((next_place, next)) = paragraphs.get(i) {
                            let more = match kind(next) {
                                Kind::Text | Kind::Empty => true,
                                Kind::Known(_) => labels::is_hint(next),
                                _ => false,
                            };
                            if next_place != place || !more {
                                break;
                            }
                            value.push(next.clone());
                            i += 1;
                        }
                    }
                    let value = self.summary_lines(value);
                    self.occur(Label::Summary, None, place.clone(), value);
                }
                Kind::Label(label) => self.occur(label, None, place.clone(), Vec::new()),
                Kind::Inline(label, rest) => {
                    self.occur(label, None, place.clone(), lines_of(&rest))
                }
                Kind::Known(known) => self.known(known),
                Kind::Text => self.unplaced(place.clone(), text),
                Kind::Empty => {}
            }
        }
    }
}

/// The person a 所在单位/职务/联系电话 occurrence belongs to.
fn role_of(occurrences: &[Occurrence], index: usize) -> Option<Role> {
    let d = &occurrences[index];
    let Label::Detail(field) = d.label else {
        return None;
    };
    match d.at {
        Some((table, row, col)) => {
            let above = occurrences
                .iter()
                .filter_map(|o| match (o.label, o.at) {
                    (Label::Person(role), Some((t, r, c)))
                        if t == table && c == col && r <= row =>
                    {
                        Some((r, role))
                    }
                    _ => None,
                })
                .max_by_key(|(r, _)| *r);
            if let Some((_, role)) = above {
                return Some(role);
            }
            let left = occurrences
                .iter()
                .filter(|o| {
                    o.label == Label::Detail(field)
                        && matches!(o.at, Some((t, r, c)) if t == table && r == row && c < col)
                })
                .count();
            Role::ALL.get(left).copied()
        }
        None => {
            let person = occurrences[..index]
                .iter()
                .rev()
                .find_map(|o| match (o.label, o.at) {
                    (Label::Person(role), None) => Some(role),
                    _ => None,
                });
            if person.is_some() {
                return person;
            }
            let before = occurrences[..index]
                .iter()
                .filter(|o| o.label == Label::Detail(field) && o.at.is_none())
                .count();
            Role::ALL.get(before).copied()
        }
    }
}

fn field_of(occurrences: &[Occurrence], index: usize) -> Option<FieldId> {
    Some(match occurrences[index].label {
        Label::ClusterName => FieldId::ClusterName,
        Label::Applicant => FieldId::Applicant,
        Label::Towns => FieldId::Towns,
        Label::CreationType => FieldId::CreationType,
        Label::Scope => FieldId::Scope,
        Label::Person(role) => FieldId::Person(role, PersonField::Name),
        Label::Detail(field) => FieldId::Person(role_of(occurrences, index)?, field),
        Label::Milestone(m) => FieldId::Milestone(m),
        Label::StageResults => FieldId::StageResults,
        Label::Summary => FieldId::Summary,
        Label::DeclaredOn => FieldId::DeclaredOn,
    })
}

/// Finds the form's items in a document.
pub fn locate(document: &Document) -> Found {
    let mut tables: Vec<Vec<GridCell>> = Vec::new();
    // The body's paragraphs with how many of its tables come before them.
    let mut body: Vec<(usize, String)> = Vec::new();
    let mut top_level = 0;
    for block in &document.blocks {
        match block {
            Block::Paragraph(text) => body.push((top_level, text.clone())),
            Block::Table(table) => {
                let index = tables.len();
                grid(table, index, &mut tables);
                top_level += 1;
            }
        }
    }
    let several = tables.len() > 1;
    let place = |c: &GridCell| {
        if several {
            format!("第 {} 个表格第 {} 行", c.table + 1, c.row + 1)
        } else {
            format!("表格第 {} 行", c.row + 1)
        }
    };
    let mut locator = Locator {
        occurrences: Vec::new(),
        unplaced: Vec::new(),
        attachments: Vec::new(),
        signed_copy: false,
    };
    // Paragraphs before the tables, then the tables, then the paragraphs after them, so that
    // the report follows the document.
    let body_place = |before: usize| -> String {
        match (top_level, before) {
            (0, _) => "正文".to_string(),
            (_, 0) => "表格之前的正文".to_string(),
            (n, b) if b == n => "表格之后的正文".to_string(),
            _ => "两个表格之间的正文".to_string(),
        }
    };
    let (first, rest): (Vec<_>, Vec<_>) = body.into_iter().partition(|(b, _)| *b == 0);
    let named = |list: Vec<(usize, String)>| -> Vec<(String, String)> {
        list.into_iter().map(|(b, t)| (body_place(b), t)).collect()
    };
    locator.paragraphs(&named(first));
    for cells in &tables {
        locator.table(cells, &place);
    }
    locator.paragraphs(&named(rest));
    for text in &document.floating {
        locator.unplaced("文本框中".to_string(), text);
    }

    let mut found = Found {
        attachments: std::mem::take(&mut locator.attachments),
        signed_copy: locator.signed_copy,
        ..Found::default()
    };
    let mut unplaced = std::mem::take(&mut locator.unplaced);
    // Occurrences are in document order: the first of a label is the one that counts.
    let occurrences = &locator.occurrences;
    for i in 0..occurrences.len() {
        let o = &occurrences[i];
        match field_of(occurrences, i) {
            Some(field) if !found.values.contains_key(&field) => {
                if labels::is_distinctive(o.label) {
                    found.distinctive += 1;
                }
                found.values.insert(field, o.value.clone());
            }
            // A second 总协调人, a third 联系电话 …: its text is not lost.
            _ => {
                let text = o.value.join("\n");
                if !labels::folded(&text).is_empty() {
                    unplaced.push(Unplaced {
                        place: o.place.clone(),
                        text,
                    });
                }
            }
        }
    }
    for piece in &mut unplaced {
        if piece.text.chars().count() > MAX_UNPLACED_CHARS {
            let total = piece.text.chars().count();
            let head: String = piece.text.chars().take(MAX_UNPLACED_CHARS).collect();
            piece.text = format!("{head}……（共 {total} 字）");
        }
        piece.text = piece.text.replace('\n', " / ");
    }
    if unplaced.len() > MAX_UNPLACED {
        found.unplaced_more = unplaced.len() - MAX_UNPLACED;
        unplaced.truncate(MAX_UNPLACED);
    }
    found.unplaced = unplaced;
    found
}
