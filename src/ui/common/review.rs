//! The declaration read back, read-only, in the order of the paper form: the check-answers page
//! before signing and the view of a verified file use this one component.

use leptos::prelude::*;

use crate::model::declaration::Declaration;
use crate::model::review::{review_sections, EMPTY};

#[component]
pub fn DeclarationReview(
    declaration: Declaration,
    /// Prefix for the ids of the section headings (unique on the page).
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    review_sections(&declaration)
        .into_iter()
        .enumerate()
        .map(|(i, section)| {
            let heading_id = format!("{id_prefix}-section-{i}");
            let labelled_by = heading_id.clone();
            let rows = section
                .rows
                .into_iter()
                .map(|row| {
                    let value = if row.lines.is_empty() {
                        view! { <span class="review-empty">{EMPTY}</span> }.into_any()
                    } else {
                        row.lines
                            .into_iter()
                            .map(|line| view! { <p class="review-line">{line}</p> })
                            .collect_view()
                            .into_any()
                    };
                    view! {
                        <tr>
                            <th scope="row">{row.label}</th>
                            <td>{value}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="review-section" aria-labelledby=labelled_by>
                    <h3 id=heading_id>{section.title}</h3>
                    <table class="review-table">
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
        .collect_view()
}

/// A card's read-only declaration, drawn only while `open`: the part a "查看申报内容" button
/// (`ToggleButton`) shows and hides, with `note` saying where the content comes from.
#[component]
pub fn ReviewPanel(
    open: RwSignal<bool>,
    /// The id the button's `aria-controls` names.
    id: String,
    note: &'static str,
    declaration: Signal<Declaration>,
    /// Prefix for the ids of the section headings (unique on the page).
    id_prefix: String,
) -> impl IntoView {
    view! {
        <div id=id class="review" hidden=move || !open.get()>
            {move || {
                let id_prefix = id_prefix.clone();
                open.get()
                    .then(move || {
                        view! {
                            <p class="review-note">{note}</p>
                            <DeclarationReview declaration=declaration.get() id_prefix />
                        }
                    })
            }}
        </div>
    }
}
