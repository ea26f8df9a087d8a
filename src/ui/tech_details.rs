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

/// An error for users with its technical detail folded under it.
#[component]
pub fn ErrorWithDetails(
    #[prop(into)] message: String,
    #[prop(into)] detail: String,
) -> impl IntoView {
    view! {
        <div class="error-message" role="alert">
            <p>{message}</p>
            <TechDetails detail />
        </div>
    }
}
