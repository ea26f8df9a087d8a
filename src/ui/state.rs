//! The form's reactive state: the declaration, its report (derived), and which messages show.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::declaration::Declaration;
use crate::model::field::FieldId;
use crate::model::validate::{validate, Problem, Report};

/// Everything the form's components share. `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub struct FormState {
    /// What the user has typed: the single source of truth.
    pub declaration: RwSignal<Declaration>,
    /// Every problem, derived from the declaration.
    pub report: Memo<Report>,
    /// Fields the user has left at least once: their messages show from then on.
    pub touched: RwSignal<BTreeSet<FieldId>>,
    /// Set once the user asks to check the whole form: every message shows.
    pub checked: RwSignal<bool>,
}

impl FormState {
    pub fn new(declaration: Declaration) -> Self {
        let declaration = RwSignal::new(declaration);
        FormState {
            declaration,
            report: Memo::new(move |_| declaration.with(validate)),
            touched: RwSignal::new(BTreeSet::new()),
            checked: RwSignal::new(false),
        }
    }

    /// A memo of one part of the declaration: components that show it re-render only when
    /// that part changes.
    pub fn select<T>(&self, part: impl Fn(&Declaration) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let declaration = self.declaration;
        Memo::new(move |_| declaration.with(&part))
    }

    pub fn edit(&self, change: impl FnOnce(&mut Declaration)) {
        self.declaration.update(change);
    }

    /// Replaces the text of a text field.
    pub fn set_text(&self, field: FieldId, text: String) {
        self.declaration.update(|d| {
            if let Some(slot) = d.text_mut(field) {
                *slot = text;
            }
        });
    }

    /// The user has left this field: its messages show from now on — or, if the user left it
    /// by pressing on another control, once that press is released, so that the messages
    /// cannot push the control away mid-click.
    pub fn touch(&self, field: FieldId) {
        let touched = self.touched;
        crate::browser::events::after_pointer_release(move || {
            if !touched.with_untracked(|t| t.contains(&field)) {
                touched.update(|t| {
                    t.insert(field);
                });
            }
        });
    }

    /// The problems to show beside a field now (none until it is left or the form checked).
    pub fn shown_problems(&self, field: FieldId) -> Memo<Vec<Problem>> {
        let state = *self;
        Memo::new(move |_| {
            if state.checked.get() || state.touched.with(|t| t.contains(&field)) {
                state.report.with(|r| r.for_field(field).cloned().collect())
            } else {
                Vec::new()
            }
        })
    }
}
