//! The form's labels as they stand in filled Word files: compared without white space (stray
//! and full-width spaces, line breaks inside a label), with full-width brackets, colons and
//! digits read as half-width ("关联乡镇 (街道)" is "关联乡镇（街道）"), and a colon after a
//! label allowed. Also the form's own words that are not the clerk's: the title, 附件, the
//! hint under 主要内容简介, the seal line, the note, and the lines our Word copy adds.

#[cfg(test)]
mod tests;

use crate::model::declaration::Milestone;
use crate::model::field::{PersonField, Role};
use crate::model::paper::{words, FOOT_NOTE, SUMMARY_HINT, TITLE};

/// A label of the paper form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    ClusterName,
    Applicant,
    Towns,
    CreationType,
    Scope,
    /// 总协调人 or 具体联系人: the name beside it.
    Person(Role),
    /// 所在单位, 职务 or 联系电话: whose depends on where it stands.
    Detail(PersonField),
    Milestone(Milestone),
    StageResults,
    Summary,
    DeclaredOn,
}

/// Every spelling of every label, folded (see [`folded`]), longest first within a label so
/// that a prefix never hides a longer one.
const LABELS: &[(&str, Label)] = &[
    ("美丽城镇集群化建设名称", Label::ClusterName),
    ("集群化建设名称", Label::ClusterName),
    ("申报单位名称", Label::Applicant),
    ("申报单位", Label::Applicant),
    ("关联乡镇(街道)", Label::Towns),
    ("关联乡镇街道", Label::Towns),
    ("关联乡镇", Label::Towns),
    ("创建类型", Label::CreationType),
    ("创建范围", Label::Scope),
    ("总协调人", Label::Person(Role::Coordinator)),
    ("具体联系人", Label::Person(Role::Contact)),
    ("所在单位", Label::Detail(PersonField::Unit)),
    ("职务", Label::Detail(PersonField::Title)),
    ("联系电话", Label::Detail(PersonField::Phone)),
    ("工作专班成立时间", Label::Milestone(Milestone::TaskForce)),
    (
        "实施方案完成时间",
        Label::Milestone(Milestone::ImplementationPlan),
    ),
    ("任务清单完成时间", Label::Milestone(Milestone::TaskList)),
    ("集群规划完成时间", Label::Milestone(Milestone::ClusterPlan)),
    ("2021年计划完成的阶段性成果", Label::StageResults),
    ("计划完成的阶段性成果", Label::StageResults),
    ("阶段性成果", Label::StageResults),
    ("主要内容简介(500字)", Label::Summary),
    ("主要内容简介", Label::Summary),
    ("日期", Label::DeclaredOn),
];

/// A character as labels are compared: `None` for white space and invisible characters,
/// full-width forms as half-width, the other brackets Chinese forms use as round ones.
fn fold(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '【' | '〔' | '［' | '[' | '﹙' => Some('('),
        '】' | '〕' | '］' | ']' | '﹚' => Some(')'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '︰' | '∶' => Some(':'),
        c => Some(c),
    }
}

/// Text as labels are compared.
pub fn folded(text: &str) -> String {
    text.chars().filter_map(fold).collect()
}

/// Whether a text is only white space (nothing a label or value could be).
pub fn blank(text: &str) -> bool {
    text.chars().all(|c| fold(c).is_none())
}

/// The longest text, in bytes, that can be a label or one of the form's own words (the
/// longest, the hint under 主要内容简介, has 180): longer texts are never compared whole.
const MAX_WORDS_BYTES: usize = 400;

/// The rest of `text` after `key` (folded), compared folded; `None` if it does not begin so.
pub fn strip_folded<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut wanted = key.chars().peekable();
    for (i, c) in text.char_indices() {
        if wanted.peek().is_none() {
            return Some(&text[i..]);
        }
        match fold(c) {
            None => continue,
            Some(f) if Some(&f) == wanted.peek() => {
                wanted.next();
            }
            Some(_) => return None,
        }
    }
    wanted.peek().is_none().then_some("")
}

/// The rest after white space and one colon, if a colon follows.
fn after_colon(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(|c| fold(c).is_none());
    let mut chars = rest.chars();
    match chars.next().and_then(fold) {
        Some(':') => Some(chars.as_str()),
        _ => None,
    }
}

