//! The items found in a Word file put into a declaration by the rules of typed input, as if the
//! clerk had typed each cell into the form and left the field: single lines tidied as the form
//! tidies them, phone numbers and dates rewritten as the form rewrites them when one leaves the
//! field, long texts one paragraph per line (the indentation and blank paragraphs a clerk types
//! in Word are layout, which the printed form sets itself, as `display::paragraphs` reads
//! them for print), check boxes read as the radio buttons they stand for, 申报单位
//! matched to one of Hangzhou's 13 units (the form's choice list), towns matched against the
//! division list. The declaration is then `cleaned()`, as the form's is before it is printed or
//! signed; `validate` judges it like any other.

#[cfg(test)]
mod tests;

use super::locate::Found;
use super::report::{FieldEntry, FieldState};
use super::towns::{read_towns, towns_display};
use crate::model::date::date_as_printed;
use crate::model::declaration::{default_office_name, CreationType, Declaration, Milestone, Scope};
use crate::model::display::paragraphs;
use crate::model::divisions::{divisions, County};
use crate::model::field::{FieldId, PersonField, Role};
use crate::model::phone::parse_phones;
use crate::model::review::date_display;
use crate::model::sort::sort_by_key;
use crate::model::text::{clean_line, zishu};

/// Marks that tick a box (☒ is a content control's ticked box).
const TICKS: &[char] = &['☑', '☒', '■', '√', '✓', '✔', '▣', '◼', '✅'];
/// Marks of an empty box.
const BOXES: &[char] = &['□', '☐', '◻', '▢', '◽', '❏', '❑'];

/// What a row of check boxes says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ticks {
    One(usize),
    /// Boxes, none ticked; or nothing written.
    None,
    Several(Vec<usize>),
    /// Text, but none of the options.
    Unreadable,
}

/// Which of `options` the text ticks. A mark belongs to the option it stands next to: before
/// it ("☑特色型 □复合型") or, when the text begins with an option, after it ("特色型√ 复合型");
/// an option standing alone, its boxes deleted, is the one chosen.
fn read_ticks(text: &str, options: &[&str]) -> Ticks {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut at: Vec<(usize, usize, usize)> = options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| text.find(o).map(|s| (s, s + o.len(), i)))
        .collect();
    sort_by_key(&mut at, |a| *a);
    if at.is_empty() {
        return if text.is_empty() {
            Ticks::None
        } else {
            Ticks::Unreadable
        };
    }
    let is_mark = |c: char| TICKS.contains(&c) || BOXES.contains(&c);
    let Some(first_mark) = text.find(is_mark) else {
        return match at.as_slice() {
            [(_, _, only)] => Ticks::One(*only),
            _ => Ticks::None,
        };
    };
    let before = first_mark < at[0].0;
    let mut ticked = Vec::new();
    for (k, &(start, end, option)) in at.iter().enumerate() {
        let mark = if before {
            let from = if k == 0 { 0 } else { at[k - 1].1 };
            text[from..start].chars().rev().find(|c| is_mark(*c))
        } else {
            let to = at.get(k + 1).map_or(text.len(), |next| next.0);
            text[end..to].chars().find(|c| is_mark(*c))
        };
        if mark.is_some_and(|c| TICKS.contains(&c)) {
            ticked.push(option);
        }
    }
    match ticked.as_slice() {
        [] => Ticks::None,
        [one] => Ticks::One(*one),
        _ => Ticks::Several(ticked),
    }
}

/// The Hangzhou unit a 申报单位 cell names: the one whose name it holds ("桐庐县美镇办"), or,
/// failing that, whose short name it holds ("桐庐美镇办"); none if it names none or several.
fn applicant_in(text: &str) -> Result<&'static County, Vec<&'static County>> {
    let counties = divisions().hangzhou_counties();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for short in [false, true] {
        let hits: Vec<&County> = counties
            .iter()
            .copied()
            .filter(|c| {
                let name = if short {
                    c.name.trim_end_matches(['区', '县', '市'])
                } else {
                    c.name
                };
                text.contains(name)
            })
            .collect();
        match hits.as_slice() {
            [one] => return Ok(one),
            [] => continue,
            _ => return Err(hits),
        }
    }
    Err(Vec::new())
}

