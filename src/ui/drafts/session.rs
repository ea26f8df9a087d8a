//! The open draft and its storage: autosave as the user types (at most one write per frame),
//! flush on leaving, the list of drafts, storage faults, and other tabs' writes. The rules live in `model::drafts`; this only keeps
//! the signals the page shows in step with the store.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::model::display::beijing_clock;
use crate::model::paper::SignedCopy;

use crate::browser::{self, storage::LocalStore, system};
use crate::model::backup::{self, ImportChoice, ImportPlan};
use crate::model::drafts::{
    missing_in, on_external_change, DeletedDraft, Draft, DraftError, DraftId, DraftStore,
    DraftSummary, ExternalChange, LoadReport, ReadOnlyDraft, RecoveredEntry, RecoveryEntry,
    StoreError,
};
use crate::ui::state::FormState;

/// What the save status line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing typed since the draft was opened.
    Idle,
    Saved(DateTime<Utc>),
    Failed(String),
    /// Storage cannot be used: the draft lives in this page only.
    MemoryOnly,
}

impl SaveStatus {
    pub fn text(&self) -> String {
        match self {
            SaveStatus::Idle => String::new(),
            SaveStatus::Saved(at) => format!("已自动保存 {}", beijing_clock(*at)),
            SaveStatus::Failed(why) => format!("未能保存：{why}"),
            SaveStatus::MemoryOnly => "未保存：浏览器不允许本页面保存数据".into(),
        }
    }
}

/// Why the open draft and the stored one disagree, and what the user may do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Another tab saved newer edits; this tab has unsaved edits of its own.
    ChangedElsewhere { theirs: Box<Draft> },
    /// Another tab deleted the draft (or storage was cleared).
    Gone { message: String },
    /// Another tab saved it with a newer version of the app.
    Newer { message: String },
}

impl Conflict {
    /// What the save status line says while autosave waits for the user's choice.
    pub fn status_text(&self) -> &'static str {
        match self {
            Conflict::ChangedElsewhere { .. } => "此草稿已在另一个窗口中修改，自动保存已暂停",
            Conflict::Gone { .. } => "此草稿已不在浏览器的存储中，自动保存已暂停",
            Conflict::Newer { .. } => "此草稿已由较新版本的页面保存，本窗口不再保存",
        }
    }
}

/// A one-off message with an optional undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub undo: Option<DeletedDraft>,
}

