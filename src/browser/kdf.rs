//! Passphrase → key (Argon2id, about a second) apart from the page. The page's side
//! ([`derive`]) starts a Web Worker (the `meizhen-kdf` binary, which Trunk builds as a worker
//! beside the county's page), waits until it says it is listening, hands it the work and takes
//! back the 32 bytes; the worker's side ([`serve`]) answers. The single-file edition carries the
//! worker's script as inert text (`#meizhen-kdf-worker`), started from a blob: URL. Where no
//! worker starts (a blocked script, a worker that fails to load within a few seconds) the page
//! does the work itself after painting, as before.

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use ed25519_dalek::SigningKey;

use crate::model::keys::{read_key_backup, KdfParams, KdfRequest, KeyBackupError};

/// The worker's script: Trunk's loader shim for the `meizhen-kdf` binary, beside the page.
const WORKER_URL: &str = "./meizhen-kdf_loader.js";
/// The worker's script in the single-file edition (scripts/single_file.py).
const WORKER_SOURCE_ID: &str = "meizhen-kdf-worker";
/// What the worker posts once it listens.
const READY: &str = "ready";
/// How long a worker may take to start before the page does the work itself.
const START_TIMEOUT_MS: i32 = 10_000;

// ---- The page's side ----

/// The key `passphrase` derives under `request`, computed by a worker where one starts.
pub async fn derive(
    request: &KdfRequest,
    passphrase: &str,
) -> Result<Zeroizing<[u8; 32]>, KeyBackupError> {
    // Costs the app does not write are refused here, before any worker starts.
    request.check()?;
    if let Some(key) = in_worker(request, passphrase).await {
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

/// A promise and the two functions that settle it.
fn settled_later() -> (Promise, Function, Function) {
    let mut settle = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) =
        settle.unwrap_or_else(|| (Function::new_no_args(""), Function::new_no_args("")));
    (promise, resolve, reject)
}

/// The worker's key, or `None` where no worker could do the work (the page then does it, and
/// meets any error itself).
async fn in_worker(request: &KdfRequest, passphrase: &str) -> Option<Zeroizing<[u8; 32]>> {
    let (worker, blob_url) = start_worker()?;
    let (ready, ready_yes, ready_no) = settled_later();
    let (answer, answer_yes, answer_no) = settled_later();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some(READY) {
                let _ = ready_yes.call1(&JsValue::NULL, &JsValue::TRUE);
            } else {
                let _ = answer_yes.call1(&JsValue::NULL, &data);
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let _ = ready_no.call0(&JsValue::NULL);
        let _ = answer_no.call0(&JsValue::NULL);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let outcome = async {
        // Listening within the time allowed, or the page does the work.
        let timeout = Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_1(
                    &resolve,
                    START_TIMEOUT_MS,
                    &JsValue::FALSE,
                );
            }
        });
        let started = JsFuture::from(Promise::race(&Array::of2(&ready, &timeout)))
            .await
            .ok()?;
        if started != JsValue::TRUE {
            return None;
        }
        worker.post_message(&message(request, passphrase)).ok()?;
        read_answer(JsFuture::from(answer).await.ok()?)
    }
    .await;
    worker.terminate();
    if let Some(url) = blob_url {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    outcome
}

/// A new worker: from its file beside the page, or in the single-file edition from its source
/// in the page (with the blob: URL to release once it is done).
fn start_worker() -> Option<(web_sys::Worker, Option<String>)> {
    if !super::pages::single_file() {
        return web_sys::Worker::new(WORKER_URL).ok().map(|w| (w, None));
    }
    let source = super::dom::document()?
        .get_element_by_id(WORKER_SOURCE_ID)?
        .text_content()?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &Array::of1(&JsValue::from_str(&source)),
        &options,
    )
    .ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    match web_sys::Worker::new(&url) {
        Ok(worker) => Some((worker, Some(url))),
        Err(_) => {
            let _ = web_sys::Url::revoke_object_url(&url);
            None
        }
    }
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
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let _ = replies.post_message(&work(&event.data()));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
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
        Err(error) => JsValue::from_str(&error.to_string()),
    }
}
