//! The two independent verification recipes of docs/FORMAT.md, run for real on files this crate
//! signs: (a) `docs/verify/openssl.sh` (OpenSSL 3 `pkeyutl -rawin`, PyPI `rfc8785` for the
//! canonical form) and (b) `docs/verify/verify.py` (PyPI `rfc8785` + `cryptography`). The
//! scripts are the recipes: docs/FORMAT.md quotes each one verbatim between marker comments,
//! and the first test checks that the quotes equal the files.
//!
//! Needs `openssl` 3.x and `python3` on PATH; installs `rfc8785` and `cryptography` with pip
//! when they cannot be imported.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{TimeZone, Utc};
use meizhen_shenbao::model::declaration::{Attachment, Declaration};
use meizhen_shenbao::model::keys::key_from_seed;
use meizhen_shenbao::model::sample;
use meizhen_shenbao::model::signed_file::{sign, to_json_bytes, verify, Verified};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const RECIPES: [&str; 2] = ["docs/verify/openssl.sh", "docs/verify/verify.py"];
/// The example file of docs/FORMAT.md, signed with the demonstration key below.
const EXAMPLE: &str = "docs/verify/example.json";
/// The demonstration key's seed: 32 bytes of 0x11. Public, so never for real use.
const DEMO_SEED: [u8; 32] = [0x11; 32];

fn root() -> &'static Path {
    Path::new(ROOT)
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("recipes", name)
}

fn ensure_python_packages() {
    common::ensure_python_modules("rfc8785, cryptography");
}

/// A declaration whose content exercises the canonical form: quotes, backslashes, U+2028,
/// characters outside the BMP, and an integer beyond 32 bits. (Control characters are no longer
/// allowed in a declaration: see `as_written`.)
fn tricky() -> Declaration {
    let mut d = sample::complete();
    d.summary = "“六共”原则：共绘\"一张图\"，路径 C:\\规划\\集群。\n\n第二段 😀 𠀀 end".into();
    d.attachments.push(Attachment {
        name: "规划\"终稿\"\\v2\u{2028}😀.pdf".into(),
        size: 8 << 30,
        media_type: "application/pdf".into(),
        sha256: "0f".repeat(32),
    });
    d
}

fn write_signed(dir: &Path, name: &str, declaration: &Declaration) -> (PathBuf, Verified) {
    let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let file = sign(declaration, &key_from_seed([11; 32]), at).expect("signs");
    let bytes = to_json_bytes(&file);
    let verified = verify(&bytes).expect("verifies");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("writes");
    (path, verified)
}

fn tampered_copy(path: &Path, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(path).unwrap();
    let changed = text.replacen("副县长", "县长", 1);
    assert_ne!(text, changed);
    let out = dir.join("tampered.json");
    std::fs::write(&out, changed).unwrap();
    out
}

