//! Tests of the drafts store: round trips, many drafts, two tabs, full and missing storage,
//! damaged entries, schema versions, delete and undo, copies, and storage events.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::store::DraftStore;
use super::*;
use crate::model::declaration::TownRef;
use crate::model::error::UserError;
use crate::model::sample;
use crate::model::storage::memory::MemoryStore;
use crate::model::storage::{
    signed_copy_key, KeyValueStore, StoreError, PREFIX, RECOVERY_PREFIX, STATE_KEY,
};

const V0: &str = include_str!("../../../tests/fixtures/drafts/v0.json");
const V1: &str = include_str!("../../../tests/fixtures/drafts/v1.json");
const V2_NEWER: &str = include_str!("../../../tests/fixtures/drafts/v2-newer.json");

fn time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("test time")
        .with_timezone(&Utc)
}

/// 2024-05-01 08:00 UTC plus `minutes`.
fn at(minutes: i64) -> DateTime<Utc> {
    time("2024-05-01T08:00:00Z") + Duration::minutes(minutes)
}

fn id(text: &str) -> DraftId {
    DraftId::parse(text).expect("test id")
}

fn memory() -> DraftStore<MemoryStore> {
    DraftStore::new(MemoryStore::new())
}

fn shared() -> Rc<RefCell<MemoryStore>> {
    Rc::new(RefCell::new(MemoryStore::new()))
}

fn raw(store: &DraftStore<MemoryStore>, key: &str) -> Option<String> {
    store.store().raw(key).map(str::to_string)
}

fn editable(opened: Opened) -> Draft {
    match opened {
        Opened::Editable(draft) => draft,
        Opened::ReadOnly(draft) => panic!("expected editable, got {draft:?}"),
    }
}

#[test]
fn a_draft_survives_create_save_and_reload() {
    let mut store = memory();
    let mut draft = store.create(id("a1"), at(0)).unwrap();
    assert_eq!(draft.revision(), 1);
    draft.declaration = sample::complete();
    let outcome = store.save(&mut draft, at(5)).unwrap();
    assert_eq!(outcome.revision, 2);
    assert_eq!(draft.revision(), 2);
    assert_eq!(draft.created_at(), at(0));
    assert_eq!(draft.modified_at(), at(5));

    let opened = editable(store.open(&id("a1")).unwrap());
    assert_eq!(opened, draft);

    let stored: Value = serde_json::from_str(&raw(&store, "meizhen:draft:a1").unwrap()).unwrap();
    assert_eq!(stored["schema"], 1);
    assert_eq!(stored["id"], "a1");
    assert_eq!(stored["revision"], 2);
    assert_eq!(stored["createdAt"], "2024-05-01T08:00:00Z");
    assert_eq!(stored["modifiedAt"], "2024-05-01T08:05:00Z");
    assert!(
        stored.get("name").is_none(),
        "no name until the user gives one"
    );
    assert_eq!(stored["declaration"]["clusterName"], "桐庐富春江美镇圈");
    assert_eq!(
        outcome.bytes,
        raw(&store, "meizhen:draft:a1").unwrap().len()
    );

    let report = store.load_all(at(6)).unwrap();
    assert_eq!(report.recovered, vec![]);
    assert_eq!(report.read_only, vec![]);
    let [summary] = report.drafts.as_slice() else {
        panic!("one draft expected: {report:?}");
    };
    assert_eq!(summary.name, "桐庐富春江美镇圈");
    assert_eq!(summary.applicant_name.as_deref(), Some("桐庐县"));
    assert_eq!(summary.modified_at, at(5));
    assert_eq!(summary.missing, 0);
    assert_eq!(summary.completeness(), "已填写完整");
}

#[test]
fn everything_is_stored_under_the_prefix() {
    let mut store = memory();
    store.store_mut().insert_raw("other-app:setting", "x");
    let mut draft = store.create(id("a"), at(0)).unwrap();
    store.save(&mut draft, at(1)).unwrap();
    store.set_last_open(Some(&id("a")), at(1)).unwrap();
    store
        .store_mut()
        .insert_raw("meizhen:draft:broken", "{oops");
    store.load_all(at(2)).unwrap();
    let keys: Vec<String> = store.store().snapshot().into_keys().collect();
    for key in &keys {
        assert!(
            key.starts_with(PREFIX) || key == "other-app:setting",
            "{key} is outside the prefix"
        );
    }
    assert_eq!(raw(&store, "other-app:setting").as_deref(), Some("x"));
}

#[test]
fn a_hundred_drafts_are_listed_newest_first_with_what_is_missing() {
    let mut store = memory();
    let empty_missing = missing_fields(&Draft::new(id("probe"), at(0)));
    for i in 0..100_usize {
        let mut draft = store.create(id(&format!("d{i:03}")), at(0)).unwrap();
        if i.is_multiple_of(3) {
            draft.declaration = sample::complete();
            draft.declaration.cluster_name = format!("美镇圈 {i}");
        }
        store.save(&mut draft, at(i as i64 + 1)).unwrap();
    }
    let report = store.load_all(at(200)).unwrap();
    assert_eq!(report.drafts.len(), 100);
    let ids: Vec<&str> = report.drafts.iter().map(|d| d.id.as_str()).collect();
    let expected: Vec<String> = (0..100).rev().map(|i| format!("d{i:03}")).collect();
    assert_eq!(ids, expected);
    for summary in &report.drafts {
        let i: usize = summary.id.as_str()[1..].parse().unwrap();
        if i.is_multiple_of(3) {
            assert_eq!(summary.name, format!("美镇圈 {i}"));
            assert_eq!(summary.missing, 0);
        } else {
            assert_eq!(summary.name, UNNAMED);
            assert_eq!(summary.applicant_name, None);
            assert_eq!(summary.missing, empty_missing);
            assert_eq!(summary.completeness(), format!("还差 {empty_missing} 项"));
        }
    }
}

#[test]
fn missing_counts_distinct_fields_with_errors() {
    let empty = Draft::new(id("e"), at(0));
    let report = crate::model::validate::validate(&empty.declaration);
    let fields: BTreeSet<_> = report.errors().map(|p| p.field).collect();
    assert!(report.error_count() >= fields.len());
    assert_eq!(missing_fields(&empty), fields.len());
    assert!(fields.len() > 10, "an empty form misses most fields");

    let mut one_off = Draft::new(id("o"), at(0));
    one_off.declaration = sample::complete();
    one_off.declaration.contact.phone = "12345".into();
    assert_eq!(missing_fields(&one_off), 1);

    for (missing, label) in [
        (0, "已填写完整"),
        (1, "还差 1 项"),
        (3, "还差 3 项"),
        (19, "还差 19 项"),
    ] {
        assert_eq!(completeness_label(missing), label);
    }
}

