//! What the browser keeps about keys, as small versioned JSON records: this office's signing
//! key (its 32-byte seed, base64) and the list of known keys (fingerprint → office name) that
//! the verify view uses to say "桐庐县美镇办（已登记）" or "未登记的密钥".

use std::collections::BTreeMap;

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::keys::{b64_decode_strict, b64_encode, key_from_seed};

/// The localStorage key of the signing key record.
pub const SIGNING_KEY_STORAGE_KEY: &str = "meizhen:signing-key";
/// The localStorage key of the known-keys record.
pub const KNOWN_KEYS_STORAGE_KEY: &str = "meizhen:known-keys";
/// The version of both records.
pub const RECORD_VERSION: u32 = 1;
/// The longest office name kept for a known key.
pub const MAX_OFFICE_NAME_CHARS: usize = 60;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyRecord {
    version: u32,
    /// Standard base64 of the 32-byte Ed25519 seed.
    seed: String,
}

/// The stored form of a signing key: `{"version":1,"seed":"<base64>"}`.
pub fn signing_key_record(key: &SigningKey) -> String {
    let seed = Zeroizing::new(key.to_bytes());
    let record = KeyRecord {
        version: RECORD_VERSION,
        seed: b64_encode(seed.as_ref()),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// Reads a stored signing key record. The error is a Chinese sentence for the user.
pub fn signing_key_from_record(json: &str) -> Result<SigningKey, String> {
    let record: KeyRecord = serde_json::from_str(json)
        .map_err(|_| "浏览器中保存的签名密钥已损坏，无法读取".to_string())?;
    if record.version > RECORD_VERSION {
        return Err("浏览器中保存的签名密钥由新版本的程序写入，请使用新版本".to_string());
    }
    let seed = Zeroizing::new(
        b64_decode_strict(&record.seed)
            .ok_or_else(|| "浏览器中保存的签名密钥已损坏（编码错误）".to_string())?,
    );
    let seed: [u8; 32] = seed
        .as_slice()
        .try_into()
        .map_err(|_| "浏览器中保存的签名密钥已损坏（长度错误）".to_string())?;
    Ok(key_from_seed(seed))
}

/// A fingerprint as people may type or paste it (spaces, upper case) → 64 lower-case hex
/// digits, or `None` if it is not one.
pub fn normalise_fingerprint(text: &str) -> Option<String> {
    let hex: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != ':')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(hex)
}

/// The known keys: fingerprint (lower-case hex) → the office's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownKeys {
    entries: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct KnownKeysRecord {
    version: u32,
    keys: Vec<KnownKeyEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct KnownKeyEntry {
    fingerprint: String,
    name: String,
}

/// Why a key could not be registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegisterError {
    BadFingerprint,
    EmptyName,
    NameTooLong,
}

impl RegisterError {
    pub fn message(&self) -> String {
        match self {
            RegisterError::BadFingerprint => {
                "密钥指纹应为 64 位十六进制数字（可含空格），请核对后重新输入".to_string()
            }
            RegisterError::EmptyName => "请填写单位名称".to_string(),
            RegisterError::NameTooLong => {
                format!("单位名称不超过 {MAX_OFFICE_NAME_CHARS} 字")
            }
        }
    }
}

impl KnownKeys {
    /// Reads the stored record; an unreadable one is an error (the caller keeps it untouched).
    pub fn from_json(json: &str) -> Result<KnownKeys, String> {
        let record: KnownKeysRecord = serde_json::from_str(json)
            .map_err(|_| "已登记的密钥列表已损坏，无法读取".to_string())?;
        if record.version > RECORD_VERSION {
            return Err("已登记的密钥列表由新版本的程序写入，请使用新版本".to_string());
        }
        let mut keys = KnownKeys::default();
        for entry in record.keys {
            // Skip entries that are not valid instead of losing the whole list.
            let _ = keys.register(&entry.fingerprint, &entry.name);
        }
        Ok(keys)
    }

    pub fn to_json(&self) -> String {
        let record = KnownKeysRecord {
            version: RECORD_VERSION,
            keys: self
                .entries
                .iter()
                .map(|(fingerprint, name)| KnownKeyEntry {
                    fingerprint: fingerprint.clone(),
                    name: name.clone(),
                })
                .collect(),
        };
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Adds or renames a key. Returns the normalised fingerprint.
    pub fn register(&mut self, fingerprint: &str, name: &str) -> Result<String, RegisterError> {
        let fingerprint =
            normalise_fingerprint(fingerprint).ok_or(RegisterError::BadFingerprint)?;
        let name = super::text::clean_line(name);
        if name.is_empty() {
            return Err(RegisterError::EmptyName);
        }
        if name.chars().count() > MAX_OFFICE_NAME_CHARS {
            return Err(RegisterError::NameTooLong);
        }
        self.entries.insert(fingerprint.clone(), name);
        Ok(fingerprint)
    }

    pub fn remove(&mut self, fingerprint: &str) {
        self.entries.remove(fingerprint);
    }

    pub fn name(&self, fingerprint: &str) -> Option<&str> {
        self.entries.get(fingerprint).map(String::as_str)
    }

    /// "桐庐县美镇办（已登记）" or "未登记的密钥".
    pub fn describe(&self, fingerprint: &str) -> String {
        match self.name(fingerprint) {
            Some(name) => format!("{name}（已登记）"),
            None => "未登记的密钥".to_string(),
        }
    }

    /// (fingerprint, name) in fingerprint order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(f, n)| (f.as_str(), n.as_str()))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The office name suggested when registering a verified file's key: "桐庐县美镇办".
pub fn suggested_office_name(applicant_display: &str) -> String {
    format!("{applicant_display}美镇办")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::fingerprint;

    #[test]
    fn a_signing_key_round_trips_through_its_record() {
        let key = key_from_seed([3; 32]);
        let json = signing_key_record(&key);
        assert!(json.starts_with(r#"{"version":1,"seed":""#), "{json}");
        assert_eq!(
            signing_key_from_record(&json).unwrap().to_bytes(),
            key.to_bytes()
        );
    }

    #[test]
    fn a_damaged_or_newer_key_record_says_why() {
        for bad in [
            "",
            "{",
            r#"{"version":1}"#,
            r#"{"version":1,"seed":"AAAA"}"#,
            r#"{"version":1,"seed":"not base64"}"#,
            r#"{"version":1,"seed":"AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=","x":1}"#,
        ] {
            let err = signing_key_from_record(bad).unwrap_err();
            assert!(err.contains("已损坏"), "{bad}: {err}");
        }
        let newer = r#"{"version":2,"seed":"AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM="}"#;
        assert!(signing_key_from_record(newer)
            .unwrap_err()
            .contains("新版本"));
    }

    #[test]
    fn fingerprints_may_be_pasted_with_spaces_and_capitals() {
        let fp = fingerprint(&key_from_seed([1; 32]).verifying_key());
        let grouped = crate::model::signed_file::fingerprint_groups(&fp).to_uppercase();
        assert_eq!(
            normalise_fingerprint(&grouped).as_deref(),
            Some(fp.as_str())
        );
        assert_eq!(normalise_fingerprint(&fp[..63]), None);
        assert_eq!(normalise_fingerprint(&format!("{}g", &fp[..63])), None);
    }

    #[test]
    fn known_keys_register_describe_and_persist() {
        let fp = fingerprint(&key_from_seed([1; 32]).verifying_key());
        let mut keys = KnownKeys::default();
        assert_eq!(keys.describe(&fp), "未登记的密钥");
        assert_eq!(keys.register(&fp, "  桐庐县美镇办 "), Ok(fp.clone()));
        assert_eq!(keys.describe(&fp), "桐庐县美镇办（已登记）");
        assert_eq!(
            keys.register("123", "x"),
            Err(RegisterError::BadFingerprint)
        );
        assert_eq!(keys.register(&fp, "  "), Err(RegisterError::EmptyName));
        assert_eq!(
            keys.register(&fp, &"办".repeat(61)),
            Err(RegisterError::NameTooLong)
        );
        let restored = KnownKeys::from_json(&keys.to_json()).unwrap();
        assert_eq!(restored, keys);
        keys.remove(&fp);
        assert!(keys.is_empty());
        assert!(KnownKeys::from_json("[]").is_err());
        assert!(KnownKeys::from_json(r#"{"version":9,"keys":[]}"#).is_err());
        // A bad entry is skipped, the rest kept.
        let mixed = format!(
            r#"{{"version":1,"keys":[{{"fingerprint":"zz","name":"x"}},{{"fingerprint":"{fp}","name":"富阳区美镇办"}}]}}"#
        );
        let keys = KnownKeys::from_json(&mixed).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys.name(&fp), Some("富阳区美镇办"));
        assert_eq!(suggested_office_name("桐庐县"), "桐庐县美镇办");
    }
}
