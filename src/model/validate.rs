//! Validation: every rule of the notice, checked at once, each problem tied to its field.
//!
//! `validate` never stops at the first problem: the page shows them all in one summary and
//! beside each field. Errors block finishing; warnings (a milestone before the task force is
//! set up, a cluster with none of the applicant's own towns) only ask the user to look again.

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

use super::date::{parse_date, DateError, YEAR_RANGE};
use super::declaration::{
    county_display, CustomLocation, Declaration, Milestone, Person, Scope, TownPlace, TownRef,
};
use super::divisions::divisions;
use super::field::{FieldId, PersonField, Role};
use super::phone::{parse_phones, PhoneError};
use super::sort;
use super::text::{clean_line, zishu};
use crate::model::error::UserError;

/// The most 字 each text field may hold. The notice sets only one limit, 主要内容简介（500字）;
/// every other number here is a generous guard against absurd input (a whole document pasted
/// into a name), far above anything a real declaration holds.
pub mod limits {
    pub const CLUSTER_NAME: usize = 100;
    pub const PERSON_NAME: usize = 50;
    pub const UNIT: usize = 100;
    pub const TITLE: usize = 50;
    /// Characters, not 字: two numbers with notes and a short number fit easily.
    pub const PHONE: usize = 80;
    pub const TOWN_NAME: usize = 50;
    pub const PLACE: usize = 100;
    pub const STAGE_RESULTS: usize = 3000;
    /// 主要内容简介（500字）, as the paper form says.
    pub const SUMMARY: usize = 500;
    /// Towns in one cluster.
    pub const TOWNS: usize = 100;
    /// Towns in a cluster at the least: "两个及以上".
    pub const TOWNS_MIN: usize = 2;

    /// The most characters a text of at most `zi` 字 may hold: three a 字, at least 150. A run
    /// of letters, digits or emoji counts as one 字, so the 字 limit alone bounds nothing (a
    /// 900,000-letter name is one 字); the ceiling keeps every field printable and every
    /// office document writable, while no real text comes near it.
    pub const fn char_ceiling(zi: usize) -> usize {
        let ceiling = zi * 3;
        if ceiling < 150 {
            150
        } else {
            ceiling
        }
    }

