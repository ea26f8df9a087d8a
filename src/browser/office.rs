//! Office files (Word, Excel) written apart from the page: [`write`] hands an `OfficeJob` to
//! the `meizhen-office` worker (`browser::worker`), which holds the writers neither page's
//! module carries, and takes back the file's bytes; [`serve`] is the worker's side.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use super::worker::{call, serve as serve_calls, Script};
use crate::model::office::job::OfficeJob;
use crate::model::office::OfficeError;

/// The worker's script.
const SCRIPT: Script = Script {
    url: "./meizhen-office_loader.js",
    source_id: "meizhen-office-worker",
};

/// The file `job` describes.
pub async fn write(job: &OfficeJob) -> Result<Vec<u8>, OfficeError> {
    let json = job.to_json()?;
    let answer = call(SCRIPT, &JsValue::from_str(&json))
        .await
        .ok_or_else(|| {
            OfficeError(
                "the office worker did not start or failed (meizhen-office_loader.js)".into(),
            )
        })?;
    if let Some(reason) = answer.as_string() {
        return Err(OfficeError(reason));
    }
    answer
        .dyn_ref::<Uint8Array>()
        .filter(|bytes| bytes.length() > 0)
        .map(Uint8Array::to_vec)
        .ok_or_else(|| OfficeError("the office worker answered with no file".into()))
}

/// Starts answering: each message is one job's JSON; the answer its bytes or why not.
pub fn serve() {
    serve_calls(work);
}

fn work(message: &JsValue) -> JsValue {
    let written = message
        .as_string()
        .ok_or_else(|| OfficeError("not a job".into()))
        .and_then(|json| OfficeJob::from_json(&json))
        .and_then(|job| job.run());
    match written {
        Ok(bytes) => Uint8Array::from(bytes.as_slice()).into(),
        Err(OfficeError(reason)) => JsValue::from_str(&reason),
    }
}
