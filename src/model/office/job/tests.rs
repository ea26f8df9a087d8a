//! Tests of `model::office::job`: every job through the worker's JSON step does what the
//! writers and the reader do called directly — the Word fixtures read back, refused files
//! refused with the reader's words — and a non-job is answered, never dropped.

use super::*;
use crate::model::office::docx_read::read_word;
use crate::model::office::RowTotal;
use crate::model::sample;

/// The worker's step as a page sees it: the job's JSON and input in, the answer read back.
fn through_worker(job: &OfficeJob, input: &[u8]) -> (OfficeAnswer, Vec<u8>) {
    let again = OfficeJob::from_json(&job.to_json().unwrap()).unwrap();
    assert_eq!(&again, job);
    let (json, bytes) = answer(&job.to_json().unwrap(), input);
    (OfficeAnswer::from_json(&json).unwrap(), bytes)
}

/// What the worker gets back from JSON is the same job, and writes the same bytes as the
/// writers called directly.
#[test]
fn a_writing_job_through_json_writes_what_the_writers_write() {
    let declaration = sample::complete();
    let binding = PaperBinding {
        fingerprint: "ab".repeat(32),
        digest: "cd".repeat(32),
    };
    let table = Table {
        name: "有效文件".into(),
        title: "汇总表（2021年6月30日）".into(),
        header: vec!["集群名称".into(), "备注".into(), "合计".into()],
        rows: vec![vec!["=1+2".into(), "两行\n文字".into(), String::new()]],
        total: Some(RowTotal {
            from: 0,
            to: 1,
            into: 2,
        }),
    };
    let jobs = [
        OfficeJob::Word {
            declaration: Box::new(declaration.clone()),
            binding: Some(binding.clone()),
        },
        OfficeJob::Word {
            declaration: Box::new(declaration.clone()),
            binding: None,
        },
        OfficeJob::Workbook {
            tables: vec![table.clone()],
        },
    ];
    for job in jobs {
        let direct = match &job {
            OfficeJob::Word {
                declaration,
                binding,
            } => docx::docx(declaration, binding.as_ref()).unwrap(),
            OfficeJob::Workbook { tables } => xlsx::xlsx(tables).unwrap().bytes,
            OfficeJob::ReadWord { .. } => unreachable!(),
        };
        let (answer, bytes) = through_worker(&job, &[]);
        assert_eq!(answer, OfficeAnswer::Written { notes: Vec::new() });
        assert_eq!(bytes, direct);
    }
}

/// A cell cut to fit comes back as a note beside the file.
#[test]
fn the_writers_notes_come_back_with_the_file() {
    let job = OfficeJob::Workbook {
        tables: vec![Table {
            name: "有效文件".into(),
            title: String::new(),
            header: vec!["主要内容简介".into(), "文件名".into()],
            rows: vec![vec!["长".repeat(40_000), "a.json".into()]],
            total: None,
        }],
    };
    let (answer, bytes) = through_worker(&job, &[]);
    let OfficeAnswer::Written { notes } = answer else {
        panic!("{answer:?}")
    };
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("a.json") && notes[0].contains("主要内容简介"));
    assert!(!bytes.is_empty());
}

const FIXTURES: [&str; 5] = [
    "filled.docx",
    "filled-libreoffice.docx",
    "template.docx",
    "legacy-fields.docx",
    "content-controls.docx",
];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/word/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Each Word fixture, and our own Word copy, read in the worker is what the reader reads.
#[test]
fn a_reading_job_gives_back_what_the_reader_reads() {
    let ours = docx::docx(&sample::complete(), None).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = FIXTURES
        .iter()
        .map(|name| (name.to_string(), fixture(name)))
        .collect();
    files.push(("我们导出的.docx".to_string(), ours));
    for (name, bytes) in files {
        let job = OfficeJob::ReadWord {
            file_name: name.clone(),
        };
        let (answer, out) = through_worker(&job, &bytes);
        let direct = read_word(&bytes, &name).unwrap();
        assert_eq!(
            answer,
            OfficeAnswer::Imported {
                import: Box::new(direct)
            },
            "{name}"
        );
        assert!(out.is_empty());
    }
}

/// A refused file comes back refused, with the reader's plain words and detail.
#[test]
fn a_refused_file_comes_back_with_the_readers_words() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    let xlsx_bytes = xlsx::xlsx(&[Table::default()]).unwrap().bytes;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("申报表.doc", ole.clone()),
        ("申报表.wps", ole),
        ("扫描件.pdf", b"%PDF-1.7\n".to_vec()),
        ("照片.png", b"\x89PNG\r\n\x1a\n".to_vec()),
        ("汇总.xlsx", xlsx_bytes),
        ("空.docx", Vec::new()),
        ("坏.docx", b"PK\x03\x04broken".to_vec()),
    ];
    // A Word document that is not the form (an attachment, say): refused, and told apart.
    let other = crate::model::office::docx_read::tests::docx_with_body(
        "<w:p><w:r><w:t>具体实施方案</w:t></w:r></w:p>",
    );
    let (answer, _) = through_worker(
        &OfficeJob::ReadWord {
            file_name: "方案.docx".into(),
        },
        &other,
    );
    assert!(
        matches!(&answer, OfficeAnswer::Refused(r) if r.not_the_form),
        "{answer:?}"
    );
    for (name, bytes) in cases {
        let refused = read_word(&bytes, name).unwrap_err();
        let job = OfficeJob::ReadWord {
            file_name: name.to_string(),
        };
        let (answer, _) = through_worker(&job, &bytes);
        assert_eq!(
            answer,
            OfficeAnswer::Refused(Refusal {
                message: refused.message(),
                technical: refused.technical(),
                not_the_form: false,
            }),
            "{name}"
        );
    }
}

#[test]
fn a_job_that_is_not_one_is_answered_as_failed() {
    for json in [
        "",
        "{}",
        r#"{"kind":"pdf"}"#,
        r#"{"kind":"workbook","tables":[],"x":1}"#,
        r#"{"kind":"readWord"}"#,
    ] {
        assert!(OfficeJob::from_json(json).is_err(), "{json}");
        let (answer, bytes) = answer(json, b"PK\x03\x04");
        assert!(
            matches!(
                OfficeAnswer::from_json(&answer),
                Ok(OfficeAnswer::Failed { .. })
            ),
            "{json}: {answer}"
        );
        assert!(bytes.is_empty());
    }
}

#[test]
fn an_answer_that_is_not_one_is_refused() {
    for json in ["", "[]", r#"{"kind":"written"}"#, r#"{"kind":"imported"}"#] {
        assert!(OfficeAnswer::from_json(json).is_err(), "{json}");
    }
}
