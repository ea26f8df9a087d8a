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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::canonical::{parse_strict, StrictJsonError};
use super::clock;
use super::display::{beijing, size_display};
use super::drafts::{
    copy_name, draft_key, read_record_value, record_schema, Draft, DraftError, DraftId, DraftStore,
    KeyValueStore, LoadReport, ReadOnlyDraft, RecordRead, StoreError, MAX_REVISION, SCHEMA_VERSION,
};
use super::sort;

/// The `format` member of every backup file.
pub const BACKUP_FORMAT: &str = "hz-meizhen-drafts-backup";
/// The backup layout this version writes and reads.
pub const BACKUP_VERSION: u32 = 1;
/// Larger files are refused before parsing. The drafts of a whole county fit many times over.
pub const MAX_BACKUP_BYTES: usize = 5 * 1024 * 1024;

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
    /// The reason in a few words.
    pub fn title(&self) -> &'static str {
        match self {
            BackupError::TooLarge { .. } => "文件过大",
            BackupError::NotJson { .. } => "不是有效的 JSON",
            BackupError::NotABackup { .. } => "不是草稿备份文件",
            BackupError::TooNew { .. } => "版本过新",
            BackupError::Malformed { .. } => "内容格式错误",
        }
    }

    /// What to tell the user, in Chinese: the reason, then the detail.
    pub fn message(&self) -> String {
        let title = self.title();
        let detail = match self {
            BackupError::TooLarge { bytes, limit } => format!(
                "所选文件有 {}，草稿备份文件不会超过 {}。请确认选的是“导出备份”得到的文件。",
                size_display(*bytes as u64),
                size_display(*limit as u64)
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

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for BackupError {}

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

impl ExportError {
    pub fn message(&self) -> String {
        match self {
            ExportError::Store(error) => error.message(),
            ExportError::NotFound { .. } => {
                "找不到或无法读取其中一份草稿，未能导出备份。请刷新页面后重试。".to_string()
            }
            ExportError::Serialize(_) => "无法生成备份文件，请刷新页面后重试。".to_string(),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ExportError {}

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

impl ImportError {
    pub fn message(&self) -> String {
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
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ImportError {}

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

#[cfg(test)]
mod tests {
    //! Export, parse, plan and apply: round trips, every reason a file is refused, and
    //! conflicts that are never resolved without the user's choice.

    use std::cell::RefCell;
    use std::rc::Rc;

    use chrono::Duration;

    use super::*;
    use crate::model::drafts::MemoryStore;
    use crate::model::sample;

    const V1: &str = include_str!("../../tests/fixtures/drafts/v1.json");
    const V2_NEWER: &str = include_str!("../../tests/fixtures/drafts/v2-newer.json");
    const BACKUP_V1: &str = include_str!("../../tests/fixtures/drafts/backup-v1.json");

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
}