fn run(program: &str, args: &[&Path]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn format_md_quotes_each_recipe_script_verbatim() {
    let doc = std::fs::read_to_string(root().join("docs/FORMAT.md")).expect("docs/FORMAT.md");
    for script in RECIPES {
        let begin = format!("<!-- BEGIN {script} -->\n");
        let end = format!("<!-- END {script} -->");
        let start = doc
            .find(&begin)
            .unwrap_or_else(|| panic!("FORMAT.md lacks {begin:?}"))
            + begin.len();
        let stop = start
            + doc[start..]
                .find(&end)
                .unwrap_or_else(|| panic!("FORMAT.md lacks {end:?}"));
        let block = &doc[start..stop];
        // The quote is one fenced code block.
        let body = block
            .split_once('\n')
            .and_then(|(fence, rest)| fence.starts_with("```").then_some(rest))
            .and_then(|rest| rest.strip_suffix("```\n"))
            .unwrap_or_else(|| panic!("{script}: the quote must be one ``` block"));
        let file = std::fs::read_to_string(root().join(script)).unwrap();
        assert_eq!(
            body, file,
            "docs/FORMAT.md's copy of {script} differs from the file"
        );
    }
}

#[test]
fn openssl_is_version_3() {
    let out = run("openssl", &[Path::new("version")]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("OpenSSL 3."),
        "{}",
        text(&out)
    );
}

#[test]
fn the_spki_prefix_in_base64_is_the_text_the_script_uses() {
    // 302a300506032b6570032100: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33) }.
    let prefix = [
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    use base64::Engine;
    assert_eq!(
        base64::engine::general_purpose::STANDARD.encode(prefix),
        "MCowBQYDK2VwAyEA"
    );
    let script = std::fs::read_to_string(root().join(RECIPES[0])).unwrap();
    assert!(script.contains("MCowBQYDK2VwAyEA$(cat"));
}

#[test]
fn openssl_recipe_verifies_a_signed_file_and_refuses_a_tampered_one() {
    ensure_python_packages();
    let dir = temp_dir("openssl");
    for (name, declaration) in [
        ("sample.json", sample::complete()),
        ("tricky.json", tricky()),
    ] {
        let (path, verified) = write_signed(&dir, name, &declaration);
        let out = run("sh", &[&root().join(RECIPES[0]), &path]);
        let said = text(&out);
        assert!(out.status.success(), "{name}: {said}");
        assert!(said.contains("Signature Verified Successfully"), "{said}");
        assert!(
            said.contains(&format!("content digest: {}", verified.content_digest)),
            "{name}: OpenSSL recipe's digest differs from ours: {said}"
        );
        let bad = run(
            "sh",
            &[&root().join(RECIPES[0]), &tampered_copy(&path, &dir)],
        );
        assert!(
            !bad.status.success(),
            "tampered {name} verified: {}",
            text(&bad)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn python_recipe_verifies_a_signed_file_and_refuses_a_tampered_one() {
    ensure_python_packages();
    let dir = temp_dir("python");
    for (name, declaration) in [
        ("sample.json", sample::complete()),
        ("tricky.json", tricky()),
    ] {
        let (path, verified) = write_signed(&dir, name, &declaration);
        let out = run("python3", &[&root().join(RECIPES[1]), &path]);
        let said = text(&out);
        assert!(out.status.success(), "{name}: {said}");
        assert!(said.starts_with("OK\n"), "{said}");
        assert!(said.contains(&format!("key fingerprint: {}", verified.fingerprint)));
        assert!(
            said.contains(&format!("content digest: {}", verified.content_digest)),
            "{name}: Python recipe's digest differs from ours: {said}"
        );
        let bad = run(
            "python3",
            &[&root().join(RECIPES[1]), &tampered_copy(&path, &dir)],
        );
        assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
        assert!(text(&bad).contains("内容被改动"), "{}", text(&bad));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_meizhen_command_agrees() {
    let dir = temp_dir("cli");
    let (path, verified) = write_signed(&dir, "tricky.json", &tricky());
    let bad = tampered_copy(&path, &dir);
    let exe = env!("CARGO_BIN_EXE_meizhen");
    let out = run(exe, &[Path::new("verify"), &path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("\t有效（未登记的密钥）\t"));
    let out = run(exe, &[Path::new("verify"), &path, &bad]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let out = run(exe, &[Path::new("summary"), &path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(out.stdout.starts_with("\u{feff}".as_bytes()));
    let csv = String::from_utf8(out.stdout).unwrap();
    let digest = verified.content_digest;
    let grouped: Vec<&str> = (0..16).map(|i| &digest[4 * i..4 * i + 4]).collect();
    assert!(csv.contains(&grouped.join(" ")), "{csv}");
    let out = run(exe, &[Path::new("frobnicate")]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_example_file_verifies_everywhere() {
    let bytes = std::fs::read(root().join(EXAMPLE)).expect("docs/verify/example.json");
    let verified = verify(&bytes).expect("the example is a valid signed file");
    assert_eq!(
        verified.public_key,
        key_from_seed(DEMO_SEED).verifying_key(),
        "signed with the demonstration key"
    );
    ensure_python_packages();
    let example = root().join(EXAMPLE);
    for (program, script) in [("sh", RECIPES[0]), ("python3", RECIPES[1])] {
        let out = run(program, &[&root().join(script), &example]);
        assert!(out.status.success(), "{script}: {}", text(&out));
        assert!(
            text(&out).contains(&verified.content_digest),
            "{}",
            text(&out)
        );
    }
    // FORMAT.md quotes the example's fingerprint and digest.
    let doc = std::fs::read_to_string(root().join("docs/FORMAT.md")).unwrap();
    assert!(
        doc.contains(&verified.fingerprint),
        "FORMAT.md: example fingerprint"
    );
    assert!(
        doc.contains(&verified.content_digest),
        "FORMAT.md: example digest"
    );
}

/// Writes docs/verify/example.json afresh from `sample::complete()` (run by hand:
/// `cargo test --test verify_recipes -- --ignored write_example`), then update FORMAT.md.
#[test]
#[ignore]
fn write_example() {
    let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let file = sign(&sample::complete(), &key_from_seed(DEMO_SEED), at).expect("signs");
    std::fs::write(root().join(EXAMPLE), to_json_bytes(&file)).expect("writes");
    let verified = verify(&to_json_bytes(&file)).unwrap();
    println!(
        "fingerprint {}\ndigest {}",
        verified.fingerprint, verified.content_digest
    );
}

// ---- hostile files: signed correctly by other software, or built to fool a lax reader ----

/// The 32-byte keys listed as `SMALL_ORDER` in a recipe script.
fn small_order_constants(script: &str) -> Vec<[u8; 32]> {
    let text = std::fs::read_to_string(root().join(script)).unwrap();
    let start = text
        .find("SMALL_ORDER = {")
        .expect("SMALL_ORDER in the script");
    let block = &text[start..start + text[start..].find(")}").unwrap()];
    block
        .split('"')
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(|hex| {
            let bytes: Vec<u8> = (0..32)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            bytes.try_into().unwrap()
        })
        .collect()
}

#[test]
fn the_scripts_list_exactly_the_eight_small_order_points() {
    use ed25519_dalek::VerifyingKey;
    for script in RECIPES {
        let keys = small_order_constants(script);
        assert_eq!(keys.len(), 8, "{script}");
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), 8, "{script}");
        for key in &keys {
            let point = VerifyingKey::from_bytes(key).expect("a curve point");
            assert!(
                point.is_weak(),
                "{script}: {key:02x?} is not of small order"
            );
            // Canonical: the encoding read back is the same bytes.
            assert_eq!(point.to_bytes(), *key, "{script}");
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `file` with `key` as its public key (and its fingerprint), and R = the identity, S = 0 as its
/// signature: "valid" for any message under a cofactorless check that does not refuse
/// small-order points, whichever way the point is spelled.
fn with_small_order_key(file: &serde_json::Value, key: &[u8; 32]) -> Vec<u8> {
    let mut file = file.clone();
    file["signature"]["publicKey"] = b64(key).into();
    file["signature"]["keyFingerprint"] = meizhen_shenbao::model::canonical::sha256_hex(key).into();
    let mut signature = [0u8; 64];
    signature[0] = 1;
    file["signature"]["value"] = b64(&signature).into();
    serde_json::to_string_pretty(&file).unwrap().into_bytes()
}

/// Every spelling of a small-order point the tests try: each of the eight canonical points with
/// the sign bit (the top bit of the last byte) clear and set, then y ≥ p for the two points
/// whose y is 0 or 1 (p and p + 1), with either sign bit. (name, key)
fn small_order_spellings() -> Vec<(String, [u8; 32])> {
    let mut out: Vec<(String, [u8; 32])> = Vec::new();
    for point in small_order_constants(RECIPES[1]) {
        for sign in [0u8, 0x80] {
            let mut key = point;
            key[31] = (key[31] & 0x7f) | sign;
            if !out.iter().any(|(_, k)| *k == key) {
                out.push((format!("small-order-{}.json", hex(&key)), key));
            }
        }
    }
    // p = 2^255 - 19, little-endian: ed ff … ff 7f.
    let mut p = [0xffu8; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    for (residue, add) in [("0", 0u8), ("1", 1)] {
        for sign in [0u8, 0x80] {
            let mut key = p;
            key[0] += add;
            key[31] |= sign;
            out.push((
                format!("non-canonical-y{residue}-{}.json", hex(&key[31..])),
                key,
            ));
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn every_spelling_of_a_small_order_point_is_one_the_tests_try() {
    use ed25519_dalek::VerifyingKey;
    let spellings = small_order_spellings();
    // 5 distinct y among the 8 points, each with both sign bits; 4 spellings with y ≥ p.
    assert_eq!(spellings.len(), 14);
    for (name, key) in &spellings {
        let point = VerifyingKey::from_bytes(key);
        assert!(
            point.is_ok_and(|p| p.is_weak()),
            "{name}: read as a point of small order"
        );
    }
    // The one the recipes let through before: the identity with its sign bit set.
    let mut identity_signed = [0u8; 32];
    identity_signed[0] = 1;
    identity_signed[31] = 0x80;
    assert!(spellings.iter().any(|(_, k)| *k == identity_signed));
}

/// Hostile files, each with what the Rust verifier must say: (name, bytes, reason).
fn hostile_files(dir: &Path) -> Vec<(String, Vec<u8>, &'static str)> {
    let (path, _) = write_signed(dir, "base.json", &sample::complete());
    let good = std::fs::read_to_string(&path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&good).unwrap();
    let mut forged_declaration = value["declaration"].clone();
    forged_declaration["clusterName"] = "伪造的集群".into();
    let forged = format!(
        "{{\n  \"declaration\": {},{}",
        serde_json::to_string(&forged_declaration).unwrap(),
        &good[1..]
    );
    let deep = good.replacen(
        "\"algorithm\": \"Ed25519\",",
        "\"algorithm\": \"Ed25519\", \"algorithm\": \"Ed25519\",",
        1,
    );
    let bom = format!("\u{feff}{good}");
    // A signed file with an attachment, whose size is then written as a decimal: the canonical
    // form (and so the signature) stays the same for a lax reader.
    let mut with_attachment = sample::complete();
    with_attachment.attachments.push(Attachment {
        name: "规划.pdf".into(),
        size: 123_456,
        media_type: "application/pdf".into(),
        sha256: "ab".repeat(32),
    });
    let (path, _) = write_signed(dir, "attachment.json", &with_attachment);
    let attached = std::fs::read_to_string(&path).unwrap();
    let decimal = attached.replacen("\"size\": 123456", "\"size\": 123456.0", 1);
    let exponent = attached.replacen("\"size\": 123456", "\"size\": 1.23456e5", 1);
    assert_ne!(decimal, attached);
    let mut files: Vec<(String, Vec<u8>, &'static str)> = vec![
        (
            "forged-first.json".into(),
            forged.into_bytes(),
            "重复的字段",
        ),
        (
            "deep-duplicate.json".into(),
            deep.into_bytes(),
            "重复的字段",
        ),
        ("bom.json".into(), bom.into_bytes(), "不是有效的 JSON"),
        ("decimal.json".into(), decimal.into_bytes(), "结构不符"),
        ("exponent.json".into(), exponent.into_bytes(), "结构不符"),
    ];
    for (name, key) in small_order_spellings() {
        files.push((name, with_small_order_key(&value, &key), "公钥格式错误"));
    }
    files
}

#[test]
fn hostile_files_are_refused_by_both_recipes_and_by_this_program() {
    ensure_python_packages();
    let dir = temp_dir("hostile");
    let exe = env!("CARGO_BIN_EXE_meizhen");
    for (name, bytes, reason) in hostile_files(&dir) {
        let name = name.as_str();
        let e = verify(&bytes).expect_err(name);
        assert_eq!(e.verdict(), reason, "{name}: {e:?}");
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        for (program, script) in [("sh", RECIPES[0]), ("python3", RECIPES[1])] {
            let out = run(program, &[&root().join(script), &path]);
            assert!(
                !out.status.success(),
                "{script} accepted {name}: {}",
                text(&out)
            );
            assert!(
                !text(&out).contains("Verified Successfully") && !text(&out).starts_with("OK"),
                "{script} on {name}: {}",
                text(&out)
            );
        }
        let out = run(exe, &[Path::new("verify"), &path]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out));
        assert!(
            text(&out).contains(&format!("\t无效\t{reason}")),
            "{name}: {}",
            text(&out)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
