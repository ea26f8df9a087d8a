//! 打印: the declaration as the official paper form on an A4 sheet; on screen a preview, on
//! paper nothing but the sheet. A complete declaration prints clean, signed or not; one with
//! errors prints marked 草稿; a signed one may carry, small and apart at the end, the mark
//! that binds the paper to its signed file.

use leptos::prelude::*;

use crate::browser;
use crate::model::declaration::Declaration;
use crate::model::paper::{labels, words, PaperBinding, PaperForm, FOOT_NOTE, SUMMARY_HINT, TITLE};
use crate::model::validate::{validate, Report};

/// A label cell, broken into lines where the official form breaks it.
fn label_cell(lines: &'static [&'static str]) -> impl IntoView {
    let lines = lines
        .iter()
        .map(|line| view! { <span class="paper-label-line">{*line}</span> })
        .collect_view();
    view! { <th scope="row">{lines}</th> }
}

/// A 联系电话 cell: each number and each note kept on one line, so that a line breaks only
/// between them ("0571-87654321、" | "13912345678" | "（短号 612345）").
fn phone_cell(text: String) -> impl IntoView {
    let mut pieces: Vec<String> = Vec::new();
    for (i, entry) in text.split('、').enumerate() {
        if i > 0 {
            if let Some(last) = pieces.last_mut() {
                last.push('、');
            }
        }
        let mut rest = entry;
        while let Some(at) = rest.get(1..).and_then(|r| r.find('（')).map(|at| at + 1) {
            pieces.push(rest[..at].to_string());
            rest = &rest[at..];
        }
        pieces.push(rest.to_string());
    }
    pieces
        .into_iter()
        .map(|piece| view! { <span class="nowrap">{piece}</span> })
        .collect_view()
}

/// The printable sheet(s). `binding` is printed when given (a signed declaration whose user
/// wants it on paper); `draft` marks a declaration that still has errors.
#[component]
pub fn PaperSheet(
    #[prop(into)] declaration: Signal<Declaration>,
    #[prop(into)] binding: Signal<Option<PaperBinding>>,
    #[prop(into)] draft: Signal<bool>,
) -> impl IntoView {
    let paper = Memo::new(move |_| declaration.with(PaperForm::of));
    let lines = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|l| view! { <p>{l}</p> })
            .collect_view()
    };
    let ticks = |boxes: Vec<crate::model::paper::TickBox>| {
        boxes
            .into_iter()
            .map(|b| {
                view! {
                    <span class="tick" class:ticked=b.ticked>
                        {b.text()}
                    </span>
                }
            })
            .collect_view()
    };
    view! {
        <article class="paper" aria-label="打印预览：杭州市美丽城镇集群化建设申报表">
            <p class="paper-attachment">{words::ATTACHMENT}</p>
            {move || draft.get().then(|| view! { <p class="paper-draft-mark">{words::DRAFT_MARK}</p> })}
            <h1 class="paper-title">{TITLE}</h1>
            {move || {
                let p = paper.get();
                let pairs = p
                    .rows
                    .iter()
                    .cloned()
                    .map(|r| {
                        let phones = r.left_label == ["联系电话"];
                        let cell = move |text: String| {
                            if phones {
                                phone_cell(text).into_any()
                            } else {
                                text.into_any()
                            }
                        };
                        view! {
                            <tr>
                                {label_cell(r.left_label)}
                                <td>{cell(r.left)}</td>
                                {label_cell(r.right_label)}
                                <td>{cell(r.right)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="paper-table">
                        <colgroup>
                            <col class="col-label" />
                            <col class="col-value" />
                            <col class="col-label" />
                            <col class="col-value" />
                        </colgroup>
                        <tbody>
                            <tr>
                                {label_cell(labels::CLUSTER_NAME)}
                                <td colspan="3">{p.cluster_name.clone()}</td>
                            </tr>
                            <tr class="paper-long">
                                {label_cell(labels::APPLICANT)}
                                <td>{p.applicant.clone()}</td>
                                {label_cell(labels::TOWNS)}
                                <td class="paper-towns">{lines(p.towns.clone())}</td>
                            </tr>
                            <tr>
                                {label_cell(labels::CREATION_TYPE)}
                                <td class="paper-ticks">{ticks(p.creation_type.clone())}</td>
                                {label_cell(labels::SCOPE)}
                                <td class="paper-ticks">{ticks(p.scope.clone())}</td>
                            </tr>
                            {pairs}
                            <tr class="paper-long">
                                {label_cell(labels::STAGE_RESULTS)}
                                <td colspan="3">{lines(p.stage_results.clone())}</td>
                            </tr>
                            <tr class="paper-long paper-summary-row">
                                <td colspan="4" class="paper-summary">
                                    <p class="paper-summary-title">{words::SUMMARY_TITLE}</p>
                                    <p class="paper-hint">{SUMMARY_HINT}</p>
                                    {lines(p.summary.clone())}
                                    {words::attachments_line(&p.attachments)
                                        .map(|line| view! { <p class="paper-attachments">{line}</p> })}
                                </td>
                            </tr>
                        </tbody>
                    </table>
                    <div class="paper-seal">
                        <p>{words::SEAL}</p>
                        <p class="paper-seal-date">{words::DATE} {p.declared_on.clone()}</p>
                    </div>
                }
            }}
            <p class="paper-note">{FOOT_NOTE}</p>
            <PaperBindingMark binding />
        </article>
    }
}

/// After the note, small and apart from the form: the signer's key fingerprint and the
/// signed content's digest, as text and as a QR code.
#[component]
fn PaperBindingMark(#[prop(into)] binding: Signal<Option<PaperBinding>>) -> impl IntoView {
    move || {
        binding.get().map(|b| {
            let svg = b.qr_svg().unwrap_or_default();
            view! {
                <div class="paper-binding">
                    <div class="paper-qr" inner_html=svg role="img" aria-label="二维码：密钥指纹与内容摘要"></div>
                    <dl>
                        <dt>{words::FINGERPRINT}</dt>
                        <dd class="paper-fingerprint">{b.fingerprint_display()}</dd>
                        <dt>{words::DIGEST}</dt>
                        <dd class="paper-digest">{b.digest_display()}</dd>
                        <dd class="paper-binding-note">{words::BINDING_NOTE}</dd>
                    </dl>
                </div>
            }
        })
    }
}

/// The sheet as 打印 prints it, put on a view without a sheet of its own while the page is
/// being printed (Ctrl+P, the browser's print menu): only the printer sees it.
#[component]
pub fn PrintCopy(
    #[prop(into)] declaration: Signal<Declaration>,
    #[prop(into)] binding: Signal<Option<PaperBinding>>,
    #[prop(into)] draft: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="paper-preview print-only">
            <PaperSheet declaration binding draft />
        </div>
    }
}

/// A button back to where the printed declaration came from.
fn back_button(label: &'static str, back: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="button button-secondary" on:click=move |_| back.run(())>
            {label}
        </button>
    }
}

