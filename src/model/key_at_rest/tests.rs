//! Tests of `model::key_at_rest`: the stored signing key in each of its forms, and damaged
//! records.

use super::*;
use crate::model::key_registry::signing_key_record;
use crate::model::keys::{export_key_backup, key_from_seed, KdfParams};

const FAST: KdfParams = KdfParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};

fn key() -> SigningKey {
    key_from_seed([7; 32])
}

#[test]
fn sealed_and_locked_records_round_trip_and_never_hold_the_seed() {
    let key = key();
    let fp = fingerprint_of(&key);
    let sealed = sealed_record(&fp, &[1; IV_LEN], &[2; SEALED_LEN]);
    assert_eq!(
        parse_stored_key(&sealed),
        Ok(StoredKey::Sealed {
            fingerprint: fp.clone(),
            iv: [1; IV_LEN],
            ciphertext: vec![2; SEALED_LEN],
        })
    );
    let backup = export_key_backup(&key, "口令口令口令口令", [3; 16], [4; 24], FAST).unwrap();
    let locked = locked_record(&fp, &backup);
    assert_eq!(
        parse_stored_key(&locked),
        Ok(StoredKey::Locked {
            fingerprint: fp.clone(),
            backup
        })
    );
    let seed_b64 = b64_encode(&key.to_bytes());
    for record in [&sealed, &locked] {
        assert!(!record.contains(&seed_b64));
    }
}

#[test]
fn an_old_plain_record_is_read_for_migration() {
    let key = key();
    let stored = parse_stored_key(&signing_key_record(&key)).unwrap();
    assert_eq!(stored.fingerprint(), fingerprint_of(&key));
    assert!(matches!(stored, StoredKey::Plain(k) if k.to_bytes() == key.to_bytes()));
}

#[test]
fn damaged_or_newer_records_are_refused_with_a_reason() {
    let fp = fingerprint_of(&key());
    let good_iv = b64_encode(&[1; IV_LEN]);
    let good_ct = b64_encode(&[2; SEALED_LEN]);
    let cases: Vec<(String, &str)> = vec![
        ("not json".into(), "已损坏"),
        ("{}".into(), "已损坏"),
        (r#"{"version":3}"#.into(), "新版本"),
        (
            format!(
                r#"{{"version":2,"protection":"device","fingerprint":"{fp}","iv":"{good_iv}"}}"#
            ),
            "已损坏",
        ),
        (
            format!(
                r#"{{"version":2,"protection":"device","fingerprint":"{fp}","iv":"AAAA","ciphertext":"{good_ct}"}}"#
            ),
            "已损坏",
        ),
        (
            format!(
                r#"{{"version":2,"protection":"device","fingerprint":"{fp}","iv":"{good_iv}","ciphertext":"AAAA"}}"#
            ),
            "已损坏",
        ),
        (
            format!(
                r#"{{"version":2,"protection":"device","fingerprint":"XYZ","iv":"{good_iv}","ciphertext":"{good_ct}"}}"#
            ),
            "已损坏",
        ),
        (
            format!(
                r#"{{"version":2,"protection":"other","fingerprint":"{fp}","iv":"{good_iv}","ciphertext":"{good_ct}"}}"#
            ),
            "已损坏",
        ),
        (
            format!(
                r#"{{"version":2,"protection":"passphrase","fingerprint":"{fp}","backup":"{{}}"}}"#
            ),
            "已损坏",
        ),
    ];
    for (json, reason) in cases {
        let error = parse_stored_key(&json).unwrap_err();
        assert!(error.contains(reason), "{json}: {error}");
    }
}

#[test]
fn an_unsealed_seed_must_match_the_recorded_fingerprint() {
    let key = key();
    let fp = fingerprint_of(&key);
    assert_eq!(
        key_from_unsealed(&key.to_bytes(), &fp).unwrap().to_bytes(),
        key.to_bytes()
    );
    assert!(key_from_unsealed(&[8; 32], &fp).is_err());
    assert!(key_from_unsealed(&[7; 31], &fp).is_err());
}

#[test]
fn a_browser_held_key_is_recorded_with_its_backup_never_its_seed() {
    let key = key();
    let fp = fingerprint_of(&key);
    let backup = export_key_backup(&key, "口令口令口令口令", [3; 16], [4; 24], FAST).unwrap();
    let record = browser_record(&fp, &backup);
    assert!(!record.contains(&b64_encode(&key.to_bytes())));
    assert_eq!(
        parse_stored_key(&record),
        Ok(StoredKey::Browser {
            fingerprint: fp.clone(),
            backup: backup.clone(),
        })
    );
    // Hostile: another key's backup beside this fingerprint, or no backup at all.
    let other = export_key_backup(
        &key_from_seed([9; 32]),
        "口令口令口令口令",
        [3; 16],
        [4; 24],
        FAST,
    )
    .unwrap();
    assert!(parse_stored_key(&browser_record(&fp, &other)).is_err());
    let bare = record.replacen(r#","backup":"#, r#","other":"#, 1);
    assert!(parse_stored_key(&bare).is_err());
    assert!(parse_stored_key(&browser_record(&fp, "{}")).is_err());
}
