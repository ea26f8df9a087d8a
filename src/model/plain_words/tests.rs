//! Every message the model gives users, collected from real failures, is plain Chinese: no
//! ASCII word outside [`ALLOWED`] (no field name of the file format, no algorithm name).

use super::*;
use crate::model::attachment_check::AttachmentStatus;
use crate::model::backup::export::ExportError;
use crate::model::backup::import::ImportError;
use crate::model::backup::{parse_backup, BackupError};
use crate::model::declaration::{CustomLocation, Declaration, TownRef};
use crate::model::drafts::{DraftError, DraftId};
use crate::model::error::UserError;
use crate::model::key_registry::{parse_key_list, KnownKeys, RegisterError};
use crate::model::keys::{import_key_backup, read_key_backup_info, KeyBackupError};
use crate::model::phone::{parse_phones, PhoneError};
use crate::model::sample;
use crate::model::signed_file::{verify, VerifyError};
use crate::model::storage::StoreError;
use crate::model::validate::validate;

#[test]
fn technical_words_are_found() {
    let table: &[(&str, &[&str])] = &[
        ("version 应为 1", &["version"]),
        ("publicKey 格式错误", &["publicKey"]),
        ("不是有效的 JSON", &[]),
        ("SHA-256 摘要", &[]),
        ("0571-87654321、13812345678", &[]),
        ("签名算法（Ed25519）不支持", &["Ed25519"]),
        ("（schema）", &["schema"]),
        ("12.5 KB", &[]),
    ];
    for (text, expected) in table {
        assert_eq!(technical_words(text), *expected, "{text}");
    }
}

/// Declarations with every kind of problem validation reports.
fn broken_declarations() -> Vec<Declaration> {
    let mut out = vec![Declaration::default()];
    let mut d = sample::complete();
    d.cluster_name = "字".repeat(200);
    d.applicant = "123456".into();
    d.applicant_office = "字".repeat(200);
    d.towns.push(d.towns[0].clone());
    d.towns.push(TownRef::Listed {
        code: "330122999".into(),
    });
    d.towns.push(TownRef::Custom {
        name: " ".into(),
        location: CustomLocation::OutsideZhejiang { place: "".into() },
    });
    d.towns.push(TownRef::Custom {
        name: "某镇\u{202e}".into(),
        location: CustomLocation::County {
            code: "999999".into(),
        },
    });
    d.coordinator.phone = "abc".into();
    d.contact.phone = "0571-87654321、1381234567、13987654321".into();
    d.task_force_date = "2021-02-30".into();
    d.implementation_plan_date = "1999-01".into();
    d.declared_on = "明天".into();
    d.summary = "字".repeat(600);
    d.stage_results = "字".repeat(4000);
    out.push(d);
    let mut d = sample::complete();
    d.implementation_plan_date = "2020-01-01".into();
    d.towns = vec![
        TownRef::Listed {
            code: "330127100".into(),
        },
        TownRef::Custom {
            name: "深渡镇".into(),
            location: CustomLocation::OutsideZhejiang {
                place: "安徽省黄山市歙县".into(),
            },
        },
    ];
    out.push(d);
    // Over the character ceilings (a run of emoji is one 字; letters would be flagged as
    // English where a message quotes the text).
    let mut d = sample::complete();
    d.cluster_name = "😀".repeat(400);
    d.coordinator.name = "😀".repeat(200);
    d.summary = "😀 ".repeat(2000);
    d.towns.push(TownRef::Custom {
        name: "😀".repeat(200),
        location: CustomLocation::OutsideZhejiang {
            place: "😀".repeat(400),
        },
    });
    out.push(d);
    for scope in crate::model::declaration::Scope::ALL {
        let mut d = sample::complete();
        d.scope = Some(scope);
        out.push(d);
    }
    out
}