#[test]
fn two_tabs_never_silently_overwrite_each_other() {
    let shared = shared();
    let mut tab_a = DraftStore::new(Rc::clone(&shared));
    let mut tab_b = DraftStore::new(Rc::clone(&shared));

    let mut in_a = tab_a.create(id("x"), at(0)).unwrap();
    let mut in_b = tab_b.open_editable(&id("x")).unwrap();

    in_a.declaration.cluster_name = "A 的名称".into();
    tab_a.save(&mut in_a, at(1)).unwrap();
    let after_a = shared.borrow().raw("meizhen:draft:x").map(str::to_string);

    in_b.declaration.cluster_name = "B 的名称".into();
    let error = tab_b.save(&mut in_b, at(2)).unwrap_err();
    let DraftError::Conflict { theirs } = &error else {
        panic!("expected a conflict, got {error:?}");
    };
    assert_eq!(theirs.declaration.cluster_name, "A 的名称");
    assert_eq!(theirs.revision(), 2);
    assert!(error.message().contains("其他窗口"), "{}", error.message());
    assert_eq!(
        shared.borrow().raw("meizhen:draft:x").map(str::to_string),
        after_a,
        "B's failed save wrote nothing"
    );
    assert_eq!(in_b.revision(), 1, "B's copy is unchanged");

    // B chooses to keep its own version.
    in_b.overwrite_theirs(theirs);
    tab_b.save(&mut in_b, at(3)).unwrap();
    assert_eq!(in_b.revision(), 3);

    // A is now behind, and told so.
    in_a.declaration.summary = "A 又改了".into();
    assert!(matches!(
        tab_a.save(&mut in_a, at(4)),
        Err(DraftError::Conflict { .. })
    ));
    let stored = editable(tab_a.open(&id("x")).unwrap());
    assert_eq!(stored.declaration.cluster_name, "B 的名称");
    assert_eq!(stored.declaration.summary, "");

    // Or A saves its version as a copy.
    let mut copy = in_a.copy_as(id("x-copy"), "A 的版本", at(5));
    tab_a.save(&mut copy, at(5)).unwrap();
    assert_eq!(tab_a.load_all(at(6)).unwrap().drafts.len(), 2);
}

#[test]
fn a_tab_learns_from_storage_events_what_to_do() {
    let mut store = memory();
    let mut open = store.create(id("open"), at(0)).unwrap();
    store.save(&mut open, at(1)).unwrap();
    let same = raw(&store, "meizhen:draft:open").unwrap();
    let mut theirs = open.clone();
    store.save(&mut theirs, at(2)).unwrap();
    let newer = raw(&store, "meizhen:draft:open").unwrap();
    let other = store.create(id("other"), at(3)).unwrap();
    let other_raw = other.to_record_json().unwrap();

    /// The open draft, the event's key and new value, what the tab must do.
    type Case<'a> = (
        Option<&'a Draft>,
        Option<&'a str>,
        Option<&'a str>,
        ExternalChange,
    );
    let table: Vec<Case> = vec![
        (Some(&open), None, None, ExternalChange::StorageCleared),
        (
            Some(&open),
            Some("other-app:key"),
            Some("1"),
            ExternalChange::Ignore,
        ),
        (
            Some(&open),
            Some(STATE_KEY),
            Some(r#"{"schema":1}"#),
            ExternalChange::Ignore,
        ),
        (
            Some(&open),
            Some("meizhen:future-feature"),
            Some("1"),
            ExternalChange::Ignore,
        ),
        (
            Some(&open),
            Some("meizhen:draft:other"),
            Some(&other_raw),
            ExternalChange::ListChanged,
        ),
        (
            Some(&open),
            Some("meizhen:draft:other"),
            None,
            ExternalChange::ListChanged,
        ),
        (
            None,
            Some("meizhen:draft:open"),
            Some(&newer),
            ExternalChange::ListChanged,
        ),
        (
            Some(&open),
            Some("meizhen:draft:open"),
            None,
            ExternalChange::OpenDraftDeletedElsewhere,
        ),
        (
            Some(&open),
            Some("meizhen:draft:open"),
            Some(&same),
            ExternalChange::Ignore,
        ),
        (
            Some(&open),
            Some("meizhen:draft:open"),
            Some(&newer),
            ExternalChange::OpenDraftChangedElsewhere {
                theirs_revision: 3,
                theirs: Box::new(theirs.clone()),
            },
        ),
        (
            Some(&open),
            Some("meizhen:draft:open"),
            Some(V2_NEWER),
            ExternalChange::OpenDraftNewerElsewhere { schema: 2 },
        ),
        (
            Some(&open),
            Some("meizhen:draft:open"),
            Some("garbage"),
            ExternalChange::ListChanged,
        ),
        (
            Some(&open),
            Some("meizhen:recovery:draft:open:1714550400000"),
            Some("garbage"),
            ExternalChange::ListChanged,
        ),
    ];
    for (open, key, value, expected) in table {
        assert_eq!(
            on_external_change(open, key, value),
            expected,
            "key {key:?}, value {value:?}"
        );
    }
}

#[test]
fn a_full_quota_keeps_the_previous_version() {
    let mut store = memory();
    let mut draft = store.create(id("q"), at(0)).unwrap();
    draft.declaration = sample::complete();
    store.save(&mut draft, at(1)).unwrap();
    let before = raw(&store, "meizhen:draft:q").unwrap();
    let size = store.store().size_bytes();
    store.store_mut().faults.quota_bytes = Some(size + 10);

    draft.declaration.summary = "很长的内容。".repeat(100);
    let error = store.save(&mut draft, at(2)).unwrap_err();
    assert_eq!(error, DraftError::Store(StoreError::QuotaExceeded));
    assert!(
        error.message().contains("存储空间已满"),
        "{}",
        error.message()
    );
    assert!(error.message().contains("之前保存的内容仍在"));
    assert_eq!(raw(&store, "meizhen:draft:q").unwrap(), before);
    assert_eq!(
        draft.revision(),
        2,
        "the draft is still based on what is stored"
    );
    assert_eq!(draft.modified_at(), at(1));

    // Once there is room, the same copy saves without a conflict.
    store.store_mut().faults.quota_bytes = None;
    store.save(&mut draft, at(3)).unwrap();
    assert_eq!(draft.revision(), 3);
    let opened = editable(store.open(&id("q")).unwrap());
    assert_eq!(opened.declaration.summary, "很长的内容。".repeat(100));
}

#[test]
fn memory_store_quota_counts_the_replaced_value_once() {
    let mut store = MemoryStore::new();
    store.set("k", "12345").unwrap();
    store.faults.quota_bytes = Some(6);
    store.set("k", "54321").unwrap();
    assert_eq!(store.set("k", "543210"), Err(StoreError::QuotaExceeded));
    assert_eq!(store.raw("k"), Some("54321"));
    assert_eq!(store.set("j", ""), Err(StoreError::QuotaExceeded));
    store.remove("k").unwrap();
    store.set("j", "").unwrap();
}

