//! The declaration as the user fills it in: every item of 杭州市美丽城镇集群化建设申报表, as types.
//!
//! A `Declaration` holds what the user typed, valid or not: a draft may be incomplete at any
//! moment. `validate::validate` says what is wrong with it; `Declaration::cleaned` gives the
//! trimmed, normalised form that is printed and signed.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::date::parse_date;
use super::divisions::{divisions, HANGZHOU_CITY_CODE};
use super::phone::parse_phones;
use super::text::{clean_block, clean_line};

/// 创建类型 (item 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CreationType {
    /// 特色型
    Distinctive,
    /// 复合型
    Composite,
}

impl CreationType {
    pub const ALL: [CreationType; 2] = [CreationType::Distinctive, CreationType::Composite];

    /// The label on the paper form.
    pub fn label(self) -> &'static str {
        match self {
            CreationType::Distinctive => "特色型",
            CreationType::Composite => "复合型",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            CreationType::Distinctive => "distinctive",
            CreationType::Composite => "composite",
        }
    }
}

/// 创建范围 (item 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    /// 县域内部: every town in the applicant's own county-level unit.
    WithinCounty,
    /// 跨县域: towns in two or more of Hangzhou's county-level units.
    AcrossCounties,
    /// 跨市域: at least one town outside Hangzhou.
    AcrossCities,
}

impl Scope {
    pub const ALL: [Scope; 3] = [
        Scope::WithinCounty,
        Scope::AcrossCounties,
        Scope::AcrossCities,
    ];

    /// The label on the paper form.
    pub fn label(self) -> &'static str {
        match self {
            Scope::WithinCounty => "县域内部",
            Scope::AcrossCounties => "跨县域",
            Scope::AcrossCities => "跨市域",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Scope::WithinCounty => "within-county",
            Scope::AcrossCounties => "across-counties",
            Scope::AcrossCities => "across-cities",
        }
    }
}

/// 总协调人 or 具体联系人 (items 6 and 7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    /// 姓名
    pub name: String,
    /// 所在单位
    pub unit: String,
    /// 职务
    pub title: String,
    /// 联系电话
    pub phone: String,
}

/// Where a hand-entered town lies, for the 创建范围 check.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CustomLocation {
    /// In one of Zhejiang's county-level units (6-digit code).
    County { code: String },
    /// Outside Zhejiang; the user names the county, e.g. "安徽省黄山市歙县".
    OutsideZhejiang { place: String },
}

/// One town of item 3: a reference into the division data, or a town the list lacks.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TownRef {
    /// A town of the statistics bureau's list, by its 9-digit code.
    Listed { code: String },
    /// A town entered by hand, not from the list.
    Custom {
        name: String,
        location: CustomLocation,
    },
}

/// Where a town lies, as far as the 创建范围 rule needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TownPlace {
    /// A Zhejiang county-level unit, by its 6-digit code.
    County(String),
    /// Outside Zhejiang, with the place the user gave.
    OutsideZhejiang(String),
}

impl TownPlace {
    pub fn is_in_hangzhou(&self) -> bool {
        matches!(self, TownPlace::County(code) if code.starts_with(HANGZHOU_CITY_CODE))
    }

    /// "桐庐县", "湖州市德清县" (outside Hangzhou the city is named), or the place given.
    pub fn display(&self) -> String {
        match self {
            TownPlace::County(code) => county_display(code),
            TownPlace::OutsideZhejiang(place) => place.trim().to_string(),
        }
    }
}

/// A county-level unit's name as users read it: "桐庐县" inside Hangzhou, "湖州市德清县" outside.
pub fn county_display(code: &str) -> String {
    let data = divisions();
    match data.county(code) {
        Some(county) if county.is_in_hangzhou() => county.name.to_string(),
        Some(county) => county.full_name(),
        None => format!("未知地区（{code}）"),
    }
}

impl TownRef {
    /// The town's name as shown to users.
    pub fn name(&self) -> String {
        match self {
            TownRef::Listed { code } => match divisions().town(code) {
                Some(town) => town.name.to_string(),
                None => format!("未知乡镇（{code}）"),
            },
            TownRef::Custom { name, .. } => clean_line(name),
        }
    }

