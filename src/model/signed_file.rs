//! The signed declaration file, format version 1: sign a declaration, write the file, verify one.
//!
//! ```json
//! { "format": "hz-meizhen-cluster-declaration", "version": 1,
//!   "declaration": { …the Declaration's serde form (camelCase, tagged enums)… },
//!   "signature": { "algorithm": "Ed25519",
//!                  "publicKey": "<standard base64 of the raw 32-byte key>",
//!                  "keyFingerprint": "<lower-case hex SHA-256 of the raw key>",
//!                  "signedAt": "<RFC 3339 UTC: YYYY-MM-DDTHH:MM:SSZ>",
//!                  "value": "<standard base64 of the 64-byte signature>" } }
//! ```
//!
//! **The signed message** is the RFC 8785 (JCS) canonical UTF-8 form of the whole object with
//! `signature.value` removed (the rest of `signature` stays). Its SHA-256 is the *content digest*
//! printed on paper.
//!
//! - [`sign`] refuses a declaration whose cleaned form has validation errors and signs the
//!   **cleaned** declaration; it checks its own output with [`verify`] before returning.
//! - [`to_json_bytes`] gives the file users download (pretty JSON, UTF-8, final newline).
//! - [`verify`] reads a file strictly: at most [`MAX_FILE_BYTES`] (checked before parsing),
//!   no duplicate key anywhere, no unknown or missing field, nothing a re-serialisation would
//!   change (so what is signed is exactly what was read), canonical base64, a lower-case
//!   fingerprint, a `signedAt` of exactly the form above, and `ed25519-dalek`'s `verify_strict`;
//!   then the declaration must be exactly as the app writes it ([`super::as_written`]) and pass
//!   validation.
//!   Each failure is a [`VerifyError`] with a Chinese [`VerifyError::verdict`].
//!
//! The signature is tamper evidence tying the file to its stamped paper copy; it is not a
//! legal electronic seal (电子印章).

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::as_written::as_written_problems;
use super::canonical::{canonical_bytes, parse_strict, sha256_hex, CanonError, StrictJsonError};
use super::clock;
use super::declaration::Declaration;
use super::display::too_large;
use super::encoding::{b64_decode_strict, b64_encode};
use super::error::UserError;
use super::keys::fingerprint;
use super::picked_file::Expected;
use super::sort;
use super::validate::{validate, Report};

/// The `format` of every signed declaration file.
pub const FORMAT: &str = "hz-meizhen-cluster-declaration";
/// The format version this code writes and reads.
pub const VERSION: u64 = 1;
/// The only signature algorithm of version 1.
pub const ALGORITHM: &str = "Ed25519";
/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// A signed declaration file, as a file the user picks.
pub const SIGNED_FILE: Expected = Expected {
    what: "签名申报文件",
    max_bytes: MAX_FILE_BYTES as u64,
};

/// A signed declaration file, as its JSON says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedFile {
    pub format: String,
    pub version: u64,
    pub declaration: Declaration,
    pub signature: SignatureBlock,
}

/// The `signature` object. All binary values are text, exactly as in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignatureBlock {
    pub algorithm: String,
    pub public_key: String,
    pub key_fingerprint: String,
    pub signed_at: String,
    pub value: String,
}

/// The signed message of a file given as a JSON value: JCS of the value without
/// `signature.value`.
pub fn signing_message_of(value: &Value) -> Result<Vec<u8>, CanonError> {
    let mut value = value.clone();
    if let Some(Value::Object(signature)) = value.get_mut("signature") {
        signature.remove("value");
    }
    canonical_bytes(&value)
}

impl SignedFile {
    /// The bytes the signature covers (see the module documentation).
    pub fn signing_message(&self) -> Result<Vec<u8>, CanonError> {
        signing_message_of(&self.to_value())
    }

    /// Lower-case hex SHA-256 of [`SignedFile::signing_message`].
    pub fn content_digest(&self) -> Result<String, CanonError> {
        self.signing_message().map(|m| sha256_hex(&m))
    }

