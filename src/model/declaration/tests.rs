//! Tests of `model::declaration`: towns and their places, cleaning, and the serde form.

use super::*;

#[test]
fn a_hand_entered_town_the_list_has_is_the_same_town() {
    let listed = divisions()
        .towns_of("330122")
        .next()
        .expect("桐庐县 has towns");
    let mut declaration = Declaration::default();
    assert!(declaration.add_town(TownRef::Listed {
        code: listed.code.to_string()
    }));
    let again = TownRef::Custom {
        name: format!(" {} ", listed.name),
        location: CustomLocation::County {
            code: "330122".into(),
        },
    };
    assert!(!declaration.add_town(again));
    assert_eq!(declaration.towns.len(), 1);
}

#[test]
fn towns_know_their_place() {
    let tonglu = divisions().towns_of("330122").next().unwrap();
    let town = TownRef::Listed {
        code: tonglu.code.into(),
    };
    assert_eq!(town.place(), Some(TownPlace::County("330122".into())));
    assert!(town.place().unwrap().is_in_hangzhou());
    assert_eq!(town.display(), format!("{}（桐庐县）", tonglu.name));
    let outside = TownRef::Custom {
        name: "某镇".into(),
        location: CustomLocation::OutsideZhejiang {
            place: "安徽省黄山市歙县".into(),
        },
    };
    assert!(!outside.place().unwrap().is_in_hangzhou());
    assert_eq!(outside.display(), "某镇（安徽省黄山市歙县）");
    let unknown = TownRef::Listed {
        code: "999999999".into(),
    };
    assert_eq!(unknown.place(), None);
}

#[test]
fn cleaned_trims_text_and_normalises_phones() {
    let declaration = Declaration {
        cluster_name: "  富春江美镇带 \n".into(),
        coordinator: Person {
            name: " 张 三 ".into(),
            unit: "桐庐县美镇办".into(),
            title: "主任".into(),
            phone: "０５７１ ８７６５４３２１".into(),
        },
        task_force_date: "2021/6/3".into(),
        summary: "第一段。  \r\n\r\n\r\n第二段。\n".into(),
        ..Declaration::default()
    };
    let cleaned = declaration.cleaned();
    assert_eq!(cleaned.cluster_name, "富春江美镇带");
    assert_eq!(cleaned.coordinator.name, "张 三");
    assert_eq!(cleaned.coordinator.phone, "0571-87654321");
    assert_eq!(cleaned.task_force_date, "2021-06-03");
    assert_eq!(cleaned.summary, "第一段。\n\n第二段。");
}

#[test]
fn serde_round_trip_keeps_everything() {
    let declaration = Declaration {
        cluster_name: "美镇圈".into(),
        applicant: "330122".into(),
        towns: vec![
            TownRef::Listed {
                code: "330122100".into(),
            },
            TownRef::Custom {
                name: "某镇".into(),
                location: CustomLocation::OutsideZhejiang {
                    place: "安徽省歙县".into(),
                },
            },
        ],
        creation_type: Some(CreationType::Composite),
        scope: Some(Scope::AcrossCities),
        ..Declaration::default()
    };
    let json = serde_json::to_string(&declaration).unwrap();
    assert!(json.contains(r#""scope":"acrossCities""#), "{json}");
    assert!(json.contains(r#""kind":"outsideZhejiang""#), "{json}");
    let back: Declaration = serde_json::from_str(&json).unwrap();
    assert_eq!(back, declaration);
}
