//! The key–value storage the drafts live in: a trait the browser implements over
//! `localStorage`, and `MemoryStore`, an in-memory implementation with fault injection for tests.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

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

impl StoreError {
    /// What to tell the user, in Chinese.
    pub fn message(&self) -> String {
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
            // The detail is technical: it goes to the console, not to the message.
            StoreError::Other(_) => {
                "保存或读取草稿时出错。请先“导出备份”，再刷新页面重试。".to_string()
            }
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StoreError {}

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

/// Faults a `MemoryStore` injects, to test how the drafts code copes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// Every call fails with this error (storage blocked or broken).
    pub all: Option<StoreError>,
    /// A `set` that would bring the store's size (UTF-8 bytes of every key and value) above
    /// this fails with `QuotaExceeded`, leaving the old value in place.
    pub quota_bytes: Option<usize>,
    /// Every `set` fails with this error (reads still work).
    pub sets: Option<StoreError>,
    /// Every `remove` fails with this error.
    pub removes: Option<StoreError>,
}

/// An in-memory `KeyValueStore` for tests and for running without browser storage.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    /// Faults to inject; change them at any time.
    pub faults: Faults,
    writes: usize,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every entry, for comparing before and after.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.clone()
    }

    /// How many successful `set`s and `remove`s there have been.
    pub fn writes(&self) -> usize {
        self.writes
    }

    /// Size in the sense of `Faults::quota_bytes`.
    pub fn size_bytes(&self) -> usize {
        self.entries.iter().map(|(k, v)| k.len() + v.len()).sum()
    }

    /// Removes everything (as the user clearing site data would), ignoring faults.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Puts a value in place, ignoring faults (to set up a test).
    pub fn insert_raw(&mut self, key: &str, value: &str) {
        self.entries.insert(key.to_string(), value.to_string());
    }

    /// Reads a value, ignoring faults (to check a test's outcome).
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    fn check_all(&self) -> Result<(), StoreError> {
        match &self.faults.all {
            Some(error) => Err(error.clone()),
            None => Ok(()),
        }
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check_all()?;
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check_all()?;
        if let Some(error) = &self.faults.sets {
            return Err(error.clone());
        }
        if let Some(quota) = self.faults.quota_bytes {
            let old = self.entries.get(key).map_or(0, |v| key.len() + v.len());
            let new = self.size_bytes() - old + key.len() + value.len();
            if new > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.entries.insert(key.to_string(), value.to_string());
        self.writes += 1;
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.check_all()?;
        if let Some(error) = &self.faults.removes {
            return Err(error.clone());
        }
        self.entries.remove(key);
        self.writes += 1;
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check_all()?;
        Ok(self.entries.keys().cloned().collect())
    }
}

/// One store shared by several views, as one `localStorage` is shared by several tabs.
impl<S: KeyValueStore> KeyValueStore for Rc<RefCell<S>> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.try_borrow().map_err(busy)?.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.try_borrow_mut().map_err(busy)?.set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.try_borrow_mut().map_err(busy)?.remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.try_borrow().map_err(busy)?.keys()
    }
}

fn busy(error: impl fmt::Display) -> StoreError {
    StoreError::Other(format!("store busy: {error}"))
}
