//! Files in and out: download bytes as a file (Blob + object URL + `<a download>`), read a file
//! the user chose or dropped (its size checked before a byte is read), and hash a file of any
//! size in chunks with progress. Every failure is a value.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::attachment_check::StreamingSha256;
use crate::model::picked_file::{Expected, ReadError};

use super::dom::document;

/// Bytes read per step when hashing: large enough to be quick, small enough to show progress
/// and keep memory low.
pub const HASH_CHUNK_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

fn js_error(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], media_type: &str) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let result = click_link(name, &url);
    // Revoke the URL once the browser has had time to start the download.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    result
}

fn click_link(name: &str, url: &str) -> Result<(), String> {
    let document = document().ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    link.set_href(url);
    link.set_download(name);
    link.set_hidden(true);
    body.append_child(&link).map_err(js_error)?;
    link.click();
    link.remove();
    Ok(())
}

/// A file the user chose or dropped, not yet read. The only handle to a file `ui` gets.
#[derive(Clone, Debug)]
pub struct PickedFile(web_sys::File);

impl PickedFile {
    /// The file's name as the user's system gives it (no folder).
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// The media type the browser guessed from the name ("application/pdf"), or "".
    pub fn media_type(&self) -> String {
        self.0.type_()
    }

    /// The size in bytes, as the browser reports it (before reading anything).
    pub fn size(&self) -> u64 {
        let size = self.0.size();
        if size.is_finite() && size > 0.0 {
            size as u64
        } else {
            0
        }
    }
}

/// The files of a file input or a drop, in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<PickedFile> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(PickedFile)
        .collect()
}

/// The files the user chose in `<input type=file>`; clears the input so that choosing the same
/// file again fires another change.
fn take_input_files(input: &web_sys::HtmlInputElement) -> Vec<PickedFile> {
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// The files chosen in the `<input type=file>` whose `change` event this is; the input is
/// cleared, so that choosing the same file again fires another change. None if the event came
/// from anything else.
pub fn files_from_change(event: &web_sys::Event) -> Vec<PickedFile> {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| take_input_files(&input))
        .unwrap_or_default()
}

/// The files of a drop event.
pub fn dropped_files(event: &web_sys::DragEvent) -> Vec<PickedFile> {
    files_of(event.data_transfer().and_then(|d| d.files()))
}

async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a whole file that should be `expected`; a larger one is refused before a byte is read.
pub async fn read_file(file: &PickedFile, expected: Expected) -> Result<Vec<u8>, ReadError> {
    expected.check_size(file.size())?;
    blob_bytes(&file.0).await.map_err(ReadError::Unreadable)
}

/// Lower-case hex SHA-256 of the file's content, read in chunks of [`HASH_CHUNK_BYTES`];
/// `progress(done, total)` is called after each chunk (the future yields between chunks, so the
/// page can show it).
pub async fn hash_file(
    file: PickedFile,
    progress: impl Fn(u64, u64) + 'static,
) -> Result<String, String> {
    let file = file.0;
    let total = file.size();
    let mut hasher = StreamingSha256::new();
    let mut start = 0.0;
    while start < total {
        let end = (start + HASH_CHUNK_BYTES).min(total);
        let chunk = file.slice_with_f64_and_f64(start, end).map_err(js_error)?;
        let bytes = blob_bytes(&chunk).await?;
        if bytes.is_empty() {
            return Err("读取文件时出错：文件在读取过程中被改动或删除".to_string());
        }
        hasher.update(&bytes);
        start = end;
        progress(hasher.bytes(), total as u64);
    }
    Ok(hasher.finish())
}
