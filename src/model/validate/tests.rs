//! Table-driven tests: one row per rule, and both sides of every boundary.

use super::*;
use crate::model::declaration::{CreationType, CustomLocation, Declaration, Scope, TownRef};
use crate::model::field::{FieldId, PersonField, Role};
use crate::model::sample::{complete, listed};

type Edit = fn(&mut Declaration);

fn han(n: usize) -> String {
    "字".repeat(n)
}

fn outside_town() -> TownRef {
    TownRef::Custom {
        name: "深渡镇".into(),
        location: CustomLocation::OutsideZhejiang {
            place: "安徽省黄山市歙县".into(),
        },
    }
}

/// The errors (fields) that a sample with one edit has, in form order.
fn errors_after(edit: Edit) -> Vec<FieldId> {
    let mut d = complete();
    edit(&mut d);
    validate(&d).errors().map(|p| p.field).collect()
}

fn warnings_after(edit: Edit) -> Vec<FieldId> {
    let mut d = complete();
    edit(&mut d);
    validate(&d).warnings().map(|p| p.field).collect()
}

const PHONE_C: FieldId = FieldId::Person(Role::Coordinator, PersonField::Phone);
const NAME_C: FieldId = FieldId::Person(Role::Coordinator, PersonField::Name);
const UNIT_K: FieldId = FieldId::Person(Role::Contact, PersonField::Unit);
const TITLE_K: FieldId = FieldId::Person(Role::Contact, PersonField::Title);
const TASK_FORCE: FieldId = FieldId::Milestone(Milestone::TaskForce);
const PLAN: FieldId = FieldId::Milestone(Milestone::ImplementationPlan);
const CLUSTER_PLAN: FieldId = FieldId::Milestone(Milestone::ClusterPlan);

#[test]
fn the_sample_is_clean() {
    let report = validate(&complete());
    assert_eq!(report.problems, vec![], "{report:#?}");
    assert!(report.is_clean());
}

#[test]
fn an_empty_form_reports_every_required_field_once() {
    let report = validate(&Declaration::default());
    let fields: Vec<FieldId> = report.errors().map(|p| p.field).collect();
    assert_eq!(fields, FieldId::REQUIRED.to_vec());
    assert_eq!(report.warnings().count(), 0);
    for problem in report.errors() {
        assert!(
            problem.message.starts_with("请填写") || problem.message.starts_with("请选择"),
            "{problem:?}"
        );
    }
}

