//! Tests of signing and verifying: round trip, tamper detection over every field and every byte,
//! every `VerifyError` from a crafted file, strictness, and Project Wycheproof's Ed25519 vectors.

use super::*;
use crate::model::declaration::{Attachment, CreationType, CustomLocation, Scope, TownRef};
use crate::model::encoding::fingerprint_groups;
use crate::model::error::UserError;
use crate::model::field::FieldId;
use crate::model::keys::key_from_seed;
use crate::model::sample;
use chrono::TimeZone;

/// A named edit of a JSON document.
type Change = (&'static str, Box<dyn Fn(&mut Value)>);

fn key() -> SigningKey {
    key_from_seed([1; 32])
}

fn when() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap()
}

/// The sample with every optional part filled in: an attachment, a hand-added town, a date.
fn rich() -> Declaration {
    let mut d = sample::complete();
    d.towns.push(TownRef::Custom {
        name: "富春江新区".into(),
        location: CustomLocation::County {
            code: "330122".into(),
        },
    });
    d.attachments.push(Attachment {
        name: "集群规划.pdf".into(),
        size: 123_456,
        media_type: "application/pdf".into(),
        sha256: "ab".repeat(32),
    });
    d.declared_on = "2021-07-01".into();
    d
}

fn file_bytes(declaration: &Declaration) -> Vec<u8> {
    to_json_bytes(&sign(declaration, &key(), when()).unwrap())
}

fn value_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

fn bytes_of(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

/// Edits the JSON of a valid file and returns the new bytes (the signature is left as it was).
fn edited(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value = value_of(&file_bytes(&rich()));
    change(&mut value);
    bytes_of(&value)
}

/// Signs `value` as it stands (after `signature.value` is recomputed) with `key`: for crafting
/// files whose signature is right but something else is wrong.
fn resigned(mut value: Value, key: &SigningKey) -> Vec<u8> {
    let message = signing_message_of(&value).unwrap();
    value["signature"]["value"] = b64_encode(&key.sign(&message).to_bytes()).into();
    bytes_of(&value)
}

fn err(bytes: &[u8]) -> VerifyError {
    match verify(bytes) {
        Ok(v) => panic!("verified, but should not: {:?}", v.declaration.cluster_name),
        Err(e) => e,
    }
}

#[test]
fn a_signed_file_verifies_and_gives_back_the_cleaned_declaration() {
    let mut messy = rich();
    messy.cluster_name = "  桐庐富春江美镇圈 \n".into();
    messy.contact.phone = "138 5711 2345".into();
    messy.task_force_date = "2021/4/30".into();
    let file = sign(&messy, &key(), when()).unwrap();
    let bytes = to_json_bytes(&file);
    let verified = verify(&bytes).unwrap();
    assert_eq!(verified.declaration, messy.cleaned());
    assert_eq!(verified.declaration.cluster_name, "桐庐富春江美镇圈");
    assert_eq!(verified.declaration.contact.phone, "13857112345");
    assert_eq!(verified.declaration.task_force_date, "2021-04-30");
    assert_eq!(verified.public_key, key().verifying_key());
    assert_eq!(verified.fingerprint, fingerprint(&key().verifying_key()));
    assert_eq!(verified.signed_at, when());
    assert_eq!(
        verified.content_digest,
        sha256_hex(&file.signing_message().unwrap())
    );
    assert_eq!(verified.content_digest, file.content_digest().unwrap());
}

#[test]
fn the_file_has_exactly_the_documented_envelope() {
    let bytes = file_bytes(&rich());
    let text = std::str::from_utf8(&bytes).unwrap();
    assert!(text.ends_with("}\n"));
    assert!(
        text.starts_with("{\n  \"format\": \"hz-meizhen-cluster-declaration\",\n  \"version\": 1,\n  \"declaration\": {\n    \"clusterName\":"),
        "documented order: {text}"
    );
    assert!(text.contains("\n  \"declaration\": {"), "pretty-printed");
    assert!(text.contains("桐庐富春江美镇圈"), "UTF-8, not \\u escapes");
    let value = value_of(&bytes);
    let top: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(top.len(), 4);
    assert_eq!(value["format"], "hz-meizhen-cluster-declaration");
    assert_eq!(value["version"], 1);
    let sig = value["signature"].as_object().unwrap();
    let mut keys: Vec<&str> = sig.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "algorithm",
            "keyFingerprint",
            "publicKey",
            "signedAt",
            "value"
        ]
    );
    assert_eq!(sig["algorithm"], "Ed25519");
    assert_eq!(sig["signedAt"], "2021-06-30T08:00:00Z");
    assert_eq!(
        sig["publicKey"],
        b64_encode(key().verifying_key().as_bytes())
    );
    assert_eq!(sig["value"].as_str().unwrap().len(), 88);
    assert_eq!(
        value["declaration"],
        serde_json::to_value(rich().cleaned()).unwrap()
    );
}

