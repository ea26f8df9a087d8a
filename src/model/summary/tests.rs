//! Tests of `model::summary`: the columns, rows, CSV, workbook tables and the examination of a
//! file.

use super::*;
use crate::model::keys::key_from_seed;
use crate::model::sample;
use crate::model::signed_file::{sign, to_json_bytes, verify};
use chrono::{TimeZone, Utc};

fn verified(d: &Declaration) -> Verified {
    let key = key_from_seed([3; 32]);
    let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    verify(&to_json_bytes(&sign(d, &key, at).unwrap())).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 6, 30).unwrap()
}

#[test]
fn every_item_of_the_form_has_a_column_labelled_as_on_paper() {
    let header = header();
    for field in FieldId::ALL.iter().chain([&FieldId::DeclaredOn]) {
        assert!(header.contains(&field.label()), "{field:?}");
    }
    for name in [
        "签名单位",
        "附件核对",
        "签名时间（UTC）",
        "内容摘要",
        "文件名",
    ] {
        assert!(header.iter().any(|h| h == name), "{name}");
    }
    let mut unique = header.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), header.len(), "labels are unique");
}

#[test]
fn a_row_has_a_cell_for_every_column() {
    let v = verified(&sample::complete());
    let file = ValidFile {
        file_name: "a.json",
        verified: &v,
        attachments: &[],
        signer: Some("桐庐县美镇办"),
    };
    let row = row(&Row::Signed(file));
    assert_eq!(row.len(), header().len());
    let cell = |c: Column| row[columns().iter().position(|x| *x == c).unwrap()].clone();
    let rows: [(Column, &str); 10] = [
        (Column::Source, "签名文件（有效）"),
        (Column::Field(FieldId::ClusterName), "桐庐富春江美镇圈"),
        (Column::Field(FieldId::Applicant), "桐庐县"),
        (Column::Field(FieldId::CreationType), "复合型"),
        (Column::Field(FieldId::Scope), "县域内部"),
        (Column::Signer, "桐庐县美镇办"),
        (Column::AttachmentCheck, "无附件"),
        (Column::SignedAt, "2021-06-30T08:00:00Z"),
        (Column::FileName, "a.json"),
        (Column::Attachments, ""),
    ];
    for (column, want) in rows {
        assert_eq!(cell(column), want, "{column:?}");
    }
    assert_eq!(cell(Column::Digest), fingerprint_groups(&v.content_digest));
    let unregistered = ValidFile {
        signer: None,
        ..file
    };
    assert!(super::row(&Row::Signed(unregistered)).contains(&UNREGISTERED.to_string()));
}

/// Two rows: `v` signed as "a.json", and `word` read from "b.docx".
fn signed_and_word<'a>(v: &'a Verified, word: &'a Declaration) -> [Row<'a>; 2] {
    [
        Row::Signed(ValidFile {
            file_name: "a.json",
            verified: v,
            attachments: &[],
            signer: None,
        }),
        Row::Word(WordFile {
            file_name: "b.docx",
            declaration: word,
        }),
    ]
}

#[test]
fn the_workbook_has_its_four_sheets_with_a_dated_title() {
    let v = verified(&sample::complete());
    let word = sample::complete();
    let rows = signed_and_word(&v, &word);
    let invalid = [InvalidFile {
        file_name: "c.json".into(),
        reason: "内容被改动".into(),
    }];
    let tables = tables(&rows, &invalid, day());
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["汇总表", "报送情况", "加分评审", "无效文件"]);
    for t in &tables {
        assert!(t.title.contains("2021年6月30日"), "{}", t.title);
        assert!(
            t.rows.iter().all(|r| r.len() == t.header.len()),
            "{}",
            t.name
        );
    }
    assert!(
        tables[0]
            .title
            .ends_with("签名有效的文件 1 份，Word 文件（未签名） 1 份"),
        "{}",
        tables[0].title
    );
    assert_eq!(tables[0].rows.len(), 2);
    assert_eq!(tables[1].rows.len(), 13, "Hangzhou's 13 units");
    assert_eq!(tables[2].rows.len(), 2, "one review row per declaration");
    assert_eq!(tables[3].rows, [["c.json", "内容被改动"]]);
    assert_eq!(
        file_name(day(), "xlsx"),
        "杭州市美丽城镇集群化建设申报汇总表-20210630.xlsx"
    );
}

/// A Word file's row says where it comes from and that it is unsigned, in every column that
/// a signature would fill; it is never counted among the valid files.
#[test]
fn a_word_file_is_a_row_marked_unsigned_and_never_counted_valid() {
    let d = sample::complete();
    let v = verified(&d);
    let word = Row::Word(WordFile {
        file_name: "富阳.docx",
        declaration: &d,
    });
    let signed = Row::Signed(ValidFile {
        file_name: "桐庐.json",
        verified: &v,
        attachments: &[],
        signer: Some("桐庐县美镇办"),
    });
    // (column, Word row's cell, signed row's cell)
    let table: [(Column, &str, String); 8] = [
        (Column::Source, WORD_SOURCE, SIGNED_SOURCE.into()),
        (Column::Signer, NOT_SIGNED, "桐庐县美镇办".into()),
        (Column::Fingerprint, "", fingerprint_groups(&v.fingerprint)),
        (Column::SignedAt, "", "2021-06-30T08:00:00Z".into()),
        (Column::Digest, "", fingerprint_groups(&v.content_digest)),
        (
            Column::AttachmentCheck,
            "未核对（Word 文件）",
            "无附件".into(),
        ),
        (Column::FileName, "富阳.docx", "桐庐.json".into()),
        (
            Column::Field(FieldId::ClusterName),
            "桐庐富春江美镇圈",
            "桐庐富春江美镇圈".into(),
        ),
    ];
    for (column, in_word, in_signed) in table {
        assert_eq!(column.cell(&word), in_word, "{column:?}");
        assert_eq!(column.cell(&signed), in_signed, "{column:?}");
    }
    let rows = [signed, word, word];
    assert_eq!(counts(&rows), (1, 2));
    assert_eq!(
        count_line(&rows),
        "签名有效的文件 1 份，Word 文件（未签名） 2 份"
    );
    assert_eq!(count_line(&rows[..1]), "签名有效的文件 1 份");
    assert_eq!(
        count_line(&rows[1..]),
        "签名有效的文件 0 份，Word 文件（未签名） 2 份"
    );
}