#[test]
fn each_rule_flags_exactly_its_fields() {
    let table: Vec<(&str, Edit, Vec<FieldId>)> = vec![
        // required, trimmed
        (
            "name blank",
            |d| d.cluster_name = "  \u{3000} ".into(),
            vec![FieldId::ClusterName],
        ),
        (
            "name at the guard",
            |d| d.cluster_name = han(limits::CLUSTER_NAME),
            vec![],
        ),
        (
            "name over the guard",
            |d| d.cluster_name = han(limits::CLUSTER_NAME + 1),
            vec![FieldId::ClusterName],
        ),
        (
            "name at the guard + spaces",
            |d| d.cluster_name = format!("  {}  ", han(limits::CLUSTER_NAME)),
            vec![],
        ),
        (
            "applicant empty",
            |d| d.applicant.clear(),
            vec![FieldId::Applicant],
        ),
        (
            "applicant outside Hangzhou",
            |d| d.applicant = "330521".into(),
            vec![FieldId::Applicant],
        ),
        (
            "applicant unknown",
            |d| d.applicant = "123456".into(),
            vec![FieldId::Applicant],
        ),
        (
            "no type",
            |d| d.creation_type = None,
            vec![FieldId::CreationType],
        ),
        (
            "person name at the guard",
            |d| d.coordinator.name = han(limits::PERSON_NAME),
            vec![],
        ),
        (
            "person name over the guard",
            |d| d.coordinator.name = han(limits::PERSON_NAME + 1),
            vec![NAME_C],
        ),
        (
            "unit at the guard",
            |d| d.contact.unit = han(limits::UNIT),
            vec![],
        ),
        (
            "unit over the guard",
            |d| d.contact.unit = han(limits::UNIT + 1),
            vec![UNIT_K],
        ),
        (
            "title at the guard",
            |d| d.contact.title = han(limits::TITLE),
            vec![],
        ),
        (
            "title over the guard",
            |d| d.contact.title = han(limits::TITLE + 1),
            vec![TITLE_K],
        ),
        (
            "title blank",
            |d| d.contact.title = "\n".into(),
            vec![TITLE_K],
        ),
        // phones
        (
            "mobile ok",
            |d| d.coordinator.phone = "13912345678".into(),
            vec![],
        ),
        (
            "mobile 10 digits",
            |d| d.coordinator.phone = "1391234567".into(),
            vec![PHONE_C],
        ),
        (
            "mobile 12 digits",
            |d| d.coordinator.phone = "139123456789".into(),
            vec![PHONE_C],
        ),
        (
            "mobile 12x",
            |d| d.coordinator.phone = "12912345678".into(),
            vec![PHONE_C],
        ),
        (
            "fixed with dash",
            |d| d.coordinator.phone = "0571-87654321".into(),
            vec![],
        ),
        (
            "fixed run together",
            |d| d.coordinator.phone = "057187654321".into(),
            vec![],
        ),
        (
            "fixed brackets",
            |d| d.coordinator.phone = "(0571)87654321".into(),
            vec![],
        ),
        (
            "fixed extension",
            |d| d.coordinator.phone = "0571-87654321转123".into(),
            vec![],
        ),
        (
            "fixed dash extension",
            |d| d.coordinator.phone = "0571-87654321-123".into(),
            vec![],
        ),
        (
            "full-width",
            |d| d.coordinator.phone = "０５７１－８７６５４３２１".into(),
            vec![],
        ),
        (
            "no area code",
            |d| d.coordinator.phone = "87654321".into(),
            vec![PHONE_C],
        ),
        (
            "letters",
            |d| d.coordinator.phone = "0571-8765abcd".into(),
            vec![PHONE_C],
        ),
        (
            "phone empty",
            |d| d.coordinator.phone = " ".into(),
            vec![PHONE_C],
        ),
        (
            "phone over the guard",
            |d| d.coordinator.phone = "1".repeat(limits::PHONE + 1),
            vec![PHONE_C],
        ),
        (
            "two phones",
            |d| d.coordinator.phone = "0571-87654321、13812345678".into(),
            vec![],
        ),
        (
            "two phones with a slash",
            |d| d.coordinator.phone = "0571-87654321/13812345678".into(),
            vec![],
        ),
        (
            "mobile with a short number",
            |d| d.coordinator.phone = "13912345678（短号 612345）".into(),
            vec![],
        ),
        (
            "three phones",
            |d| d.coordinator.phone = "0571-87654321、13812345678、13987654321".into(),
            vec![PHONE_C],
        ),
        (
            "short number alone",
            |d| d.coordinator.phone = "612345".into(),
            vec![PHONE_C],
        ),
        // dates
        (
            "date to the month",
            |d| d.implementation_plan_date = "2021年6月".into(),
            vec![],
        ),
        (
            "date to the month, ISO",
            |d| d.cluster_plan_date = "2021-12".into(),
            vec![],
        ),
        (
            "month 13",
            |d| d.cluster_plan_date = "2021-13".into(),
            vec![CLUSTER_PLAN],
        ),
        (
            "date empty",
            |d| d.task_force_date.clear(),
            vec![TASK_FORCE],
        ),
        (
            "date not real",
            |d| d.implementation_plan_date = "2021-02-29".into(),
            vec![PLAN],
        ),
        (
            "date leap ok",
            |d| d.implementation_plan_date = "2024-02-29".into(),
            vec![],
        ),
        (
            "date 1999",
            |d| d.cluster_plan_date = "1999-12-31".into(),
            vec![CLUSTER_PLAN],
        ),
        (
            "date 2000",
            |d| {
                d.task_force_date = "2000-01-01".into();
                d.cluster_plan_date = "2000-01-01".into()
            },
            vec![],
        ),
        ("declared on optional", |d| d.declared_on.clear(), vec![]),
        (
            "declared on bad",
            |d| d.declared_on = "2021-06-31".into(),
            vec![FieldId::DeclaredOn],
        ),
        (
            "declared on good",
            |d| d.declared_on = "2021年6月30日".into(),
            vec![],
        ),
        // long texts
        (
            "stage empty",
            |d| d.stage_results = " \n ".into(),
            vec![FieldId::StageResults],
        ),
        (
            "stage at the guard",
            |d| d.stage_results = han(limits::STAGE_RESULTS),
            vec![],
        ),
        (
            "stage over the guard",
            |d| d.stage_results = han(limits::STAGE_RESULTS + 1),
            vec![FieldId::StageResults],
        ),
        (
            "summary empty",
            |d| d.summary.clear(),
            vec![FieldId::Summary],
        ),
        ("summary 500", |d| d.summary = han(500), vec![]),
        (
            "summary 501",
            |d| d.summary = han(501),
            vec![FieldId::Summary],
        ),
        (
            "summary 500 with white space",
            |d| d.summary = format!("{}\n\n  {}\u{3000}", han(250), han(250)),
            vec![],
        ),
        (
            "summary 500 in surrogate pairs",
            |d| d.summary = "𠀀".repeat(500),
            vec![],
        ),
        (
            "summary 501 in surrogate pairs",
            |d| d.summary = "𠀀".repeat(501),
            vec![FieldId::Summary],
        ),
        (
            "summary 500 mixed",
            |d| d.summary = "，。AB12“”".repeat(80) + &han(100),
            vec![],
        ),
        (
            "summary 501 mixed",
            |d| d.summary = "，。AB12“”".repeat(80) + &han(101),
            vec![FieldId::Summary],
        ),
        // towns
        ("no towns", |d| d.towns.clear(), vec![FieldId::Towns]),
        ("one town", |d| d.towns.truncate(1), vec![FieldId::Towns]),
        ("two towns", |d| d.towns.truncate(2), vec![]),
        (
            "same town twice",
            |d| {
                d.towns.truncate(1);
                d.towns.push(d.towns[0].clone())
            },
            vec![FieldId::Towns],
        ),
        (
            "duplicate among three",
            |d| d.towns[2] = d.towns[0].clone(),
            vec![FieldId::Towns],
        ),
        (
            "hand entry equal to a listed town",
            |d| {
                d.towns[2] = TownRef::Custom {
                    name: "富春江镇".into(),
                    location: CustomLocation::County {
                        code: "330122".into(),
                    },
                }
            },
            vec![FieldId::Towns],
        ),
        (
            "hand entry new",
            |d| {
                d.towns.push(TownRef::Custom {
                    name: "新设镇".into(),
                    location: CustomLocation::County {
                        code: "330122".into(),
                    },
                })
            },
            vec![],
        ),
        (
            "hand entry without name",
            |d| {
                d.towns.push(TownRef::Custom {
                    name: " ".into(),
                    location: CustomLocation::County {
                        code: "330122".into(),
                    },
                })
            },
            vec![FieldId::Towns],
        ),
        (
            "hand entry at the guard",
            |d| {
                d.towns.push(TownRef::Custom {
                    name: han(limits::TOWN_NAME),
                    location: CustomLocation::County {
                        code: "330122".into(),
                    },
                })
            },
            vec![],
        ),
        (
            "hand entry over the guard",
            |d| {
                d.towns.push(TownRef::Custom {
                    name: han(limits::TOWN_NAME + 1),
                    location: CustomLocation::County {
                        code: "330122".into(),
                    },
                })
            },
            vec![FieldId::Towns],
        ),
        (
            "unknown code",
            |d| {
                d.towns.push(TownRef::Listed {
                    code: "330122999".into(),
                })
            },
            vec![FieldId::Towns],
        ),
        (
            "towns at the guard",
            |d| d.towns = towns_of_tonglu_and_more(limits::TOWNS),
            vec![],
        ),
        (
            "towns over the guard",
            |d| d.towns = towns_of_tonglu_and_more(limits::TOWNS + 1),
            vec![FieldId::Towns],
        ),
        // scope agrees with towns
        ("no scope", |d| d.scope = None, vec![FieldId::Scope]),
        (
            "within but another county",
            |d| d.towns.push(listed("330127", "千岛湖镇")),
            vec![FieldId::Towns, FieldId::Scope],
        ),
        (
            "across counties ok",
            |d| {
                d.towns.push(listed("330127", "千岛湖镇"));
                d.scope = Some(Scope::AcrossCounties)
            },
            vec![],
        ),
        (
            "across counties but one county",
            |d| d.scope = Some(Scope::AcrossCounties),
            vec![FieldId::Towns, FieldId::Scope],
        ),
        (
            "across counties but outside Hangzhou",
            |d| {
                d.towns.push(outside_town());
                d.scope = Some(Scope::AcrossCounties)
            },
            vec![FieldId::Towns, FieldId::Scope],
        ),
        (
            "across cities ok (other province)",
            |d| {
                d.towns.push(outside_town());
                d.scope = Some(Scope::AcrossCities)
            },
            vec![],
        ),
        (
            "across cities ok (Zhejiang town)",
            |d| {
                d.towns.push(listed("330521", "新市镇"));
                d.scope = Some(Scope::AcrossCities)
            },
            vec![],
        ),
        (
            "across cities but all Hangzhou",
            |d| d.scope = Some(Scope::AcrossCities),
            vec![FieldId::Towns, FieldId::Scope],
        ),
        (
            "outside place missing",
            |d| {
                d.towns.push(TownRef::Custom {
                    name: "某镇".into(),
                    location: CustomLocation::OutsideZhejiang { place: "".into() },
                });
                d.scope = Some(Scope::AcrossCities)
            },
            vec![FieldId::Towns],
        ),
    ];
    for (name, edit, expected) in table {
        let mut got = errors_after(edit);
        got.dedup();
        assert_eq!(got, expected, "case {name:?}");
    }
}

