//! Tests of `model::backup`.

//! Export, parse, plan and apply: round trips, every reason a file is refused, and
//! conflicts that are never resolved without the user's choice.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Duration;

use super::export::*;
use super::import::*;
use super::*;
use crate::model::drafts::store::DraftStore;
use crate::model::drafts::{draft_key, DraftError, MAX_REVISION};
use crate::model::sample;
use crate::model::storage::memory::MemoryStore;
use crate::model::storage::StoreError;

const V1: &str = include_str!("../../../tests/fixtures/drafts/v1.json");
const V2_NEWER: &str = include_str!("../../../tests/fixtures/drafts/v2-newer.json");
const BACKUP_V1: &str = include_str!("../../../tests/fixtures/drafts/backup-v1.json");

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-05-01T08:00:00Z")
        .expect("test time")
        .with_timezone(&Utc)
        + Duration::minutes(minutes)
}

fn id(text: &str) -> DraftId {
    DraftId::parse(text).expect("test id")
}

fn memory() -> DraftStore<MemoryStore> {
    DraftStore::new(MemoryStore::new())
}

/// Three drafts: complete and renamed, empty, half-filled.
fn three_drafts() -> DraftStore<MemoryStore> {
    let mut store = memory();
    let mut a = store.create(id("a"), at(0)).unwrap();
    a.declaration = sample::complete();
    a.set_name("定稿");
    store.save(&mut a, at(1)).unwrap();
    store.create(id("b"), at(2)).unwrap();
    let mut c = store.create(id("c"), at(3)).unwrap();
    c.declaration.cluster_name = "建德美镇带".into();
    c.declaration.summary = "第一段。\n第二段。".into();
    store.save(&mut c, at(4)).unwrap();
    store
}

fn choices(pairs: &[(&str, ImportChoice)]) -> BTreeMap<DraftId, ImportChoice> {
    pairs
        .iter()
        .map(|(key, choice)| (id(key), choice.clone()))
        .collect()
}

#[test]
fn backup_clear_restore_gives_back_identical_drafts() {
    let mut store = three_drafts();
    let before = store.store().snapshot();
    let export = export_drafts(&store, None, at(10)).unwrap();
    assert_eq!(export.count, 3);
    assert_eq!(export.skipped, vec![]);
    assert_eq!(export.file_name, "美镇申报草稿备份-20240501-1610.json");
    assert!(export.message().contains("已导出 3 份草稿"));

    store.store_mut().clear();
    let backup = parse_backup(export.json.as_bytes()).unwrap();
    assert_eq!(backup.exported_at, at(10));
    let report = store.load_all(at(11)).unwrap();
    let plan = plan_import(&report, backup);
    assert_eq!(plan.new.len(), 3);
    assert!(!plan.needs_choices());
    let done = apply_import(&mut store, &plan, &BTreeMap::new(), at(12)).unwrap();
    assert_eq!(done.imported.len(), 3);
    assert!(done.message().starts_with("已导入 3 份新草稿"));
    assert_eq!(store.store().snapshot(), before, "byte for byte");

    // Importing the same file again changes nothing and asks nothing.
    let report = store.load_all(at(13)).unwrap();
    let plan = plan_import(&report, parse_backup(export.json.as_bytes()).unwrap());
    assert_eq!(plan.identical.len(), 3);
    assert_eq!(plan.new, vec![]);
    assert!(!plan.needs_choices());
    let done = apply_import(&mut store, &plan, &BTreeMap::new(), at(14)).unwrap();
    assert_eq!(done.kept.len(), 3);
    assert_eq!(store.store().snapshot(), before);
}

#[test]
fn the_backup_file_is_pretty_json_of_the_stored_records() {
    let store = three_drafts();
    let export = export_drafts(&store, Some(&[id("c"), id("a")]), at(10)).unwrap();
    assert!(
        export
            .json
            .starts_with("{\n  \"format\": \"hz-meizhen-drafts-backup\",\n  \"version\": 1,"),
        "{}",
        export.json
    );
    let value: Value = serde_json::from_str(&export.json).unwrap();
    assert_eq!(value["exportedAt"], "2024-05-01T08:10:00Z");
    let ids: Vec<&str> = value["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c", "a"], "in the order asked for");
    let stored: Value =
        serde_json::from_str(store.store().raw("meizhen:draft:a").unwrap()).unwrap();
    assert_eq!(value["drafts"][1], stored);

    assert_eq!(
        export_drafts(&store, Some(&[id("zzz")]), at(10)),
        Err(ExportError::NotFound { id: id("zzz") })
    );
}

