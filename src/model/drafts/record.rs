//! One stored draft: its id, the record shape of every schema version, migration from v0, and
//! best-effort reading of records written by a newer version.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::declaration::Declaration;
use crate::model::error::UserError;
use crate::model::safe_text::clean_name;

/// The record layout this version writes. Bump it whenever a record (or the `Declaration`
/// inside it) changes in a way an older version could not read, and teach `read_record` to
/// migrate the old layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Shown for a draft that has neither a name nor a 集群名称 yet.
pub const UNNAMED: &str = "未命名草稿";

/// A draft's id: 1–64 characters of `A–Z a–z 0–9 _ -`, chosen by the caller (the browser
/// passes a random one). It is part of the storage key, so it never contains `:`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DraftId(String);

/// An id that `DraftId::parse` refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDraftId(pub String);

impl UserError for InvalidDraftId {
    fn message(&self) -> String {
        format!(
            "草稿编号“{}”无效：应为 1–{} 个英文字母、数字、“-”或“_”",
            self.0,
            DraftId::MAX_LEN
        )
    }
}

impl DraftId {
    pub const MAX_LEN: usize = 64;

    pub fn parse(text: &str) -> Result<DraftId, InvalidDraftId> {
        let ok = !text.is_empty()
            && text.len() <= Self::MAX_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(DraftId(text.to_string()))
        } else {
            Err(InvalidDraftId(text.to_string()))
        }
    }

    /// An id made of 16 random bytes, in hex: always valid.
    pub fn from_random(bytes: &[u8; 16]) -> DraftId {
        DraftId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// For serde, which reports its error as text.
impl TryFrom<String> for DraftId {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        DraftId::parse(&text).map_err(|e| e.message())
    }
}

impl From<DraftId> for String {
    fn from(id: DraftId) -> String {
        id.0
    }
}

impl fmt::Display for DraftId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A draft as one tab holds it: the declaration being edited, plus the revision of the stored
/// record this copy was last loaded from or saved as (0: never stored, or stored in the v0
/// layout, which had no revisions). Saving checks that revision against the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    id: DraftId,
    revision: u64,
    /// The stored record's save id (see [`save_id_after`]); `None` before the first save, and
    /// for records written before save ids existed.
    save_id: Option<String>,
    name: Option<String>,
    created_at: DateTime<Utc>,
    modified_at: DateTime<Utc>,
    /// The form's content; edit it freely, then save.
    pub declaration: Declaration,
}

impl Draft {
    /// A new, empty draft that is not stored yet (revision 0). `DraftStore::create` stores one;
    /// without storage, the page can still work on a draft made here.
    pub fn new(id: DraftId, now: DateTime<Utc>) -> Draft {
        Draft {
            id,
            revision: 0,
            save_id: None,
            name: None,
            created_at: now,
            modified_at: now,
            declaration: Declaration::default(),
        }
    }

    pub fn id(&self) -> &DraftId {
        &self.id
    }

    /// The stored revision this copy is based on; 0 if it has never been stored.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The save id of the stored record this copy is based on.
    pub fn save_id(&self) -> Option<&str> {
        self.save_id.as_deref()
    }

    /// Whether `theirs` (a stored record of this draft) is the save this copy is based on:
    /// the same revision and the same save id. Two tabs that both saved revision 4 differ in
    /// their save ids.
    pub fn is_same_save(&self, theirs: &Draft) -> bool {
        self.revision == theirs.revision && self.save_id == theirs.save_id
    }

    /// The name the user gave, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Sets the user's name for the draft (saved with the next `save`). Blank clears it, and
    /// the list shows the 集群名称 instead.
    pub fn set_name(&mut self, name: &str) {
        let name = clean_name(name);
        self.name = (!name.is_empty()).then_some(name);
    }

    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    pub fn modified_at(&self) -> DateTime<Utc> {
        self.modified_at
    }

    /// The name the draft list shows: the user's name, else the 集群名称, else "未命名草稿".
    pub fn display_name(&self) -> String {
        display_name(self.name.as_deref(), &self.declaration.cluster_name)
    }