    fn to_value(&self) -> Value {
        // Serialising plain structs of strings, integers and vectors into a `Value` cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Why a declaration could not be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignError {
    /// The cleaned declaration has validation errors; they are in the report.
    Incomplete(Report),
    /// The declaration has no canonical form (an attachment size beyond 2⁵³ − 1).
    Canon(CanonError),
    /// The file made would not pass [`verify`] (e.g. larger than [`MAX_FILE_BYTES`]).
    SelfCheck(VerifyError),
}

impl UserError for SignError {
    fn message(&self) -> String {
        match self {
            SignError::Incomplete(report) => format!(
                "申报表还有 {} 处需要修改，修改后才能签名",
                report.error_count()
            ),
            SignError::Canon(e) => format!("无法签名：{}", e.message()),
            SignError::SelfCheck(VerifyError::TooLarge { size }) => format!(
                "无法签名：文件将有 {size} 字节，超过 {MAX_FILE_BYTES} 字节的上限，请减少附件说明"
            ),
            SignError::SelfCheck(e) => {
                format!("无法签名：生成的文件未通过核验（{}）", e.verdict())
            }
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            SignError::SelfCheck(e) => e.technical(),
            _ => None,
        }
    }
}

/// Signs the cleaned form of `declaration` with `key`, stamped `signed_at` (kept to the whole
/// second). Refuses a declaration whose cleaned form has validation errors.
pub fn sign(
    declaration: &Declaration,
    key: &SigningKey,
    signed_at: DateTime<Utc>,
) -> Result<SignedFile, SignError> {
    let (file, message) = to_be_signed(declaration, &key.verifying_key(), signed_at)?;
    with_signature(file, &key.sign(&message).to_bytes())
}

/// The file to be signed by `public`'s key, its signature empty, and the message to sign (for
/// a signer that is not a seed in this program: a key the browser holds). `Incomplete` if the
/// declaration does not pass validation.
pub fn to_be_signed(
    declaration: &Declaration,
    public: &VerifyingKey,
    signed_at: DateTime<Utc>,
) -> Result<(SignedFile, Vec<u8>), SignError> {
    let cleaned = declaration.cleaned();
    let report = validate(&cleaned);
    if !report.is_clean() {
        return Err(SignError::Incomplete(report));
    }
    let file = SignedFile {
        format: FORMAT.to_string(),
        version: VERSION,
        declaration: cleaned,
        signature: SignatureBlock {
            algorithm: ALGORITHM.to_string(),
            public_key: b64_encode(public.as_bytes()),
            key_fingerprint: fingerprint(public),
            signed_at: clock::utc_second(signed_at),
            value: String::new(),
        },
    };
    let message = file.signing_message().map_err(SignError::Canon)?;
    Ok((file, message))
}

/// `file` (from [`to_be_signed`]) with its 64-byte `signature`, once the whole file verifies:
/// whoever made the signature, nothing leaves this program that does not.
pub fn with_signature(mut file: SignedFile, signature: &[u8]) -> Result<SignedFile, SignError> {
    file.signature.value = b64_encode(signature);
    verify(&to_json_bytes(&file)).map_err(SignError::SelfCheck)?;
    Ok(file)
}

/// The file users download: pretty-printed JSON in UTF-8, ending with a newline. Fields are in
/// the documented order (`format`, `version`, `declaration` in the order of the form,
/// `signature`); the order does not matter to the signature.
pub fn to_json_bytes(file: &SignedFile) -> Vec<u8> {
    // Plain structs of strings, integers and vectors: serialising into memory cannot fail (and
    // `sign` verifies what this returns).
    let mut bytes = serde_json::to_vec_pretty(file).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// What a valid file says, once verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The declaration exactly as signed.
    pub declaration: Declaration,
    /// Lower-case hex SHA-256 of the raw public key.
    pub fingerprint: String,
    pub public_key: VerifyingKey,
    pub signed_at: DateTime<Utc>,
    /// Lower-case hex SHA-256 of the signed message (the JCS bytes).
    pub content_digest: String,
    /// The file as read: the same JSON as the bytes verified (a file that differs from what
    /// this program writes is refused), so [`Verified::file_bytes`] is that file again.
    pub file: SignedFile,
}

impl Verified {
    /// The verified file, written as this program writes it: the same content and signature
    /// as the bytes that were verified, so it verifies again.
    pub fn file_bytes(&self) -> Vec<u8> {
        to_json_bytes(&self.file)
    }
}

/// Why a file is not a valid signed declaration: [`VerifyError::verdict`] in a word or two,
/// then its `UserError` message and technical details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// 文件过大: more than [`MAX_FILE_BYTES`]; not parsed.
    TooLarge { size: usize },
    /// 不是有效的 JSON.
    NotJson(String),
    /// 重复的字段: a key appears twice in one object, anywhere in the file.
    DuplicateKey { key: String, detail: String },
    /// 不是申报文件: `format` missing or different (or the file is not a JSON object).
    NotDeclarationFile(String),
    /// 版本过新: a later version of the format.
    VersionTooNew(u64),
    /// 版本无效: `version` missing, not a positive integer.
    VersionInvalid(String),
    /// 结构不符: unknown, missing or wrongly typed fields, or content a re-serialisation changes.
    Structure(String),
    /// 签名算法不支持.
    UnsupportedAlgorithm(String),
    /// 公钥格式错误: not canonical base64, not 32 bytes, or not a usable Ed25519 point.
    PublicKey(String),
    /// 指纹与公钥不符 (including a fingerprint not in lower-case hex).
    FingerprintMismatch(String),
    /// 签名格式错误: not canonical base64, or not 64 bytes.
    SignatureFormat(String),
    /// 签名时间格式错误.
    SignedAtFormat(String),
    /// 内容被改动: the signature does not verify.
    Tampered,
    /// 申报内容不完整: the signature is valid but the declaration fails validation.
    Incomplete(Vec<String>),
    /// 内容写法不规范: the signature is valid but the declaration is not as this app writes it
    /// (not its own cleaned form, hidden characters, unusable attachment entries); see
    /// [`super::as_written`].
    NotAsWritten(Vec<String>),
}

