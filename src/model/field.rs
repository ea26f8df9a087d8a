//! Typed ids for every field of the form, with the paper form's labels and the ids the page uses.

#[cfg(test)]
mod tests;

use super::declaration::{Declaration, Milestone, Person};

/// Whose details: 总协调人 or 具体联系人.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Coordinator,
    Contact,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Coordinator, Role::Contact];

    pub fn label(self) -> &'static str {
        match self {
            Role::Coordinator => "总协调人",
            Role::Contact => "具体联系人",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Contact => "contact",
        }
    }
}

/// One line of a person's details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonField {
    Name,
    Unit,
    Title,
    Phone,
}

impl PersonField {
    pub const ALL: [PersonField; 4] = [
        PersonField::Name,
        PersonField::Unit,
        PersonField::Title,
        PersonField::Phone,
    ];

    /// The label on the paper form ("姓名" stands for the name cell beside 总协调人).
    pub fn label(self) -> &'static str {
        match self {
            PersonField::Name => "姓名",
            PersonField::Unit => "所在单位",
            PersonField::Title => "职务",
            PersonField::Phone => "联系电话",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            PersonField::Name => "name",
            PersonField::Unit => "unit",
            PersonField::Title => "title",
            PersonField::Phone => "phone",
        }
    }
}

/// A field of the form. The order of `FieldId::ALL` is the order of the paper form, and the
/// order in which problems are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    ClusterName,
    Applicant,
    /// The applicant office's name as on its seal (申报单位, printed); "富阳区美镇办" when empty.
    ApplicantOffice,
    Towns,
    CreationType,
    Scope,
    Person(Role, PersonField),
    Milestone(Milestone),
    StageResults,
    Summary,
    DeclaredOn,
}

impl FieldId {
    /// Every field, in the order of the paper form.
    pub const ALL: [FieldId; 21] = [
        FieldId::ClusterName,
        FieldId::Applicant,
        FieldId::ApplicantOffice,
        FieldId::Towns,
        FieldId::CreationType,
        FieldId::Scope,
        FieldId::Person(Role::Coordinator, PersonField::Name),
        FieldId::Person(Role::Coordinator, PersonField::Unit),
        FieldId::Person(Role::Coordinator, PersonField::Title),
        FieldId::Person(Role::Coordinator, PersonField::Phone),
        FieldId::Person(Role::Contact, PersonField::Name),
        FieldId::Person(Role::Contact, PersonField::Unit),
        FieldId::Person(Role::Contact, PersonField::Title),
        FieldId::Person(Role::Contact, PersonField::Phone),
        FieldId::Milestone(Milestone::TaskForce),
        FieldId::Milestone(Milestone::ImplementationPlan),
        FieldId::Milestone(Milestone::TaskList),
        FieldId::Milestone(Milestone::ClusterPlan),
        FieldId::StageResults,
        FieldId::Summary,
        FieldId::DeclaredOn,
    ];

    /// The fields that may stay empty: 申报单位名称 (the paper then names the 申报单位's
    /// office) and the date of the declaration (filled in when it is signed or printed).
    pub const fn optional(self) -> bool {
        matches!(self, FieldId::ApplicantOffice | FieldId::DeclaredOn)
    }

    /// The fields that must be filled in, in the order of the paper form: an empty form has
    /// one problem at each. [`Self::ALL`] without the optional ones (checked as it is built).
    pub const REQUIRED: [FieldId; 19] = {
        let mut required = [FieldId::ClusterName; 19];
        let mut n = 0;
        let mut i = 0;
        while i < Self::ALL.len() {
            if !Self::ALL[i].optional() {
                required[n] = Self::ALL[i];
                n += 1;
            }
            i += 1;
        }
        assert!(
            n == required.len(),
            "REQUIRED's length is ALL's less the optional fields"
        );
        required
    };

    /// The visible label: the paper form's words, with a person's sub-fields prefixed by the
    /// role so that each label is unique ("总协调人 所在单位").
    pub fn label(self) -> String {
        match self {
            FieldId::ClusterName => "美丽城镇集群化建设名称".into(),
            FieldId::Applicant => "申报单位".into(),
            FieldId::ApplicantOffice => "申报单位名称（与公章一致）".into(),
            FieldId::Towns => "关联乡镇（街道）".into(),
            FieldId::CreationType => "创建类型".into(),
            FieldId::Scope => "创建范围".into(),
            FieldId::Person(role, field) => format!("{} {}", role.label(), field.label()),
            FieldId::Milestone(m) => m.label().into(),
            FieldId::StageResults => "2021年计划完成的阶段性成果".into(),
            FieldId::Summary => "主要内容简介（500字）".into(),
            FieldId::DeclaredOn => "日期（申报单位盖章处）".into(),
        }
    }

