//! A file the user picks, read only up to the most it can be: what it should be, and why
//! reading it failed — said one way for every file the pages read (signed files, drafts
//! backups, key backups, key lists). The browser reads; this decides and words.

#[cfg(test)]
mod tests;

use super::display::too_large;
use super::error::UserError;

/// What a picked file should be, and the most bytes such a file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expected {
    /// "签名申报文件", "草稿备份文件"…
    pub what: &'static str,
    pub max_bytes: u64,
}

impl Expected {
    /// Whether a file of `size` bytes can be this; checked before a byte is read.
    pub fn check_size(self, size: u64) -> Result<(), ReadError> {
        if size > self.max_bytes {
            return Err(ReadError::TooLarge {
                expected: self,
                size,
            });
        }
        Ok(())
    }
}

/// Why a picked file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the file it should be can be; nothing was read.
    TooLarge { expected: Expected, size: u64 },
    /// The browser could not read it (moved, deleted, no permission): its words.
    Unreadable(String),
}

impl UserError for ReadError {
    fn message(&self) -> String {
        match self {
            ReadError::TooLarge { expected, size } => format!(
                "文件过大：{}。请确认选择的是{}。",
                too_large(expected.what, *size, expected.max_bytes),
                expected.what
            ),
            ReadError::Unreadable(_) => {
                "无法读取所选文件（可能已被移动、删除或没有读取权限），请重新选择。".to_string()
            }
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            ReadError::TooLarge { .. } => None,
            ReadError::Unreadable(detail) => Some(detail.clone()),
        }
    }
}
