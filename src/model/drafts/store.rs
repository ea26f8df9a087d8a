//! `DraftStore`: the drafts over a key–value store — list, open, create, save against other
//! tabs' writes, copy, rename, delete and undo, the last open draft, the recovery area, and the
//! signed copy kept beside a draft. The record formats and the rules are in the parent module.

use chrono::{DateTime, Utc};

use super::record::{read_record, RecordRead};
use super::{
    classify_key, copy_name, draft_key, read_state, DeletedDraft, Draft, DraftError, DraftId,
    DraftSummary, KeyKind, LoadReport, Opened, RecoveredEntry, RecoveryEntry, SaveOutcome, Scan,
    StateRead, StateV1, MAX_REVISION, SCHEMA_VERSION, UNNAMED,
};
use crate::model::error::UserError;
use crate::model::paper::SignedCopy;
use crate::model::sort;
use crate::model::storage::{
    signed_copy_key, KeyValueStore, StoreError, PREFIX, RECOVERY_PREFIX, STATE_KEY,
};

/// Drafts over a key–value store. It holds no state of its own besides the store: each tab's
/// `Draft` carries the revision it is based on, so several `DraftStore`s over one shared store
/// behave like several tabs.
#[derive(Clone, Debug, Default)]
pub struct DraftStore<S> {
    store: S,
    /// The record this store last saved: its key, revision and exact text. A stored value
    /// equal to it byte for byte is known to be that revision without parsing it again (saves
    /// come once a frame while the user types).
    last_saved: Option<(String, u64, String)>,
}

