//! The job a page hands the office worker: which file to write, from what, as JSON.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::{docx, xlsx, OfficeError, Table};
use crate::model::declaration::Declaration;
use crate::model::paper::PaperBinding;

/// One office file to write. The writers are the largest code of the app, so the pages hand
/// this, as JSON, to a worker of its own (`meizhen-office`, `browser::office`) that holds them;
/// neither page's module carries them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum OfficeJob {
    /// The declaration in Word ([`docx::docx`]).
    Word {
        declaration: Box<Declaration>,
        binding: Option<PaperBinding>,
    },
    /// Tables as an Excel workbook ([`xlsx::xlsx`]).
    Workbook { tables: Vec<Table> },
}

impl OfficeJob {
    /// The file's bytes.
    pub fn run(&self) -> Result<Vec<u8>, OfficeError> {
        match self {
            OfficeJob::Word {
                declaration,
                binding,
            } => docx::docx(declaration, binding.as_ref()),
            OfficeJob::Workbook { tables } => xlsx::xlsx(tables),
        }
    }

    /// The job as the worker reads it.
    pub fn to_json(&self) -> Result<String, OfficeError> {
        serde_json::to_string(self).map_err(|e| OfficeError(e.to_string()))
    }

    /// A job from its JSON.
    pub fn from_json(json: &str) -> Result<OfficeJob, OfficeError> {
        serde_json::from_str(json).map_err(|e| OfficeError(e.to_string()))
    }

    /// Its media type, for the download.
    pub fn media_type(&self) -> &'static str {
        match self {
            OfficeJob::Word { .. } => docx::MEDIA_TYPE,
            OfficeJob::Workbook { .. } => xlsx::MEDIA_TYPE,
        }
    }
}
