//! Backup files of drafts: the file, and reading it (here); export one or all drafts to such a
//! file (`export`), and import one without ever overwriting an existing draft unasked
//! (`import`).
//!
//! The file (pretty-printed JSON, UTF-8):
//!
//! ```json
//! { "format": "hz-meizhen-drafts-backup", "version": 1,
//!   "exportedAt": "2024-05-03T09:12:30Z",
//!   "drafts": [ { "schema": 1, "id": "…", "revision": 3, … one draft record each … } ] }
//! ```
//!
//! Each element of `drafts` is exactly a stored draft record (see `drafts`), so a restored draft
//! is identical to the exported one, revision and times included. Import is two steps:
//! `parse_backup` checks the whole file (nothing is touched if it is bad), `plan_import` sorts
//! its drafts into new ones, identical ones and conflicts (same id, different content), the UI
//! asks about each conflict, and `apply_import` carries out the choices.
//!
//! Unknown members at the top level are ignored (they can only be metadata); the drafts are
//! read strictly, like stored records.

pub mod export;
pub mod import;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::canonical::{parse_strict, StrictJsonError};
use super::display::too_large;
use super::drafts::{read_record_value, record_schema, Draft, DraftId, RecordRead, SCHEMA_VERSION};
use super::error::UserError;
use super::picked_file::Expected;

/// The `format` member of every backup file.
pub const BACKUP_FORMAT: &str = "hz-meizhen-drafts-backup";
/// The backup layout this version writes and reads.
pub const BACKUP_VERSION: u32 = 1;
/// Larger files are refused before parsing. The drafts of a whole county fit many times over.
pub const MAX_BACKUP_BYTES: usize = 5 * 1024 * 1024;
/// A drafts backup, as a file the user picks.
pub const BACKUP_FILE: Expected = Expected {
    what: "草稿备份文件",
    max_bytes: MAX_BACKUP_BYTES as u64,
};

/// Why a file cannot be imported. Nothing stored has been changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// Larger than `MAX_BACKUP_BYTES`; not read.
    TooLarge { bytes: usize, limit: usize },
    /// Not JSON text at all.
    NotJson { detail: String },
    /// JSON, but not a drafts backup (another file chosen by mistake).
    NotABackup { detail: String },
    /// Made by a newer version: the file's `version`, or the schema of one of its drafts
    /// (`draft`: its position, from 1).
    TooNew { version: u64, draft: Option<usize> },
    /// A drafts backup, but damaged or edited by hand.
    Malformed { detail: String },
}

impl BackupError {
    /// The reason in a few words: the start of the message.
    fn title(&self) -> &'static str {
        match self {
            BackupError::TooLarge { .. } => "文件过大",
            BackupError::NotJson { .. } => "不是有效的 JSON",
            BackupError::NotABackup { .. } => "不是草稿备份文件",
            BackupError::TooNew { .. } => "版本过新",
            BackupError::Malformed { .. } => "内容格式错误",
        }
    }
}

impl UserError for BackupError {
    /// The reason, then the detail.
    fn message(&self) -> String {
        let title = self.title();
        let detail = match self {
            BackupError::TooLarge { bytes, limit } => format!(
                "{}。请确认选的是“导出备份”得到的文件。",
                too_large("草稿备份文件", *bytes as u64, *limit as u64)
            ),
            BackupError::NotJson { detail } => {
                format!("{detail}。请选择“导出备份”得到的备份文件。")
            }
            BackupError::NotABackup { detail } => {
                format!("{detail}。请选择“导出备份”得到的文件。")
            }
            BackupError::TooNew {
                version,
                draft: None,
            } => format!(
                "这个文件由较新版本的美镇申报导出（备份格式第 {version} 版，本页面只支持到第 {BACKUP_VERSION} 版），\
                 无法导入。请使用最新版本的页面。"
            ),
            BackupError::TooNew {
                version,
                draft: Some(index),
            } => format!(
                "文件中的第 {index} 份草稿由较新版本的美镇申报保存（数据格式第 {version} 版，本页面只支持到第 \
                 {SCHEMA_VERSION} 版），无法导入。请使用最新版本的页面。"
            ),
            BackupError::Malformed { detail } => {
                format!("{detail}。文件可能已损坏或被改动过，未导入任何内容。")
            }
        };
        format!("{title}：{detail}")
    }
}