impl<S: KeyValueStore> DraftStore<S> {
    pub fn new(store: S) -> Self {
        DraftStore {
            store,
            last_saved: None,
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    pub fn into_inner(self) -> S {
        self.store
    }

    /// The signed copy kept beside a draft (what its last signed export held, with the
    /// binding printed on its paper copy), if one is stored and can be read.
    pub fn signed_copy(&self, id: &DraftId) -> Option<SignedCopy> {
        let raw = self.store.get(&signed_copy_key(id.as_str())).ok()??;
        SignedCopy::from_json(&raw)
    }

    /// Keeps `copy` beside its draft, replacing an earlier one.
    pub fn keep_signed_copy(&mut self, id: &DraftId, copy: &SignedCopy) -> Result<(), StoreError> {
        let json = copy
            .to_json()
            .map_err(|e| StoreError::Other(e.to_string()))?;
        self.store.set(&signed_copy_key(id.as_str()), &json)
    }

    /// Lists every draft, sets unreadable entries aside (unchanged, under a recovery key) and
    /// reports them. Fails only if the storage cannot be read at all.
    pub fn load_all(&mut self, now: DateTime<Utc>) -> Result<LoadReport, StoreError> {
        let scan = self.scan()?;
        let mut recovered = Vec::new();
        for (key, raw, detail) in &scan.corrupt {
            let entry = match self.set_aside(key, raw, now) {
                Ok(recovery_key) => RecoveredEntry::new(key, Some(recovery_key), detail.clone()),
                Err(_) => RecoveredEntry::new(key, None, detail.clone()),
            };
            recovered.push(entry);
        }
        let mut drafts: Vec<DraftSummary> = scan.drafts.iter().map(DraftSummary::of).collect();
        sort::sort_by(&mut drafts, &|a, b| {
            b.modified_at
                .cmp(&a.modified_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut read_only = scan.read_only;
        sort::sort_by(&mut read_only, &|a, b| {
            b.modified_at
                .cmp(&a.modified_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        let last_open = scan.last_open.filter(|id| {
            drafts.iter().any(|d| &d.id == id) || read_only.iter().any(|d| &d.id == id)
        });
        Ok(LoadReport {
            drafts,
            read_only,
            recovered,
            last_open,
        })
    }

    /// Reads every record without changing anything.
    pub(crate) fn scan(&self) -> Result<Scan, StoreError> {
        let mut keys = self.store.keys()?;
        sort::sort_by(&mut keys, &Ord::cmp);
        let mut scan = Scan::default();
        for key in keys {
            match classify_key(&key) {
                KeyKind::Draft(raw_id) => {
                    let Some(raw) = self.store.get(&key)? else {
                        continue;
                    };
                    let id = match DraftId::parse(raw_id) {
                        Ok(id) => id,
                        Err(error) => {
                            scan.corrupt.push((key.clone(), raw, error.message()));
                            continue;
                        }
                    };
                    match read_record(&raw, Some(&id)) {
                        RecordRead::Editable(draft) => scan.drafts.push(draft),
                        RecordRead::ReadOnly(draft) => scan.read_only.push(draft),
                        RecordRead::Corrupt(detail) => {
                            scan.corrupt.push((key.clone(), raw, detail))
                        }
                    }
                }
                KeyKind::State => {
                    let Some(raw) = self.store.get(&key)? else {
                        continue;
                    };
                    match read_state(&raw) {
                        StateRead::Current(id) | StateRead::Newer(id) => scan.last_open = id,
                        StateRead::Corrupt(detail) => scan.corrupt.push((key.clone(), raw, detail)),
                    }
                }
                KeyKind::Recovery | KeyKind::OtherOurs | KeyKind::Foreign => {}
            }
        }
        Ok(scan)
    }

    /// Opens one draft, editable or (from a newer version) read-only.
    pub fn open(&self, id: &DraftId) -> Result<Opened, DraftError> {
        let raw = self
            .store
            .get(&draft_key(id))?
            .ok_or_else(|| DraftError::NotFound { id: id.clone() })?;
        match read_record(&raw, Some(id)) {
            RecordRead::Editable(draft) => Ok(Opened::Editable(draft)),
            RecordRead::ReadOnly(draft) => Ok(Opened::ReadOnly(draft)),
            RecordRead::Corrupt(detail) => Err(DraftError::Corrupt {
                id: id.clone(),
                detail,
            }),
        }
    }

    /// Opens a draft to edit: like `open`, but a newer-version draft is an error.
    pub fn open_editable(&self, id: &DraftId) -> Result<Draft, DraftError> {
        match self.open(id)? {
            Opened::Editable(draft) => Ok(draft),
            Opened::ReadOnly(draft) => Err(DraftError::ReadOnly {
                id: draft.id,
                schema: draft.schema,
            }),
        }
    }

    /// Creates and stores an empty draft (revision 1). The caller passes a fresh random id;
    /// if it is taken, `AlreadyExists` (try another).
    pub fn create(&mut self, id: DraftId, now: DateTime<Utc>) -> Result<Draft, DraftError> {
        let mut draft = Draft::new(id, now);
        self.insert_new(&mut draft, now)?;
        Ok(draft)
    }

    /// Stores a draft that must not exist yet (revision 1).
    pub fn insert_new(
        &mut self,
        draft: &mut Draft,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome, DraftError> {
        let key = draft_key(draft.id());
        if self.store.get(&key)?.is_some() {
            return Err(DraftError::AlreadyExists {
                id: draft.id().clone(),
            });
        }
        let stored = draft.with_revision(1, now);
        let bytes = self.write(&key, &stored)?;
        *draft = stored;
        Ok(SaveOutcome {
            revision: 1,
            bytes,
            recovered: None,
        })
    }

    /// Saves a draft if no other tab has saved it since this copy was loaded or saved:
    /// otherwise `Conflict` (with their version) or `DeletedElsewhere`, and nothing is written.
    /// A newer-version record is never overwritten (`ReadOnly`). An unreadable value in the way
    /// is set aside first. On a storage error (e.g. `QuotaExceeded`) the stored record is the
    /// previous one and `draft` is unchanged.
    pub fn save(
        &mut self,
        draft: &mut Draft,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome, DraftError> {
        let key = draft_key(draft.id());
        let mut recovered = None;
        let current = self.store.get(&key)?;
        let unchanged_since_our_save = matches!(
            (&current, &self.last_saved),
            (Some(raw), Some((k, revision, ours)))
                if *k == key && *revision == draft.revision() && raw == ours
        );
        match current {
            Some(_) if unchanged_since_our_save && draft.revision() < MAX_REVISION => {}
            None if draft.revision() != 0 => {
                return Err(DraftError::DeletedElsewhere {
                    id: draft.id().clone(),
                });
            }
            None => {}
            Some(raw) => match read_record(&raw, Some(draft.id())) {
                RecordRead::Editable(theirs) => {
                    // A revision at the cap cannot move on: another tab could not tell this
                    // save from its own, so it is a conflict, never a silent overwrite.
                    if !draft.is_same_save(&theirs) || draft.revision() >= MAX_REVISION {
                        return Err(DraftError::Conflict {
                            theirs: Box::new(theirs),
                        });
                    }
                }
                RecordRead::ReadOnly(theirs) => {
                    return Err(DraftError::ReadOnly {
                        id: theirs.id,
                        schema: theirs.schema,
                    });
                }
                RecordRead::Corrupt(detail) => {
                    let recovery_key = self.set_aside(&key, &raw, now)?;
                    recovered = Some(RecoveredEntry::new(&key, Some(recovery_key), detail));
                }
            },
        }
        // Below the cap here: a stored record at the cap was refused above as a conflict, and no
        // record above it is ever read.
        let revision = draft.revision().saturating_add(1).min(MAX_REVISION);
        let stored = draft.next_save(revision, now);
        let json = stored
            .to_record_json()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        self.store.set(&key, &json)?;
        let bytes = json.len();
        self.last_saved = Some((key, revision, json));
        *draft = stored;
        Ok(SaveOutcome {
            revision,
            bytes,
            recovered,
        })
    }

    /// Copies a stored draft under `new_id`; the copy is named "…（副本）" (or "（副本 2）"… if
    /// taken). Saves the source first if this tab has unsaved edits to it.
    pub fn duplicate(
        &mut self,
        source: &DraftId,
        new_id: DraftId,
        now: DateTime<Utc>,
    ) -> Result<Draft, DraftError> {
        let original = self.open_editable(source)?;
        let scan = self.scan()?;
        let names: Vec<String> = scan
            .drafts
            .iter()
            .map(Draft::display_name)
            .chain(scan.read_only.iter().map(|d| d.name.clone()))
            .collect();
        let name = copy_name(&original.display_name(), names.iter().map(String::as_str));
        let mut copy = original.copy_as(new_id, &name, now);
        self.insert_new(&mut copy, now)?;
        Ok(copy)
    }

    /// Renames a stored draft from the list (blank: back to the 集群名称). For the draft open in
    /// this tab, use `Draft::set_name` and `save` instead, so that its revision stays in step.
    pub fn rename(
        &mut self,
        id: &DraftId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Draft, DraftError> {
        let mut draft = self.open_editable(id)?;
        draft.set_name(name);
        self.save(&mut draft, now)?;
        Ok(draft)
    }

    /// Deletes a draft (whatever its version or state) and its signed copy, and returns both
    /// exactly as stored, for `undo_delete`. On a storage error nothing is deleted.
    pub fn delete(&mut self, id: &DraftId) -> Result<DeletedDraft, DraftError> {
        let key = draft_key(id);
        let raw = self
            .store
            .get(&key)?
            .ok_or_else(|| DraftError::NotFound { id: id.clone() })?;
        let name = match read_record(&raw, Some(id)) {
            RecordRead::Editable(draft) => draft.display_name(),
            RecordRead::ReadOnly(draft) => draft.name,
            RecordRead::Corrupt(_) => UNNAMED.to_string(),
        };
        let copy_key = signed_copy_key(id.as_str());
        let signed = self.store.get(&copy_key)?;
        if signed.is_some() {
            self.store.remove(&copy_key)?;
        }
        if let Err(error) = self.store.remove(&key) {
            // The draft stays: so does its copy.
            if let Some(copy) = &signed {
                let _ = self.store.set(&copy_key, copy);
            }
            return Err(error.into());
        }
        Ok(DeletedDraft {
            id: id.clone(),
            name,
            raw,
            signed,
        })
    }

    /// Puts a deleted draft and its signed copy back, byte for byte, unless something has been
    /// stored under its id since (`AlreadyExists`; nothing is overwritten). On a storage error
    /// nothing is put back.
    pub fn undo_delete(&mut self, deleted: &DeletedDraft) -> Result<(), DraftError> {
        let key = draft_key(&deleted.id);
        if self.store.get(&key)?.is_some() {
            return Err(DraftError::AlreadyExists {
                id: deleted.id.clone(),
            });
        }
        let copy_key = signed_copy_key(deleted.id.as_str());
        if let Some(copy) = &deleted.signed {
            self.store.set(&copy_key, copy)?;
        }
        if let Err(error) = self.store.set(&key, &deleted.raw) {
            if deleted.signed.is_some() {
                let _ = self.store.remove(&copy_key);
            }
            return Err(error.into());
        }
        Ok(())
    }

    /// Remembers which draft is open, for the next visit. A state record from a newer version is
    /// left as it is; an unreadable one is set aside first.
    pub fn set_last_open(
        &mut self,
        id: Option<&DraftId>,
        now: DateTime<Utc>,
    ) -> Result<(), DraftError> {
        if let Some(raw) = self.store.get(STATE_KEY)? {
            match read_state(&raw) {
                StateRead::Current(current) if current.as_ref() == id => return Ok(()),
                StateRead::Current(_) => {}
                StateRead::Newer(_) => return Ok(()),
                StateRead::Corrupt(_) => {
                    self.set_aside(STATE_KEY, &raw, now)?;
                }
            }
        }
        let state = StateV1 {
            schema: SCHEMA_VERSION,
            last_open: id.cloned(),
        };
        let json =
            serde_json::to_string(&state).map_err(|error| StoreError::Other(error.to_string()))?;
        self.store.set(STATE_KEY, &json)?;
        Ok(())
    }

    /// Everything in the recovery area, oldest first.
    pub fn recovery_entries(&self) -> Result<Vec<RecoveryEntry>, StoreError> {
        let mut entries = Vec::new();
        for key in self.store.keys()? {
            if classify_key(&key) != KeyKind::Recovery {
                continue;
            }
            let Some(value) = self.store.get(&key)? else {
                continue;
            };
            if let Some(entry) = RecoveryEntry::parse(&key, value.chars().count()) {
                entries.push(entry);
            }
        }
        sort::sort_by(&mut entries, &|a, b| {
            a.set_aside_at
                .cmp(&b.set_aside_at)
                .then_with(|| a.key.cmp(&b.key))
        });
        Ok(entries)
    }

    /// The unchanged value of a recovery entry, for download.
    pub fn recovery_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        if classify_key(key) != KeyKind::Recovery {
            return Ok(None);
        }
        self.store.get(key)
    }

    /// Removes a recovery entry (after the user downloaded or dismissed it). Returns whether
    /// the key was a recovery key; other keys are never touched.
    pub fn discard_recovery(&mut self, key: &str) -> Result<bool, StoreError> {
        if classify_key(key) != KeyKind::Recovery {
            return Ok(false);
        }
        self.store.remove(key)?;
        Ok(true)
    }

    /// Characters stored under the prefix (keys and values, in UTF-16 code units, as browsers
    /// count towards their quota of roughly 5 million).
    pub fn usage(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        for key in self.store.keys()? {
            if classify_key(&key) == KeyKind::Foreign {
                continue;
            }
            if let Some(value) = self.store.get(&key)? {
                total += key.encode_utf16().count() + value.encode_utf16().count();
            }
        }
        Ok(total)
    }

    /// Writes a draft record; returns its length in bytes.
    pub(crate) fn write(&mut self, key: &str, draft: &Draft) -> Result<usize, StoreError> {
        let json = draft
            .to_record_json()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        self.store.set(key, &json)?;
        Ok(json.len())
    }

    /// The raw stored value of a draft, if any.
    pub(crate) fn raw(&self, id: &DraftId) -> Result<Option<String>, StoreError> {
        self.store.get(&draft_key(id))
    }

    /// Copies an unreadable value, unchanged, to a fresh recovery key, then removes the
    /// original. Returns the recovery key. If the copy fails, nothing has changed; if the
    /// removal fails, the copy is withdrawn (as far as possible) and the error returned.
    fn set_aside(
        &mut self,
        key: &str,
        raw: &str,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        let rest = key.strip_prefix(PREFIX).unwrap_or(key);
        let base = format!("{RECOVERY_PREFIX}{rest}:{}", now.timestamp_millis());
        let mut recovery_key = base.clone();
        let mut n = 2;
        while self.store.get(&recovery_key)?.is_some() {
            if n > 1000 {
                return Err(StoreError::Other("too many recovery entries".into()));
            }
            recovery_key = format!("{base}-{n}");
            n += 1;
        }
        self.store.set(&recovery_key, raw)?;
        if let Err(error) = self.store.remove(key) {
            let _ = self.store.remove(&recovery_key);
            return Err(error);
        }
        Ok(recovery_key)
    }
}
