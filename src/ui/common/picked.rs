//! Choosing one file to read — a key backup, a drafts backup, a key list: the first file of a
//! file input's change, read whole unless it is larger than what it should be, then handed on.
//! One flow, so that every picker refuses and words a file the same way.

use leptos::task::spawn_local;

use crate::browser::files;
use crate::model::picked_file::{Expected, ReadError};

/// What to do with a chosen file: its name, and its bytes or why they were not read.
type Then = Box<dyn FnOnce(String, Result<Vec<u8>, ReadError>)>;

/// Reads the file chosen in the input whose `change` this is (nothing happens if none was),
/// then calls `then` with its name and its bytes or why they were not read.
pub fn read_chosen(
    event: &leptos::ev::Event,
    expected: Expected,
    then: impl FnOnce(String, Result<Vec<u8>, ReadError>) + 'static,
) {
    read_first(event, expected, Box::new(then));
}

/// The reading itself, once for every picker (`then` boxed, so the page carries one copy).
fn read_first(event: &leptos::ev::Event, expected: Expected, then: Then) {
    let Some(file) = files::files_from_change(event).into_iter().next() else {
        return;
    };
    spawn_local(async move {
        let read = files::read_file(&file, expected).await;
        then(file.name(), read);
    });
}
