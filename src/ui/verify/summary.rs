//! 汇总表 of the files opened in the verify view: exported as Excel or CSV (the same columns and
//! rows as `meizhen summary`), or printed as an A4 landscape table. Signers come from the known
//! keys, attachment checks from the attachment files provided.

use leptos::prelude::*;

use super::checked::{Outcome, Page};
use super::known_keys::KnownKeysState;
use crate::browser::{files, office, system};
use crate::model::declaration::Declaration;
use crate::model::display::beijing_date;
use crate::model::error::UserError;
use crate::model::office::job::OfficeJob;
use crate::model::sort;
use crate::model::summary::{self, examine, Column, Examined, InvalidFile, Row, WordFile};

/// The files as the summary needs them, in the order they were chosen.
pub(super) struct Collected {
    valid: Vec<Examined>,
    /// Word files read back: their names and declarations.
    word: Vec<(String, Declaration)>,
    pub(super) invalid: Vec<InvalidFile>,
}

impl Collected {
    pub(super) fn of(page: Page, known: KnownKeysState) -> Collected {
        let mut results = page.results.get();
        sort::sort_by_key(&mut results, |c| c.id);
        let present = page.present.get();
        let mut valid = Vec::new();
        let mut word = Vec::new();
        let mut invalid = Vec::new();
        for checked in results {
            match checked.outcome {
                Outcome::Word(import) => word.push((checked.name, import.declaration)),
                Outcome::Valid(verified) => valid.push(
                    known
                        .keys
                        .with(|keys| examine(checked.name, *verified, &present, keys)),
                ),
                Outcome::Invalid(failure) => invalid.push(InvalidFile {
                    file_name: checked.name,
                    reason: failure.verdict().to_string(),
                }),
            }
        }
        Collected {
            valid,
            word,
            invalid,
        }
    }

    /// The 汇总表's rows: the valid files, then the Word files.
    pub(super) fn rows(&self) -> Vec<Row<'_>> {
        self.valid
            .iter()
            .map(Examined::as_row)
            .chain(self.word.iter().map(|(file_name, declaration)| {
                Row::Word(WordFile {
                    file_name,
                    declaration,
                })
            }))
            .collect()
    }
}

#[component]
pub fn SummaryExport(
    page: Page,
    known: KnownKeysState,
    /// The page is being printed: without the preview open, the 汇总表 is put there for the
    /// printer alone (Ctrl+P prints it, not the screen).
    printing: ReadSignal<bool>,
) -> impl IntoView {
    let error = RwSignal::new(None::<(String, String)>);
    let previewing = RwSignal::new(false);
    let has_files = Memo::new(move |_| page.results.with(|r| !r.is_empty()));
    let download = move |name: String, bytes: Result<Vec<u8>, (String, String)>, media: &str| {
        let result = bytes.and_then(|bytes| {
            files::download(&name, &bytes, media)
                .map_err(|e| ("浏览器未能下载文件，请重试。".to_string(), e))
        });
        error.set(result.err());
    };
    let writing = RwSignal::new(false);
    // What the workbook's writer noted (cells cut to fit, cells left empty).
    let notes = RwSignal::new(Vec::<String>::new());
    let export_xlsx = move |_| {
        let collected = Collected::of(page, known);
        let today = beijing_date(system::now());
        let job = OfficeJob::Workbook {
            tables: summary::tables(&collected.rows(), &collected.invalid, today),
        };
        writing.set(true);
        leptos::task::spawn_local(async move {
            let written = office::write(&job)
                .await
                .map_err(|e| (e.message(), e.technical().unwrap_or_default()));
            writing.set(false);
            notes.set(
                written
                    .as_ref()
                    .map(|w| w.notes.clone())
                    .unwrap_or_default(),
            );
            let bytes = written.map(|w| w.bytes);
            download(summary::file_name(today, "xlsx"), bytes, job.media_type());
        });
    };
    let export_csv = move |_| {
        let collected = Collected::of(page, known);
        let today = beijing_date(system::now());
        let csv = summary::csv(&collected.rows());
        download(
            summary::file_name(today, "csv"),
            Ok(csv.into_bytes()),
            "text/csv;charset=utf-8",
        );
    };
    view! {
        <Show when=move || has_files.get()>
            <section class="summary-export" aria-labelledby="summary-export-title">
                <h2 id="summary-export-title">"汇总表"</h2>
                <p class="field-hint">
                    "把上面的核验结果汇总为一张表：有效的文件每份一行，含申报表的全部填写项、签名单位（取自已登记的密钥）、附件核对、签名时间和内容摘要；Word 文件也各占一行，“来源”列标明“Word 文件（未签名）”，不计入有效文件。Excel 中另有“报送情况”“加分评审”两张表；无效的文件另列一表并注明原因。"
                </p>
                <div class="result-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        disabled=move || writing.get()
                        on:click=export_xlsx
                    >
                        {move || {
                            if writing.get() { "正在生成 Excel……" } else { "导出汇总表（Excel）" }
                        }}
                    </button>
                    <button type="button" class="button button-secondary" on:click=export_csv>
                        "导出汇总表（CSV）"
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-expanded=move || previewing.get().to_string()
                        on:click=move |_| previewing.set(true)
                    >
                        "打印汇总表"
                    </button>
                </div>
                <WriterNotes notes />
                {move || {
                    error
                        .get()
                        .map(|(message, detail)| {
                            view! { <crate::ui::tech_details::ErrorWithDetails message detail /> }
                        })
                }}
            </section>
            <Show
                when=move || previewing.get()
                fallback=move || {
                    printing
                        .get()
                        .then(|| {
                            view! {
                                <div class="summary-preview print-only">
                                    <SummaryTable page known />
                                </div>
                            }
                        })
                }
            >
                <SummarySheet page known previewing />
            </Show>
        </Show>
    }
}