/// Everything about drafts the page shows. `Copy`: all handles.
#[derive(Clone, Copy)]
pub struct DraftSession {
    form: FormState,
    store: StoredValue<Option<DraftStore<LocalStore>>, LocalStorage>,
    /// The open draft as last loaded or saved (its declaration is the last saved content).
    open: StoredValue<Draft>,
    /// The animation frame that will save the latest edit, if one is requested: every edit
    /// made before that frame is written by it, so typing writes at most once a frame.
    frame: StoredValue<Option<AnimationFrameRequestHandle>, LocalStorage>,
    /// Why storage cannot be used, if it cannot.
    pub unavailable: RwSignal<Option<String>>,
    pub status: RwSignal<SaveStatus>,
    pub drafts: RwSignal<Vec<DraftSummary>>,
    pub read_only: RwSignal<Vec<ReadOnlyDraft>>,
    pub recovered: RwSignal<Vec<RecoveredEntry>>,
    pub recovery: RwSignal<Vec<RecoveryEntry>>,
    pub conflict: RwSignal<Option<Conflict>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The id of the open draft (for the list's "当前" mark).
    pub open_id: RwSignal<String>,
    /// Whether storage refused the last save for lack of space.
    pub quota_full: RwSignal<bool>,
}

fn new_id() -> DraftId {
    DraftId::from_random(&system::id_bytes())
}

impl DraftSession {
    /// Opens storage, loads the list and reopens the last open draft (or starts a new one).
    pub fn start(form: FormState) -> DraftSession {
        let now = system::now();
        let (store, unavailable) = match LocalStore::open() {
            Ok(local) => (Some(DraftStore::new(local)), None),
            Err(error) => (None, Some(error.message())),
        };
        let session = DraftSession {
            form,
            store: StoredValue::new_local(store),
            open: StoredValue::new(Draft::new(new_id(), now)),
            frame: StoredValue::new_local(None),
            unavailable: RwSignal::new(unavailable),
            status: RwSignal::new(SaveStatus::Idle),
            drafts: RwSignal::new(Vec::new()),
            read_only: RwSignal::new(Vec::new()),
            recovered: RwSignal::new(Vec::new()),
            recovery: RwSignal::new(Vec::new()),
            conflict: RwSignal::new(None),
            notice: RwSignal::new(None),
            open_id: RwSignal::new(String::new()),
            quota_full: RwSignal::new(false),
        };
        if session.unavailable.get_untracked().is_some() {
            session.status.set(SaveStatus::MemoryOnly);
        }
        let report = session.reload_list();
        let first = report.as_ref().and_then(|r| {
            r.last_open
                .clone()
                .filter(|id| r.drafts.iter().any(|d| &d.id == id))
                .or_else(|| r.drafts.first().map(|d| d.id.clone()))
        });
        if let Some(report) = &report {
            session.recovered.set(report.recovered.clone());
            if let Some(last) = &report.last_open {
                if let Some(newer) = report.read_only.iter().find(|d| &d.id == last) {
                    session.notice.set(Some(Notice {
                        text: newer.message(),
                        undo: None,
                    }));
                }
            }
        }
        match first {
            Some(id) => session.open_draft(&id),
            None => session.show(Draft::new(new_id(), now)),
        }
        session.watch();
        session
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut DraftStore<LocalStore>) -> T) -> Option<T> {
        self.store
            .try_update_value(|store| store.as_mut().map(f))
            .flatten()
    }

    /// Re-reads the list from storage. `None` when storage is unavailable.
    pub fn reload_list(&self) -> Option<LoadReport> {
        let now = system::now();
        let loaded = self.with_store(|store| {
            let report = store.load_all(now);
            let recovery = store.recovery_entries().unwrap_or_default();
            (report, recovery)
        })?;
        match loaded {
            (Ok(report), recovery) => {
                self.drafts.set(report.drafts.clone());
                self.read_only.set(report.read_only.clone());
                self.recovery.set(recovery);
                if !report.recovered.is_empty() {
                    self.recovered
                        .update(|r| r.extend(report.recovered.clone()));
                }
                Some(report)
            }
            (Err(error), _) => {
                self.storage_failed(&error);
                None
            }
        }
    }

    fn storage_failed(&self, error: &StoreError) {
        match error {
            StoreError::QuotaExceeded => {
                self.quota_full.set(true);
                self.status
                    .set(SaveStatus::Failed("浏览器的存储空间已满".into()));
            }
            StoreError::Unavailable(_) => {
                self.unavailable.set(Some(error.message()));
                self.status.set(SaveStatus::MemoryOnly);
            }
            StoreError::Other(_) => self.status.set(SaveStatus::Failed(error.message())),
        }
    }

    /// Puts a draft into the form.
    fn show(&self, draft: Draft) {
        self.cancel_frame();
        self.open_id.set(draft.id().to_string());
        let declaration = draft.declaration.clone();
        self.open.set_value(draft);
        self.form.declaration.set(declaration);
        self.form.touched.set(Default::default());
        self.form.checked.set(false);
        self.conflict.set(None);
        if self.unavailable.get_untracked().is_none() {
            self.status.set(SaveStatus::Idle);
        }
    }

    /// The open draft's name as the list shows it.
    pub fn open_name(&self) -> Memo<String> {
        let session = *self;
        Memo::new(move |_| {
            let id = session.open_id.get();
            session
                .drafts
                .with(|list| {
                    list.iter()
                        .find(|d| d.id.as_str() == id)
                        .map(|d| d.name.clone())
                })
                .unwrap_or_else(|| "未命名草稿（尚未保存）".to_string())
        })
    }