/// 打印 page: a toolbar (never printed) and the sheet. `on_fix` (the open draft) leads back to
/// the form to fix its problems; `on_back` (a verified file) back to the verify results.
#[component]
pub fn PrintPage(
    #[prop(into)] declaration: Signal<Declaration>,
    #[prop(into)] binding: Signal<Option<PaperBinding>>,
    /// Where the content comes from, e.g. "当前草稿" or "核验通过的签名申报文件“…”".
    #[prop(into)]
    source: Signal<String>,
    #[prop(optional)] on_fix: Option<Callback<()>>,
    #[prop(optional)] on_back: Option<Callback<()>>,
) -> impl IntoView {
    let report = Memo::new(move |_| declaration.with(validate));
    let errors = Memo::new(move |_| report.with(Report::distinct_errors));
    let draft = Memo::new(move |_| errors.with(|e| !e.is_empty()));
    let print_binding_info = RwSignal::new(true);
    let printed_binding =
        Signal::derive(move || binding.get().filter(|_| print_binding_info.get()));
    view! {
        <div class="print-toolbar">
            {on_back.map(|back| back_button("返回核验结果", back))}
            <h2 class="page-title">"打印预览"</h2>
            <p class="field-hint">
                {move || source.get()}
                "。A4 纸，版式依照通知附件；页面的菜单、按钮和提示不会打印。一式三份，盖章后报送。"
            </p>
            {move || {
                let list = errors.get();
                (!list.is_empty())
                    .then(|| {
                        let n = list.len();
                        let items = list
                            .into_iter()
                            .map(|p| view! { <li>{p.message}</li> })
                            .collect_view();
                        view! {
                            <div class="print-missing" role="status">
                                <p>
                                    <strong>{format!("还有 {n} 处需要填写或修改，")}</strong>
                                    "打印件会标为“草稿”，不能盖章报送："
                                </p>
                                <ul>{items}</ul>
                                {on_fix.map(|fix| back_button("返回填写", fix))}
                            </div>
                        }
                    })
            }}
            {move || {
                binding
                    .get()
                    .is_some()
                    .then(|| {
                        view! {
                            <label class="checkbox print-option">
                                <input
                                    type="checkbox"
                                    prop:checked=move || print_binding_info.get()
                                    on:change=move |ev| print_binding_info.set(event_target_checked(&ev))
                                />
                                "打印核验信息（签名申报文件的密钥指纹、内容摘要和二维码，小字印在表格之后）"
                            </label>
                        }
                    })
            }}
            <div class="inline-row">
                <button type="button" class="button button-primary" on:click=move |_| browser::dom::print()>
                    "打印"
                </button>
                <crate::ui::office::WordButton declaration binding=printed_binding />
            </div>
        </div>
        <div class="paper-preview">
            <PaperSheet declaration binding=printed_binding draft />
        </div>
    }
}
