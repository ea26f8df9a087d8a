//! Tests of `model::office::job`: a job through JSON writes what the writers write, and a
//! non-job is refused.

use super::*;
use crate::model::sample;

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