/// 加分评审: who declared what, three empty score columns, 合计 their sum, a notes column.
#[test]
fn the_review_sheet_leaves_the_scores_to_reviewers_and_sums_them() {
    let d = sample::complete();
    let blank = Declaration {
        cluster_name: "=HYPERLINK(\"x\")".into(),
        ..Declaration::default()
    };
    let rows = [
        Row::Word(WordFile {
            file_name: "a.docx",
            declaration: &d,
        }),
        Row::Word(WordFile {
            file_name: "b.docx",
            declaration: &blank,
        }),
    ];
    let t = review_table(&rows, day());
    // The header's words are read back from the workbook itself in tests/office_files.rs.
    assert_eq!(t.header, REVIEW_HEADER);
    assert_eq!(
        t.rows[0],
        [
            "1",
            "桐庐县",
            "桐庐富春江美镇圈",
            WORD_SOURCE,
            "a.docx",
            "",
            "",
            "",
            "",
            ""
        ]
    );
    assert_eq!(
        t.rows[1][2], "=HYPERLINK(\"x\")",
        "text, written as a string cell"
    );
    let total = t.total.unwrap();
    assert_eq!(
        (
            t.header[total.from as usize].as_str(),
            t.header[total.to as usize].as_str()
        ),
        ("规划方案", "实际成效")
    );
    assert_eq!(t.header[total.into as usize], "合计");
}

#[test]
fn the_printed_table_is_a_subset_without_the_long_texts() {
    let all = columns();
    let printed = print_columns();
    assert!(printed.iter().all(|c| all.contains(c)));
    for long in [FieldId::StageResults, FieldId::Summary] {
        assert!(!printed.contains(&Column::Field(long)));
    }
    assert!(printed.len() <= 16, "fits an A4 landscape page");
}

#[test]
fn the_csv_is_the_same_rows_neutralised() {
    let mut d = sample::complete();
    d.cluster_name = "=1+2".into();
    let v = verified(&d);
    let rows = signed_and_word(&v, &d);
    let csv = csv(&rows);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\"'=1+2\""), "{csv}");
    assert!(csv.contains("\"Word 文件（未签名）\""), "{csv}");
    assert_eq!(csv.lines().count(), 3 + 2 * d.summary.matches('\n').count());
}

/// One examination for the command line and both views of the verify page: the attachments
/// against the files at hand, the signer from the known keys, and a registered office signing
/// for another 申报单位 flagged.
#[test]
fn examine_checks_attachments_and_looks_the_key_up() {
    use crate::model::attachment_check::PresentFile;
    use crate::model::canonical::sha256_hex;
    use crate::model::declaration::Attachment;
    let listed = |name: &str, content: &[u8]| Attachment {
        name: name.into(),
        size: content.len() as u64,
        media_type: "application/pdf".into(),
        sha256: sha256_hex(content),
    };
    let mut d = sample::complete();
    d.attachments = vec![listed("规划.pdf", b"plan"), listed("清单.pdf", b"list")];
    let v = verified(&d);
    let present = [
        PresentFile {
            name: "规划.pdf".into(),
            sha256: sha256_hex(b"plan"),
        },
        PresentFile {
            name: "清单.pdf".into(),
            sha256: sha256_hex(b"changed"),
        },
    ];
    let mut keys = KnownKeys::default();
    let unregistered = examine("a.json", v.clone(), &present, &keys);
    assert_eq!(unregistered.signer, None);
    assert_eq!(unregistered.mismatch, None);
    assert!(unregistered.attachment_altered());
    assert_eq!(
        summary_line(&unregistered.attachments),
        "附件 2 个：规划.pdf 一致；清单.pdf 内容不一致"
    );
    assert!(!examine("a.json", v.clone(), &present[..1], &keys).attachment_altered());

    keys.register(&v.fingerprint, "桐庐县美镇办").unwrap();
    let own = examine("a.json", v.clone(), &present, &keys);
    assert_eq!(own.signer.as_deref(), Some("桐庐县美镇办"));
    assert_eq!(own.mismatch, None);
    assert_eq!(own.as_valid().signer, Some("桐庐县美镇办"));

    keys.register(&v.fingerprint, "富阳区美镇办").unwrap();
    let other = examine("a.json", v, &present, &keys);
    assert!(other
        .mismatch
        .as_deref()
        .is_some_and(|w| w.contains("签名密钥登记为“富阳区美镇办”，但申报单位是“桐庐县”")));
}
