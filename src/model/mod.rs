//! The form's pure core: types, division data, validation. No browser, no Leptos.

pub mod as_written;
pub mod attachment_check;
pub mod backup;
pub mod canonical;
pub mod clock;
pub mod declaration;
pub mod display;
pub mod divisions;
pub mod drafts;
pub mod encoding;
pub mod export;
pub mod field;
pub mod key_registry;
pub mod keys;
pub mod office;
pub mod paper;
pub mod phone;
pub mod plain_words;
pub mod review;
pub mod safe_text;
pub mod sample;
pub mod signed_file;
pub mod sort;
pub mod summary;
pub mod text;
pub mod validate;
