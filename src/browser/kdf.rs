//! Passphrase → key (Argon2id, about a second) apart from the page: [`derive`] hands the work
//! to the `meizhen-kdf` worker (`browser::worker`) and takes back the 32 bytes; [`serve`] is the
//! worker's side. Where no worker starts (a blocked script, one that fails to load within a few
//! seconds) the page does the work itself after painting.

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::worker::{call, Script};
use crate::model::error::UserError;
use zeroize::Zeroizing;

use ed25519_dalek::SigningKey;

use crate::model::keys::{read_key_backup, KdfParams, KdfRequest, KeyBackupError};

/// The worker's script.
const SCRIPT: Script = Script {
    url: "./meizhen-kdf_loader.js",
    source_id: "meizhen-kdf-worker",
};

// ---- The page's side ----

/// The key `passphrase` derives under `request`, computed by a worker where one starts.
pub async fn derive(
    request: &KdfRequest,
    passphrase: &str,
) -> Result<Zeroizing<[u8; 32]>, KeyBackupError> {
    // Costs the app does not write are refused here, before any worker starts.
    request.check()?;
    if let Some(key) = call(SCRIPT, &message(request, passphrase))
        .await
        .and_then(read_answer)
    {
        return Ok(key);
    }
    next_paint().await;
    request.derive(passphrase)
}

/// `model::keys::import_key_backup`, with the derivation apart from the page.
pub async fn open_key_backup(json: &str, passphrase: &str) -> Result<SigningKey, KeyBackupError> {
    let sealed = read_key_backup(json)?;
    let secret = derive(&sealed.kdf(), passphrase).await?;
    sealed.open(&secret)
}

/// Resolves after the next frame has been painted (so that a "正在…" line shows first).
async fn next_paint() {
    let promise = Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let after_frame = Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        });
        if window
            .request_animation_frame(after_frame.unchecked_ref())
            .is_err()
        {
            let _ = after_frame
                .unchecked_ref::<Function>()
                .call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The work as the worker reads it: [passphrase, salt, memory KiB, iterations, parallelism].
fn message(request: &KdfRequest, passphrase: &str) -> JsValue {
    let parts = Array::new();
    parts.push(&JsValue::from_str(passphrase));
    parts.push(&Uint8Array::from(request.salt.as_slice()));
    parts.push(&JsValue::from(request.params.memory_kib));
    parts.push(&JsValue::from(request.params.iterations));
    parts.push(&JsValue::from(request.params.parallelism));
    parts.into()
}

/// 32 bytes (wiped from the message once copied); anything else (the worker's reason) is `None`.
fn read_answer(data: JsValue) -> Option<Zeroizing<[u8; 32]>> {
    let bytes = data.dyn_ref::<Uint8Array>()?;
    if bytes.length() != 32 {
        return None;
    }
    let mut key = Zeroizing::new([0u8; 32]);
    bytes.copy_to(key.as_mut());
    bytes.fill(0, 0, 32);
    Some(key)
}

// ---- The worker's side ----

/// Starts answering: each message is one derivation (see [`message`]).
pub fn serve() {
    super::worker::serve(work);
}

/// One derivation: the key's bytes, or why not (a Chinese reason).
fn work(data: &JsValue) -> JsValue {
    let parts = Array::from(data);
    let number = |i: u32| {
        parts
            .get(i)
            .as_f64()
            .and_then(|n| u32::try_from(n as u64).ok())
    };
    let (Some(passphrase), Some(memory_kib), Some(iterations), Some(parallelism)) =
        (parts.get(0).as_string(), number(2), number(3), number(4))
    else {
        return JsValue::from_str("口令计算的请求不完整");
    };
    let request = KdfRequest {
        params: KdfParams {
            memory_kib,
            iterations,
            parallelism,
        },
        salt: Uint8Array::new(&parts.get(1)).to_vec(),
    };
    match request.derive(&passphrase) {
        Ok(key) => Uint8Array::from(key.as_slice()).into(),
        Err(error) => JsValue::from_str(&error.message()),
    }
}
