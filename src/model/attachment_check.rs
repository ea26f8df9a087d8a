//! Checking the attached files (具体方案可另附) against what a signed declaration lists: each
//! listed attachment is 一致 (a file with its digest is present), 内容不一致 (a file of that name
//! is present with other content) or 缺少 (neither). Also the streaming SHA-256 used to describe
//! an attachment.

use sha2::{Digest, Sha256};

use super::declaration::Attachment;
use super::encoding::lower_hex;

/// A file at hand: its name and the lower-case hex SHA-256 of its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresentFile {
    pub name: String,
    pub sha256: String,
}

/// The outcome for one listed attachment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachmentStatus {
    /// A present file has the listed digest; `found_as` is its name when it differs.
    Matches { found_as: Option<String> },
    /// A file of the listed name is present but its content differs.
    Altered { actual_sha256: String },
    /// No file of that name or content.
    Missing,
}

impl AttachmentStatus {
    /// 一致 / 内容不一致 / 缺少.
    pub fn label(&self) -> &'static str {
        match self {
            AttachmentStatus::Matches { .. } => "一致",
            AttachmentStatus::Altered { .. } => "内容不一致",
            AttachmentStatus::Missing => "缺少",
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, AttachmentStatus::Matches { .. })
    }

    /// One sentence for people.
    pub fn explain(&self) -> String {
        match self {
            AttachmentStatus::Matches { found_as: None } => "与签名申报文件所列一致".to_string(),
            AttachmentStatus::Matches { found_as: Some(n) } => {
                format!("内容一致（文件名为“{n}”）")
            }
            AttachmentStatus::Altered { .. } => {
                "同名文件的内容与签名时不同：附件在签名后被改动，或不是同一个文件".to_string()
            }
            AttachmentStatus::Missing => "未提供此附件".to_string(),
        }
    }
}

/// Each listed attachment with its status, in the listed order.
pub fn check_attachments(
    listed: &[Attachment],
    present: &[PresentFile],
) -> Vec<(Attachment, AttachmentStatus)> {
    listed
        .iter()
        .map(|a| {
            let by_digest = present
                .iter()
                .filter(|p| p.sha256.eq_ignore_ascii_case(&a.sha256))
                .min_by_key(|p| p.name != a.name);
            let status = match by_digest {
                Some(p) => AttachmentStatus::Matches {
                    found_as: (p.name != a.name).then(|| p.name.clone()),
                },
                None => match present.iter().find(|p| p.name == a.name) {
                    Some(p) => AttachmentStatus::Altered {
                        actual_sha256: p.sha256.clone(),
                    },
                    None => AttachmentStatus::Missing,
                },
            };
            (a.clone(), status)
        })
        .collect()
}

/// "附件 2 个：规划.pdf 一致；清单.xlsx 缺少", or "无附件": one line for the command line.
pub fn summary_line(results: &[(Attachment, AttachmentStatus)]) -> String {
    if results.is_empty() {
        return "无附件".to_string();
    }
    let items: Vec<String> = results
        .iter()
        .map(|(a, s)| format!("{} {}", a.name, s.label()))
        .collect();
    format!("附件 {} 个：{}", results.len(), items.join("；"))
}

/// SHA-256 over a file read in pieces.
#[derive(Clone, Default)]
pub struct StreamingSha256 {
    hasher: Sha256,
    bytes: u64,
}

impl StreamingSha256 {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn update(&mut self, chunk: &[u8]) {
        self.hasher.update(chunk);
        self.bytes += chunk.len() as u64;
    }

    /// Bytes hashed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Lower-case hex digest.
    pub fn finish(self) -> String {
        lower_hex(&self.hasher.finalize())
    }
}

/// The media type to record when the browser gives none.
pub const UNKNOWN_MEDIA_TYPE: &str = "application/octet-stream";

/// Adds an attachment to a list unless the same name and content is already there. Returns
/// whether it was added.
pub fn add_attachment(list: &mut Vec<Attachment>, attachment: Attachment) -> bool {
    if list
        .iter()
        .any(|a| a.name == attachment.name && a.sha256 == attachment.sha256)
    {
        return false;
    }
    list.push(attachment);
    true
}

/// Whether a file, by its name, is taken for a signed declaration (`.json`) rather than an
/// attachment when files are dropped together.
pub fn looks_like_declaration(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

#[cfg(test)]
mod tests {
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
}
