use super::*;
use crate::model::sample;

/// A part of a zip package (a .docx or .xlsx) as text, for the writers' tests.
pub(crate) fn zip_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn cell_text_drops_what_xml_cannot_carry() {
    let rows: [(&str, bool, &str); 6] = [
        ("a\u{0}b\u{7}c", true, "abc"),
        ("a\tb", true, "a b"),
        ("a\r\nb\rc", true, "a\nb\nc"),
        ("a\r\nb", false, "a b"),
        ("=1+2", false, "=1+2"),
        ("x\u{1b}[31my\u{fffe}", false, "x[31my"),
    ];
    for (input, keep, want) in rows {
        assert_eq!(cell_text(input, keep), want, "{input:?}");
    }
}

/// What the worker gets back from JSON is the same job, and writes the same bytes as the
/// writers called directly.
#[test]
fn a_job_through_json_writes_what_the_writers_write() {
    let declaration = sample::complete();
    let binding = PaperBinding {
        fingerprint: "ab".repeat(32),
        digest: "cd".repeat(32),
    };
    let table = Table {
        name: "有效文件".into(),
        title: "汇总表（2021年6月30日）".into(),
        header: vec!["集群名称".into(), "备注".into()],
        rows: vec![vec!["=1+2".into(), "两行\n文字".into()]],
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
        let again = OfficeJob::from_json(&job.to_json().unwrap()).unwrap();
        assert_eq!(again, job);
        let direct = match &job {
            OfficeJob::Word {
                declaration,
                binding,
            } => docx::docx(declaration, binding.as_ref()).unwrap(),
            OfficeJob::Workbook { tables } => xlsx::xlsx(tables).unwrap(),
        };
        assert_eq!(again.run().unwrap(), direct);
    }
}

#[test]
fn a_job_that_is_not_one_is_refused() {
    for json in [
        "",
        "{}",
        r#"{"kind":"pdf"}"#,
        r#"{"kind":"workbook","tables":[],"x":1}"#,
    ] {
        assert!(OfficeJob::from_json(json).is_err(), "{json}");
    }
}
