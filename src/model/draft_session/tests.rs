//! Tests of one tab's draft session: scripted events against a shared in-memory store (the
//! other tab writes to it too) with injected faults, checking the status line, conflicts,
//! notices, what the form holds and what is stored.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::*;
use crate::model::drafts::{draft_key, missing_in};
use crate::model::sample;
use crate::model::storage::memory::{Faults, MemoryStore};
use crate::model::validate::validate;

type Shared = Rc<RefCell<MemoryStore>>;

/// 2024-05-01 08:00 UTC plus `seconds`.
fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-05-01T08:00:00Z")
        .expect("test time")
        .with_timezone(&Utc)
        + Duration::seconds(seconds)
}

/// A tab: its session, what its form holds, its clock, and the downloads it was asked for.
struct Tab {
    session: Session<Shared>,
    form: Declaration,
    clock: Rc<Cell<DateTime<Utc>>>,
    downloads: Vec<(String, String)>,
    /// What the page's download call returns.
    download_fails: bool,
}

impl Tab {
    /// Opens a tab on `store`; ids are `<prefix>1`, `<prefix>2`…
    fn open(store: Result<Shared, StoreError>, prefix: &'static str) -> Tab {
        let clock = Rc::new(Cell::new(at(0)));
        let now = Rc::clone(&clock);
        let mut next = 0;
        let session = Session::start(
            store,
            move || now.get(),
            move || {
                next += 1;
                DraftId::parse(&format!("{prefix}{next}")).expect("test id")
            },
        );
        let mut tab = Tab {
            session,
            form: Declaration::default(),
            clock,
            downloads: Vec::new(),
            download_fails: false,
        };
        tab.perform();
        tab
    }

    /// Does what the page does with the effects.
    fn perform(&mut self) {
        for effect in self.session.take_effects() {
            match effect {
                Effect::Load(declaration) => self.form = *declaration,
                Effect::Download {
                    name,
                    content,
                    done,
                    ..
                } => {
                    let result = if self.download_fails {
                        Err("NotAllowedError".to_string())
                    } else {
                        self.downloads.push((name, content));
                        Ok(())
                    };
                    self.session.downloaded(done, result);
                }
            }
        }
    }

    /// Runs an event with the form as it is, then performs its effects.
    fn with_form(&mut self, event: impl FnOnce(&mut Session<Shared>, Form)) {
        let missing = missing_in(&validate(&self.form));
        let form = Form {
            declaration: &self.form,
            missing,
        };
        event(&mut self.session, form);
        self.perform();
    }

    /// The user types a cluster name; the page asks for a frame if the session wants one.
    fn type_name(&mut self, name: &str) {
        self.form.cluster_name = name.to_string();
        if self.session.is_dirty(&self.form) {
            self.session.edited();
        }
    }

    /// The frame the page asked for comes.
    fn frame(&mut self) {
        if self.session.save_pending() {
            self.with_form(|s, form| s.save_now(form));
        }
    }

    fn tick(&self, seconds: i64) {
        self.clock
            .set(self.clock.get() + Duration::seconds(seconds));
    }

    fn open_id(&self) -> DraftId {
        self.session.open().id().clone()
    }

    fn notice(&self) -> String {
        self.session
            .view()
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }
}

fn shared() -> Shared {
    Rc::new(RefCell::new(MemoryStore::new()))
}

/// The cluster name stored for a draft, if it is stored.
fn stored_name(store: &Shared, id: &DraftId) -> Option<String> {
    let raw = store.borrow().raw(&draft_key(id))?.to_string();
    let value: Value = serde_json::from_str(&raw).expect("stored JSON");
    Some(value["declaration"]["clusterName"].as_str()?.to_string())
}

/// The storage event another tab's write to `key` fires here.
fn event(store: &Shared, key: &str) -> (Option<String>, Option<String>) {
    (
        Some(key.to_string()),
        store.borrow().raw(key).map(str::to_string),
    )
}

fn deliver(tab: &mut Tab, key: Option<String>, value: Option<String>) {
    tab.with_form(|s, form| s.external_change(form, key.as_deref(), value.as_deref()));
}