struct Filler<'a> {
    found: &'a Found,
    declaration: Declaration,
    fields: Vec<FieldEntry>,
}

impl Filler<'_> {
    fn lines(&self, field: FieldId) -> Option<&[String]> {
        self.found.values.get(&field).map(Vec::as_slice)
    }

    /// A single-line field's text as the form tidies it.
    fn line(&self, field: FieldId) -> Option<String> {
        self.lines(field).map(|l| clean_line(&l.join("\n")))
    }

    fn entry(&mut self, field: FieldId, state: FieldState, notes: Vec<String>) {
        self.fields.push(FieldEntry {
            field,
            state,
            notes,
        });
    }

    /// A text field: `rewrite` is what the form does when one leaves it.
    fn text(&mut self, field: FieldId, rewrite: fn(&str) -> Option<String>) {
        let state = match self.line(field) {
            None => FieldState::NotFound,
            Some(text) if text.is_empty() => FieldState::Empty,
            Some(text) => {
                let text = rewrite(&text).unwrap_or(text);
                if let Some(slot) = self.declaration.text_mut(field) {
                    *slot = text;
                }
                FieldState::Filled(String::new())
            }
        };
        self.entry(field, state, Vec::new());
    }

    fn block(&mut self, field: FieldId) {
        let state = match self.lines(field) {
            None => FieldState::NotFound,
            Some(lines) => {
                let text = paragraphs(&lines.join("\n")).join("\n");
                if text.is_empty() {
                    FieldState::Empty
                } else {
                    if let Some(slot) = self.declaration.text_mut(field) {
                        *slot = text;
                    }
                    FieldState::Filled(String::new())
                }
            }
        };
        self.entry(field, state, Vec::new());
    }

    fn applicant(&mut self) -> Option<&'static County> {
        let field = FieldId::Applicant;
        let Some(text) = self.line(field) else {
            self.entry(field, FieldState::NotFound, Vec::new());
            return None;
        };
        if text.is_empty() {
            self.entry(field, FieldState::Empty, Vec::new());
            return None;
        }
        match applicant_in(&text) {
            Ok(county) => {
                self.declaration.applicant = county.code.to_string();
                let mut notes = Vec::new();
                if text != default_office_name(county.name) {
                    self.declaration.applicant_office = text.clone();
                    notes.push(format!(
                        "申报单位为{}；“{text}”作为申报单位名称（与公章一致）导入",
                        county.name
                    ));
                }
                self.entry(field, FieldState::Filled(text), notes);
                Some(county)
            }
            Err(several) => {
                // The name is kept for the seal line; the unit must be chosen in the form.
                self.declaration.applicant_office = text.clone();
                let why = if several.is_empty() {
                    "看不出是杭州市的哪个县（市、区）".to_string()
                } else {
                    let names: Vec<&str> = several.iter().map(|c| c.name).collect();
                    format!("提到了不止一个县（市、区）（{}）", names.join("、"))
                };
                self.entry(
                    field,
                    FieldState::Unclear(text),
                    vec![format!(
                        "{why}，请在表单中选择申报单位；文件中写的名称已填入“申报单位名称”"
                    )],
                );
                None
            }
        }
    }

    fn ticks<T: Copy>(
        &mut self,
        field: FieldId,
        options: &[T],
        label: fn(T) -> &'static str,
    ) -> Option<T> {
        let Some(lines) = self.lines(field) else {
            self.entry(field, FieldState::NotFound, Vec::new());
            return None;
        };
        let text = clean_line(&lines.join(" "));
        let labels: Vec<&str> = options.iter().map(|o| label(*o)).collect();
        let (state, notes, chosen) = match read_ticks(&text, &labels) {
            Ticks::One(i) => (
                FieldState::Filled(labels[i].to_string()),
                vec![],
                Some(options[i]),
            ),
            Ticks::None if text.is_empty() => (FieldState::Empty, vec![], None),
            Ticks::None => (
                FieldState::Empty,
                vec![format!("“{text}”中没有勾选任何一项")],
                None,
            ),
            Ticks::Several(ticked) => {
                let names: Vec<&str> = ticked.iter().map(|i| labels[*i]).collect();
                (
                    FieldState::Unclear(text.clone()),
                    vec![format!(
                        "勾选了不止一项（{}），未导入，请在表单中选择一项",
                        names.join("、")
                    )],
                    None,
                )
            }
            Ticks::Unreadable => (
                FieldState::Unclear(text.clone()),
                vec![format!(
                    "看不出选的是{}中的哪一项，请在表单中选择",
                    labels.join("、")
                )],
                None,
            ),
        };
        self.entry(field, state, notes);
        chosen
    }
}