impl VerifyError {
    /// The verdict in a word or two — 文件过大, 内容被改动 — as a result's heading and the
    /// 汇总表's 原因 column give it. Its `UserError::message` says more, where there is more.
    pub fn verdict(&self) -> &'static str {
        match self {
            VerifyError::TooLarge { .. } => "文件过大",
            VerifyError::NotJson(_) => "不是有效的 JSON",
            VerifyError::DuplicateKey { .. } => "重复的字段",
            VerifyError::NotDeclarationFile(_) => "不是申报文件",
            VerifyError::VersionTooNew(_) => "版本过新",
            VerifyError::VersionInvalid(_) => "版本无效",
            VerifyError::Structure(_) => "结构不符",
            VerifyError::UnsupportedAlgorithm(_) => "签名算法不支持",
            VerifyError::PublicKey(_) => "公钥格式错误",
            VerifyError::FingerprintMismatch(_) => "指纹与公钥不符",
            VerifyError::SignatureFormat(_) => "签名格式错误",
            VerifyError::SignedAtFormat(_) => "签名时间格式错误",
            VerifyError::Tampered => "内容被改动",
            VerifyError::Incomplete(_) => "申报内容不完整",
            VerifyError::NotAsWritten(_) => "内容写法不规范",
        }
    }
}

impl UserError for VerifyError {
    /// What users can act on, in plain Chinese (what is incomplete, how large, which
    /// version), or exactly the verdict where the rest is only for the technical details.
    fn message(&self) -> String {
        match self {
            VerifyError::TooLarge { size } => {
                too_large("签名申报文件", *size as u64, MAX_FILE_BYTES as u64)
            }
            VerifyError::VersionTooNew(v) => format!(
                "文件由较新版本的程序生成（文件版本 {v}，本程序支持版本 {VERSION}），请使用新版本的程序核验"
            ),
            VerifyError::Tampered => {
                "签名与内容不符：文件在签名后被改动过，或签名不是用此密钥生成的".to_string()
            }
            VerifyError::Incomplete(problems) | VerifyError::NotAsWritten(problems) => {
                problems.join("；")
            }
            other => other.verdict().to_string(),
        }
    }