fn verify_failures() -> Vec<VerifyError> {
    let mut out = vec![
        VerifyError::TooLarge { size: 2 << 20 },
        VerifyError::VersionTooNew(2),
        VerifyError::Tampered,
        VerifyError::Incomplete(vec!["请填写联系电话".into()]),
        VerifyError::NotAsWritten(vec!["“申报单位”的写法与本程序生成的不同".into()]),
    ];
    let inputs: &[&[u8]] = &[
        b"",
        b"{",
        b"[]",
        br#"{"a":1,"a":2}"#,
        br#"{"format":"x"}"#,
        br#"{"format":"hz-meizhen-cluster-declaration"}"#,
        br#"{"format":"hz-meizhen-cluster-declaration","version":"1"}"#,
        br#"{"format":"hz-meizhen-cluster-declaration","version":1}"#,
        br#"{"format":"hz-meizhen-cluster-declaration","version":1,"declaration":{},"signature":{}}"#,
    ];
    out.extend(inputs.iter().filter_map(|bytes| verify(bytes).err()));
    out
}

fn backup_failures() -> Vec<BackupError> {
    let inputs: &[&[u8]] = &[
        b"",
        b"\xff\xfe",
        b"{",
        b"[]",
        br#"{"declaration":{}}"#,
        br#"{"format":"other"}"#,
        br#"{"format":"hz-meizhen-drafts-backup"}"#,
        br#"{"format":"hz-meizhen-drafts-backup","version":"x"}"#,
        br#"{"format":"hz-meizhen-drafts-backup","version":9}"#,
        br#"{"format":"hz-meizhen-drafts-backup","version":1}"#,
        br#"{"format":"hz-meizhen-drafts-backup","version":1,"exportedAt":"2021-01-01T00:00:00Z"}"#,
        br#"{"format":"hz-meizhen-drafts-backup","version":1,"exportedAt":"2021-01-01T00:00:00Z","drafts":[{}]}"#,
        br#"{"format":"hz-meizhen-drafts-backup","version":1,"exportedAt":"2021-01-01T00:00:00Z","drafts":[{"schema":1}]}"#,
        br#"{"a":1,"a":1}"#,
    ];
    inputs
        .iter()
        .filter_map(|bytes| parse_backup(bytes).err())
        .collect()
}

fn key_backup_failures() -> Vec<KeyBackupError> {
    let inputs = [
        "",
        "{",
        "[]",
        r#"{"format":"x"}"#,
        r#"{"format":"hz-meizhen-signing-key-backup"}"#,
        r#"{"format":"hz-meizhen-signing-key-backup","version":9}"#,
        r#"{"format":"hz-meizhen-signing-key-backup","version":1}"#,
    ];
    let mut out: Vec<KeyBackupError> = inputs
        .iter()
        .filter_map(|json| read_key_backup_info(json).err())
        .collect();
    out.extend(
        inputs
            .iter()
            .filter_map(|json| import_key_backup(json, "口令口令口令口令").err()),
    );
    out.push(KeyBackupError::WrongPassphrase);
    out.push(KeyBackupError::EmptyPassphrase);
    out
}