#[test]
fn a_shared_store_in_use_is_an_error_not_a_panic() {
    let shared = shared();
    let mut view = Rc::clone(&shared);
    let _held = shared.borrow_mut();
    assert!(matches!(view.get("k"), Err(StoreError::Other(_))));
    assert!(matches!(view.set("k", "v"), Err(StoreError::Other(_))));
}

#[test]
fn unavailable_storage_is_a_typed_error_for_every_operation() {
    let mut store = memory();
    let draft = store.create(id("u"), at(0)).unwrap();
    let unavailable = StoreError::Unavailable("SecurityError: access denied".into());
    store.store_mut().faults.all = Some(unavailable.clone());
    let expected = DraftError::Store(unavailable.clone());

    assert_eq!(store.load_all(at(1)).unwrap_err(), unavailable);
    assert_eq!(store.open(&id("u")).unwrap_err(), expected);
    assert_eq!(store.create(id("v"), at(1)).unwrap_err(), expected);
    let mut copy = draft.clone();
    assert_eq!(store.save(&mut copy, at(1)).unwrap_err(), expected);
    assert_eq!(copy, draft);
    assert_eq!(
        store.duplicate(&id("u"), id("w"), at(1)).unwrap_err(),
        expected
    );
    assert_eq!(store.rename(&id("u"), "新", at(1)).unwrap_err(), expected);
    assert_eq!(store.delete(&id("u")).unwrap_err(), expected);
    assert_eq!(
        store.set_last_open(Some(&id("u")), at(1)).unwrap_err(),
        expected
    );
    assert_eq!(store.recovery_entries().unwrap_err(), unavailable);
    assert!(expected.message().contains("浏览器禁止本页面保存数据"));

    // Reads work but writes are refused: saving fails, nothing changes.
    store.store_mut().faults.all = None;
    store.store_mut().faults.sets = Some(StoreError::Other("disk".into()));
    let before = store.store().snapshot();
    let mut copy = draft.clone();
    assert!(matches!(
        store.save(&mut copy, at(2)),
        Err(DraftError::Store(StoreError::Other(_)))
    ));
    assert_eq!(store.store().snapshot(), before);
}

/// A valid v1 record with id "good".
fn good_record(name: &str) -> String {
    let mut draft = Draft::new(id("good"), at(0));
    draft.set_name(name);
    draft.set_revision(1);
    draft.to_record_json().unwrap()
}

#[test]
fn unreadable_entries_are_set_aside_unchanged_and_the_rest_loads() {
    let unknown_member = good_record("x").replacen('{', r#"{"colour":"red","#, 1);
    let table: Vec<(&str, String, &str)> = vec![
        ("meizhen:draft:bad1", "{not json".into(), "不是有效的 JSON"),
        ("meizhen:draft:bad2", "".into(), "不是有效的 JSON"),
        ("meizhen:draft:bad3", "[1,2,3]".into(), "不是草稿记录"),
        (
            "meizhen:draft:bad4",
            r#"{"schema":1,"id":"bad4"}"#.into(),
            "内容不完整或有误",
        ),
        (
            "meizhen:draft:bad5",
            r#"{"schema":"1"}"#.into(),
            "数据格式版本无效",
        ),
        (
            "meizhen:draft:bad6",
            r#"{"schema":-1}"#.into(),
            "数据格式版本无效",
        ),
        ("meizhen:draft:bad7", unknown_member, "内容不完整或有误"),
        (
            "meizhen:draft:bad8",
            r#"{"clusterName":"旧的"}"#.into(),
            "旧格式草稿的修改时间缺失或无效",
        ),
        (
            "meizhen:draft:bad9",
            r#"{"updated":1619758800000,"clusterName":3}"#.into(),
            "旧格式草稿内容有误",
        ),
        ("meizhen:draft:bad id!", good_record("y"), "草稿编号"),
        ("meizhen:draft:", good_record("z"), "草稿编号"),
        (STATE_KEY, "last open: a".into(), "不是有效的 JSON"),
    ];
    let mut store = memory();
    for (key, value, _) in &table {
        store.store_mut().insert_raw(key, value);
    }
    let mut first = store.create(id("first"), at(0)).unwrap();
    first.declaration = sample::complete();
    store.save(&mut first, at(1)).unwrap();
    store.create(id("second"), at(2)).unwrap();
    store.store_mut().insert_raw("meizhen:future-feature", "{?");
    store.store_mut().insert_raw("elsewhere", "{?");

    let now = time("2024-05-10T00:00:00Z");
    let report = store.load_all(now).unwrap();
    let ids: Vec<&str> = report.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["second", "first"]);
    assert_eq!(report.recovered.len(), table.len());
    for (key, value, detail) in &table {
        let entry = report
            .recovered
            .iter()
            .find(|e| e.original_key == *key)
            .unwrap_or_else(|| panic!("{key} was not reported"));
        assert!(entry.detail.contains(detail), "{key}: {}", entry.detail);
        assert!(
            entry.description.contains("恢复区"),
            "{}",
            entry.description
        );
        assert!(entry.description.contains("其他草稿不受影响"));
        let recovery_key = entry.recovery_key.as_deref().expect("moved");
        assert!(recovery_key.starts_with(RECOVERY_PREFIX), "{recovery_key}");
        assert!(recovery_key.ends_with(&format!(":{}", now.timestamp_millis())));
        assert_eq!(raw(&store, recovery_key).as_deref(), Some(value.as_str()));
        assert_eq!(raw(&store, key), None, "{key} is no longer in the way");
    }
    assert_eq!(
        raw(&store, "meizhen:future-feature").as_deref(),
        Some("{?"),
        "keys of other features are left alone"
    );
    assert_eq!(raw(&store, "elsewhere").as_deref(), Some("{?"));

    // Nothing left to recover on the next load; the recovery area lists them.
    let again = store.load_all(now + Duration::seconds(1)).unwrap();
    assert_eq!(again.recovered, vec![]);
    assert_eq!(again.drafts.len(), 2);
    let entries = store.recovery_entries().unwrap();
    assert_eq!(entries.len(), table.len());
    let bad1 = entries
        .iter()
        .find(|e| e.original_key == "meizhen:draft:bad1")
        .unwrap();
    assert_eq!(bad1.set_aside_at, Some(now));
    assert_eq!(bad1.chars, "{not json".chars().count());
    assert!(
        bad1.description().contains("草稿（编号 bad1）"),
        "{}",
        bad1.description()
    );
    assert_eq!(
        store.recovery_value(&bad1.key).unwrap().as_deref(),
        Some("{not json")
    );
    assert_eq!(store.recovery_value("meizhen:draft:first").unwrap(), None);
    assert!(store.discard_recovery(&bad1.key).unwrap());
    assert!(!store.discard_recovery("meizhen:draft:first").unwrap());
    assert!(raw(&store, "meizhen:draft:first").is_some());
    assert_eq!(store.recovery_entries().unwrap().len(), table.len() - 1);
}

