//! The app's one door to the browser: every `web_sys` call lives here, and none of them panics.
//!
//! Each function does one thing and reports failure as a value; the UI decides what to tell the
//! user.

pub mod dom;
pub mod events;
pub mod files;
pub mod kdf;
pub mod keystore;
pub mod office;
pub mod offline;
pub mod pages;
pub mod prerendered;
pub mod storage;
pub mod system;
pub mod worker;

pub use dom::{focus_element, remove_loading_placeholder, scroll_into_view_nearest, set_title};
