//! Drafts: autosave of the open draft, the draft list, backups, a new draft from a Word file,
//! and what to do when storage fails or another tab writes the same draft.

pub mod banners;
pub mod page;
pub mod session;
pub mod word_import;