/// Tonglu's towns first, then other Hangzhou towns, `n` in all, and a matching scope.
fn towns_of_tonglu_and_more(n: usize) -> Vec<TownRef> {
    let data = divisions();
    data.towns_of("330122")
        .take(n)
        .map(|t| TownRef::Listed {
            code: t.code.to_string(),
        })
        .chain((0..n).map(|i| TownRef::Custom {
            name: format!("新设第{i}镇"),
            location: CustomLocation::County {
                code: "330122".into(),
            },
        }))
        .take(n)
        .collect()
}

#[test]
fn warnings_never_block() {
    let table: Vec<(&str, Edit, Vec<FieldId>)> = vec![
        (
            "milestone same day",
            |d| d.implementation_plan_date = d.task_force_date.clone(),
            vec![],
        ),
        (
            "milestone a day early",
            |d| d.implementation_plan_date = "2021-04-29".into(),
            vec![PLAN],
        ),
        (
            "two early",
            |d| {
                d.implementation_plan_date = "2021-01-01".into();
                d.cluster_plan_date = "2020-12-31".into()
            },
            vec![PLAN, CLUSTER_PLAN],
        ),
        (
            "month of the task force is not before it",
            |d| d.implementation_plan_date = "2021年4月".into(),
            vec![],
        ),
        (
            "month before the task force's",
            |d| d.implementation_plan_date = "2021年3月".into(),
            vec![PLAN],
        ),
        (
            "no task force date: nothing to compare",
            |d| {
                d.task_force_date.clear();
                d.implementation_plan_date = "2001-01-01".into()
            },
            vec![],
        ),
        (
            "across counties without own town",
            |d| {
                d.towns = vec![listed("330127", "千岛湖镇"), listed("330182", "新安江街道")];
                d.scope = Some(Scope::AcrossCounties)
            },
            vec![FieldId::Towns],
        ),
        (
            "across counties with own town",
            |d| {
                d.towns.push(listed("330127", "千岛湖镇"));
                d.scope = Some(Scope::AcrossCounties)
            },
            vec![],
        ),
    ];
    for (name, edit, expected) in table {
        assert_eq!(warnings_after(edit), expected, "case {name:?}");
    }
    let mut early = complete();
    early.implementation_plan_date = "2021-04-29".into();
    let report = validate(&early);
    assert!(report.is_clean());
    assert_eq!(report.error_count(), 0);
}

