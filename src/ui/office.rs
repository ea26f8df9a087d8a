//! 导出 Word（.docx）: the declaration as the notice's attachment in a Word document, named like
//! the signed file; carries the signed file's fingerprint and digest when it is exactly what
//! was signed, and is marked 草稿 · 未签名 otherwise.

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::browser::{files, office};
use crate::model::declaration::Declaration;
use crate::model::error::UserError;
use crate::model::export::word_file_name;
use crate::model::office::job::OfficeJob;
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
    let busy = RwSignal::new(false);
    let export = move |_| {
        let declaration = declaration.get_untracked();
        let name = word_file_name(&declaration.cleaned());
        let job = OfficeJob::Word {
            declaration: Box::new(declaration),
            binding: binding.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            let result = match office::write(&job).await {
                Ok(written) => files::download(&name, &written.bytes, job.media_type())
                    .map_err(|e| ("浏览器未能下载文件，请重试。".to_string(), e)),
                Err(e) => Err((e.message(), e.technical().unwrap_or_default())),
            };
            busy.set(false);
            error.set(result.err());
        });
    };
    view! {
        <button
            type="button"
            class="button button-secondary"
            class:button-small=small
            disabled=move || busy.get()
            on:click=export
        >
            {move || if busy.get() { "正在生成 Word……" } else { "导出 Word（.docx）" }}
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
