//! The form's pure core: types, division data, validation. No browser, no Leptos.

pub mod attachment_check;
pub mod backup;
pub mod canonical;
pub mod clock;
pub mod declaration;
pub mod divisions;
pub mod drafts;
pub mod export;
pub mod field;
pub mod key_at_rest;
pub mod key_registry;
pub mod keys;
pub mod paper;
pub mod phone;
pub mod review;
pub mod sample;
pub mod signed_file;
pub mod sort;
pub mod text;
pub mod validate;