    /// Whether the form holds edits not yet stored.
    pub fn is_dirty(&self) -> bool {
        self.open.with_value(|open| {
            self.form
                .declaration
                .with_untracked(|d| d != &open.declaration)
        })
    }

    /// Saves every change in the next animation frame, so that a crash loses at most the last
    /// frame's keystroke; flushes when the page is hidden or closed; follows other tabs' writes.
    fn watch(self) {
        Effect::new(move |_| {
            self.form.declaration.track();
            if self.is_dirty() {
                self.schedule_save();
            }
        });
        browser::events::on_page_hidden(move || self.flush());
        browser::events::on_storage_change(move |key, value| {
            self.external_change(key.as_deref(), value.as_deref())
        });
    }

    fn cancel_frame(&self) {
        if let Some(handle) = self.frame.try_update_value(Option::take).flatten() {
            handle.cancel();
        }
    }

    /// Asks for a save in the next frame, unless one is already asked for. The status line
    /// stays as it is meanwhile: no "saving" flicker on every keystroke.
    fn schedule_save(&self) {
        if self.unavailable.get_untracked().is_some() {
            self.status.set(SaveStatus::MemoryOnly);
            return;
        }
        if self.frame.with_value(Option::is_some) {
            return;
        }
        // A hidden page gets no frames: save at once.
        if browser::dom::page_hidden() {
            self.save_now();
            return;
        }
        let session = *self;
        match request_animation_frame_with_handle(move || {
            session.frame.set_value(None);
            session.save_now();
        }) {
            Ok(handle) => self.frame.set_value(Some(handle)),
            Err(_) => self.save_now(),
        }
    }

    /// Saves at once if anything waits.
    pub fn flush(&self) {
        let pending = self.frame.with_value(Option::is_some);
        if pending || self.is_dirty() {
            self.cancel_frame();
            self.save_now();
        }
    }

    /// Writes the open draft, unless another tab's newer edits are in the way.
    pub fn save_now(&self) {
        self.cancel_frame();
        if let Some(conflict) = self.conflict.get_untracked() {
            // Waiting for the user to choose; never overwrite.
            self.status
                .set(SaveStatus::Failed(conflict.status_text().into()));
            return;
        }
        let now = system::now();
        let mut draft = self.open.get_value();
        draft.declaration = self.form.declaration.get_untracked();
        let first_save = draft.revision() == 0;
        let Some(result) = self.with_store(|store| {
            let result = store.save(&mut draft, now);
            if result.is_ok() && first_save {
                // A new draft becomes the one to reopen after a reload.
                let _ = store.set_last_open(Some(draft.id()), now);
            }
            result
        }) else {
            self.status.set(SaveStatus::MemoryOnly);
            return;
        };
        match result {
            Ok(outcome) => {
                if self.quota_full.get_untracked() {
                    self.quota_full.set(false);
                }
                // The line changes only when the time it shows does: at most once a second
                // while typing, never on every keystroke.
                let saved = SaveStatus::Saved(now);
                if self.status.with_untracked(|s| s.text() != saved.text()) {
                    self.status.set(saved);
                }
                // The form's report is of this very declaration: no second validation.
                let missing = self.form.report.with_untracked(missing_in);
                let summary = DraftSummary::with_missing(&draft, missing);
                self.open.set_value(draft);
                self.drafts.update(|list| {
                    list.retain(|d| d.id != summary.id);
                    list.insert(0, summary);
                });
                if let Some(recovered) = outcome.recovered {
                    self.recovered.update(|r| r.push(recovered));
                }
            }
            Err(DraftError::Conflict { theirs, .. }) => {
                self.set_conflict(Conflict::ChangedElsewhere { theirs });
            }
            Err(DraftError::DeletedElsewhere { .. }) => {
                self.set_conflict(Conflict::Gone {
                    message: "此草稿已在另一个窗口中删除。您在本窗口中的内容仍在，可以重新保存。"
                        .into(),
                });
            }
            Err(DraftError::Store(error)) => self.storage_failed(&error),
            Err(other) => self.status.set(SaveStatus::Failed(other.message())),
        }
    }

