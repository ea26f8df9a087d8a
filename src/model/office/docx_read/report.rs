//! What an import of a Word declaration found, as the user reads it: for each item of the form,
//! filled (with the value as the form now holds it), empty, not in the file, or not read
//! because it was unclear; every piece of text that could not be placed; and what was left
//! out on purpose (macros, pictures, the signed copy's marks). All in plain Chinese.

use serde::{Deserialize, Serialize};

use crate::model::field::FieldId;

/// What the import found for one item of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "text")]
pub enum FieldState {
    /// Its label and a value were found; the value as the form now shows it.
    Filled(String),
    /// Its label was found, its cell is empty (for check boxes: none is ticked).
    Empty,
    /// Its label is not in the file.
    NotFound,
    /// Something was there, but it could not be taken as the item's value (two check boxes
    /// ticked, a 申报单位 that is none of Hangzhou's units …): what was found.
    Unclear(String),
}

/// One item of the form and what the import found for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldEntry {
    pub field: FieldId,
    pub state: FieldState,
    /// What the import decided for this item, for the user to check.
    pub notes: Vec<String>,
}

impl FieldEntry {
    /// "美丽城镇集群化建设名称：桐庐富春江美镇圈", "职务：未填写", …
    pub fn line(&self) -> String {
        let label = self.field.label();
        match &self.state {
            FieldState::Filled(value) => format!("{label}：{value}"),
            FieldState::Empty => format!("{label}：未填写"),
            FieldState::NotFound => format!("{label}：文件中没有这一项"),
            FieldState::Unclear(found) => format!("{label}：未能导入（文件中为“{found}”）"),
        }
    }
}

/// A piece of text the import could not place in the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unplaced {
    /// Where it stands: "表格第 13 行", "表格之后的正文", "文本框中" …
    pub place: String,
    pub text: String,
}

impl Unplaced {
    pub fn line(&self) -> String {
        format!("{}：{}", self.place, self.text)
    }
}

/// The whole report of one import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportReport {
    /// Every item of the paper form, in its order (申报单位名称 is part of 申报单位).
    pub fields: Vec<FieldEntry>,
    /// Text that could not be placed, in document order, at most `MAX_UNPLACED` pieces.
    pub unplaced: Vec<Unplaced>,
    /// Pieces of unplaced text beyond those listed.
    pub unplaced_more: usize,
    /// What was not read on purpose, and other things to know about the file.
    pub notes: Vec<String>,
}

impl ImportReport {
    fn count(&self, pick: impl Fn(&FieldState) -> bool) -> usize {
        self.fields.iter().filter(|f| pick(&f.state)).count()
    }

    /// The items read, left empty, missing and unclear, in one sentence.
    pub fn summary(&self) -> String {
        let filled = self.count(|s| matches!(s, FieldState::Filled(_)));
        let empty = self.count(|s| matches!(s, FieldState::Empty));
        let missing = self.count(|s| matches!(s, FieldState::NotFound));
        let unclear = self.count(|s| matches!(s, FieldState::Unclear(_)));
        let mut parts = vec![format!("读出 {filled} 项")];
        if empty > 0 {
            parts.push(format!("未填写 {empty} 项"));
        }
        if missing > 0 {
            parts.push(format!("文件中没有 {missing} 项"));
        }
        if unclear > 0 {
            parts.push(format!("未能导入 {unclear} 项"));
        }
        let mut text = format!("共 {} 项：{}。", self.fields.len(), parts.join("，"));
        let pieces = self.unplaced.len() + self.unplaced_more;
        if pieces > 0 {
            text.push_str(&format!(
                "另有 {pieces} 处文字未能对应到申报表的填写项，请核对。"
            ));
        }
        text
    }

    /// The report as lines of text: the summary, each item (with its notes), the text that
    /// could not be placed, and the notes on the file.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![self.summary()];
        for field in &self.fields {
            out.push(field.line());
            out.extend(field.notes.iter().map(|n| format!("　　{n}")));
        }
        if !self.unplaced.is_empty() {
            out.push("未能对应到填写项的文字：".to_string());
            out.extend(self.unplaced.iter().map(|u| format!("　　{}", u.line())));
            if self.unplaced_more > 0 {
                out.push(format!("　　另有 {} 处未列出。", self.unplaced_more));
            }
        }
        out.extend(self.notes.iter().cloned());
        out
    }
}
