//! The error summary ("请修改以下问题"), one link per problem, and the result of a check.

use leptos::prelude::*;

use crate::browser;
use crate::model::validate::{Problem, Report, Severity};
use crate::ui::state::FormState;

pub const SUMMARY_ID: &str = "error-summary";
pub const SUCCESS_ID: &str = "check-success";

fn problem_links(problems: Vec<Problem>) -> impl IntoView {
    problems
        .into_iter()
        .map(|p| {
            let target = p.field.dom_id();
            let href = format!("#{target}");
            view! {
                <li>
                    <a
                        href=href
                        on:click=move |ev| {
                            if browser::focus_element(&target) {
                                ev.prevent_default();
                            }
                        }
                    >
                        {p.message}
                    </a>
                </li>
            }
        })
        .collect_view()
}

/// Shown once the user has asked to check: the errors, or that all is well (with warnings).
#[component]
pub fn CheckResult(state: FormState) -> impl IntoView {
    let problems = Memo::new(move |_| state.report.with(|r| r.problems.clone()));
    move || {
        if !state.checked.get() {
            return None;
        }
        let all = problems.get();
        let errors = Report::distinct(&all, Severity::Error);
        let warnings = Report::distinct(&all, Severity::Warning);
        let warning_block = (!warnings.is_empty()).then(|| {
            view! {
                <div class="warning-summary">
                    <h3>"请注意（不影响打印和签名）"</h3>
                    <ul>{problem_links(warnings)}</ul>
                </div>
            }
        });
        Some(if errors.is_empty() {
            view! {
                <div id=SUCCESS_ID class="success-summary" role="status" tabindex="-1">
                    <h2>"检查通过"</h2>
                    <p>"申报表各项均已按要求填写。"</p>
                    {warning_block}
                </div>
            }
            .into_any()
        } else {
            let count = errors.len();
            view! {
                <div
                    id=SUMMARY_ID
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby="error-summary-title"
                >
                    <h2 id="error-summary-title">"请修改以下问题"</h2>
                    <p>{format!("共 {count} 处。点击问题可跳到对应的填写项。")}</p>
                    <ul>{problem_links(errors)}</ul>
                    {warning_block}
                </div>
            }
            .into_any()
        })
    }
}