/// One step of a script, for tab A (tab B shares the store and opens A's draft).
#[derive(Clone, Copy, Debug)]
enum Step {
    Type(&'static str),
    Frame,
    Flush,
    /// Tab B saves this name into the open draft; A gets the storage event.
    TheyType(&'static str),
    /// Tab B deletes the open draft; A gets the event.
    TheyDelete,
    /// The site's data is cleared; A gets the event with a null key.
    Cleared,
    /// A newer version of the page saves the open draft; A gets the event.
    NewerSaves,
    TakeTheirs,
    KeepMine,
    KeepMineAsCopy,
    Quota(usize),
    SetsFail,
    Heal,
    Tick(i64),
}

/// What the page shows after a script, and what is stored.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    status: String,
    conflict: Option<&'static str>,
    notice: String,
    form: String,
    /// What is stored for the open draft.
    stored: Option<String>,
    /// Drafts in the list.
    listed: usize,
    quota_full: bool,
}

fn run(steps: &[Step]) -> Seen {
    let store = shared();
    let mut a = Tab::open(Ok(Rc::clone(&store)), "a");
    let mut b: Option<Tab> = None;
    for step in steps {
        match *step {
            Step::Type(name) => a.type_name(name),
            Step::Frame => a.frame(),
            Step::Flush => a.with_form(|s, form| s.flush(form)),
            Step::TheyType(name) => {
                let id = a.open_id();
                let tab = b.get_or_insert_with(|| Tab::open(Ok(Rc::clone(&store)), "b"));
                tab.with_form(|s, form| s.open_draft(form, &id));
                tab.tick(30);
                tab.type_name(name);
                tab.frame();
                let (key, value) = event(&store, &draft_key(&id));
                deliver(&mut a, key, value);
            }
            Step::TheyDelete => {
                let id = a.open_id();
                store.borrow_mut().remove(&draft_key(&id)).expect("remove");
                deliver(&mut a, Some(draft_key(&id)), None);
            }
            Step::Cleared => {
                store.borrow_mut().clear();
                deliver(&mut a, None, None);
            }
            Step::NewerSaves => {
                let key = draft_key(&a.open_id());
                let raw = store.borrow().raw(&key).expect("stored").to_string();
                let mut value: Value = serde_json::from_str(&raw).expect("JSON");
                value["schema"] = 2.into();
                value["revision"] = 99.into();
                store.borrow_mut().insert_raw(&key, &value.to_string());
                let (key, value) = event(&store, &key);
                deliver(&mut a, key, value);
            }
            Step::TakeTheirs => {
                a.session.take_theirs();
                a.perform();
            }
            Step::KeepMine => a.with_form(|s, form| s.keep_mine(form)),
            Step::KeepMineAsCopy => a.with_form(|s, form| s.keep_mine_as_copy(form)),
            Step::Quota(bytes) => {
                let used = store.borrow().size_bytes();
                store.borrow_mut().faults.quota_bytes = Some(used + bytes);
            }
            Step::SetsFail => {
                store.borrow_mut().faults.sets = Some(StoreError::Other("broken".into()))
            }
            Step::Heal => store.borrow_mut().faults = Faults::default(),
            Step::Tick(seconds) => a.tick(seconds),
        }
    }
    Seen {
        status: a.session.view().status.text(),
        conflict: a.session.view().conflict.as_ref().map(|c| match c {
            Conflict::ChangedElsewhere { .. } => "changed",
            Conflict::Gone { .. } => "gone",
            Conflict::Newer { .. } => "newer",
        }),
        notice: a.notice(),
        form: a.form.cluster_name.clone(),
        stored: stored_name(&store, &a.open_id()),
        listed: a.session.view().drafts.len(),
        quota_full: a.session.view().quota_full,
    }
}

fn seen(
    status: &str,
    conflict: Option<&'static str>,
    notice: &str,
    form: &str,
    stored: Option<&str>,
    listed: usize,
) -> Seen {
    Seen {
        status: status.into(),
        conflict,
        notice: notice.into(),
        form: form.into(),
        stored: stored.map(str::to_string),
        listed,
        quota_full: false,
    }
}

const CHANGED: &str = "未能保存：此草稿已在另一个窗口中修改，自动保存已暂停";
const GONE: &str = "未能保存：此草稿已不在浏览器的存储中，自动保存已暂停";
const NEWER: &str = "未能保存：此草稿已由较新版本的页面保存，本窗口不再保存";
const RELOADED: &str = "此草稿已在另一个窗口中更新，本窗口已载入最新内容。";

#[test]
fn scripted_events_give_the_status_conflict_notice_and_stored_draft() {
    use Step::*;
    let table: Vec<(&str, Vec<Step>, Seen)> =
        vec![
        (
            "a fresh tab shows nothing and stores nothing",
            vec![],
            seen("", None, "", "", None, 0),
        ),
        (
            "typing is saved at the next frame",
            vec![Type("甲"), Frame],
            seen("已自动保存 16:00:00", None, "", "甲", Some("甲"), 1),
        ),
        (
            "an edit waits for its frame",
            vec![Type("甲")],
            seen("", None, "", "甲", None, 0),
        ),
        (
            "leaving the page flushes the waiting edit",
            vec![Type("甲"), Flush],
            seen("已自动保存 16:00:00", None, "", "甲", Some("甲"), 1),
        ),
        (
            "the status line shows the time of the last save",
            vec![Type("甲"), Frame, Tick(5), Type("甲乙"), Frame],
            seen("已自动保存 16:00:05", None, "", "甲乙", Some("甲乙"), 1),
        ),
        (
            "another tab's save is loaded when nothing is unsaved here",
            vec![Type("甲"), Frame, TheyType("乙")],
            seen("", None, RELOADED, "乙", Some("乙"), 1),
        ),
        (
            "another tab's save with unsaved edits here is a conflict, and nothing is overwritten",
            vec![Type("甲"), Frame, Type("甲甲"), TheyType("乙"), Frame],
            seen(CHANGED, Some("changed"), "", "甲甲", Some("乙"), 1),
        ),
        (
            "taking theirs drops the edits here",
            vec![Type("甲"), Frame, Type("甲甲"), TheyType("乙"), TakeTheirs],
            seen("", None, "", "乙", Some("乙"), 1),
        ),
        (
            "keeping mine overwrites theirs",
            vec![Type("甲"), Frame, Type("甲甲"), TheyType("乙"), KeepMine],
            seen("已自动保存 16:00:00", None, "", "甲甲", Some("甲甲"), 1),
        ),
        (
            "keeping mine as a copy leaves theirs and opens the copy",
            vec![Type("甲"), Frame, Type("甲甲"), TheyType("乙"), KeepMineAsCopy],
            seen("已自动保存 16:00:00", None, "", "甲甲", Some("甲甲"), 2),
        ),
        (
            "a draft deleted elsewhere pauses autosave",
            vec![Type("甲"), Frame, TheyDelete, Type("甲甲"), Frame],
            seen(GONE, Some("gone"), "", "甲甲", None, 0),
        ),
        (
            "keeping mine after a delete stores it again",
            vec![Type("甲"), Frame, TheyDelete, KeepMine],
            seen("已自动保存 16:00:00", None, "", "甲", Some("甲"), 1),
        ),
        (
            "cleared storage pauses autosave",
            vec![Type("甲"), Frame, Cleared],
            seen(GONE, Some("gone"), "", "甲", None, 0),
        ),
        (
            "a newer version's save stops this tab from saving",
            vec![Type("甲"), Frame, NewerSaves, Type("甲甲"), Frame],
            seen(NEWER, Some("newer"), "", "甲甲", Some("甲"), 0),
        ),
        (
            "a full storage keeps the last saved version",
            vec![Type("甲"), Frame, Quota(0), Type("长长长"), Frame],
            Seen {
                quota_full: true,
                ..seen(
                    "未能保存：浏览器的存储空间已满",
                    None,
                    "",
                    "长长长",
                    Some("甲"),
                    1,
                )
            },
        ),
        (
            "the next save after space is freed clears the full mark",
            vec![Type("甲"), Frame, Quota(0), Type("长长长"), Frame, Heal, Type("长"), Frame],
            seen("已自动保存 16:00:00", None, "", "长", Some("长"), 1),
        ),
        (
            "a broken storage says so without technical words",
            vec![Type("甲"), Frame, SetsFail, Type("甲甲"), Frame],
            seen(
                "未能保存：保存或读取草稿时出错。请先“导出备份”，再刷新页面重试。",
                None,
                "",
                "甲甲",
                Some("甲"),
                1,
            ),
        ),
    ];
    for (name, steps, expected) in table {
        assert_eq!(run(&steps), expected, "{name}");
    }
}

#[test]
fn a_record_from_a_newer_version_is_never_overwritten() {
    // The "newer" row above checks what the tab shows; this checks it never overwrote it.
    let store = shared();
    let mut a = Tab::open(Ok(Rc::clone(&store)), "a");
    a.type_name("甲");
    a.frame();
    let key = draft_key(&a.open_id());
    let raw = store.borrow().raw(&key).expect("stored").to_string();
    let newer = raw.replacen("\"schema\":1", "\"schema\":2", 1);
    assert_ne!(raw, newer, "the record starts with its schema");
    store.borrow_mut().insert_raw(&key, &newer);
    deliver(&mut a, Some(key.clone()), Some(newer.clone()));
    a.type_name("甲甲");
    a.frame();
    a.with_form(|s, form| s.keep_mine(form));
    assert_eq!(store.borrow().raw(&key), Some(newer.as_str()));
}

#[test]
fn typing_writes_at_most_once_a_frame() {
    let store = shared();
    let mut a = Tab::open(Ok(Rc::clone(&store)), "a");
    let before = store.borrow().writes();
    for text in ["甲", "甲乙", "甲乙丙", "甲乙丙丁"] {
        a.type_name(text);
    }
    a.frame();
    a.frame();
    // The draft and, on its first save, the last-open mark.
    assert_eq!(store.borrow().writes() - before, 2);
    assert_eq!(
        stored_name(&store, &a.open_id()).as_deref(),
        Some("甲乙丙丁")
    );
    assert!(!a.session.save_pending());
}

#[test]
fn how_a_tab_starts_depends_on_what_is_stored() {
    let unavailable = Err(StoreError::Unavailable("SecurityError".into()));
    let tab = Tab::open(unavailable, "a");
    assert_eq!(tab.session.view().status, SaveStatus::MemoryOnly);
    assert!(tab.session.view().unavailable.is_some());

    // The last open draft is reopened; without one, the newest.
    let store = shared();
    let mut first = Tab::open(Ok(Rc::clone(&store)), "a");
    first.type_name("甲");
    first.frame();
    let first_id = first.open_id();
    first.tick(60);
    first.with_form(|s, form| s.new_draft(form));
    first.type_name("乙");
    first.frame();
    let second_id = first.open_id();
    first.with_form(|s, form| s.open_draft(form, &first_id));
    let reopened = Tab::open(Ok(Rc::clone(&store)), "b");
    assert_eq!(reopened.form.cluster_name, "甲");
    assert_eq!(reopened.session.view().drafts.len(), 2);
    store
        .borrow_mut()
        .insert_raw(crate::model::storage::STATE_KEY, r#"{"schema":1}"#);
    let newest = Tab::open(Ok(Rc::clone(&store)), "c");
    assert_eq!(newest.open_id(), second_id);

    // The last open draft now comes from a newer version: say so, and open another.
    let key = draft_key(&second_id);
    let raw = store.borrow().raw(&key).expect("stored").to_string();
    store
        .borrow_mut()
        .insert_raw(&key, &raw.replacen("\"schema\":1", "\"schema\":2", 1));
    store.borrow_mut().insert_raw(
        crate::model::storage::STATE_KEY,
        &format!(r#"{{"schema":1,"lastOpen":"{second_id}"}}"#),
    );
    let told = Tab::open(Ok(Rc::clone(&store)), "d");
    assert!(told.notice().contains("较新版本"), "{}", told.notice());
    assert_eq!(told.form.cluster_name, "甲");
    assert_eq!(told.session.view().read_only.len(), 1);
}

#[test]
fn without_storage_the_draft_lives_in_the_page_and_exports_from_memory() {
    let mut tab = Tab::open(Err(StoreError::Unavailable("blocked".into())), "a");
    tab.type_name("甲");
    assert!(!tab.session.save_pending(), "no frame is asked for");
    assert_eq!(tab.session.view().status, SaveStatus::MemoryOnly);
    tab.with_form(|s, form| s.export_backup(form, None));
    assert_eq!(tab.notice(), "已将当前草稿导出为备份文件。");
    let (name, json) = tab.downloads[0].clone();
    assert!(name.starts_with("美镇申报草稿备份-"), "{name}");
    assert!(json.contains("\"clusterName\": \"甲\""), "{json}");
    let restored = tab.with_form_result(|s, form| s.plan_restore(form, json.as_bytes()));
    assert_eq!(
        restored.err().as_deref(),
        Some("浏览器不允许本页面保存数据，无法恢复备份。")
    );
}

impl Tab {
    fn with_form_result<T>(&mut self, event: impl FnOnce(&mut Session<Shared>, Form) -> T) -> T {
        let missing = missing_in(&validate(&self.form));
        let form = Form {
            declaration: &self.form,
            missing,
        };
        let out = event(&mut self.session, form);
        self.perform();
        out
    }
}

#[test]
fn downloads_end_in_a_notice_either_way() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.type_name("甲");
    tab.with_form(|s, form| s.export_backup(form, None));
    assert!(
        tab.notice().starts_with("已导出 1 份草稿"),
        "{}",
        tab.notice()
    );
    tab.download_fails = true;
    tab.with_form(|s, form| s.export_backup(form, None));
    assert_eq!(tab.notice(), "浏览器未能保存文件（NotAllowedError）。");

    tab.download_fails = false;
    store
        .borrow_mut()
        .insert_raw("meizhen:recovery:draft:x:1714550400000", "损坏的内容");
    tab.session
        .download_recovery("meizhen:recovery:draft:x:1714550400000");
    tab.perform();
    assert_eq!(
        tab.downloads.last(),
        Some(&(
            "美镇申报-恢复内容-meizhen_recovery_draft_x_1714550400000.txt".to_string(),
            "损坏的内容".to_string()
        ))
    );
    tab.session.download_recovery("meizhen:recovery:gone:1");
    tab.perform();
    assert_eq!(tab.notice(), "该内容已不存在。");
}

#[test]
fn deleting_tells_undoes_and_opens_the_next_draft() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.type_name("甲");
    tab.frame();
    let first = tab.open_id();
    tab.tick(60);
    tab.with_form(|s, form| s.new_draft(form));
    tab.type_name("乙");
    tab.frame();
    let second = tab.open_id();

    tab.with_form(|s, form| s.delete(form, &second));
    assert_eq!(tab.notice(), "已删除草稿“乙”。");
    assert_eq!(tab.open_id(), first, "the next draft opens");
    assert_eq!(tab.form.cluster_name, "甲");
    let undo = tab
        .session
        .view()
        .notice
        .as_ref()
        .and_then(|n| n.undo.clone())
        .expect("an undo");
    tab.session.undo_delete(&undo);
    assert_eq!(tab.notice(), "已恢复草稿“乙”。");
    assert_eq!(tab.session.view().drafts.len(), 2);

    // The last one deleted: a new, unsaved draft opens.
    tab.with_form(|s, form| s.delete(form, &second));
    tab.with_form(|s, form| s.delete(form, &first));
    assert_eq!(tab.session.view().drafts.len(), 0);
    assert_eq!(tab.form, Declaration::default());
    assert_ne!(tab.open_id(), first);
    tab.session.dismiss_notice();
    assert_eq!(tab.session.view().notice, None);
}

#[test]
fn deleting_another_draft_retries_the_save_that_did_not_fit() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.type_name("甲");
    tab.frame();
    let old = tab.open_id();
    tab.with_form(|s, form| s.new_draft(form));
    let used = store.borrow().size_bytes();
    store.borrow_mut().faults.quota_bytes = Some(used + 10);
    tab.type_name(&"长".repeat(40));
    tab.frame();
    assert!(tab.session.view().quota_full);
    tab.with_form(|s, form| s.delete(form, &old));
    assert!(!tab.session.view().quota_full);
    assert_eq!(
        stored_name(&store, &tab.open_id()),
        Some("长".repeat(40)),
        "saved once space was freed"
    );
}

