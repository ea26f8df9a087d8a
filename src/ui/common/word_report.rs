//! What an import of a Word file found, as both pages show it: the one-line summary, then
//! each item of the form (filled, empty, not in the file, not read) with the import's notes,
//! the text that could not be placed, and the notes on the file (`ImportReport`).

use leptos::prelude::*;

use crate::model::office::docx_read::{FieldState, ImportReport};

/// The class of an item's line: what it found, for the eye (the words say it too).
fn state_class(state: &FieldState) -> &'static str {
    match state {
        FieldState::Filled(_) => "import-filled",
        FieldState::Empty => "import-empty",
        FieldState::NotFound | FieldState::Unclear(_) => "import-missing",
    }
}

/// The report's body. `id_prefix` keeps ids apart when several reports are on the page.
#[component]
pub fn ImportReportView(report: ImportReport, #[prop(into)] id_prefix: String) -> impl IntoView {
    let fields = report
        .fields
        .iter()
        .map(|entry| {
            let notes = (!entry.notes.is_empty()).then(|| {
                let items = entry
                    .notes
                    .iter()
                    .map(|n| view! { <li>{n.clone()}</li> })
                    .collect_view();
                view! { <ul class="import-notes">{items}</ul> }
            });
            view! {
                <li class=state_class(&entry.state)>
                    {entry.line()}
                    {notes}
                </li>
            }
        })
        .collect_view();
    let unplaced = (!report.unplaced.is_empty()).then(|| {
        let items = report
            .unplaced
            .iter()
            .map(|u| view! { <li>{u.line()}</li> })
            .collect_view();
        let more = (report.unplaced_more > 0)
            .then(|| view! { <li>{format!("另有 {} 处未列出。", report.unplaced_more)}</li> });
        let title = format!("{id_prefix}-unplaced");
        view! {
            <h4 id=title.clone()>"未能对应到填写项的文字"</h4>
            <ul class="import-unplaced" aria-labelledby=title>
                {items}
                {more}
            </ul>
        }
    });
    let notes = (!report.notes.is_empty()).then(|| {
        let items = report
            .notes
            .iter()
            .map(|n| view! { <li>{n.clone()}</li> })
            .collect_view();
        view! { <ul class="import-file-notes">{items}</ul> }
    });
    let fields_title = format!("{id_prefix}-fields");
    view! {
        <p class="import-summary">{report.summary()}</p>
        {notes}
        <h4 id=fields_title.clone()>"各填写项"</h4>
        <ul class="import-fields" aria-labelledby=fields_title>{fields}</ul>
        {unplaced}
    }
}