#[test]
fn newer_drafts_are_left_out_of_an_export_and_said_so() {
    let mut store = three_drafts();
    store
        .store_mut()
        .insert_raw("meizhen:draft:from-the-future", V2_NEWER);
    let export = export_drafts(&store, None, at(10)).unwrap();
    assert_eq!(export.count, 3);
    assert_eq!(export.skipped.len(), 1);
    assert!(
        export
            .message()
            .contains("1 份由较新版本保存的草稿（新版本保存的草稿）"),
        "{}",
        export.message()
    );
    let one = export_drafts(&store, Some(&[id("from-the-future")]), at(10)).unwrap();
    assert_eq!(one.count, 0);
    assert_eq!(one.skipped.len(), 1);
}

#[test]
fn the_fixture_backup_parses() {
    let backup = parse_backup(BACKUP_V1.as_bytes()).unwrap();
    assert_eq!(backup.drafts.len(), 2);
    assert_eq!(backup.drafts[0].id().as_str(), "k7Qx2-fc_01");
    assert_eq!(backup.drafts[0].revision(), 3);
    assert_eq!(backup.drafts[1].display_name(), "未命名草稿");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), BACKUP_V1.as_bytes()].concat();
    assert_eq!(parse_backup(&with_bom), Ok(backup));
}

/// The fixture backup with one change made to its JSON.
fn edited(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(BACKUP_V1).unwrap();
    change(&mut value);
    value.to_string().into_bytes()
}

/// The fixture backup with `extra` written just before the first `before`: a duplicate key.
fn with_duplicate(before: &str, extra: &str) -> Vec<u8> {
    let text: String = serde_json::from_str::<Value>(BACKUP_V1)
        .unwrap()
        .to_string();
    let at = text.find(before).expect("key in the fixture");
    format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes()
}

#[test]
fn a_revision_at_the_cap_is_accepted() {
    let backup = parse_backup(&edited(|v| {
        v["drafts"][0]["revision"] = MAX_REVISION.into()
    }))
    .unwrap();
    assert_eq!(backup.drafts[0].revision(), MAX_REVISION);
}

