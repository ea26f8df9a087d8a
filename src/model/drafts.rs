//! Drafts that never lose a keystroke: several drafts per browser, kept in a key–value store
//! (`localStorage` in the browser), safe against other tabs, full storage, and damaged entries.
//!
//! Pure logic: the browser implements `storage::KeyValueStore` over `localStorage` and passes
//! in the current time and random ids; everything else is here and tested natively.
//!
//! # Storage layout
//!
//! The drafts' keys, among everything the app stores (`model::storage`'s table):
//!
//! | key                                      | value                                    |
//! |------------------------------------------|------------------------------------------|
//! | `meizhen:draft:<id>`                     | one draft record (below)                 |
//! | `meizhen:state`                          | `{"schema":1,"lastOpen":"<id>"}` (`lastOpen` may be absent or `null`) |
//! | `meizhen:recovery:<key sans prefix>:<ms>`| an unreadable entry, moved here unchanged; `<ms>` is when (epoch milliseconds), with `-2`, `-3`… if taken |
//! | `meizhen:signed:<id>`                    | the draft's signed copy (`paper::SignedCopy`): removed with the draft, put back by an undo |
//!
//! Any other key under the prefix is left alone (a later feature may use it).
//!
//! A draft record (schema 1):
//!
//! ```json
//! { "schema": 1, "id": "k7Qx2", "revision": 3, "saveId": "9f86d081884c7d65",
//!   "createdAt": "2024-05-01T08:00:00Z", "modifiedAt": "2024-05-03T09:12:30Z",
//!   "name": "富春江 第二稿",
//!   "declaration": { "clusterName": "…", … every field of `Declaration` … } }
//! ```
//!
//! - `name` is the user's own name for the draft; absent, the list shows the 集群名称, or
//!   “未命名草稿”. `revision` counts saves (first stored as 1) and is capped at
//!   [`MAX_REVISION`] (2⁵³ − 1): a record or backup above it is unreadable, and a save that
//!   would pass it is a `Conflict`, never a success.
//! - `saveId` (16 hex digits; absent in records written before it existed) tells two saves of
//!   the same revision apart: it is derived from the previous save's id and the record
//!   ([`record::save_id_after`]), so two tabs whose writes crossed (both saving revision 4, as
//!   Chromium's localStorage cache allows) hold different ids, and the same revision with
//!   another id means "changed elsewhere" ([`on_external_change`], `DraftStore::save`).
//! - The id in the key wins over the `id` inside the record (they differ only if someone
//!   copied a record by hand); the inner id is there so that a record stands alone in backups.
//! - Reading is strict (unknown members make a record unreadable), so a save never silently
//!   drops data this version does not understand.
//!
//! # Why no index record
//!
//! The draft list is derived from the keys. `localStorage` writes one key atomically but has no
//! transactions: an index would have to be kept in step with the records by a second write,
//! which a full quota, a closed tab or a concurrent tab can interrupt, leaving drafts that the
//! index forgets or names that lead nowhere. With one self-describing record per key, every
//! operation is a single `set` or `remove`, and two tabs creating drafts at once cannot lose
//! each other's. The only shared non-draft datum, the last open draft, is a convenience kept
//! in `meizhen:state`, where last-writer-wins is harmless.
//!
//! # Schema versions
//!
//! - v0 (the first release): the record was the bare declaration plus `updated` (epoch ms),
//!   with `towns` as bare codes; it is migrated in memory on every read, and stays as it is
//!   until the draft is next saved, which writes v1 (see `record::migrate_v0`).
//! - v1: as above.
//! - Newer: listed and opened read-only ([`ReadOnlyDraft`]); `save`, `rename` and import
//!   replacement refuse to overwrite it ([`DraftError::ReadOnly`]).
//!
//! # Concurrency
//!
//! Each tab's [`Draft`] remembers the revision it was loaded from or saved as. `save` re-reads
//! the record first and writes only if the stored revision is still that one; otherwise it
//! returns [`DraftError::Conflict`] with the other tab's version, or
//! [`DraftError::DeletedElsewhere`]. A save never removes before it writes, so when the quota is
//! exceeded the previous record is still there. [`on_external_change`] tells a tab what a
//! `storage` event means for it.

mod record;
pub mod store;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::display::beijing_time_display;
use super::error::UserError;
use super::field::FieldId;
use super::storage::{StoreError, DRAFT_PREFIX, PREFIX, RECOVERY_PREFIX, STATE_KEY};
use super::validate::validate;

pub(crate) use record::{read_record_value, record_schema, RecordRead};
pub use record::{
    Draft, DraftId, InvalidDraftId, ReadOnlyDraft, MAX_REVISION, SCHEMA_VERSION, UNNAMED,
};

