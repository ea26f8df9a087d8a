//! Tests of `model::key_registry`.

use super::*;
use crate::model::keys::fingerprint;
use crate::model::storage::memory::{Faults, MemoryStore};
use crate::model::storage::KNOWN_KEYS;

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
    let grouped = crate::model::encoding::fingerprint_groups(&fp).to_uppercase();
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

/// The known keys kept in the browser, over the store the drafts use: every way storage can
/// fail, and a stored list never overwritten by a failed save or lost when it cannot be read.
#[test]
fn known_keys_are_kept_in_the_store_and_survive_its_failures() {
    let mut keys = KnownKeys::default();
    keys.register(&fp(1), "桐庐县美镇办").unwrap();
    keys.register(&fp(2), "富阳区美镇办").unwrap();

    let mut store = MemoryStore::new();
    assert_eq!(
        load_known_keys(&store),
        Ok(KnownKeys::default()),
        "none yet"
    );
    save_known_keys(&mut store, &keys).unwrap();
    assert_eq!(load_known_keys(&store), Ok(keys.clone()));
    // Stored as the JSON of its record, as earlier versions stored it.
    assert_eq!(store.raw(KNOWN_KEYS), Some(keys.to_json().as_str()));

    // A full quota: the save fails, the stored list is the previous one.
    let before = store.snapshot();
    let mut more = keys.clone();
    more.register(&fp(3), &"办".repeat(60)).unwrap();
    store.faults.quota_bytes = Some(store.size_bytes());
    assert_eq!(
        save_known_keys(&mut store, &more),
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(store.snapshot(), before);
    store.faults = Faults::default();

    // Blocked storage: a reason for users, nothing written.
    let blocked = StoreError::Unavailable("SecurityError".into());
    store.faults.all = Some(blocked.clone());
    assert_eq!(load_known_keys(&store), Err(blocked.message()));
    assert!(save_known_keys(&mut store, &more).is_err());
    store.faults = Faults::default();
    assert_eq!(store.snapshot(), before);

    // Hostile and damaged values: refused with a reason, and left as they are.
    let rows: [(&str, &str); 6] = [
        ("not json", DAMAGED),
        (r#"{"version":1,"keys":[],"keys":[]}"#, DAMAGED),
        ("[]", DAMAGED),
        (r#"{"version":1}"#, DAMAGED),
        (r#"{"version":1,"keys":"x"}"#, DAMAGED),
        (
            r#"{"version":2,"keys":[]}"#,
            "已登记的密钥列表由新版本的程序写入，请使用新版本",
        ),
    ];
    for (raw, why) in rows {
        let mut store = MemoryStore::new();
        store.insert_raw(KNOWN_KEYS, raw);
        assert_eq!(load_known_keys(&store), Err(why.to_string()), "{raw}");
        assert_eq!(store.raw(KNOWN_KEYS), Some(raw), "{raw} is left as it is");
    }
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
                crate::model::encoding::fingerprint_groups(&fp(2))
            ),
            format!(
                "{} 桐庐县美镇办",
                crate::model::encoding::fingerprint_groups(&fp(1))
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
    let grouped = crate::model::encoding::fingerprint_groups(&fp(1));
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
        let got: Vec<(usize, bool)> = read.problems.iter().map(|p| (p.line, p.is_error)).collect();
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

#[test]
fn a_second_key_under_a_registered_name_is_flagged() {
    let mut keys = KnownKeys::default();
    keys.register(&fp(1), "桐庐县美镇办").unwrap();
    // (fingerprint, name, flagged?)
    for (fingerprint, name, flagged) in [
        (fp(2), "桐庐县美镇办", true),
        (fp(2), " 桐庐县美镇办 ", true),
        (fp(1), "桐庐县美镇办", false),
        (fp(1).to_uppercase(), "桐庐县美镇办", false),
        (fp(2), "富阳区美镇办", false),
    ] {
        let warning = keys.name_registered_elsewhere(&fingerprint, name);
        assert_eq!(warning.is_some(), flagged, "{name}: {warning:?}");
        if let Some(warning) = warning {
            assert!(warning.contains("已登记了另一个密钥"), "{warning}");
            assert!(warning.contains(&fp(1)[..4]), "{warning}");
        }
    }
}

#[test]
fn an_imported_list_adds_renames_and_warns() {
    let mut keys = KnownKeys::default();
    keys.register(&fp(1), "桐庐县美镇办").unwrap();
    keys.register(&fp(2), "富阳区美镇办").unwrap();
    let mut list = KnownKeys::default();
    list.register(&fp(1), "桐庐县美镇办").unwrap(); // already so: unchanged
    list.register(&fp(2), "富阳区美丽城镇办").unwrap(); // renamed
    list.register(&fp(3), "建德市美镇办").unwrap(); // new
    list.register(&fp(4), "桐庐县美镇办").unwrap(); // a second key under a known name
    let (changed, warnings) = keys.merge(&list);
    assert_eq!(changed, 3);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("“桐庐县美镇办”已登记了另一个密钥"));
    assert_eq!(keys.name(&fp(2)), Some("富阳区美丽城镇办"));
    assert_eq!(keys.len(), 4);
    assert_eq!(keys.merge(&list).0, 0, "a second import changes nothing");
}

fn nth_fingerprint(n: usize) -> String {
    format!("{n:064x}")
}

/// Names as hostile pages and lists gave them: each is kept (at 登记 and at import) as the
/// clean name, and the "same office, second key" warning sees through the trick.
#[test]
fn hidden_characters_never_stay_in_a_known_key_name() {
    let table = [
        ("reversed", "\u{202e}办镇美县庐桐", "办镇美县庐桐"),
        ("isolate", "桐庐县\u{2066}美镇办\u{2069}", "桐庐县美镇办"),
        ("zero-width space", "桐庐县\u{200b}美镇办", "桐庐县美镇办"),
        ("zero-width joiner", "桐庐县\u{200d}美镇办", "桐庐县美镇办"),
        ("word joiner", "桐庐县\u{2060}美镇办", "桐庐县美镇办"),
        ("byte-order mark", "\u{feff}桐庐县美镇办", "桐庐县美镇办"),
        ("private use", "桐庐县\u{e000}美镇办", "桐庐县美镇办"),
        ("escape", "桐庐县\u{1b}[31m美镇办", "桐庐县[31m美镇办"),
        ("nul and bel", "桐庐县\u{0}美镇办\u{7}", "桐庐县美镇办"),
        ("left-to-right mark", "桐庐县美镇办\u{200e}", "桐庐县美镇办"),
    ];
    let original = nth_fingerprint(1);
    for (case, hostile, clean) in table {
        let mut keys = KnownKeys::default();
        keys.register(&original, "桐庐县美镇办").unwrap();
        let other = nth_fingerprint(2);
        if clean == "桐庐县美镇办" {
            assert!(
                keys.name_registered_elsewhere(&other, hostile).is_some(),
                "{case}: the warning sees the same name"
            );
        }
        keys.register(&other, hostile).unwrap();
        assert_eq!(keys.name(&other), Some(clean), "{case} at 登记");
        // Imported from a list (ESC and NUL refuse the line there: control characters).
        let list = parse_key_list(&format!("{other} {hostile}\n"));
        if hostile.chars().any(|c| c.is_control()) {
            assert!(list.has_errors(), "{case}");
        } else {
            assert_eq!(list.keys.name(&other), Some(clean), "{case} at import");
            assert!(list.problems.iter().any(|p| !p.is_error), "{case}: said so");
        }
    }
}

#[test]
fn the_list_is_capped_and_names_are_indexed() {
    let mut keys = KnownKeys::default();
    for n in 0..MAX_KNOWN_KEYS {
        keys.register(&nth_fingerprint(n), "同一单位").unwrap();
    }
    assert_eq!(
        keys.register(&nth_fingerprint(MAX_KNOWN_KEYS), "又一个"),
        Err(RegisterError::TooMany)
    );
    // Renaming a known key is still allowed at the cap; the index follows.
    keys.register(&nth_fingerprint(0), "改名").unwrap();
    assert!(keys
        .name_registered_elsewhere(&nth_fingerprint(9), "改名")
        .is_some());
    keys.remove(&nth_fingerprint(0));
    assert!(keys
        .name_registered_elsewhere(&nth_fingerprint(9), "改名")
        .is_none());
    // A 12,000-key list under one name: read up to the cap, the rest refused, said once.
    let text: String = (0..12_000)
        .map(|n| format!("{} 同一单位\n", nth_fingerprint(n)))
        .collect();
    let list = parse_key_list(&text);
    assert_eq!(list.keys.len(), MAX_KNOWN_KEYS);
    let errors: Vec<_> = list.problems.iter().filter(|p| p.is_error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("超过 500 个"));
    // Merging it into a list at the cap adds nothing and says why.
    let mut full = keys.clone();
    full.register(&nth_fingerprint(20_000), "补满").unwrap();
    let (added, warnings) = full.merge(&list.keys);
    assert_eq!(full.len(), MAX_KNOWN_KEYS);
    assert!(added < MAX_KNOWN_KEYS);
    assert!(warnings.iter().any(|w| w.contains("已达 500 个")));
    // A stored record over the cap keeps the first 500 rather than failing.
    let stored = KnownKeys::from_json(&list.keys.to_json()).unwrap();
    assert_eq!(stored, list.keys);
}