#[test]
fn the_signed_message_is_the_jcs_of_the_file_without_the_signature_value() {
    let bytes = file_bytes(&rich());
    let mut value = value_of(&bytes);
    value["signature"].as_object_mut().unwrap().remove("value");
    let message = crate::model::canonical::canonicalize(&value).unwrap();
    assert!(message.starts_with("{\"declaration\":{\"applicant\":\"330122\","));
    assert!(message.contains("\"signature\":{\"algorithm\":\"Ed25519\",\"keyFingerprint\":\""));
    assert!(!message.contains("\"value\""));
    let verified = verify(&bytes).unwrap();
    assert_eq!(verified.content_digest, sha256_hex(message.as_bytes()));
    let signature = Signature::from_bytes(
        &b64_decode_strict(value_of(&bytes)["signature"]["value"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap(),
    );
    assert!(key()
        .verifying_key()
        .verify_strict(message.as_bytes(), &signature)
        .is_ok());
}

#[test]
fn signing_is_deterministic() {
    assert_eq!(file_bytes(&rich()), file_bytes(&rich()));
}

#[test]
fn sub_second_signing_times_are_kept_to_the_second() {
    let at = when() + chrono::Duration::milliseconds(750);
    let file = sign(&rich(), &key(), at).unwrap();
    assert_eq!(file.signature.signed_at, "2021-06-30T08:00:00Z");
    assert_eq!(verify(&to_json_bytes(&file)).unwrap().signed_at, when());
}

#[test]
fn an_incomplete_declaration_is_not_signed() {
    match sign(&Declaration::default(), &key(), when()) {
        Err(SignError::Incomplete(report)) => {
            assert!(report.error_count() > 5);
            assert!(SignError::Incomplete(report).message().contains("需要修改"));
        }
        other => panic!("{other:?}"),
    }
    // Warnings alone do not stop signing: the file is still refused only for errors.
    let mut d = rich();
    d.cluster_name = "   ".into();
    assert!(matches!(
        sign(&d, &key(), when()),
        Err(SignError::Incomplete(_))
    ));
}

#[test]
fn a_declaration_too_big_for_a_file_or_without_a_canonical_form_is_not_signed() {
    let mut d = rich();
    d.attachments = (0..12_000)
        .map(|i| Attachment {
            name: format!("附件{i}.pdf"),
            size: 1,
            media_type: "application/pdf".into(),
            sha256: "00".repeat(32),
        })
        .collect();
    match sign(&d, &key(), when()) {
        Err(e @ SignError::SelfCheck(VerifyError::TooLarge { .. })) => {
            assert!(e.message().contains("超过"), "{}", e.message())
        }
        other => panic!("{other:?}"),
    }
    let mut d = rich();
    d.attachments[0].size = 1 << 60;
    assert!(matches!(
        sign(&d, &key(), when()),
        Err(SignError::Canon(CanonError::IntegerOutOfRange(_)))
    ));
}

/// Every leaf of the declaration's JSON, by path, with a changed value that still has the right
/// type and shape (so that only the signature can catch the change).
fn leaf_changes(value: &Value, path: &mut Vec<String>, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(key.clone());
                leaf_changes(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                leaf_changes(child, path, out);
                path.pop();
            }
        }
        Value::String(s) => {
            let last = path.last().map(String::as_str).unwrap_or("");
            let changed = match (last, s.as_str()) {
                ("creationType", "composite") => "distinctive".to_string(),
                ("creationType", _) => "composite".to_string(),
                ("scope", "withinCounty") => "acrossCounties".to_string(),
                ("scope", _) => "withinCounty".to_string(),
                ("kind", _) => return, // changing a tag changes the shape; see below
                _ => format!("{s}1"),
            };
            out.push((path.join("/"), Value::String(changed)));
        }
        Value::Number(n) => {
            let changed = n.as_u64().map(|u| u + 1).unwrap_or(0);
            out.push((path.join("/"), Value::from(changed)));
        }
        Value::Bool(_) | Value::Null => {}
    }
}

