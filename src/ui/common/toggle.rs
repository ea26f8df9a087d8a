//! A button that shows and hides a part of the card it stands on ("查看…" / "收起…"), with the
//! `aria-expanded` and `aria-controls` a screen reader needs.

use leptos::prelude::*;

#[component]
pub fn ToggleButton(
    open: RwSignal<bool>,
    /// The id of the part shown and hidden.
    controls: String,
    /// The label while the part is shown.
    shown: &'static str,
    /// The label while it is hidden.
    hidden: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button-secondary button-small"
            aria-expanded=move || open.get().to_string()
            aria-controls=controls
            on:click=move |_| open.update(|s| *s = !*s)
        >
            {move || if open.get() { shown } else { hidden }}
        </button>
    }
}