#[test]
fn renaming_the_open_draft_saves_it_with_its_edits() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.type_name("甲");
    tab.frame();
    tab.type_name("甲乙");
    let id = tab.open_id();
    tab.with_form(|s, form| s.rename(form, &id, "第二稿"));
    assert_eq!(tab.session.view().drafts[0].name, "第二稿");
    assert_eq!(stored_name(&store, &id).as_deref(), Some("甲乙"));
    assert!(!tab.session.is_dirty(&tab.form));

    tab.with_form(|s, form| s.duplicate(form, &id));
    assert_eq!(tab.notice(), "已复制为“第二稿（副本）”");
    let copy = tab
        .session
        .view()
        .drafts
        .iter()
        .find(|d| d.name == "第二稿（副本）")
        .map(|d| d.id.clone())
        .expect("the copy is listed");
    tab.with_form(|s, form| s.rename(form, &copy, "第三稿"));
    assert_eq!(tab.notice(), "已重命名");
    assert_eq!(tab.open_id(), id, "renaming another draft does not open it");
}

#[test]
fn a_declaration_from_a_signed_file_becomes_a_new_stored_draft() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.type_name("甲");
    let declaration = sample::complete();
    tab.with_form(|s, form| s.open_as_new_draft(form, declaration.clone()));
    assert_eq!(tab.form, declaration);
    assert_eq!(
        tab.session.view().drafts.len(),
        2,
        "the edit before was kept too"
    );
    assert!(tab.notice().contains("原签名不再适用"));
    // Counted on the new content, not on the form as it was.
    let missing = missing_in(&validate(&declaration));
    assert_ne!(missing, missing_in(&validate(&Declaration::default())));
    let open = tab.open_id();
    let listed = tab.session.view().drafts.iter().find(|d| d.id == open);
    assert_eq!(listed.map(|d| d.missing), Some(missing));
    assert_eq!(
        stored_name(&store, &tab.open_id()).as_deref(),
        Some(declaration.cluster_name.as_str())
    );
}