/// What the workbook's writer noted about the last export, if anything.
#[component]
fn WriterNotes(notes: RwSignal<Vec<String>>) -> impl IntoView {
    move || {
        let notes = notes.get();
        (!notes.is_empty()).then(|| {
            let items = notes
                .into_iter()
                .map(|n| view! { <li>{n}</li> })
                .collect_view();
            view! {
                <div class="banner banner-warning" role="status">
                    <p>"Excel 汇总表已导出，请注意："</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// The 汇总表's preview: a toolbar (never printed) and the A4 landscape table.
#[component]
fn SummarySheet(page: Page, known: KnownKeysState, previewing: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="summary-preview">
            <div class="print-toolbar">
                <p class="field-hint">
                    "A4 横向；打印时页面的菜单、按钮和提示不会打印。完整的各项内容见导出的 Excel 汇总表。"
                </p>
                <div class="inline-row">
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| crate::browser::dom::print()
                    >
                        "打印"
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| previewing.set(false)
                    >
                        "关闭预览"
                    </button>
                </div>
            </div>
            <SummaryTable page known />
        </div>
    }
}

/// The printable 汇总表 of the opened files: an A4 landscape table.
#[component]
fn SummaryTable(page: Page, known: KnownKeysState) -> impl IntoView {
    let body = move || {
        let header = summary::print_columns()
            .into_iter()
            .map(|c| view! { <th scope="col">{c.label()}</th> })
            .collect_view();
        let collected = Collected::of(page, known);
        let rows = collected.rows();
        let title = summary::title(beijing_date(system::now()));
        let lines = rows
            .iter()
            .enumerate()
            .map(|(i, file)| {
                let cells = summary::print_columns()
                    .into_iter()
                    .map(|c: Column| view! { <td>{c.cell(file)}</td> })
                    .collect_view();
                view! {
                    <tr>
                        <td>{(i + 1).to_string()}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let invalid = (!collected.invalid.is_empty()).then(|| {
            let lines = collected
                .invalid
                .iter()
                .map(|f| {
                    view! {
                        <tr>
                            <td>{f.file_name.clone()}</td>
                            <td>{f.reason.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="summary-table summary-invalid">
                    <caption>{format!("无效文件 {} 份", collected.invalid.len())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{summary::INVALID_HEADER[0]}</th>
                            <th scope="col">{summary::INVALID_HEADER[1]}</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            }
        });
        view! {
            <h2 class="summary-title">{title}</h2>
            <p class="summary-count">
                {format!("{}，无效文件 {} 份。", summary::count_line(&rows), collected.invalid.len())}
            </p>
            <table class="summary-table">
                <thead>
                    <tr>
                        <th scope="col">"序号"</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
            {invalid}
        }
    };
    view! { <article class="summary-sheet" aria-label="打印预览：汇总表">{body}</article> }
}
