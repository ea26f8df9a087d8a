//! 报送情况 on the city office's page: Hangzhou's 13 county-level units, each with the
//! declarations opened (signed and valid, or Word files, unsigned) or 尚未报送, as
//! `model::summary::status` decides and as the workbook's sheet of that name shows.

use leptos::prelude::*;

use super::checked::Page;
use super::known_keys::KnownKeysState;
use super::summary::Collected;
use crate::model::summary::{declared, status};

#[component]
pub(super) fn SubmissionStatus(page: Page, known: KnownKeysState) -> impl IntoView {
    let units = Memo::new(move |_| {
        let collected = Collected::of(page, known);
        status::status(&declared(&collected.rows()))
    });
    let has_files = Memo::new(move |_| page.results.with(|r| !r.is_empty()));
    let rows = move || {
        units
            .get()
            .into_iter()
            .map(|unit| {
                let state = unit.state();
                let class = match (unit.signed, unit.word) {
                    (0, 0) => "status-none",
                    (0, _) => "status-word",
                    _ => "status-signed",
                };
                let items = unit
                    .items
                    .iter()
                    .map(|i| view! { <li>{i.clone()}</li> })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{unit.unit.clone()}</th>
                        <td><span class=format!("status-badge {class}")>{state}</span></td>
                        <td>{unit.signed.to_string()}</td>
                        <td>{unit.word.to_string()}</td>
                        <td><ul class="status-items">{items}</ul></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || has_files.get()>
            <section class="submission-status" aria-labelledby="status-title">
                <h2 id="status-title">"报送情况"</h2>
                <p class="status-overview" role="status">{move || status::overview(&units.get())}</p>
                <table class="status-table">
                    <caption class="visually-hidden">"杭州市各县（市、区）的报送情况"</caption>
                    <thead>
                        <tr>
                            <th scope="col">{status::HEADER[1]}</th>
                            <th scope="col">{status::HEADER[2]}</th>
                            <th scope="col">{status::HEADER[3]}</th>
                            <th scope="col">{status::HEADER[4]}</th>
                            <th scope="col">{status::HEADER[5]}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="field-hint">
                    "按申报表中填写的“申报单位”归入各县（市、区）；无效的文件不计入。Word 文件没有签名，请以盖章的纸质申报表为准。"
                </p>
            </section>
        </Show>
    }
}