#[test]
fn every_single_field_change_is_detected() {
    let original = value_of(&file_bytes(&rich()));
    let mut changes = Vec::new();
    leaf_changes(&original["declaration"], &mut Vec::new(), &mut changes);
    // Every member of the declaration has at least one change (a new member of `Declaration`
    // must be filled in by `rich()` to be covered).
    let covered: std::collections::BTreeSet<&str> = changes
        .iter()
        .filter_map(|(path, _)| path.split('/').next())
        .collect();
    let members: std::collections::BTreeSet<&str> = original["declaration"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(covered, members);
    assert!(changes.len() >= 28, "{changes:#?}");
    for (path, changed) in changes {
        let mut value = original.clone();
        let pointer = format!("/declaration/{path}");
        *value.pointer_mut(&pointer).unwrap() = changed;
        assert_eq!(err(&bytes_of(&value)), VerifyError::Tampered, "{path}");
    }
}

#[test]
fn every_form_field_changed_through_the_model_is_detected() {
    let file = sign(&rich(), &key(), when()).unwrap();
    for field in FieldId::ALL {
        let mut changed = file.clone();
        let d = &mut changed.declaration;
        match field {
            FieldId::Towns => d.towns.swap(0, 1),
            FieldId::CreationType => d.creation_type = Some(CreationType::Distinctive),
            FieldId::Scope => d.scope = Some(Scope::AcrossCounties),
            other => d.text_mut(other).unwrap().push('改'),
        }
        assert_eq!(
            err(&to_json_bytes(&changed)),
            VerifyError::Tampered,
            "{field:?}"
        );
    }
}

#[test]
fn structural_changes_and_signature_block_changes_are_detected() {
    let original = value_of(&file_bytes(&rich()));
    let other_key = key_from_seed([2; 32]).verifying_key();
    let changes: Vec<Change> = vec![
        (
            "a town removed",
            Box::new(|v| {
                v["declaration"]["towns"].as_array_mut().unwrap().remove(2);
            }),
        ),
        (
            "a town added",
            Box::new(|v| {
                let towns = v["declaration"]["towns"].as_array_mut().unwrap();
                let first = towns[0].clone();
                towns[0]["code"] = "330122101".into();
                towns.push(first);
            }),
        ),
        (
            "a town listed instead of hand-added",
            Box::new(|v| {
                v["declaration"]["towns"][3] =
                    serde_json::json!({"kind": "listed", "code": "330122102"});
            }),
        ),
        (
            "the attachment removed",
            Box::new(|v| v["declaration"]["attachments"] = Value::Array(vec![])),
        ),
        (
            "another time",
            Box::new(|v| v["signature"]["signedAt"] = "2021-06-30T08:00:01Z".into()),
        ),
        (
            "another key with its own fingerprint",
            Box::new(move |v| {
                v["signature"]["publicKey"] = b64_encode(other_key.as_bytes()).into();
                v["signature"]["keyFingerprint"] = fingerprint(&other_key).into();
            }),
        ),
        (
            "another signature",
            Box::new(|v| {
                let sig = key().sign(b"something else").to_bytes();
                v["signature"]["value"] = b64_encode(&sig).into();
            }),
        ),
    ];
    for (what, change) in changes {
        let mut value = original.clone();
        change(&mut value);
        assert_eq!(err(&bytes_of(&value)), VerifyError::Tampered, "{what}");
    }
}

/// A valid declaration with short texts: a small file for the byte-flipping test.
fn small() -> Declaration {
    let mut d = sample::complete();
    d.cluster_name = "富春江美镇圈".into();
    d.coordinator.unit = "桐庐县政府".into();
    d.contact.unit = "桐庐县美镇办".into();
    d.contact.title = "科长".into();
    d.stage_results = "完成规划。".into();
    d.summary = "六共原则。".into();
    d
}

/// Flips every byte of a small file (one bit, and the top bit): nothing verifies as something
/// other than the original. (Each flip that stays valid JSON costs a full Ed25519 check, which
/// is slow in a debug build; hence the small file.)
#[test]
fn flipping_any_byte_never_verifies_with_other_content() {
    let original = file_bytes(&small());
    let good = verify(&original).unwrap();
    let mut survived = 0;
    for i in 0..original.len() {
        for mask in [0x01u8, 0x80] {
            let mut bytes = original.clone();
            bytes[i] ^= mask;
            if let Ok(v) = verify(&bytes) {
                // Only a change outside the content (none is possible in our pretty output, but
                // the property is what matters) may still verify — and then it says the same.
                assert_eq!(v, good, "byte {i} ^ {mask:#04x}");
                survived += 1;
            }
        }
    }
    assert_eq!(
        survived, 0,
        "no flipped byte should be harmless in this file"
    );
}

#[test]
fn whitespace_and_key_order_are_not_content() {
    let bytes = file_bytes(&rich());
    let compact = serde_json::to_vec(&value_of(&bytes)).unwrap();
    assert_eq!(verify(&compact).unwrap(), verify(&bytes).unwrap());
    // Keys in another order (the canonical order here) verify too.
    let reordered = crate::model::canonical::canonical_bytes(&value_of(&bytes)).unwrap();
    assert_eq!(verify(&reordered).unwrap(), verify(&bytes).unwrap());
}

// ---- each VerifyError, from a crafted file ----

#[test]
fn too_large_is_refused_before_parsing() {
    let garbage = vec![b'x'; MAX_FILE_BYTES + 1];
    assert_eq!(
        err(&garbage),
        VerifyError::TooLarge {
            size: MAX_FILE_BYTES + 1
        }
    );
    assert_eq!(err(&garbage).verdict(), "文件过大");
    // At the limit itself the file is parsed (and this garbage is then not JSON).
    assert!(matches!(
        err(&garbage[..MAX_FILE_BYTES]),
        VerifyError::NotJson(_)
    ));
    // A valid file padded with white space: valid up to the limit, refused past it.
    let mut padded = file_bytes(&rich());
    padded.resize(MAX_FILE_BYTES, b' ');
    assert!(verify(&padded).is_ok());
    padded.push(b'\n');
    assert!(matches!(err(&padded), VerifyError::TooLarge { .. }));
}

#[test]
fn not_json() {
    let bytes = file_bytes(&rich());
    for bad in [
        &bytes[..bytes.len() / 2],
        b"",
        b"\xef\xbb\xbf{}",
        b"{\"format\":\"hz-meizhen-cluster-declaration\",}",
    ] {
        let e = err(bad);
        assert!(matches!(e, VerifyError::NotJson(_)), "{e:?}");
        assert_eq!(e.verdict(), "不是有效的 JSON");
    }
    // A byte that is not UTF-8 inside a string.
    let mut broken = bytes.clone();
    let at = broken.iter().position(|&b| b >= 0x80).unwrap();
    broken[at] = 0xff;
    assert!(matches!(err(&broken), VerifyError::NotJson(_)));
}

#[test]
fn duplicate_keys_anywhere() {
    let text = String::from_utf8(file_bytes(&rich())).unwrap();
    let cases = [
        // At the top.
        text.replacen("{\n", "{\n  \"version\": 1,\n", 1),
        // In the declaration (serde would catch this one itself).
        text.replacen(
            "\"clusterName\":",
            "\"clusterName\": \"别的名称\",\n    \"clusterName\":",
            1,
        ),
        // Inside a tagged town: serde's internally tagged enums would keep the last one.
        text.replacen("\"code\": \"", "\"code\": \"330122999\", \"code\": \"", 1),
        // Inside the signature.
        text.replacen(
            "\"algorithm\":",
            "\"algorithm\": \"Ed25519\", \"algorithm\":",
            1,
        ),
    ];
    for case in &cases {
        assert_ne!(case, &text);
        let e = err(case.as_bytes());
        assert!(matches!(e, VerifyError::DuplicateKey { .. }), "{e:?}");
        assert_eq!(e.verdict(), "重复的字段");
    }
}

#[test]
fn not_a_declaration_file() {
    for bytes in [
        edited(|v| {
            v.as_object_mut().unwrap().remove("format");
        }),
        edited(|v| v["format"] = "hz-meizhen-signing-key-backup".into()),
        edited(|v| v["format"] = 1.into()),
        b"[]".to_vec(),
        b"\"hz-meizhen-cluster-declaration\"".to_vec(),
        b"{}".to_vec(),
    ] {
        let e = err(&bytes);
        assert!(matches!(e, VerifyError::NotDeclarationFile(_)), "{e:?}");
        assert_eq!(e.verdict(), "不是申报文件");
    }
}

#[test]
fn versions() {
    let e = err(&edited(|v| v["version"] = 2.into()));
    assert_eq!(e, VerifyError::VersionTooNew(2));
    assert_eq!(e.verdict(), "版本过新");
    for bad in [
        Value::from(0),
        Value::from(-1),
        Value::from(1.0),
        Value::from(1.5),
        Value::from("1"),
        Value::Null,
    ] {
        let e = err(&edited(|v| v["version"] = bad.clone()));
        assert!(matches!(e, VerifyError::VersionInvalid(_)), "{bad}: {e:?}");
        assert_eq!(e.verdict(), "版本无效");
    }
    let e = err(&edited(|v| {
        v.as_object_mut().unwrap().remove("version");
    }));
    assert!(matches!(e, VerifyError::VersionInvalid(_)));
}

#[test]
fn structure() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("unknown top field", edited(|v| v["comment"] = "x".into())),
        (
            "unknown declaration field",
            edited(|v| v["declaration"]["remark"] = "x".into()),
        ),
        (
            "unknown signature field",
            edited(|v| v["signature"]["certificate"] = "x".into()),
        ),
        (
            "missing signature value",
            edited(|v| {
                v["signature"].as_object_mut().unwrap().remove("value");
            }),
        ),
        (
            "missing signature",
            edited(|v| {
                v.as_object_mut().unwrap().remove("signature");
            }),
        ),
        (
            "wrong type",
            edited(|v| v["declaration"]["clusterName"] = 5.into()),
        ),
        (
            "unknown scope",
            edited(|v| v["declaration"]["scope"] = "global".into()),
        ),
        (
            "a defaulted field left out",
            edited(|v| {
                v["declaration"]
                    .as_object_mut()
                    .unwrap()
                    .remove("attachments");
            }),
        ),
        (
            "unknown field in a tagged town",
            edited(|v| v["declaration"]["towns"][0]["name"] = "x".into()),
        ),
        (
            "a size written as a double",
            edited(|v| v["declaration"]["attachments"][0]["size"] = 123456.0.into()),
        ),
        (
            "a size beyond 2^53",
            edited(|v| v["declaration"]["attachments"][0]["size"] = (1u64 << 60).into()),
        ),
    ];
    for (what, bytes) in cases {
        let e = err(&bytes);
        assert!(matches!(e, VerifyError::Structure(_)), "{what}: {e:?}");
        assert_eq!(e.verdict(), "结构不符");
        assert!(
            !e.technical().unwrap_or_else(|| e.message()).is_empty(),
            "{what}"
        );
    }
    // The detail names what is wrong.
    let e = err(&edited(|v| v["declaration"]["remark"] = "x".into()));
    assert!(
        e.technical()
            .unwrap_or_else(|| e.message())
            .contains("remark"),
        "{}",
        e.technical().unwrap_or_else(|| e.message())
    );
    let e = err(&edited(|v| {
        v["declaration"]
            .as_object_mut()
            .unwrap()
            .remove("attachments");
    }));
    assert!(
        e.technical()
            .unwrap_or_else(|| e.message())
            .contains("declaration.attachments"),
        "{}",
        e.technical().unwrap_or_else(|| e.message())
    );
}