use record::read_record;

/// The storage key of a draft.
pub fn draft_key(id: &DraftId) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// What a key is to this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyKind<'a> {
    /// A draft; the text after the prefix, not yet checked as an id.
    Draft(&'a str),
    State,
    Recovery,
    /// Under the prefix, but not ours to interpret.
    OtherOurs,
    /// Not under the prefix.
    Foreign,
}

fn classify_key(key: &str) -> KeyKind<'_> {
    if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
        KeyKind::Draft(id)
    } else if key == STATE_KEY {
        KeyKind::State
    } else if key.starts_with(RECOVERY_PREFIX) {
        KeyKind::Recovery
    } else if key.starts_with(PREFIX) {
        KeyKind::OtherOurs
    } else {
        KeyKind::Foreign
    }
}

/// Why a draft operation failed; its `UserError::message` is for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftError {
    /// The storage refused; see `StoreError`. Nothing stored was changed by the failed call.
    Store(StoreError),
    /// No draft with this id is stored.
    NotFound { id: DraftId },
    /// The stored record cannot be read. `load_all` sets such entries aside.
    Corrupt { id: DraftId, detail: String },
    /// The stored record comes from a newer version; it is never overwritten.
    ReadOnly { id: DraftId, schema: u32 },
    /// Another tab saved this draft since this tab loaded it. Nothing was written. Resolve with
    /// `theirs` (adopt it), `Draft::overwrite_theirs` (then save again) or `Draft::copy_as`.
    Conflict { theirs: Box<Draft> },
    /// Another tab deleted this draft (or storage was cleared). Nothing was written;
    /// `Draft::recreate_after_delete` then `save` stores it again.
    DeletedElsewhere { id: DraftId },
    /// A draft with this id exists already; nothing was overwritten.
    AlreadyExists { id: DraftId },
}

impl UserError for DraftError {
    fn message(&self) -> String {
        match self {
            DraftError::Store(error) => error.message(),
            DraftError::NotFound { .. } => "找不到这份草稿，它可能已在其他窗口中删除。".into(),
            DraftError::Corrupt { detail, .. } => format!(
                "这份草稿的内容已损坏，无法打开（{detail}）。刷新页面后，原内容会原样移到“恢复区”，可下载保存。"
            ),
            DraftError::ReadOnly { schema, .. } => format!(
                "这份草稿由较新版本的美镇申报保存（数据格式第 {schema} 版），本页面只能查看、不能修改，\
                 以免损坏其中的内容。请使用最新版本的页面。"
            ),
            DraftError::Conflict { theirs } => format!(
                "这份草稿已在其他窗口（标签页）中修改并保存（{}）。为免覆盖那边的修改，本次没有保存。\
                 请选择：采用那边的版本、用本窗口的内容覆盖，或另存为新草稿。",
                beijing_time_display(theirs.modified_at())
            ),
            DraftError::DeletedElsewhere { .. } => {
                "这份草稿已在其他窗口中删除，本次修改没有保存。如需保留，请选择“重新保存”。".into()
            }
            DraftError::AlreadyExists { .. } => {
                "已有编号相同的草稿，没有覆盖它。请重试。".into()
            }
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            DraftError::Store(error) => error.technical(),
            _ => None,
        }
    }
}

impl From<StoreError> for DraftError {
    fn from(error: StoreError) -> Self {
        DraftError::Store(error)
    }
}

/// "已填写完整" or "还差 N 项", for the draft list.
pub fn completeness_label(missing: usize) -> String {
    if missing == 0 {
        "已填写完整".into()
    } else {
        format!("还差 {missing} 项")
    }
}

/// How many distinct fields have errors (warnings do not count).
pub fn missing_fields(draft: &Draft) -> usize {
    missing_in(&validate(&draft.declaration))
}

/// The distinct fields with errors in a validation report (`missing_fields` without validating
/// again, for a caller that holds the report of the same declaration).
pub fn missing_in(report: &crate::model::validate::Report) -> usize {
    report
        .errors()
        .map(|problem| problem.field)
        .collect::<BTreeSet<FieldId>>()
        .len()
}

/// One line of the draft list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSummary {
    pub id: DraftId,
    /// The user's name, else the 集群名称, else "未命名草稿".
    pub name: String,
    /// 申报单位, if chosen.
    pub applicant_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub modified_at: DateTime<Utc>,
    pub revision: u64,
    /// Distinct fields with errors; see `completeness_label`.
    pub missing: usize,
}

impl DraftSummary {
    pub fn of(draft: &Draft) -> DraftSummary {
        DraftSummary::with_missing(draft, missing_fields(draft))
    }

