//! The pure core: the form as types and its validation, the division data, drafts and what the
//! app stores, the draft session's decisions, signed files and keys, backups, the paper form,
//! office files and the 汇总表. No browser, no Leptos: everything here tests natively.

pub mod as_written;
pub mod attachment_check;
pub mod backup;
pub mod canonical;
pub mod clock;
pub mod date;
pub mod declaration;
pub mod display;
pub mod divisions;
pub mod draft_session;
pub mod drafts;
pub mod encoding;
pub mod error;
pub mod export;
pub mod field;
pub mod handover;
pub mod key_at_rest;
pub mod key_registry;
pub mod key_state;
pub mod keys;
pub mod office;
pub mod paper;
pub mod phone;
pub mod picked_file;
pub mod plain_words;
pub mod review;
pub mod safe_text;
pub mod sample;
pub mod signed_file;
pub mod sort;
pub mod storage;
pub mod summary;
pub mod text;
pub mod validate;
