//! 关联乡镇（街道） as clerks write it in Word: names split on 、，,；; white space and line
//! breaks, matched against the division list; a county named before a group ("桐庐县：富春江镇、
//! 江南镇", as our Word copy prints towns of several units), after a name ("富春江镇（桐庐县）",
//! as the form shows them) or in front of it ("桐庐县富春江镇") tells where to look. Otherwise
//! the 申报单位's own county is preferred, then a name that only one county has. A name the
//! list lacks becomes a hand-added town, in the county it was written with (or the
//! 申报单位's), and the report says so.

use crate::model::declaration::{county_display, CustomLocation, Declaration, TownRef};
use crate::model::divisions::{divisions, County, Town};
use crate::model::text::clean_line;

use super::labels::{blank, folded};

/// Names read from one cell at most (the form allows 100 towns).
pub const MAX_TOWN_NAMES: usize = 200;

/// Where a group or a name says its towns lie.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    County(&'static County),
    /// A place outside Zhejiang, as written ("安徽省黄山市歙县").
    Outside(String),
}

/// The Zhejiang county-level unit `text` names: "桐庐县", "杭州市桐庐县", "湖州市德清县", "德清县"
/// (a name only one county has).
fn county_named(text: &str) -> Option<&'static County> {
    let key = folded(text);
    if key.is_empty() {
        return None;
    }
    let data = divisions();
    let mut by_name = data.counties().iter().filter(|c| c.name == key);
    if let (Some(only), None) = (by_name.next(), by_name.next()) {
        return Some(only);
    }
    data.counties().iter().find(|c| {
        let full = c.full_name();
        key == full || key == format!("浙江省{full}")
    })
}

/// A place a group or bracket names: a Zhejiang county, or, for a name that reads like a
/// place ("安徽省黄山市歙县"), a place outside Zhejiang.
fn place_named(text: &str) -> Option<Place> {
    if let Some(county) = county_named(text) {
        return Some(Place::County(county));
    }
    let text = clean_line(text);
    let looks_like_place = text.chars().count() >= 3
        && text.ends_with(['省', '市', '县', '区', '旗', '州'])
        && (text.contains('省') || text.contains('市') || text.contains("自治"))
        && !text.contains(['、', '，', ',', '；', ';', ' ']);
    looks_like_place.then_some(Place::Outside(text))
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';') || c.is_whitespace()
}

/// The names of a line, split at separators outside brackets ("某镇（桐庐县，手动添加）" is one).
fn names(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && is_separator(c) => {
                out.push(&line[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out.retain(|n| !blank(n));
    out
}

/// "富春江镇（桐庐县）" → ("富春江镇", the county); a bracket that names no place stays part of the
/// name ("某镇（筹）").
fn split_bracket(token: &str) -> (String, Option<Place>) {
    let token = token.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = token.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let (name, place) = (&inner[..at], &inner[at + open.len_utf8()..]);
                // Our own marks for a hand-added town, with or without the place.
                let place = place
                    .trim_end_matches("手动添加")
                    .trim_end_matches(['，', ','])
                    .trim();
                if place.is_empty() && inner[at..].contains("手动添加") {
                    return (name.trim().to_string(), None);
                }
                if let Some(place) = place_named(place) {
                    return (name.trim().to_string(), Some(place));
                }
            }
        }
    }
    (token.to_string(), None)
}

fn listed(town: &Town) -> TownRef {
    TownRef::Listed {
        code: town.code.to_string(),
    }
}

struct Reader<'a> {
    applicant: Option<&'static County>,
    declaration: &'a mut Declaration,
    notes: Vec<String>,
}

