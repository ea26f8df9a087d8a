//! Import: a parsed backup sorted against what is stored (new, identical, in conflict), the
//! user's choice for each conflict, and the choices carried out without ever overwriting a
//! draft unasked.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Backup;
use crate::model::drafts::store::DraftStore;
use crate::model::drafts::{
    copy_name, draft_key, read_record_value, Draft, DraftError, DraftId, LoadReport, RecordRead,
    MAX_REVISION,
};
use crate::model::error::UserError;
use crate::model::storage::{KeyValueStore, StoreError};

/// A stored draft as the import dialog shows it beside the incoming one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingDraft {
    pub id: DraftId,
    pub name: String,
    pub modified_at: Option<DateTime<Utc>>,
    /// `None` for a newer-version draft.
    pub revision: Option<u64>,
    /// From a newer version: it can be kept, or the incoming one imported as a copy, but never
    /// replaced.
    pub read_only: bool,
}

/// A draft in the file whose id is already used here, with different content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportConflict {
    pub existing: ExistingDraft,
    pub incoming: Draft,
}

/// What importing a backup would do, before anything is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Drafts not stored here: imported as they are.
    pub new: Vec<Draft>,
    /// Drafts stored here already, unchanged since (same revision, time and name): nothing to do.
    pub identical: Vec<DraftId>,
    /// Same id, different content: the user must choose for each.
    pub conflicts: Vec<ImportConflict>,
}

impl ImportPlan {
    /// Whether the user must be asked anything.
    pub fn needs_choices(&self) -> bool {
        !self.conflicts.is_empty()
    }
}

/// What the user chose for one conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportChoice {
    /// Leave the stored draft; skip the incoming one.
    KeepExisting,
    /// Replace the stored draft with the incoming one (refused for a newer-version draft).
    ReplaceExisting,
    /// Keep both: the incoming draft is stored under `new_id` (random, from the caller), named
    /// "…（副本）".
    ImportAsCopy { new_id: DraftId },
}

/// What the user picks for a conflict, before an id is needed: the three options of the
/// restore dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreOption {
    Keep,
    Replace,
    Copy,
}

impl RestoreOption {
    pub const ALL: [RestoreOption; 3] = [
        RestoreOption::Keep,
        RestoreOption::Replace,
        RestoreOption::Copy,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RestoreOption::Keep => "保留本机的版本",
            RestoreOption::Replace => "用备份中的版本替换",
            RestoreOption::Copy => "两者都保留（备份中的另存为副本）",
        }
    }

    /// For element ids.
    pub fn slug(self) -> &'static str {
        match self {
            RestoreOption::Keep => "keep",
            RestoreOption::Replace => "replace",
            RestoreOption::Copy => "copy",
        }
    }

    /// The choice to carry out; a copy takes a fresh id from `new_id`.
    pub fn choice(self, new_id: impl FnOnce() -> DraftId) -> ImportChoice {
        match self {
            RestoreOption::Keep => ImportChoice::KeepExisting,
            RestoreOption::Replace => ImportChoice::ReplaceExisting,
            RestoreOption::Copy => ImportChoice::ImportAsCopy { new_id: new_id() },
        }
    }
}

/// The most saves a real draft has: 2³² is a save a second for 136 years. A backup's new
/// draft claiming more is renumbered on import.
pub const MAX_PLAUSIBLE_REVISION: u64 = 1 << 32;

/// Sorts a backup's drafts against what is stored (`existing`: a fresh `load_all`).
pub fn plan_import(existing: &LoadReport, backup: Backup) -> ImportPlan {
    let mut plan = ImportPlan::default();
    for incoming in backup.drafts {
        let id = incoming.id();
        if let Some(summary) = existing.drafts.iter().find(|d| &d.id == id) {
            let same = summary.revision == incoming.revision()
                && summary.modified_at == incoming.modified_at()
                && summary.name == incoming.display_name();
            if same {
                plan.identical.push(id.clone());
            } else {
                plan.conflicts.push(ImportConflict {
                    existing: ExistingDraft {
                        id: summary.id.clone(),
                        name: summary.name.clone(),
                        modified_at: Some(summary.modified_at),
                        revision: Some(summary.revision),
                        read_only: false,
                    },
                    incoming,
                });
            }
        } else if let Some(newer) = existing.read_only.iter().find(|d| &d.id == id) {
            plan.conflicts.push(ImportConflict {
                existing: ExistingDraft {
                    id: newer.id.clone(),
                    name: newer.name.clone(),
                    modified_at: newer.modified_at,
                    revision: None,
                    read_only: true,
                },
                incoming,
            });
        } else {
            plan.new.push(incoming);
        }
    }
    plan
}

