//! Export: one draft or all of them, exactly as stored, into a backup file.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{BACKUP_FORMAT, BACKUP_VERSION};
use crate::model::clock;
use crate::model::display::beijing;
use crate::model::drafts::store::DraftStore;
use crate::model::drafts::{Draft, DraftId, ReadOnlyDraft};
use crate::model::error::UserError;
use crate::model::sort;
use crate::model::storage::{KeyValueStore, StoreError};

/// Why an export failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    Store(StoreError),
    /// A draft asked for is not stored (or cannot be read).
    NotFound {
        id: DraftId,
    },
    /// Could not serialise (not expected to happen).
    Serialize(String),
}

impl UserError for ExportError {
    fn message(&self) -> String {
        match self {
            ExportError::Store(error) => error.message(),
            ExportError::NotFound { .. } => {
                "找不到或无法读取其中一份草稿，未能导出备份。请刷新页面后重试。".to_string()
            }
            ExportError::Serialize(_) => "无法生成备份文件，请刷新页面后重试。".to_string(),
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            ExportError::Store(error) => error.technical(),
            ExportError::NotFound { .. } => None,
            ExportError::Serialize(detail) => Some(detail.clone()),
        }
    }
}

impl From<StoreError> for ExportError {
    fn from(error: StoreError) -> Self {
        ExportError::Store(error)
    }
}

/// The backup file of these drafts (pretty JSON), exactly as stored.
pub fn backup_json(drafts: &[Draft], now: DateTime<Utc>) -> Result<String, ExportError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct File<T> {
        format: &'static str,
        version: u32,
        exported_at: DateTime<Utc>,
        drafts: Vec<T>,
    }
    let file = File {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exported_at: now,
        drafts: drafts.iter().map(Draft::record).collect(),
    };
    serde_json::to_string_pretty(&file).map_err(|error| ExportError::Serialize(error.to_string()))
}

/// "美镇申报草稿备份-20240503-1712.json" (Beijing time), for the download.
pub fn backup_file_name(now: DateTime<Utc>) -> String {
    let local = beijing(now);
    let stamp = format!(
        "{}-{}",
        clock::compact_date(local.date_naive()),
        clock::hour_minute(&local).replace(':', "")
    );
    format!("美镇申报草稿备份-{stamp}.json")
}

/// An exported backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub json: String,
    pub file_name: String,
    /// How many drafts the file holds.
    pub count: usize,
    /// Drafts from a newer version, left out (this version cannot vouch for them).
    pub skipped: Vec<ReadOnlyDraft>,
}

impl Export {
    /// For the user, in Chinese.
    pub fn message(&self) -> String {
        let mut text = format!("已导出 {} 份草稿到“{}”。", self.count, self.file_name);
        if !self.skipped.is_empty() {
            let names: Vec<&str> = self.skipped.iter().map(|d| d.name.as_str()).collect();
            text.push_str(&format!(
                "另有 {} 份由较新版本保存的草稿（{}）未包含在内，请用最新版本的页面导出。",
                self.skipped.len(),
                names.join("、")
            ));
        }
        text
    }
}

/// Exports the stored drafts: all (`ids` = `None`, most recently modified first) or the ones
/// named. The page must save the open draft first, so that the file has its latest edits.
pub fn export_drafts<S: KeyValueStore>(
    store: &DraftStore<S>,
    ids: Option<&[DraftId]>,
    now: DateTime<Utc>,
) -> Result<Export, ExportError> {
    let scan = store.scan()?;
    let mut editable: BTreeMap<DraftId, Draft> = scan
        .drafts
        .into_iter()
        .map(|draft| (draft.id().clone(), draft))
        .collect();
    let mut read_only: BTreeMap<DraftId, ReadOnlyDraft> = scan
        .read_only
        .into_iter()
        .map(|draft| (draft.id.clone(), draft))
        .collect();
    let (mut drafts, skipped) = match ids {
        None => (
            editable.into_values().collect::<Vec<_>>(),
            read_only.into_values().collect(),
        ),
        Some(ids) => {
            let mut drafts = Vec::new();
            let mut skipped = Vec::new();
            for id in ids {
                if let Some(draft) = editable.remove(id) {
                    drafts.push(draft);
                } else if let Some(draft) = read_only.remove(id) {
                    skipped.push(draft);
                } else {
                    return Err(ExportError::NotFound { id: id.clone() });
                }
            }
            (drafts, skipped)
        }
    };
    if ids.is_none() {
        sort::sort_by(&mut drafts, &|a, b| {
            b.modified_at()
                .cmp(&a.modified_at())
                .then_with(|| a.id().cmp(b.id()))
        });
    }
    Ok(Export {
        json: backup_json(&drafts, now)?,
        file_name: backup_file_name(now),
        count: drafts.len(),
        skipped,
    })
}