    /// For those who look into a file by hand (field names of the format, the parser's
    /// message): never the message itself.
    fn technical(&self) -> Option<String> {
        match self {
            VerifyError::DuplicateKey { key, detail } => Some(format!("“{key}”（{detail}）")),
            VerifyError::NotJson(d)
            | VerifyError::NotDeclarationFile(d)
            | VerifyError::VersionInvalid(d)
            | VerifyError::Structure(d)
            | VerifyError::UnsupportedAlgorithm(d)
            | VerifyError::PublicKey(d)
            | VerifyError::FingerprintMismatch(d)
            | VerifyError::SignatureFormat(d)
            | VerifyError::SignedAtFormat(d) => (!d.is_empty()).then(|| d.clone()),
            VerifyError::TooLarge { .. }
            | VerifyError::VersionTooNew(_)
            | VerifyError::Tampered
            | VerifyError::Incomplete(_)
            | VerifyError::NotAsWritten(_) => None,
        }
    }
}

/// Verifies a signed declaration file. See the module documentation for every check.
pub fn verify(bytes: &[u8]) -> Result<Verified, VerifyError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(VerifyError::TooLarge { size: bytes.len() });
    }
    let value = parse_strict(bytes).map_err(|e| match e {
        StrictJsonError::Syntax(detail) => VerifyError::NotJson(detail),
        StrictJsonError::DuplicateKey { key, detail } => VerifyError::DuplicateKey { key, detail },
    })?;
    check_format_and_version(&value)?;
    let file: SignedFile =
        serde_json::from_value(value.clone()).map_err(|e| VerifyError::Structure(e.to_string()))?;
    if let Some(path) = first_difference(&file.to_value(), &value, String::new()) {
        return Err(VerifyError::Structure(format!(
            "{path} 处的内容不规范（缺少、多余或写法与本程序生成的不同）"
        )));
    }
    let signature = &file.signature;
    if signature.algorithm != ALGORITHM {
        return Err(VerifyError::UnsupportedAlgorithm(format!(
            "文件使用“{}”，本程序只支持 {ALGORITHM}",
            signature.algorithm
        )));
    }
    let public_key = parse_public_key(&signature.public_key)?;
    let expected = fingerprint(&public_key);
    if signature.key_fingerprint != expected {
        let detail = if signature.key_fingerprint.to_ascii_lowercase() == expected {
            "指纹须写作小写十六进制".to_string()
        } else {
            "文件中的 keyFingerprint 不是 publicKey 的 SHA-256".to_string()
        };
        return Err(VerifyError::FingerprintMismatch(detail));
    }
    let raw_signature = b64_decode_strict(&signature.value)
        .ok_or_else(|| VerifyError::SignatureFormat("value 不是规范的 base64".to_string()))?;
    let signed_at = parse_signed_at(&signature.signed_at)?;
    let message = signing_message_of(&value).map_err(|e| VerifyError::Structure(e.message()))?;
    verify_with_key(&public_key, &message, &raw_signature)?;
    let not_as_written = as_written_problems(&file.declaration);
    if !not_as_written.is_empty() {
        return Err(VerifyError::NotAsWritten(not_as_written));
    }
    let problems: Vec<String> = validate(&file.declaration)
        .errors()
        .map(|p| format!("{}：{}", p.field.label(), p.message))
        .collect();
    if !problems.is_empty() {
        return Err(VerifyError::Incomplete(problems));
    }
    Ok(Verified {
        declaration: file.declaration.clone(),
        fingerprint: expected,
        public_key,
        signed_at,
        content_digest: sha256_hex(&message),
        file,
    })
}