#[test]
fn messages_say_how_to_fix() {
    let mut d = complete();
    d.summary = han(503);
    let report = validate(&d);
    let message = &report.for_field(FieldId::Summary).next().unwrap().message;
    assert_eq!(
        message,
        "主要内容简介不能超过 500 字，现有 503 字，请删减 3 字"
    );

    let mut d = complete();
    d.towns.truncate(1);
    let report = validate(&d);
    let message = &report.for_field(FieldId::Towns).next().unwrap().message;
    assert!(message.contains("目前只有 1 个"), "{message}");

    let mut d = complete();
    d.towns.push(listed("330127", "千岛湖镇"));
    let report = validate(&d);
    let at_scope = &report.for_field(FieldId::Scope).next().unwrap().message;
    let at_towns = &report.for_field(FieldId::Towns).next().unwrap().message;
    assert_eq!(
        at_scope, at_towns,
        "a mismatch reads the same at both fields"
    );
    assert!(at_scope.contains("千岛湖镇（淳安县）"), "{at_scope}");
    // One problem at two fields is one thing to fix, wherever the count is shown.
    assert_eq!(report.errors().count(), 2);
    assert_eq!(report.error_count(), 1);
    assert!(at_scope.contains("桐庐县"), "{at_scope}");

    let mut d = complete();
    d.coordinator.phone = "87654321".into();
    let report = validate(&d);
    let message = &report.for_field(PHONE_C).next().unwrap().message;
    assert!(message.starts_with("总协调人的联系电话："), "{message}");
    assert!(message.contains("0571"), "{message}");
}