#[test]
fn the_same_entry_set_aside_twice_in_one_millisecond_gets_two_keys() {
    let mut store = memory();
    store.store_mut().insert_raw("meizhen:draft:b", "one");
    let first = store.load_all(at(0)).unwrap().recovered;
    store.store_mut().insert_raw("meizhen:draft:b", "two");
    let second = store.load_all(at(0)).unwrap().recovered;
    let first_key = first[0].recovery_key.clone().unwrap();
    let second_key = second[0].recovery_key.clone().unwrap();
    assert_eq!(second_key, format!("{first_key}-2"));
    assert_eq!(raw(&store, &first_key).as_deref(), Some("one"));
    assert_eq!(raw(&store, &second_key).as_deref(), Some("two"));
    let entries = store.recovery_entries().unwrap();
    assert!(entries.iter().all(|e| e.set_aside_at == Some(at(0))));
    assert!(entries.iter().all(|e| e.original_key == "meizhen:draft:b"));
}

#[test]
fn an_entry_that_cannot_be_moved_stays_where_it_is_and_is_reported() {
    let mut store = memory();
    store.create(id("ok"), at(0)).unwrap();
    store.store_mut().insert_raw("meizhen:draft:bad", "{oops");
    store.store_mut().faults.quota_bytes = Some(store.store().size_bytes());
    let report = store.load_all(at(1)).unwrap();
    assert_eq!(report.drafts.len(), 1);
    let [entry] = report.recovered.as_slice() else {
        panic!("{report:?}");
    };
    assert_eq!(entry.recovery_key, None);
    assert!(
        entry.description.contains("原内容仍留在原处"),
        "{}",
        entry.description
    );
    assert_eq!(raw(&store, "meizhen:draft:bad").as_deref(), Some("{oops"));

    // If the copy succeeds but the removal fails, the copy is withdrawn.
    store.store_mut().faults.quota_bytes = None;
    store.store_mut().faults.removes = Some(StoreError::Other("no".into()));
    let report = store.load_all(at(2)).unwrap();
    assert_eq!(report.recovered[0].recovery_key, None);
    assert_eq!(raw(&store, "meizhen:draft:bad").as_deref(), Some("{oops"));
}

#[test]
fn saving_over_an_unreadable_value_sets_it_aside_first() {
    let mut store = memory();
    let mut draft = store.create(id("s"), at(0)).unwrap();
    store
        .store_mut()
        .insert_raw("meizhen:draft:s", "half-written");
    let outcome = store.save(&mut draft, at(1)).unwrap();
    let recovered = outcome.recovered.expect("reported");
    let recovery_key = recovered.recovery_key.unwrap();
    assert_eq!(raw(&store, &recovery_key).as_deref(), Some("half-written"));
    assert_eq!(editable(store.open(&id("s")).unwrap()), draft);

    // And if it cannot be set aside, the save does not overwrite it.
    store
        .store_mut()
        .insert_raw("meizhen:draft:s", "garbage again");
    store.store_mut().faults.quota_bytes = Some(store.store().size_bytes());
    assert_eq!(
        store.save(&mut draft, at(2)),
        Err(DraftError::Store(StoreError::QuotaExceeded))
    );
    assert_eq!(
        raw(&store, "meizhen:draft:s").as_deref(),
        Some("garbage again")
    );
}

#[test]
fn opening_an_unreadable_or_missing_draft_is_an_error() {
    let mut store = memory();
    store.store_mut().insert_raw("meizhen:draft:c", "{");
    let error = store.open(&id("c")).unwrap_err();
    assert!(matches!(&error, DraftError::Corrupt { id, .. } if id.as_str() == "c"));
    assert!(error.message().contains("已损坏"));
    assert_eq!(
        store.open(&id("none")).unwrap_err(),
        DraftError::NotFound { id: id("none") }
    );
}

#[test]
fn a_v0_record_is_migrated_on_read_and_rewritten_as_v1_on_save() {
    let mut store = memory();
    store.store_mut().insert_raw("meizhen:draft:legacy1", V0);
    let updated = time("2021-04-30T05:00:00Z");

    let report = store.load_all(at(0)).unwrap();
    assert_eq!(report.recovered, vec![]);
    let [summary] = report.drafts.as_slice() else {
        panic!("{report:?}");
    };
    assert_eq!(summary.id.as_str(), "legacy1");
    assert_eq!(summary.name, "桐庐富春江美镇圈");
    assert_eq!(summary.applicant_name.as_deref(), Some("桐庐县"));
    assert_eq!(summary.modified_at, updated);
    assert_eq!(summary.revision, 0);
    assert_eq!(summary.missing, 0, "the migrated towns are valid");
    assert_eq!(
        raw(&store, "meizhen:draft:legacy1").as_deref(),
        Some(V0),
        "reading does not rewrite"
    );

    let mut draft = editable(store.open(&id("legacy1")).unwrap());
    assert_eq!(draft.revision(), 0);
    assert_eq!(draft.created_at(), updated);
    assert_eq!(draft.name(), None);
    let mut expected = sample::complete();
    expected.summary = "富春江镇、江南镇、凤川街道地缘相近、产业相依。".into();
    expected.towns = vec![
        sample::listed("330122", "富春江镇"),
        sample::listed("330122", "江南镇"),
        sample::listed("330122", "凤川街道"),
    ];
    assert_eq!(draft.declaration, expected);
    assert!(draft
        .declaration
        .towns
        .iter()
        .all(|t| matches!(t, TownRef::Listed { .. })));

    store.save(&mut draft, at(1)).unwrap();
    assert_eq!(draft.revision(), 1);
    let stored: Value =
        serde_json::from_str(&raw(&store, "meizhen:draft:legacy1").unwrap()).unwrap();
    assert_eq!(stored["schema"], 1);
    assert_eq!(stored["createdAt"], "2021-04-30T05:00:00Z");
    assert_eq!(stored["declaration"]["towns"][0]["kind"], "listed");
    assert_eq!(editable(store.open(&id("legacy1")).unwrap()), draft);
}

#[test]
fn v0_records_are_recognised_with_or_without_a_zero_schema() {
    let mut object: serde_json::Map<String, Value> = serde_json::from_str(V0).unwrap();
    object.insert("schema".into(), 0.into());
    object.insert(
        "towns".into(),
        serde_json::json!(["330122101", {"kind": "listed", "code": "330122113"}]),
    );
    let mut store = memory();
    store
        .store_mut()
        .insert_raw("meizhen:draft:z", &Value::Object(object).to_string());
    let draft = editable(store.open(&id("z")).unwrap());
    assert_eq!(draft.declaration.towns.len(), 2);
    assert_eq!(draft.revision(), 0);
}