fn check_format_and_version(value: &Value) -> Result<(), VerifyError> {
    let Value::Object(map) = value else {
        return Err(VerifyError::NotDeclarationFile(
            "文件内容不是 JSON 对象".to_string(),
        ));
    };
    match map.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(other) => {
            return Err(VerifyError::NotDeclarationFile(format!(
                "format 为 {other}，应为 \"{FORMAT}\""
            )))
        }
        None => {
            return Err(VerifyError::NotDeclarationFile(
                "缺少 format 字段".to_string(),
            ))
        }
    }
    match map.get("version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(VERSION) => Ok(()),
            Some(v) if v > VERSION => Err(VerifyError::VersionTooNew(v)),
            _ => Err(VerifyError::VersionInvalid(format!(
                "version 为 {n}，应为整数 {VERSION}"
            ))),
        },
        Some(other) => Err(VerifyError::VersionInvalid(format!(
            "version 为 {other}，应为整数 {VERSION}"
        ))),
        None => Err(VerifyError::VersionInvalid("缺少 version 字段".to_string())),
    }
}

/// The first place (as a path like `declaration.towns[1].name`) where `a` and `b` differ.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    let here = || {
        if path.is_empty() {
            "（根）".to_string()
        } else {
            path.clone()
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            sort::sort_by(&mut keys, &Ord::cmp);
            keys.dedup();
            keys.into_iter().find_map(|key| {
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (x.get(key), y.get(key)) {
                    (Some(p), Some(q)) => first_difference(p, q, sub),
                    _ => Some(sub),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(here());
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (p, q))| first_difference(p, q, format!("{path}[{i}]")))
        }
        _ => (a != b).then(here),
    }
}

fn parse_public_key(text: &str) -> Result<VerifyingKey, VerifyError> {
    let bytes = b64_decode_strict(text)
        .ok_or_else(|| VerifyError::PublicKey("publicKey 不是规范的 base64".to_string()))?;
    let raw: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
        VerifyError::PublicKey(format!("publicKey 应为 32 字节，实为 {} 字节", bytes.len()))
    })?;
    let key = VerifyingKey::from_bytes(&raw)
        .map_err(|_| VerifyError::PublicKey("publicKey 不是曲线上的点".to_string()))?;
    if key.is_weak() {
        return Err(VerifyError::PublicKey(
            "publicKey 是小阶点，不能用于签名".to_string(),
        ));
    }
    Ok(key)
}

fn parse_signed_at(text: &str) -> Result<DateTime<Utc>, VerifyError> {
    let bad = || {
        VerifyError::SignedAtFormat(format!(
            "signedAt 为“{text}”，应为 UTC 时间，如 2021-06-30T08:00:00Z"
        ))
    };
    // Only the one spelling `sign` writes: zero-padded, whole seconds, no leap second.
    clock::parse_utc_second(text).ok_or_else(bad)
}

/// The primitive of the verify path: `public_key` (32 bytes) must be a valid Ed25519 point and
/// `signature` (64 bytes) must pass `ed25519-dalek`'s `verify_strict` over `message` (which
/// rejects small-order keys and R, and non-canonical S). Used by [`verify`].
pub fn verify_ed25519(
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let raw_key: [u8; 32] = public_key.try_into().map_err(|_| {
        VerifyError::PublicKey(format!("公钥应为 32 字节，实为 {} 字节", public_key.len()))
    })?;
    let key = VerifyingKey::from_bytes(&raw_key)
        .map_err(|_| VerifyError::PublicKey("公钥不是曲线上的点".to_string()))?;
    verify_with_key(&key, message, signature)
}

fn verify_with_key(
    key: &VerifyingKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let raw_signature: [u8; 64] = signature.try_into().map_err(|_| {
        VerifyError::SignatureFormat(format!("签名应为 64 字节，实为 {} 字节", signature.len()))
    })?;
    key.verify_strict(message, &Signature::from_bytes(&raw_signature))
        .map_err(|_| VerifyError::Tampered)
}