    /// Shows a conflict and pauses autosave until the user chooses.
    fn set_conflict(&self, conflict: Conflict) {
        self.cancel_frame();
        self.status
            .set(SaveStatus::Failed(conflict.status_text().into()));
        self.conflict.set(Some(conflict));
    }

    fn external_change(&self, key: Option<&str>, value: Option<&str>) {
        let open = self.open.get_value();
        let change = on_external_change(Some(&open), key, value);
        match change {
            ExternalChange::Ignore => return,
            ExternalChange::ListChanged => {}
            ExternalChange::OpenDraftChangedElsewhere { theirs, .. } => {
                if self.is_dirty() {
                    self.set_conflict(Conflict::ChangedElsewhere { theirs });
                } else {
                    let id = theirs.id().clone();
                    self.show(*theirs);
                    self.notice.set(Some(Notice {
                        text: "此草稿已在另一个窗口中更新，本窗口已载入最新内容。".into(),
                        undo: None,
                    }));
                    self.open_id.set(id.to_string());
                }
            }
            ExternalChange::OpenDraftDeletedElsewhere => {
                self.set_conflict(Conflict::Gone {
                    message: "此草稿已在另一个窗口中删除。本窗口中的内容仍在，可以重新保存。"
                        .into(),
                });
            }
            ExternalChange::OpenDraftNewerElsewhere { schema } => {
                self.set_conflict(Conflict::Newer {
                    message: format!(
                        "此草稿已被较新版本的页面（数据格式第 {schema} 版）保存。为免损坏，本窗口不再保存它；请用最新版本的页面继续填写。"
                    ),
                });
            }
            ExternalChange::StorageCleared => {
                self.set_conflict(Conflict::Gone {
                    message:
                        "浏览器中保存的草稿已被清除。本窗口中的内容仍在，可以重新保存，或导出备份。"
                            .into(),
                });
            }
        }
        self.reload_list();
    }

    /// Conflict resolved: take the other tab's version, dropping this tab's unsaved edits.
    pub fn take_theirs(&self) {
        if let Some(Conflict::ChangedElsewhere { theirs }) = self.conflict.get_untracked() {
            self.show(*theirs);
            self.status.set(SaveStatus::Idle);
        }
    }

    /// Conflict resolved: keep this tab's version, replacing the other's (the user chose so).
    pub fn keep_mine(&self) {
        match self.conflict.get_untracked() {
            Some(Conflict::ChangedElsewhere { theirs }) => {
                self.open
                    .update_value(|open| open.overwrite_theirs(&theirs));
            }
            Some(Conflict::Gone { .. }) => {
                self.open.update_value(Draft::recreate_after_delete);
            }
            _ => return,
        }
        self.conflict.set(None);
        self.save_now();
    }

    /// Conflict resolved: store this tab's version as a new draft, leaving the other alone.
    pub fn keep_mine_as_copy(&self) {
        let now = system::now();
        let mut copy = self.open.with_value(|open| {
            let name = format!("{}（本窗口的版本）", open.display_name());
            open.copy_as(new_id(), &name, now)
        });
        copy.declaration = self.form.declaration.get_untracked();
        self.conflict.set(None);
        self.open_id.set(copy.id().to_string());
        self.open.set_value(copy);
        self.save_now();
    }

    /// Opens a stored draft, saving the current one first.
    pub fn open_draft(&self, id: &DraftId) {
        self.flush();
        let now = system::now();
        match self.with_store(|store| {
            let opened = store.open_editable(id);
            if opened.is_ok() {
                let _ = store.set_last_open(Some(id), now);
            }
            opened
        }) {
            Some(Ok(draft)) => self.show(draft),
            Some(Err(error)) => self.notice.set(Some(Notice {
                text: error.message(),
                undo: None,
            })),
            None => {}
        }
    }

