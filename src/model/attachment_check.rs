//! Checking the attached files (具体方案可另附) against what a signed declaration lists: each
//! listed attachment is 一致 (a file with its digest is present), 内容不一致 (a file of that name
//! is present with other content) or 缺少 (neither). Also the streaming SHA-256 used to describe
//! an attachment.

#[cfg(test)]
mod tests;

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