/// A backup file, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub exported_at: DateTime<Utc>,
    pub drafts: Vec<Draft>,
}

/// Reads and checks a backup file completely; any problem is a `BackupError` with the reason.
pub fn parse_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_BACKUP_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| BackupError::NotJson {
        detail: "文件不是文本文件，或文字编码不对".into(),
    })?;
    if text.trim().is_empty() {
        return Err(BackupError::NotJson {
            detail: "文件是空的".into(),
        });
    }
    // Strict: a key twice in one object (which `serde_json` would silently settle by keeping the
    // last) means the file was edited by hand or made to mislead, so it is refused.
    let value: Value = match parse_strict(text.as_bytes()) {
        Ok(value) => value,
        Err(StrictJsonError::DuplicateKey { .. }) => {
            return Err(BackupError::Malformed {
                detail: "同一项内容在文件中出现了两次".to_string(),
            })
        }
        Err(StrictJsonError::Syntax(detail)) => {
            // serde_json's own error gives the line and column.
            let detail = match serde_json::from_str::<Value>(text) {
                Err(error) => format!("第 {} 行第 {} 列附近有误", error.line(), error.column()),
                Ok(_) => detail,
            };
            return Err(BackupError::NotJson { detail });
        }
    };
    let Value::Object(mut file) = value else {
        return Err(BackupError::NotABackup {
            detail: "文件内容不是草稿备份的格式".into(),
        });
    };
    match file.get("format") {
        Some(Value::String(format)) if format == BACKUP_FORMAT => {}
        Some(_) => {
            return Err(BackupError::NotABackup {
                detail: "文件不是美镇申报的草稿备份".into(),
            })
        }
        None => {
            let detail = if file.contains_key("declaration") {
                "这是单份草稿的存储记录，不是“导出备份”得到的文件"
            } else if file.contains_key("clusterName") {
                "这是申报表内容，不是“导出备份”得到的文件"
            } else {
                "文件中没有美镇申报草稿备份的标记"
            };
            return Err(BackupError::NotABackup {
                detail: detail.into(),
            });
        }
    }
    let version = match file.get("version") {
        Some(version) => version.as_u64().ok_or_else(|| BackupError::Malformed {
            detail: "备份格式的版本无效".to_string(),
        })?,
        None => {
            return Err(BackupError::Malformed {
                detail: "缺少备份格式的版本".into(),
            })
        }
    };
    if version > u64::from(BACKUP_VERSION) {
        return Err(BackupError::TooNew {
            version,
            draft: None,
        });
    }
    if version == 0 {
        return Err(BackupError::Malformed {
            detail: "备份格式的版本无效".into(),
        });
    }
    let exported_at = file
        .get("exportedAt")
        .and_then(Value::as_str)
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|time| time.with_timezone(&Utc))
        .ok_or_else(|| BackupError::Malformed {
            detail: "导出时间缺失或无效".into(),
        })?;
    let Some(Value::Array(records)) = file.remove("drafts") else {
        return Err(BackupError::Malformed {
            detail: "缺少草稿列表".into(),
        });
    };
    let mut drafts = Vec::with_capacity(records.len());
    let mut seen: BTreeMap<DraftId, usize> = BTreeMap::new();
    for (index, record) in records.into_iter().enumerate() {
        let position = index + 1;
        let schema = record_schema(&record).map_err(|detail| BackupError::Malformed {
            detail: format!("第 {position} 份草稿：{detail}"),
        })?;
        if schema > SCHEMA_VERSION {
            return Err(BackupError::TooNew {
                version: u64::from(schema),
                draft: Some(position),
            });
        }
        let draft = match read_record_value(record, None) {
            RecordRead::Editable(draft) => draft,
            RecordRead::Corrupt(detail) => {
                return Err(BackupError::Malformed {
                    detail: format!("第 {position} 份草稿：{detail}"),
                })
            }
            RecordRead::ReadOnly(draft) => {
                return Err(BackupError::TooNew {
                    version: u64::from(draft.schema),
                    draft: Some(position),
                })
            }
        };
        if let Some(first) = seen.insert(draft.id().clone(), position) {
            return Err(BackupError::Malformed {
                detail: format!(
                    "第 {first} 份与第 {position} 份草稿的编号相同（{}）",
                    draft.id()
                ),
            });
        }
        drafts.push(draft);
    }
    Ok(Backup {
        exported_at,
        drafts,
    })
}
