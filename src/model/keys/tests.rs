//! Tests of `model::keys`.

use super::*;
use crate::model::error::UserError;

/// Cheap costs so that the tests stay fast; the format records whatever was used.
const FAST: KdfParams = KdfParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};
/// A named edit of a JSON document.
type Change = (&'static str, Box<dyn Fn(&mut Value)>);

const SALT: [u8; SALT_LEN] = [0x5a; SALT_LEN];
const NONCE: [u8; NONCE_LEN] = [0x0c; NONCE_LEN];

fn hex32(text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

fn test_key() -> SigningKey {
    key_from_seed([42; 32])
}

fn backup() -> String {
    export_key_backup(&test_key(), "富春江 2021", SALT, NONCE, FAST).unwrap()
}

fn edit(json: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(json).unwrap();
    change(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn a_seed_gives_the_rfc8032_key_and_its_fingerprint() {
    // RFC 8032 §7.1, TEST 1.
    let key = key_from_seed(hex32(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    ));
    assert_eq!(
        key.verifying_key().to_bytes(),
        hex32("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    );
    assert_eq!(
        fingerprint(&key.verifying_key()),
        "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"
    );
}

#[test]
fn a_backup_round_trips_with_the_right_passphrase() {
    let json = backup();
    let key = import_key_backup(&json, "富春江 2021").unwrap();
    assert_eq!(key.to_bytes(), test_key().to_bytes());
    let info = read_key_backup_info(&json).unwrap();
    assert_eq!(info.public_key, test_key().verifying_key());
    assert_eq!(info.fingerprint, fingerprint(&test_key().verifying_key()));
    assert_eq!(info.params, FAST);
    // The file records everything needed to decrypt it.
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["kdf"]["algorithm"], "Argon2id");
    assert_eq!(value["kdf"]["argon2Version"], 19);
    assert_eq!(value["kdf"]["memoryKiB"], 64);
    assert_eq!(value["kdf"]["iterations"], 1);
    assert_eq!(value["kdf"]["parallelism"], 1);
    assert_eq!(value["kdf"]["salt"], b64_encode(&SALT));
    assert_eq!(value["cipher"]["algorithm"], "XChaCha20-Poly1305");
    assert_eq!(value["cipher"]["nonce"], b64_encode(&NONCE));
    // The same inputs give the same file: nothing random inside the model.
    assert_eq!(backup(), json);
}

#[test]
fn the_recommended_costs_work() {
    let json = export_key_backup(&test_key(), "口令", SALT, NONCE, KdfParams::RECOMMENDED).unwrap();
    assert!(json.contains("\"memoryKiB\": 19456"), "{json}");
    assert_eq!(
        import_key_backup(&json, "口令").unwrap().to_bytes(),
        test_key().to_bytes()
    );
}

#[test]
fn a_wrong_passphrase_is_reported_as_such() {
    let json = backup();
    for wrong in ["", "富春江2021", "富春江 2021 ", "富春江 2022"] {
        assert_eq!(
            import_key_backup(&json, wrong).unwrap_err(),
            KeyBackupError::WrongPassphrase,
            "{wrong:?}"
        );
    }
    assert_eq!(
        KeyBackupError::WrongPassphrase.message(),
        "口令错误（或密钥备份文件已损坏）"
    );
}

#[test]
fn an_empty_passphrase_or_bad_costs_are_refused_on_export() {
    assert_eq!(
        export_key_backup(&test_key(), "", SALT, NONCE, FAST).unwrap_err(),
        KeyBackupError::EmptyPassphrase
    );
    for params in [
        KdfParams {
            memory_kib: 4,
            ..FAST
        },
        KdfParams {
            iterations: 0,
            ..FAST
        },
        KdfParams {
            parallelism: 0,
            ..FAST
        },
        KdfParams {
            memory_kib: KdfParams::MAX_MEMORY_KIB + 1,
            ..FAST
        },
        KdfParams {
            iterations: KdfParams::MAX_ITERATIONS + 1,
            ..FAST
        },
        KdfParams {
            parallelism: KdfParams::MAX_PARALLELISM + 1,
            ..FAST
        },
    ] {
        assert!(
            matches!(
                export_key_backup(&test_key(), "x", SALT, NONCE, params),
                Err(KeyBackupError::UnsupportedParams(_))
            ),
            "{params:?}"
        );
    }
}

#[test]
fn every_change_to_the_recorded_data_stops_decryption() {
    let json = backup();
    let other = key_from_seed([7; 32]).verifying_key();
    let changes: Vec<Change> = vec![
        ("memory", Box::new(|v| v["kdf"]["memoryKiB"] = 72.into())),
        (
            "iterations",
            Box::new(|v| v["kdf"]["iterations"] = 2.into()),
        ),
        (
            "salt",
            Box::new(|v| v["kdf"]["salt"] = b64_encode(&[0x5b; 16]).into()),
        ),
        (
            "nonce",
            Box::new(|v| v["cipher"]["nonce"] = b64_encode(&[0x0d; 24]).into()),
        ),
        (
            "public key",
            Box::new(move |v| {
                v["publicKey"] = b64_encode(other.as_bytes()).into();
                v["keyFingerprint"] = fingerprint(&other).into();
            }),
        ),
        (
            "ciphertext",
            Box::new(|v| {
                let mut bytes = b64_decode_strict(v["ciphertext"].as_str().unwrap()).unwrap();
                bytes[5] ^= 1;
                v["ciphertext"] = b64_encode(&bytes).into();
            }),
        ),
    ];
    for (what, change) in changes {
        assert_eq!(
            import_key_backup(&edit(&json, change), "富春江 2021").unwrap_err(),
            KeyBackupError::WrongPassphrase,
            "{what}"
        );
    }
}

#[test]
fn damaged_or_foreign_files_say_why() {
    let json = backup();
    let err = |text: &str| import_key_backup(text, "富春江 2021").unwrap_err();
    assert_eq!(
        err(&"x".repeat(MAX_BACKUP_BYTES + 1)),
        KeyBackupError::TooLarge
    );
    assert!(matches!(err("{"), KeyBackupError::NotJson(_)));
    let dup = json.replacen("{", "{\"format\": \"x\",", 1);
    assert!(matches!(err(&dup), KeyBackupError::NotJson(d) if d.contains("format")));
    assert_eq!(err("{}"), KeyBackupError::NotKeyBackup);
    assert_eq!(
        err(r#"{"format":"hz-meizhen-cluster-declaration","version":1}"#),
        KeyBackupError::NotKeyBackup
    );
    assert_eq!(
        err(&edit(&json, |v| v["version"] = 2.into())),
        KeyBackupError::VersionTooNew(2)
    );
    for bad_version in [Value::from(0), Value::from(1.0), Value::from("1")] {
        assert!(matches!(
            err(&edit(&json, |v| v["version"] = bad_version)),
            KeyBackupError::Structure(_)
        ));
    }
    assert!(matches!(
        err(&edit(&json, |v| v["extra"] = 1.into())),
        KeyBackupError::Structure(d) if d.contains("extra")
    ));
    assert!(matches!(
        err(&edit(&json, |v| v["kdf"]["algorithm"] = "scrypt".into())),
        KeyBackupError::UnsupportedParams(_)
    ));
    assert!(matches!(
        err(&edit(&json, |v| v["cipher"]["algorithm"] = "AES-256-GCM".into())),
        KeyBackupError::UnsupportedParams(_)
    ));
    assert!(matches!(
        err(&edit(&json, |v| v["kdf"]["memoryKiB"] = 4_000_000.into())),
        KeyBackupError::UnsupportedParams(_)
    ));
    let upper = edit(&json, |v| {
        let fp = v["keyFingerprint"].as_str().unwrap().to_uppercase();
        v["keyFingerprint"] = fp.into();
    });
    assert!(matches!(err(&upper), KeyBackupError::Damaged(_)));
    assert!(matches!(
        err(&edit(&json, |v| v["kdf"]["salt"] = "AAAA".into())),
        KeyBackupError::Damaged(d) if d.contains("salt")
    ));
    assert!(matches!(
        err(&edit(&json, |v| {
            let spaced = format!(" {}", v["ciphertext"].as_str().unwrap());
            v["ciphertext"] = spaced.into();
        })),
        KeyBackupError::Damaged(d) if d.contains("ciphertext")
    ));
}

#[test]
fn a_ciphertext_of_another_key_under_the_same_passphrase_is_caught() {
    // The backup of key B, relabelled as key A: the AAD differs, so decryption fails.
    let a = backup();
    let b = export_key_backup(&key_from_seed([9; 32]), "富春江 2021", SALT, NONCE, FAST).unwrap();
    let b_ciphertext: Value = serde_json::from_str::<Value>(&b).unwrap()["ciphertext"].clone();
    let mixed = edit(&a, |v| v["ciphertext"] = b_ciphertext);
    assert_eq!(
        import_key_backup(&mixed, "富春江 2021").unwrap_err(),
        KeyBackupError::WrongPassphrase
    );
}

#[test]
fn a_backup_asking_for_more_work_than_the_app_writes_is_refused_before_any_derivation() {
    let json = backup();
    // (memoryKiB, iterations, parallelism, accepted?)
    let rows = [
        (19_456, 2, 1, true),
        (19_457, 2, 1, false),
        (19_456, 3, 1, false),
        (19_456, 2, 2, false),
        // The former maximum: about 3 s of work natively before the passphrase was checked.
        (262_144, 16, 4, false),
        (u32::MAX, u32::MAX, u32::MAX, false),
    ];
    for (memory, iterations, parallelism, accepted) in rows {
        let edited = edit(&json, |v| {
            v["kdf"]["memoryKiB"] = memory.into();
            v["kdf"]["iterations"] = iterations.into();
            v["kdf"]["parallelism"] = parallelism.into();
        });
        let started = std::time::Instant::now();
        let info = read_key_backup_info(&edited);
        let error = import_key_backup(&edited, "富春江 2021").unwrap_err();
        if accepted {
            assert!(info.is_ok(), "{memory} {iterations} {parallelism}");
            // The costs are covered by the encryption: changed, decryption fails.
            assert_eq!(error, KeyBackupError::WrongPassphrase);
        } else {
            assert!(
                started.elapsed() < std::time::Duration::from_millis(500),
                "refused only after {:?}",
                started.elapsed()
            );
            let KeyBackupError::UnsupportedParams(detail) = &error else {
                panic!("{memory} {iterations} {parallelism}: {error:?}");
            };
            assert!(detail.contains("超过本程序导出备份时所用的"), "{detail}");
            assert!(matches!(info, Err(KeyBackupError::UnsupportedParams(_))));
        }
    }
}

/// The app derives the passphrase's key apart from the page, then seals or opens: the two steps
/// give exactly what the one-call functions give.
#[test]
fn deriving_apart_then_sealing_or_opening_matches_the_one_call_path() {
    let request = KdfRequest {
        params: FAST,
        salt: SALT.to_vec(),
    };
    let secret = request.derive("富春江 2021").unwrap();
    let sealed = seal_key_backup(&test_key(), &secret, SALT, NONCE, FAST).unwrap();
    assert_eq!(sealed, backup(), "the same bytes as export_key_backup");

    let read = read_key_backup(&sealed).unwrap();
    assert_eq!(
        read.kdf(),
        request,
        "the backup asks for the work it was made with"
    );
    assert_eq!(read.info().params, FAST);
    assert_eq!(
        read.open(&secret).unwrap().to_bytes(),
        test_key().to_bytes()
    );
    // Another passphrase's key opens nothing.
    let wrong = read.kdf().derive("富春江 2022").unwrap();
    assert_eq!(
        read.open(&wrong).unwrap_err(),
        KeyBackupError::WrongPassphrase
    );
}

/// Costs above what the app writes are refused before any work, whichever step meets them.
#[test]
fn over_the_cap_costs_are_refused_by_every_step() {
    let heavy = KdfParams {
        memory_kib: KdfParams::MAX_MEMORY_KIB + 1,
        ..KdfParams::RECOMMENDED
    };
    let request = KdfRequest {
        params: heavy,
        salt: SALT.to_vec(),
    };
    assert!(matches!(
        request.check(),
        Err(KeyBackupError::UnsupportedParams(_))
    ));
    assert!(matches!(
        request.derive("口令口令口令口令"),
        Err(KeyBackupError::UnsupportedParams(_))
    ));
    assert!(matches!(
        seal_key_backup(&test_key(), &[7; 32], SALT, NONCE, heavy),
        Err(KeyBackupError::UnsupportedParams(_))
    ));
}
