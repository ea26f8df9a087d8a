//! The form's pure core: types, division data, validation. No browser, no Leptos.

pub mod backup;
pub mod canonical;
pub mod declaration;
pub mod divisions;
pub mod drafts;
pub mod field;
pub mod keys;
pub mod phone;
pub mod sample;
pub mod signed_file;
pub mod text;
pub mod validate;
