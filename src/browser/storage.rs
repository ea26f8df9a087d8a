//! `window.localStorage` as a `KeyValueStore`, with every failure typed, never thrown.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::storage::{KeyValueStore, StoreError, PROBE_KEY};

/// localStorage, if the browser lets this page use it.
pub struct LocalStore {
    storage: web_sys::Storage,
}

/// The DOMException name of a failed call, e.g. "QuotaExceededError", "SecurityError".
fn error_name(error: &JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.name()))
        })
        .unwrap_or_else(|| "Error".to_string())
}

fn error_detail(error: &JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        })
        .unwrap_or_else(|| format!("{error:?}"))
}

fn store_error(error: JsValue) -> StoreError {
    match error_name(&error).as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::QuotaExceeded,
        "SecurityError" | "InvalidAccessError" => StoreError::Unavailable(error_detail(&error)),
        _ => StoreError::Other(error_detail(&error)),
    }
}

impl LocalStore {
    /// Opens localStorage: the one door to it for drafts, their signed copies, the signing key
    /// and the known keys. Blocked storage (browser settings, policy, some private modes) is
    /// `Unavailable`: reading `window.localStorage` itself throws there.
    ///
    /// The handle is gloo-storage's (`LocalStorage::raw`). gloo would let that throw escape
    /// uncaught, so the property is read first through `Reflect`, which hands the exception
    /// back as a value. gloo's own `get`/`set` are not used: they store a value as the JSON of
    /// a Rust value (a draft record would be kept as a quoted string, not as itself) and throw
    /// on a failed read, while every value here is kept byte for byte and every failure typed
    /// (a full quota is a message, never a crash).
    pub fn open() -> Result<LocalStore, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        match js_sys::Reflect::get(&window, &JsValue::from_str("localStorage")) {
            Ok(value) if value.is_object() => {}
            Ok(_) => return Err(StoreError::Unavailable("localStorage is null".into())),
            Err(error) => return Err(StoreError::Unavailable(error_detail(&error))),
        }
        let storage = LocalStorage::raw();
        // Some browsers expose a storage that throws on every write. A full storage is not
        // that: what is stored can still be read, and a later save reports the full quota.
        match storage.set_item(PROBE_KEY, "1").map_err(store_error) {
            Ok(()) | Err(StoreError::QuotaExceeded) => {}
            Err(error) => return Err(error),
        }
        let _ = storage.remove_item(PROBE_KEY);
        Ok(LocalStore { storage })
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(store_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let length = self.storage.length().map_err(store_error)?;
        let mut keys = Vec::with_capacity(length as usize);
        for i in 0..length {
            if let Some(key) = self.storage.key(i).map_err(store_error)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