#[test]
fn unsupported_algorithm() {
    for algorithm in ["ed25519", "Ed448", "RS256", ""] {
        let e = err(&edited(|v| v["signature"]["algorithm"] = algorithm.into()));
        assert!(matches!(e, VerifyError::UnsupportedAlgorithm(_)), "{e:?}");
        assert_eq!(e.verdict(), "签名算法不支持");
    }
}

/// 32 bytes that are not the encoding of any curve point.
fn not_a_point() -> [u8; 32] {
    (2u8..)
        .map(|i| [i; 32])
        .find(|bytes| VerifyingKey::from_bytes(bytes).is_err())
        .unwrap()
}

#[test]
fn public_key_format() {
    let good = b64_encode(key().verifying_key().as_bytes());
    let mut identity = [0u8; 32];
    identity[0] = 1; // the neutral element: small order
    let bad_keys = [
        format!(" {good}"),
        format!("{}\n{}", &good[..20], &good[20..]),
        good.trim_end_matches('=').to_string(),
        good.replace('=', "=="),
        // Same bytes, but the unused low bits of the last character set: not canonical.
        {
            const ALPHABET: &str =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut chars: Vec<char> = good.chars().collect();
            let last = chars.len() - 2;
            let index = ALPHABET.find(chars[last]).unwrap();
            assert_eq!(index & 0b11, 0, "canonical: the two spare bits are zero");
            chars[last] = ALPHABET.as_bytes()[index | 1] as char;
            chars.into_iter().collect::<String>()
        },
        b64_encode(&[7; 31]),
        b64_encode(&[7; 33]),
        b64_encode(&not_a_point()),
        b64_encode(&identity),
    ];
    for bad in bad_keys {
        let e = err(&edited(|v| {
            v["signature"]["publicKey"] = bad.clone().into()
        }));
        assert!(matches!(e, VerifyError::PublicKey(_)), "{bad:?}: {e:?}");
        assert_eq!(e.verdict(), "公钥格式错误");
    }
    // The URL-safe alphabet is not standard base64, even with the right fingerprint.
    let (other, text) = (3u8..)
        .map(|i| key_from_seed([i; 32]).verifying_key())
        .map(|k| (k, b64_encode(k.as_bytes())))
        .find(|(_, text)| text.contains(['+', '/']))
        .unwrap();
    let url_safe = text.replace('+', "-").replace('/', "_");
    let e = err(&edited(|v| {
        v["signature"]["publicKey"] = url_safe.into();
        v["signature"]["keyFingerprint"] = fingerprint(&other).into();
    }));
    assert!(matches!(e, VerifyError::PublicKey(_)), "{e:?}");
}