    /// The limits of a field in words, for its hint: "不超过 100 字（300 个字符）".
    pub fn in_words(zi: usize) -> String {
        format!("不超过 {zi} 字（{} 个字符）", char_ceiling(zi))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong (or worth a second look) with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: FieldId,
    pub severity: Severity,
    /// Chinese, and says how to put it right.
    pub message: String,
}

/// Every problem of a declaration, in the order of the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    pub fn for_field(&self, field: FieldId) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| p.field == field)
    }

    pub fn has_error(&self, field: FieldId) -> bool {
        self.for_field(field).any(|p| p.severity == Severity::Error)
    }

    /// How many things there are to fix, counted as the summary lists them: a problem reported
    /// at two fields (a 创建范围 mismatch) is one. The only count of errors the app shows.
    pub fn error_count(&self) -> usize {
        self.distinct_errors().len()
    }

    /// Problems of one severity, once per message: a 创建范围 mismatch is reported at two
    /// fields but is one problem to fix (listed once, linking to the first field).
    pub fn distinct(problems: &[Problem], severity: Severity) -> Vec<Problem> {
        let mut out: Vec<Problem> = Vec::new();
        for p in problems.iter().filter(|p| p.severity == severity) {
            if !out.iter().any(|o| o.message == p.message) {
                out.push(p.clone());
            }
        }
        out
    }

    /// The errors as the summary lists them (see `distinct`).
    pub fn distinct_errors(&self) -> Vec<Problem> {
        Report::distinct(&self.problems, Severity::Error)
    }

    /// No errors (warnings allowed): the declaration may be finished.
    pub fn is_clean(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// Collects problems; sorts them into form order at the end.
struct Collector {
    problems: Vec<Problem>,
}

impl Collector {
    fn error(&mut self, field: FieldId, message: impl Into<String>) {
        self.problems.push(Problem {
            field,
            severity: Severity::Error,
            message: message.into(),
        });
    }

    fn warning(&mut self, field: FieldId, message: impl Into<String>) {
        self.problems.push(Problem {
            field,
            severity: Severity::Warning,
            message: message.into(),
        });
    }

    /// A single-line text: required, at most `max` 字 after trimming.
    fn line(&mut self, field: FieldId, value: &str, max: usize) {
        let value = clean_line(value);
        let label = field.phrase();
        if value.is_empty() {
            self.error(field, format!("请填写{label}"));
        } else {
            self.length(field, &label, &value, max);
        }
    }

    fn length(&mut self, field: FieldId, label: &str, value: &str, max: usize) {
        if let Some(message) = too_many_chars(label, value, max) {
            self.error(field, message);
            return;
        }
        let count = zishu(value);
        if count > max {
            self.error(
                field,
                format!(
                    "{label}不能超过 {max} 字，现有 {count} 字，请删减 {} 字",
                    count - max
                ),
            );
        }
    }

    fn finish(mut self) -> Report {
        // Stable: within one field, messages keep the order in which rules are checked.
        sort::sort_by_key(&mut self.problems, |p| p.field);
        Report {
            problems: self.problems,
        }
    }
}

/// Checks every rule; returns every problem at once.
pub fn validate(declaration: &Declaration) -> Report {
    let mut out = Collector {
        problems: Vec::new(),
    };
    out.line(
        FieldId::ClusterName,
        &declaration.cluster_name,
        limits::CLUSTER_NAME,
    );
    check_applicant(&mut out, declaration);
    // Optional (the usual name is printed when empty), so only the guard applies.
    out.length(
        FieldId::ApplicantOffice,
        &FieldId::ApplicantOffice.phrase(),
        &clean_line(&declaration.applicant_office),
        limits::UNIT,
    );
    check_towns(&mut out, declaration);
    if declaration.creation_type.is_none() {
        out.error(FieldId::CreationType, "请选择创建类型：特色型或复合型");
    }
    check_scope(&mut out, declaration);
    for role in Role::ALL {
        let person = match role {
            Role::Coordinator => &declaration.coordinator,
            Role::Contact => &declaration.contact,
        };
        check_person(&mut out, role, person);
    }
    check_dates(&mut out, declaration);
    check_block(
        &mut out,
        FieldId::StageResults,
        "2021年计划完成的阶段性成果",
        &declaration.stage_results,
        limits::STAGE_RESULTS,
    );
    check_block(
        &mut out,
        FieldId::Summary,
        "主要内容简介",
        &declaration.summary,
        limits::SUMMARY,
    );
    check_hidden_characters(&mut out, declaration);
    out.finish()
}

/// Characters nobody can see (control, direction-override, private-use), usually brought in by
/// copying from another file: an error at the field, since a signed file may not hold them.
/// White space (tabs, odd line breaks) is not flagged: cleaning tidies it.
fn check_hidden_characters(out: &mut Collector, declaration: &Declaration) {
    use super::safe_text::{describe_forbidden, is_forbidden_in_declaration};
    let mut fields: Vec<(FieldId, &str)> = FieldId::ALL
        .iter()
        .filter_map(|field| Some((*field, declaration.text(*field)?)))
        .collect();
    for town in &declaration.towns {
        if let TownRef::Custom { name, location } = town {
            fields.push((FieldId::Towns, name));
            if let CustomLocation::OutsideZhejiang { place } = location {
                fields.push((FieldId::Towns, place));
            }
        }
    }
    let mut flagged = BTreeSet::new();
    for (field, text) in fields {
        let hidden = text
            .chars()
            .find(|c| is_forbidden_in_declaration(*c) && !c.is_whitespace());
        if let Some(c) = hidden {
            if flagged.insert(field) {
                out.error(
                    field,
                    format!(
                        "{}中有看不见的特殊字符（{}），可能是复制粘贴时带入的，请删去这段文字后重新输入",
                        field.phrase(),
                        describe_forbidden(c)
                    ),
                );
            }
        }
    }
}

fn check_applicant(out: &mut Collector, declaration: &Declaration) {
    let code = declaration.applicant.trim();
    if code.is_empty() {
        out.error(FieldId::Applicant, "请选择申报单位（本县（市、区）美镇办）");
        return;
    }
    match divisions().county(code) {
        Some(county) if county.is_in_hangzhou() => {}
        _ => out.error(
            FieldId::Applicant,
            "申报单位应为杭州市的县（市、区），请从列表中重新选择",
        ),
    }
}

fn check_towns(out: &mut Collector, declaration: &Declaration) {
    let field = FieldId::Towns;
    let towns = &declaration.towns;
    if towns.is_empty() {
        out.error(field, "请选择两个及以上关联乡镇（街道）");
        return;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut reported_duplicates = BTreeSet::new();
    for town in towns {
        check_town_entry(out, town);
        let identity = town.identity();
        let count = seen.entry(identity.clone()).or_default();
        *count += 1;
        if *count == 2 && reported_duplicates.insert(identity) {
            out.error(
                field,
                format!("“{}”重复填写了，请删除重复的一项", town.display()),
            );
        }
    }
    let distinct = seen.len();
    if distinct < limits::TOWNS_MIN {
        out.error(
            field,
            format!(
                "集群须包含两个及以上乡镇（街道），目前只有 {distinct} 个，请再添加至少 {} 个",
                limits::TOWNS_MIN - distinct
            ),
        );
    }
    if towns.len() > limits::TOWNS {
        out.error(
            field,
            format!(
                "关联乡镇（街道）最多 {} 个，现有 {} 个，请删除 {} 个",
                limits::TOWNS,
                towns.len(),
                towns.len() - limits::TOWNS
            ),
        );
    }
}

/// Which input of the "add a town by hand" form a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomTownInput {
    Name,
    County,
    Place,
}

/// The message for a text of at most `zi` 字 that holds more characters than
/// [`limits::char_ceiling`] allows, if it does.
fn too_many_chars(label: &str, value: &str, zi: usize) -> Option<String> {
    let ceiling = limits::char_ceiling(zi);
    let count = value.chars().count();
    (count > ceiling).then(|| {
        format!(
            "{label}过长：最多 {ceiling} 个字符（每个字母、数字、符号和空格都算 1 个），现有 {count} 个，请删减 {} 个",
            count - ceiling
        )
    })
}

/// What is wrong with a town entered by hand: the one rule both the form that adds it and
/// `validate` apply, so that adding and checking never disagree.
pub fn custom_town_problems(
    name: &str,
    location: &CustomLocation,
) -> Vec<(CustomTownInput, String)> {
    let mut out = Vec::new();
    let name = clean_line(name);
    if name.is_empty() {
        out.push((
            CustomTownInput::Name,
            "手动添加的乡镇（街道）缺少名称，请填写名称".to_string(),
        ));
    } else if let Some(message) = too_many_chars("乡镇（街道）名称", &name, limits::TOWN_NAME)
    {
        out.push((CustomTownInput::Name, message));
    } else if zishu(&name) > limits::TOWN_NAME {
        out.push((
            CustomTownInput::Name,
            format!(
                "乡镇（街道）名称“{name}”超过 {} 字，请改短",
                limits::TOWN_NAME
            ),
        ));
    }
    match location {
        CustomLocation::County { code } => {
            if divisions().county(code).is_none() {
                out.push((
                    CustomTownInput::County,
                    format!("请选择“{name}”所属的县（市、区）"),
                ));
            }
        }
        CustomLocation::OutsideZhejiang { place } => {
            let place = clean_line(place);
            if place.is_empty() {
                out.push((
                    CustomTownInput::Place,
                    format!("请写明“{name}”所在的省、市、县，例如“安徽省黄山市歙县”"),
                ));
            } else if let Some(message) = too_many_chars("所在地", &place, limits::PLACE) {
                out.push((CustomTownInput::Place, message));
            } else if zishu(&place) > limits::PLACE {
                out.push((
                    CustomTownInput::Place,
                    format!("“{name}”所在地超过 {} 字，请改短", limits::PLACE),
                ));
            }
        }
    }
    out
}

/// A town to add by hand, or why not (the first problem, with the input it belongs to):
/// `county` is the code chosen, or `None` for a place outside Zhejiang. A town the list has
/// is refused here, so that it is chosen from the list instead.
pub fn new_custom_town(
    name: &str,
    county: Option<&str>,
    place: &str,
) -> Result<TownRef, (CustomTownInput, String)> {
    let location = match county {
        Some("") => {
            return Err((
                CustomTownInput::County,
                "请选择该乡镇（街道）所属的县（市、区）".to_string(),
            ))
        }
        Some(code) => CustomLocation::County {
            code: code.to_string(),
        },
        None => CustomLocation::OutsideZhejiang {
            place: clean_line(place),
        },
    };
    if let Some(problem) = custom_town_problems(name, &location).into_iter().next() {
        return Err(problem);
    }
    let name = clean_line(name);
    if let CustomLocation::County { code } = &location {
        if let Some(listed) = divisions().town_named(code, &name) {
            return Err((
                CustomTownInput::Name,
                format!("“{}”在区划名单中，请在上方搜索框中选择", listed.name),
            ));
        }
    }
    Ok(TownRef::Custom { name, location })
}

fn check_town_entry(out: &mut Collector, town: &TownRef) {
    let field = FieldId::Towns;
    match town {
        TownRef::Listed { code } => {
            if divisions().town(code).is_none() {
                out.error(
                    field,
                    format!("代码为 {code} 的乡镇（街道）不在区划名单中，请删除后重新选择"),
                );
            }
        }
        TownRef::Custom { name, location } => {
            for (_, message) in custom_town_problems(name, location) {
                out.error(field, message);
            }
        }
    }
}

/// The 创建范围 the towns call for, if the towns say enough to tell.
pub fn scope_implied(declaration: &Declaration) -> Option<Scope> {
    let places: Vec<TownPlace> = declaration
        .towns
        .iter()
        .filter_map(TownRef::place)
        .collect();
    if places.is_empty() {
        return None;
    }
    if places.iter().any(|p| !p.is_in_hangzhou()) {
        return Some(Scope::AcrossCities);
    }
    let counties: BTreeSet<&TownPlace> = places.iter().collect();
    if counties.len() >= 2 {
        Some(Scope::AcrossCounties)
    } else {
        Some(Scope::WithinCounty)
    }
}

fn list(towns: &[&TownRef]) -> String {
    towns
        .iter()
        .map(|t| t.display())
        .collect::<Vec<_>>()
        .join("、")
}

fn check_scope(out: &mut Collector, declaration: &Declaration) {
    let Some(scope) = declaration.scope else {
        out.error(FieldId::Scope, "请选择创建范围：县域内部、跨县域或跨市域");
        return;
    };
    let applicant = declaration.applicant.trim();
    // Only a valid applicant can be compared with; a wrong one is reported at its own field.
    let applicant_known = divisions()
        .county(applicant)
        .is_some_and(|county| county.is_in_hangzhou());
    let placed: Vec<(&TownRef, TownPlace)> = declaration
        .towns
        .iter()
        .filter_map(|t| t.place().map(|p| (t, p)))
        .collect();
    if placed.is_empty() {
        return;
    }
    let outside: Vec<&TownRef> = placed
        .iter()
        .filter(|(_, p)| !p.is_in_hangzhou())
        .map(|(t, _)| *t)
        .collect();
    let counties: BTreeSet<&TownPlace> = placed.iter().map(|(_, p)| p).collect();
    let mut mismatch = |message: String| {
        out.error(FieldId::Scope, message.clone());
        out.error(FieldId::Towns, message);
    };
    match scope {
        Scope::WithinCounty => {
            if !applicant_known {
                return;
            }
            let own = TownPlace::County(applicant.to_string());
            let foreign: Vec<&TownRef> = placed
                .iter()
                .filter(|(_, p)| *p != own)
                .map(|(t, _)| *t)
                .collect();
            if !foreign.is_empty() {
                mismatch(format!(
                    "创建范围为“县域内部”，关联乡镇（街道）须全部在申报单位（{}）辖内，以下不是：{}。请改选创建范围，或删除这些乡镇（街道）",
                    county_display(applicant),
                    list(&foreign)
                ));
            }
        }
        Scope::AcrossCounties => {
            if !outside.is_empty() {
                mismatch(format!(
                    "关联乡镇（街道）中有杭州市以外的：{}。创建范围应为“跨市域”",
                    list(&outside)
                ));
            } else if counties.len() < 2 {
                let only = counties
                    .iter()
                    .next()
                    .map(|p| p.display())
                    .unwrap_or_default();
                mismatch(format!(
                    "创建范围为“跨县域”，关联乡镇（街道）须分属两个及以上县（市、区），目前都在{only}。请改选“县域内部”，或添加其他县（市、区）的乡镇（街道）"
                ));
            }
        }
        Scope::AcrossCities => {
            if outside.is_empty() {
                mismatch(
                    "创建范围为“跨市域”，关联乡镇（街道）中须有杭州市以外的乡镇（街道），目前都在杭州市内。请改选创建范围，或添加杭州市以外的乡镇（街道）".to_string(),
                );
            }
        }
    }
    if applicant_known && matches!(scope, Scope::AcrossCounties | Scope::AcrossCities) {
        let own = TownPlace::County(applicant.to_string());
        if !counties.contains(&own) {
            out.warning(
                FieldId::Towns,
                format!(
                    "关联乡镇（街道）中没有申报单位（{}）辖内的乡镇（街道），请确认",
                    county_display(applicant)
                ),
            );
        }
    }
}

fn check_person(out: &mut Collector, role: Role, person: &Person) {
    let id = |field| FieldId::Person(role, field);
    out.line(id(PersonField::Name), &person.name, limits::PERSON_NAME);
    out.line(id(PersonField::Unit), &person.unit, limits::UNIT);
    out.line(id(PersonField::Title), &person.title, limits::TITLE);
    let phone = id(PersonField::Phone);
    if person.phone.chars().count() > limits::PHONE {
        out.error(
            phone,
            format!("{}过长，请只填写一至两个号码", phone.phrase()),
        );
        return;
    }
    match parse_phones(&person.phone) {
        Ok(_) => {}
        Err(e) if e.error == PhoneError::Empty => {
            out.error(phone, format!("请填写{}", phone.phrase()))
        }
        Err(e) => out.error(phone, format!("{}：{}", phone.phrase(), e.message())),
    }
}

fn date_error_message(label: &str, error: DateError) -> String {
    match error {
        DateError::NotADate => format!(
            "{label}不是有效的日期，请写到日（如 2021年6月30日、2021-06-30）或到月（如 2021年6月）"
        ),
        DateError::OutOfRange => format!(
            "{label}的年份应在 {} 至 {} 年之间",
            YEAR_RANGE.start(),
            YEAR_RANGE.end()
        ),
    }
}

fn check_dates(out: &mut Collector, declaration: &Declaration) {
    let mut dates = Vec::new();
    for milestone in Milestone::ALL {
        let field = FieldId::Milestone(milestone);
        let label = milestone.label();
        match parse_date(declaration.milestone(milestone)) {
            Ok(Some(date)) => dates.push((milestone, date)),
            Ok(None) => out.error(field, format!("请填写{label}")),
            Err(error) => out.error(field, date_error_message(label, error)),
        }
    }
    if let Some(&(_, set_up)) = dates.iter().find(|(m, _)| *m == Milestone::TaskForce) {
        for &(milestone, date) in dates.iter().filter(|(m, _)| *m != Milestone::TaskForce) {
            if date.is_before(set_up) {
                out.warning(
                    FieldId::Milestone(milestone),
                    format!(
                        "{}早于工作专班成立时间（{}），请确认是否填写正确",
                        milestone.label(),
                        set_up.chinese()
                    ),
                );
            }
        }
    }
    if let Err(error) = parse_date(&declaration.declared_on) {
        out.error(FieldId::DeclaredOn, date_error_message("日期", error));
    }
}

fn check_block(out: &mut Collector, field: FieldId, label: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        out.error(field, format!("请填写{label}"));
    } else {
        out.length(field, label, value, max);
    }
}