    /// The county-level unit (or place outside Zhejiang) the town belongs to, if known.
    pub fn place(&self) -> Option<TownPlace> {
        match self {
            TownRef::Listed { code } => divisions()
                .town(code)
                .map(|town| TownPlace::County(town.county_code.to_string())),
            TownRef::Custom { location, .. } => match location {
                CustomLocation::County { code } => divisions()
                    .county(code)
                    .map(|county| TownPlace::County(county.code.to_string())),
                CustomLocation::OutsideZhejiang { place } => {
                    Some(TownPlace::OutsideZhejiang(clean_line(place)))
                }
            },
        }
    }

    /// "清波街道（上城区）", with the place, for chips, summaries and print.
    pub fn display(&self) -> String {
        match self.place() {
            Some(place) => format!("{}（{}）", self.name(), place.display()),
            None => self.name(),
        }
    }

    pub fn is_custom(&self) -> bool {
        matches!(self, TownRef::Custom { .. })
    }

    /// A key under which two entries name the same town: the listed town a hand entry
    /// duplicates counts as the same town.
    pub fn identity(&self) -> String {
        match self {
            TownRef::Listed { code } => format!("listed:{code}"),
            TownRef::Custom { name, location } => {
                let name = clean_line(name);
                match location {
                    CustomLocation::County { code } => match divisions().town_named(code, &name) {
                        Some(town) => format!("listed:{}", town.code),
                        None => format!("custom:{code}:{name}"),
                    },
                    CustomLocation::OutsideZhejiang { place } => {
                        format!("outside:{}:{name}", clean_line(place))
                    }
                }
            }
        }
    }
}

/// One attached file of item 14 (具体方案可另附): only its description, never its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    pub name: String,
    pub size: u64,
    pub media_type: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// The whole form. Dates are kept as the text the date control gave ("YYYY-MM-DD" or empty),
/// so that a draft can hold anything; `parse_date` turns them into calendar dates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Declaration {
    /// 1 美丽城镇集群化建设名称
    pub cluster_name: String,
    /// 2 申报单位: the 6-digit code of one of Hangzhou's county-level units, or empty.
    pub applicant: String,
    /// 2 申报单位 as printed: the office's name on its seal; empty means the usual name,
    /// "富阳区美镇办" (see `applicant_office_name`). Left out of the file when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub applicant_office: String,
    /// 3 关联乡镇（街道）
    pub towns: Vec<TownRef>,
    /// 4 创建类型
    pub creation_type: Option<CreationType>,
    /// 5 创建范围
    pub scope: Option<Scope>,
    /// 6 总协调人
    pub coordinator: Person,
    /// 7 具体联系人
    pub contact: Person,
    /// 8 工作专班成立时间
    pub task_force_date: String,
    /// 9 实施方案完成时间
    pub implementation_plan_date: String,
    /// 10 任务清单完成时间
    pub task_list_date: String,
    /// 11 集群规划完成时间
    pub cluster_plan_date: String,
    /// 12 2021年计划完成的阶段性成果
    pub stage_results: String,
    /// 13 主要内容简介
    pub summary: String,
    /// 14 具体方案可另附
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// 15 日期 (beside the seal); optional, may be written by hand on paper.
    #[serde(default)]
    pub declared_on: String,
}

/// Which of the four milestone dates (items 8–11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Milestone {
    TaskForce,
    ImplementationPlan,
    TaskList,
    ClusterPlan,
}

impl Milestone {
    pub const ALL: [Milestone; 4] = [
        Milestone::TaskForce,
        Milestone::ImplementationPlan,
        Milestone::TaskList,
        Milestone::ClusterPlan,
    ];