    /// The summary, given the number of fields with errors (see `missing_in`).
    pub fn with_missing(draft: &Draft, missing: usize) -> DraftSummary {
        DraftSummary {
            id: draft.id().clone(),
            name: draft.display_name(),
            applicant_name: draft.declaration.applicant_name().map(str::to_string),
            created_at: draft.created_at(),
            modified_at: draft.modified_at(),
            revision: draft.revision(),
            missing,
        }
    }

    pub fn completeness(&self) -> String {
        completeness_label(self.missing)
    }
}

/// An unreadable entry that `load_all` found and set aside (or tried to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveredEntry {
    /// Where it was.
    pub original_key: String,
    /// Where its unchanged value is now; `None` if it could not be moved and is still where it
    /// was (e.g. the storage is full).
    pub recovery_key: Option<String>,
    /// Why it could not be read (Chinese, with technical detail).
    pub detail: String,
    /// For the user, in Chinese.
    pub description: String,
}

impl RecoveredEntry {
    fn new(original_key: &str, recovery_key: Option<String>, detail: String) -> Self {
        let what = describe_key(original_key);
        let description = match &recovery_key {
            Some(_) => format!(
                "{what}已损坏，无法读取（{detail}）。原内容已原样移到“恢复区”，可下载保存；其他草稿不受影响。"
            ),
            None => format!(
                "{what}已损坏，无法读取（{detail}）。因存储空间不足等原因，未能移到“恢复区”，原内容仍留在原处；\
                 其他草稿不受影响。"
            ),
        };
        RecoveredEntry {
            original_key: original_key.to_string(),
            recovery_key,
            detail,
            description,
        }
    }
}

fn describe_key(key: &str) -> String {
    match classify_key(key) {
        KeyKind::Draft(id) => format!("草稿（编号 {id}）"),
        KeyKind::State => "“上次打开的草稿”记录".into(),
        _ => format!("存储项 {key}"),
    }
}

/// An entry in the recovery area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryEntry {
    pub key: String,
    /// Where the value was before it was set aside.
    pub original_key: String,
    pub set_aside_at: Option<DateTime<Utc>>,
    /// Length of the value in characters.
    pub chars: usize,
}

impl RecoveryEntry {
    fn parse(key: &str, chars: usize) -> Option<RecoveryEntry> {
        let rest = key.strip_prefix(RECOVERY_PREFIX)?;
        let (original, stamp) = rest.rsplit_once(':')?;
        let millis = stamp
            .split('-')
            .next()
            .and_then(|ms| ms.parse::<i64>().ok());
        Some(RecoveryEntry {
            key: key.to_string(),
            original_key: format!("{PREFIX}{original}"),
            set_aside_at: millis.and_then(DateTime::<Utc>::from_timestamp_millis),
            chars,
        })
    }

    /// For the user, in Chinese.
    pub fn description(&self) -> String {
        let when = self
            .set_aside_at
            .map(|time| format!("，{}移入", beijing_time_display(time)))
            .unwrap_or_default();
        format!(
            "{}的原始内容（{} 字符{when}）",
            describe_key(&self.original_key),
            self.chars
        )
    }
}

/// What `load_all` found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Editable drafts, most recently modified first.
    pub drafts: Vec<DraftSummary>,
    /// Drafts from a newer version, most recently modified first.
    pub read_only: Vec<ReadOnlyDraft>,
    /// Unreadable entries set aside during this load.
    pub recovered: Vec<RecoveredEntry>,
    /// The draft open last time, if it still exists.
    pub last_open: Option<DraftId>,
}

/// A draft as `open` found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    Editable(Draft),
    ReadOnly(ReadOnlyDraft),
}

/// A successful save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveOutcome {
    /// The revision now stored (also in the draft).
    pub revision: u64,
    /// Length of the stored record in bytes (UTF-8).
    pub bytes: usize,
    /// An unreadable value that was in the way, set aside before saving.
    pub recovered: Option<RecoveredEntry>,
}

/// A deleted draft and its signed copy, exactly as they were stored, so that the deletion can
/// be undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedDraft {
    pub id: DraftId,
    /// For "已删除“…”　撤销".
    pub name: String,
    raw: String,
    signed: Option<String>,
}

/// Every record, read without changing anything.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scan {
    pub drafts: Vec<Draft>,
    pub read_only: Vec<ReadOnlyDraft>,
    /// Unreadable entries: key, value, why.
    pub corrupt: Vec<(String, String, String)>,
    pub last_open: Option<DraftId>,
}

/// The `meizhen:state` record.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StateV1 {
    schema: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_open: Option<DraftId>,
}

enum StateRead {
    Current(Option<DraftId>),
    Newer(Option<DraftId>),
    Corrupt(String),
}

