//! Section 五：阶段性成果、主要内容简介, and the date beside the seal.

use leptos::prelude::*;

use crate::model::field::FieldId;
use crate::model::paper::SUMMARY_HINT;
use crate::model::validate::limits;
use crate::ui::fields::{BlockField, LineField, LineKind};
use crate::ui::state::FormState;

#[component]
pub fn ContentSection(state: FormState) -> impl IntoView {
    view! {
        <section class="form-section" aria-labelledby="section-content">
            <h2 id="section-content">"五、阶段性成果与主要内容"</h2>
            <BlockField
                state
                field=FieldId::StageResults
                hint="写明 2021 年内计划完成的阶段性成果。通知未限定字数（超过 3000 字时页面会提醒精简）"
                limit=limits::STAGE_RESULTS
                guard=true
                rows=5
            />
            <BlockField
                state
                field=FieldId::Summary
                hint=SUMMARY_HINT
                limit=limits::SUMMARY
                rows=12
            />
            <LineField
                state
                field=FieldId::DeclaredOn
                kind=LineKind::Date
                hint="印在“申报单位（盖章）”旁的日期，如 2021年5月10日；可留空，盖章时手写"
            />
        </section>
    }
}
