//! One component per section of the form, in the order of the paper form.

pub mod cluster;
pub mod content;
pub mod milestones;
pub mod people;
pub mod type_scope;