/// A Word file read back opens as a new stored draft, the draft before kept, and the notice
/// names the file and asks for a check.
#[test]
fn a_declaration_from_a_word_file_becomes_a_new_stored_draft() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.type_name("甲");
    let before = tab.open_id();
    let declaration = sample::complete();
    let report = crate::model::office::docx_read::ImportReport {
        notes: vec!["文件中带有宏，没有读取，也不会运行。".into()],
        ..Default::default()
    };
    let import = crate::model::office::docx_read::WordImport {
        declaration: declaration.clone(),
        report: report.clone(),
    };
    tab.with_form(|s, form| s.open_word_import(form, import, "富阳.docx"));
    assert_eq!(tab.form, declaration);
    let imported = tab.open_id();
    assert_ne!(imported, before);
    assert_eq!(tab.session.view().drafts.len(), 2);
    assert!(tab.notice().contains("已从 Word 文件“富阳.docx”创建新草稿"));
    assert_eq!(
        stored_name(&store, &imported).as_deref(),
        Some(declaration.cluster_name.as_str())
    );
    // The report shows while its draft is open, not over another draft, and goes when closed.
    let shown = tab.session.view().shown_import().cloned().unwrap();
    assert_eq!(
        (shown.file_name.as_str(), &shown.report),
        ("富阳.docx", &report)
    );
    tab.with_form(|s, form| s.open_draft(form, &before));
    assert_eq!(tab.session.view().shown_import(), None);
    tab.with_form(|s, form| s.open_draft(form, &imported));
    assert!(tab.session.view().shown_import().is_some());
    tab.session.dismiss_word_import();
    assert_eq!(tab.session.view().shown_import(), None);
}

