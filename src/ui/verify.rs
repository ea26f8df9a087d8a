//! 核验申报文件: recipients open or drop one or many signed files (and the attached files beside
//! them); each is verified and shown valid or invalid with the reason, the signer's key (named
//! if registered), 申报单位, 集群名称, the signing time and the content digest. A valid file can
//! be read in the form's order or opened as a new draft.

mod checked;
mod known_keys;
mod status;
mod summary;
mod word_card;

use leptos::prelude::*;

use crate::browser::files;
use crate::model::declaration::county_display;
use crate::model::display::beijing_time_display;
use crate::model::error::UserError;
use crate::model::handover::handover_text;
use crate::model::key_registry::suggested_office_name;
use crate::model::paper::{PaperBinding, SignedCopy};
use crate::model::signed_file::Verified;
use crate::model::sort;
use crate::model::summary::{self as summary_words, examine, Examined};
use crate::ui::common::hashing::HashingList;
use crate::ui::common::review::ReviewPanel;
use crate::ui::common::toggle::ToggleButton;
use crate::ui::common::{Fingerprint, NOT_A_SEAL};
use crate::ui::tech_details::TechDetails;
pub use checked::Page;
use checked::{Checked, Outcome};
use known_keys::KnownKeysManager;
pub use known_keys::KnownKeysState;

/// Prints a verified file (its name and signed copy); provided as context by the app.
#[derive(Clone, Copy)]
pub struct PrintVerified(pub Callback<(String, SignedCopy)>);

#[component]
pub fn VerifyPage(
    page: Page,
    known: KnownKeysState,
    /// Opens a verified declaration as a new draft (the signature no longer applies).
    on_open_as_draft: Callback<String>,
    /// The page is being printed (the 汇总表 is then what prints, once a file is open).
    printing: ReadSignal<bool>,
) -> impl IntoView {
    let any_file = Memo::new(move |_| page.results.with(|r| !r.is_empty()));
    view! {
        <div class="verify-page" class:prints-summary=move || any_file.get()>
            <h2 class="sign-page-title" id="verify-title" tabindex="-1">"核验申报文件"</h2>
            <p class="lead">
                "打开各县（市、区）报送的签名申报文件（.json），逐个核验签名：文件是否完整、签名后是否被改动、由哪个密钥签名。用 Word 填写的申报表（.docx）也可打开：读出的内容列入汇总表，标为“Word 文件（未签名）”。可一次选择或拖入多个文件；文件只在本机读取，不会上传。"
            </p>
            <p class="sign-disclaimer">{NOT_A_SEAL}</p>
            <DropZone
                page
                all_attachments=false
                input_id="verify-files"
                label="选择申报文件"
                hint="或把文件拖到此处。.json 文件按签名申报文件核验，.docx 文件按 Word 申报表读取；同时拖入的其他文件（PDF、图片、不是申报表的 Word 文件等）按附件核对。"
            />
            <DropZone
                page
                all_attachments=true
                input_id="verify-attachments"
                label="附件核对：选择附件文件"
                hint="签名申报文件列出的附件（具体方案等）放在这里，逐个比对 SHA-256 摘要；任何类型的文件都按附件处理。"
            />
            <HashingList hashing=page.hashing />
            {move || {
                let present = page.present.get();
                (!present.is_empty())
                    .then(|| {
                        let names = present
                            .iter()
                            .map(|p| p.name.clone())
                            .collect::<Vec<_>>()
                            .join("、");
                        view! {
                            <p class="present-files">
                                {format!("已提供 {} 个附件文件用于核对：{names}", present.len())}
                            </p>
                        }
                    })
            }}
            <Results page known on_open_as_draft />
            <status::SubmissionStatus page known />
            <summary::SummaryExport page known printing />
            <KnownKeysManager known />
        </div>
    }
}

