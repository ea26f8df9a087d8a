//! 报送情况: Hangzhou's 13 county-level units, in the customary order, each with the
//! declarations it sent (signed and valid, or Word files, unsigned) or 尚未报送; declarations
//! whose 申报单位 is none of the 13 are listed apart, never dropped. A declaration belongs to
//! the unit its 申报单位 names (a signature says who holds a key, not whom a file is for).

#[cfg(test)]
mod tests;

use crate::model::declaration::county_display;
use crate::model::divisions::divisions;

/// What a declaration is, for 报送情况.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A valid signed file.
    Signed,
    /// A Word file read back: unsigned.
    Word,
}

/// One declaration as 报送情况 needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared<'a> {
    /// The 申报单位's county code (may be empty or none of Hangzhou's).
    pub applicant: &'a str,
    pub cluster_name: &'a str,
    pub file_name: &'a str,
    pub kind: Kind,
}

/// One line of 报送情况: a unit and what it sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitStatus {
    /// "桐庐县"; for declarations of no Hangzhou unit, "申报单位不明或不在杭州市".
    pub unit: String,
    /// Whether this is one of Hangzhou's 13 units (not the line of the others).
    pub hangzhou: bool,
    pub signed: usize,
    pub word: usize,
    /// Each declaration: "桐庐富春江美镇圈（签名文件，a.json）".
    pub items: Vec<String>,
}

/// The line of declarations whose 申报单位 is none of Hangzhou's 13 units.
pub const ELSEWHERE: &str = "申报单位不明或不在杭州市";

/// The header of the 报送情况 sheet and table.
pub const HEADER: [&str; 6] = [
    "序号",
    "县（市、区）",
    "报送情况",
    "签名有效的文件（份）",
    "Word 文件（未签名）（份）",
    "申报的集群",
];

impl UnitStatus {
    /// "已报送", "只有 Word 文件（未签名）" or "尚未报送".
    pub fn state(&self) -> &'static str {
        match (self.signed, self.word) {
            (0, 0) => "尚未报送",
            (0, _) => "只有 Word 文件（未签名）",
            _ => "已报送",
        }
    }

    /// Whether it has sent anything.
    pub fn declared(&self) -> bool {
        self.signed + self.word > 0
    }

    /// Its row of the sheet, numbered `n`.
    pub fn row(&self, n: usize) -> Vec<String> {
        vec![
            n.to_string(),
            self.unit.clone(),
            self.state().to_string(),
            self.signed.to_string(),
            self.word.to_string(),
            self.items.join("\n"),
        ]
    }
}

/// "桐庐富春江美镇圈（签名文件，a.json）", "（未填写集群名称）（Word 文件（未签名），b.docx）".
fn item(d: &Declared<'_>) -> String {
    let name = if d.cluster_name.trim().is_empty() {
        "（未填写集群名称）"
    } else {
        d.cluster_name
    };
    let kind = match d.kind {
        Kind::Signed => "签名文件",
        Kind::Word => "Word 文件（未签名）",
    };
    format!("{name}（{kind}，{}）", d.file_name)
}

fn add(unit: &mut UnitStatus, d: &Declared<'_>) {
    match d.kind {
        Kind::Signed => unit.signed += 1,
        Kind::Word => unit.word += 1,
    }
    unit.items.push(item(d));
}

/// The 13 units in order, each with its declarations (in the order given); then, if any
/// declaration names no Hangzhou unit, one line of those.
pub fn status(declared: &[Declared<'_>]) -> Vec<UnitStatus> {
    let blank = |unit: String, hangzhou: bool| UnitStatus {
        unit,
        hangzhou,
        signed: 0,
        word: 0,
        items: Vec::new(),
    };
    let counties = divisions().hangzhou_counties();
    let mut units: Vec<UnitStatus> = counties
        .iter()
        .map(|c| blank(c.name.to_string(), true))
        .collect();
    let mut elsewhere = blank(ELSEWHERE.to_string(), false);
    for d in declared {
        match counties.iter().position(|c| c.code == d.applicant) {
            Some(i) => add(&mut units[i], d),
            None => {
                add(&mut elsewhere, d);
                if let Some(last) = elsewhere.items.last_mut() {
                    let applicant = if d.applicant.trim().is_empty() {
                        "申报单位未填写".to_string()
                    } else {
                        format!("申报单位：{}", county_display(d.applicant))
                    };
                    *last = format!("{last}，{applicant}");
                }
            }
        }
    }
    if elsewhere.declared() {
        units.push(elsewhere);
    }
    units
}

/// "13 个县（市、区）中，已报送 2 个（其中 1 个只有 Word 文件），尚未报送 11 个".
pub fn overview(units: &[UnitStatus]) -> String {
    let hangzhou: Vec<&UnitStatus> = units.iter().filter(|u| u.hangzhou).collect();
    let declared = hangzhou.iter().filter(|u| u.declared()).count();
    let word_only = hangzhou
        .iter()
        .filter(|u| u.signed == 0 && u.word > 0)
        .count();
    let mut line = format!("{} 个县（市、区）中，已报送 {declared} 个", hangzhou.len());
    if word_only > 0 {
        line.push_str(&format!("（其中 {word_only} 个只有 Word 文件，未签名）"));
    }
    line.push_str(&format!("，尚未报送 {} 个", hangzhou.len() - declared));
    if let Some(other) = units.iter().find(|u| !u.hangzhou) {
        line.push_str(&format!(
            "；另有 {} 份申报的申报单位不明或不在杭州市",
            other.items.len()
        ));
    }
    line
}