#[test]
fn a_second_tab_on_a_v0_draft_conflicts_after_the_first_saves_it() {
    let shared = shared();
    shared.borrow_mut().insert_raw("meizhen:draft:old", V0);
    let mut tab_a = DraftStore::new(Rc::clone(&shared));
    let tab_b = DraftStore::new(Rc::clone(&shared));
    let mut in_a = tab_a.open_editable(&id("old")).unwrap();
    let mut in_b = tab_b.open_editable(&id("old")).unwrap();
    tab_a.save(&mut in_a, at(0)).unwrap();
    let mut tab_b = tab_b;
    assert!(matches!(
        tab_b.save(&mut in_b, at(1)),
        Err(DraftError::Conflict { .. })
    ));
}

#[test]
fn the_v1_record_format_is_stable() {
    let mut store = memory();
    store
        .store_mut()
        .insert_raw("meizhen:draft:k7Qx2-fc_01", V1);
    let draft = editable(store.open(&id("k7Qx2-fc_01")).unwrap());
    assert_eq!(draft.revision(), 3);
    assert_eq!(draft.name(), Some("富春江 第二稿"));
    assert_eq!(draft.display_name(), "富春江 第二稿");
    assert_eq!(draft.created_at(), time("2024-05-01T08:00:00Z"));
    assert_eq!(draft.modified_at(), time("2024-05-03T09:12:30Z"));
    let fixture: Value = serde_json::from_str(V1).unwrap();
    assert_eq!(
        draft.to_record_value().unwrap(),
        fixture,
        "writing the record back gives the fixture: the format has not drifted"
    );
}

#[test]
fn the_key_decides_the_id_of_a_record_copied_by_hand() {
    let mut store = memory();
    store.store_mut().insert_raw("meizhen:draft:copied", V1);
    let draft = editable(store.open(&id("copied")).unwrap());
    assert_eq!(draft.id().as_str(), "copied");
}

#[test]
fn a_newer_record_is_read_only_and_never_overwritten() {
    let mut store = memory();
    let key = "meizhen:draft:from-the-future";
    store.store_mut().insert_raw(key, V2_NEWER);
    store.create(id("mine"), at(0)).unwrap();

    let report = store.load_all(at(1)).unwrap();
    assert_eq!(report.drafts.len(), 1);
    assert_eq!(report.recovered, vec![]);
    let [newer] = report.read_only.as_slice() else {
        panic!("{report:?}");
    };
    assert_eq!(newer.schema, 2);
    assert_eq!(newer.name, "新版本保存的草稿");
    assert_eq!(newer.modified_at, Some(time("2026-02-10T03:30:00Z")));
    let message = newer.message();
    assert!(message.contains("较新版本"), "{message}");
    assert!(message.contains("只能查看，不能修改"), "{message}");
    assert!(message.contains("第 2 版"), "{message}");

    let Opened::ReadOnly(opened) = store.open(&id("from-the-future")).unwrap() else {
        panic!("should open read-only");
    };
    let declaration = opened.declaration.expect("readable for display");
    assert_eq!(declaration.cluster_name, "建德新安江美镇带");

    // Whatever a tab holds under that id, saving it does not touch the record.
    let expected = DraftError::ReadOnly {
        id: id("from-the-future"),
        schema: 2,
    };
    for revision in [0, 12, 13] {
        let mut mine = Draft::new(id("from-the-future"), at(2));
        mine.set_revision(revision);
        mine.declaration.cluster_name = "覆盖".into();
        assert_eq!(store.save(&mut mine, at(2)), Err(expected.clone()));
    }
    assert_eq!(
        store.rename(&id("from-the-future"), "新名", at(2)),
        Err(expected.clone())
    );
    assert_eq!(
        store.open_editable(&id("from-the-future")),
        Err(expected.clone())
    );
    assert_eq!(
        store.duplicate(&id("from-the-future"), id("dup"), at(2)),
        Err(expected.clone())
    );
    assert!(expected.message().contains("只能查看"));
    assert_eq!(raw(&store, key).as_deref(), Some(V2_NEWER));
}

#[test]
fn a_newer_record_whose_declaration_cannot_be_read_still_lists() {
    let mut store = memory();
    store.store_mut().insert_raw(
        "meizhen:draft:n",
        r#"{"schema":7,"declaration":{"clusterName":"七","towns":"moved elsewhere"}}"#,
    );
    let report = store.load_all(at(0)).unwrap();
    let [newer] = report.read_only.as_slice() else {
        panic!("{report:?}");
    };
    assert_eq!(newer.name, "七");
    assert_eq!(newer.declaration, None);
    assert!(newer.message().contains("无法显示其内容"));
}

#[test]
fn delete_returns_the_record_and_undo_puts_it_back_byte_for_byte() {
    let mut store = memory();
    let mut draft = store.create(id("del"), at(0)).unwrap();
    draft.declaration = sample::complete();
    store.save(&mut draft, at(1)).unwrap();
    store.create(id("keep"), at(2)).unwrap();
    let before = raw(&store, "meizhen:draft:del").unwrap();

    let deleted = store.delete(&id("del")).unwrap();
    assert_eq!(deleted.id.as_str(), "del");
    assert_eq!(deleted.name, "桐庐富春江美镇圈");
    let report = store.load_all(at(3)).unwrap();
    assert_eq!(report.drafts.len(), 1);

    store.undo_delete(&deleted).unwrap();
    assert_eq!(raw(&store, "meizhen:draft:del"), Some(before));
    assert_eq!(store.load_all(at(4)).unwrap().drafts.len(), 2);
    // The tab that had it open can carry on saving.
    store.save(&mut draft, at(5)).unwrap();

    assert_eq!(
        store.undo_delete(&deleted),
        Err(DraftError::AlreadyExists { id: id("del") })
    );
    assert_eq!(
        store.delete(&id("gone")),
        Err(DraftError::NotFound { id: id("gone") })
    );

    // Deleting works for newer and unreadable records too, and undo restores them unchanged.
    store
        .store_mut()
        .insert_raw("meizhen:draft:future", V2_NEWER);
    store.store_mut().insert_raw("meizhen:draft:junk", "junk");
    let future = store.delete(&id("future")).unwrap();
    assert_eq!(future.name, "新版本保存的草稿");
    let junk = store.delete(&id("junk")).unwrap();
    assert_eq!(junk.name, UNNAMED);
    store.undo_delete(&future).unwrap();
    store.undo_delete(&junk).unwrap();
    assert_eq!(
        raw(&store, "meizhen:draft:future").as_deref(),
        Some(V2_NEWER)
    );
    assert_eq!(raw(&store, "meizhen:draft:junk").as_deref(), Some("junk"));
}

#[test]
fn undo_never_overwrites_a_draft_stored_since() {
    let mut store = memory();
    store.create(id("r"), at(0)).unwrap();
    let deleted = store.delete(&id("r")).unwrap();
    let mut recreated = Draft::new(id("r"), at(1));
    recreated.declaration.cluster_name = "重新建的".into();
    store.save(&mut recreated, at(1)).unwrap();
    let now = raw(&store, "meizhen:draft:r");
    assert_eq!(
        store.undo_delete(&deleted),
        Err(DraftError::AlreadyExists { id: id("r") })
    );
    assert_eq!(raw(&store, "meizhen:draft:r"), now);
}

