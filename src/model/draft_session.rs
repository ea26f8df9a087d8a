//! One tab's draft session, as pure decisions: which draft is open, what the save status line
//! says, what another tab's write means here, which notice to show, and what to do with the
//! form or a download. The page forwards events (an edit, a due save, a storage event, a click)
//! and performs the [`Effect`]s; every rule is here and tested natively over a `MemoryStore`.
//! It sits beside `drafts`, not in it: it uses `backup`, which uses `drafts`.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::model::backup::export::{backup_file_name, backup_json, export_drafts};
use crate::model::backup::import::{apply_import, plan_import, ImportChoice, ImportPlan};
use crate::model::backup::parse_backup;
use crate::model::declaration::Declaration;
use crate::model::display::beijing_clock;
use crate::model::drafts::store::DraftStore;
use crate::model::drafts::{
    missing_in, on_external_change, DeletedDraft, Draft, DraftError, DraftId, DraftSummary,
    ExternalChange, LoadReport, ReadOnlyDraft, RecoveredEntry, RecoveryEntry,
};
use crate::model::error::UserError;
use crate::model::office::docx_read::{ImportReport, WordImport};
use crate::model::paper::SignedCopy;
use crate::model::storage::{KeyValueStore, StoreError};
use crate::model::validate::validate;

/// The draft list's name for an open draft not yet in it.
pub const UNSAVED_NAME: &str = "未命名草稿（尚未保存）";
/// Another tab deleted the open draft; what this tab holds is still there.
const DELETED_ELSEWHERE: &str = "此草稿已在另一个窗口中删除。本窗口中的内容仍在，可以重新保存。";
const CLEARED: &str = "浏览器中保存的草稿已被清除。本窗口中的内容仍在，可以重新保存，或导出备份。";
const NO_STORAGE_RESTORE: &str = "浏览器不允许本页面保存数据，无法恢复备份。";

/// What the save status line says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing typed since the draft was opened.
    #[default]
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

impl Notice {
    fn text(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            undo: None,
        }
    }
}

/// What the page must do for the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Put this declaration into the form and clear its marks (fields left, "check all").
    Load(Box<Declaration>),
    /// Offer a file for download, then report with [`Session::downloaded`].
    Download {
        name: String,
        content: String,
        media_type: &'static str,
        /// The notice once it is saved.
        done: String,
    },
}

/// The form as it is when an event arrives.
#[derive(Clone, Copy, Debug)]
pub struct Form<'a> {
    pub declaration: &'a Declaration,
    /// Distinct fields with errors in `declaration` (`drafts::missing_in` of the form's report).
    pub missing: usize,
}

/// Everything the page shows about the drafts, as one value. The page keeps it in one signal
/// and reads each part through a memo, so that what did not change is not redrawn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionView {
    /// Why storage cannot be used, if it cannot.
    pub unavailable: Option<String>,
    pub status: SaveStatus,
    pub drafts: Vec<DraftSummary>,
    pub read_only: Vec<ReadOnlyDraft>,
    pub recovered: Vec<RecoveredEntry>,
    pub recovery: Vec<RecoveryEntry>,
    pub conflict: Option<Conflict>,
    pub notice: Option<Notice>,
    /// The open draft's id (for the list's "当前" mark).
    pub open_id: String,
    /// Storage refused the last save for lack of space.
    pub quota_full: bool,
    /// What the open draft's last signed export held, with the binding its paper copy
    /// carries: kept beside the draft, loaded with it.
    pub signed: Option<SignedCopy>,
    /// The report of the last Word file imported, until dismissed (shown while its draft is
    /// open: [`SessionView::shown_import`]).
    pub word_import: Option<ShownImport>,
}

/// A Word file's import as the page shows it above the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownImport {
    /// The draft the import made.
    pub draft_id: String,
    pub file_name: String,
    pub report: ImportReport,
}

impl SessionView {
    /// The Word import's report, while the draft it made is the open one.
    pub fn shown_import(&self) -> Option<&ShownImport> {
        self.word_import
            .as_ref()
            .filter(|shown| shown.draft_id == self.open_id)
    }
}

