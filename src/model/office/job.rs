//! The job a page hands the office worker — a file to write, or a Word declaration to read —
//! and the worker's answer, both as JSON; the bytes of the file read or written travel beside
//! the JSON, never inside it. [`answer`] is the whole of the worker's step, so the protocol
//! tests natively.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::docx_read::{read_word, WordImport, WordReadError};
use super::{docx, xlsx, OfficeError, Table, Written};
use crate::model::declaration::Declaration;
use crate::model::error::UserError;
use crate::model::paper::PaperBinding;

/// One job for the office worker. The writers and the Word reader are the largest code of the
/// app, so the pages hand this, as JSON, to a worker of its own (`meizhen-office`,
/// `browser::office`) that holds them; neither page's module carries them.
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
    /// A Word declaration to read back ([`read_word`]): the file's bytes travel beside the job.
    #[serde(rename_all = "camelCase")]
    ReadWord { file_name: String },
}

/// What the page says when the worker could not read a file at all (it did not start, or
/// failed): the reason goes behind 技术细节.
pub const READ_FAILED: &str =
    "未能读取这个文件（页面的后台程序没有响应），请重试；仍不行时，请刷新页面后再试。";

/// Why a Word file was not imported, as the page shows it: the reader's plain message and its
/// technical detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Refusal {
    pub message: String,
    pub technical: Option<String>,
    /// A Word document, but not the declaration form (it may be an attachment).
    #[serde(default)]
    pub not_the_form: bool,
}

impl UserError for Refusal {
    fn message(&self) -> String {
        self.message.clone()
    }

    fn technical(&self) -> Option<String> {
        self.technical.clone()
    }
}

/// The worker's answer to one job. A written file's bytes travel beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum OfficeAnswer {
    /// The file is written; what people should know about it (cells cut or left empty).
    Written { notes: Vec<String> },
    /// The Word declaration read back.
    Imported { import: Box<WordImport> },
    /// The file chosen is not a Word declaration the reader takes: why.
    Refused(Refusal),
    /// The job could not be done (not a job, or the writer failed): the technical reason.
    Failed { reason: String },
}

impl OfficeJob {
    /// Does the job: `input` is the file to read (empty for the writing jobs). The answer, and
    /// the written file's bytes (empty for the others).
    pub fn run(&self, input: &[u8]) -> (OfficeAnswer, Vec<u8>) {
        let written = match self {
            OfficeJob::Word {
                declaration,
                binding,
            } => docx::docx(declaration, binding.as_ref()).map(|bytes| Written {
                bytes,
                notes: Vec::new(),
            }),
            OfficeJob::Workbook { tables } => xlsx::xlsx(tables),
            OfficeJob::ReadWord { file_name } => {
                let answer = match read_word(input, file_name) {
                    Ok(import) => OfficeAnswer::Imported {
                        import: Box::new(import),
                    },
                    Err(refused) => OfficeAnswer::Refused(Refusal {
                        message: refused.message(),
                        technical: refused.technical(),
                        not_the_form: refused == WordReadError::NoForm,
                    }),
                };
                return (answer, Vec::new());
            }
        };
        match written {
            Ok(Written { bytes, notes }) => (OfficeAnswer::Written { notes }, bytes),
            Err(OfficeError(reason)) => (OfficeAnswer::Failed { reason }, Vec::new()),
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

    /// Its media type, for the download (a reading job downloads nothing).
    pub fn media_type(&self) -> &'static str {
        match self {
            OfficeJob::Word { .. } => docx::MEDIA_TYPE,
            OfficeJob::Workbook { .. } => xlsx::MEDIA_TYPE,
            OfficeJob::ReadWord { .. } => "application/octet-stream",
        }
    }
}

impl OfficeAnswer {
    /// The answer as the page reads it. An answer always serialises (plain data, string keys).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"kind":"failed","reason":"answer not written: {e}"}}"#)
        })
    }

    /// An answer from its JSON (through a `Value`, as the app reads declarations).
    pub fn from_json(json: &str) -> Result<OfficeAnswer, OfficeError> {
        serde_json::from_str::<serde_json::Value>(json)
            .and_then(serde_json::from_value)
            .map_err(|e| OfficeError(e.to_string()))
    }
}

/// The worker's whole step: a job's JSON and the file it reads in, the answer's JSON and the
/// file written out.
pub fn answer(job_json: &str, input: &[u8]) -> (String, Vec<u8>) {
    let (answer, bytes) = match OfficeJob::from_json(job_json) {
        Ok(job) => job.run(input),
        Err(OfficeError(reason)) => (OfficeAnswer::Failed { reason }, Vec::new()),
    };
    (answer.to_json(), bytes)
}
