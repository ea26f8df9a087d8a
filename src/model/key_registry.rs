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
        out.push_str(&super::signed_file::fingerprint_groups(fingerprint));
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
        if let Some(bad) = line.chars().find(|c| c.is_control() && *c != '\t') {
            error(
                &mut file,
                line_no,
                true,
                format!("含有不可见的控制字符（U+{:04X}），请删除", bad as u32),
            );
            continue;
        }
        let Some((fingerprint, name)) = split_key_line(line) else {
            error(
                &mut file,
                line_no,
                true,
                "开头应为 64 位十六进制数字的密钥指纹（可每 4 位空一格），请核对".to_string(),
            );
            continue;
        };
        let name = super::text::clean_line(name);
        if name.is_empty() {
            error(
                &mut file,
                line_no,
                true,
                "密钥指纹之后缺少单位名称（如“桐庐县美镇办”）".to_string(),
            );
            continue;
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
        seen_keys.insert(fingerprint.clone(), (line_no, name.clone()));
        file.keys.entries.insert(fingerprint, name);
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

    fn fp(n: u8) -> String {
        fingerprint(&key_from_seed([n; 32]).verifying_key())
    }

    #[test]
    fn a_written_key_list_reads_back_unchanged() {
        let mut keys = KnownKeys::default();
        keys.register(&fp(1), "桐庐县美镇办").unwrap();
        keys.register(&fp(2), "富阳区美镇办").unwrap();
        let text = write_key_list(&keys);
        assert!(text.starts_with(KEY_LIST_HEADER), "{text}");
        // Grouped fingerprints, one key per line, in name order.
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                format!(
                    "{} 富阳区美镇办",
                    crate::model::signed_file::fingerprint_groups(&fp(2))
                ),
                format!(
                    "{} 桐庐县美镇办",
                    crate::model::signed_file::fingerprint_groups(&fp(1))
                ),
            ]
        );
        let read = parse_key_list(&text);
        assert_eq!(read.problems, []);
        assert_eq!(read.keys, keys);
        assert_eq!(parse_key_list_bytes(text.as_bytes()), read);
    }

    #[test]
    fn key_list_lines_in_every_accepted_spelling() {
        let grouped = crate::model::signed_file::fingerprint_groups(&fp(1));
        let upper = fp(1).to_uppercase();
        // (file text, expected name of fp(1))
        let rows: Vec<(String, &str)> = vec![
            (format!("{} 桐庐县美镇办", fp(1)), "桐庐县美镇办"),
            (format!("{grouped}\t桐庐县美镇办"), "桐庐县美镇办"),
            (format!("  {upper}   桐庐县 美镇办  "), "桐庐县 美镇办"),
            (
                format!("\u{feff}{} 桐庐县美镇办\r\n", fp(1)),
                "桐庐县美镇办",
            ),
            (
                format!("# 注释行\n\n{} 桐庐县美镇办 # 2024 年换的新密钥\n", fp(1)),
                "桐庐县美镇办",
            ),
            // A name may contain '#' when it is not after white space, and hex-looking text.
            (format!("{} 第#1办", fp(1)), "第#1办"),
            (format!("{} ABCD办", fp(1)), "ABCD办"),
            (format!("{}\u{3000}桐庐县美镇办", fp(1)), "桐庐县美镇办"),
        ];
        for (text, name) in rows {
            let read = parse_key_list(&text);
            assert_eq!(read.problems, [], "{text:?}");
            assert_eq!(read.keys.name(&fp(1)), Some(name), "{text:?}");
            assert_eq!(read.keys.len(), 1, "{text:?}");
        }
    }

    #[test]
    fn every_problem_of_a_key_list_is_reported_with_its_line() {
        let f1 = fp(1);
        let f2 = fp(2);
        let f3 = fp(3);
        let short = &f1[..60];
        // (file text, expected (line, is_error, words in the message) for every problem)
        type Expected = Vec<(usize, bool, &'static str)>;
        let rows: Vec<(String, Expected)> = vec![
            (String::new(), vec![(0, true, "没有密钥")]),
            ("# 只有注释\n\n".to_string(), vec![(0, true, "没有密钥")]),
            (format!("{short} 桐庐县美镇办"), vec![(1, true, "64 位")]),
            (format!("{f1}0 桐庐县美镇办"), vec![(1, true, "64 位")]),
            (format!("{f1}桐庐县美镇办"), vec![(1, true, "64 位")]),
            (format!("桐庐县美镇办 {f1}"), vec![(1, true, "64 位")]),
            (f1.clone(), vec![(1, true, "缺少单位名称")]),
            (
                format!("{f1}   # 没写名字"),
                vec![(1, true, "缺少单位名称")],
            ),
            (
                format!("{f1} {}", "办".repeat(61)),
                vec![(1, true, "超过 60 字")],
            ),
            (
                format!("{f1} 桐庐\u{1b}[31m县"),
                vec![(1, true, "控制字符")],
            ),
            (format!("{f1} 桐庐\0县"), vec![(1, true, "控制字符")]),
            (
                format!("{f1} 桐庐县美镇办\n{f2} 富阳区美镇办\n{f1} 富阳区美镇办"),
                vec![(3, true, "第 1 行登记为“桐庐县美镇办”")],
            ),
            (
                format!("{f1} 桐庐县美镇办\n{f1} 桐庐县美镇办"),
                vec![(2, false, "与第 1 行是同一个密钥")],
            ),
            (
                format!("{f1} 桐庐县美镇办\n\n{f2} 桐庐县美镇办"),
                vec![(3, false, "第 1 行已登记了另一个密钥")],
            ),
            (
                format!("{short} 甲\n{f2} 乙\nxyz 丙\n{f3}"),
                vec![
                    (1, true, "64 位"),
                    (3, true, "64 位"),
                    (4, true, "缺少单位名称"),
                ],
            ),
        ];
        for (text, expected) in rows {
            let read = parse_key_list(&text);
            let got: Vec<(usize, bool)> =
                read.problems.iter().map(|p| (p.line, p.is_error)).collect();
            let want: Vec<(usize, bool)> = expected.iter().map(|e| (e.0, e.1)).collect();
            assert_eq!(got, want, "{text:?}: {:?}", read.problems);
            for (problem, (_, _, words)) in read.problems.iter().zip(&expected) {
                assert!(problem.message.contains(words), "{text:?}: {problem:?}");
            }
            assert_eq!(read.has_errors(), expected.iter().any(|e| e.1), "{text:?}");
        }
        // Good lines of a list with a warning are kept.
        let read = parse_key_list(&format!("{f1} 桐庐县美镇办\n{f2} 桐庐县美镇办"));
        assert_eq!(read.keys.len(), 2);
        assert_eq!(
            read.problems[0].describe(),
            format!("第 2 行：{}", read.problems[0].message)
        );
    }

    #[test]
    fn a_key_list_that_is_not_utf8_says_so_with_its_line() {
        let mut bytes = format!("{} 桐庐县美镇办\n", fp(1)).into_bytes();
        bytes.extend_from_slice(&[0xcf, 0xd8, 0xb0, 0xec]); // "县办" in GBK
        let read = parse_key_list_bytes(&bytes);
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].line, 2);
        assert!(read.problems[0].message.contains("UTF-8"));
        assert!(read.has_errors());
    }

    #[test]
    fn a_registered_office_signing_for_another_applicant_is_flagged() {
        // (office name, applicant code, flagged?)
        for (office, applicant, flagged) in [
            ("桐庐县美镇办", "330122", false),
            ("杭州市桐庐县美丽城镇建设办公室", "330122", false),
            ("富阳区美镇办", "330122", true),
            ("桐庐县美镇办", "330111", true),
            ("桐庐县美镇办", "", true),
            ("桐庐县美镇办", "\u{3000}330122 ", true),
        ] {
            let warning = signer_applicant_mismatch(office, applicant);
            assert_eq!(
                warning.is_some(),
                flagged,
                "{office} {applicant:?}: {warning:?}"
            );
            if let Some(warning) = warning {
                assert!(warning.contains(office), "{warning}");
                assert!(warning.contains("请核实"), "{warning}");
            }
        }
    }
}