/// One tab's drafts: the store (if the browser lets the page use one), the open draft and
/// everything the page shows about them.
pub struct Session<S> {
    store: Option<DraftStore<S>>,
    clock: Box<dyn Fn() -> DateTime<Utc>>,
    ids: Box<dyn FnMut() -> DraftId>,
    /// The open draft as last loaded or saved (its declaration is the last saved content).
    open: Draft,
    /// An edit waits to be saved (the page has asked for a frame to save it in).
    save_pending: bool,
    effects: Vec<Effect>,
    /// What the page shows.
    view: SessionView,
}

impl<S: KeyValueStore> Session<S> {
    /// Loads the list and reopens the last open draft (or starts a new one). `store` is the
    /// browser's storage, or why it cannot be used; `clock` and `ids` give the time and fresh
    /// random draft ids.
    pub fn start(
        store: Result<S, StoreError>,
        clock: impl Fn() -> DateTime<Utc> + 'static,
        ids: impl FnMut() -> DraftId + 'static,
    ) -> Session<S> {
        let (store, unavailable) = match store {
            Ok(store) => (Some(DraftStore::new(store)), None),
            Err(error) => (None, Some(error.message())),
        };
        let mut ids: Box<dyn FnMut() -> DraftId> = Box::new(ids);
        let now = clock();
        let status = match unavailable {
            Some(_) => SaveStatus::MemoryOnly,
            None => SaveStatus::Idle,
        };
        let mut session = Session {
            store,
            clock: Box::new(clock),
            open: Draft::new(ids(), now),
            ids,
            save_pending: false,
            effects: Vec::new(),
            view: SessionView {
                unavailable,
                status,
                ..SessionView::default()
            },
        };
        let report = session.reload_list();
        let first = report.as_ref().and_then(|r| {
            r.last_open
                .clone()
                .filter(|id| r.drafts.iter().any(|d| &d.id == id))
                .or_else(|| r.drafts.first().map(|d| d.id.clone()))
        });
        if let Some(last) = report.as_ref().and_then(|r| {
            let last = r.last_open.as_ref()?;
            r.read_only.iter().find(|d| &d.id == last)
        }) {
            session.view.notice = Some(Notice::text(last.message()));
        }
        match first {
            Some(id) => session.open_stored(&id),
            None => {
                let draft = session.blank();
                session.show(draft);
            }
        }
        session
    }

    // What the page shows.

    pub fn open(&self) -> &Draft {
        &self.open
    }
    pub fn view(&self) -> &SessionView {
        &self.view
    }
    /// Whether an edit waits for its save; when not, the page drops any frame it asked for.
    pub fn save_pending(&self) -> bool {
        self.save_pending
    }
    /// What the page must do now, in order; each effect is handed out once.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
    /// Whether the form holds edits not yet stored.
    pub fn is_dirty(&self, declaration: &Declaration) -> bool {
        declaration != &self.open.declaration
    }

    // Events.

    /// The user edited the form. `true`: the page should save at its next frame (then call
    /// `save_now`); edits made before that frame are written by it, so typing writes at most
    /// once a frame. The status line stays as it is meanwhile: no "saving" flicker.
    pub fn edited(&mut self) -> bool {
        if self.view.unavailable.is_some() {
            self.view.status = SaveStatus::MemoryOnly;
            return false;
        }
        if self.save_pending {
            return false;
        }
        self.save_pending = true;
        true
    }

    /// Saves at once if anything waits (leaving the page, opening another draft…).
    pub fn flush(&mut self, form: Form) {
        if self.save_pending || self.is_dirty(form.declaration) {
            self.save_now(form);
        }
    }

