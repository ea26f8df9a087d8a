//! The page's side of the draft session: signals the page shows, kept in step with the pure
//! `model::draft_session::Session`, which decides everything. This forwards the browser's
//! events to it (edits, animation frames, leaving the page, other tabs' writes, clicks) and
//! performs its effects (filling the form, downloads).

use leptos::prelude::*;

use crate::browser::{self, storage::LocalStore, system};
use crate::model::backup::{ImportChoice, ImportPlan};
use crate::model::declaration::Declaration;
use crate::model::draft_session::{Changes, Effect as Do, Form, Session, UNSAVED_NAME};
pub use crate::model::draft_session::{Conflict, Notice, SaveStatus};
use crate::model::drafts::{
    missing_in, DeletedDraft, DraftId, DraftSummary, ReadOnlyDraft, RecoveredEntry, RecoveryEntry,
};
use crate::model::paper::SignedCopy;
use crate::ui::state::FormState;

/// Everything about drafts the page shows. `Copy`: all handles.
#[derive(Clone, Copy)]
pub struct DraftSession {
    form: FormState,
    model: StoredValue<Session<LocalStore>, LocalStorage>,
    /// The animation frame that will save the latest edit, if one is requested.
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

/// Sets a signal to what the session changed it to, if it changed it.
fn set<T: Send + Sync + 'static>(signal: RwSignal<T>, changed: Option<T>) {
    if let Some(value) = changed {
        signal.set(value);
    }
}

