//! This office's signing key and the list of known keys in localStorage (keys
//! `meizhen:signing-key` and `meizhen:known-keys`, which the drafts code ignores).

use ed25519_dalek::SigningKey;

use crate::model::drafts::{KeyValueStore, StoreError};
use crate::model::key_registry::{
    signing_key_from_record, signing_key_record, KnownKeys, KNOWN_KEYS_STORAGE_KEY,
    SIGNING_KEY_STORAGE_KEY,
};
use crate::model::keys::key_from_seed;

use super::storage::LocalStore;
use super::system::random_bytes;

/// What the browser holds of the signing key.
pub enum KeyLoad {
    Found(Box<SigningKey>),
    /// No key yet.
    None,
    /// A record is there but cannot be read; the message says why.
    Damaged(String),
    /// localStorage cannot be used; keys can only live in memory.
    Unavailable(StoreError),
}

pub fn load_signing_key() -> KeyLoad {
    let store = match LocalStore::open() {
        Ok(store) => store,
        Err(error) => return KeyLoad::Unavailable(error),
    };
    match store.get(SIGNING_KEY_STORAGE_KEY) {
        Ok(Some(json)) => match signing_key_from_record(&json) {
            Ok(key) => KeyLoad::Found(Box::new(key)),
            Err(message) => KeyLoad::Damaged(message),
        },
        Ok(None) => KeyLoad::None,
        Err(error) => KeyLoad::Unavailable(error),
    }
}

/// Saves the key; on error the key was not saved (the caller keeps it in memory).
pub fn save_signing_key(key: &SigningKey) -> Result<(), StoreError> {
    let mut store = LocalStore::open()?;
    store.set(SIGNING_KEY_STORAGE_KEY, &signing_key_record(key))
}

/// A new key from the browser's cryptographic random number generator.
pub fn generate_signing_key() -> Result<SigningKey, String> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    random_bytes(seed.as_mut())?;
    Ok(key_from_seed(*seed))
}

/// Fresh random bytes for a salt or nonce.
pub fn random_array<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    random_bytes(&mut bytes)?;
    Ok(bytes)
}

/// The known keys; an empty list if there are none or storage is unavailable.
pub fn load_known_keys() -> Result<KnownKeys, String> {
    let store = LocalStore::open().map_err(|e| e.message())?;
    match store.get(KNOWN_KEYS_STORAGE_KEY) {
        Ok(Some(json)) => KnownKeys::from_json(&json),
        Ok(None) => Ok(KnownKeys::default()),
        Err(error) => Err(error.message()),
    }
}

pub fn save_known_keys(keys: &KnownKeys) -> Result<(), StoreError> {
    let mut store = LocalStore::open()?;
    store.set(KNOWN_KEYS_STORAGE_KEY, &keys.to_json())
}