    /// The label on the paper form.
    pub fn label(self) -> &'static str {
        match self {
            Milestone::TaskForce => "工作专班成立时间",
            Milestone::ImplementationPlan => "实施方案完成时间",
            Milestone::TaskList => "任务清单完成时间",
            Milestone::ClusterPlan => "集群规划完成时间",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Milestone::TaskForce => "task-force-date",
            Milestone::ImplementationPlan => "implementation-plan-date",
            Milestone::TaskList => "task-list-date",
            Milestone::ClusterPlan => "cluster-plan-date",
        }
    }
}

/// The usual name of a county-level unit's 美镇办: "富阳区美镇办".
pub fn default_office_name(county: &str) -> String {
    format!("{county}美镇办")
}

impl Declaration {
    pub fn milestone(&self, which: Milestone) -> &str {
        match which {
            Milestone::TaskForce => &self.task_force_date,
            Milestone::ImplementationPlan => &self.implementation_plan_date,
            Milestone::TaskList => &self.task_list_date,
            Milestone::ClusterPlan => &self.cluster_plan_date,
        }
    }

    pub fn milestone_mut(&mut self, which: Milestone) -> &mut String {
        match which {
            Milestone::TaskForce => &mut self.task_force_date,
            Milestone::ImplementationPlan => &mut self.implementation_plan_date,
            Milestone::TaskList => &mut self.task_list_date,
            Milestone::ClusterPlan => &mut self.cluster_plan_date,
        }
    }

    /// 申报单位's name, if one is chosen.
    pub fn applicant_name(&self) -> Option<&'static str> {
        divisions()
            .county(&self.applicant)
            .map(|county| county.name)
    }

    /// 申报单位 as printed and signed for: the office's name as the user wrote it (as on its
    /// seal), or "富阳区美镇办" for the chosen county-level unit.
    pub fn applicant_office_name(&self) -> Option<String> {
        let written = clean_line(&self.applicant_office);
        if !written.is_empty() {
            return Some(written);
        }
        self.applicant_name().map(default_office_name)
    }

    /// Adds a town unless the same town is already there. Returns whether it was added.
    pub fn add_town(&mut self, town: TownRef) -> bool {
        let identity = town.identity();
        if self.towns.iter().any(|t| t.identity() == identity) {
            return false;
        }
        self.towns.push(town);
        true
    }

    /// The same declaration with text trimmed, white space tidied and phone numbers in their
    /// normalised form (where they can be read): what is printed and signed.
    pub fn cleaned(&self) -> Declaration {
        let person = |p: &Person| Person {
            name: clean_line(&p.name),
            unit: clean_line(&p.unit),
            title: clean_line(&p.title),
            phone: match parse_phones(&p.phone) {
                Ok(phones) => phones.normalised(),
                Err(_) => clean_line(&p.phone),
            },
        };
        let date = |text: &str| match parse_date(text) {
            Ok(Some(date)) => date.iso(),
            _ => text.trim().to_string(),
        };
        let towns = self
            .towns
            .iter()
            .map(|town| match town {
                TownRef::Listed { code } => TownRef::Listed {
                    code: code.trim().to_string(),
                },
                TownRef::Custom { name, location } => TownRef::Custom {
                    name: clean_line(name),
                    location: match location {
                        CustomLocation::County { code } => CustomLocation::County {
                            code: code.trim().to_string(),
                        },
                        CustomLocation::OutsideZhejiang { place } => {
                            CustomLocation::OutsideZhejiang {
                                place: clean_line(place),
                            }
                        }
                    },
                },
            })
            .collect();
        Declaration {
            cluster_name: clean_line(&self.cluster_name),
            applicant: self.applicant.trim().to_string(),
            applicant_office: clean_line(&self.applicant_office),
            towns,
            creation_type: self.creation_type,
            scope: self.scope,
            coordinator: person(&self.coordinator),
            contact: person(&self.contact),
            task_force_date: date(&self.task_force_date),
            implementation_plan_date: date(&self.implementation_plan_date),
            task_list_date: date(&self.task_list_date),
            cluster_plan_date: date(&self.cluster_plan_date),
            stage_results: clean_block(&self.stage_results),
            summary: clean_block(&self.summary),
            attachments: self.attachments.clone(),
            declared_on: date(&self.declared_on),
        }
    }
}
