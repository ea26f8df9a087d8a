//! What the browser keeps about keys, as small versioned JSON records: this office's signing
//! key (its 32-byte seed, base64) and the list of known keys (fingerprint → office name) that
//! the verify view uses to say "桐庐县美镇办（已登记）" or "未登记的密钥".

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::canonical::parse_strict;
use super::encoding::{b64_decode_strict, b64_encode};
use super::error::UserError;
use super::keys::key_from_seed;
use super::picked_file::Expected;
use super::safe_text::clean_name;
use super::storage::{KeyValueStore, StoreError, KNOWN_KEYS};

/// The largest known-keys list file read (a few hundred lines are expected).
pub const MAX_KEY_LIST_BYTES: usize = 1 << 20;
/// A known-keys list, as a file the user picks.
pub const KEY_LIST_FILE: Expected = Expected {
    what: "密钥列表",
    max_bytes: MAX_KEY_LIST_BYTES as u64,
};
/// The version of both records.
pub const RECORD_VERSION: u32 = 1;
/// The longest office name kept for a known key.
pub const MAX_OFFICE_NAME_CHARS: usize = 60;
/// The most known keys kept: 13 county-level units, each with a few keys over the years, fit
/// many times over; a list of 12,000 froze the page and took the drafts' storage.
pub const MAX_KNOWN_KEYS: usize = 500;

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
    // Through a `Value`, as every stored record is read: one copy of the reader.
    let record: KeyRecord = serde_json::from_str::<serde_json::Value>(json)
        .and_then(serde_json::from_value)
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

/// What a damaged stored list says.
pub const DAMAGED: &str = "已登记的密钥列表已损坏，无法读取";

/// The known keys: fingerprint (lower-case hex) → the office's name (under
/// `safe_text::clean_name`), with the names indexed, so that "this name has another key" is a
/// look-up, not a scan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownKeys {
    entries: BTreeMap<String, String>,
    /// name → the fingerprints registered under it.
    by_name: BTreeMap<String, BTreeSet<String>>,
}

/// The known keys as stored (`storage::KNOWN_KEYS`): a versioned list.
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
    /// The list already holds [`MAX_KNOWN_KEYS`] keys.
    TooMany,
}

impl UserError for RegisterError {
    fn message(&self) -> String {
        match self {
            RegisterError::BadFingerprint => {
                "密钥指纹应为 64 位十六进制数字（可含空格），请核对后重新输入".to_string()
            }
            RegisterError::EmptyName => "请填写单位名称".to_string(),
            RegisterError::NameTooLong => {
                format!("单位名称不超过 {MAX_OFFICE_NAME_CHARS} 字")
            }
            RegisterError::TooMany => {
                format!("已登记的密钥已达 {MAX_KNOWN_KEYS} 个，不能再登记。请先删除不再使用的密钥")
            }
        }
    }
}

impl KnownKeys {
    /// Reads the stored record; an unreadable one is an error (the caller keeps it untouched).
    pub fn from_json(json: &str) -> Result<KnownKeys, String> {
        // Read strictly, as signed files are (a key named twice is refused), through the one
        // reader the city office's page already holds.
        let record: KnownKeysRecord = parse_strict(json.as_bytes())
            .ok()
            .and_then(|value| serde_json::from_value(value).ok())
            .ok_or_else(|| DAMAGED.to_string())?;
        KnownKeys::from_record(record)
    }

