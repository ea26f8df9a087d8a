//! What the app keeps in the browser, in one place: every key it uses (the table below), and the
//! key–value store the drafts, their signed copies and the known keys are read and written
//! through — a trait the browser implements over `localStorage` (`browser::storage`), and
//! `memory::MemoryStore`, an in-memory one with fault injection for tests.
//!
//! # What the app stores
//!
//! Every `localStorage` key starts with [`PREFIX`] (`meizhen:`); other keys are never touched.
//! The county's page and the city office's page share one origin, so one storage.
//!
//! | where | key | value | written by |
//! |---|---|---|---|
//! | localStorage | `meizhen:draft:<id>` ([`DRAFT_PREFIX`]) | one draft record, schema-versioned (`model::drafts`) | county page |
//! | localStorage | `meizhen:state` ([`STATE_KEY`]) | the last open draft (`model::drafts`) | county page |
//! | localStorage | `meizhen:recovery:<key sans prefix>:<ms>` ([`RECOVERY_PREFIX`]) | an unreadable entry, moved here unchanged (`model::drafts`) | county page |
//! | localStorage | `meizhen:signed:<id>` ([`SIGNED_PREFIX`]) | the signed copy of a draft: what its last signed export held, and the paper binding (`model::paper::SignedCopy`) | county page |
//! | localStorage | `meizhen:signing-key` ([`SIGNING_KEY`]) | this office's signing key: sealed, passphrase-locked or bare (`model::key_at_rest`) | county page |
//! | localStorage | `meizhen:known-keys` ([`KNOWN_KEYS`]) | the known offices’ keys, a versioned list (`model::key_registry`) | city office page |
//! | localStorage | `meizhen:probe` ([`PROBE_KEY`]) | `1`, written and removed at once to learn whether storage works | both pages |
//! | sessionStorage | `meizhen:open-as-draft` ([`HANDOFF_KEY`]) | a verified declaration the city office opens as a new draft, taken once by the county page | city office page |
//! | IndexedDB | database `meizhen-keys` ([`KEY_DATABASE`]), store `keys` ([`KEY_OBJECT_STORE`]), key `device-seal` ([`DEVICE_KEY_ID`]) | the browser's non-extractable AES-GCM key that seals the signing key | county page |
//!
//! A deleted draft takes its signed copy with it (an undo puts both back). Any other key under
//! the prefix is left alone by the drafts code (a later feature may use it).

pub mod memory;

use super::error::UserError;

/// Every key this app writes starts with this.
pub const PREFIX: &str = "meizhen:";
/// Draft records: `meizhen:draft:<id>`.
pub const DRAFT_PREFIX: &str = "meizhen:draft:";
/// The last open draft.
pub const STATE_KEY: &str = "meizhen:state";
/// Unreadable entries, set aside unchanged.
pub const RECOVERY_PREFIX: &str = "meizhen:recovery:";
/// Signed copies of drafts: `meizhen:signed:<draft id>`.
pub const SIGNED_PREFIX: &str = "meizhen:signed:";
/// This office's signing key record.
pub const SIGNING_KEY: &str = "meizhen:signing-key";
/// The known offices' keys.
pub const KNOWN_KEYS: &str = "meizhen:known-keys";
/// Written and removed at once to learn whether storage can be written.
pub const PROBE_KEY: &str = "meizhen:probe";
/// The sessionStorage entry that hands a verified declaration to the county page.
pub const HANDOFF_KEY: &str = "meizhen:open-as-draft";
/// The IndexedDB database that keeps the browser's sealing key.
pub const KEY_DATABASE: &str = "meizhen-keys";
/// Its object store.
pub const KEY_OBJECT_STORE: &str = "keys";
/// The sealing key's key in that store.
pub const DEVICE_KEY_ID: &str = "device-seal";
/// The non-extractable Ed25519 signing key's key in that store (where the browser signs
/// Ed25519 itself).
pub const BROWSER_SIGNING_KEY_ID: &str = "signing-key";

/// Where the signed copy of a draft is kept: `meizhen:signed:<draft id>`.
pub fn signed_copy_key(draft_id: &str) -> String {
    format!("{SIGNED_PREFIX}{draft_id}")
}

/// Why storage refused a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage cannot be used at all: blocked by browser settings or policy, private mode, or
    /// `localStorage` throwing on access. The detail is technical (for the console).
    Unavailable(String),
    /// A write would exceed the browser's storage quota. The write did not happen; what was
    /// stored before is unchanged.
    QuotaExceeded,
    /// Anything else; the detail is technical.
    Other(String),
}

impl UserError for StoreError {
    fn message(&self) -> String {
        match self {
            StoreError::Unavailable(_) => {
                "浏览器禁止本页面保存数据（可能是浏览器设置、无痕模式或单位的安全策略），\
                 草稿无法自动保存。请勿关闭页面，并尽快用“导出备份”把填写内容保存为文件。"
                    .into()
            }
            StoreError::QuotaExceeded => {
                "浏览器的存储空间已满，本次修改未能保存（之前保存的内容仍在）。\
                 请删除不再需要的草稿，或先“导出备份”再清理。"
                    .into()
            }
            StoreError::Other(_) => {
                "保存或读取草稿时出错。请先“导出备份”，再刷新页面重试。".to_string()
            }
        }
    }

    /// The browser's own words (the exception's name and message).
    fn technical(&self) -> Option<String> {
        match self {
            StoreError::Unavailable(detail) | StoreError::Other(detail) => Some(detail.clone()),
            StoreError::QuotaExceeded => None,
        }
    }
}

/// A string-to-string store with the semantics of `window.localStorage`: every call is
/// synchronous, and a `set` either replaces the whole value or (on error) leaves the old one.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Replaces the value at `key`. On error the previous value must remain intact.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store, in any order (the drafts code filters by its prefix).
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}
