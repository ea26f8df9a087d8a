//! 打印: the declaration as the official paper form on an A4 sheet, with the mark that binds
//! the paper to its signed file; on screen a preview, on paper nothing but the sheet.

use leptos::prelude::*;

use crate::browser;
use crate::model::declaration::Declaration;
use crate::model::paper::{labels, words, PaperBinding, PaperForm, FOOT_NOTE, SUMMARY_HINT, TITLE};

/// A label cell, broken into lines where the official form breaks it.
fn label_cell(lines: &'static [&'static str]) -> impl IntoView {
    let lines = lines
        .iter()
        .map(|line| view! { <span class="paper-label-line">{*line}</span> })
        .collect_view();
    view! { <th scope="row">{lines}</th> }
}

/// The printable sheet(s). `binding` is `None` for a draft that is not signed as it stands.
#[component]
pub fn PaperSheet(
    #[prop(into)] declaration: Signal<Declaration>,
    #[prop(into)] binding: Signal<Option<PaperBinding>>,
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
            {move || {
                binding
                    .get()
                    .is_none()
                    .then(|| view! { <p class="paper-draft-mark">{words::DRAFT_MARK}</p> })
            }}
            <h1 class="paper-title">{TITLE}</h1>
            {move || {
                let p = paper.get();
                let pairs = p
                    .rows
                    .iter()
                    .cloned()
                    .map(|r| {
                        view! {
                            <tr>
                                {label_cell(r.left_label)}
                                <td>{r.left}</td>
                                {label_cell(r.right_label)}
                                <td>{r.right}</td>
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

/// Under the table: the signer's key fingerprint and the signed content's digest, in small
/// type and as a QR code; or, for a draft, that it is not signed.
#[component]
fn PaperBindingMark(#[prop(into)] binding: Signal<Option<PaperBinding>>) -> impl IntoView {
    move || match binding.get() {
        Some(b) => {
            let svg = b.qr_svg().unwrap_or_default();
            view! {
                <div class="paper-binding">
                    <div class="paper-qr" inner_html=svg role="img" aria-label="二维码：签名密钥指纹与内容摘要"></div>
                    <dl>
                        <dt>{words::FINGERPRINT}</dt>
                        <dd class="paper-fingerprint">{b.fingerprint_display()}</dd>
                        <dt>{words::DIGEST}</dt>
                        <dd class="paper-digest">{b.digest_display()}</dd>
                        <dd class="paper-binding-note">{words::BINDING_NOTE}</dd>
                    </dl>
                </div>
            }
            .into_any()
        }
        None => view! {
            <div class="paper-binding paper-binding-draft">
                <p>{words::DRAFT_NOTE}</p>
            </div>
        }
        .into_any(),
    }
}

/// 打印 page: a toolbar (never printed) and the sheet.
#[component]
pub fn PrintPage(
    #[prop(into)] declaration: Signal<Declaration>,
    #[prop(into)] binding: Signal<Option<PaperBinding>>,
    /// Where the content comes from, e.g. "当前草稿" or "核验通过的文件：…".
    #[prop(into)]
    source: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="print-toolbar">
            <h2 class="page-title">"打印预览"</h2>
            <p class="field-hint">
                {move || source.get()}
                "。A4 纸，版式依照通知附件；打印时页面的菜单、按钮和提示不会打印。一式三份，盖章后报送。"
            </p>
            <div class="inline-row">
                <button type="button" class="button button-primary" on:click=move |_| browser::dom::print()>
                    "打印"
                </button>
                <crate::ui::office::WordButton declaration binding />
            </div>
        </div>
        <div class="paper-preview">
            <PaperSheet declaration binding />
        </div>
    }
}