#[test]
fn fingerprint_must_match_in_lower_case() {
    let e = err(&edited(|v| {
        v["signature"]["keyFingerprint"] = "00".repeat(32).into()
    }));
    assert!(matches!(e, VerifyError::FingerprintMismatch(_)));
    assert_eq!(e.verdict(), "指纹与公钥不符");
    let upper = fingerprint(&key().verifying_key()).to_uppercase();
    let e = err(&edited(|v| v["signature"]["keyFingerprint"] = upper.into()));
    assert!(
        e.technical()
            .unwrap_or_else(|| e.message())
            .contains("小写"),
        "{e:?}"
    );
    let spaced = fingerprint_groups(&fingerprint(&key().verifying_key()));
    let e = err(&edited(|v| {
        v["signature"]["keyFingerprint"] = spaced.into()
    }));
    assert!(matches!(e, VerifyError::FingerprintMismatch(_)));
}

#[test]
fn signature_format() {
    let good = edited(|_| {});
    let value = value_of(&good);
    let sig = value["signature"]["value"].as_str().unwrap().to_string();
    for bad in [
        b64_encode(&[1; 63]),
        b64_encode(&[1; 65]),
        format!("{sig} "),
        format!("{}\r\n{}", &sig[..44], &sig[44..]),
        sig.trim_end_matches('=').to_string(),
        "not base64!".to_string(),
        String::new(),
    ] {
        let e = err(&edited(|v| v["signature"]["value"] = bad.clone().into()));
        assert!(
            matches!(e, VerifyError::SignatureFormat(_)),
            "{bad:?}: {e:?}"
        );
        assert_eq!(e.verdict(), "签名格式错误");
    }
}

