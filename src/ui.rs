//! The Leptos user interface: two pages over one model — the county's form (`county`, in
//! index.html) and the city office's verify page (`city`, in verify.html) — each its own wasm,
//! sharing the page frame (`chrome`) and a few widgets (`common`). Thin components over the
//! model; no rules live here.

mod chrome;
mod city;
mod common;
mod county;
mod drafts;
mod error_summary;
mod fields;
mod lifecycle;
mod navigation;
pub(crate) mod office;
mod print;
mod sections;
mod signing;
mod state;
mod tech_details;
mod town_picker;
mod verify;

#[cfg(any(feature = "csr", feature = "hydrate"))]
use crate::browser;

/// Starts the county's page: the form, drafts, signing and export, print, Word. It takes over
/// the form the build wrote into index.html (and what the user did in it meanwhile), or, where
/// the page has none, draws its own.
#[cfg(feature = "hydrate")]
pub fn start_county() {
    console_error_panic_hook::set_once();
    browser::events::track_pointer();
    if browser::prerendered::present() {
        browser::prerendered::note_typed();
        leptos::mount::hydrate_body(county::CountyApp);
    } else {
        leptos::mount::mount_to_body(county::CountyApp);
    }
    browser::remove_loading_placeholder();
}

/// Starts the city office's page: verify signed files, the known keys, the 汇总表.
#[cfg(any(feature = "csr", feature = "hydrate"))]
pub fn start_city() {
    console_error_panic_hook::set_once();
    browser::events::track_pointer();
    // The single-file edition holds the county's form as its build wrote it: not this page's.
    browser::prerendered::discard();
    leptos::mount::mount_to_body(city::CityApp);
    browser::remove_loading_placeholder();
}

/// The county page's first view as HTML, for index.html (natively, at build time): the same
/// components the browser takes it over with.
#[cfg(feature = "ssr")]
pub fn prerender_county() -> String {
    use leptos::prelude::*;
    let context = std::sync::Arc::new(hydration_context::SsrSharedContext::new());
    Owner::new_root(Some(context)).with(|| county::CountyApp().to_html())
}