    /// Writes the open draft, unless another tab's newer edits are in the way.
    pub fn save_now(&mut self, form: Form) {
        self.save_pending = false;
        if let Some(conflict) = self.view.conflict.as_ref() {
            // Waiting for the user to choose; never overwrite.
            self.view.status = SaveStatus::Failed(conflict.status_text().into());
            return;
        }
        let now = (self.clock)();
        let mut draft = self.open.clone();
        draft.declaration = form.declaration.clone();
        let first_save = draft.revision() == 0;
        let Some(store) = self.store.as_mut() else {
            self.view.status = SaveStatus::MemoryOnly;
            return;
        };
        let result = store.save(&mut draft, now);
        if result.is_ok() && first_save {
            // A new draft becomes the one to reopen after a reload.
            let _ = store.set_last_open(Some(draft.id()), now);
        }
        match result {
            Ok(outcome) => {
                self.view.quota_full = false;
                // The line changes only when the time it shows does: at most once a second
                // while typing, never on every keystroke.
                let saved = SaveStatus::Saved(now);
                if self.view.status.text() != saved.text() {
                    self.view.status = saved;
                }
                let summary = DraftSummary::with_missing(&draft, form.missing);
                self.open = draft;
                let drafts = &mut self.view.drafts;
                drafts.retain(|d| d.id != summary.id);
                drafts.insert(0, summary);
                if let Some(recovered) = outcome.recovered {
                    self.view.recovered.push(recovered);
                }
            }
            Err(DraftError::Conflict { theirs, .. }) => {
                self.set_conflict(Conflict::ChangedElsewhere { theirs });
            }
            Err(DraftError::DeletedElsewhere { .. }) => self.set_conflict(Conflict::Gone {
                message: DELETED_ELSEWHERE.into(),
            }),
            Err(DraftError::Store(error)) => self.storage_failed(&error),
            Err(other) => self.view.status = SaveStatus::Failed(other.message()),
        }
    }

    /// Another tab wrote to the storage (a `storage` event: its key and new value, `None`
    /// for null).
    pub fn external_change(&mut self, form: Form, key: Option<&str>, value: Option<&str>) {
        match on_external_change(Some(&self.open), key, value) {
            ExternalChange::Ignore => return,
            ExternalChange::ListChanged => {}
            ExternalChange::OpenDraftChangedElsewhere { theirs, .. } => {
                if self.is_dirty(form.declaration) {
                    self.set_conflict(Conflict::ChangedElsewhere { theirs });
                } else {
                    self.show(*theirs);
                    self.view.notice = Some(Notice::text(
                        "此草稿已在另一个窗口中更新，本窗口已载入最新内容。",
                    ));
                }
            }
            ExternalChange::OpenDraftDeletedElsewhere => self.set_conflict(Conflict::Gone {
                message: DELETED_ELSEWHERE.into(),
            }),
            ExternalChange::OpenDraftNewerElsewhere { schema } => {
                self.set_conflict(Conflict::Newer {
                    message: format!(
                        "此草稿已被较新版本的页面（数据格式第 {schema} 版）保存。为免损坏，本窗口不再保存它；请用最新版本的页面继续填写。"
                    ),
                })
            }
            ExternalChange::StorageCleared => self.set_conflict(Conflict::Gone {
                message: CLEARED.into(),
            }),
        }
        self.reload_list();
    }

    /// Conflict resolved: take the other tab's version, dropping this tab's unsaved edits.
    pub fn take_theirs(&mut self) {
        if let Some(Conflict::ChangedElsewhere { theirs }) = self.view.conflict.clone() {
            self.show(*theirs);
            self.view.status = SaveStatus::Idle;
        }
    }

    /// Conflict resolved: keep this tab's version, replacing the other's (the user chose so).
    pub fn keep_mine(&mut self, form: Form) {
        match self.view.conflict.as_ref() {
            Some(Conflict::ChangedElsewhere { theirs }) => self.open.overwrite_theirs(theirs),
            Some(Conflict::Gone { .. }) => self.open.recreate_after_delete(),
            _ => return,
        }
        self.view.conflict = None;
        self.save_now(form);
    }

    /// Conflict resolved: store this tab's version as a new draft, leaving the other alone.
    pub fn keep_mine_as_copy(&mut self, form: Form) {
        let now = (self.clock)();
        let name = format!("{}（本窗口的版本）", self.open.display_name());
        let mut copy = self.open.copy_as((self.ids)(), &name, now);
        copy.declaration = form.declaration.clone();
        self.view.conflict = None;
        self.open = copy;
        self.opened();
        self.save_now(form);
    }