#[test]
fn signed_at_format() {
    for bad in [
        "2021-06-30 08:00:00Z",
        "2021-06-30T08:00:00+00:00",
        "2021-06-30T16:00:00+08:00",
        "2021-06-30T08:00:00.000Z",
        "2021-06-30T08:00:00z",
        "2021-06-30t08:00:00Z",
        "2021-6-30T08:00:00Z",
        "2021-06-30T8:00:00Z",
        "2021-06-30T23:59:60Z",
        "2021-02-30T08:00:00Z",
        "2021-06-30T08:00Z",
        "2021-06-30",
        " 2021-06-30T08:00:00Z",
        "",
    ] {
        let e = err(&edited(|v| v["signature"]["signedAt"] = bad.into()));
        assert!(
            matches!(e, VerifyError::SignedAtFormat(_)),
            "{bad:?}: {e:?}"
        );
        assert_eq!(e.verdict(), "签名时间格式错误");
    }
}

#[test]
fn tampered() {
    let e = err(&edited(|v| {
        v["declaration"]["clusterName"] = "别的美镇圈".into()
    }));
    assert_eq!(e, VerifyError::Tampered);
    assert_eq!(e.verdict(), "内容被改动");
    assert!(e.message().contains("签名与内容不符"), "{}", e.message());
    assert_eq!(e.technical(), None, "nothing more to say behind 技术细节");
}

