//! 六、附件（具体方案可另附）: files the user attaches are hashed (SHA-256, in chunks, with
//! progress) and only their name, size, type and digest are kept in the declaration.

use leptos::prelude::*;

use crate::browser::files;
use crate::model::attachment_check::{add_attachment, UNKNOWN_MEDIA_TYPE};
use crate::model::declaration::Attachment;
use crate::model::display::size_display;
use crate::model::encoding::fingerprint_groups;
use crate::ui::common::hashing::{hash_with_progress, Hashing, HashingList};
use crate::ui::state::FormState;

#[component]
pub fn AttachmentsSection(state: FormState) -> impl IntoView {
    let attachments = state.select(|d| d.attachments.clone());
    let hashing = RwSignal::new(Vec::<Hashing>::new());
    let next_id = StoredValue::new(0u64);
    let message = RwSignal::new(None::<String>);

    let on_files = move |ev: leptos::ev::Event| {
        message.set(None);
        for file in files::files_from_change(&ev) {
            let name = file.name();
            let size = file.size();
            let media_type = match file.media_type() {
                t if t.is_empty() => UNKNOWN_MEDIA_TYPE.to_string(),
                t => t,
            };
            hash_with_progress(file, hashing, next_id, move |result| match result {
                Ok(sha256) => {
                    let attachment = Attachment {
                        name: name.clone(),
                        size,
                        media_type,
                        sha256,
                    };
                    let mut added = false;
                    state.edit(|d| added = add_attachment(&mut d.attachments, attachment));
                    if !added {
                        message.set(Some(format!("“{name}”已在附件中，未重复添加。")));
                    }
                }
                Err(e) => message.set(Some(format!("无法读取“{name}”：{e}"))),
            });
        }
    };

    view! {
        <section class="form-section" aria-labelledby="section-attachments">
            <h2 id="section-attachments">"六、附件（具体方案可另附）"</h2>
            <div class="field">
                <label class="field-label" for="field-attachments">
                    "添加附件"<span class="optional">"（选填）"</span>
                </label>
                <p class="field-hint" id="field-attachments-hint">
                    "可附上具体方案等文件（PDF、Word、图片等），可多选。本页面只在本机计算并记录每个文件的名称、大小、类型和 SHA-256 摘要，不保存、不上传文件内容；签名时摘要一并签署，市美镇办可据此核对附件是否被改动。报送时请把附件文件与签名申报文件一同报送。"
                </p>
                <input
                    id="field-attachments"
                    type="file"
                    multiple
                    class="visually-hidden file-hidden"
                    aria-describedby="field-attachments-hint"
                    on:change=on_files
                />
                <label class="button button-secondary file-button" for="field-attachments">
                    "选择附件文件"
                </label>
            </div>
            <HashingList hashing />
            {move || message.get().map(|m| view! { <p class="warning-message" role="status">{m}</p> })}
            {move || {
                let list = attachments.get();
                if list.is_empty() {
                    return view! { <p class="attachments-empty">"尚未添加附件。"</p> }.into_any();
                }
                let items = list
                    .into_iter()
                    .enumerate()
                    .map(|(index, a)| {
                        let remove_label = format!("移除附件 {}", a.name);
                        view! {
                            <li class="attachment-item">
                                <div class="attachment-text">
                                    <span class="attachment-name">{a.name.clone()}</span>
                                    <span class="attachment-meta">
                                        {format!("{} · {}", size_display(a.size), a.media_type)}
                                    </span>
                                    <span class="attachment-digest">
                                        "SHA-256："
                                        <code>{fingerprint_groups(&a.sha256)}</code>
                                    </span>
                                </div>
                                <button
                                    type="button"
                                    class="button button-secondary button-small"
                                    aria-label=remove_label
                                    on:click=move |_| {
                                        state
                                            .edit(|d| {
                                                if index < d.attachments.len() {
                                                    d.attachments.remove(index);
                                                }
                                            })
                                    }
                                >
                                    "移除"
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="chosen-count">{move || format!("已添加 {} 个附件：", attachments.with(Vec::len))}</p>
                    <ul class="attachment-list">{items}</ul>
                }
                    .into_any()
            }}
        </section>
    }
}
