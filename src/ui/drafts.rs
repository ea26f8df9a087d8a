//! Drafts: autosave of the open draft, the draft list, backups, and what to do when storage
//! fails or another tab writes the same draft.

pub mod banners;
pub mod page;
pub mod session;
