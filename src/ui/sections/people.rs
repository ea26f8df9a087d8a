//! Section 三：总协调人 and 具体联系人, each with 所在单位、职务、联系电话.

use leptos::prelude::*;

use crate::model::field::{FieldId, PersonField, Role};
use crate::model::phone::parse_phones;
use crate::model::validate::limits;
use crate::ui::fields::{LineField, LineKind};
use crate::ui::state::FormState;

#[component]
pub fn PeopleSection(state: FormState) -> impl IntoView {
    view! {
        <section class="form-section" aria-labelledby="section-people">
            <h2 id="section-people">"三、总协调人与具体联系人"</h2>
            <div class="two-columns">
                <PersonFieldset state role=Role::Coordinator />
                <PersonFieldset state role=Role::Contact />
            </div>
        </section>
    }
}

#[component]
fn PersonFieldset(state: FormState, role: Role) -> impl IntoView {
    let hint = match role {
        Role::Coordinator => "一般为县（市、区）分管领导",
        Role::Contact => "负责日常联络的工作人员",
    };
    let line = |l| FieldId::Person(role, l);
    view! {
        <fieldset class="person">
            <legend>{role.label()}</legend>
            <p class="fieldset-hint">
                {format!(
                    "{hint}。姓名、职务{}，单位{}",
                    limits::in_words(limits::PERSON_NAME),
                    limits::in_words(limits::UNIT)
                )}
            </p>
            <LineField state field=line(PersonField::Name) autocomplete="name" />
            <LineField state field=line(PersonField::Unit) autocomplete="organization" />
            <LineField state field=line(PersonField::Title) autocomplete="organization-title" />
            <LineField
                state
                field=line(PersonField::Phone)
                kind=LineKind::Tel
                autocomplete="tel"
                hint="一至两个号码，用“、”隔开：手机号码，或带区号的固定电话，可注明（办）（手机），如 0571-87654321（办）、13812345678；短号写在号码后，如 13912345678（短号 612345）"
                on_leave=|text| parse_phones(text).ok().map(|p| p.normalised())
            />
        </fieldset>
    }
}
