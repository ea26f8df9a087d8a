//! A Word file (.docx) among the files received: marked "Word 文件（未签名）", never styled or
//! counted as a verified file; what it was read to (申报单位, 集群名称), the import's report and
//! the declaration to read. It is not handed over to the county page (only a signed file is, as
//! `model::handover` checks): that page imports Word files itself.

use leptos::prelude::*;

use crate::model::declaration::county_display;
use crate::model::office::docx_read::WordImport;
use crate::model::summary::WORD_SOURCE;
use crate::ui::common::review::ReviewPanel;
use crate::ui::common::toggle::ToggleButton;
use crate::ui::common::word_report::ImportReportView;

/// What a Word file's card says of what it is.
const UNSIGNED_NOTE: &str = "Word 文件没有签名，不能核验内容是否完整、是否被改动、由谁报送。以下是从中读出的内容，请与盖章的纸质申报表核对；它列入汇总表时标为“Word 文件（未签名）”，不计入有效文件。";

#[component]
pub(super) fn WordCard(
    id: u64,
    name: String,
    import: WordImport,
    title_id: String,
) -> impl IntoView {
    let labelled_by = title_id.clone();
    let show_report = RwSignal::new(false);
    let show_review = RwSignal::new(false);
    let report_id = format!("result-{id}-import");
    let report_prefix = report_id.clone();
    let review_id = format!("result-{id}-review");
    let WordImport {
        declaration,
        report,
    } = import;
    let summary = report.summary();
    let declaration = StoredValue::new(declaration);
    let (applicant, cluster) = declaration.with_value(|d| {
        let applicant = if d.applicant.is_empty() {
            "（未填写）".to_string()
        } else {
            county_display(&d.applicant)
        };
        (applicant, d.cluster_name.clone())
    });
    view! {
        <article class="result result-word" aria-labelledby=labelled_by>
            <h3 id=title_id class="result-title">
                <span class="result-badge">{WORD_SOURCE}</span>
                <span class="result-file">{name}</span>
            </h3>
            <p class="result-reason">{UNSIGNED_NOTE}</p>
            <dl class="facts">
                <dt>"申报单位"</dt>
                <dd>{applicant}</dd>
                <dt>"集群名称"</dt>
                <dd>{cluster}</dd>
                <dt>"导入结果"</dt>
                <dd>{summary}</dd>
            </dl>
            <div class="result-actions">
                <ToggleButton
                    open=show_report
                    controls=report_id.clone()
                    shown="收起导入结果"
                    hidden="查看导入结果"
                />
                <ToggleButton
                    open=show_review
                    controls=review_id.clone()
                    shown="收起申报内容"
                    hidden="查看申报内容"
                />
            </div>
            <p class="field-hint">"要据此修改、打印或签名，请在“填写申报表”页面的“我的草稿”中选择“从 Word 文件导入”。"</p>
            <div id=report_id.clone() class="import-report-card" hidden=move || !show_report.get()>
                <ImportReportView report id_prefix=report_prefix />
            </div>
            <ReviewPanel
                open=show_review
                id=review_id
                note="以下为从 Word 文件中读出的申报内容（只读，未签名）。"
                declaration=Signal::derive(move || declaration.get_value())
                id_prefix=format!("result-{id}")
            />
        </article>
    }
}
