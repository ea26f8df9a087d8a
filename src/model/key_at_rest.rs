//! The signing key as the browser keeps it at rest (localStorage `meizhen:signing-key`): sealed
//! by a key the browser will not hand out (version 2, `"protection":"device"`), locked by the
//! user's passphrase (`"protection":"passphrase"`, the key backup format), held by the browser
//! as a non-extractable Ed25519 key in IndexedDB with its key backup beside it
//! (`"protection":"browser"`), or — only where the
//! browser offers no protection — the bare seed of version 1 (`key_registry`), which is also
//! what older versions wrote and what is migrated on first load.
//!
//! ```json
//! {"version":2,"protection":"device","fingerprint":"<64 hex>","iv":"<base64 of 12 bytes>",
//!  "ciphertext":"<base64 of the sealed 32-byte seed and its 16-byte tag>"}
//! {"version":2,"protection":"passphrase","fingerprint":"<64 hex>","backup":"<key backup JSON>"}
//! {"version":2,"protection":"browser","fingerprint":"<64 hex>","backup":"<key backup JSON>"}
//! ```
//!
//! The device seal is AES-256-GCM under a non-extractable WebCrypto key kept in IndexedDB, with
//! the fingerprint's ASCII as associated data; after unsealing, the seed must give that
//! fingerprint. The sealing itself is the browser's (src/browser/keystore.rs); this module only
//! reads and writes the records.

#[cfg(test)]
mod tests;

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use super::encoding::{b64_decode_strict, b64_encode};
use super::key_registry::signing_key_from_record;
use super::keys::{fingerprint, read_key_backup_info};

/// The version of the sealed and locked records.
pub const SEALED_VERSION: u32 = 2;
/// The length of an AES-GCM nonce.
pub const IV_LEN: usize = 12;
/// A sealed seed: 32 bytes and the 16-byte tag.
pub const SEALED_LEN: usize = 48;

/// What a stored signing-key record holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredKey {
    /// Sealed by the browser's device key.
    Sealed {
        fingerprint: String,
        iv: [u8; IV_LEN],
        ciphertext: Vec<u8>,
    },
    /// Locked by the user's passphrase: a key backup file's text.
    Locked { fingerprint: String, backup: String },
    /// A non-extractable key the browser keeps in IndexedDB and signs with; its key backup
    /// (written before it was made) is kept here beside it.
    Browser { fingerprint: String, backup: String },
    /// The bare seed (version 1): an older version's record, or a browser without protection.
    Plain(Box<SigningKey>),
}

impl StoredKey {
    /// The fingerprint of the stored key, known without unsealing it.
    pub fn fingerprint(&self) -> String {
        match self {
            StoredKey::Sealed { fingerprint, .. }
            | StoredKey::Locked { fingerprint, .. }
            | StoredKey::Browser { fingerprint, .. } => fingerprint.clone(),
            StoredKey::Plain(key) => fingerprint_of(key),
        }
    }
}

fn fingerprint_of(key: &SigningKey) -> String {
    fingerprint(&key.verifying_key())
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SealedRecord {
    version: u32,
    protection: String,
    fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ciphertext: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backup: Option<String>,
}

/// The record of a sealed seed.
pub fn sealed_record(fingerprint: &str, iv: &[u8; IV_LEN], ciphertext: &[u8]) -> String {
    serde_json::to_string(&SealedRecord {
        version: SEALED_VERSION,
        protection: "device".into(),
        fingerprint: fingerprint.into(),
        iv: Some(b64_encode(iv)),
        ciphertext: Some(b64_encode(ciphertext)),
        backup: None,
    })
    .unwrap_or_default()
}

/// The record of a passphrase-locked key (`backup`: a key backup file's text).
pub fn locked_record(fingerprint: &str, backup: &str) -> String {
    backup_record("passphrase", fingerprint, backup)
}

/// The record of a key the browser holds non-extractable (`backup`: its key backup's text).
pub fn browser_record(fingerprint: &str, backup: &str) -> String {
    backup_record("browser", fingerprint, backup)
}

fn backup_record(protection: &str, fingerprint: &str, backup: &str) -> String {
    serde_json::to_string(&SealedRecord {
        version: SEALED_VERSION,
        protection: protection.into(),
        fingerprint: fingerprint.into(),
        iv: None,
        ciphertext: None,
        backup: Some(backup.into()),
    })
    .unwrap_or_default()
}

const DAMAGED: &str = "浏览器中保存的签名密钥已损坏，无法读取";

/// Reads a stored record of any version. The error is a Chinese sentence for the user.
pub fn parse_stored_key(json: &str) -> Result<StoredKey, String> {
    // Read once as a `Value`, as every stored record is: one copy of the reader.
    let value = serde_json::from_str::<serde_json::Value>(json).map_err(|_| DAMAGED.to_string())?;
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| DAMAGED.to_string())?;
    if version < u64::from(SEALED_VERSION) {
        return signing_key_from_record(json).map(|key| StoredKey::Plain(Box::new(key)));
    }
    if version > u64::from(SEALED_VERSION) {
        return Err("浏览器中保存的签名密钥由新版本的程序写入，请使用新版本".to_string());
    }
    let record: SealedRecord = serde_json::from_value(value).map_err(|_| DAMAGED.to_string())?;
    let hex_ok = record.fingerprint.len() == 64
        && record
            .fingerprint
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hex_ok {
        return Err(DAMAGED.to_string());
    }
    match (
        record.protection.as_str(),
        record.iv,
        record.ciphertext,
        record.backup,
    ) {
        ("device", Some(iv), Some(ciphertext), None) => {
            let iv: [u8; IV_LEN] = b64_decode_strict(&iv)
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| DAMAGED.to_string())?;
            let ciphertext = b64_decode_strict(&ciphertext)
                .filter(|c| c.len() == SEALED_LEN)
                .ok_or_else(|| DAMAGED.to_string())?;
            Ok(StoredKey::Sealed {
                fingerprint: record.fingerprint,
                iv,
                ciphertext,
            })
        }
        (protection @ ("passphrase" | "browser"), None, None, Some(backup)) => {
            let info = read_key_backup_info(&backup).map_err(|_| DAMAGED.to_string())?;
            if info.fingerprint != record.fingerprint {
                return Err(DAMAGED.to_string());
            }
            let fingerprint = record.fingerprint;
            Ok(if protection == "browser" {
                StoredKey::Browser {
                    fingerprint,
                    backup,
                }
            } else {
                StoredKey::Locked {
                    fingerprint,
                    backup,
                }
            })
        }
        _ => Err(DAMAGED.to_string()),
    }
}

/// The key from an unsealed seed, if it is the one the record names.
pub fn key_from_unsealed(seed: &[u8], expected_fingerprint: &str) -> Result<SigningKey, String> {
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| "浏览器中保存的签名密钥已损坏（长度错误）".to_string())?;
    let key = super::keys::key_from_seed(seed);
    if fingerprint_of(&key) != expected_fingerprint {
        return Err("浏览器中保存的签名密钥与其指纹不符，无法使用".to_string());
    }
    Ok(key)
}