    /// Starts a new, empty draft and stores it at once so that it is in the list.
    pub fn new_draft(&self) {
        self.flush();
        let now = system::now();
        let id = new_id();
        match self.with_store(|store| store.create(id.clone(), now)) {
            Some(Ok(draft)) => {
                let _ = self.with_store(|store| store.set_last_open(Some(&id), now));
                self.show(draft);
                self.reload_list();
            }
            Some(Err(error)) => self.notice.set(Some(Notice {
                text: error.message(),
                undo: None,
            })),
            None => self.show(Draft::new(id, now)),
        }
    }

    /// Starts a new draft holding this declaration (e.g. from a signed file) and stores it.
    pub fn open_as_new_draft(&self, declaration: crate::model::declaration::Declaration) {
        self.flush();
        // An empty draft first, then the content: it counts as an edit and is saved.
        self.show(Draft::new(new_id(), system::now()));
        self.form.declaration.set(declaration);
        self.save_now();
        self.reload_list();
        self.notice.set(Some(Notice {
            text:
                "已从签名申报文件创建新草稿；原签名不再适用于修改后的内容，修改后须重新签名导出。"
                    .into(),
            undo: None,
        }));
    }

    pub fn duplicate(&self, id: &DraftId) {
        self.flush();
        let now = system::now();
        let result = self.with_store(|store| store.duplicate(id, new_id(), now));
        self.after(result.map(|r| r.map(|copy| format!("已复制为“{}”", copy.display_name()))));
    }

    pub fn rename(&self, id: &DraftId, name: &str) {
        if self.open.with_value(|open| open.id() == id) {
            self.open.update_value(|open| open.set_name(name));
            // Rename goes through save, so the open copy keeps its revision.
            self.open.update_value(|open| {
                open.declaration = self.form.declaration.get_untracked();
            });
            let session = *self;
            session.save_now();
            self.reload_list();
            return;
        }
        self.flush();
        let now = system::now();
        let result = self.with_store(|store| store.rename(id, name, now));
        self.after(result.map(|r| r.map(|_| "已重命名".to_string())));
    }

    pub fn delete(&self, id: &DraftId) {
        self.flush();
        let result = self.with_store(|store| store.delete(id));
        match result {
            Some(Ok(deleted)) => {
                if self.quota_full.get_untracked() && !self.open.with_value(|o| o.id() == id) {
                    // Space was freed: the edit that did not fit may fit now.
                    self.save_now();
                }
                let text = format!("已删除草稿“{}”。", deleted.name);
                self.notice.set(Some(Notice {
                    text,
                    undo: Some(deleted),
                }));
                if self.open.with_value(|open| open.id() == id) {
                    let report = self.reload_list();
                    match report.and_then(|r| r.drafts.first().map(|d| d.id.clone())) {
                        Some(next) => self.open_draft(&next),
                        None => self.show(Draft::new(new_id(), system::now())),
                    }
                } else {
                    self.reload_list();
                }
            }
            Some(Err(error)) => self.notice.set(Some(Notice {
                text: error.message(),
                undo: None,
            })),
            None => {}
        }
    }

    pub fn undo_delete(&self, deleted: &DeletedDraft) {
        let result = self.with_store(|store| store.undo_delete(deleted));
        self.after(result.map(|r| r.map(|_| format!("已恢复草稿“{}”。", deleted.name))));
    }

    fn after(&self, result: Option<Result<String, DraftError>>) {
        match result {
            Some(Ok(text)) => self.notice.set(Some(Notice { text, undo: None })),
            Some(Err(error)) => self.notice.set(Some(Notice {
                text: error.message(),
                undo: None,
            })),
            None => {}
        }
        self.reload_list();
    }