/// A file input with a drop area around it.
#[component]
fn DropZone(
    page: Page,
    all_attachments: bool,
    input_id: &'static str,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let hint_id = format!("{input_id}-hint");
    view! {
        <div
            class="drop-zone"
            class:drop-zone-attachments=all_attachments
            class:drop-zone-over=move || over.get()
            on:dragenter=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(false);
                page.take(files::dropped_files(&ev), all_attachments);
            }
        >
            <label class="button button-primary file-button" for=input_id>
                {label}
            </label>
            <input
                id=input_id
                type="file"
                multiple
                class="visually-hidden file-hidden"
                aria-describedby=hint_id.clone()
                on:change=move |ev| page.take(files::files_from_change(&ev), all_attachments)
            />
            <p class="drop-hint" id=hint_id>{hint}</p>
        </div>
    }
}

#[component]
fn Results(page: Page, known: KnownKeysState, on_open_as_draft: Callback<String>) -> impl IntoView {
    // (all, valid, Word files): a Word file is neither valid nor invalid.
    let counts = Memo::new(move |_| {
        page.results.with(|r| {
            let valid = r
                .iter()
                .filter(|c| matches!(c.outcome, Outcome::Valid(_)))
                .count();
            let word = r
                .iter()
                .filter(|c| matches!(c.outcome, Outcome::Word(_)))
                .count();
            (r.len(), valid, word)
        })
    });
    view! {
        <section class="verify-results" aria-labelledby="verify-results-title">
            <div class="results-head">
                <h2 id="verify-results-title">"核验结果"</h2>
                {move || {
                    let (total, valid, word) = counts.get();
                    (total > 0)
                        .then(|| {
                            let word_line = if word > 0 {
                                format!("，{} {word} 个", summary_words::WORD_SOURCE)
                            } else {
                                String::new()
                            };
                            view! {
                                <p class="results-count" role="status">
                                    {format!(
                                        "共 {total} 个文件：有效 {valid} 个，无效 {} 个{word_line}。",
                                        total - valid - word,
                                    )}
                                </p>
                                <button
                                    type="button"
                                    class="button button-secondary button-small"
                                    on:click=move |_| {
                                        page.results.set(Vec::new());
                                        page.present.set(Vec::new());
                                    }
                                >
                                    "清空结果"
                                </button>
                            }
                        })
                }}
            </div>
            {move || {
                (counts.get().0 == 0)
                    .then(|| view! { <p class="results-empty">"尚未打开文件。"</p> })
            }}
            <ol class="result-list">
                <For
                    each=move || {
                        // In the order chosen, not the order the reads finished.
                        let mut results = page.results.get();
                        sort::sort_by_key(&mut results, |c| c.id);
                        results
                    }
                    key=|c| c.id
                    let:checked
                >
                    <li>
                        <ResultCard checked page known on_open_as_draft />
                    </li>
                </For>
            </ol>
        </section>
    }
}

#[component]
fn ResultCard(
    checked: Checked,
    page: Page,
    known: KnownKeysState,
    on_open_as_draft: Callback<String>,
) -> impl IntoView {
    let title_id = format!("result-{}-title", checked.id);
    let labelled_by = title_id.clone();
    match checked.outcome {
        Outcome::Word(import) => view! {
            <word_card::WordCard
                id=checked.id
                name=checked.name
                import=*import
                title_id
            />
        }
        .into_any(),
        Outcome::Invalid(error) => {
            let verdict = error.verdict();
            // The message where it says more than the verdict.
            let explanation = Some(error.message()).filter(|m| m != verdict);
            let technical = error.technical().unwrap_or_default();
            view! {
                <article class="result result-invalid" aria-labelledby=labelled_by>
                    <h3 id=title_id class="result-title">
                        <span class="result-badge">"无效"</span>
                        <span class="result-file">{checked.name}</span>
                    </h3>
                    <p class="result-reason">{verdict}</p>
                    {explanation.map(|text| view! { <p class="result-detail">{text}</p> })}
                    <TechDetails detail=technical />
                </article>
            }
            .into_any()
        }
        Outcome::Valid(verified) => view! {
            <ValidCard
                id=checked.id
                name=checked.name
                verified=*verified
                page
                known
                on_open_as_draft
                title_id
            />
        }
        .into_any(),
    }
}

