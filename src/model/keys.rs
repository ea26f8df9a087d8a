//! Signing keys: a key from a caller's seed, its fingerprint, and the passphrase-protected
//! key backup file (Argon2id + XChaCha20-Poly1305).
//!
//! The model never draws randomness: the caller passes the 32-byte seed of a new key, and the
//! salt and nonce of a backup, as bytes (in the browser from `crypto.getRandomValues`).
//!
//! # The key backup file, version 1
//!
//! ```json
//! {
//!   "format": "hz-meizhen-signing-key-backup",
//!   "version": 1,
//!   "publicKey": "<standard base64 of the raw 32-byte Ed25519 public key>",
//!   "keyFingerprint": "<lower-case hex SHA-256 of the raw public key>",
//!   "kdf": { "algorithm": "Argon2id", "argon2Version": 19, "memoryKiB": 19456,
//!            "iterations": 2, "parallelism": 1, "salt": "<base64 of 16 bytes>" },
//!   "cipher": { "algorithm": "XChaCha20-Poly1305", "nonce": "<base64 of 24 bytes>" },
//!   "ciphertext": "<base64 of the encrypted 32-byte seed and the 16-byte tag>"
//! }
//! ```
//!
//! The encryption key is Argon2id(passphrase as UTF-8, salt, m, t, p) → 32 bytes. The
//! associated data is the RFC 8785 canonical form of the whole object without `ciphertext`, so
//! changing any recorded parameter, the public key or the fingerprint makes decryption fail.
//! After decryption the seed must give the recorded public key.

#[cfg(test)]
mod tests;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

use super::canonical::{canonical_bytes, parse_strict, sha256_hex, StrictJsonError};
use super::encoding::{b64_decode_strict, b64_encode};
use super::error::UserError;
use super::picked_file::Expected;

/// A signing key from 32 bytes of the caller's randomness (Ed25519 "seed", RFC 8032 §5.1.5).
pub fn key_from_seed(seed: [u8; 32]) -> SigningKey {
    SigningKey::from_bytes(&seed)
}

/// Lower-case hex SHA-256 of the raw 32-byte public key: the key's fingerprint.
pub fn fingerprint(key: &VerifyingKey) -> String {
    sha256_hex(key.as_bytes())
}

pub const BACKUP_FORMAT: &str = "hz-meizhen-signing-key-backup";
pub const BACKUP_VERSION: u64 = 1;
pub const KDF_ALGORITHM: &str = "Argon2id";
/// Argon2 version 1.3 (0x13).
pub const ARGON2_VERSION: u32 = 0x13;
pub const CIPHER_ALGORITHM: &str = "XChaCha20-Poly1305";
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 24;
/// A backup file is a few hundred bytes; anything over this is not one.
pub const MAX_BACKUP_BYTES: usize = 64 * 1024;
/// A key backup, as a file the user picks.
pub const KEY_BACKUP_FILE: Expected = Expected {
    what: "密钥备份文件",
    max_bytes: MAX_BACKUP_BYTES as u64,
};

/// Argon2id cost parameters, recorded in the backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB (Argon2 `m`).
    pub memory_kib: u32,
    /// Passes (Argon2 `t`).
    pub iterations: u32,
    /// Lanes (Argon2 `p`).
    pub parallelism: u32,
}

impl KdfParams {
    /// OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1): a second or so in a browser.
    pub const RECOMMENDED: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };
    /// The most a backup may ask for: exactly what this program writes ([`Self::RECOMMENDED`]),
    /// so that a crafted file cannot keep a browser tab busy for seconds (or exhaust its memory)
    /// before the passphrase is even checked. Checked before any derivation, on export too.
    pub const MAX_MEMORY_KIB: u32 = Self::RECOMMENDED.memory_kib;
    pub const MAX_ITERATIONS: u32 = Self::RECOMMENDED.iterations;
    pub const MAX_PARALLELISM: u32 = Self::RECOMMENDED.parallelism;

    fn argon2(self) -> Result<Argon2<'static>, String> {
        if self.memory_kib > Self::MAX_MEMORY_KIB
            || self.iterations > Self::MAX_ITERATIONS
            || self.parallelism > Self::MAX_PARALLELISM
        {
            return Err(format!(
                "文件要求的口令计算量超过本程序导出备份时所用的（内存 {} KiB、迭代 {} 次、并行度 {}；\
                 上限为内存 {} KiB、迭代 {} 次、并行度 {}），为免页面长时间无响应，未读取。\
                 请用本程序导出的密钥备份文件",
                self.memory_kib,
                self.iterations,
                self.parallelism,
                Self::MAX_MEMORY_KIB,
                Self::MAX_ITERATIONS,
                Self::MAX_PARALLELISM
            ));
        }
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| format!("Argon2 参数无效：{e}"))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// Why a key backup could not be written or read; its `UserError::message` is for users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyBackupError {
    /// Export: the passphrase is empty.
    EmptyPassphrase,
    /// Larger than [`MAX_BACKUP_BYTES`].
    TooLarge,
    /// Not JSON, or a key appears twice.
    NotJson(String),
    /// Valid JSON, but not a key backup (`format` is missing or different).
    NotKeyBackup,
    /// A later version of the backup format.
    VersionTooNew(u64),
    /// Missing or unknown fields, wrong types, an invalid version.
    Structure(String),
    /// An algorithm or cost this program does not use or allow.
    UnsupportedParams(String),
    /// The file contradicts itself (bad base64, wrong lengths, fingerprint ≠ key…).
    Damaged(String),
    /// Decryption failed: the passphrase is wrong, or the file was changed.
    WrongPassphrase,
}

