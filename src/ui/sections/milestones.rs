//! Section 四：the four milestone dates.

use leptos::prelude::*;

use crate::model::declaration::Milestone;
use crate::model::field::FieldId;
use crate::ui::fields::{LineField, LineKind};
use crate::ui::state::FormState;

#[component]
pub fn MilestonesSection(state: FormState) -> impl IntoView {
    let fields = Milestone::ALL
        .into_iter()
        .map(|m| {
            let hint = match m {
                Milestone::TaskForce => "已成立的填成立日期，未成立的填计划日期；可写到日或到月",
                _ => "计划完成或实际完成的时间，可写到日（2021年6月30日）或到月（2021年6月）",
            };
            view! { <LineField state field=FieldId::Milestone(m) kind=LineKind::Date hint=hint /> }
        })
        .collect_view();
    view! {
        <section class="form-section" aria-labelledby="section-milestones">
            <h2 id="section-milestones">"四、时间安排"</h2>
            <div class="two-columns dates">{fields}</div>
        </section>
    }
}