#[test]
fn unreadable_entries_are_reported_and_can_be_dismissed() {
    let store = shared();
    store
        .borrow_mut()
        .insert_raw("meizhen:draft:bad", "not json");
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    assert_eq!(tab.session.view().recovered.len(), 1);
    assert_eq!(tab.session.view().recovery.len(), 1);
    let key = tab.session.view().recovery[0].key.clone();
    tab.session.discard_recovery(&key);
    assert_eq!(tab.session.view().recovered.len(), 0);
    assert_eq!(tab.session.view().recovery.len(), 0);

    store
        .borrow_mut()
        .insert_raw("meizhen:draft:bad2", "not json");
    let mut again = Tab::open(Ok(Rc::clone(&store)), "b");
    assert_eq!(again.session.view().recovered.len(), 1);
    again.session.dismiss_recovered();
    assert_eq!(again.session.view().recovered.len(), 0);
    assert_eq!(
        again.session.view().recovery.len(),
        1,
        "still in the recovery area"
    );
}

#[test]
fn the_view_changes_only_when_what_the_page_shows_does() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    let start = tab.session.view().clone();
    assert_eq!(start.open_id, tab.open_id().to_string());
    assert_eq!(start.status, SaveStatus::Idle);

    // Keystrokes before the frame change nothing the page shows.
    tab.type_name("甲");
    tab.type_name("甲乙");
    assert_eq!(*tab.session.view(), start);

    tab.frame();
    let saved = tab.session.view().clone();
    assert_eq!(saved.status, SaveStatus::Saved(at(0)));
    assert_eq!(saved.drafts.len(), 1);
    assert_eq!(
        (
            &saved.open_id,
            &saved.conflict,
            &saved.notice,
            saved.quota_full,
            &saved.signed
        ),
        (&start.open_id, &None, &None, false, &None),
        "a save neither opens another draft nor speaks"
    );

    // The status line shows seconds: a second save in the same second leaves it alone.
    tab.type_name("甲乙丙");
    tab.frame();
    assert_eq!(tab.session.view().status, saved.status);
    assert_ne!(tab.session.view().drafts, saved.drafts, "a new revision");
    tab.tick(1);
    tab.type_name("甲乙丙丁");
    tab.frame();
    assert_eq!(tab.session.view().status, SaveStatus::Saved(at(1)));

    // Another draft opened: its id, and the form is loaded.
    tab.with_form(|s, form| s.new_draft(form));
    assert_eq!(tab.session.view().open_id, tab.open_id().to_string());
    assert_ne!(tab.session.view().open_id, start.open_id);
    assert_eq!(tab.form, Declaration::default());
}