impl UserError for KeyBackupError {
    fn message(&self) -> String {
        let text = match self {
            KeyBackupError::EmptyPassphrase => "请设置口令",
            KeyBackupError::TooLarge => "文件过大，不是密钥备份文件",
            KeyBackupError::NotJson(_) => "不是有效的密钥备份文件（JSON 格式错误）",
            KeyBackupError::NotKeyBackup => "不是密钥备份文件",
            KeyBackupError::VersionTooNew(_) => "密钥备份文件的版本过新，请使用新版本的程序",
            KeyBackupError::Structure(_) => "密钥备份文件结构不符",
            KeyBackupError::UnsupportedParams(_) => "密钥备份文件的参数不受支持",
            KeyBackupError::Damaged(_) => "密钥备份文件已损坏",
            KeyBackupError::WrongPassphrase => "口令错误（或密钥备份文件已损坏）",
        };
        text.into()
    }

    /// What the file got wrong, for those who look into it.
    fn technical(&self) -> Option<String> {
        match self {
            KeyBackupError::NotJson(d)
            | KeyBackupError::Structure(d)
            | KeyBackupError::UnsupportedParams(d)
            | KeyBackupError::Damaged(d) => Some(d.clone()),
            KeyBackupError::VersionTooNew(v) => {
                Some(format!("文件版本 {v}，本程序支持 {BACKUP_VERSION}"))
            }
            KeyBackupError::EmptyPassphrase
            | KeyBackupError::TooLarge
            | KeyBackupError::NotKeyBackup
            | KeyBackupError::WrongPassphrase => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupFile {
    format: String,
    version: u64,
    public_key: String,
    key_fingerprint: String,
    kdf: KdfRecord,
    cipher: CipherRecord,
    ciphertext: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KdfRecord {
    algorithm: String,
    argon2_version: u32,
    #[serde(rename = "memoryKiB")]
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CipherRecord {
    algorithm: String,
    nonce: String,
}

/// What a backup says about itself, readable without the passphrase (to show whose key it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyBackupInfo {
    pub public_key: VerifyingKey,
    /// Lower-case hex; see [`fingerprint`].
    pub fingerprint: String,
    pub params: KdfParams,
}

/// The associated data: JCS of the object without `ciphertext`.
fn associated_data(file: &BackupFile) -> Result<Vec<u8>, KeyBackupError> {
    let mut value = serde_json::to_value(file)
        .map_err(|e| KeyBackupError::Structure(format!("无法生成 JSON：{e}")))?;
    if let Value::Object(map) = &mut value {
        map.remove("ciphertext");
    }
    canonical_bytes(&value).map_err(|e| KeyBackupError::Structure(e.message()))
}

/// The passphrase work a backup needs: Argon2id at these costs with this salt. The slow part of
/// making or opening a backup (about a second in a browser), so the app runs it apart from the
/// page (`browser::kdf`), then finishes with [`SealedBackup::open`] or [`seal_key_backup`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KdfRequest {
    pub params: KdfParams,
    pub salt: Vec<u8>,
}

impl KdfRequest {
    /// Refuses costs over [`KdfParams::MAX_MEMORY_KIB`] and the like (what [`Self::derive`]
    /// checks first), without any work.
    pub fn check(&self) -> Result<(), KeyBackupError> {
        self.params
            .argon2()
            .map(|_| ())
            .map_err(KeyBackupError::UnsupportedParams)
    }

    /// The 32-byte encryption key derived from `passphrase` (UTF-8, as typed). Refuses costs over
    /// [`KdfParams::MAX_MEMORY_KIB`] and the like before any work.
    pub fn derive(&self, passphrase: &str) -> Result<Zeroizing<[u8; 32]>, KeyBackupError> {
        let argon2 = self
            .params
            .argon2()
            .map_err(KeyBackupError::UnsupportedParams)?;
        let mut key = Zeroizing::new([0u8; 32]);
        argon2
            .hash_password_into(passphrase.as_bytes(), &self.salt, key.as_mut())
            .map_err(|e| KeyBackupError::UnsupportedParams(format!("Argon2：{e}")))?;
        Ok(key)
    }
}

/// Writes a key backup (pretty JSON) protected by `passphrase`. The caller supplies fresh random
/// `salt` and `nonce` for every backup, and the cost `params` (normally
/// [`KdfParams::RECOMMENDED`]). The passphrase is used as typed (UTF-8, no normalisation).
pub fn export_key_backup(
    key: &SigningKey,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    params: KdfParams,
) -> Result<String, KeyBackupError> {
    if passphrase.is_empty() {
        return Err(KeyBackupError::EmptyPassphrase);
    }
    let secret = KdfRequest {
        params,
        salt: salt.to_vec(),
    }
    .derive(passphrase)?;
    seal_key_backup(key, &secret, salt, nonce, params)
}

/// [`export_key_backup`] once the passphrase's key is derived: `secret` is what
/// `KdfRequest { params, salt }.derive(passphrase)` gave.
pub fn seal_key_backup(
    key: &SigningKey,
    secret: &[u8; 32],
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    params: KdfParams,
) -> Result<String, KeyBackupError> {
    params.argon2().map_err(KeyBackupError::UnsupportedParams)?;
    let public = key.verifying_key();
    let mut file = BackupFile {
        format: BACKUP_FORMAT.to_string(),
        version: BACKUP_VERSION,
        public_key: b64_encode(public.as_bytes()),
        key_fingerprint: fingerprint(&public),
        kdf: KdfRecord {
            algorithm: KDF_ALGORITHM.to_string(),
            argon2_version: ARGON2_VERSION,
            memory_kib: params.memory_kib,
            iterations: params.iterations,
            parallelism: params.parallelism,
            salt: b64_encode(&salt),
        },
        cipher: CipherRecord {
            algorithm: CIPHER_ALGORITHM.to_string(),
            nonce: b64_encode(&nonce),
        },
        ciphertext: String::new(),
    };
    let aad = associated_data(&file)?;
    let cipher = XChaCha20Poly1305::new(secret.into());
    let seed = Zeroizing::new(key.to_bytes());
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: seed.as_ref(),
                aad: &aad,
            },
        )
        .map_err(|_| KeyBackupError::Damaged("加密失败".to_string()))?;
    file.ciphertext = b64_encode(&sealed);
    let mut text = serde_json::to_string_pretty(&file)
        .map_err(|e| KeyBackupError::Structure(format!("无法生成 JSON：{e}")))?;
    text.push('\n');
    Ok(text)
}

/// The parsed, self-consistent parts of a backup, before any decryption.
struct Parsed {
    file: BackupFile,
    info: KeyBackupInfo,
    salt: Vec<u8>,
    nonce: Vec<u8>,
    sealed: Vec<u8>,
}

fn parse_backup(json: &str) -> Result<Parsed, KeyBackupError> {
    if json.len() > MAX_BACKUP_BYTES {
        return Err(KeyBackupError::TooLarge);
    }
    let value = parse_strict(json.as_bytes()).map_err(|e| match e {
        StrictJsonError::Syntax(d) => KeyBackupError::NotJson(d),
        StrictJsonError::DuplicateKey { key, detail } => {
            KeyBackupError::NotJson(format!("字段“{key}”重复出现（{detail}）"))
        }
    })?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(KeyBackupError::NotKeyBackup);
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(BACKUP_VERSION) => {}
        Some(v) if v > BACKUP_VERSION => return Err(KeyBackupError::VersionTooNew(v)),
        _ => return Err(KeyBackupError::Structure("version 应为 1".to_string())),
    }
    let file: BackupFile = serde_json::from_value(value.clone())
        .map_err(|e| KeyBackupError::Structure(e.to_string()))?;
    if serde_json::to_value(&file).ok().as_ref() != Some(&value) {
        return Err(KeyBackupError::Structure("含有不规范的内容".to_string()));
    }
    if file.kdf.algorithm != KDF_ALGORITHM || file.kdf.argon2_version != ARGON2_VERSION {
        return Err(KeyBackupError::UnsupportedParams(format!(
            "密钥派生算法 {} 版本 {}",
            file.kdf.algorithm, file.kdf.argon2_version
        )));
    }
    if file.cipher.algorithm != CIPHER_ALGORITHM {
        return Err(KeyBackupError::UnsupportedParams(format!(
            "加密算法 {}",
            file.cipher.algorithm
        )));
    }
    let params = KdfParams {
        memory_kib: file.kdf.memory_kib,
        iterations: file.kdf.iterations,
        parallelism: file.kdf.parallelism,
    };
    params.argon2().map_err(KeyBackupError::UnsupportedParams)?;
    let field = |name: &str, text: &str, len: usize| {
        b64_decode_strict(text)
            .filter(|bytes| bytes.len() == len)
            .ok_or_else(|| KeyBackupError::Damaged(format!("{name} 格式错误")))
    };
    let raw_key = field("publicKey", &file.public_key, 32)?;
    let salt = field("salt", &file.kdf.salt, SALT_LEN)?;
    let nonce = field("nonce", &file.cipher.nonce, NONCE_LEN)?;
    let sealed = field("ciphertext", &file.ciphertext, 32 + 16)?;
    let raw_key: [u8; 32] = raw_key
        .try_into()
        .map_err(|_| KeyBackupError::Damaged("publicKey 格式错误".to_string()))?;
    let public_key = VerifyingKey::from_bytes(&raw_key)
        .map_err(|_| KeyBackupError::Damaged("publicKey 不是有效的 Ed25519 公钥".to_string()))?;
    if fingerprint(&public_key) != file.key_fingerprint {
        return Err(KeyBackupError::Damaged(
            "keyFingerprint 与公钥不符".to_string(),
        ));
    }
    let info = KeyBackupInfo {
        fingerprint: file.key_fingerprint.clone(),
        public_key,
        params,
    };
    Ok(Parsed {
        file,
        info,
        salt,
        nonce,
        sealed,
    })
}

