//! Section 一：集群名称、申报单位、关联乡镇（街道）.

use leptos::prelude::*;

use crate::model::declaration::default_office_name;
use crate::model::divisions::divisions;
use crate::model::field::FieldId;
use crate::model::validate::limits;
use crate::ui::fields::{described_by, invalid, FieldFrame, LineField};
use crate::ui::state::FormState;
use crate::ui::town_picker::TownPicker;

#[component]
pub fn ClusterSection(state: FormState) -> impl IntoView {
    view! {
        <section class="form-section" aria-labelledby="section-cluster">
            <h2 id="section-cluster">"一、集群基本信息"</h2>
            <LineField
                state
                field=FieldId::ClusterName
                hint=format!("如“××美镇圈”“××美镇带”；{}", limits::in_words(limits::CLUSTER_NAME))
            />
            <ApplicantField state />
            <LineField
                state
                field=FieldId::ApplicantOffice
                hint=format!(
                    "打印在申报表“申报单位”一栏。留空时印为“××区（县、市）美镇办”；如公章上的名称不同，请照公章填写全称（{}）",
                    limits::in_words(limits::UNIT)
                )
                placeholder=Signal::derive(move || {
                    state
                        .declaration
                        .with(|d| d.applicant_name().map(default_office_name))
                        .unwrap_or_else(|| "如：富阳区美镇办".to_string())
                })
            />
            <TownPicker state />
        </section>
    }
}

/// 申报单位: one of Hangzhou's 13 county-level units.
#[component]
fn ApplicantField(state: FormState) -> impl IntoView {
    let field = FieldId::Applicant;
    let value = state.select(|d| d.applicant.clone());
    let problems = state.shown_problems(field);
    let options = divisions()
        .hangzhou_counties()
        .into_iter()
        .map(|county| {
            let code = county.code;
            view! {
                <option value=code selected=move || value.with(|v| v == code)>
                    {county.name}
                </option>
            }
        })
        .collect_view();
    view! {
        <FieldFrame field problems hint=Some("填写本申报表的县（市、区）美镇办".into())>
            <select
                id=field.dom_id()
                name=field.dom_id()
                class="select"
                aria-required="true"
                aria-invalid=invalid(problems)
                aria-describedby=described_by(field, true)
                prop:value=move || value.get()
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    state.edit(|d| d.applicant = code);
                }
                on:blur=move |_| state.touch(field)
            >
                <option value="" selected=move || value.with(|v| v.is_empty())>
                    "请选择县（市、区）"
                </option>
                {options}
            </select>
        </FieldFrame>
    }
}