#[test]
fn scope_implied_by_the_towns() {
    let mut d = complete();
    assert_eq!(scope_implied(&d), Some(Scope::WithinCounty));
    d.towns.push(listed("330127", "千岛湖镇"));
    assert_eq!(scope_implied(&d), Some(Scope::AcrossCounties));
    d.towns.push(outside_town());
    assert_eq!(scope_implied(&d), Some(Scope::AcrossCities));
    d.towns.clear();
    assert_eq!(scope_implied(&d), None);
}

#[test]
fn creation_type_either_choice_is_fine() {
    for choice in CreationType::ALL {
        let mut d = complete();
        d.creation_type = Some(choice);
        assert!(validate(&d).is_clean());
    }
}

#[test]
fn hidden_characters_are_an_error_at_their_field_white_space_is_not() {
    // (edit, fields with an error)
    let rows: Vec<(Edit, Vec<FieldId>)> = vec![
        (
            |d| d.cluster_name.push('\u{202e}'),
            vec![FieldId::ClusterName],
        ),
        (|d| d.summary.push_str("\u{1b}[2J"), vec![FieldId::Summary]),
        (|d| d.stage_results.push('\0'), vec![FieldId::StageResults]),
        (|d| d.contact.unit.push('\u{e000}'), vec![UNIT_K]),
        (|d| d.contact.title.push('\u{200f}'), vec![TITLE_K]),
        (
            |d| {
                d.towns.push(TownRef::Custom {
                    name: "新设\u{2066}镇".into(),
                    location: CustomLocation::OutsideZhejiang {
                        place: "安徽\u{202d}".into(),
                    },
                })
            },
            vec![FieldId::Towns],
        ),
        // White space, however odd, is tidied by cleaning: not an error.
        (|d| d.contact.title = "\t副县长\r\n".into(), vec![]),
        (
            |d| d.summary = "第一段\r\n\t第二段\u{b}第三段\u{85}".into(),
            vec![],
        ),
    ];
    for (edit, fields) in rows {
        let mut d = complete();
        edit(&mut d);
        let report = validate(&d);
        let hidden: Vec<FieldId> = report
            .errors()
            .filter(|p| p.message.contains("看不见的特殊字符"))
            .map(|p| p.field)
            .collect();
        assert_eq!(hidden, fields, "{:?}", report);
    }
    let mut d = complete();
    d.contact.title.push('\u{202e}');
    let report = validate(&d);
    let message = &report.for_field(TITLE_K).next().unwrap().message;
    assert_eq!(
        message,
        "具体联系人的职务中有看不见的特殊字符（文字方向控制符），可能是复制粘贴时带入的，请删去这段文字后重新输入"
    );
}

#[test]
fn adding_a_town_by_hand_and_validating_it_apply_one_rule() {
    use CustomTownInput::*;
    let long = han(limits::TOWN_NAME + 1);
    let far = han(limits::PLACE + 1);
    type Row<'a> = (
        &'a str,
        Option<&'a str>,
        &'a str,
        Result<(), CustomTownInput>,
    );
    let table: Vec<Row> = vec![
        ("新设镇", Some("330122"), "", Ok(())),
        ("  新设镇 ", Some("330122"), "", Ok(())),
        ("", Some("330122"), "", Err(Name)),
        (&long, Some("330122"), "", Err(Name)),
        ("新设镇", Some(""), "", Err(County)),
        ("新设镇", Some("999999"), "", Err(County)),
        ("深渡镇", None, "安徽省黄山市歙县", Ok(())),
        ("深渡镇", None, " ", Err(Place)),
        // The place's length is checked when adding, as validation checks it.
        ("深渡镇", None, &far, Err(Place)),
        // A town the list has is chosen from the list.
        ("富春江镇", Some("330122"), "", Err(Name)),
    ];
    for (name, county, place, expected) in table {
        let added = new_custom_town(name, county, place);
        assert_eq!(
            added.as_ref().map(|_| ()).map_err(|(input, _)| *input),
            expected,
            "{name:?} {county:?} {place:?}"
        );
        // Whatever can be added passes validation's town rules.
        if let Ok(town) = added {
            let mut d = complete();
            d.towns.push(town);
            d.scope = scope_implied(&d);
            assert!(validate(&d).is_clean(), "{name:?}: {:?}", validate(&d));
        }
    }
}