/// Reads what a backup says about itself (public key, fingerprint, costs) without the
/// passphrase; fails as [`import_key_backup`] would before decrypting.
pub fn read_key_backup_info(json: &str) -> Result<KeyBackupInfo, KeyBackupError> {
    parse_backup(json).map(|parsed| parsed.info)
}

/// A key backup read and checked, waiting for the key its passphrase derives.
pub struct SealedBackup(Parsed);

/// Reads a key backup up to the passphrase: everything [`import_key_backup`] checks before the
/// slow derivation.
pub fn read_key_backup(json: &str) -> Result<SealedBackup, KeyBackupError> {
    parse_backup(json).map(SealedBackup)
}

impl SealedBackup {
    /// What the passphrase must go through.
    pub fn kdf(&self) -> KdfRequest {
        KdfRequest {
            params: self.0.info.params,
            salt: self.0.salt.clone(),
        }
    }

    /// Whose key it holds, and at what cost.
    pub fn info(&self) -> &KeyBackupInfo {
        &self.0.info
    }

    /// Decrypts the key with `secret` (from [`Self::kdf`] and the passphrase).
    pub fn open(&self, secret: &[u8; 32]) -> Result<SigningKey, KeyBackupError> {
        let parsed = &self.0;
        let aad = associated_data(&parsed.file)?;
        let cipher = XChaCha20Poly1305::new(secret.into());
        let seed = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(&parsed.nonce),
                    Payload {
                        msg: &parsed.sealed,
                        aad: &aad,
                    },
                )
                .map_err(|_| KeyBackupError::WrongPassphrase)?,
        );
        let seed: [u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| KeyBackupError::Damaged("密钥长度错误".to_string()))?;
        let key = key_from_seed(seed);
        if key.verifying_key() != parsed.info.public_key {
            return Err(KeyBackupError::Damaged(
                "解密出的密钥与文件记录的公钥不符".to_string(),
            ));
        }
        Ok(key)
    }
}

/// Reads a key backup and decrypts its key with `passphrase`.
pub fn import_key_backup(json: &str, passphrase: &str) -> Result<SigningKey, KeyBackupError> {
    let sealed = read_key_backup(json)?;
    let secret = sealed.kdf().derive(passphrase)?;
    sealed.open(&secret)
}