    /// Opens a stored draft, saving the current one first.
    pub fn open_draft(&mut self, form: Form, id: &DraftId) {
        self.flush(form);
        self.open_stored(id);
    }

    /// Starts a new, empty draft and stores it at once so that it is in the list.
    pub fn new_draft(&mut self, form: Form) {
        self.flush(form);
        let now = (self.clock)();
        let id = (self.ids)();
        let Some(store) = self.store.as_mut() else {
            self.show(Draft::new(id, now));
            return;
        };
        match store.create(id.clone(), now) {
            Ok(draft) => {
                let _ = store.set_last_open(Some(&id), now);
                self.show(draft);
                self.reload_list();
            }
            Err(error) => self.view.notice = Some(Notice::text(error.message())),
        }
    }

    /// Starts a new draft holding this declaration (e.g. from a signed file) and stores it.
    pub fn open_as_new_draft(&mut self, form: Form, declaration: Declaration) {
        self.open_new_with(
            form,
            declaration,
            "已从签名申报文件创建新草稿；原签名不再适用于修改后的内容，修改后须重新签名导出。",
        );
    }

    /// Starts a new draft holding what a Word file was read to, stores it, and keeps the
    /// import's report to show above the form.
    pub fn open_word_import(&mut self, form: Form, import: WordImport, file_name: &str) {
        let WordImport {
            declaration,
            report,
        } = import;
        self.open_new_with(
            form,
            declaration,
            &format!(
                "已从 Word 文件“{file_name}”创建新草稿。请对照下面的导入结果逐项核对，改完后再打印、签名。"
            ),
        );
        self.view.word_import = Some(ShownImport {
            draft_id: self.view.open_id.clone(),
            file_name: file_name.to_string(),
            report,
        });
    }

    /// Closes the Word import's report.
    pub fn dismiss_word_import(&mut self) {
        self.view.word_import = None;
    }

    fn open_new_with(&mut self, form: Form, declaration: Declaration, notice: &str) {
        self.flush(form);
        // An empty draft first, then the content: it counts as an edit and is saved.
        let draft = self.blank();
        self.show(draft);
        self.effects
            .push(Effect::Load(Box::new(declaration.clone())));
        let missing = missing_in(&validate(&declaration));
        self.save_now(Form {
            declaration: &declaration,
            missing,
        });
        self.reload_list();
        self.view.notice = Some(Notice::text(notice));
    }

    /// The city office's page handed over a signed file (its text): verified again, it becomes
    /// a new draft; anything else is refused in plain words and no draft is made.
    pub fn open_handover(&mut self, form: Form, text: &str) {
        match super::handover::read_handover(text) {
            Ok(declaration) => self.open_as_new_draft(form, declaration),
            Err(refused) => self.view.notice = Some(Notice::text(refused.message())),
        }
    }

    pub fn duplicate(&mut self, form: Form, id: &DraftId) {
        self.flush(form);
        let now = (self.clock)();
        let new_id = (self.ids)();
        let result = self
            .store
            .as_mut()
            .map(|store| store.duplicate(id, new_id, now));
        self.after(result.map(|r| r.map(|copy| format!("已复制为“{}”", copy.display_name()))));
    }

    pub fn rename(&mut self, form: Form, id: &DraftId, name: &str) {
        if self.open.id() == id {
            // The open draft is renamed through a save, so that it keeps its revision.
            self.open.set_name(name);
            self.open.declaration = form.declaration.clone();
            self.save_now(form);
            self.reload_list();
            return;
        }
        self.flush(form);
        let now = (self.clock)();
        let result = self.store.as_mut().map(|store| store.rename(id, name, now));
        self.after(result.map(|r| r.map(|_| "已重命名".to_string())));
    }