    /// Downloads a backup of one draft (`Some`) or all of them. With storage unavailable, the
    /// open draft alone, from memory.
    pub fn export_backup(&self, ids: Option<Vec<DraftId>>) {
        self.flush();
        let now = system::now();
        let exported = self.with_store(|store| backup::export_drafts(store, ids.as_deref(), now));
        let (json, name, message) = match exported {
            Some(Ok(export)) => {
                let message = export.message();
                (export.json, export.file_name, message)
            }
            Some(Err(error)) => {
                self.notice.set(Some(Notice {
                    text: error.message(),
                    undo: None,
                }));
                return;
            }
            None => {
                let mut draft = self.open.get_value();
                draft.declaration = self.form.declaration.get_untracked();
                match backup::backup_json(&[draft], now) {
                    Ok(json) => (
                        json,
                        backup::backup_file_name(now),
                        "已将当前草稿导出为备份文件。".to_string(),
                    ),
                    Err(error) => {
                        self.notice.set(Some(Notice {
                            text: error.message(),
                            undo: None,
                        }));
                        return;
                    }
                }
            }
        };
        let text = match browser::files::download(&name, json.as_bytes(), "application/json") {
            Ok(()) => message,
            Err(detail) => format!("浏览器未能保存文件（{detail}）。"),
        };
        self.notice.set(Some(Notice { text, undo: None }));
    }

    /// What importing this backup would do, or why the file cannot be used.
    pub fn plan_restore(&self, bytes: &[u8]) -> Result<ImportPlan, String> {
        let parsed = backup::parse_backup(bytes).map_err(|e| e.message())?;
        self.flush();
        let report = self
            .reload_list()
            .ok_or_else(|| "浏览器不允许本页面保存数据，无法恢复备份。".to_string())?;
        Ok(backup::plan_import(&report, parsed))
    }

    pub fn apply_restore(
        &self,
        plan: &ImportPlan,
        choices: &std::collections::BTreeMap<DraftId, ImportChoice>,
    ) -> Result<String, String> {
        let now = system::now();
        let result = self
            .with_store(|store| backup::apply_import(store, plan, choices, now))
            .ok_or_else(|| "浏览器不允许本页面保存数据，无法恢复备份。".to_string())?;
        self.reload_list();
        result.map(|r| r.message()).map_err(|e| e.message())
    }

    pub fn fresh_id(&self) -> DraftId {
        new_id()
    }

    /// Downloads an entry of the recovery area exactly as it was found.
    pub fn download_recovery(&self, key: &str) {
        let value = self.with_store(|store| store.recovery_value(key));
        let text = match value {
            Some(Ok(Some(value))) => {
                let name = format!("美镇申报-恢复内容-{}.txt", key.replace(':', "_"));
                match browser::files::download(&name, value.as_bytes(), "text/plain;charset=utf-8")
                {
                    Ok(()) => format!("已下载“{name}”。"),
                    Err(detail) => format!("浏览器未能保存文件（{detail}）。"),
                }
            }
            Some(Ok(None)) => "该内容已不存在。".into(),
            Some(Err(error)) => error.message(),
            None => return,
        };
        self.notice.set(Some(Notice { text, undo: None }));
    }

    /// The signed copy kept beside the open draft, if one is stored.
    pub fn signed_copy(&self) -> Option<SignedCopy> {
        let id = self.open.with_value(|d| d.id().clone());
        self.with_store(|store| store.signed_copy(&id)).flatten()
    }

    /// Keeps what was just signed beside the open draft. Without storage the binding lasts
    /// for this session only, as the draft itself does.
    pub fn keep_signed_copy(&self, copy: &SignedCopy) {
        let id = self.open.with_value(|d| d.id().clone());
        let _ = self.with_store(|store| store.keep_signed_copy(&id, copy));
    }

    pub fn discard_recovery(&self, key: &str) {
        let _ = self.with_store(|store| store.discard_recovery(key));
        self.recovered
            .update(|r| r.retain(|e| e.recovery_key.as_deref() != Some(key)));
        self.reload_list();
    }
}
