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
mod navigation;
pub(crate) mod office;
mod print;
mod sections;
mod signing;
mod state;
mod tech_details;
mod town_picker;
mod verify;

use leptos::prelude::*;

use crate::browser;

/// Starts the county's page: the form, drafts, signing and export, print, Word.
pub fn start_county() {
    start(county::CountyApp);
}

/// Starts the city office's page: verify signed files, the known keys, the 汇总表.
pub fn start_city() {
    start(city::CityApp);
}

fn start<V: IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    browser::remove_loading_placeholder();
    browser::events::track_pointer();
    leptos::mount::mount_to_body(app);
}
