//! 从 Word 文件导入: a filled Word declaration (.docx), read in the office worker, becomes a new
//! draft opened in the form; the import's report stands above the form until dismissed. A
//! file that is not one is refused with its plain reason, and the page goes on.

use leptos::prelude::*;

use crate::browser::office;
use crate::model::error::UserError;
use crate::model::office::docx_read::WORD_FILE;
use crate::ui::common::picked::read_chosen;
use crate::ui::common::word_report::ImportReportView;
use crate::ui::drafts::session::DraftSession;
use crate::ui::tech_details::ErrorWithDetails;

/// The id of the report's panel, focused once it is shown.
pub const REPORT_ID: &str = "word-import-report";

/// The button (a file input) of 我的草稿, and why the last file was refused.
#[component]
pub fn WordImportControl(session: DraftSession, on_open: Callback<()>) -> impl IntoView {
    let refused = RwSignal::new(None::<(String, String)>);
    let busy = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        busy.set(true);
        refused.set(None);
        read_chosen(&ev, WORD_FILE, move |name, read| {
            let bytes = match read {
                Ok(bytes) => bytes,
                Err(e) => {
                    busy.set(false);
                    refused.set(Some((e.message(), e.technical().unwrap_or_default())));
                    return;
                }
            };
            leptos::task::spawn_local(async move {
                let imported = office::read_word(&bytes, &name).await;
                busy.set(false);
                match imported {
                    Ok(import) => {
                        session.open_word_import(import, &name);
                        on_open.run(());
                        request_animation_frame(|| {
                            crate::browser::focus_element(REPORT_ID);
                        });
                    }
                    Err(refusal) => refused.set(Some((
                        refusal.message(),
                        refusal.technical().unwrap_or_default(),
                    ))),
                }
            });
        });
    };
    view! {
        <div class="word-import">
            <input
                id="word-import-file"
                class="file-input"
                type="file"
                accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.doc,.wps"
                disabled=move || busy.get()
                on:change=on_file
            />
            <label class="button button-secondary file-button" for="word-import-file">
                {move || if busy.get() { "正在读取 Word 文件……" } else { "从 Word 文件导入…" }}
            </label>
        </div>
        {move || {
            refused
                .get()
                .map(|(message, detail)| {
                    view! {
                        <div class="word-import-refused">
                            <ErrorWithDetails message detail />
                        </div>
                    }
                })
        }}
    }
}

/// The import's report above the form, while its draft is open; 关闭 dismisses it.
#[component]
pub fn ImportReportPanel(session: DraftSession) -> impl IntoView {
    let shown_import = session.shown_import();
    move || {
        let shown = shown_import.get()?;
        let title = format!("{REPORT_ID}-title");
        Some(view! {
            <section
                class="banner banner-info import-report"
                id=REPORT_ID
                tabindex="-1"
                aria-labelledby=title.clone()
            >
                <h2 id=title.clone()>{format!("Word 文件“{}”的导入结果", shown.file_name)}</h2>
                <ImportReportView report=shown.report id_prefix=REPORT_ID />
                <p class="field-hint">
                    "导入的内容已按填写规则检查：请逐项核对，点“检查填写内容”查看仍需修改的地方。Word 文件没有签名；核对无误后再打印、签名导出。"
                </p>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| session.dismiss_word_import()
                >
                    "关闭导入结果"
                </button>
            </section>
        })
    }
}
