//! Backup files of drafts: export one or all drafts to a JSON file, and import such a file
//! without ever overwriting an existing draft unasked.
//!
//! The file (pretty-printed JSON, UTF-8):
//!
//! ```json
//! { "format": "hz-meizhen-drafts-backup", "version": 1,
//!   "exportedAt": "2024-05-03T09:12:30Z",
//!   "drafts": [ { "schema": 1, "id": "…", "revision": 3, … one draft record each … } ] }
//! ```
//!
//! Each element of `drafts` is exactly a stored draft record (see `drafts`), so a restored draft
//! is identical to the exported one, revision and times included. Import is two steps:
//! `parse_backup` checks the whole file (nothing is touched if it is bad), `plan_import` sorts
//! its drafts into new ones, identical ones and conflicts (same id, different content), the UI
//! asks about each conflict, and `apply_import` carries out the choices.
//!
//! Unknown members at the top level are ignored (they can only be metadata); the drafts are
//! read strictly, like stored records.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::canonical::{parse_strict, StrictJsonError};
use super::clock;
use super::display::{beijing, too_large};
use super::drafts::{
    copy_name, draft_key, read_record_value, record_schema, Draft, DraftError, DraftId, LoadReport,
    ReadOnlyDraft, RecordRead, MAX_REVISION, SCHEMA_VERSION,
};
use super::error::UserError;
use super::picked_file::Expected;
use super::sort;
use super::storage::{KeyValueStore, StoreError};
use crate::model::drafts::store::DraftStore;

/// The `format` member of every backup file.
pub const BACKUP_FORMAT: &str = "hz-meizhen-drafts-backup";
/// The backup layout this version writes and reads.
pub const BACKUP_VERSION: u32 = 1;
/// Larger files are refused before parsing. The drafts of a whole county fit many times over.
pub const MAX_BACKUP_BYTES: usize = 5 * 1024 * 1024;
/// A drafts backup, as a file the user picks.
pub const BACKUP_FILE: Expected = Expected {
    what: "草稿备份文件",
    max_bytes: MAX_BACKUP_BYTES as u64,
};

/// Why a file cannot be imported. Nothing stored has been changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// Larger than `MAX_BACKUP_BYTES`; not read.
    TooLarge { bytes: usize, limit: usize },
    /// Not JSON text at all.
    NotJson { detail: String },
    /// JSON, but not a drafts backup (another file chosen by mistake).
    NotABackup { detail: String },
    /// Made by a newer version: the file's `version`, or the schema of one of its drafts
    /// (`draft`: its position, from 1).
    TooNew { version: u64, draft: Option<usize> },
    /// A drafts backup, but damaged or edited by hand.
    Malformed { detail: String },
}

impl BackupError {
    /// The reason in a few words: the start of the message.
    fn title(&self) -> &'static str {
        match self {
            BackupError::TooLarge { .. } => "文件过大",
            BackupError::NotJson { .. } => "不是有效的 JSON",
            BackupError::NotABackup { .. } => "不是草稿备份文件",
            BackupError::TooNew { .. } => "版本过新",
            BackupError::Malformed { .. } => "内容格式错误",
        }
    }
}

impl UserError for BackupError {
    /// The reason, then the detail.
    fn message(&self) -> String {
        let title = self.title();
        let detail = match self {
            BackupError::TooLarge { bytes, limit } => format!(
                "{}。请确认选的是“导出备份”得到的文件。",
                too_large("草稿备份文件", *bytes as u64, *limit as u64)
            ),
            BackupError::NotJson { detail } => {
                format!("{detail}。请选择“导出备份”得到的备份文件。")
            }
            BackupError::NotABackup { detail } => {
                format!("{detail}。请选择“导出备份”得到的文件。")
            }
            BackupError::TooNew {
                version,
                draft: None,
            } => format!(
                "这个文件由较新版本的美镇申报导出（备份格式第 {version} 版，本页面只支持到第 {BACKUP_VERSION} 版），\
                 无法导入。请使用最新版本的页面。"
            ),
            BackupError::TooNew {
                version,
                draft: Some(index),
            } => format!(
                "文件中的第 {index} 份草稿由较新版本的美镇申报保存（数据格式第 {version} 版，本页面只支持到第 \
                 {SCHEMA_VERSION} 版），无法导入。请使用最新版本的页面。"
            ),
            BackupError::Malformed { detail } => {
                format!("{detail}。文件可能已损坏或被改动过，未导入任何内容。")
            }
        };
        format!("{title}：{detail}")
    }
}