/// Why an import could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No choice for this conflict. Nothing was written.
    MissingChoice { id: DraftId },
    /// "Replace" was chosen for a newer-version draft. Nothing was written.
    ReplaceReadOnly { id: DraftId },
    /// An id given for "import as copy" is in use or given twice. Nothing was written.
    CopyIdTaken { id: DraftId },
    /// The storage failed part-way; `done` says what was written before.
    Store {
        error: StoreError,
        done: Box<ImportReport>,
    },
}

impl UserError for ImportError {
    fn message(&self) -> String {
        match self {
            ImportError::MissingChoice { .. } => {
                "备份中有草稿与本机已有的草稿冲突，请先逐一选择保留、替换或两者都保留。未导入任何内容。"
                    .to_string()
            }
            ImportError::ReplaceReadOnly { .. } => {
                "本机已有的一份草稿由较新版本保存，不能被替换；请选择保留或两者都保留。未导入任何内容。"
                    .to_string()
            }
            ImportError::CopyIdTaken { .. } => {
                "另存为副本时生成的草稿编号重复，未导入任何内容。请重试。".into()
            }
            ImportError::Store { error, done } => format!(
                "导入中途出错：{}已完成的部分：{}",
                error.message(),
                done.message()
            ),
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            ImportError::Store { error, .. } => error.technical(),
            _ => None,
        }
    }
}

/// Why one draft of the plan was not written after all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedImport {
    pub id: DraftId,
    /// In Chinese.
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// New drafts stored.
    pub imported: Vec<DraftId>,
    /// Stored drafts replaced by the incoming ones.
    pub replaced: Vec<DraftId>,
    /// Incoming drafts stored as copies: (id in the file, new id).
    pub copied: Vec<(DraftId, DraftId)>,
    /// Conflicts where the stored draft was kept, and drafts that were identical.
    pub kept: Vec<DraftId>,
    /// Planned writes not made because the store changed since planning (another tab).
    pub skipped: Vec<SkippedImport>,
}

impl ImportReport {
    /// "已导入 2 份草稿，替换 1 份，另存为副本 1 份，保留原有 1 份。"
    pub fn message(&self) -> String {
        let mut parts = vec![format!("已导入 {} 份新草稿", self.imported.len())];
        if !self.replaced.is_empty() {
            parts.push(format!("替换 {} 份", self.replaced.len()));
        }
        if !self.copied.is_empty() {
            parts.push(format!("另存为副本 {} 份", self.copied.len()));
        }
        if !self.kept.is_empty() {
            parts.push(format!("保留原有 {} 份", self.kept.len()));
        }
        let mut text = parts.join("，") + "。";
        for skipped in &self.skipped {
            text.push_str(&skipped.reason);
        }
        text
    }
}