#[test]
fn a_draft_deleted_in_another_tab_is_not_resurrected_unasked() {
    let shared = shared();
    let mut tab_a = DraftStore::new(Rc::clone(&shared));
    let mut tab_b = DraftStore::new(Rc::clone(&shared));
    let mut in_b = tab_a.create(id("d"), at(0)).unwrap();
    tab_a.delete(&id("d")).unwrap();
    in_b.declaration.summary = "还在写".into();
    let error = tab_b.save(&mut in_b, at(1)).unwrap_err();
    assert_eq!(error, DraftError::DeletedElsewhere { id: id("d") });
    assert!(error.message().contains("已在其他窗口中删除"));
    assert!(shared.borrow().raw("meizhen:draft:d").is_none());

    in_b.recreate_after_delete();
    tab_b.save(&mut in_b, at(2)).unwrap();
    assert_eq!(in_b.revision(), 1);
    assert_eq!(
        tab_a.open_editable(&id("d")).unwrap().declaration.summary,
        "还在写"
    );
}

#[test]
fn create_refuses_an_id_in_use() {
    let mut store = memory();
    let first = store.create(id("same"), at(0)).unwrap();
    let before = store.store().snapshot();
    assert_eq!(
        store.create(id("same"), at(1)),
        Err(DraftError::AlreadyExists { id: id("same") })
    );
    assert_eq!(store.store().snapshot(), before);
    // A brand-new copy with a used id is a conflict, not an overwrite.
    let mut stranger = Draft::new(id("same"), at(2));
    assert!(matches!(
        store.save(&mut stranger, at(2)),
        Err(DraftError::Conflict { theirs }) if *theirs == first
    ));
}

#[test]
fn copies_are_named_with_a_copy_suffix_numbered_when_taken() {
    let table: Vec<(&str, Vec<&str>, &str)> = vec![
        ("富春江美镇圈", vec![], "富春江美镇圈（副本）"),
        (
            "富春江美镇圈",
            vec!["富春江美镇圈", "富春江美镇圈（副本）"],
            "富春江美镇圈（副本 2）",
        ),
        (
            "富春江美镇圈（副本）",
            vec!["富春江美镇圈", "富春江美镇圈（副本）"],
            "富春江美镇圈（副本 2）",
        ),
        (
            "富春江美镇圈（副本 2）",
            vec!["富春江美镇圈（副本）", "富春江美镇圈（副本 2）"],
            "富春江美镇圈（副本 3）",
        ),
        (
            " 甲 ",
            vec!["甲（副本）", "甲（副本 2）", "甲（副本 3）"],
            "甲（副本 4）",
        ),
        (UNNAMED, vec![], "未命名草稿（副本）"),
        ("乙（副本 x）", vec![], "乙（副本 x）（副本）"),
        ("丙（副本 ）", vec![], "丙（副本 ）（副本）"),
    ];
    for (name, existing, expected) in table {
        assert_eq!(
            copy_name(name, existing.iter().copied()),
            expected,
            "{name:?} among {existing:?}"
        );
    }
}

#[test]
fn duplicate_copies_the_content_under_a_new_id_and_name() {
    let mut store = memory();
    let mut source = store.create(id("src"), at(0)).unwrap();
    source.declaration = sample::complete();
    store.save(&mut source, at(1)).unwrap();

    let copy = store.duplicate(&id("src"), id("copy1"), at(2)).unwrap();
    assert_eq!(copy.id().as_str(), "copy1");
    assert_eq!(copy.name(), Some("桐庐富春江美镇圈（副本）"));
    assert_eq!(copy.declaration, source.declaration);
    assert_eq!(copy.revision(), 1);
    assert_eq!(copy.created_at(), at(2));
    assert_eq!(editable(store.open(&id("copy1")).unwrap()), copy);

    let again = store.duplicate(&id("src"), id("copy2"), at(3)).unwrap();
    assert_eq!(again.display_name(), "桐庐富春江美镇圈（副本 2）");
    let of_copy = store.duplicate(&id("copy1"), id("copy3"), at(4)).unwrap();
    assert_eq!(of_copy.display_name(), "桐庐富春江美镇圈（副本 3）");

    assert_eq!(
        store.duplicate(&id("src"), id("copy1"), at(5)),
        Err(DraftError::AlreadyExists { id: id("copy1") })
    );
    assert_eq!(
        store.duplicate(&id("nope"), id("copy9"), at(5)),
        Err(DraftError::NotFound { id: id("nope") })
    );
    assert_eq!(
        editable(store.open(&id("src")).unwrap()),
        source,
        "the source is untouched"
    );
}

#[test]
fn rename_sets_or_clears_the_name() {
    let mut store = memory();
    let mut draft = store.create(id("n"), at(0)).unwrap();
    draft.declaration.cluster_name = "建德美镇带".into();
    store.save(&mut draft, at(1)).unwrap();

    let renamed = store.rename(&id("n"), "  第二稿 ", at(2)).unwrap();
    assert_eq!(renamed.name(), Some("第二稿"));
    assert_eq!(renamed.revision(), 3);
    assert_eq!(store.load_all(at(3)).unwrap().drafts[0].name, "第二稿");

    let cleared = store.rename(&id("n"), " ", at(4)).unwrap();
    assert_eq!(cleared.name(), None);
    assert_eq!(store.load_all(at(5)).unwrap().drafts[0].name, "建德美镇带");

    // The open copy in this tab renames through set_name + save, keeping in step.
    let mut open = store.open_editable(&id("n")).unwrap();
    open.set_name("定稿");
    store.save(&mut open, at(6)).unwrap();
    assert_eq!(store.load_all(at(7)).unwrap().drafts[0].name, "定稿");
}