    /// The keys of a stored record (one from a newer version is refused, not read in part).
    fn from_record(record: KnownKeysRecord) -> Result<KnownKeys, String> {
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

    /// The record to store.
    fn to_record(&self) -> KnownKeysRecord {
        KnownKeysRecord {
            version: RECORD_VERSION,
            keys: self
                .entries
                .iter()
                .map(|(fingerprint, name)| KnownKeyEntry {
                    fingerprint: fingerprint.clone(),
                    name: name.clone(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_record()).unwrap_or_default()
    }

    /// Adds or renames a key. Returns the normalised fingerprint.
    pub fn register(&mut self, fingerprint: &str, name: &str) -> Result<String, RegisterError> {
        let fingerprint =
            normalise_fingerprint(fingerprint).ok_or(RegisterError::BadFingerprint)?;
        let name = clean_name(name);
        if name.is_empty() {
            return Err(RegisterError::EmptyName);
        }
        if name.chars().count() > MAX_OFFICE_NAME_CHARS {
            return Err(RegisterError::NameTooLong);
        }
        if !self.entries.contains_key(&fingerprint) && self.entries.len() >= MAX_KNOWN_KEYS {
            return Err(RegisterError::TooMany);
        }
        self.unindex(&fingerprint);
        self.by_name
            .entry(name.clone())
            .or_default()
            .insert(fingerprint.clone());
        self.entries.insert(fingerprint.clone(), name);
        Ok(fingerprint)
    }

    /// Takes `fingerprint` out of the name index.
    fn unindex(&mut self, fingerprint: &str) {
        if let Some(old) = self.entries.get(fingerprint) {
            if let Some(set) = self.by_name.get_mut(old) {
                set.remove(fingerprint);
                if set.is_empty() {
                    self.by_name.remove(old);
                }
            }
        }
    }

    /// A warning when `name` (as it would be registered) is already the name of another key:
    /// "桐庐县美镇办" already registered under 21fe 31df …. One office may have two keys (after a
    /// change of computer), but a second key under a known office's name deserves a second look.
    pub fn name_registered_elsewhere(&self, fingerprint: &str, name: &str) -> Option<String> {
        let fingerprint = normalise_fingerprint(fingerprint).unwrap_or_default();
        let name = clean_name(name);
        self.by_name
            .get(&name)?
            .iter()
            .find(|other| **other != fingerprint)
            .map(|other| {
                format!(
                    "“{name}”已登记了另一个密钥（指纹 {} …）。同一单位换了电脑才会有两个密钥，请向该单位核实后再登记",
                    super::encoding::fingerprint_groups(&other[..16])
                )
            })
    }

    /// Takes in the keys of an imported list: new keys and new names for known keys are
    /// registered; a name that another key already has is taken too, with its warning.
    /// Returns how many keys changed, and the warnings.
    pub fn merge(&mut self, list: &KnownKeys) -> (usize, Vec<String>) {
        let mut added = 0;
        let mut warnings = Vec::new();
        let mut full = false;
        for (fingerprint, name) in list.iter() {
            if let Some(warning) = self.name_registered_elsewhere(fingerprint, name) {
                warnings.push(warning);
            }
            if self.name(fingerprint) != Some(name) {
                match self.register(fingerprint, name) {
                    Ok(_) => added += 1,
                    Err(RegisterError::TooMany) => full = true,
                    Err(_) => {}
                }
            }
        }
        if full {
            warnings.push(RegisterError::TooMany.message());
        }
        (added, warnings)
    }

    pub fn remove(&mut self, fingerprint: &str) {
        self.unindex(fingerprint);
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

/// The known keys kept in `store` (the browser's localStorage, in the app): an empty list if
/// there are none. A list that cannot be read is an error and is left as it is.
pub fn load_known_keys(store: &impl KeyValueStore) -> Result<KnownKeys, String> {
    match store.get(KNOWN_KEYS) {
        Ok(Some(json)) => KnownKeys::from_json(&json),
        Ok(None) => Ok(KnownKeys::default()),
        Err(error) => Err(error.message()),
    }
}

/// Keeps the known keys in `store`, replacing the list there; on error the stored list is the
/// previous one.
pub fn save_known_keys(store: &mut impl KeyValueStore, keys: &KnownKeys) -> Result<(), StoreError> {
    store.set(KNOWN_KEYS, &keys.to_json())
}

/// One problem found in a known-keys list file. `line` is 1-based; 0 for the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyListProblem {
    pub line: usize,
    /// A warning (the list is still usable: e.g. one office under two keys after a key change)
    /// or an error (the line cannot be read, or a key has two names).
    pub is_error: bool,
    pub message: String,
}

impl KeyListProblem {
    /// "第 3 行：……", ready to show.
    pub fn describe(&self) -> String {
        if self.line == 0 {
            self.message.clone()
        } else {
            format!("第 {} 行：{}", self.line, self.message)
        }
    }
}

/// A known-keys list file read back: the keys it lists and every problem found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyListFile {
    pub keys: KnownKeys,
    pub problems: Vec<KeyListProblem>,
}

impl KeyListFile {
    /// Whether any problem is an error (a command must then refuse the list).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.is_error)
    }
}

/// The first line of a written known-keys list.
pub const KEY_LIST_HEADER: &str = "# 美镇申报 · 已登记的签名密钥";

/// The known-keys list as a text file, in the format `parse_key_list` reads:
///
/// ```text
/// # 美镇申报 · 已登记的签名密钥
/// # 每行一个密钥：密钥指纹（64 位十六进制数字，可每 4 位空一格）、空格、单位名称；“#” 之后为说明。
/// 1a2b 3c4d … 9e0f 桐庐县美镇办
/// ```
///
/// Lines are in office-name order, then fingerprint order; fingerprints in groups of four.
pub fn write_key_list(keys: &KnownKeys) -> String {
    let mut rows: Vec<(&str, &str)> = keys.iter().collect();
    rows.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    let mut out = String::new();
    out.push_str(KEY_LIST_HEADER);
    out.push('\n');
    out.push_str(
        "# 每行一个密钥：密钥指纹（64 位十六进制数字，可每 4 位空一格）、空格、单位名称；“#” 之后为说明。\n",
    );
    for (fingerprint, name) in rows {
        out.push_str(&super::encoding::fingerprint_groups(fingerprint));
        out.push(' ');
        out.push_str(name);
        out.push('\n');
    }
    out
}

/// Reads a known-keys list file given as bytes (it must be UTF-8; a leading BOM is allowed).
pub fn parse_key_list_bytes(bytes: &[u8]) -> KeyListFile {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_key_list(text),
        Err(error) => {
            let line = bytes[..error.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            KeyListFile {
                keys: KnownKeys::default(),
                problems: vec![KeyListProblem {
                    line,
                    is_error: true,
                    message: "不是 UTF-8 编码的文本，请用记事本等另存为 UTF-8 后重试".to_string(),
                }],
            }
        }
    }
}

/// Reads a known-keys list file: one key per line, the 64-hex-digit fingerprint (spaces inside
/// allowed, any case), white space, then the office's name. `#` at the start of a line or after
/// white space starts a comment; blank lines are skipped. Every problem is reported with its line
/// number: unreadable fingerprints, missing or unusable names, a key listed twice (an error when
/// the names differ), and one name under two keys (a warning: an office may have changed its key).
pub fn parse_key_list(text: &str) -> KeyListFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut file = KeyListFile::default();
    // fingerprint → (line, name); name → first line and fingerprint.
    let mut seen_keys: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut seen_names: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let error = |file: &mut KeyListFile, line: usize, is_error: bool, message: String| {
        file.problems.push(KeyListProblem {
            line,
            is_error,
            message,
        })
    };
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let line = strip_comment(raw.strip_suffix('\r').unwrap_or(raw));
        if line.trim().is_empty() {
            continue;
        }
        if line.chars().any(|c| c.is_control() && c != '\t') {
            error(
                &mut file,
                line_no,
                true,
                "含有不可见的控制字符，请删除".to_string(),
            );
            continue;
        }
        let Some((fingerprint, raw_name)) = split_key_line(line) else {
            error(
                &mut file,
                line_no,
                true,
                "开头应为 64 位十六进制数字的密钥指纹（可每 4 位空一格），请核对".to_string(),
            );
            continue;
        };
        let name = clean_name(raw_name);
        if name.is_empty() {
            error(
                &mut file,
                line_no,
                true,
                "密钥指纹之后缺少单位名称（如“桐庐县美镇办”）".to_string(),
            );
            continue;
        }
        if name != super::text::clean_line(raw_name) {
            error(
                &mut file,
                line_no,
                false,
                format!("单位名称中有看不见的特殊字符，已删去，读作“{name}”"),
            );
        }
        if name.chars().count() > MAX_OFFICE_NAME_CHARS {
            error(
                &mut file,
                line_no,
                true,
                format!("单位名称超过 {MAX_OFFICE_NAME_CHARS} 字"),
            );
            continue;
        }
        if let Some((first, first_name)) = seen_keys.get(&fingerprint) {
            if *first_name == name {
                error(
                    &mut file,
                    line_no,
                    false,
                    format!("与第 {first} 行是同一个密钥，重复列出"),
                );
            } else {
                error(
                    &mut file,
                    line_no,
                    true,
                    format!(
                        "这个密钥在第 {first} 行登记为“{first_name}”，这里又登记为“{name}”，请只保留正确的一行"
                    ),
                );
            }
            continue;
        }
        if let Some((first, _)) = seen_names.get(&name) {
            error(
                &mut file,
                line_no,
                false,
                format!(
                    "“{name}”在第 {first} 行已登记了另一个密钥；同一单位有两个密钥时，请确认两个都是该单位的"
                ),
            );
        } else {
            seen_names.insert(name.clone(), (line_no, fingerprint.clone()));
        }
        if file.keys.len() >= MAX_KNOWN_KEYS {
            error(
                &mut file,
                line_no,
                true,
                format!("列表中的密钥超过 {MAX_KNOWN_KEYS} 个，从这一行起未读入"),
            );
            break;
        }
        seen_keys.insert(fingerprint.clone(), (line_no, name.clone()));
        let _ = file.keys.register(&fingerprint, &name);
    }
    if file.keys.is_empty() && !file.has_errors() {
        error(
            &mut file,
            0,
            true,
            "列表中没有密钥（每行应为“密钥指纹 单位名称”）".to_string(),
        );
    }
    file
}

/// The line without its comment: `#` at the start or after white space.
fn strip_comment(line: &str) -> &str {
    let mut previous_is_space = true;
    for (at, c) in line.char_indices() {
        if c == '#' && previous_is_space {
            return &line[..at];
        }
        previous_is_space = c.is_whitespace();
    }
    line
}

/// Splits "1a2b 3c4d … 9e0f 桐庐县美镇办" into the normalised fingerprint and the rest.
/// The fingerprint is read group by group (white space between groups) until it has 64 digits.
fn split_key_line(line: &str) -> Option<(String, &str)> {
    let mut hex = String::with_capacity(64);
    let mut rest = line.trim_start();
    while hex.len() < 64 {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let group = &rest[..end];
        if group.is_empty() || !group.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        if hex.len() + group.len() > 64 {
            return None;
        }
        hex.extend(group.chars().map(|c| c.to_ascii_lowercase()));
        rest = rest[end..].trim_start();
    }
    // The fingerprint must be followed by white space (or nothing: then the name is missing).
    let consumed = line.len() - rest.len();
    if rest.is_empty() || line[..consumed].ends_with(char::is_whitespace) {
        Some((hex, rest))
    } else {
        None
    }
}

/// Whether the registered office `office_name` plausibly signs for 申报单位 `applicant_code`:
/// `None` when its name contains the applicant's name ("桐庐县美镇办" for 桐庐县), otherwise a
/// warning for the user. A key registered for one office signing for another is not proof of
/// forgery (a county may sign for a cluster led by another), but it deserves a second look.
pub fn signer_applicant_mismatch(office_name: &str, applicant_code: &str) -> Option<String> {
    let applicant = super::divisions::divisions()
        .county(applicant_code)
        .map(|county| county.name);
    match applicant {
        Some(county) if office_name.contains(county) => None,
        Some(county) => Some(format!(
            "签名密钥登记为“{office_name}”，但申报单位是“{county}”，请核实是否由本单位报送"
        )),
        None => Some(format!(
            "签名密钥登记为“{office_name}”，但申报单位不是杭州市的县（市、区），请核实"
        )),
    }
}

/// The office name suggested when registering a verified file's key: "桐庐县美镇办".
pub fn suggested_office_name(applicant_display: &str) -> String {
    format!("{applicant_display}美镇办")
}