fn read_state(raw: &str) -> StateRead {
    let value: Value = match serde_json::from_str(raw) {
        Ok(value) => value,
        Err(error) => return StateRead::Corrupt(format!("不是有效的 JSON（{error}）")),
    };
    match record_schema(&value) {
        Err(detail) => StateRead::Corrupt(detail),
        Ok(schema) if schema > SCHEMA_VERSION => StateRead::Newer(
            value
                .get("lastOpen")
                .and_then(Value::as_str)
                .and_then(|id| DraftId::parse(id).ok()),
        ),
        Ok(_) => match serde_json::from_value::<StateV1>(value) {
            Ok(state) => StateRead::Current(state.last_open),
            Err(error) => StateRead::Corrupt(format!("内容有误（{error}）")),
        },
    }
}

/// The name of a copy: "名称（副本）", or "名称（副本 2）", "（副本 3）"… if taken. A copy of a
/// copy is numbered rather than getting a second suffix.
pub fn copy_name<'a>(name: &str, existing: impl IntoIterator<Item = &'a str>) -> String {
    let taken: BTreeSet<&str> = existing.into_iter().collect();
    let stem = strip_copy_suffix(name.trim());
    let first = format!("{stem}（副本）");
    if !taken.contains(first.as_str()) {
        return first;
    }
    for n in 2..=taken.len() + 2 {
        let candidate = format!("{stem}（副本 {n}）");
        if !taken.contains(candidate.as_str()) {
            return candidate;
        }
    }
    first
}

fn strip_copy_suffix(name: &str) -> &str {
    if let Some(stem) = name.strip_suffix("（副本）") {
        return stem;
    }
    if let Some(inner) = name.strip_suffix('）') {
        if let Some((stem, number)) = inner.rsplit_once("（副本 ") {
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                return stem;
            }
        }
    }
    name
}

/// What a tab must do about a change another tab made to the storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternalChange {
    /// Nothing: not ours, or no news.
    Ignore,
    /// Another draft (or the recovery area) changed: reload the list.
    ListChanged,
    /// The open draft was saved elsewhere. With no unsaved edits here, adopt `theirs`;
    /// otherwise tell the user (this tab's next save will report `Conflict`). Reload the list.
    OpenDraftChangedElsewhere {
        theirs_revision: u64,
        theirs: Box<Draft>,
    },
    /// The open draft was deleted elsewhere: tell the user; saving again is
    /// `Draft::recreate_after_delete` + `save`. Reload the list.
    OpenDraftDeletedElsewhere,
    /// The open draft was saved by a newer version elsewhere: stop editing, reopen read-only.
    OpenDraftNewerElsewhere { schema: u32 },
    /// All storage was cleared (the `storage` event's key is null): the open draft now exists
    /// only in this tab; offer to save it again (`recreate_after_delete`). Reload the list.
    StorageCleared,
}

/// Decides what a `storage` event means for a tab: `key` and `new_value` are the event's
/// (`None` for null), `open` the draft this tab is editing, if any (`None` when nothing, or only
/// a read-only draft, is open). Browsers fire the event only in the *other* tabs.
pub fn on_external_change(
    open: Option<&Draft>,
    key: Option<&str>,
    new_value: Option<&str>,
) -> ExternalChange {
    let Some(key) = key else {
        return ExternalChange::StorageCleared;
    };
    match classify_key(key) {
        KeyKind::Draft(raw_id) => {
            let Some(open) = open.filter(|d| d.id().as_str() == raw_id) else {
                return ExternalChange::ListChanged;
            };
            let Some(value) = new_value else {
                return ExternalChange::OpenDraftDeletedElsewhere;
            };
            match read_record(value, Some(open.id())) {
                // The same revision with another save id is another tab's save whose write
                // crossed this one's: changed elsewhere, never ignored.
                RecordRead::Editable(theirs) if open.is_same_save(&theirs) => {
                    ExternalChange::Ignore
                }
                RecordRead::Editable(theirs) => ExternalChange::OpenDraftChangedElsewhere {
                    theirs_revision: theirs.revision(),
                    theirs: Box::new(theirs),
                },
                RecordRead::ReadOnly(theirs) => ExternalChange::OpenDraftNewerElsewhere {
                    schema: theirs.schema,
                },
                // The list reload sets it aside; this tab's next save writes its own copy.
                RecordRead::Corrupt(_) => ExternalChange::ListChanged,
            }
        }
        KeyKind::Recovery => ExternalChange::ListChanged,
        KeyKind::State | KeyKind::OtherOurs | KeyKind::Foreign => ExternalChange::Ignore,
    }
}