#[test]
fn a_valid_signature_over_an_incomplete_declaration_is_reported() {
    // Not something the app makes: a file signed by other software, with the key, without
    // validating first.
    let mut value = value_of(&file_bytes(&rich()));
    value["declaration"]["clusterName"] = "".into();
    value["declaration"]["summary"] = "".into();
    let e = err(&resigned(value, &key()));
    match &e {
        VerifyError::Incomplete(problems) => {
            assert_eq!(problems.len(), 2, "{problems:?}");
            assert!(problems[0].starts_with("美丽城镇集群化建设名称："));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.verdict(), "申报内容不完整");
}

#[test]
fn a_validly_signed_declaration_not_as_the_app_writes_it_is_refused() {
    // Files signed by other software with a valid key: the signature holds, the content does not.
    type Edit = Box<dyn Fn(&mut Value)>;
    let rows: Vec<(&str, Edit, &str)> = vec![
        (
            "untrimmed applicant",
            Box::new(|v| v["declaration"]["applicant"] = "\u{3000}330122 ".into()),
            "“申报单位”的写法与本程序生成的不同",
        ),
        (
            "direction override",
            Box::new(|v| v["declaration"]["clusterName"] = "桐庐\u{202e}圈镇美".into()),
            "名称”含有不可见的字符：文字方向控制符",
        ),
        (
            "escape sequence",
            Box::new(|v| v["declaration"]["summary"] = "简介\u{1b}[2J\u{1b}]0;x\u{7}".into()),
            "简介（500字）”含有不可见的字符：控制字符",
        ),
        (
            "NUL",
            Box::new(|v| v["declaration"]["coordinator"]["unit"] = "桐庐县\0美镇办".into()),
            "总协调人 所在单位”含有不可见的字符：控制字符",
        ),
        (
            "tab before a formula",
            Box::new(|v| v["declaration"]["contact"]["title"] = "\t=2+2".into()),
            "具体联系人 职务”含有不可见的字符：控制字符",
        ),
        (
            "private use",
            Box::new(|v| v["declaration"]["coordinator"]["name"] = "王\u{e000}".into()),
            "私用区字符",
        ),
        (
            "empty attachment name and a digest that is not one",
            Box::new(|v| {
                v["declaration"]["attachments"][0]["name"] = "".into();
                v["declaration"]["attachments"][0]["sha256"] = "not-a-hash".into();
            }),
            "第 1 个附件没有文件名；第 1 个附件的内容摘要应为 64 位小写十六进制数字",
        ),
        (
            "500 attachments",
            Box::new(|v| {
                let one = v["declaration"]["attachments"][0].clone();
                v["declaration"]["attachments"] = Value::Array(vec![one; 500]);
            }),
            "列出了 500 个附件，最多 50 个",
        ),
    ];
    for (name, change, words) in rows {
        let mut value = value_of(&file_bytes(&rich()));
        change(&mut value);
        let e = err(&resigned(value, &key()));
        assert!(matches!(e, VerifyError::NotAsWritten(_)), "{name}: {e:?}");
        assert_eq!(e.verdict(), "内容写法不规范", "{name}");
        assert!(
            e.technical().unwrap_or_else(|| e.message()).contains(words),
            "{name}: {}",
            e.technical().unwrap_or_else(|| e.message())
        );
    }
}

#[test]
fn every_reason_is_distinct_chinese() {
    let all = [
        VerifyError::TooLarge { size: 0 },
        VerifyError::NotJson(String::new()),
        VerifyError::DuplicateKey {
            key: String::new(),
            detail: String::new(),
        },
        VerifyError::NotDeclarationFile(String::new()),
        VerifyError::VersionTooNew(2),
        VerifyError::VersionInvalid(String::new()),
        VerifyError::Structure(String::new()),
        VerifyError::UnsupportedAlgorithm(String::new()),
        VerifyError::PublicKey(String::new()),
        VerifyError::FingerprintMismatch(String::new()),
        VerifyError::SignatureFormat(String::new()),
        VerifyError::SignedAtFormat(String::new()),
        VerifyError::Tampered,
        VerifyError::Incomplete(vec![]),
        VerifyError::NotAsWritten(vec![]),
    ];
    let reasons: std::collections::HashSet<&str> = all.iter().map(VerifyError::verdict).collect();
    assert_eq!(reasons.len(), all.len());
}

// ---- the primitive against Project Wycheproof ----

#[test]
fn wycheproof_ed25519_vectors() {
    use wycheproof::eddsa::{TestName, TestSet};
    use wycheproof::TestResult;
    let set = TestSet::load(TestName::Ed25519).unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        for test in &group.tests {
            let outcome = verify_ed25519(&group.key.pk, &test.msg, &test.sig);
            match test.result {
                TestResult::Valid => {
                    assert!(
                        outcome.is_ok(),
                        "tcId {} {}: {outcome:?}",
                        test.tc_id,
                        test.comment
                    );
                    valid += 1;
                }
                TestResult::Invalid => {
                    assert!(outcome.is_err(), "tcId {} {}", test.tc_id, test.comment);
                    invalid += 1;
                }
                TestResult::Acceptable => {}
            }
        }
    }
    assert_eq!(
        valid + invalid,
        set.number_of_tests,
        "no 'acceptable' cases expected"
    );
    assert!(
        valid > 50 && invalid > 50,
        "{valid} valid, {invalid} invalid"
    );
}