fn signed_copy_of(declaration: &Declaration) -> SignedCopy {
    use crate::model::paper::PaperBinding;
    SignedCopy {
        declaration: declaration.cleaned(),
        binding: PaperBinding {
            fingerprint: "ab".repeat(32),
            digest: "cd".repeat(32),
        },
    }
}

/// The signed copy is part of the session: kept with the open draft, back after a reload or
/// when the draft is opened again, gone with a deleted draft and back with its undo, and a
/// copy storage refuses is said, not dropped.
#[test]
fn the_signed_copy_follows_its_draft() {
    let store = shared();
    let mut tab = Tab::open(Ok(Rc::clone(&store)), "a");
    tab.form = sample::complete();
    tab.session.edited();
    tab.frame();
    let signed = tab.open_id();
    let copy = signed_copy_of(&tab.form);
    tab.session.keep_signed_copy(copy.clone());
    assert_eq!(tab.session.view().signed, Some(copy.clone()));
    assert_eq!(tab.session.view().notice, None);

    // Another draft has none; opening the signed one again brings its copy back.
    tab.with_form(|s, form| s.new_draft(form));
    assert_eq!(tab.session.view().signed, None);
    tab.with_form(|s, form| s.open_draft(form, &signed));
    assert_eq!(tab.session.view().signed, Some(copy.clone()));
    let reloaded = Tab::open(Ok(Rc::clone(&store)), "b");
    assert_eq!(reloaded.open_id(), signed);
    assert_eq!(reloaded.session.view().signed, Some(copy.clone()));

    // Deleted with its draft, restored with the undo.
    tab.with_form(|s, form| s.delete(form, &signed));
    assert!(store
        .borrow()
        .snapshot()
        .keys()
        .all(|k| !k.starts_with(crate::model::storage::SIGNED_PREFIX)));
    let undo = tab
        .session
        .view()
        .notice
        .as_ref()
        .and_then(|n| n.undo.clone())
        .expect("an undo");
    tab.session.undo_delete(&undo);
    tab.with_form(|s, form| s.open_draft(form, &signed));
    assert_eq!(tab.session.view().signed, Some(copy.clone()));

    // Storage refuses the copy: it holds for this session, and the page says what is lost.
    store.borrow_mut().faults.sets = Some(StoreError::QuotaExceeded);
    let mut changed = tab.form.clone();
    changed.cluster_name = "另一个美镇圈".into();
    let other = signed_copy_of(&changed);
    tab.session.keep_signed_copy(other.clone());
    assert_eq!(tab.session.view().signed, Some(other));
    assert!(tab.notice().contains("未能记下"), "{}", tab.notice());
    store.borrow_mut().faults = Faults::default();
    let reloaded = Tab::open(Ok(Rc::clone(&store)), "c");
    assert_eq!(reloaded.session.view().signed, Some(copy));

    // Without storage, for this session only.
    let mut alone = Tab::open(Err(StoreError::Unavailable("SecurityError".into())), "d");
    let copy = signed_copy_of(&sample::complete());
    alone.session.keep_signed_copy(copy.clone());
    assert_eq!(alone.session.view().signed, Some(copy));
    assert_eq!(alone.session.view().notice, None);
}
