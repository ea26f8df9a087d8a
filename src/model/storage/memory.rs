//! `MemoryStore`: a `KeyValueStore` in memory, with faults to inject (blocked storage, a full
//! quota, failing writes), so that every caller is tested natively against what browsers do.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use super::{KeyValueStore, StoreError};

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