#[test]
fn dates_to_the_month_two_phone_numbers_and_the_office_name_sign_and_verify() {
    let mut d = sample::complete();
    d.implementation_plan_date = "2021年6月".into();
    d.cluster_plan_date = "2021/9".into();
    d.coordinator.phone = "0571-87654321/13812345678".into();
    d.contact.phone = "13912345678（短号612345）".into();
    d.applicant_office = "杭州市桐庐县美丽城镇建设工作领导小组办公室".into();
    let file = sign(&d, &key(), when()).unwrap();
    assert_eq!(file.declaration.implementation_plan_date, "2021-06");
    assert_eq!(file.declaration.cluster_plan_date, "2021-09");
    assert_eq!(
        file.declaration.coordinator.phone,
        "0571-87654321、13812345678"
    );
    assert_eq!(file.declaration.contact.phone, "13912345678（短号 612345）");
    let verified = verify(&to_json_bytes(&file)).unwrap();
    assert_eq!(verified.declaration, file.declaration);
    // An empty office name is left out of the file, so files without one are unchanged.
    let plain = sign(&sample::complete(), &key(), when()).unwrap();
    let text = String::from_utf8(to_json_bytes(&plain)).unwrap();
    assert!(!text.contains("applicantOffice"), "{text}");
}

#[test]
fn text_over_its_character_ceiling_is_neither_signed_nor_verified() {
    // 900,000 letters are one 字: only the character ceiling stops them.
    let long = "a".repeat(900_000);
    let mut d = rich();
    d.cluster_name = long.clone();
    assert!(matches!(
        sign(&d, &key(), when()),
        Err(SignError::Incomplete(_))
    ));
    // Signed by other software, without validating first.
    let mut value = value_of(&file_bytes(&rich()));
    value["declaration"]["clusterName"] = "😀".repeat(301).into();
    let e = err(&resigned(value, &key()));
    match &e {
        VerifyError::Incomplete(problems) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].contains("最多 300 个字符"), "{problems:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_signature_made_elsewhere_is_kept_only_if_the_file_verifies() {
    let d = rich();
    let (file, message) = to_be_signed(&d, &key().verifying_key(), when()).unwrap();
    let good = key().sign(&message).to_bytes();
    let signed = with_signature(file.clone(), &good).unwrap();
    assert_eq!(signed, sign(&d, &key(), when()).unwrap());
    // Hostile signers: another key's signature, a flipped bit, a short one, nothing.
    let other = key_from_seed([5; 32]).sign(&message).to_bytes();
    let mut flipped = good;
    flipped[10] ^= 1;
    for bad in [&other[..], &flipped[..], &good[..63], &[][..]] {
        assert!(matches!(
            with_signature(file.clone(), bad),
            Err(SignError::SelfCheck(_))
        ));
    }
}