/// Every message for users, with where it came from.
fn messages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |from: &str, text: String| out.push((from.to_string(), text));
    for d in broken_declarations() {
        for problem in validate(&d).problems {
            add("validate", problem.message);
        }
    }
    for input in [
        "",
        "abc",
        "612345",
        "1、2、3",
        "13912345678（短号 1）",
        "138（很长很长很长的备注）",
    ] {
        if let Err(e) = parse_phones(input) {
            add("phone", e.message());
        }
    }
    for e in [
        PhoneError::BadExtension,
        PhoneError::BadAreaCode,
        PhoneError::BadLocalNumber,
    ] {
        add("phone", e.message());
    }
    for e in verify_failures() {
        add("verify verdict", e.verdict().to_string());
        add("verify message", e.message());
    }
    for e in backup_failures() {
        add("backup", e.message());
    }
    for e in key_backup_failures() {
        add("key backup", e.message());
    }
    let id = DraftId::from_random(&[0xab; 16]);
    for e in [
        StoreError::Unavailable("SecurityError: denied".into()),
        StoreError::QuotaExceeded,
        StoreError::Other("TypeError: x is undefined".into()),
    ] {
        add("store", e.message());
        add("draft", DraftError::Store(e.clone()).message());
        add("export", ExportError::Store(e).message());
    }
    for e in [
        DraftError::NotFound { id: id.clone() },
        DraftError::Corrupt {
            id: id.clone(),
            detail: "不是有效的 JSON".into(),
        },
        DraftError::ReadOnly {
            id: id.clone(),
            schema: 9,
        },
        DraftError::DeletedElsewhere { id: id.clone() },
        DraftError::AlreadyExists { id: id.clone() },
    ] {
        add("draft", e.message());
    }
    add("export", ExportError::NotFound { id: id.clone() }.message());
    add(
        "export",
        ExportError::Serialize("key must be a string".into()).message(),
    );
    for e in [
        ImportError::MissingChoice { id: id.clone() },
        ImportError::ReplaceReadOnly { id: id.clone() },
        ImportError::CopyIdTaken { id },
    ] {
        add("import", e.message());
    }
    for e in [
        RegisterError::BadFingerprint,
        RegisterError::EmptyName,
        RegisterError::NameTooLong,
    ] {
        add("register", e.message());
    }
    let list = parse_key_list("zz 桐庐县美镇办\n1234\n# 说明\n");
    for problem in list.problems {
        add("key list", problem.message);
    }
    let _ = KnownKeys::default();
    {
        use crate::model::key_state::{KeyPolicy, KeyState, KeyStateError as E};
        for e in [
            E::StillLoading,
            E::NoKey,
            E::KeyExists,
            E::AlreadyLocked,
            E::NotLocked,
            E::LockRequired,
            E::OtherKey,
            E::NotStored,
            E::CannotMakeUnextractable,
            E::Damaged,
            E::NotAKey,
        ] {
            add("key state", e.message());
        }
        for (secure_context, single_file) in [(false, false), (true, true)] {
            let policy = KeyPolicy {
                secure_context,
                single_file,
                can_seal: false,
                signs_ed25519: false,
            };
            add(
                "key banner",
                policy.banner().unwrap_or_default().to_string(),
            );
        }
        let key = Box::new(crate::model::keys::key_from_seed([3; 32]));
        for state in [
            KeyState::Sealed(key.clone()),
            KeyState::Bare {
                key: key.clone(),
                why: "本页面不能加密保存".into(),
            },
            KeyState::MemoryOnly {
                key,
                why: "浏览器不允许保存数据".into(),
            },
            KeyState::Damaged("无法解开".into()),
        ] {
            for policy in [
                KeyPolicy {
                    secure_context: true,
                    single_file: false,
                    can_seal: true,
                    signs_ed25519: true,
                },
                KeyPolicy {
                    secure_context: true,
                    single_file: false,
                    can_seal: true,
                    signs_ed25519: false,
                },
            ] {
                add("key note", state.note(&policy).unwrap().text);
            }
        }
    }
    for status in [
        AttachmentStatus::Matches { found_as: None },
        AttachmentStatus::Missing,
        AttachmentStatus::Altered {
            actual_sha256: "ab".repeat(32),
        },
    ] {
        add("attachment", status.label().to_string());
    }
    for text in crate::model::office::docx_read::tests::messages() {
        add("word import", text);
    }
    for text in crate::model::office::xlsx::tests::messages() {
        add("excel", text);
    }
    out
}

#[test]
fn every_message_for_users_is_plain_chinese() {
    let all = messages();
    assert!(all.len() > 60, "only {} messages collected", all.len());
    let mut bad = Vec::new();
    for (from, text) in &all {
        let words = technical_words(text);
        if !words.is_empty() {
            bad.push(format!("{from}: {words:?} in “{text}”"));
        }
    }
    assert!(
        bad.is_empty(),
        "technical words reach users:\n{}",
        bad.join("\n")
    );
}