/// Carries out a plan with the user's choices (by the conflicting id). Checks every choice
/// before writing anything; never overwrites a draft that changed since the plan was made.
pub fn apply_import<S: KeyValueStore>(
    store: &mut DraftStore<S>,
    plan: &ImportPlan,
    choices: &BTreeMap<DraftId, ImportChoice>,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let mut copy_ids = BTreeSet::new();
    let planned: BTreeSet<&DraftId> = plan
        .new
        .iter()
        .map(Draft::id)
        .chain(plan.identical.iter())
        .chain(plan.conflicts.iter().map(|c| c.incoming.id()))
        .collect();
    for conflict in &plan.conflicts {
        let id = conflict.incoming.id();
        match choices.get(id) {
            None => return Err(ImportError::MissingChoice { id: id.clone() }),
            Some(ImportChoice::ReplaceExisting) if conflict.existing.read_only => {
                return Err(ImportError::ReplaceReadOnly { id: id.clone() })
            }
            Some(ImportChoice::ImportAsCopy { new_id }) => {
                let taken = planned.contains(new_id)
                    || !copy_ids.insert(new_id.clone())
                    || store
                        .raw(new_id)
                        .map_err(|error| ImportError::Store {
                            error,
                            done: Box::default(),
                        })?
                        .is_some();
                if taken {
                    return Err(ImportError::CopyIdTaken { id: new_id.clone() });
                }
            }
            Some(_) => {}
        }
    }

    let mut report = ImportReport {
        kept: plan.identical.clone(),
        ..ImportReport::default()
    };
    let fail = |error: StoreError, report: &ImportReport| ImportError::Store {
        error,
        done: Box::new(report.clone()),
    };
    for incoming in &plan.new {
        let id = incoming.id();
        if store.raw(id).map_err(|e| fail(e, &report))?.is_some() {
            report.skipped.push(SkippedImport {
                id: id.clone(),
                reason: format!(
                    "“{}”：导入期间已有同编号的草稿，未覆盖。",
                    incoming.display_name()
                ),
            });
            continue;
        }
        // Restored as exported (revision included), except a revision no real draft reaches:
        // it is new here, so open in no tab, and is renumbered from 1, so that no backup (one
        // claiming 2⁵³ − 1 saves) makes a draft that can never be saved again.
        let mut draft = incoming.clone();
        let revision = incoming.revision();
        draft.set_revision(if revision > MAX_PLAUSIBLE_REVISION {
            1
        } else {
            revision.max(1)
        });
        store
            .write(&draft_key(id), &draft)
            .map_err(|e| fail(e, &report))?;
        report.imported.push(id.clone());
    }
    let mut names: Vec<String> = match store.scan() {
        Ok(scan) => scan.drafts.iter().map(Draft::display_name).collect(),
        Err(error) => return Err(fail(error, &report)),
    };
    for conflict in &plan.conflicts {
        let incoming = &conflict.incoming;
        let id = incoming.id();
        match choices.get(id) {
            None | Some(ImportChoice::KeepExisting) => report.kept.push(id.clone()),
            Some(ImportChoice::ReplaceExisting) => {
                let current = store.raw(id).map_err(|e| fail(e, &report))?;
                let stored_revision = current
                    .and_then(|raw| serde_json::from_str::<Value>(&raw).ok())
                    .map(|value| read_record_value(value, Some(id)));
                let unchanged_revision = match stored_revision {
                    Some(RecordRead::Editable(stored))
                        if Some(stored.revision()) == conflict.existing.revision =>
                    {
                        Some(stored.revision())
                    }
                    _ => None,
                };
                let Some(stored_revision) = unchanged_revision else {
                    report.skipped.push(SkippedImport {
                        id: id.clone(),
                        reason: format!(
                            "“{}”：导入期间已有的草稿在其他窗口中被修改或删除，未替换。",
                            conflict.existing.name
                        ),
                    });
                    continue;
                };
                let next = stored_revision.max(incoming.revision()) + 1;
                if next > MAX_REVISION {
                    // Open tabs could not tell this replacement from their own saves.
                    report.skipped.push(SkippedImport {
                        id: id.clone(),
                        reason: format!(
                            "“{}”：保存次数已达上限，无法安全替换，未替换。请“两者都保留”。",
                            conflict.existing.name
                        ),
                    });
                    continue;
                }
                let mut draft = incoming.clone();
                draft.set_revision(next);
                store
                    .write(&draft_key(id), &draft)
                    .map_err(|e| fail(e, &report))?;
                report.replaced.push(id.clone());
            }
            Some(ImportChoice::ImportAsCopy { new_id }) => {
                let name = copy_name(&incoming.display_name(), names.iter().map(String::as_str));
                let mut copy = incoming.copy_as(new_id.clone(), &name, now);
                match store.insert_new(&mut copy, now) {
                    Ok(_) => {}
                    Err(DraftError::Store(error)) => return Err(fail(error, &report)),
                    Err(_) => {
                        report.skipped.push(SkippedImport {
                            id: id.clone(),
                            reason: format!(
                                "“{}”：另存为副本时编号已被占用，未导入。",
                                incoming.display_name()
                            ),
                        });
                        continue;
                    }
                }
                names.push(name);
                report.copied.push((id.clone(), new_id.clone()));
            }
        }
    }
    Ok(report)
}
