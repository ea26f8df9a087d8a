//! The exported office files read back by independent readers: python-docx reads every cell of
//! the Word declaration, openpyxl every cell of the 汇总表 that `meizhen summary --xlsx` writes
//! (two valid files, one altered), and LibreOffice (headless) converts both to PDF. The Word
//! reader gets our Word copy back after LibreOffice has saved it again, and the Word fixtures
//! of tests/word_import.rs are checked against the script that writes them.
//!
//! Needs `python3` with python-docx and openpyxl (tests/requirements.txt), `soffice`
//! (LibreOffice Writer and Calc) and `pdftotext`: scripts/setup-test.sh installs them.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use meizhen_shenbao::model::declaration::Declaration;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::keys::key_from_seed;
use meizhen_shenbao::model::office::docx::docx;
use meizhen_shenbao::model::paper::{labels, words, PaperBinding, PaperForm, FOOT_NOTE, TITLE};
use meizhen_shenbao::model::sample;
use meizhen_shenbao::model::signed_file::{sign, to_json_bytes, verify};
use meizhen_shenbao::model::summary::{self, Row, ValidFile};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("office", name)
}

fn ensure_python_packages() {
    common::ensure_python_modules("docx, openpyxl");
}

fn read_back(kind: &str, path: &Path) -> Value {
    ensure_python_packages();
    let output = Command::new("python3")
        .arg(Path::new(ROOT).join("tests/office/read_back.py"))
        .arg(kind)
        .arg(path)
        .output()
        .expect("python3");
    assert!(
        output.status.success(),
        "read_back.py {kind}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON from read_back.py")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_str().expect("string").to_string())
        .collect()
}

/// Converts files to PDF with LibreOffice (its own profile, so runs do not collide) and returns
/// each PDF's text.
fn libreoffice_pdf_text(files: &[&Path], dir: &Path) -> Vec<String> {
    let profile = dir.join("lo-profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(files)
        .output()
        .expect("soffice (LibreOffice) is installed by scripts/setup-test.sh");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "soffice: {log}");
    assert!(!log.to_lowercase().contains("error"), "soffice: {log}");
    files
        .iter()
        .map(|file| {
            let pdf = dir.join(file.with_extension("pdf").file_name().expect("name"));
            assert!(pdf.is_file(), "no PDF for {}: {log}", file.display());
            let text = Command::new("pdftotext")
                .args(["-layout"])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&text.stdout).into_owned()
        })
        .collect()
}

fn binding() -> PaperBinding {
    PaperBinding {
        fingerprint: "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9".into(),
        digest: "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b".into(),
    }
}

/// The rows python-docx should read: every cell of the paper form, a merged cell repeated
/// over the columns it spans, a label's lines joined by line breaks.
fn expected_table(d: &Declaration) -> Vec<Vec<String>> {
    let p = PaperForm::of(d);
    let label = |lines: &[&str]| lines.join("\n");
    let ticks = |boxes: &[meizhen_shenbao::model::paper::TickBox]| {
        boxes
            .iter()
            .map(|b| b.text())
            .collect::<Vec<_>>()
            .join("　")
    };
    let mut rows = vec![
        vec![
            label(labels::CLUSTER_NAME),
            p.cluster_name.clone(),
            p.cluster_name.clone(),
            p.cluster_name.clone(),
        ],
        vec![
            label(labels::APPLICANT),
            p.applicant.clone(),
            label(labels::TOWNS),
            p.towns.join("\n"),
        ],
        vec![
            label(labels::CREATION_TYPE),
            ticks(&p.creation_type),
            label(labels::SCOPE),
            ticks(&p.scope),
        ],
    ];
    for r in &p.rows {
        rows.push(vec![
            label(r.left_label),
            r.left.clone(),
            label(r.right_label),
            r.right.clone(),
        ]);
    }
    let stage = p.stage_results.join("\n");
    rows.push(vec![
        label(labels::STAGE_RESULTS),
        stage.clone(),
        stage.clone(),
        stage,
    ]);
    let mut summary = vec![
        words::SUMMARY_TITLE.to_string(),
        meizhen_shenbao::model::paper::SUMMARY_HINT.to_string(),
    ];
    summary.extend(p.summary.iter().cloned());
    summary.extend(words::attachments_line(&p.attachments));
    let summary = summary.join("\n");
    rows.push(vec![summary; 4]);
    rows
}

