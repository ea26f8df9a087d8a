//! 导出 Word（.docx）: the declaration as the notice's attachment in a Word document, named like
//! the signed file; carries the signed file's fingerprint and digest when it is exactly what
//! was signed, and is marked 草稿 · 未签名 otherwise.

use leptos::prelude::*;

use crate::browser::files;
use crate::model::declaration::Declaration;
use crate::model::export::word_file_name;
use crate::model::office::docx::{docx, MEDIA_TYPE};
use crate::model::paper::PaperBinding;

/// The button, and what went wrong if the download failed.
#[component]
pub fn WordButton(
    #[prop(into)] declaration: Signal<Declaration>,
    #[prop(into)] binding: Signal<Option<PaperBinding>>,
    /// The smaller button of the verify view's cards.
    #[prop(optional)]
    small: bool,
) -> impl IntoView {
    // What went wrong, and its technical detail (shown behind “技术细节”).
    let error = RwSignal::new(None::<(String, String)>);
    let export = move |_| {
        let result = declaration.with_untracked(|d| {
            let bytes = binding.with_untracked(|b| docx(d, b.as_ref()));
            match bytes {
                Ok(bytes) => files::download(&word_file_name(&d.cleaned()), &bytes, MEDIA_TYPE)
                    .map_err(|e| ("浏览器未能下载文件，请重试。".to_string(), e)),
                Err(e) => Err((e.message().to_string(), e.to_string())),
            }
        });
        error.set(result.err());
    };
    view! {
        <button
            type="button"
            class="button button-secondary"
            class:button-small=small
            on:click=export
        >
            "导出 Word（.docx）"
        </button>
        {move || {
            error
                .get()
                .map(|(message, detail)| {
                    view! { <crate::ui::tech_details::ErrorWithDetails message detail /> }
                })
        }}
    }
}