/// A backup file, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub exported_at: DateTime<Utc>,
    pub drafts: Vec<Draft>,
}

/// Why an export failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    Store(StoreError),
    /// A draft asked for is not stored (or cannot be read).
    NotFound {
        id: DraftId,
    },
    /// Could not serialise (not expected to happen).
    Serialize(String),
}

impl UserError for ExportError {
    fn message(&self) -> String {
        match self {
            ExportError::Store(error) => error.message(),
            ExportError::NotFound { .. } => {
                "找不到或无法读取其中一份草稿，未能导出备份。请刷新页面后重试。".to_string()
            }
            ExportError::Serialize(_) => "无法生成备份文件，请刷新页面后重试。".to_string(),
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            ExportError::Store(error) => error.technical(),
            ExportError::NotFound { .. } => None,
            ExportError::Serialize(detail) => Some(detail.clone()),
        }
    }
}

impl From<StoreError> for ExportError {
    fn from(error: StoreError) -> Self {
        ExportError::Store(error)
    }
}

/// The backup file of these drafts (pretty JSON), exactly as stored.
pub fn backup_json(drafts: &[Draft], now: DateTime<Utc>) -> Result<String, ExportError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct File<T> {
        format: &'static str,
        version: u32,
        exported_at: DateTime<Utc>,
        drafts: Vec<T>,
    }
    let file = File {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exported_at: now,
        drafts: drafts.iter().map(Draft::record).collect(),
    };
    serde_json::to_string_pretty(&file).map_err(|error| ExportError::Serialize(error.to_string()))
}

/// "美镇申报草稿备份-20240503-1712.json" (Beijing time), for the download.
pub fn backup_file_name(now: DateTime<Utc>) -> String {
    let local = beijing(now);
    let stamp = format!(
        "{}-{}",
        clock::compact_date(local.date_naive()),
        clock::hour_minute(&local).replace(':', "")
    );
    format!("美镇申报草稿备份-{stamp}.json")
}

/// An exported backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub json: String,
    pub file_name: String,
    /// How many drafts the file holds.
    pub count: usize,
    /// Drafts from a newer version, left out (this version cannot vouch for them).
    pub skipped: Vec<ReadOnlyDraft>,
}

impl Export {
    /// For the user, in Chinese.
    pub fn message(&self) -> String {
        let mut text = format!("已导出 {} 份草稿到“{}”。", self.count, self.file_name);
        if !self.skipped.is_empty() {
            let names: Vec<&str> = self.skipped.iter().map(|d| d.name.as_str()).collect();
            text.push_str(&format!(
                "另有 {} 份由较新版本保存的草稿（{}）未包含在内，请用最新版本的页面导出。",
                self.skipped.len(),
                names.join("、")
            ));
        }
        text
    }
}

/// Exports the stored drafts: all (`ids` = `None`, most recently modified first) or the ones
/// named. The page must save the open draft first, so that the file has its latest edits.
pub fn export_drafts<S: KeyValueStore>(
    store: &DraftStore<S>,
    ids: Option<&[DraftId]>,
    now: DateTime<Utc>,
) -> Result<Export, ExportError> {
    let scan = store.scan()?;
    let mut editable: BTreeMap<DraftId, Draft> = scan
        .drafts
        .into_iter()
        .map(|draft| (draft.id().clone(), draft))
        .collect();
    let mut read_only: BTreeMap<DraftId, ReadOnlyDraft> = scan
        .read_only
        .into_iter()
        .map(|draft| (draft.id.clone(), draft))
        .collect();
    let (mut drafts, skipped) = match ids {
        None => (
            editable.into_values().collect::<Vec<_>>(),
            read_only.into_values().collect(),
        ),
        Some(ids) => {
            let mut drafts = Vec::new();
            let mut skipped = Vec::new();
            for id in ids {
                if let Some(draft) = editable.remove(id) {
                    drafts.push(draft);
                } else if let Some(draft) = read_only.remove(id) {
                    skipped.push(draft);
                } else {
                    return Err(ExportError::NotFound { id: id.clone() });
                }
            }
            (drafts, skipped)
        }
    };
    if ids.is_none() {
        sort::sort_by(&mut drafts, &|a, b| {
            b.modified_at()
                .cmp(&a.modified_at())
                .then_with(|| a.id().cmp(b.id()))
        });
    }
    Ok(Export {
        json: backup_json(&drafts, now)?,
        file_name: backup_file_name(now),
        count: drafts.len(),
        skipped,
    })
}