impl DraftSession {
    /// Opens storage, loads the list and reopens the last open draft (or starts a new one).
    pub fn start(form: FormState) -> DraftSession {
        let model = Session::start(LocalStore::open(), system::now, new_id);
        let session = DraftSession {
            form,
            model: StoredValue::new_local(model),
            frame: StoredValue::new_local(None),
            unavailable: RwSignal::new(None),
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
        session.settle();
        session.watch();
        session
    }

    /// Runs an event on the model with the form as it is now, then performs its effects and
    /// brings the signals in step.
    fn run<T>(&self, event: impl FnOnce(&mut Session<LocalStore>, Form) -> T) -> Option<T> {
        let missing = self.form.report.with_untracked(missing_in);
        let out = self.form.declaration.with_untracked(|declaration| {
            self.model.try_update_value(|model| {
                event(
                    model,
                    Form {
                        declaration,
                        missing,
                    },
                )
            })
        });
        self.settle();
        out
    }

    /// Performs the model's effects and mirrors its state into the signals.
    fn settle(&self) {
        let effects = self
            .model
            .try_update_value(|model| model.take_effects())
            .unwrap_or_default();
        for effect in effects {
            match effect {
                Do::Load(declaration) => {
                    self.form.declaration.set(*declaration);
                    self.form.touched.set(Default::default());
                    self.form.checked.set(false);
                }
                Do::Download {
                    name,
                    content,
                    media_type,
                    done,
                } => {
                    let result = browser::files::download(&name, content.as_bytes(), media_type);
                    self.model
                        .update_value(|model| model.downloaded(done, result));
                }
            }
        }
        let Some((pending, changes)) = self
            .model
            .try_update_value(|model| (model.save_pending(), model.take_changes()))
        else {
            return;
        };
        if !pending {
            self.cancel_frame();
        }
        let Changes {
            unavailable,
            status,
            drafts,
            read_only,
            recovered,
            recovery,
            conflict,
            notice,
            open_id,
            quota_full,
        } = changes;
        set(self.unavailable, unavailable);
        set(self.status, status);
        set(self.drafts, drafts);
        set(self.read_only, read_only);
        set(self.recovered, recovered);
        set(self.recovery, recovery);
        set(self.conflict, conflict);
        set(self.notice, notice);
        set(self.open_id, open_id);
        set(self.quota_full, quota_full);
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
                .unwrap_or_else(|| UNSAVED_NAME.to_string())
        })
    }

    /// Whether the form holds edits not yet stored.
    pub fn is_dirty(&self) -> bool {
        self.form.declaration.with_untracked(|declaration| {
            self.model
                .try_with_value(|model| model.is_dirty(declaration))
                .unwrap_or(false)
        })
    }

    /// Saves every change in the next animation frame, so that a crash loses at most the last
    /// frame's keystroke; flushes when the page is hidden or closed; follows other tabs' writes.
    fn watch(self) {
        Effect::new(move |_| {
            self.form.declaration.track();
            if self.is_dirty() {
                self.edited();
            }
        });
        browser::events::on_page_hidden(move || self.flush());
        browser::events::on_storage_change(move |key, value| {
            self.run(|model, form| model.external_change(form, key.as_deref(), value.as_deref()));
        });
    }

    fn cancel_frame(&self) {
        if let Some(handle) = self.frame.try_update_value(Option::take).flatten() {
            handle.cancel();
        }
    }

    /// Asks for a save in the next frame if the model wants one.
    fn edited(&self) {
        let wanted = self
            .model
            .try_update_value(|model| model.edited())
            .unwrap_or(false);
        self.settle();
        if !wanted {
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
        self.run(|model, form| model.flush(form));
    }

    /// Writes the open draft, unless another tab's newer edits are in the way.
    pub fn save_now(&self) {
        self.run(|model, form| model.save_now(form));
    }

    /// Conflict resolved: take the other tab's version, dropping this tab's unsaved edits.
    pub fn take_theirs(&self) {
        self.run(|model, _| model.take_theirs());
    }

    /// Conflict resolved: keep this tab's version, replacing the other's (the user chose so).
    pub fn keep_mine(&self) {
        self.run(|model, form| model.keep_mine(form));
    }

    /// Conflict resolved: store this tab's version as a new draft, leaving the other alone.
    pub fn keep_mine_as_copy(&self) {
        self.run(|model, form| model.keep_mine_as_copy(form));
    }

    /// Opens a stored draft, saving the current one first.
    pub fn open_draft(&self, id: &DraftId) {
        self.run(|model, form| model.open_draft(form, id));
    }

    /// Starts a new, empty draft and stores it at once so that it is in the list.
    pub fn new_draft(&self) {
        self.run(|model, form| model.new_draft(form));
    }

    /// Starts a new draft holding this declaration (e.g. from a signed file) and stores it.
    pub fn open_as_new_draft(&self, declaration: Declaration) {
        self.run(|model, form| model.open_as_new_draft(form, declaration));
    }

    pub fn duplicate(&self, id: &DraftId) {
        self.run(|model, form| model.duplicate(form, id));
    }

    pub fn rename(&self, id: &DraftId, name: &str) {
        self.run(|model, form| model.rename(form, id, name));
    }

    pub fn delete(&self, id: &DraftId) {
        self.run(|model, form| model.delete(form, id));
    }

    pub fn undo_delete(&self, deleted: &DeletedDraft) {
        self.run(|model, _| model.undo_delete(deleted));
    }

    pub fn dismiss_notice(&self) {
        self.run(|model, _| model.dismiss_notice());
    }

    pub fn dismiss_recovered(&self) {
        self.run(|model, _| model.dismiss_recovered());
    }

    /// Downloads a backup of one draft (`Some`) or all of them. With storage unavailable, the
    /// open draft alone, from memory.
    pub fn export_backup(&self, ids: Option<Vec<DraftId>>) {
        self.run(|model, form| model.export_backup(form, ids.as_deref()));
    }

    /// What importing this backup would do, or why the file cannot be used.
    pub fn plan_restore(&self, bytes: &[u8]) -> Result<ImportPlan, String> {
        self.run(|model, form| model.plan_restore(form, bytes))
            .unwrap_or_else(|| Err(STORE_GONE.into()))
    }

    pub fn apply_restore(
        &self,
        plan: &ImportPlan,
        choices: &std::collections::BTreeMap<DraftId, ImportChoice>,
    ) -> Result<String, String> {
        self.run(|model, _| model.apply_restore(plan, choices))
            .unwrap_or_else(|| Err(STORE_GONE.into()))
    }

    pub fn fresh_id(&self) -> DraftId {
        new_id()
    }

    /// Downloads an entry of the recovery area exactly as it was found.
    pub fn download_recovery(&self, key: &str) {
        self.run(|model, _| model.download_recovery(key));
    }

    /// The signed copy kept beside the open draft, if one is stored.
    pub fn signed_copy(&self) -> Option<SignedCopy> {
        self.model.try_with_value(Session::signed_copy).flatten()
    }

    /// Keeps what was just signed beside the open draft. Without storage the binding lasts
    /// for this session only, as the draft itself does.
    pub fn keep_signed_copy(&self, copy: &SignedCopy) {
        self.model
            .try_update_value(|model| model.keep_signed_copy(copy));
    }

    pub fn discard_recovery(&self, key: &str) {
        self.run(|model, _| model.discard_recovery(key));
    }
}

/// The session is gone (the page is being torn down).
const STORE_GONE: &str = "页面正在关闭，未能完成。";
