//! When a page starts talking to the browser: after its first view is on the page, never while
//! that view is written as HTML at build time (a leaf).

use leptos::prelude::*;

/// Runs `f` once, after the component that calls it is on the page: in the browser only, since
/// effects never run when the view is rendered to HTML.
pub fn once_started(f: impl FnOnce() + 'static) {
    let f = std::cell::Cell::new(Some(f));
    Effect::new(move |_| {
        if let Some(f) = f.take() {
            untrack(f);
        }
    });
}

/// `before` while the page's first view is drawn (and in the HTML written at build time), then
/// what `f` finds in the browser once the page is on screen.
pub fn once_known<T: Clone + Send + Sync + 'static>(
    before: T,
    f: impl FnOnce() -> T + 'static,
) -> Signal<T> {
    let value = RwSignal::new(before);
    once_started(move || value.set(f()));
    value.into()
}
