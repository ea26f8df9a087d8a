//! Work done apart from the page, in a Web Worker of the app's (a binary Trunk builds as a
//! worker beside the pages): [`call`] starts one, waits until it says it is listening, hands it
//! one message and takes back one answer; [`serve`] is the worker's side. The single-file
//! edition carries each worker's script as inert text in the page, started from a blob: URL.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where a worker's script is: Trunk's loader shim beside the page, and the id of its source
/// in the single-file edition (scripts/single_file.py).
#[derive(Clone, Copy)]
pub struct Script {
    pub url: &'static str,
    pub source_id: &'static str,
}

/// What a worker posts once it listens.
const READY: &str = "ready";
/// How long a worker may take to start.
const START_TIMEOUT_MS: i32 = 10_000;

/// A promise and the two functions that settle it (the executor runs at once, so they are
/// always there).
fn settled_later() -> Option<(Promise, Function, Function)> {
    let mut settle = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    settle.map(|(resolve, reject)| (promise, resolve, reject))
}

/// The worker's answer to `message`, or `None` where no worker started within the time
/// allowed, or it failed.
pub async fn call(script: Script, message: &JsValue) -> Option<JsValue> {
    let (ready, ready_yes, ready_no) = settled_later()?;
    let (answer, answer_yes, answer_no) = settled_later()?;
    let (worker, blob_url) = start(script)?;
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
        worker.post_message(message).ok()?;
        JsFuture::from(answer).await.ok()
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
fn start(script: Script) -> Option<(web_sys::Worker, Option<String>)> {
    if !super::pages::single_file() {
        return web_sys::Worker::new(script.url).ok().map(|w| (w, None));
    }
    let source = super::dom::document()?
        .get_element_by_id(script.source_id)?
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

/// The worker's side: answers each message with `answer(message)`.
pub fn serve(answer: fn(&JsValue) -> JsValue) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let _ = replies.post_message(&answer(&event.data()));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
