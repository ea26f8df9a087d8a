//! Files being hashed (SHA-256, in chunks) with a progress bar each: the form's attachments and
//! the verify view's attachment check.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::files;

/// A file being hashed: its name and progress.
#[derive(Clone, PartialEq)]
pub struct Hashing {
    pub id: u64,
    pub name: String,
    pub done: u64,
    pub total: u64,
}

/// Hashes `file`, showing it in `hashing` meanwhile; `finish` gets the digest or a message.
pub fn hash_with_progress(
    file: files::PickedFile,
    hashing: RwSignal<Vec<Hashing>>,
    next_id: StoredValue<u64>,
    finish: impl FnOnce(Result<String, String>) + 'static,
) {
    let id = next_id.get_value();
    next_id.set_value(id + 1);
    let total = file.size();
    hashing.update(|h| {
        h.push(Hashing {
            id,
            name: file.name(),
            done: 0,
            total,
        })
    });
    let progress = move |done: u64, _total: u64| {
        hashing.update(|h| {
            if let Some(item) = h.iter_mut().find(|i| i.id == id) {
                item.done = done;
            }
        })
    };
    spawn_local(async move {
        let result = files::hash_file(file, progress).await;
        hashing.update(|h| h.retain(|i| i.id != id));
        finish(result);
    });
}

/// The files being hashed, each with a `<progress>`.
#[component]
pub fn HashingList(hashing: RwSignal<Vec<Hashing>>) -> impl IntoView {
    view! {
        <ul class="hashing-list" aria-live="polite">
            <For each=move || hashing.get() key=|h| (h.id, h.done) let:item>
                <li>
                    <span>{format!("正在计算“{}”的摘要……", item.name)}</span>
                    <progress max=item.total.max(1).to_string() value=item.done.to_string()>
                        {format!("{}%", item.done * 100 / item.total.max(1))}
                    </progress>
                </li>
            </For>
        </ul>
    }
}
