//! Office files (Word, Excel) written, and Word declarations read, apart from the page:
//! [`write`] and [`read_word`] hand an `OfficeJob` to the `meizhen-office` worker
//! (`browser::worker`), which holds the writers and the reader neither page's module carries;
//! [`serve`] is the worker's side. A message and an answer are each `[json, bytes]`: the JSON
//! of the job or of its answer (`model::office::job`), and the file read or written.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::worker::{call, serve as serve_calls, Script};
use crate::model::office::docx_read::WordImport;
use crate::model::office::job::{answer, OfficeAnswer, OfficeJob, Refusal, READ_FAILED};
use crate::model::office::{OfficeError, Written};

/// The worker's script.
const SCRIPT: Script = Script {
    url: "./meizhen-office_loader.js",
    source_id: "meizhen-office-worker",
};

/// `[json, bytes]` as one message.
fn pair(json: &str, bytes: &[u8]) -> JsValue {
    Array::of2(&JsValue::from_str(json), &Uint8Array::from(bytes)).into()
}

/// A message's JSON and bytes, if it is a pair.
fn unpair(message: &JsValue) -> Option<(String, Vec<u8>)> {
    let array = message.dyn_ref::<Array>()?;
    let json = array.get(0).as_string()?;
    let bytes = array.get(1).dyn_into::<Uint8Array>().ok()?.to_vec();
    Some((json, bytes))
}

/// The worker's answer to `job`, with `input` as the file it reads.
async fn run(job: &OfficeJob, input: &[u8]) -> Result<(OfficeAnswer, Vec<u8>), OfficeError> {
    let message = pair(&job.to_json()?, input);
    let reply = call(SCRIPT, &message).await.ok_or_else(|| {
        OfficeError("the office worker did not start or failed (meizhen-office_loader.js)".into())
    })?;
    let (json, bytes) = unpair(&reply)
        .ok_or_else(|| OfficeError("the office worker answered with no pair".into()))?;
    Ok((OfficeAnswer::from_json(&json)?, bytes))
}

/// The file `job` describes, with the writer's notes.
pub async fn write(job: &OfficeJob) -> Result<Written, OfficeError> {
    match run(job, &[]).await? {
        (OfficeAnswer::Written { notes }, bytes) if !bytes.is_empty() => {
            Ok(Written { bytes, notes })
        }
        (OfficeAnswer::Failed { reason }, _) => Err(OfficeError(reason)),
        (other, _) => Err(OfficeError(format!(
            "the office worker answered with no file: {}",
            other.to_json()
        ))),
    }
}

/// A Word declaration read back, or why not (a worker that fails is a refusal too, with its
/// reason behind 技术细节).
pub async fn read_word(bytes: &[u8], file_name: &str) -> Result<WordImport, Refusal> {
    let job = OfficeJob::ReadWord {
        file_name: file_name.to_string(),
    };
    let failed = |reason: String| Refusal {
        message: READ_FAILED.to_string(),
        technical: Some(reason),
        not_the_form: false,
    };
    match run(&job, bytes).await {
        Ok((OfficeAnswer::Imported { import }, _)) => Ok(*import),
        Ok((OfficeAnswer::Refused(refusal), _)) => Err(refusal),
        Ok((other, _)) => Err(failed(other.to_json())),
        Err(OfficeError(reason)) => Err(failed(reason)),
    }
}

/// Starts answering: each message is one job and its input; the answer, one pair.
pub fn serve() {
    serve_calls(work);
}

fn work(message: &JsValue) -> JsValue {
    let (json, bytes) = match unpair(message) {
        Some((json, input)) => answer(&json, &input),
        None => (
            OfficeAnswer::Failed {
                reason: "not a job".into(),
            }
            .to_json(),
            Vec::new(),
        ),
    };
    pair(&json, &bytes)
}