/// Reads and checks a backup file completely; any problem is a `BackupError` with the reason.
pub fn parse_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_BACKUP_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| BackupError::NotJson {
        detail: "文件不是文本文件，或文字编码不对".into(),
    })?;
    if text.trim().is_empty() {
        return Err(BackupError::NotJson {
            detail: "文件是空的".into(),
        });
    }
    // Strict: a key twice in one object (which `serde_json` would silently settle by keeping the
    // last) means the file was edited by hand or made to mislead, so it is refused.
    let value: Value = match parse_strict(text.as_bytes()) {
        Ok(value) => value,
        Err(StrictJsonError::DuplicateKey { .. }) => {
            return Err(BackupError::Malformed {
                detail: "同一项内容在文件中出现了两次".to_string(),
            })
        }
        Err(StrictJsonError::Syntax(detail)) => {
            // serde_json's own error gives the line and column.
            let detail = match serde_json::from_str::<Value>(text) {
                Err(error) => format!("第 {} 行第 {} 列附近有误", error.line(), error.column()),
                Ok(_) => detail,
            };
            return Err(BackupError::NotJson { detail });
        }
    };
    let Value::Object(mut file) = value else {
        return Err(BackupError::NotABackup {
            detail: "文件内容不是草稿备份的格式".into(),
        });
    };
    match file.get("format") {
        Some(Value::String(format)) if format == BACKUP_FORMAT => {}
        Some(_) => {
            return Err(BackupError::NotABackup {
                detail: "文件不是美镇申报的草稿备份".into(),
            })
        }
        None => {
            let detail = if file.contains_key("declaration") {
                "这是单份草稿的存储记录，不是“导出备份”得到的文件"
            } else if file.contains_key("clusterName") {
                "这是申报表内容，不是“导出备份”得到的文件"
            } else {
                "文件中没有美镇申报草稿备份的标记"
            };
            return Err(BackupError::NotABackup {
                detail: detail.into(),
            });
        }
    }
    let version = match file.get("version") {
        Some(version) => version.as_u64().ok_or_else(|| BackupError::Malformed {
            detail: "备份格式的版本无效".to_string(),
        })?,
        None => {
            return Err(BackupError::Malformed {
                detail: "缺少备份格式的版本".into(),
            })
        }
    };
    if version > u64::from(BACKUP_VERSION) {
        return Err(BackupError::TooNew {
            version,
            draft: None,
        });
    }
    if version == 0 {
        return Err(BackupError::Malformed {
            detail: "备份格式的版本无效".into(),
        });
    }
    let exported_at = file
        .get("exportedAt")
        .and_then(Value::as_str)
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|time| time.with_timezone(&Utc))
        .ok_or_else(|| BackupError::Malformed {
            detail: "导出时间缺失或无效".into(),
        })?;
    let Some(Value::Array(records)) = file.remove("drafts") else {
        return Err(BackupError::Malformed {
            detail: "缺少草稿列表".into(),
        });
    };
    let mut drafts = Vec::with_capacity(records.len());
    let mut seen: BTreeMap<DraftId, usize> = BTreeMap::new();
    for (index, record) in records.into_iter().enumerate() {
        let position = index + 1;
        let schema = record_schema(&record).map_err(|detail| BackupError::Malformed {
            detail: format!("第 {position} 份草稿：{detail}"),
        })?;
        if schema > SCHEMA_VERSION {
            return Err(BackupError::TooNew {
                version: u64::from(schema),
                draft: Some(position),
            });
        }
        let draft = match read_record_value(record, None) {
            RecordRead::Editable(draft) => draft,
            RecordRead::Corrupt(detail) => {
                return Err(BackupError::Malformed {
                    detail: format!("第 {position} 份草稿：{detail}"),
                })
            }
            RecordRead::ReadOnly(draft) => {
                return Err(BackupError::TooNew {
                    version: u64::from(draft.schema),
                    draft: Some(position),
                })
            }
        };
        if let Some(first) = seen.insert(draft.id().clone(), position) {
            return Err(BackupError::Malformed {
                detail: format!(
                    "第 {first} 份与第 {position} 份草稿的编号相同（{}）",
                    draft.id()
                ),
            });
        }
        drafts.push(draft);
    }
    Ok(Backup {
        exported_at,
        drafts,
    })
}

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
        let mut draft = incoming.clone();
        draft.set_revision(incoming.revision().max(1));
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
