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
use crate::model::sort::sort_by_key;

/// Pieces of unplaced text listed at most; the rest are counted.
pub const MAX_UNPLACED: usize = 100;
/// Rows one vertical merge joins at most; a longer run of continuations is read as cells of
/// their own (the form's tallest label covers one row).
pub const MAX_MERGED_ROWS: usize = 50;
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
    if labels::blank(text) {
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
                    cells.iter_mut().rev().find(|c| {
                        c.col == col && c.last_row + 1 == r && r - c.row < MAX_MERGED_ROWS
                    })
                })
                .flatten();
            match above {
                Some(above) => {
                    above.last_row = r;
                    above
                        .lines
                        .extend(lines.into_iter().filter(|l| !labels::blank(l)));
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
        if !labels::blank(text) {
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
            .take_while(|l| labels::blank(l) || labels::is_hint(l))
            .count();
        lines.drain(..lead);
        while lines.last().is_some_and(|l| labels::blank(l)) {
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
        // The cells covering each row (a merged cell covers several).
        let rows = cells.iter().map(|c| c.last_row + 1).max().unwrap_or(0);
        let mut covering: Vec<Vec<usize>> = vec![Vec::new(); rows];
        for (i, c) in cells.iter().enumerate() {
            for row in &mut covering[c.row..=c.last_row] {
                row.push(i);
            }
        }
        // The cells right of `i` on each of its rows, or the one below it.
        let neighbours = |i: usize| -> Vec<usize> {
            let cell = &cells[i];
            let next_col = cell.col.saturating_add(cell.span);
            let mut right: Vec<usize> = Vec::new();
            for row in &covering[cell.row..=cell.last_row] {
                let found = row
                    .iter()
                    .copied()
                    .filter(|&j| cells[j].col >= next_col)
                    .min_by_key(|&j| cells[j].col);
                if let Some(j) = found {
                    if !right.contains(&j) {
                        right.push(j);
                    }
                }
            }
            if right.is_empty() {
                let below = covering.get(cell.last_row + 1).and_then(|row| {
                    row.iter().copied().find(|&j| {
                        cells[j].row == cell.last_row + 1 && cells[j].covers_col(cell.col)
                    })
                });
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
            if value.iter().all(|l| labels::blank(l)) {
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
                    if value.iter().all(|l| labels::blank(l)) {
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

/// The person each 所在单位/职务/联系电话 occurrence belongs to (`None` for other labels, and
/// for a third of a kind in one row): in a table, the person whose label stands nearest above
/// it in its column, else by its place among its kind in the row (left: 总协调人, right:
/// 具体联系人); outside the tables, the person named last before it, else by its place among its
/// kind. Maps, not a search per pair: a table of nothing but labels stays quick.
fn roles(occurrences: &[Occurrence]) -> Vec<Option<Role>> {
    let mut persons: BTreeMap<(usize, u32), Vec<(usize, Role)>> = BTreeMap::new();
    let mut in_row: BTreeMap<(usize, usize, PersonField), Vec<u32>> = BTreeMap::new();
    for o in occurrences {
        match (o.label, o.at) {
            (Label::Person(role), Some((t, r, c))) => {
                persons.entry((t, c)).or_default().push((r, role))
            }
            (Label::Detail(field), Some((t, r, c))) => {
                in_row.entry((t, r, field)).or_default().push(c)
            }
            _ => {}
        }
    }
    // Already in document order but for labels sharing a cell with their value: nearly sorted.
    for list in persons.values_mut() {
        sort_by_key(list, |(r, _)| *r);
    }
    for list in in_row.values_mut() {
        sort_by_key(list, |c| *c);
    }
    let mut last_person: Option<Role> = None;
    let mut body_count: BTreeMap<PersonField, usize> = BTreeMap::new();
    occurrences
        .iter()
        .map(|o| match (o.label, o.at) {
            (Label::Person(role), None) => {
                last_person = Some(role);
                None
            }
            (Label::Detail(field), Some((t, r, c))) => {
                let above = persons.get(&(t, c)).and_then(|list| {
                    let below = list.partition_point(|(row, _)| *row <= r);
                    below.checked_sub(1).map(|i| list[i].1)
                });
                above.or_else(|| {
                    let left = in_row
                        .get(&(t, r, field))
                        .map_or(0, |cols| cols.partition_point(|col| *col < c));
                    Role::ALL.get(left).copied()
                })
            }
            (Label::Detail(field), None) => {
                let count = body_count.entry(field).or_default();
                *count += 1;
                last_person.or_else(|| Role::ALL.get(*count - 1).copied())
            }
            _ => None,
        })
        .collect()
}

fn field_of(occurrence: &Occurrence, role: Option<Role>) -> Option<FieldId> {
    Some(match occurrence.label {
        Label::ClusterName => FieldId::ClusterName,
        Label::Applicant => FieldId::Applicant,
        Label::Towns => FieldId::Towns,
        Label::CreationType => FieldId::CreationType,
        Label::Scope => FieldId::Scope,
        Label::Person(role) => FieldId::Person(role, PersonField::Name),
        Label::Detail(field) => FieldId::Person(role?, field),
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
    for (o, role) in occurrences.iter().zip(roles(occurrences)) {
        match field_of(o, role) {
            Some(field) if !found.values.contains_key(&field) => {
                if labels::is_distinctive(o.label) {
                    found.distinctive += 1;
                }
                found.values.insert(field, o.value.clone());
            }
            // A second 总协调人, a third 联系电话 …: its text is not lost.
            _ => {
                let text = o.value.join("\n");
                if !labels::blank(&text) {
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
