//! Section 五：阶段性成果、主要内容简介, and the date beside the seal.

use leptos::prelude::*;

use crate::model::field::FieldId;
use crate::model::validate::limits;
use crate::ui::fields::{BlockField, LineField, LineKind};
use crate::ui::state::FormState;

/// The hint printed under 主要内容简介 on the paper form.
pub const SUMMARY_HINT: &str = "（包含开展集群化建设的必要性分析、已有基础或成果，存在的问题，主要措施，进度计划和远景展望等。具体方案可另附。）";

#[component]
pub fn ContentSection(state: FormState) -> impl IntoView {
    view! {
        <section class="form-section" aria-labelledby="section-content">
            <h2 id="section-content">"五、阶段性成果与主要内容"</h2>
            <BlockField
                state
                field=FieldId::StageResults
                hint=format!("写明 2021 年内计划完成的阶段性成果，不超过 {} 字", limits::STAGE_RESULTS)
                limit=limits::STAGE_RESULTS
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
                hint="打印后在“申报单位（盖章）”旁填写的日期；可留空，盖章时手写"
            />
        </section>
    }
}