    /// The field as a message names it: the label, with a person's sub-field read as
    /// "总协调人的联系电话".
    pub fn phrase(self) -> String {
        match self {
            FieldId::Person(role, field) => format!("{}的{}", role.label(), field.label()),
            FieldId::Summary => "主要内容简介".into(),
            FieldId::DeclaredOn => "日期".into(),
            FieldId::ApplicantOffice => "申报单位名称".into(),
            other => other.label(),
        }
    }

    /// The id of the element a problem link focuses: the input itself, the first radio of a
    /// group, or the town search box.
    pub fn dom_id(self) -> String {
        match self {
            FieldId::ClusterName => "field-cluster-name".into(),
            FieldId::Applicant => "field-applicant".into(),
            FieldId::ApplicantOffice => "field-applicant-office".into(),
            FieldId::Towns => "field-towns".into(),
            FieldId::CreationType => "field-creation-type".into(),
            FieldId::Scope => "field-scope".into(),
            FieldId::Person(role, field) => format!("field-{}-{}", role.slug(), field.slug()),
            FieldId::Milestone(m) => format!("field-{}", m.slug()),
            FieldId::StageResults => "field-stage-results".into(),
            FieldId::Summary => "field-summary".into(),
            FieldId::DeclaredOn => "field-declared-on".into(),
        }
    }

    /// The id of the element holding this field's inline messages.
    pub fn message_id(self) -> String {
        format!("{}-message", self.dom_id())
    }

    /// Whether the field must be filled in.
    pub fn is_required(self) -> bool {
        !matches!(self, FieldId::DeclaredOn | FieldId::ApplicantOffice)
    }
}

/// A field in JSON is its page id ("field-cluster-name"): stable, readable, and what the page
/// already names it by (a worker's answer names fields this way).
impl serde::Serialize for FieldId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.dom_id())
    }
}

impl<'de> serde::Deserialize<'de> for FieldId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        FieldId::ALL
            .into_iter()
            .find(|f| f.dom_id() == id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown field {id:?}")))
    }
}

impl Declaration {
    fn person(&self, role: Role) -> &Person {
        match role {
            Role::Coordinator => &self.coordinator,
            Role::Contact => &self.contact,
        }
    }

    fn person_mut(&mut self, role: Role) -> &mut Person {
        match role {
            Role::Coordinator => &mut self.coordinator,
            Role::Contact => &mut self.contact,
        }
    }

    /// The text of a field that holds text (not the towns, type or scope).
    pub fn text(&self, field: FieldId) -> Option<&str> {
        Some(match field {
            FieldId::ClusterName => &self.cluster_name,
            FieldId::Applicant => &self.applicant,
            FieldId::ApplicantOffice => &self.applicant_office,
            FieldId::Person(role, line) => {
                let p = self.person(role);
                match line {
                    PersonField::Name => &p.name,
                    PersonField::Unit => &p.unit,
                    PersonField::Title => &p.title,
                    PersonField::Phone => &p.phone,
                }
            }
            FieldId::Milestone(m) => self.milestone(m),
            FieldId::StageResults => &self.stage_results,
            FieldId::Summary => &self.summary,
            FieldId::DeclaredOn => &self.declared_on,
            FieldId::Towns | FieldId::CreationType | FieldId::Scope => return None,
        })
    }

    /// The text of a field that holds text, to change it.
    pub fn text_mut(&mut self, field: FieldId) -> Option<&mut String> {
        Some(match field {
            FieldId::ClusterName => &mut self.cluster_name,
            FieldId::Applicant => &mut self.applicant,
            FieldId::ApplicantOffice => &mut self.applicant_office,
            FieldId::Person(role, line) => {
                let p = self.person_mut(role);
                match line {
                    PersonField::Name => &mut p.name,
                    PersonField::Unit => &mut p.unit,
                    PersonField::Title => &mut p.title,
                    PersonField::Phone => &mut p.phone,
                }
            }
            FieldId::Milestone(m) => self.milestone_mut(m),
            FieldId::StageResults => &mut self.stage_results,
            FieldId::Summary => &mut self.summary,
            FieldId::DeclaredOn => &mut self.declared_on,
            FieldId::Towns | FieldId::CreationType | FieldId::Scope => return None,
        })
    }
}