    /// Deletes a draft (with an undo in the notice); deleting the open one opens the next.
    pub fn delete(&mut self, form: Form, id: &DraftId) {
        self.flush(form);
        let Some(result) = self.store.as_mut().map(|store| store.delete(id)) else {
            return;
        };
        let deleted = match result {
            Ok(deleted) => deleted,
            Err(error) => {
                self.view.notice = Some(Notice::text(error.message()));
                return;
            }
        };
        let open = self.open.id() == id;
        if self.view.quota_full && !open {
            // Space was freed: the edit that did not fit may fit now.
            self.save_now(form);
        }
        self.view.notice = Some(Notice {
            text: format!("已删除草稿“{}”。", deleted.name),
            undo: Some(deleted),
        });
        let report = self.reload_list();
        if open {
            match report.and_then(|r| r.drafts.first().map(|d| d.id.clone())) {
                Some(next) => self.open_draft(form, &next),
                None => {
                    let draft = self.blank();
                    self.show(draft);
                }
            }
        }
    }

    pub fn undo_delete(&mut self, deleted: &DeletedDraft) {
        let result = self.store.as_mut().map(|store| store.undo_delete(deleted));
        self.after(result.map(|r| r.map(|_| format!("已恢复草稿“{}”。", deleted.name))));
    }

    /// A backup of one draft (`Some`) or all of them, as a download. With storage unavailable,
    /// the open draft alone, from the form.
    pub fn export_backup(&mut self, form: Form, ids: Option<&[DraftId]>) {
        self.flush(form);
        let now = (self.clock)();
        let exported = match &self.store {
            Some(store) => export_drafts(store, ids, now)
                .map(|export| (export.message(), export.json, export.file_name)),
            None => {
                let mut draft = self.open.clone();
                draft.declaration = form.declaration.clone();
                backup_json(&[draft], now).map(|json| {
                    (
                        "已将当前草稿导出为备份文件。".to_string(),
                        json,
                        backup_file_name(now),
                    )
                })
            }
        };
        match exported {
            Ok((done, content, name)) => self.effects.push(Effect::Download {
                name,
                content,
                media_type: "application/json",
                done,
            }),
            Err(error) => self.view.notice = Some(Notice::text(error.message())),
        }
    }

    /// An entry of the recovery area, exactly as it was found, as a download.
    pub fn download_recovery(&mut self, key: &str) {
        let Some(value) = self.store.as_ref().map(|store| store.recovery_value(key)) else {
            return;
        };
        match value {
            Ok(Some(content)) => {
                let name = format!("美镇申报-恢复内容-{}.txt", key.replace(':', "_"));
                self.effects.push(Effect::Download {
                    done: format!("已下载“{name}”。"),
                    name,
                    content,
                    media_type: "text/plain;charset=utf-8",
                });
            }
            Ok(None) => self.view.notice = Some(Notice::text("该内容已不存在。")),
            Err(error) => self.view.notice = Some(Notice::text(error.message())),
        }
    }

    /// How a `Download` ended: `Err` holds the browser's technical reason.
    pub fn downloaded(&mut self, done: String, result: Result<(), String>) {
        let text = match result {
            Ok(()) => done,
            Err(detail) => format!("浏览器未能保存文件（{detail}）。"),
        };
        self.view.notice = Some(Notice::text(text));
    }

    pub fn discard_recovery(&mut self, key: &str) {
        if let Some(store) = self.store.as_mut() {
            let _ = store.discard_recovery(key);
        }
        self.view
            .recovered
            .retain(|e| e.recovery_key.as_deref() != Some(key));
        self.reload_list();
    }

    pub fn dismiss_recovered(&mut self) {
        self.view.recovered.clear();
    }

    pub fn dismiss_notice(&mut self) {
        self.view.notice = None;
    }

    /// What importing this backup would do, or why the file cannot be used.
    pub fn plan_restore(&mut self, form: Form, bytes: &[u8]) -> Result<ImportPlan, String> {
        let parsed = parse_backup(bytes).map_err(|e| e.message())?;
        self.flush(form);
        let report = self
            .reload_list()
            .ok_or_else(|| NO_STORAGE_RESTORE.to_string())?;
        Ok(plan_import(&report, parsed))
    }