fn lookup(key: &str) -> Option<Label> {
    let key = key.trim_end_matches(':');
    LABELS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

/// The label a whole text is (a colon after it allowed, and a note in brackets after it:
/// "联系电话（手机）"; never the seal line's "（盖章）").
pub fn exact(text: &str) -> Option<Label> {
    if text.len() > MAX_WORDS_BYTES {
        return None;
    }
    let key = folded(text);
    if let Some(label) = lookup(&key) {
        return Some(label);
    }
    let key = key.trim_end_matches(':');
    let (head, note) = key.strip_suffix(')')?.rsplit_once('(')?;
    (!note.contains("盖章")).then(|| lookup(head)).flatten()
}

/// A label, a colon and something after it in one text ("总协调人：王建国"): the label and
/// the rest (not empty).
pub fn inline(text: &str) -> Option<(Label, &str)> {
    LABELS.iter().find_map(|(key, label)| {
        let rest = after_colon(strip_folded(text, key)?)?;
        (!blank(rest)).then_some((*label, rest))
    })
}

/// 主要内容简介's cell or paragraph: what follows its label, a colon and its hint (or what
/// is left of the hint: a bracket opening with "包含", up to its close).
pub fn summary(text: &str) -> Option<&str> {
    let rest = ["主要内容简介(500字)", "主要内容简介"]
        .iter()
        .find_map(|key| strip_folded(text, key))?;
    let rest = after_colon(rest).unwrap_or(rest);
    if let Some(after) = strip_folded(rest, &folded(SUMMARY_HINT)) {
        return Some(after);
    }
    if let Some(inside) = strip_folded(rest, "(包含") {
        if let Some(close) = inside.find([')', '）']) {
            let bracket = inside[close..].chars().next().map_or(1, char::len_utf8);
            return Some(&inside[close + bracket..]);
        }
    }
    Some(rest)
}

/// Whether a text is 主要内容简介's hint (or what a clerk left of it: a bracket opening with
/// "包含").
pub fn is_hint(text: &str) -> bool {
    if text.len() > MAX_WORDS_BYTES {
        return false;
    }
    let key = folded(text);
    key == folded(SUMMARY_HINT) || (key.starts_with("(包含") && key.ends_with(')'))
}

/// The form's own words around the clerk's: what a text that is one of them is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// 附件, the title, 草稿, the seal line (empty), the note under the form.
    Form,
    /// The fingerprint, digest and how-to-check lines our Word copy of a signed file carries.
    SignedCopy,
}

/// Whether `text` is one of the form's own words rather than something a clerk typed.
pub fn known(text: &str) -> Option<Known> {
    if text.len() > MAX_WORDS_BYTES {
        return None;
    }
    let key = folded(text);
    if key.is_empty() {
        return None;
    }
    let title = folded(TITLE);
    let attachment = folded(words::ATTACHMENT);
    let form = key == title
        || key.trim_start_matches(&attachment).trim_start_matches(':') == title
        || key.trim_end_matches(':') == attachment
        || key == folded(words::DRAFT_MARK)
        || key.trim_end_matches(':') == "申报单位(盖章)"
        || key.starts_with(&folded("注：由各县（市、区）美镇办负责填写本申报表"))
        || key == folded(FOOT_NOTE)
        || is_hint(text);
    if form {
        return Some(Known::Form);
    }
    let signed = key.starts_with(&folded(words::FINGERPRINT))
        || key.starts_with(&folded(words::DIGEST))
        || key == folded(words::BINDING_NOTE);
    signed.then_some(Known::SignedCopy)
}

/// The line of attached files our Word copy prints under the summary ("附：方案.pdf；清单.xlsx"):
/// the names.
pub fn attachments_line(text: &str) -> Option<Vec<String>> {
    let rest = text.trim().strip_prefix("附：")?;
    let names: Vec<String> = rest
        .split('；')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// Whether a label names one of the form's items plainly enough to tell the form is there
/// (所在单位, 职务, 联系电话 and 日期 stand in many tables).
pub fn is_distinctive(label: Label) -> bool {
    !matches!(label, Label::Detail(_) | Label::DeclaredOn)
}