/// One valid file: its verdict, who signed it, its attachments, what can be done with it.
#[component]
fn ValidCard(
    id: u64,
    name: String,
    verified: Verified,
    page: Page,
    known: KnownKeysState,
    on_open_as_draft: Callback<String>,
    title_id: String,
) -> impl IntoView {
    let labelled_by = title_id.clone();
    let verified = StoredValue::new(verified);
    // As the 汇总表 and the command line see it, again whenever the attachment files or the
    // known keys change.
    let examined = {
        let name = name.clone();
        Memo::new(move |_| {
            page.present.with(|present| {
                known.keys.with(|keys| {
                    verified.with_value(|v| examine(name.clone(), v.clone(), present, keys))
                })
            })
        })
    };
    // The office its key is registered to, if it is.
    let office = Memo::new(move |_| examined.with(|e| e.signer.clone()));
    let show_review = RwSignal::new(false);
    let registering = RwSignal::new(false);
    let review_id = format!("result-{id}-review");
    view! {
        <article class="result result-valid" aria-labelledby=labelled_by>
            <h3 id=title_id class="result-title">
                <span class="result-badge">
                    {move || {
                        if office.with(Option::is_some) { "有效" } else { "有效（未登记的密钥）" }
                    }}
                </span>
                <span class="result-file">{name.clone()}</span>
            </h3>
            <p class="result-reason">"签名与内容一致，签名后未被改动。"</p>
            {move || {
                examined
                    .with(|e| e.mismatch.clone())
                    .map(|warning| view! { <p class="key-warning" role="status">{warning}</p> })
            }}
            <SignerFacts verified office known />
            <AttachmentCheck examined />
            <CardActions
                name
                verified
                office
                registering
                show_review
                review_id=review_id.clone()
                on_open_as_draft
            />
            {move || {
                registering
                    .get()
                    .then(|| {
                        let (fingerprint, applicant) = verified
                            .with_value(|v| (v.fingerprint.clone(), county_display(&v.declaration.applicant)));
                        view! {
                            <RegisterKeyForm
                                id
                                fingerprint
                                suggested=suggested_office_name(&applicant)
                                known
                                registering
                            />
                        }
                    })
            }}
            <ReviewPanel
                open=show_review
                id=review_id
                note="以下为签名申报文件中的申报内容（只读）。"
                declaration=Signal::derive(move || verified.with_value(|v| v.declaration.clone()))
                id_prefix=format!("result-{id}")
            />
        </article>
    }
}

/// Who signed a valid file, for whom, when, and what: the card's facts.
#[component]
fn SignerFacts(
    verified: StoredValue<Verified>,
    office: Memo<Option<String>>,
    known: KnownKeysState,
) -> impl IntoView {
    verified.with_value(|v| {
        let fingerprint = v.fingerprint.clone();
        let key_label = {
            let fingerprint = fingerprint.clone();
            move || known.keys.with(|k| k.describe(&fingerprint))
        };
        view! {
            <dl class="facts">
                <dt>"签名密钥"</dt>
                <dd>
                    <span class="key-label" class:key-known=move || office.with(Option::is_some)>
                        {key_label}
                    </span>
                    <br />
                    <Fingerprint hex=fingerprint />
                </dd>
                <dt>"申报单位"</dt>
                <dd>{county_display(&v.declaration.applicant)}</dd>
                <dt>"集群名称"</dt>
                <dd>{v.declaration.cluster_name.clone()}</dd>
                <dt>"签名时间"</dt>
                <dd>{beijing_time_display(v.signed_at)}"（北京时间）"</dd>
                <dt>"内容摘要"</dt>
                <dd><Fingerprint hex=v.content_digest.clone() /></dd>
            </dl>
        }
    })
}