#[test]
fn the_last_open_draft_is_remembered_while_it_exists() {
    let mut store = memory();
    store.create(id("a"), at(0)).unwrap();
    store.create(id("b"), at(1)).unwrap();
    assert_eq!(store.load_all(at(2)).unwrap().last_open, None);

    store.set_last_open(Some(&id("a")), at(2)).unwrap();
    assert_eq!(store.load_all(at(3)).unwrap().last_open, Some(id("a")));
    let writes = store.store().writes();
    store.set_last_open(Some(&id("a")), at(3)).unwrap();
    assert_eq!(store.store().writes(), writes, "no write when unchanged");
    assert_eq!(
        raw(&store, STATE_KEY).as_deref(),
        Some(r#"{"schema":1,"lastOpen":"a"}"#)
    );

    store.delete(&id("a")).unwrap();
    assert_eq!(store.load_all(at(4)).unwrap().last_open, None);
    store.set_last_open(None, at(4)).unwrap();
    assert_eq!(raw(&store, STATE_KEY).as_deref(), Some(r#"{"schema":1}"#));

    // A newer version's state is left alone; its lastOpen is still honoured.
    let newer = r#"{"schema":2,"lastOpen":"b","theme":"dark"}"#;
    store.store_mut().insert_raw(STATE_KEY, newer);
    assert_eq!(store.load_all(at(5)).unwrap().last_open, Some(id("b")));
    store.set_last_open(Some(&id("a")), at(5)).unwrap();
    assert_eq!(raw(&store, STATE_KEY).as_deref(), Some(newer));

    // An unreadable state is set aside before being replaced.
    store.store_mut().insert_raw(STATE_KEY, "??");
    store.set_last_open(Some(&id("b")), at(6)).unwrap();
    assert_eq!(store.recovery_entries().unwrap()[0].original_key, STATE_KEY);
    assert_eq!(store.load_all(at(7)).unwrap().last_open, Some(id("b")));
}

#[test]
fn draft_ids_are_short_and_safe_in_a_key() {
    for good in [
        "a",
        "A-b_9",
        "3f2a9c1e-77b4-4c1a-9d7e-0c6b1d2e3f40",
        &"x".repeat(64),
    ] {
        assert_eq!(DraftId::parse(good).map(|i| i.to_string()), Ok(good.into()));
    }
    for bad in ["", "a:b", "a b", "草稿", "a/b", &"x".repeat(65)] {
        let error = DraftId::parse(bad).unwrap_err();
        assert!(error.message().contains("草稿编号"), "{bad:?}");
    }
    let parsed: Result<DraftId, _> = serde_json::from_str(r#""a:b""#);
    assert!(parsed.is_err());
}

#[test]
fn usage_counts_our_keys_only() {
    let mut store = memory();
    store.store_mut().insert_raw("elsewhere", "xxxxxxxxxx");
    store.store_mut().insert_raw("meizhen:x", "汉字");
    assert_eq!(store.usage().unwrap(), "meizhen:x".len() + 2);
}

#[test]
fn every_error_speaks_chinese() {
    let draft = Draft::new(id("m"), at(0));
    let errors = [
        DraftError::Store(StoreError::Other("x".into())),
        DraftError::NotFound { id: id("m") },
        DraftError::Corrupt {
            id: id("m"),
            detail: "x".into(),
        },
        DraftError::ReadOnly {
            id: id("m"),
            schema: 2,
        },
        DraftError::Conflict {
            theirs: Box::new(draft),
        },
        DraftError::DeletedElsewhere { id: id("m") },
        DraftError::AlreadyExists { id: id("m") },
    ];
    for error in errors {
        let message = error.message();
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{message}"
        );
    }
    assert!(DraftError::Conflict {
        theirs: Box::new(Draft::new(id("m"), at(0)))
    }
    .message()
    .contains("2024年5月1日 16:00"));
}

#[test]
fn a_signed_copy_is_kept_beside_its_draft() {
    use crate::model::paper::{PaperBinding, SignedCopy};
    let now = at(0);
    let mut store = DraftStore::new(MemoryStore::default());
    let draft = store.create(DraftId::from_random(&[7; 16]), now).unwrap();
    assert_eq!(store.signed_copy(draft.id()), None);
    let copy = SignedCopy {
        declaration: crate::model::sample::complete().cleaned(),
        binding: PaperBinding {
            fingerprint: "ab".repeat(32),
            digest: "cd".repeat(32),
        },
    };
    store.keep_signed_copy(draft.id(), &copy).unwrap();
    assert_eq!(store.signed_copy(draft.id()), Some(copy.clone()));
    // The copy is not a draft and not corrupt: the list and the recovery area ignore it.
    let report = store.load_all(now).unwrap();
    assert_eq!(report.drafts.len(), 1);
    assert!(report.recovered.is_empty());
    // A refused write reports the failure and keeps what was there.
    store.store_mut().faults.sets = Some(StoreError::QuotaExceeded);
    assert!(store.keep_signed_copy(draft.id(), &copy).is_err());
    store.store_mut().faults.sets = None;
    assert_eq!(store.signed_copy(draft.id()), Some(copy.clone()));

    // Deleting the draft takes its copy with it; a failed delete leaves both.
    let before = store.store().snapshot();
    store.store_mut().faults.removes = Some(StoreError::Other("denied".into()));
    assert!(store.delete(draft.id()).is_err());
    store.store_mut().faults.removes = None;
    assert_eq!(store.store().snapshot(), before);
    let deleted = store.delete(draft.id()).unwrap();
    assert_eq!(store.signed_copy(draft.id()), None);
    assert_eq!(
        store.store().raw(&signed_copy_key(draft.id().as_str())),
        None
    );
    // A failed undo puts nothing back; a good one puts back both, byte for byte.
    store.store_mut().faults.sets = Some(StoreError::QuotaExceeded);
    assert!(store.undo_delete(&deleted).is_err());
    store.store_mut().faults.sets = None;
    assert_eq!(store.signed_copy(draft.id()), None);
    assert!(store.load_all(now).unwrap().drafts.is_empty());
    store.undo_delete(&deleted).unwrap();
    assert_eq!(store.store().snapshot(), before);
    assert_eq!(store.signed_copy(draft.id()), Some(copy));
}

/// A stored record with `revision` written in, as another tab or a restored backup left it.
fn record_with_revision(store: &mut DraftStore<Rc<RefCell<MemoryStore>>>, revision: u64) {
    let key = "meizhen:draft:x";
    let raw = store.store().borrow().raw(key).unwrap().to_string();
    let mut value: Value = serde_json::from_str(&raw).unwrap();
    value["revision"] = revision.into();
    store
        .store()
        .borrow_mut()
        .insert_raw(key, &value.to_string());
}

#[test]
fn a_revision_at_the_cap_is_a_conflict_for_every_tab_never_a_silent_overwrite() {
    let shared = shared();
    let mut tab_a = DraftStore::new(Rc::clone(&shared));
    let mut tab_b = DraftStore::new(Rc::clone(&shared));
    tab_a.create(id("x"), at(0)).unwrap();
    record_with_revision(&mut tab_a, MAX_REVISION);
    let mut in_a = tab_a.open_editable(&id("x")).unwrap();
    let mut in_b = tab_b.open_editable(&id("x")).unwrap();
    assert_eq!(in_a.revision(), MAX_REVISION);
    let before = shared.borrow().raw("meizhen:draft:x").map(str::to_string);
    in_a.declaration.cluster_name = "A 的名称".into();
    in_b.declaration.cluster_name = "B 的名称".into();
    for (tab, draft) in [(&mut tab_a, &mut in_a), (&mut tab_b, &mut in_b)] {
        let error = tab.save(draft, at(1)).unwrap_err();
        assert!(
            matches!(error, DraftError::Conflict { .. }),
            "expected a conflict, got {error:?}"
        );
    }
    assert_eq!(
        shared.borrow().raw("meizhen:draft:x").map(str::to_string),
        before,
        "nothing was written"
    );
    // One below the cap still saves, once.
    record_with_revision(&mut tab_a, MAX_REVISION - 1);
    let mut in_a = tab_a.open_editable(&id("x")).unwrap();
    assert_eq!(tab_a.save(&mut in_a, at(2)).unwrap().revision, MAX_REVISION);
    assert!(matches!(
        tab_a.save(&mut in_a, at(3)),
        Err(DraftError::Conflict { .. })
    ));
}

#[test]
fn a_record_above_the_revision_cap_is_unreadable_not_editable() {
    for (revision, editable) in [
        (MAX_REVISION, true),
        (MAX_REVISION + 1, false),
        (u64::MAX, false),
    ] {
        let shared = shared();
        let mut tab = DraftStore::new(Rc::clone(&shared));
        tab.create(id("x"), at(0)).unwrap();
        record_with_revision(&mut tab, revision);
        let raw = shared.borrow().raw("meizhen:draft:x").unwrap().to_string();
        match read_record(&raw, None) {
            RecordRead::Editable(draft) => {
                assert!(editable, "{revision}");
                assert_eq!(draft.revision(), revision);
            }
            RecordRead::Corrupt(detail) => {
                assert!(!editable, "{revision}");
                assert!(detail.contains("超出了可能的范围"), "{detail}");
            }
            RecordRead::ReadOnly(_) => panic!("{revision}"),
        }
    }
}

#[test]
fn a_record_another_tab_rewrote_is_never_taken_for_this_tabs_own_save() {
    let shared = shared();
    let mut tab_a = DraftStore::new(Rc::clone(&shared));
    let mut tab_b = DraftStore::new(Rc::clone(&shared));
    let mut in_a = tab_a.create(id("y"), at(0)).unwrap();
    in_a.declaration.summary = "A".into();
    tab_a.save(&mut in_a, at(1)).unwrap();
    // Saves in a row from one tab: each finds its own last record.
    for n in 2..6 {
        in_a.declaration.summary.push('字');
        assert_eq!(tab_a.save(&mut in_a, at(n)).unwrap().revision, n as u64 + 1);
    }
    // Another tab writes the same revision number with other content: still a conflict.
    let mut in_b = editable(tab_b.open(&id("y")).unwrap());
    in_b.declaration.summary = "B".into();
    tab_b.save(&mut in_b, at(10)).unwrap();
    in_a.declaration.summary = "A 又改了".into();
    assert!(matches!(
        tab_a.save(&mut in_a, at(11)),
        Err(DraftError::Conflict { .. })
    ));
    // And a record deleted meanwhile is still noticed.
    let mut tab_c = DraftStore::new(Rc::clone(&shared));
    let mut in_c = editable(tab_c.open(&id("y")).unwrap());
    in_c.declaration.summary.push('丙');
    tab_c.save(&mut in_c, at(12)).unwrap();
    shared.borrow_mut().remove("meizhen:draft:y").unwrap();
    assert!(matches!(
        tab_c.save(&mut in_c, at(13)),
        Err(DraftError::DeletedElsewhere { .. })
    ));
}

/// Two tabs' writes crossed (Chromium's localStorage cache let tab B read revision 1 after
/// tab A had saved revision 2): both saved revision 2. Tab A must not take B's save for its
/// own, neither on the `storage` event nor on its next save.
#[test]
fn the_same_revision_with_another_save_id_is_a_change_made_elsewhere() {
    let key = "meizhen:draft:x";
    type Row = (&'static str, &'static str, &'static str, bool);
    // (case, A's name, B's name, whether A must see a change)
    let table: Vec<Row> = vec![
        ("different content", "A 的名称", "B 的名称", true),
        ("one character apart", "富春江美镇圈", "富春江美镇圏", true),
        (
            "identical saves lose nothing",
            "同一名称",
            "同一名称",
            false,
        ),
    ];
    for (case, a_name, b_name, changed) in table {
        let shared = shared();
        let mut tab_a = DraftStore::new(Rc::clone(&shared));
        let mut tab_b = DraftStore::new(Rc::clone(&shared));
        let mut in_a = tab_a.create(id("x"), at(0)).unwrap();
        let mut in_b = tab_b.open_editable(&id("x")).unwrap();
        let revision_1 = shared.borrow().raw(key).unwrap().to_string();

        in_a.declaration.cluster_name = a_name.into();
        tab_a.save(&mut in_a, at(1)).unwrap();
        // B's read was stale: it saw revision 1 and saved over A's revision 2.
        shared.borrow_mut().insert_raw(key, &revision_1);
        in_b.declaration.cluster_name = b_name.into();
        tab_b.save(&mut in_b, at(1)).unwrap();
        assert_eq!((in_a.revision(), in_b.revision()), (2, 2), "{case}");
        let theirs = shared.borrow().raw(key).unwrap().to_string();

        let event = on_external_change(Some(&in_a), Some(key), Some(&theirs));
        if changed {
            assert_ne!(in_a.save_id(), in_b.save_id(), "{case}");
            assert!(
                matches!(event, ExternalChange::OpenDraftChangedElsewhere { .. }),
                "{case}: {event:?}"
            );
            in_a.declaration.summary = "A 接着改".into();
            let error = tab_a.save(&mut in_a, at(2)).unwrap_err();
            assert!(
                matches!(error, DraftError::Conflict { .. }),
                "{case}: {error:?}"
            );
            assert_eq!(
                shared.borrow().raw(key).unwrap(),
                theirs,
                "{case}: nothing written"
            );
        } else {
            assert_eq!(event, ExternalChange::Ignore, "{case}");
            assert_eq!(in_a.save_id(), in_b.save_id(), "{case}");
        }
    }
}

#[test]
fn save_ids_change_with_every_save_and_bad_ones_make_a_record_unreadable() {
    let mut store = memory();
    let mut draft = store.create(id("x"), at(0)).unwrap();
    assert_eq!(draft.save_id(), None);
    let mut seen = Vec::new();
    for n in 1..=5 {
        draft.declaration.summary = format!("第 {n} 次");
        store.save(&mut draft, at(n)).unwrap();
        let save_id = draft.save_id().unwrap().to_string();
        assert_eq!(save_id.len(), 16);
        assert!(!seen.contains(&save_id));
        seen.push(save_id);
    }
    let raw = raw(&store, "meizhen:draft:x").unwrap();
    assert!(raw.contains(&format!("\"saveId\":\"{}\"", seen[4])));
    let good = draft.save_id().unwrap().to_string();
    for bad in [
        "",
        "XYZ",
        "0123456789abcdeF",
        "0123456789abcdef0",
        "0123456789abcde",
    ] {
        let hostile = raw.replace(&good, bad);
        assert!(
            matches!(read_record(&hostile, None), RecordRead::Corrupt(_)),
            "{bad:?}"
        );
    }
}