/// A run of letters, digits or emoji is one 字, so text far longer than its 字 limit counted
/// as valid (a 900,000-letter 集群名称). Each field's character ceiling, at and over it.
#[test]
fn each_field_has_a_character_ceiling_beside_its_zi_limit() {
    let letters = |n: usize| "a".repeat(n);
    // One word of letters: one 字, whatever its length.
    assert_eq!(crate::model::text::zishu(&letters(900_000)), 1);
    let emoji = |n: usize| "😀".repeat(n);
    let ceilings = [
        (limits::CLUSTER_NAME, 300),
        (limits::PERSON_NAME, 150),
        (limits::UNIT, 300),
        (limits::TITLE, 150),
        (limits::TOWN_NAME, 150),
        (limits::PLACE, 300),
        (limits::STAGE_RESULTS, 9_000),
        (limits::SUMMARY, 1_500),
    ];
    for (zi, chars) in ceilings {
        assert_eq!(limits::char_ceiling(zi), chars, "{zi} 字");
    }
    type Set = fn(&mut Declaration, String);
    let fields: Vec<(FieldId, usize, Set)> = vec![
        (FieldId::ClusterName, 300, |d, t| d.cluster_name = t),
        (FieldId::ApplicantOffice, 300, |d, t| d.applicant_office = t),
        (NAME_C, 150, |d, t| d.coordinator.name = t),
        (UNIT_K, 300, |d, t| d.contact.unit = t),
        (TITLE_K, 150, |d, t| d.contact.title = t),
        (FieldId::StageResults, 9_000, |d, t| d.stage_results = t),
        (FieldId::Summary, 1_500, |d, t| d.summary = t),
        (FieldId::Towns, 150, |d, t| {
            d.towns.push(TownRef::Custom {
                name: t,
                location: CustomLocation::County {
                    code: "330122".into(),
                },
            })
        }),
        (FieldId::Towns, 300, |d, t| {
            d.towns.push(TownRef::Custom {
                name: "深渡镇".into(),
                location: CustomLocation::OutsideZhejiang { place: t },
            });
            d.scope = Some(Scope::AcrossCities);
        }),
    ];
    let mut tried = 0;
    for (field, ceiling, set) in fields {
        for (kind, text) in [
            ("letters", letters as fn(usize) -> String),
            ("emoji", emoji),
        ] {
            let mut at = complete();
            set(&mut at, text(ceiling));
            assert!(
                !validate(&at).has_error(field),
                "{field:?}: {ceiling} {kind} are allowed: {:#?}",
                validate(&at).problems
            );
            for over in [ceiling + 1, 900_000] {
                let mut d = complete();
                set(&mut d, text(over));
                let report = validate(&d);
                let messages: Vec<&str> = report
                    .for_field(field)
                    .map(|p| p.message.as_str())
                    .collect();
                assert_eq!(messages.len(), 1, "{field:?} {over} {kind}: {messages:?}");
                assert!(
                    messages[0].contains(&format!("最多 {ceiling} 个字符"))
                        && messages[0].chars().count() < 200,
                    "{field:?} {over} {kind}: {}",
                    &messages[0]
                );
                tried += 1;
            }
        }
    }
    assert_eq!(tried, 36);
}

#[test]
fn adding_a_town_by_hand_applies_the_character_ceiling() {
    let name = "a".repeat(151);
    assert_eq!(
        new_custom_town(&name, Some("330122"), "").unwrap_err().0,
        CustomTownInput::Name
    );
    let place = "a".repeat(301);
    assert_eq!(
        new_custom_town("深渡镇", None, &place).unwrap_err().0,
        CustomTownInput::Place
    );
}
