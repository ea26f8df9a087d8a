//! Section 二：创建类型、创建范围, as radio groups.

use leptos::prelude::*;

use crate::model::declaration::{CreationType, Scope};
use crate::model::field::FieldId;
use crate::model::validate::scope_implied;
use crate::ui::fields::{described_by, has_error, hint_id, invalid, FieldMessages};
use crate::ui::state::FormState;

#[component]
pub fn TypeScopeSection(state: FormState) -> impl IntoView {
    let creation_type = state.select(|d| d.creation_type);
    let scope = state.select(|d| d.scope);
    let implied = state.select(scope_implied);
    let type_problems = state.shown_problems(FieldId::CreationType);
    let scope_problems = state.shown_problems(FieldId::Scope);

    let type_options = CreationType::ALL
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            let id = radio_id(FieldId::CreationType, i, choice.slug());
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name="creation-type"
                        value=choice.slug()
                        aria-invalid=invalid(type_problems)
                        aria-describedby=described_by(FieldId::CreationType, false)
                        prop:checked=move || creation_type.get() == Some(choice)
                        on:change=move |_| state.edit(|d| d.creation_type = Some(choice))
                        on:blur=move |_| state.touch(FieldId::CreationType)
                    />
                    <label for=id>{choice.label()}</label>
                </div>
            }
        })
        .collect_view();

    let scope_options = Scope::ALL
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            let id = radio_id(FieldId::Scope, i, choice.slug());
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name="scope"
                        value=choice.slug()
                        aria-invalid=invalid(scope_problems)
                        aria-describedby=described_by(FieldId::Scope, true)
                        prop:checked=move || scope.get() == Some(choice)
                        on:change=move |_| state.edit(|d| d.scope = Some(choice))
                        on:blur=move |_| state.touch(FieldId::Scope)
                    />
                    <label for=id>{choice.label()}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <section class="form-section" aria-labelledby="section-type-scope">
            <h2 id="section-type-scope">"二、创建类型与范围"</h2>
            <fieldset
                class="field radio-group"
                class:field-invalid=has_error(type_problems)
            >
                <legend class="field-label">{FieldId::CreationType.label()}</legend>
                <FieldMessages field=FieldId::CreationType problems=type_problems />
                <div class="radios-inline">{type_options}</div>
            </fieldset>
            <fieldset
                class="field radio-group"
                class:field-invalid=has_error(scope_problems)
            >
                <legend class="field-label">{FieldId::Scope.label()}</legend>
                <p class="field-hint" id=hint_id(FieldId::Scope)>
                    "县域内部：乡镇均在本县（市、区）；跨县域：分属杭州市两个及以上县（市、区）；跨市域：含杭州市以外的乡镇。"
                    {move || {
                        implied
                            .get()
                            .map(|s| format!("按已选乡镇，应为“{}”。", s.label()))
                    }}
                </p>
                <FieldMessages field=FieldId::Scope problems=scope_problems />
                <div class="radios-inline">{scope_options}</div>
            </fieldset>
        </section>
    }
}

/// The first radio of a group carries the field's id, so problem links focus it.
fn radio_id(field: FieldId, index: usize, slug: &str) -> String {
    if index == 0 {
        field.dom_id()
    } else {
        format!("{}-{slug}", field.dom_id())
    }
}