#[test]
fn every_bad_file_is_refused_with_its_reason() {
    let too_large = vec![b' '; MAX_BACKUP_BYTES + 1];
    let table: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("over 5 MiB", too_large, "文件过大", "5.0 MB"),
        ("empty", vec![], "不是有效的 JSON", "文件是空的"),
        ("blank", b"  \n".to_vec(), "不是有效的 JSON", "文件是空的"),
        (
            "not UTF-8",
            vec![0xff, 0xfe, 0x00],
            "不是有效的 JSON",
            "文字编码不对",
        ),
        (
            "cut short",
            b"{\"format\":".to_vec(),
            "不是有效的 JSON",
            "第 1 行",
        ),
        (
            "a Word file",
            b"PK\x03\x04".to_vec(),
            "不是有效的 JSON",
            "第 1 行",
        ),
        ("an array", b"[]".to_vec(), "不是草稿备份文件", "格式"),
        ("a number", b"42".to_vec(), "不是草稿备份文件", "格式"),
        (
            "another format",
            br#"{"format":"hz-meizhen-signing-key-backup","version":1}"#.to_vec(),
            "不是草稿备份文件",
            "不是美镇申报的草稿备份",
        ),
        (
            "format not a string",
            br#"{"format":1}"#.to_vec(),
            "不是草稿备份文件",
            "不是美镇申报的草稿备份",
        ),
        (
            "a stored record",
            V1.as_bytes().to_vec(),
            "不是草稿备份文件",
            "单份草稿",
        ),
        (
            "a declaration",
            br#"{"clusterName":"x"}"#.to_vec(),
            "不是草稿备份文件",
            "申报表内容",
        ),
        (
            "no format",
            br#"{"version":1,"drafts":[]}"#.to_vec(),
            "不是草稿备份文件",
            "草稿备份的标记",
        ),
        (
            "newer file",
            edited(|v| v["version"] = 2.into()),
            "版本过新",
            "备份格式第 2 版",
        ),
        (
            "newer draft",
            edited(|v| v["drafts"][1]["schema"] = 3.into()),
            "版本过新",
            "第 2 份草稿",
        ),
        (
            "no version",
            edited(|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            "内容格式错误",
            "备份格式的版本",
        ),
        (
            "version as text",
            edited(|v| v["version"] = "1".into()),
            "内容格式错误",
            "备份格式的版本",
        ),
        (
            "version 0",
            edited(|v| v["version"] = 0.into()),
            "内容格式错误",
            "备份格式的版本",
        ),
        (
            "no export time",
            edited(|v| {
                v.as_object_mut().unwrap().remove("exportedAt");
            }),
            "内容格式错误",
            "导出时间缺失或无效",
        ),
        (
            "bad export time",
            edited(|v| v["exportedAt"] = "yesterday".into()),
            "内容格式错误",
            "导出时间缺失或无效",
        ),
        (
            "no drafts",
            edited(|v| {
                v.as_object_mut().unwrap().remove("drafts");
            }),
            "内容格式错误",
            "缺少草稿列表",
        ),
        (
            "drafts not a list",
            edited(|v| v["drafts"] = serde_json::json!({})),
            "内容格式错误",
            "缺少草稿列表",
        ),
        (
            "draft without declaration",
            edited(|v| {
                v["drafts"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("declaration");
            }),
            "内容格式错误",
            "第 2 份草稿",
        ),
        (
            "draft not an object",
            edited(|v| v["drafts"][0] = "draft".into()),
            "内容格式错误",
            "第 1 份草稿：不是草稿记录",
        ),
        (
            "draft with a bad id",
            edited(|v| v["drafts"][0]["id"] = "a:b".into()),
            "内容格式错误",
            "第 1 份草稿",
        ),
        (
            "draft with a bad schema",
            edited(|v| v["drafts"][0]["schema"] = (-1).into()),
            "内容格式错误",
            "数据格式版本无效",
        ),
        (
            "v0 draft without an id",
            edited(|v| {
                let record = v["drafts"][0].as_object_mut().unwrap();
                record.remove("schema");
            }),
            "内容格式错误",
            "第 1 份草稿",
        ),
        (
            "two drafts with one id",
            edited(|v| v["drafts"][1]["id"] = "k7Qx2-fc_01".into()),
            "内容格式错误",
            "第 1 份与第 2 份草稿的编号相同",
        ),
        (
            "a hand-edited field",
            edited(|v| v["drafts"][0]["declaration"]["scope"] = "everywhere".into()),
            "内容格式错误",
            "第 1 份草稿",
        ),
        (
            "a revision of 2^64 - 1",
            edited(|v| v["drafts"][0]["revision"] = u64::MAX.into()),
            "内容格式错误",
            "第 1 份草稿：保存次数为 18446744073709551615，超出了可能的范围",
        ),
        (
            "a revision just above the cap",
            edited(|v| v["drafts"][1]["revision"] = (MAX_REVISION + 1).into()),
            "内容格式错误",
            "第 2 份草稿：保存次数",
        ),
        (
            "the drafts list twice (serde_json alone keeps the last)",
            with_duplicate(r#""drafts":"#, r#""drafts":[],"#),
            "内容格式错误",
            "同一项内容在文件中出现了两次",
        ),
        (
            "a key twice inside a draft's declaration",
            with_duplicate(r#""clusterName":"#, r#""clusterName":"伪造","#),
            "内容格式错误",
            "同一项内容在文件中出现了两次",
        ),
    ];
    for (case, bytes, title, detail) in table {
        let mut store = three_drafts();
        let before = store.store().snapshot();
        let error = match parse_backup(&bytes) {
            Ok(backup) => panic!("{case}: accepted {backup:?}"),
            Err(error) => error,
        };
        assert_eq!(error.title(), title, "{case}: {error:?}");
        let message = error.message();
        assert!(
            message.starts_with(&format!("{title}：")),
            "{case}: {message}"
        );
        assert!(message.contains(detail), "{case}: {message}");
        // A refused file leaves every stored draft as it was.
        let _ = store.load_all(at(20)).unwrap();
        assert_eq!(store.store().snapshot(), before, "{case}");
    }
}

/// Store: a (changed since the backup), b (as in the backup), the newer draft;
/// backup: a (older), b, c (new), and the newer draft's id with v1 content.
fn conflicting() -> (DraftStore<MemoryStore>, ImportPlan) {
    let mut store = three_drafts();
    store.delete(&id("c")).unwrap();
    let mut backed_up = Vec::new();
    for key in ["a", "b"] {
        backed_up.push(store.open_editable(&id(key)).unwrap());
    }
    let mut c = Draft::new(id("c"), at(5));
    c.declaration.cluster_name = "新来的".into();
    c.set_revision(4);
    backed_up.push(c);
    let mut impostor = Draft::new(id("from-the-future"), at(5));
    impostor.set_revision(1);
    backed_up.push(impostor);
    let file = backup_json(&backed_up, at(6)).unwrap();

    let mut a = store.open_editable(&id("a")).unwrap();
    a.declaration.summary = "备份之后又改了".into();
    store.save(&mut a, at(7)).unwrap();
    store
        .store_mut()
        .insert_raw("meizhen:draft:from-the-future", V2_NEWER);

    let report = store.load_all(at(8)).unwrap();
    let plan = plan_import(&report, parse_backup(file.as_bytes()).unwrap());
    (store, plan)
}

#[test]
fn the_plan_sorts_new_identical_and_conflicting_drafts() {
    let (_, plan) = conflicting();
    let new: Vec<&str> = plan.new.iter().map(|d| d.id().as_str()).collect();
    assert_eq!(new, ["c"]);
    assert_eq!(plan.identical, vec![id("b")]);
    assert_eq!(plan.conflicts.len(), 2);
    let a = &plan.conflicts[0];
    assert_eq!(a.existing.id, id("a"));
    assert_eq!(a.existing.name, "定稿");
    assert_eq!(a.existing.revision, Some(3));
    assert_eq!(a.existing.modified_at, Some(at(7)));
    assert!(!a.existing.read_only);
    assert_eq!(a.incoming.revision(), 2);
    assert_eq!(a.incoming.declaration.summary, sample::complete().summary);
    let future = &plan.conflicts[1];
    assert!(future.existing.read_only);
    assert_eq!(future.existing.revision, None);
    assert_eq!(future.existing.name, "新版本保存的草稿");
    assert!(plan.needs_choices());
}

#[test]
fn conflicts_are_never_resolved_without_a_valid_choice() {
    let (mut store, plan) = conflicting();
    let before = store.store().snapshot();
    let copy = |new_id: &str| ImportChoice::ImportAsCopy { new_id: id(new_id) };
    let table: Vec<(&str, BTreeMap<DraftId, ImportChoice>, ImportError)> = vec![
        (
            "no choices",
            choices(&[]),
            ImportError::MissingChoice { id: id("a") },
        ),
        (
            "one missing",
            choices(&[("a", ImportChoice::KeepExisting)]),
            ImportError::MissingChoice {
                id: id("from-the-future"),
            },
        ),
        (
            "choices for other ids do not count",
            choices(&[("b", ImportChoice::ReplaceExisting)]),
            ImportError::MissingChoice { id: id("a") },
        ),
        (
            "replace a newer draft",
            choices(&[
                ("a", ImportChoice::KeepExisting),
                ("from-the-future", ImportChoice::ReplaceExisting),
            ]),
            ImportError::ReplaceReadOnly {
                id: id("from-the-future"),
            },
        ),
        (
            "copy onto a stored id",
            choices(&[("a", copy("b")), ("from-the-future", copy("x1"))]),
            ImportError::CopyIdTaken { id: id("b") },
        ),
        (
            "copy onto an incoming id",
            choices(&[("a", copy("c")), ("from-the-future", copy("x1"))]),
            ImportError::CopyIdTaken { id: id("c") },
        ),
        (
            "one copy id twice",
            choices(&[("a", copy("x1")), ("from-the-future", copy("x1"))]),
            ImportError::CopyIdTaken { id: id("x1") },
        ),
    ];
    for (case, choices, expected) in table {
        let error = apply_import(&mut store, &plan, &choices, at(9)).unwrap_err();
        assert_eq!(error, expected, "{case}");
        assert!(error.message().contains("未导入任何内容"), "{case}");
        assert_eq!(store.store().snapshot(), before, "{case}: nothing written");
    }
}

#[test]
fn keep_and_copy_leave_the_stored_drafts_alone() {
    let (mut store, plan) = conflicting();
    let a_before = store.store().raw("meizhen:draft:a").map(str::to_string);
    let done = apply_import(
        &mut store,
        &plan,
        &choices(&[
            (
                "a",
                ImportChoice::ImportAsCopy {
                    new_id: id("a-copy"),
                },
            ),
            ("from-the-future", ImportChoice::KeepExisting),
        ]),
        at(9),
    )
    .unwrap();
    assert_eq!(done.imported, vec![id("c")]);
    assert_eq!(done.copied, vec![(id("a"), id("a-copy"))]);
    assert_eq!(done.kept, vec![id("b"), id("from-the-future")]);
    assert_eq!(done.replaced, vec![]);
    assert_eq!(
        done.message(),
        "已导入 1 份新草稿，另存为副本 1 份，保留原有 2 份。"
    );
    assert_eq!(
        store.store().raw("meizhen:draft:a").map(str::to_string),
        a_before
    );
    assert_eq!(
        store.store().raw("meizhen:draft:from-the-future"),
        Some(V2_NEWER)
    );
    let copy = store.open_editable(&id("a-copy")).unwrap();
    assert_eq!(copy.display_name(), "定稿（副本）");
    assert_eq!(copy.declaration, sample::complete());
    assert_eq!(copy.revision(), 1);
    let c = store.open_editable(&id("c")).unwrap();
    assert_eq!(c.declaration.cluster_name, "新来的");
    assert_eq!(c.revision(), 4, "a new draft keeps its revision");
}

#[test]
fn replace_moves_the_revision_on_so_open_tabs_notice() {
    let (store, plan) = conflicting();
    let shared = Rc::new(RefCell::new(store.into_inner()));
    let mut importer = DraftStore::new(Rc::clone(&shared));
    let mut other_tab = DraftStore::new(Rc::clone(&shared));
    let mut open_elsewhere = other_tab.open_editable(&id("a")).unwrap();

    let done = apply_import(
        &mut importer,
        &plan,
        &choices(&[
            ("a", ImportChoice::ReplaceExisting),
            (
                "from-the-future",
                ImportChoice::ImportAsCopy {
                    new_id: id("f-copy"),
                },
            ),
        ]),
        at(9),
    )
    .unwrap();
    assert_eq!(done.replaced, vec![id("a")]);
    let a = importer.open_editable(&id("a")).unwrap();
    assert_eq!(a.declaration.summary, sample::complete().summary);
    assert_eq!(
        a.revision(),
        4,
        "above both the stored 3 and the incoming 2"
    );
    assert_eq!(
        importer
            .open_editable(&id("f-copy"))
            .unwrap()
            .display_name(),
        "未命名草稿（副本）"
    );
    assert_eq!(
        shared.borrow().raw("meizhen:draft:from-the-future"),
        Some(V2_NEWER)
    );

    open_elsewhere.declaration.summary = "另一个窗口".into();
    assert!(matches!(
        other_tab.save(&mut open_elsewhere, at(10)),
        Err(DraftError::Conflict { .. })
    ));
}

#[test]
fn a_draft_changed_after_planning_is_not_replaced() {
    let (mut store, plan) = conflicting();
    let mut a = store.open_editable(&id("a")).unwrap();
    a.declaration.summary = "计划之后又改".into();
    store.save(&mut a, at(9)).unwrap();
    store.create(id("c"), at(9)).unwrap();
    let c_before = store.store().raw("meizhen:draft:c").map(str::to_string);

    let done = apply_import(
        &mut store,
        &plan,
        &choices(&[
            ("a", ImportChoice::ReplaceExisting),
            ("from-the-future", ImportChoice::KeepExisting),
        ]),
        at(10),
    )
    .unwrap();
    assert_eq!(done.replaced, vec![]);
    assert_eq!(done.imported, vec![]);
    let skipped: Vec<&str> = done.skipped.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(skipped, ["c", "a"]);
    assert!(done.message().contains("未替换"), "{}", done.message());
    assert!(done.message().contains("未覆盖"), "{}", done.message());
    assert_eq!(
        store.open_editable(&id("a")).unwrap().declaration.summary,
        "计划之后又改"
    );
    assert_eq!(
        store.store().raw("meizhen:draft:c").map(str::to_string),
        c_before
    );
}

#[test]
fn a_full_store_mid_import_reports_what_was_done() {
    let mut source = three_drafts();
    let export = export_drafts(&source, None, at(10)).unwrap();
    source.store_mut().clear();
    let mut store = source;
    let report = store.load_all(at(11)).unwrap();
    let plan = plan_import(&report, parse_backup(export.json.as_bytes()).unwrap());
    let first = &plan.new[0];
    let room = draft_key(first.id()).len() + first.to_record_json().unwrap().len();
    store.store_mut().faults.quota_bytes = Some(room);
    let error = apply_import(&mut store, &plan, &BTreeMap::new(), at(12)).unwrap_err();
    let ImportError::Store { error: cause, done } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(cause, &StoreError::QuotaExceeded);
    assert_eq!(done.imported.len(), 1);
    assert!(
        error.message().contains("已导入 1 份新草稿"),
        "{}",
        error.message()
    );
}

#[test]
fn too_large_names_both_sizes() {
    let error = BackupError::TooLarge {
        bytes: 6 * 1024 * 1024,
        limit: MAX_BACKUP_BYTES,
    };
    assert!(
        error.message().contains("所选文件有 6.0 MB"),
        "{}",
        error.message()
    );
    assert!(
        error.message().contains("不会超过 5.0 MB"),
        "{}",
        error.message()
    );
}

#[test]
fn replacing_a_draft_whose_revision_is_at_the_cap_is_refused_not_done() {
    let mut store = three_drafts();
    let mut backed_up = store.open_editable(&id("a")).unwrap();
    backed_up.declaration.summary = "备份中的版本".into();
    let file = backup_json(&[backed_up], at(6)).unwrap();
    // The stored record's revision is at the cap.
    let raw = store.store().raw("meizhen:draft:a").unwrap().to_string();
    let mut value: Value = serde_json::from_str(&raw).unwrap();
    value["revision"] = MAX_REVISION.into();
    store
        .store_mut()
        .insert_raw("meizhen:draft:a", &value.to_string());
    let report = store.load_all(at(8)).unwrap();
    let plan = plan_import(&report, parse_backup(file.as_bytes()).unwrap());
    assert_eq!(plan.conflicts.len(), 1);
    let before = store.store().snapshot();
    let done = apply_import(
        &mut store,
        &plan,
        &choices(&[("a", ImportChoice::ReplaceExisting)]),
        at(9),
    )
    .unwrap();
    assert_eq!(done.replaced, Vec::<DraftId>::new());
    assert_eq!(done.skipped.len(), 1);
    assert!(
        done.skipped[0].reason.contains("保存次数已达上限"),
        "{:?}",
        done.skipped
    );
    assert_eq!(store.store().snapshot(), before, "nothing written");
}

/// A backup claiming 2⁵³ − 1 saves made a draft whose every edit was a false "another window"
/// conflict. A new draft with an implausible revision is renumbered; a plausible one is kept.
#[test]
fn an_imported_draft_at_an_implausible_revision_is_renumbered_and_can_be_saved() {
    for (claimed, stored) in [
        (MAX_REVISION, 1),
        (MAX_REVISION - 1, 1),
        (MAX_PLAUSIBLE_REVISION + 1, 1),
        (MAX_PLAUSIBLE_REVISION, MAX_PLAUSIBLE_REVISION),
        (7, 7),
    ] {
        let backup =
            parse_backup(&edited(|v| v["drafts"][0]["revision"] = claimed.into())).unwrap();
        let first = backup.drafts[0].id().clone();
        let mut store = memory();
        let report = store.load_all(at(1)).unwrap();
        let plan = plan_import(&report, backup);
        apply_import(&mut store, &plan, &BTreeMap::new(), at(2)).unwrap();
        let mut draft = store.open_editable(&first).unwrap();
        assert_eq!(draft.revision(), stored, "{claimed}");
        draft.declaration.summary = "导入后修改".into();
        let saved = store.save(&mut draft, at(3));
        assert!(saved.is_ok(), "{claimed}: {saved:?}");
    }
}
