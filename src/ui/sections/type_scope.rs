//! Section 二：创建类型、创建范围, as radio groups.

use leptos::prelude::*;

use crate::model::declaration::{CreationType, Declaration, Scope};
use crate::model::field::FieldId;
use crate::model::validate::scope_implied;
use crate::ui::fields::{described_by, has_error, hint_id, invalid, FieldMessages};
use crate::ui::state::FormState;

#[component]
pub fn TypeScopeSection(state: FormState) -> impl IntoView {
    let implied = state.select(scope_implied);
    let scope_hint = Signal::derive(move || {
        let mut hint = "县域内部：乡镇均在本县（市、区）；跨县域：分属杭州市两个及以上县（市、区）；跨市域：含杭州市以外的乡镇。".to_string();
        if let Some(s) = implied.get() {
            hint.push_str(&format!("按已选乡镇，应为“{}”。", s.label()));
        }
        hint
    });
    view! {
        <section class="form-section" aria-labelledby="section-type-scope">
            <h2 id="section-type-scope">"二、创建类型与范围"</h2>
            <RadioGroup
                state
                field=FieldId::CreationType
                name="creation-type"
                choices=CreationType::ALL.map(|c| (c, c.slug(), c.label())).to_vec()
                selected=state.select(|d| d.creation_type)
                choose=|d: &mut Declaration, c| d.creation_type = Some(c)
            />
            <RadioGroup
                state
                field=FieldId::Scope
                name="scope"
                choices=Scope::ALL.map(|s| (s, s.slug(), s.label())).to_vec()
                selected=state.select(|d| d.scope)
                choose=|d: &mut Declaration, s| d.scope = Some(s)
                hint=scope_hint
            />
        </section>
    }
}

/// One choice of the paper form as a radio group: legend, hint, messages and one radio per
/// choice (value, slug for ids, label).
#[component]
fn RadioGroup<T>(
    state: FormState,
    field: FieldId,
    name: &'static str,
    choices: Vec<(T, &'static str, &'static str)>,
    selected: Memo<Option<T>>,
    choose: fn(&mut Declaration, T),
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let problems = state.shown_problems(field);
    let has_hint = hint.is_some();
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(i, (choice, slug, label))| {
            let id = radio_id(field, i, slug);
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name=name
                        value=slug
                        aria-invalid=invalid(problems)
                        aria-describedby=described_by(field, has_hint)
                        prop:checked=move || selected.get() == Some(choice)
                        on:change=move |_| state.edit(|d| choose(d, choice))
                        on:blur=move |_| state.touch(field)
                    />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field radio-group" class:field-invalid=has_error(problems)>
            <legend class="field-label">{field.label()}</legend>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id(field)>{move || h.get()}</p> })}
            <FieldMessages field problems />
            <div class="radios-inline">{radios}</div>
        </fieldset>
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
