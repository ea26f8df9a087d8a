//! "技术细节": what only someone looking into a file by hand needs (field names of the file
//! format, a parser's message), folded away under the plain message.

use leptos::prelude::*;

/// A closed disclosure with the technical detail; nothing when there is none.
#[component]
pub fn TechDetails(#[prop(into)] detail: String) -> impl IntoView {
    (!detail.is_empty()).then(|| {
        view! {
            <details class="tech-details">
                <summary>"技术细节"</summary>
                <p>{detail}</p>
            </details>
        }
    })
}