/// 附件核对: each attachment the file lists against the files provided (none: nothing shown).
#[component]
fn AttachmentCheck(examined: Memo<Examined>) -> impl IntoView {
    let has_attachments = examined.with_untracked(|e| !e.attachments.is_empty());
    let rows = move || {
        examined
            .with(|e| e.attachments.clone())
            .into_iter()
            .map(|(a, status)| {
                let class = if status.is_ok() {
                    "att-status att-ok"
                } else {
                    "att-status att-bad"
                };
                view! {
                    <tr>
                        <td>{a.name}</td>
                        <td><span class=class>{status.label()}</span></td>
                        <td class="att-explain">{status.explain()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    has_attachments.then(|| {
        view! {
            <table class="attachment-check">
                <caption>"附件核对"</caption>
                <thead>
                    <tr>
                        <th scope="col">"附件"</th>
                        <th scope="col">"结果"</th>
                        <th scope="col">"说明"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

/// What can be done with a valid file: read it, open it as a new draft, print it, export it to
/// Word, register its key.
#[component]
fn CardActions(
    name: String,
    verified: StoredValue<Verified>,
    office: Memo<Option<String>>,
    registering: RwSignal<bool>,
    show_review: RwSignal<bool>,
    review_id: String,
    on_open_as_draft: Callback<String>,
) -> impl IntoView {
    let copy = StoredValue::new(verified.with_value(|v| SignedCopy {
        declaration: v.declaration.clone(),
        binding: PaperBinding {
            fingerprint: v.fingerprint.clone(),
            digest: v.content_digest.clone(),
        },
    }));
    // 打印 this file as the paper form, bound to it (the page provides the callback).
    let print = use_context::<PrintVerified>().map(|PrintVerified(print)| {
        let name = StoredValue::new(name);
        view! {
            <button
                type="button"
                class="button button-secondary button-small"
                on:click=move |_| print.run((name.get_value(), copy.get_value()))
            >
                "打印"
            </button>
        }
    });
    view! {
        <div class="result-actions">
            <ToggleButton
                open=show_review
                controls=review_id
                shown="收起申报内容"
                hidden="查看申报内容"
            />
            <button
                type="button"
                class="button button-secondary button-small"
                on:click=move |_| on_open_as_draft.run(verified.with_value(handover_text))
            >
                "作为新草稿打开"
            </button>
            {print}
            <crate::ui::office::WordButton
                declaration=Signal::derive(move || copy.with_value(|c| c.declaration.clone()))
                binding=Signal::derive(move || copy.with_value(|c| Some(c.binding.clone())))
                small=true
            />
            {move || {
                (office.with(Option::is_none) && !registering.get())
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                on:click=move |_| registering.set(true)
                            >
                                "登记此密钥"
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// 登记为（单位名称）: registers a verified file's key under an office name, after a warning when
/// the name already belongs to another key.
#[component]
fn RegisterKeyForm(
    id: u64,
    fingerprint: String,
    suggested: String,
    known: KnownKeysState,
    /// Whether the form is open; registering or cancelling closes it.
    registering: RwSignal<bool>,
) -> impl IntoView {
    let office = RwSignal::new(suggested);
    let error = RwSignal::new(None::<String>);
    // Before a second key takes a known office's name: a warning, not a refusal (an office that
    // changed computers has two keys).
    let name_taken = {
        let fingerprint = fingerprint.clone();
        Memo::new(move |_| {
            office.with(|name| {
                known
                    .keys
                    .with(|k| k.name_registered_elsewhere(&fingerprint, name))
            })
        })
    };
    let register = move |_| {
        let mut result = Ok(String::new());
        known.edit(|k| result = k.register(&fingerprint, &office.get_untracked()));
        match result {
            Ok(_) => {
                error.set(None);
                registering.set(false);
            }
            Err(e) => error.set(Some(e.message())),
        }
    };
    let input_id = format!("register-name-{id}");
    let hint_id = format!("{input_id}-hint");
    view! {
        <div class="register-form">
            <label class="field-label" for=input_id.clone()>
                "登记为（单位名称）"
            </label>
            <p class="field-hint" id=hint_id.clone()>
                "请先通过纸质申报表或电话核实密钥指纹确属该单位，再登记。"
            </p>
            <div class="inline-row">
                <input
                    id=input_id
                    aria-describedby=hint_id
                    class="input input-medium"
                    prop:value=move || office.get()
                    on:input=move |ev| office.set(event_target_value(&ev))
                />
                <button type="button" class="button button-primary" on:click=register>
                    "登记"
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| registering.set(false)
                >
                    "取消"
                </button>
            </div>
            {move || name_taken.get().map(|w| view! { <p class="key-warning" role="status">{w}</p> })}
            {move || error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
        </div>
    }
}