#[test]
fn the_word_declaration_reads_back_cell_by_cell_and_converts_to_pdf() {
    let dir = temp_dir("docx");
    let mut d = sample::complete();
    d.attachments = vec![meizhen_shenbao::model::declaration::Attachment {
        name: "实施方案.pdf".into(),
        size: 1024,
        media_type: "application/pdf".into(),
        sha256: "ab".repeat(32),
    }];
    d.declared_on = "2021-06-30".into();
    let signed = dir.join("signed.docx");
    std::fs::write(&signed, docx(&d, Some(&binding())).unwrap()).unwrap();
    let draft = dir.join("draft.docx");
    std::fs::write(&draft, docx(&Declaration::default(), None).unwrap()).unwrap();

    let read = read_back("docx", &signed);
    let tables = read["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 1, "one table");
    let rows: Vec<Vec<String>> = tables[0].as_array().unwrap().iter().map(strings).collect();
    assert_eq!(rows, expected_table(&d));
    let paragraphs = strings(&read["paragraphs"]);
    let p = PaperForm::of(&d);
    for want in [
        words::ATTACHMENT.to_string(),
        TITLE.to_string(),
        words::SEAL.to_string(),
        format!("{}{}", words::DATE, p.declared_on),
        FOOT_NOTE.to_string(),
        format!("{}{}", words::FINGERPRINT, binding().fingerprint_display()),
        format!("{}{}", words::DIGEST, binding().digest_display()),
    ] {
        assert!(paragraphs.contains(&want), "{want:?} not in {paragraphs:?}");
    }
    assert!(!paragraphs.iter().any(|p| p == words::DRAFT_MARK));
    let page = &read["page"];
    for (key, mm) in [
        ("width_mm", 210),
        ("height_mm", 297),
        ("top_mm", 37),
        ("bottom_mm", 35),
        ("left_mm", 28),
        ("right_mm", 26),
    ] {
        assert_eq!(page[key], mm, "{key}");
    }
    assert_eq!(read["body_font_in_styles"], true);

    let draft_read = read_back("docx", &draft);
    assert!(strings(&draft_read["paragraphs"]).contains(&words::DRAFT_MARK.to_string()));

    let texts = libreoffice_pdf_text(&[&signed, &draft], &dir);
    let flat = |t: &str| t.split_whitespace().collect::<String>();
    assert!(flat(&texts[0]).contains(TITLE), "{}", texts[0]);
    assert!(flat(&texts[0]).contains("桐庐富春江美镇圈"), "{}", texts[0]);
    // The empty declaration has errors: it is marked 草稿, as its print is.
    assert!(flat(&texts[1]).contains(words::DRAFT_MARK), "{}", texts[1]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_summary_workbook_from_the_command_line_reads_back_cell_by_cell() {
    let dir = temp_dir("xlsx");
    let key = key_from_seed([7; 32]);
    let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let mut second = sample::complete();
    second.cluster_name = "=1+2".into();
    second.summary = "第一段，有逗号。\n第二段有\"引号\"。".into();
    let mut paths = Vec::new();
    for (name, d) in [("a.json", sample::complete()), ("b.json", second)] {
        let path = dir.join(name);
        std::fs::write(&path, to_json_bytes(&sign(&d, &key, at).unwrap())).unwrap();
        paths.push(path);
    }
    // An altered file: the summary changed after signing.
    let altered = std::fs::read_to_string(&paths[0]).unwrap().replacen(
        "桐庐富春江美镇圈",
        "桐庐富春江美镇带",
        1,
    );
    let tampered = dir.join("tampered.json");
    std::fs::write(&tampered, altered).unwrap();
    paths.push(tampered);
    let workbook = dir.join("汇总.xlsx");
    let output = Command::new(env!("CARGO_BIN_EXE_meizhen"))
        .arg("summary")
        .arg("--xlsx")
        .arg(&workbook)
        .args(&paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("tampered.json\t无效"), "{stderr}");

    let read = read_back("xlsx", &workbook);
    let sheets = read["sheets"].as_array().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["汇总表", "报送情况", "加分评审", "无效文件"]);
    let valid = &sheets[0];
    assert_eq!(
        valid["types"],
        serde_json::json!(["s"]),
        "every cell is text"
    );
    assert_eq!(valid["freeze"], "A3");
    assert_eq!(valid["landscape"], true);
    assert_eq!(valid["wrapped"], true);
    let rows: Vec<Vec<String>> = valid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect();
    assert!(
        rows[0][0].starts_with("杭州市美丽城镇集群化建设申报汇总表（"),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[1], summary::header());
    assert_eq!(
        valid["filter"],
        format!("A2:{}4", column_letter(summary::header().len()))
    );
    for (i, path) in paths[..2].iter().enumerate() {
        let v = verify(&std::fs::read(path).unwrap()).unwrap();
        let file_name = path.to_string_lossy();
        let want = summary::row(&Row::Signed(ValidFile {
            file_name: &file_name,
            verified: &v,
            attachments: &[],
            signer: None,
        }));
        assert_eq!(rows[2 + i], want, "row of {file_name}");
    }
    assert!(
        rows[3].contains(&"=1+2".to_string()),
        "a formula-looking cell stays text"
    );
    let invalid = &sheets[3];
    let invalid_rows = invalid["rows"].as_array().unwrap();
    assert_eq!(invalid_rows.len(), 3);
    assert!(invalid_rows[2][0]
        .as_str()
        .unwrap()
        .ends_with("tampered.json"));
    assert!(!invalid_rows[2][1].as_str().unwrap().is_empty());

    let texts = libreoffice_pdf_text(&[&workbook], &dir);
    let flat: String = texts[0].split_whitespace().collect();
    assert!(flat.contains("桐庐富春江美镇圈"), "{}", texts[0]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// "A" for 1, "Z" for 26, "AA" for 27.
fn column_letter(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// Converts `file` to .docx with LibreOffice (Writer's "MS Word 2007 XML" filter) and returns
/// the copy's bytes.
fn libreoffice_docx(file: &Path, dir: &Path) -> Vec<u8> {
    let out = dir.join("libreoffice");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&out)
        .arg(file)
        .output()
        .expect("soffice (LibreOffice) is installed by scripts/setup-test.sh");
    let copy = out.join(file.file_name().expect("name"));
    std::fs::read(&copy).unwrap_or_else(|e| {
        panic!(
            "no LibreOffice copy of {}: {e}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Our Word copy, opened and saved again by LibreOffice (which rewrites every part: its own
/// grid, merges and run properties), is still read back as the same declaration.
#[test]
fn our_word_copy_saved_again_by_libreoffice_reads_back_unchanged() {
    use meizhen_shenbao::model::declaration::{CustomLocation, Scope, TownRef};
    use meizhen_shenbao::model::office::docx_read::read_word;
    let dir = temp_dir("docx-libreoffice");
    let mut across = sample::complete();
    across.scope = Some(Scope::AcrossCities);
    across.towns = vec![
        sample::listed("330122", "富春江镇"),
        sample::listed("330127", "千岛湖镇"),
        TownRef::Custom {
            name: "深渡镇".into(),
            location: CustomLocation::OutsideZhejiang {
                place: "安徽省黄山市歙县".into(),
            },
        },
    ];
    across.contact.phone = "0571-64213456、13857112345".into();
    across.task_list_date = "2021-07".into();
    across.declared_on = "2021-05-10".into();
    for (name, d, binding) in [
        ("sample.docx", sample::complete(), Some(binding())),
        ("across.docx", across, None),
        ("empty.docx", Declaration::default(), None),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, docx(&d, binding.as_ref()).unwrap()).unwrap();
        let copy = libreoffice_docx(&path, &dir);
        let import = read_word(&copy, name).unwrap_or_else(|e| panic!("{name}: {}", e.message()));
        assert_eq!(import.declaration, d.cleaned(), "{name}");
        assert!(
            import.report.unplaced.is_empty(),
            "{name}: {:?}",
            import.report.unplaced
        );
    }
}

/// The committed Word fixtures of the importer's tests are what scripts/word-fixtures.py writes
/// (byte for byte for python-docx's files; LibreOffice's copy to the same declaration).
#[test]
fn the_word_fixtures_are_what_their_script_writes() {
    use meizhen_shenbao::model::office::docx_read::read_word;
    ensure_python_packages();
    let dir = temp_dir("word-fixtures");
    let output = Command::new("python3")
        .arg(Path::new(ROOT).join("scripts/word-fixtures.py"))
        .arg("--out")
        .arg(&dir)
        .output()
        .expect("python3");
    assert!(
        output.status.success(),
        "word-fixtures.py: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed = Path::new(ROOT).join("tests/fixtures/word");
    for name in [
        "template.docx",
        "filled.docx",
        "legacy-fields.docx",
        "content-controls.docx",
    ] {
        let fresh = std::fs::read(dir.join(name)).expect(name);
        assert!(
            fresh == std::fs::read(committed.join(name)).expect(name),
            "{name} differs from what scripts/word-fixtures.py writes: run it and commit the result"
        );
    }
    let read = |path: PathBuf| {
        read_word(
            &std::fs::read(&path).expect("fixture"),
            "filled-libreoffice.docx",
        )
        .map(|i| i.declaration)
        .map_err(|e| e.message())
    };
    assert_eq!(
        read(dir.join("filled-libreoffice.docx")),
        read(committed.join("filled-libreoffice.docx"))
    );
}

fn sheet_rows(sheet: &Value) -> Vec<Vec<Value>> {
    sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().clone())
        .collect()
}

/// The workbook of a signed file and a Word file, read back by openpyxl cell by cell: the
/// sheets' names, each cell's type — phones, dates, codes and 序号 text, never numbers; the
/// one formula, 加分评审's 合计 — and 报送情况's 13 units.
#[test]
fn the_workbooks_sheets_and_cell_types_read_back() {
    let dir = temp_dir("xlsx-sheets");
    let key = key_from_seed([7; 32]);
    let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let mut d = sample::complete();
    // Text that a spreadsheet would take for a number, a date or a formula.
    d.contact.phone = "13857112345".into();
    d.coordinator.phone = "0571-87654321".into();
    d.task_force_date = "2021-04-30".into();
    let signed = dir.join("桐庐.json");
    std::fs::write(&signed, to_json_bytes(&sign(&d, &key, at).unwrap())).unwrap();
    let word = dir.join("filled.docx");
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/word/filled.docx"),
        &word,
    )
    .unwrap();
    let workbook = dir.join("汇总.xlsx");
    let output = Command::new(env!("CARGO_BIN_EXE_meizhen"))
        .arg("summary")
        .arg("--xlsx")
        .arg(&workbook)
        .arg(&signed)
        .arg(&word)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read = read_back("xlsx", &workbook);
    let sheets = read["sheets"].as_array().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["汇总表", "报送情况", "加分评审", "无效文件"]);
    for (i, sheet) in sheets.iter().enumerate() {
        let rows = sheet_rows(sheet);
        let types = sheet["cell_types"].as_array().unwrap();
        for (r, (row, kinds)) in rows.iter().zip(types).enumerate() {
            for (c, (value, kind)) in row.iter().zip(kinds.as_array().unwrap()).enumerate() {
                let is_total = i == 2 && r >= 2 && rows[1][c] == "合计";
                match kind.as_str() {
                    None => assert_eq!(value, "", "{} {r}:{c}", names[i]),
                    Some("f") => assert!(is_total, "{} {r}:{c} {value}", names[i]),
                    Some("s") => assert!(!is_total, "{} {r}:{c}", names[i]),
                    Some(other) => panic!("{} {r}:{c} is {other}: {value}", names[i]),
                }
            }
        }
    }
    let table = sheet_rows(&sheets[0]);
    let col = |name: &str| table[1].iter().position(|h| h == name).unwrap();
    assert_eq!(table[2][col("来源")], summary::SIGNED_SOURCE);
    assert_eq!(table[3][col("来源")], summary::WORD_SOURCE);
    assert_eq!(table[2][col("具体联系人 联系电话")], "13857112345");
    assert_eq!(table[2][col("总协调人 联系电话")], "0571-87654321");
    assert_eq!(table[2][col("工作专班成立时间")], "2021-04-30");
    assert!(table[0][0]
        .as_str()
        .unwrap()
        .ends_with("签名有效的文件 1 份，Word 文件（未签名） 1 份"));

    let status = sheet_rows(&sheets[1]);
    assert_eq!(status.len(), 2 + 13, "title, header, Hangzhou's 13 units");
    let tonglu = status.iter().find(|r| r[1] == "桐庐县").unwrap();
    assert_eq!(tonglu[2], "已报送");
    assert_eq!(
        (tonglu[3].as_str(), tonglu[4].as_str()),
        (Some("1"), Some("1"))
    );
    assert_eq!(status.iter().filter(|r| r[2] == "尚未报送").count(), 12);

    let review = sheet_rows(&sheets[2]);
    assert_eq!(
        review[1],
        [
            "序号",
            "申报单位",
            "美丽城镇集群化建设名称",
            "来源",
            "文件名",
            "规划方案",
            "工作推进",
            "实际成效",
            "合计",
            "备注"
        ]
    );
    assert_eq!(review.len(), 4, "one row per declaration");
    assert_eq!(review[2][8], "=SUM(F3:H3)");
    assert_eq!(review[3][8], "=SUM(F4:H4)");
    assert_eq!(review[3][3], summary::WORD_SOURCE);
    let _ = std::fs::remove_dir_all(&dir);
}