    pub fn apply_restore(
        &mut self,
        plan: &ImportPlan,
        choices: &BTreeMap<DraftId, ImportChoice>,
    ) -> Result<String, String> {
        let now = (self.clock)();
        let result = self
            .store
            .as_mut()
            .map(|store| apply_import(store, plan, choices, now))
            .ok_or_else(|| NO_STORAGE_RESTORE.to_string())?;
        self.reload_list();
        result.map(|r| r.message()).map_err(|e| e.message())
    }

    /// Keeps what was just signed beside the open draft, for its paper copy (and a reload).
    /// Without storage the copy lasts for this session only, as the draft itself does.
    pub fn keep_signed_copy(&mut self, copy: SignedCopy) {
        let id = self.open.id().clone();
        let kept = match self.store.as_mut() {
            Some(store) => store.keep_signed_copy(&id, &copy),
            None => Ok(()),
        };
        self.view.signed = Some(copy);
        if let Err(error) = kept {
            self.view.notice = Some(Notice::text(format!(
                "签名申报文件已生成，但浏览器未能记下它属于这份草稿：刷新页面后，打印件将不再印有核验信息（{}）",
                error.message()
            )));
        }
    }

    // The steps the events share.

    /// Another draft is open: its id, and its signed copy if one is kept.
    fn opened(&mut self) {
        self.view.open_id = self.open.id().to_string();
        self.view.signed = self
            .store
            .as_ref()
            .and_then(|store| store.signed_copy(self.open.id()));
    }

    fn blank(&mut self) -> Draft {
        Draft::new((self.ids)(), (self.clock)())
    }

    /// Re-reads the list from storage. `None` when storage is unavailable or fails.
    fn reload_list(&mut self) -> Option<LoadReport> {
        let now = (self.clock)();
        let store = self.store.as_mut()?;
        let report = store.load_all(now);
        let recovery = store.recovery_entries().unwrap_or_default();
        match report {
            Ok(report) => {
                self.view.drafts = report.drafts.clone();
                self.view.read_only = report.read_only.clone();
                self.view.recovery = recovery;
                self.view.recovered.extend(report.recovered.iter().cloned());
                Some(report)
            }
            Err(error) => {
                self.storage_failed(&error);
                None
            }
        }
    }

    fn storage_failed(&mut self, error: &StoreError) {
        match error {
            StoreError::QuotaExceeded => {
                self.view.quota_full = true;
                self.view.status = SaveStatus::Failed("浏览器的存储空间已满".into());
            }
            StoreError::Unavailable(_) => {
                self.view.unavailable = Some(error.message());
                self.view.status = SaveStatus::MemoryOnly;
            }
            StoreError::Other(_) => self.view.status = SaveStatus::Failed(error.message()),
        }
    }

    /// Opens a stored draft and remembers it as the one to reopen.
    fn open_stored(&mut self, id: &DraftId) {
        let now = (self.clock)();
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let opened = store.open_editable(id);
        if opened.is_ok() {
            let _ = store.set_last_open(Some(id), now);
        }
        match opened {
            Ok(draft) => self.show(draft),
            Err(error) => self.view.notice = Some(Notice::text(error.message())),
        }
    }

    /// Puts a draft into the form.
    fn show(&mut self, draft: Draft) {
        self.save_pending = false;
        self.effects
            .push(Effect::Load(Box::new(draft.declaration.clone())));
        self.open = draft;
        self.opened();
        self.view.conflict = None;
        if self.view.unavailable.is_none() {
            self.view.status = SaveStatus::Idle;
        }
    }

    /// Shows a conflict and pauses autosave until the user chooses.
    fn set_conflict(&mut self, conflict: Conflict) {
        self.save_pending = false;
        self.view.status = SaveStatus::Failed(conflict.status_text().into());
        self.view.conflict = Some(conflict);
    }

    /// Reports how a store call went, then reloads the list.
    fn after(&mut self, result: Option<Result<String, DraftError>>) {
        match result {
            Some(Ok(text)) => self.view.notice = Some(Notice::text(text)),
            Some(Err(error)) => self.view.notice = Some(Notice::text(error.message())),
            None => {}
        }
        self.reload_list();
    }
}