    /// After `DraftError::Conflict`, when the user chooses to keep this tab's version: the next
    /// save replaces `theirs` (and fails again if the record changes once more in between).
    pub fn overwrite_theirs(&mut self, theirs: &Draft) {
        self.revision = theirs.revision;
        self.save_id = theirs.save_id.clone();
    }

    /// After `DraftError::DeletedElsewhere` (or the storage being cleared), when the user
    /// chooses to keep the draft: the next save stores it anew.
    pub fn recreate_after_delete(&mut self) {
        self.revision = 0;
        self.save_id = None;
    }

    /// This draft's content under a new id and name, not yet stored ("另存为").
    pub fn copy_as(&self, id: DraftId, name: &str, now: DateTime<Utc>) -> Draft {
        let mut copy = Draft::new(id, now);
        copy.set_name(name);
        copy.declaration = self.declaration.clone();
        copy
    }

    /// The record as stored: one JSON object (see the module documentation).
    pub fn to_record_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(&self.record())
    }

    /// The record as a JSON value, for backups.
    pub fn to_record_value(&self) -> Result<Value, serde_json::Error> {
        serde_json::to_value(self.record())
    }

    pub(crate) fn with_revision(&self, revision: u64, modified_at: DateTime<Utc>) -> Draft {
        Draft {
            revision,
            modified_at,
            ..self.clone()
        }
    }

    pub(crate) fn set_revision(&mut self, revision: u64) {
        self.revision = revision;
    }

    /// This draft as saved next: `revision` at `modified_at`, with the save id that follows
    /// this copy's own.
    pub(crate) fn next_save(&self, revision: u64, modified_at: DateTime<Utc>) -> Draft {
        let mut next = self.with_revision(revision, modified_at);
        next.save_id = None;
        next.save_id = Some(save_id_after(self.save_id.as_deref(), &next));
        next
    }

    /// The record, ready to serialise (members in the documented order).
    pub(crate) fn record(&self) -> impl Serialize + '_ {
        RecordV1Out {
            schema: SCHEMA_VERSION,
            id: &self.id,
            revision: self.revision,
            save_id: self.save_id.as_deref(),
            created_at: self.created_at,
            modified_at: self.modified_at,
            name: self.name.as_deref(),
            declaration: &self.declaration,
        }
    }
}

pub(crate) fn display_name(name: Option<&str>, cluster_name: &str) -> String {
    let name = name.map(clean_name).unwrap_or_default();
    if !name.is_empty() {
        return name;
    }
    let cluster = clean_name(cluster_name);
    if !cluster.is_empty() {
        return cluster;
    }
    UNNAMED.to_string()
}

/// A draft written by a newer version of the app (its schema is above `SCHEMA_VERSION`):
/// shown, never changed. What could be read of it is here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOnlyDraft {
    pub id: DraftId,
    /// The record's schema version.
    pub schema: u32,
    /// The display name, as far as it could be read.
    pub name: String,
    pub modified_at: Option<DateTime<Utc>>,
    /// The declaration, if this version can read it.
    pub declaration: Option<Declaration>,
}

impl ReadOnlyDraft {
    /// Why the draft cannot be edited, in Chinese.
    pub fn message(&self) -> String {
        let shown = if self.declaration.is_some() {
            "只能查看，不能修改"
        } else {
            "本页面无法显示其内容"
        };
        format!(
            "草稿“{}”由较新版本的美镇申报保存（数据格式第 {} 版，本页面只支持到第 {} 版），{shown}，\
             以免损坏其中的内容。请使用最新版本的页面打开它。",
            self.name, self.schema, SCHEMA_VERSION
        )
    }
}

/// What one stored record turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RecordRead {
    /// Current or migrated from an older layout.
    Editable(Draft),
    /// From a newer version.
    ReadOnly(ReadOnlyDraft),
    /// Unreadable; the detail says why, in Chinese.
    Corrupt(String),
}