/// Characters of a long text the report shows.
const BLOCK_HEAD: usize = 40;

/// A long text as the report shows it: its beginning and its 字数, counted as the form counts
/// them ("完成集群规划编制；……（共 56 字）").
fn block_display(text: &str) -> String {
    let one_line = text
        .split('\n')
        .map(|l| l.trim_matches(char::is_whitespace))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let count = zishu(text);
    if one_line.chars().count() <= BLOCK_HEAD {
        return format!("{one_line}（共 {count} 字）");
    }
    let head: String = one_line.chars().take(BLOCK_HEAD).collect();
    format!("{head}……（共 {count} 字）")
}

/// What `fill` gives: the declaration and a report entry for each item of the paper form.
pub struct Filled {
    pub declaration: Declaration,
    pub fields: Vec<FieldEntry>,
}

/// Puts what was found into a declaration.
pub fn fill(found: &Found) -> Filled {
    let mut f = Filler {
        found,
        declaration: Declaration::default(),
        fields: Vec::new(),
    };
    f.text(FieldId::ClusterName, |_| None);
    let applicant = f.applicant();
    match f.lines(FieldId::Towns).map(<[String]>::to_vec) {
        None => f.entry(FieldId::Towns, FieldState::NotFound, Vec::new()),
        Some(lines) => {
            let notes = read_towns(&lines, applicant, &mut f.declaration);
            let state = if f.declaration.towns.is_empty() {
                FieldState::Empty
            } else {
                FieldState::Filled(towns_display(&f.declaration.towns))
            };
            f.entry(FieldId::Towns, state, notes);
        }
    }
    f.declaration.creation_type = f.ticks(
        FieldId::CreationType,
        &CreationType::ALL,
        CreationType::label,
    );
    f.declaration.scope = f.ticks(FieldId::Scope, &Scope::ALL, Scope::label);
    for role in Role::ALL {
        for field in PersonField::ALL {
            let rewrite: fn(&str) -> Option<String> = match field {
                PersonField::Phone => |text| parse_phones(text).ok().map(|p| p.normalised()),
                _ => |_| None,
            };
            f.text(FieldId::Person(role, field), rewrite);
        }
    }
    for milestone in Milestone::ALL {
        f.text(FieldId::Milestone(milestone), date_as_printed);
    }
    f.block(FieldId::StageResults);
    f.block(FieldId::Summary);
    f.text(FieldId::DeclaredOn, date_as_printed);

    // What is printed and signed; each filled entry shows its value as the form now holds it.
    let declaration = f.declaration.cleaned();
    for entry in &mut f.fields {
        if let FieldState::Filled(value) = &mut entry.state {
            if value.is_empty() {
                let text = declaration.text(entry.field).unwrap_or_default();
                *value = match entry.field {
                    FieldId::Milestone(_) | FieldId::DeclaredOn => date_display(text),
                    FieldId::StageResults | FieldId::Summary => block_display(text),
                    _ => text.to_string(),
                };
            }
        }
    }
    Filled {
        declaration,
        fields: f.fields,
    }
}
