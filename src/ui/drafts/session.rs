//! The page's side of the draft session: the pure `model::draft_session::Session` decides
//! everything, and its `SessionView` is held in one signal that the page reads through memos. This forwards the browser's
//! events to it (edits, animation frames, leaving the page, other tabs' writes, clicks) and
//! performs its effects (filling the form, downloads).

use leptos::prelude::*;

use crate::browser::{self, storage::LocalStore, system};
use crate::model::backup::import::{ImportChoice, ImportPlan};
use crate::model::declaration::Declaration;
use crate::model::draft_session::ShownImport;
pub use crate::model::draft_session::{Conflict, Notice, SaveStatus};
use crate::model::draft_session::{Effect as Do, Form, Session, SessionView, UNSAVED_NAME};
use crate::model::drafts::{
    missing_in, DeletedDraft, DraftId, DraftSummary, ReadOnlyDraft, RecoveredEntry, RecoveryEntry,
};
use crate::model::office::docx_read::WordImport;
use crate::model::paper::{PaperBinding, SignedCopy};
use crate::ui::state::FormState;

/// Everything about drafts the page shows. `Copy`: all handles.
#[derive(Clone, Copy)]
pub struct DraftSession {
    form: FormState,
    /// The model, once `start` has opened storage (none while the page's first view is drawn).
    model: StoredValue<Option<Session<LocalStore>>, LocalStorage>,
    /// The animation frame that will save the latest edit, if one is requested.
    frame: StoredValue<Option<AnimationFrameRequestHandle>, LocalStorage>,
    /// What the model shows, as one value; the parts below are memos of it.
    view: RwSignal<SessionView>,
    /// Why storage cannot be used, if it cannot.
    pub unavailable: Memo<Option<String>>,
    pub status: Memo<SaveStatus>,
    pub drafts: Memo<Vec<DraftSummary>>,
    pub read_only: Memo<Vec<ReadOnlyDraft>>,
    pub recovered: Memo<Vec<RecoveredEntry>>,
    pub recovery: Memo<Vec<RecoveryEntry>>,
    pub conflict: Memo<Option<Conflict>>,
    pub notice: Memo<Option<Notice>>,
    /// The id of the open draft (for the list's "当前" mark).
    pub open_id: Memo<String>,
    /// Whether storage refused the last save for lack of space.
    pub quota_full: Memo<bool>,
}

fn new_id() -> DraftId {
    DraftId::from_random(&system::id_bytes())
}

/// A memo of one part of the view: what shows it redraws only when that part changes.
fn part<T: PartialEq + Send + Sync + 'static>(
    view: RwSignal<SessionView>,
    part: fn(&SessionView) -> T,
) -> Memo<T> {
    Memo::new(move |_| view.with(part))
}

impl DraftSession {
    /// The session before it has touched storage: the view of a page that has no drafts yet,
    /// the same in the browser as in the page's HTML written at build time (`start` then opens
    /// storage and brings the view in step).
    pub fn new(form: FormState) -> DraftSession {
        let view = RwSignal::new(SessionView::default());
        DraftSession {
            form,
            model: StoredValue::new_local(None),
            frame: StoredValue::new_local(None),
            view,
            unavailable: part(view, |v| v.unavailable.clone()),
            status: part(view, |v| v.status.clone()),
            drafts: part(view, |v| v.drafts.clone()),
            read_only: part(view, |v| v.read_only.clone()),
            recovered: part(view, |v| v.recovered.clone()),
            recovery: part(view, |v| v.recovery.clone()),
            conflict: part(view, |v| v.conflict.clone()),
            notice: part(view, |v| v.notice.clone()),
            open_id: part(view, |v| v.open_id.clone()),
            quota_full: part(view, |v| v.quota_full),
        }
    }

    /// Opens storage, loads the list and reopens the last open draft (or starts a new one);
    /// from then on follows the form's edits, the page's leaving and other tabs' writes. Once.
    pub fn start(&self) {
        if self.model.with_value(Option::is_some) {
            return;
        }
        self.model.set_value(Some(Session::start(
            LocalStore::open(),
            system::now,
            new_id,
        )));
        self.settle();
        self.watch();
    }

    /// Runs an event on the model with the form as it is now, then performs its effects and
    /// brings the view in step.
    fn run<T>(&self, event: impl FnOnce(&mut Session<LocalStore>, Form) -> T) -> Option<T> {
        let missing = self.form.report.with_untracked(missing_in);
        let out = self.form.declaration.with_untracked(|declaration| {
            self.model
                .try_update_value(|model| {
                    model.as_mut().map(|model| {
                        event(
                            model,
                            Form {
                                declaration,
                                missing,
                            },
                        )
                    })
                })
                .flatten()
        });
        self.settle();
        out
    }

    /// Performs the model's effects and takes its view, if it changed.
    fn settle(&self) {
        let effects = self
            .model
            .try_update_value(|model| model.as_mut().map(Session::take_effects))
            .flatten()
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
                    self.model.update_value(|model| {
                        if let Some(model) = model {
                            model.downloaded(done, result);
                        }
                    });
                }
            }
        }
        let pending = self.model.try_with_value(|model| {
            let model = model.as_ref()?;
            self.view.maybe_update(|shown| {
                let changed = shown != model.view();
                if changed {
                    shown.clone_from(model.view());
                }
                changed
            });
            Some(model.save_pending())
        });
        if pending.flatten() == Some(false) {
            self.cancel_frame();
        }
    }

    /// What binds the paper to the signed file while `declaration` holds exactly what the
    /// open draft's last signed export held (read when printing or exporting Word; not worked
    /// out on every keystroke).
    pub fn binding_of(&self, declaration: RwSignal<Declaration>) -> Signal<Option<PaperBinding>> {
        let view = self.view;
        Signal::derive(move || {
            view.with(|v| {
                v.signed
                    .as_ref()
                    .filter(|copy| declaration.with(|d| copy.matches(d)))
                    .map(|copy| copy.binding.clone())
            })
        })
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
                .try_with_value(|model| model.as_ref().map(|m| m.is_dirty(declaration)))
                .flatten()
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
            .try_update_value(|model| model.as_mut().map(Session::edited))
            .flatten()
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

    /// A signed file handed over by the city office's page (its text): a new draft once it
    /// verifies again, else a plain refusal.
    pub fn open_handover(&self, text: String) {
        self.run(move |model, form| model.open_handover(form, &text));
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

    /// Keeps what was just signed beside the open draft (see `Session::keep_signed_copy`).
    pub fn keep_signed_copy(&self, copy: SignedCopy) {
        self.run(|model, _| model.keep_signed_copy(copy));
    }

    pub fn discard_recovery(&self, key: &str) {
        self.run(|model, _| model.discard_recovery(key));
    }

    /// Starts a new draft from a Word file read back; its report is kept to show.
    pub fn open_word_import(&self, import: WordImport, file_name: &str) {
        self.run(|model, form| model.open_word_import(form, import, file_name));
    }

    pub fn dismiss_word_import(&self) {
        self.run(|model, _| model.dismiss_word_import());
    }

    /// The Word import's report, while the draft it made is open.
    pub fn shown_import(&self) -> Memo<Option<ShownImport>> {
        let view = self.view;
        Memo::new(move |_| view.with(|v| v.shown_import().cloned()))
    }
}

/// The session is gone (the page is being torn down).
const STORE_GONE: &str = "页面正在关闭，未能完成。";