/// The highest revision a draft record may carry: 2⁵³ − 1, the largest integer JavaScript and
/// I-JSON hold exactly. At one save per keystroke it is never reached; a record (or a backup)
/// claiming more is damaged or hostile and is refused, and a save that would pass it is a
/// conflict (`DraftStore::save`), never a silent overwrite.
pub const MAX_REVISION: u64 = (1 << 53) - 1;

/// The save id of a save of `next` made from the save `previous`: the first 16 hex digits of
/// the SHA-256 of the previous id and of the record as written without an id. So two saves of
/// the same revision (two tabs whose writes crossed) carry different ids whenever they hold
/// different content or start from different saves, and a tab can tell another's save from its
/// own; identical saves, which lose nothing, carry the same id.
pub fn save_id_after(previous: Option<&str>, next: &Draft) -> String {
    let record = next.to_record_json().unwrap_or_default();
    let text = format!("{}\n{record}", previous.unwrap_or(""));
    super::super::canonical::sha256_hex(text.as_bytes())[..SAVE_ID_LEN].to_string()
}

/// Hex digits in a save id.
pub const SAVE_ID_LEN: usize = 16;

/// The current (v1) record, as written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordV1Out<'a> {
    schema: u32,
    id: &'a DraftId,
    revision: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    save_id: Option<&'a str>,
    created_at: DateTime<Utc>,
    modified_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    declaration: &'a Declaration,
}

/// The current (v1) record, as read: strict, so that nothing is silently dropped on re-save.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RecordV1In {
    #[allow(dead_code)]
    schema: u32,
    id: DraftId,
    revision: u64,
    #[serde(default)]
    save_id: Option<String>,
    created_at: DateTime<Utc>,
    modified_at: DateTime<Utc>,
    #[serde(default)]
    name: Option<String>,
    declaration: Declaration,
}

/// Reads a stored record. `key_id` is the id in the storage key, which wins over the id inside
/// the record (they only differ if someone copied a record by hand).
pub(crate) fn read_record(raw: &str, key_id: Option<&DraftId>) -> RecordRead {
    match serde_json::from_str::<Value>(raw) {
        Ok(value) => read_record_value(value, key_id),
        Err(_) => RecordRead::Corrupt("不是有效的 JSON".to_string()),
    }
}

/// The schema version of a record: absent means v0.
pub(crate) fn record_schema(value: &Value) -> Result<u32, String> {
    let Value::Object(object) = value else {
        return Err("不是草稿记录（应为 JSON 对象）".into());
    };
    match object.get("schema") {
        None => Ok(0),
        Some(schema) => schema
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| format!("数据格式版本无效：{schema}")),
    }
}

pub(crate) fn read_record_value(value: Value, key_id: Option<&DraftId>) -> RecordRead {
    let schema = match record_schema(&value) {
        Ok(schema) => schema,
        Err(detail) => return RecordRead::Corrupt(detail),
    };
    let Value::Object(object) = value else {
        return RecordRead::Corrupt("不是草稿记录".into());
    };
    if schema > SCHEMA_VERSION {
        return read_newer(schema, object, key_id);
    }
    let read = if schema == 0 {
        migrate_v0(object, key_id)
    } else {
        read_v1(object, key_id)
    };
    match read {
        Ok(draft) => RecordRead::Editable(draft),
        Err(detail) => RecordRead::Corrupt(detail),
    }
}

fn read_v1(object: Map<String, Value>, key_id: Option<&DraftId>) -> Result<Draft, String> {
    let record: RecordV1In = serde_json::from_value(Value::Object(object))
        .map_err(|_| "内容不完整或有误".to_string())?;
    if record.revision > MAX_REVISION {
        return Err(format!(
            "保存次数为 {}，超出了可能的范围（最多 {MAX_REVISION}）",
            record.revision
        ));
    }
    let save_id_ok = |id: &String| {
        id.len() == SAVE_ID_LEN && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    };
    if record.save_id.as_ref().is_some_and(|id| !save_id_ok(id)) {
        return Err("保存编号有误".to_string());
    }
    Ok(Draft {
        id: key_id.cloned().unwrap_or(record.id),
        revision: record.revision,
        save_id: record.save_id,
        // The one rule for hidden characters: a restored name keeps no RLO, ESC, NUL or BEL.
        name: record
            .name
            .map(|name| clean_name(&name))
            .filter(|name| !name.is_empty()),
        created_at: record.created_at,
        modified_at: record.modified_at,
        declaration: record.declaration,
    })
}

