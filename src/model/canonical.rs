//! JSON as signatures need it: RFC 8785 (JCS) canonical form, and a strict parser that refuses
//! duplicate keys anywhere in a document.
//!
//! - [`canonicalize`] wraps the `serde_json_canonicalizer` crate (RFC 8785: properties sorted by
//!   their UTF-16 code units, numbers in ECMAScript form, minimal string escaping) and adds the
//!   one check it lacks: an integer that an IEEE 754 double cannot hold exactly (beyond
//!   ±(2⁵³ − 1), I-JSON's limit) is an error instead of being silently rounded, so that two
//!   different documents never share one canonical form.
//! - [`parse_strict`] reads JSON into a [`serde_json::Value`] like `serde_json::from_slice`, but a
//!   key that appears twice in one object — at any depth — is an error ([`StrictJsonError::DuplicateKey`]):
//!   `serde_json` itself keeps the last one silently.

#[cfg(test)]
mod tests;

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::encoding::lower_hex;
use super::error::UserError;

/// The largest integer magnitude I-JSON (RFC 7493) allows: 2⁵³ − 1.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Why a value has no canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CanonError {
    /// An integer beyond ±(2⁵³ − 1): a double would round it. Holds the number as written.
    IntegerOutOfRange(String),
    /// The canonicaliser refused the value (should not happen for a `serde_json::Value`).
    Serialize(String),
}

impl UserError for CanonError {
    fn message(&self) -> String {
        match self {
            CanonError::IntegerOutOfRange(n) => {
                format!("整数 {n} 超出 JSON 可精确表示的范围（±(2^53−1)）")
            }
            CanonError::Serialize(_) => "无法生成规范 JSON".to_string(),
        }
    }

    /// The canonicaliser's own words.
    fn technical(&self) -> Option<String> {
        match self {
            CanonError::IntegerOutOfRange(_) => None,
            CanonError::Serialize(detail) => Some(detail.clone()),
        }
    }
}

/// The RFC 8785 canonical form of `value`, as a string (its UTF-8 bytes are what is signed).
pub fn canonicalize(value: &Value) -> Result<String, CanonError> {
    check_integers(value)?;
    serde_json_canonicalizer::to_string(value).map_err(|e| CanonError::Serialize(e.to_string()))
}

/// [`canonicalize`] as UTF-8 bytes.
pub fn canonical_bytes(value: &Value) -> Result<Vec<u8>, CanonError> {
    canonicalize(value).map(String::into_bytes)
}

fn check_integers(value: &Value) -> Result<(), CanonError> {
    match value {
        Value::Number(n) => {
            let too_big = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u > MAX_SAFE_INTEGER,
                (None, Some(i)) => i.unsigned_abs() > MAX_SAFE_INTEGER,
                // A double: its canonical form is exact by construction.
                (None, None) => false,
            };
            if too_big {
                return Err(CanonError::IntegerOutOfRange(n.to_string()));
            }
            Ok(())
        }
        Value::Array(items) => items.iter().try_for_each(check_integers),
        Value::Object(map) => map.values().try_for_each(check_integers),
        Value::Null | Value::Bool(_) | Value::String(_) => Ok(()),
    }
}

/// Why [`parse_strict`] refused a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StrictJsonError {
    /// Not JSON (syntax, trailing characters, bad UTF-8, nesting too deep, lone surrogates…).
    Syntax(String),
    /// One object holds the same key twice. Holds the key and where the second one was met.
    DuplicateKey { key: String, detail: String },
}

impl UserError for StrictJsonError {
    fn message(&self) -> String {
        match self {
            StrictJsonError::Syntax(_) => "JSON 语法错误".to_string(),
            StrictJsonError::DuplicateKey { key, .. } => format!("字段“{key}”重复出现"),
        }
    }

    /// Where the parser stopped.
    fn technical(&self) -> Option<String> {
        match self {
            StrictJsonError::Syntax(detail) | StrictJsonError::DuplicateKey { detail, .. } => {
                Some(detail.clone())
            }
        }
    }
}

/// The prefix of the custom error the visitor raises for a duplicate key; nothing else in a
/// `deserialize_any` pass raises a custom error.
const DUPLICATE_MARKER: &str = "duplicate key \u{1}";

/// Parses JSON, refusing duplicate keys in any object at any depth. Otherwise like
/// `serde_json::from_slice::<Value>` (same nesting limit of 128, same number handling).
pub fn parse_strict(bytes: &[u8]) -> Result<Value, StrictJsonError> {
    match serde_json::from_slice::<StrictValue>(bytes) {
        Ok(StrictValue(value)) => Ok(value),
        Err(error) => {
            let text = error.to_string();
            match text.strip_prefix(DUPLICATE_MARKER) {
                Some(rest) if error.classify() == serde_json::error::Category::Data => {
                    // rest = "<key>\u{1} at line L column C"
                    let (key, place) = rest.rsplit_once('\u{1}').unwrap_or((rest, ""));
                    Err(StrictJsonError::DuplicateKey {
                        key: key.to_string(),
                        detail: place.trim().to_string(),
                    })
                }
                _ => Err(StrictJsonError::Syntax(text)),
            }
        }
    }
}

/// A `Value` built by a visitor that checks keys as it goes.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(deserializer).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "{DUPLICATE_MARKER}{key}\u{1}"
                )));
            }
            let StrictValue(value) = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    lower_hex(&Sha256::digest(bytes))
}