impl Reader<'_> {
    fn add(&mut self, town: TownRef) {
        let display = town.display();
        if !self.declaration.add_town(town) {
            self.notes
                .push(format!("“{display}”填写了不止一次，只导入一次"));
        }
    }

    fn hand_added(&mut self, name: &str, place: Option<Place>) {
        let (location, where_) = match place {
            Some(Place::County(county)) => (
                CustomLocation::County {
                    code: county.code.to_string(),
                },
                Some(county_display(county.code)),
            ),
            Some(Place::Outside(place)) => (
                CustomLocation::OutsideZhejiang {
                    place: place.clone(),
                },
                Some(place),
            ),
            None => match self.applicant {
                Some(county) => (
                    CustomLocation::County {
                        code: county.code.to_string(),
                    },
                    Some(county_display(county.code)),
                ),
                None => (
                    CustomLocation::County {
                        code: String::new(),
                    },
                    None,
                ),
            },
        };
        self.notes.push(match where_ {
            Some(place) => format!(
                "“{name}”不在区划名单中，已作为手动添加的乡镇（街道）导入，所在地为{place}，请核对"
            ),
            None => format!(
                "“{name}”不在区划名单中，已作为手动添加的乡镇（街道）导入，请在表单中选择它所属的县（市、区）"
            ),
        });
        self.add(TownRef::Custom {
            name: name.to_string(),
            location,
        });
    }

    /// A town of `county` named `name`, or named `name` + 镇/街道/乡 (noted).
    fn in_county(&mut self, county: &County, name: &str) -> Option<TownRef> {
        let data = divisions();
        if let Some(town) = data.town_named(county.code, name) {
            return Some(listed(town));
        }
        for suffix in ["镇", "街道", "乡"] {
            if let Some(town) = data.town_named(county.code, &format!("{name}{suffix}")) {
                self.notes.push(format!(
                    "“{name}”按区划名单中的“{}”（{}）导入，请核对",
                    town.name,
                    county_display(county.code)
                ));
                return Some(listed(town));
            }
        }
        None
    }

    fn name(&mut self, token: &str, group: Option<&Place>) {
        let (name, bracket) = split_bracket(token);
        let name = clean_line(&name);
        if name.is_empty() {
            return;
        }
        let place = bracket.or_else(|| group.cloned());
        match place {
            Some(Place::County(county)) => match self.in_county(county, &name) {
                Some(town) => self.add(town),
                None => self.hand_added(&name, Some(Place::County(county))),
            },
            Some(Place::Outside(place)) => self.hand_added(&name, Some(Place::Outside(place))),
            None => self.unplaced_name(&name),
        }
    }

    /// A name written without its county.
    fn unplaced_name(&mut self, name: &str) {
        let data = divisions();
        if let Some(county) = self.applicant {
            if let Some(town) = data.town_named(county.code, name) {
                return self.add(listed(town));
            }
        }
        // "桐庐县富春江镇": the county in front.
        let prefixed = data.counties().iter().find_map(|county| {
            let rest = name
                .strip_prefix(&county.full_name())
                .or_else(|| name.strip_prefix(county.name))?;
            data.town_named(county.code, rest)
        });
        if let Some(town) = prefixed {
            return self.add(listed(town));
        }
        // Hangzhou's counties first, in the customary order, then the rest of Zhejiang.
        let hangzhou = data.hangzhou_counties();
        let mut same: Vec<&Town> = data.towns().iter().filter(|t| t.name == name).collect();
        crate::model::sort::sort_by_key(&mut same, |t| {
            hangzhou
                .iter()
                .position(|c| c.code == t.county_code)
                .unwrap_or(hangzhou.len())
        });
        match same.as_slice() {
            [] => {}
            [only] => return self.add(listed(only)),
            [first, ..] => {
                let places: Vec<String> =
                    same.iter().map(|t| county_display(t.county_code)).collect();
                self.notes.push(format!(
                    "区划名单中有 {} 个“{name}”（{}），已按{}的导入，请核对",
                    same.len(),
                    places.join("、"),
                    county_display(first.county_code)
                ));
                return self.add(listed(first));
            }
        }
        if let Some(county) = self.applicant {
            if let Some(town) = self.in_county(county, name) {
                return self.add(town);
            }
        }
        self.hand_added(name, None);
    }
}

/// Reads the towns of a cell's lines into `declaration` (whose 申报单位 is `applicant`), and
/// says what it decided, for the user to check.
pub fn read_towns(
    lines: &[String],
    applicant: Option<&'static County>,
    declaration: &mut Declaration,
) -> Vec<String> {
    let mut reader = Reader {
        applicant,
        declaration,
        notes: Vec::new(),
    };
    let mut count = 0usize;
    let mut left_out: Vec<String> = Vec::new();
    for line in lines.iter().flat_map(|l| l.split('\n')) {
        // "桐庐县：富春江镇、江南镇": a group of one county's towns.
        let (group, rest) = match line.split_once(['：', ':']) {
            Some((head, rest)) => match place_named(head) {
                Some(place) => (Some(place), rest),
                None => (None, line),
            },
            None => (None, line),
        };
        for token in names(rest) {
            count += 1;
            if count > MAX_TOWN_NAMES {
                left_out.push(token.to_string());
                continue;
            }
            reader.name(token, group.as_ref());
        }
    }
    if !left_out.is_empty() {
        reader.notes.push(format!(
            "只导入了前 {MAX_TOWN_NAMES} 个乡镇（街道），其余 {} 个未导入",
            left_out.len()
        ));
    }
    reader.notes
}

/// The towns as the report shows them: "富春江镇（桐庐县）、某镇（桐庐县，手动添加）".
pub fn towns_display(towns: &[TownRef]) -> String {
    towns
        .iter()
        .map(|t| match t {
            TownRef::Listed { .. } => t.display(),
            TownRef::Custom { .. } => match t.place() {
                Some(place) => format!("{}（{}，手动添加）", t.name(), place.display()),
                None => format!("{}（手动添加）", t.name()),
            },
        })
        .collect::<Vec<_>>()
        .join("、")
}