/// The v0 layout, written by the first release, whose autosave kept one record per draft under
/// the same key as today but had no schema, id, revision or name:
///
/// ```json
/// { "updated": 1619758800000, "clusterName": "…", "applicant": "330122",
///   "towns": ["330122101", "330122113"], … every other Declaration field … }
/// ```
///
/// - the record *is* the declaration, with one extra member `updated` (epoch milliseconds);
/// - `towns` were bare 9-digit codes (hand-added towns did not exist yet); objects are
///   accepted too;
/// - `attachments` and `declaredOn` did not exist (they default to empty);
/// - the id comes from the storage key; `createdAt` and `modifiedAt` both become `updated`;
///   the revision is 0, so the first save writes a v1 record with revision 1.
fn migrate_v0(mut object: Map<String, Value>, key_id: Option<&DraftId>) -> Result<Draft, String> {
    let id = key_id
        .cloned()
        .ok_or_else(|| "旧格式草稿缺少草稿编号".to_string())?;
    object.remove("schema");
    let updated = object
        .remove("updated")
        .and_then(|value| value.as_i64())
        .and_then(DateTime::<Utc>::from_timestamp_millis)
        .ok_or_else(|| "旧格式草稿的修改时间缺失或无效".to_string())?;
    if let Some(Value::Array(towns)) = object.get_mut("towns") {
        for town in towns.iter_mut() {
            if let Value::String(code) = town {
                let code = std::mem::take(code);
                *town = serde_json::json!({ "kind": "listed", "code": code });
            }
        }
    }
    let declaration: Declaration = serde_json::from_value(Value::Object(object))
        .map_err(|_| "旧格式草稿内容有误".to_string())?;
    Ok(Draft {
        id,
        revision: 0,
        save_id: None,
        name: None,
        created_at: updated,
        modified_at: updated,
        declaration,
    })
}

/// Reads what it can of a newer record: id, name, time, and the declaration if its shape is
/// one this version knows (members it does not know are dropped for display only).
fn read_newer(schema: u32, object: Map<String, Value>, key_id: Option<&DraftId>) -> RecordRead {
    let id = match key_id {
        Some(id) => id.clone(),
        None => match object.get("id").and_then(Value::as_str).map(DraftId::parse) {
            Some(Ok(id)) => id,
            _ => return RecordRead::Corrupt("较新版本的草稿缺少有效的草稿编号".into()),
        },
    };
    let modified_at = object
        .get("modifiedAt")
        .and_then(Value::as_str)
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|time| time.with_timezone(&Utc));
    let declaration = object.get("declaration").and_then(lenient_declaration);
    let cluster_name = declaration
        .as_ref()
        .map(|d| d.cluster_name.clone())
        .or_else(|| {
            object
                .get("declaration")
                .and_then(|d| d.get("clusterName"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_default();
    let name = display_name(object.get("name").and_then(Value::as_str), &cluster_name);
    RecordRead::ReadOnly(ReadOnlyDraft {
        id,
        schema,
        name,
        modified_at,
        declaration,
    })
}

fn lenient_declaration(value: &Value) -> Option<Declaration> {
    let Value::Object(object) = value else {
        return None;
    };
    let Ok(Value::Object(known)) = serde_json::to_value(Declaration::default()) else {
        return None;
    };
    let kept: Map<String, Value> = object
        .iter()
        .filter(|(key, _)| known.contains_key(key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    serde_json::from_value(Value::Object(kept)).ok()
}
