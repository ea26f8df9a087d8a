//! Tests of `model::attachment_check`: streaming SHA-256 and listed attachments against the
//! files at hand.

use super::*;
use crate::model::canonical::sha256_hex;

fn listed(name: &str, content: &[u8]) -> Attachment {
    Attachment {
        name: name.into(),
        size: content.len() as u64,
        media_type: "application/pdf".into(),
        sha256: sha256_hex(content),
    }
}

fn present(name: &str, content: &[u8]) -> PresentFile {
    PresentFile {
        name: name.into(),
        sha256: sha256_hex(content),
    }
}

#[test]
fn each_listed_attachment_matches_is_altered_or_missing() {
    let list = [
        listed("规划.pdf", b"plan"),
        listed("清单.xlsx", b"list"),
        listed("照片.jpg", b"photo"),
        listed("方案.docx", b"scheme"),
    ];
    let files = [
        present("规划.pdf", b"plan"),
        present("清单.xlsx", b"list, changed"),
        present("方案（终稿）.docx", b"scheme"),
        present("无关.txt", b"other"),
    ];
    let results = check_attachments(&list, &files);
    let labels: Vec<&str> = results.iter().map(|(_, s)| s.label()).collect();
    assert_eq!(labels, ["一致", "内容不一致", "缺少", "一致"]);
    assert_eq!(
        results[3].1,
        AttachmentStatus::Matches {
            found_as: Some("方案（终稿）.docx".into())
        }
    );
    assert_eq!(
        summary_line(&results),
        "附件 4 个：规划.pdf 一致；清单.xlsx 内容不一致；照片.jpg 缺少；方案.docx 一致"
    );
    assert_eq!(summary_line(&[]), "无附件");
}

#[test]
fn the_same_name_is_preferred_when_two_files_share_the_digest() {
    let list = [listed("a.pdf", b"x")];
    let files = [present("copy.pdf", b"x"), present("a.pdf", b"x")];
    assert_eq!(
        check_attachments(&list, &files)[0].1,
        AttachmentStatus::Matches { found_as: None }
    );
}

#[test]
fn streaming_hash_equals_one_shot_hash() {
    let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let mut h = StreamingSha256::new();
    for chunk in data.chunks(4096) {
        h.update(chunk);
    }
    assert_eq!(h.bytes(), data.len() as u64);
    assert_eq!(h.finish(), sha256_hex(&data));
}

#[test]
fn json_files_are_declarations_the_rest_attachments() {
    assert!(looks_like_declaration("申报表.json"));
    assert!(looks_like_declaration("A.JSON"));
    assert!(!looks_like_declaration("规划.pdf"));
    assert!(!looks_like_declaration("json"));
}

#[test]
fn the_same_file_is_not_added_twice() {
    let mut list = Vec::new();
    assert!(add_attachment(&mut list, listed("a.pdf", b"x")));
    assert!(!add_attachment(&mut list, listed("a.pdf", b"x")));
    assert!(add_attachment(&mut list, listed("a.pdf", b"y")));
    assert_eq!(list.len(), 2);
}
