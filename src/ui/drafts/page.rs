//! 我的草稿: the list of drafts with open, duplicate, rename, delete, backup/restore, and a new
//! draft from a Word file.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::browser;
use crate::model::backup::import::{ImportChoice, ImportPlan, RestoreOption};
use crate::model::backup::BACKUP_FILE;
use crate::model::display::beijing_time_display;
use crate::model::drafts::{DraftId, DraftSummary, ReadOnlyDraft};
use crate::model::error::UserError;
use crate::ui::common::picked::read_chosen;
use crate::ui::common::review::DeclarationReview;
use crate::ui::drafts::banners::RecoveryActions;
use crate::ui::drafts::session::DraftSession;
use crate::ui::drafts::word_import::WordImportControl;

#[component]
pub fn DraftsPage(session: DraftSession, on_open: Callback<()>) -> impl IntoView {
    let renaming = RwSignal::new(None::<DraftId>);
    let read_only = move || {
        let list = session.read_only.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|d| view! { <ReadOnlyDraftItem draft=d /> })
                .collect_view();
            view! {
                <section class="form-section" aria-labelledby="read-only-title">
                    <h2 id="read-only-title">"较新版本保存的草稿（只读）"</h2>
                    <ul class="plain-list">{items}</ul>
                </section>
            }
        })
    };
    let recovery = move || {
        let list = session.recovery.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|entry| {
                    view! {
                        <li>
                            {entry.description()}
                            " "
                            <RecoveryActions session key=entry.key.clone() />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="form-section" aria-labelledby="recovery-title">
                    <h2 id="recovery-title">"恢复区"</h2>
                    <p class="field-hint">"无法读取的保存内容原样存放在这里，不影响其他草稿。"</p>
                    <ul class="plain-list">{items}</ul>
                </section>
            }
        })
    };
    view! {
        <h2 class="page-title">"我的草稿"</h2>
        <p class="field-hint">
            "草稿只保存在本机的这个浏览器中。换电脑、清理浏览器数据之前，请先“导出全部草稿”保存为备份文件。"
        </p>
        <div class="toolbar">
            <button
                type="button"
                class="button button-primary"
                on:click=move |_| {
                    session.new_draft();
                    on_open.run(());
                }
            >
                "新建草稿"
            </button>
            <button type="button" class="button button-secondary" on:click=move |_| session.export_backup(None)>
                "导出全部草稿（备份文件）"
            </button>
            <RestoreControl session />
            <WordImportControl session on_open />
        </div>
        <table class="drafts-table">
            <caption class="visually-hidden">"草稿列表"</caption>
            <thead>
                <tr>
                    <th scope="col">"名称"</th>
                    <th scope="col">"申报单位"</th>
                    <th scope="col">"最后修改"</th>
                    <th scope="col">"完成情况"</th>
                    <th scope="col">"操作"</th>
                </tr>
            </thead>
            <tbody>
                // Keyed by what a row shows: a row is rebuilt only when its draft changed.
                <For
                    each=move || session.drafts.get()
                    key=|s| (s.id.clone(), s.revision, s.name.clone(), s.missing)
                    let:summary
                >
                    <DraftRow session summary renaming on_open />
                </For>
            </tbody>
        </table>
        {move || {
            session
                .drafts
                .with(Vec::is_empty)
                .then(|| view! { <p class="empty-list">"还没有保存的草稿。在“填写申报表”中输入内容即会自动保存。"</p> })
        }}
        {read_only}
        {recovery}
    }
}

/// A draft saved by a newer version: its message, and its content to read, never to edit.
#[component]
fn ReadOnlyDraftItem(draft: ReadOnlyDraft) -> impl IntoView {
    let shown = RwSignal::new(false);
    let review_id = format!("read-only-{}", draft.id);
    let content = draft.declaration.clone();
    view! {
        <li>
            <strong>{draft.name.clone()}</strong>
            "：" {draft.message()}
            {content
                .map(|declaration| {
                    let review_id = review_id.clone();
                    view! {
                        " "
                        <button
                            type="button"
                            class="link-button"
                            aria-expanded=move || shown.get().to_string()
                            aria-controls=review_id.clone()
                            on:click=move |_| shown.update(|s| *s = !*s)
                        >
                            {move || if shown.get() { "收起内容" } else { "查看内容（只读）" }}
                        </button>
                        <div id=review_id.clone() class="read-only-review" hidden=move || !shown.get()>
                            <DeclarationReview declaration id_prefix=review_id.clone() />
                        </div>
                    }
                })}
        </li>
    }
}

#[component]
fn DraftRow(
    session: DraftSession,
    summary: DraftSummary,
    renaming: RwSignal<Option<DraftId>>,
    on_open: Callback<()>,
) -> impl IntoView {
    // A `Copy` handle: every button below reads it, none needs its own clone.
    let id = StoredValue::new(summary.id.clone());
    let name = summary.name.clone();
    let question = format!("确定删除草稿“{name}”吗？删除后可在页面顶部的提示中撤销。");
    let is_open =
        Memo::new(move |_| id.with_value(|id| session.open_id.with(|open| open == id.as_str())));
    let editing = move || id.with_value(|id| renaming.with(|r| r.as_ref() == Some(id)));
    let input_id = move || id.with_value(|id| format!("rename-{id}"));
    let rename_value = RwSignal::new(summary.name.clone());
    let commit = move || {
        session.rename(&id.get_value(), &rename_value.get_untracked());
        renaming.set(None);
    };
    let name_cell = move || {
        if editing() {
            view! {
                <label class="visually-hidden" for=input_id()>"新名称"</label>
                <input
                    id=input_id()
                    class="input"
                    type="text"
                    prop:value=move || rename_value.get()
                    on:input=move |ev| rename_value.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        match ev.key().as_str() {
                            "Enter" => commit(),
                            "Escape" => renaming.set(None),
                            _ => {}
                        }
                    }
                />
                <button type="button" class="link-button" on:click=move |_| commit()>"保存名称"</button>
            }
            .into_any()
        } else {
            view! {
                <span class="draft-name">{name.clone()}</span>
                {is_open.get().then(|| view! { <span class="tag">"当前"</span> })}
            }
            .into_any()
        }
    };
    let shown = summary.name.as_str();
    view! {
        <tr class:current-draft=move || is_open.get()>
            <td>{name_cell}</td>
            <td>{summary.applicant_name.clone().unwrap_or_else(|| "未选择".into())}</td>
            <td>{beijing_time_display(summary.modified_at)}</td>
            <td class:complete=summary.missing == 0>{summary.completeness()}</td>
            <td class="row-actions">
                <button
                    type="button"
                    class="link-button"
                    aria-label=format!("打开草稿“{shown}”")
                    on:click=move |_| {
                        session.open_draft(&id.get_value());
                        on_open.run(());
                    }
                >
                    "打开"
                </button>
                <button
                    type="button"
                    class="link-button"
                    aria-label=format!("复制草稿“{shown}”")
                    on:click=move |_| session.duplicate(&id.get_value())
                >
                    "复制"
                </button>
                <button
                    type="button"
                    class="link-button"
                    aria-label=format!("重命名草稿“{shown}”")
                    on:click=move |_| {
                        renaming.set(Some(id.get_value()));
                        let input = input_id();
                        request_animation_frame(move || {
                            browser::focus_element(&input);
                        });
                    }
                >
                    "重命名"
                </button>
                <button
                    type="button"
                    class="link-button"
                    aria-label=format!("导出备份（草稿“{shown}”）")
                    on:click=move |_| session.export_backup(Some(vec![id.get_value()]))
                >
                    "导出备份"
                </button>
                <button
                    type="button"
                    class="link-button danger"
                    aria-label=format!("删除草稿“{shown}”")
                    on:click=move |_| {
                        if browser::dom::confirm(&question) {
                            session.delete(&id.get_value());
                        }
                    }
                >
                    "删除"
                </button>
            </td>
        </tr>
    }
}

/// "从备份文件恢复": choose a file, see what it would add, choose for each conflict, confirm.
#[component]
fn RestoreControl(session: DraftSession) -> impl IntoView {
    let plan = RwSignal::new(None::<ImportPlan>);
    let choices = RwSignal::new(BTreeMap::<DraftId, RestoreOption>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        read_chosen(&ev, BACKUP_FILE, move |_, read| {
            match read
                .map_err(|e| e.message())
                .and_then(|bytes| session.plan_restore(&bytes))
            {
                Ok(p) => {
                    message.set(None);
                    choices.set(
                        p.conflicts
                            .iter()
                            .map(|c| (c.incoming.id().clone(), RestoreOption::Keep))
                            .collect(),
                    );
                    plan.set(Some(p));
                }
                Err(why) => message.set(Some((false, why))),
            }
        });
    };
    let confirm = move |_| {
        let Some(p) = plan.get_untracked() else {
            return;
        };
        let chosen: BTreeMap<DraftId, ImportChoice> = choices
            .get_untracked()
            .into_iter()
            .map(|(id, option)| (id, option.choice(|| session.fresh_id())))
            .collect();
        match session.apply_restore(&p, &chosen) {
            Ok(text) => message.set(Some((true, text))),
            Err(text) => message.set(Some((false, text))),
        }
        plan.set(None);
    };
    let preview = move || {
        plan.get().map(|p| {
            let new_names: Vec<String> = p.new.iter().map(|d| d.display_name()).collect();
            let conflicts = p
                .conflicts
                .iter()
                .map(|c| {
                    let id = StoredValue::new(c.incoming.id().clone());
                    let group = id.with_value(|id| format!("restore-{id}"));
                    let option = |value: RestoreOption, disabled: bool| {
                        let input_id = format!("{group}-{}", value.slug());
                        let checked =
                            move || id.with_value(|id| choices.with(|c| c.get(id) == Some(&value)));
                        view! {
                            <div class="radio">
                                <input
                                    type="radio"
                                    id=input_id.clone()
                                    name=group.clone()
                                    disabled=disabled
                                    prop:checked=checked
                                    on:change=move |_| choices.update(|c| { c.insert(id.get_value(), value); })
                                />
                                <label for=input_id>{value.label()}</label>
                            </div>
                        }
                    };
                    view! {
                        <fieldset class="restore-conflict">
                            <legend>
                                {format!(
                                    "“{}”：本机已有同一草稿的不同版本（本机：{}；备份：{}）",
                                    c.incoming.display_name(),
                                    c.existing.modified_at.map(beijing_time_display).unwrap_or_default(),
                                    beijing_time_display(c.incoming.modified_at()),
                                )}
                            </legend>
                            {option(RestoreOption::Keep, false)}
                            {option(RestoreOption::Replace, c.existing.read_only)}
                            {option(RestoreOption::Copy, false)}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <div class="restore-preview" role="region" aria-labelledby="restore-title">
                    <h3 id="restore-title">"恢复前请确认"</h3>
                    <p>
                        {format!("将新增 {} 份草稿", new_names.len())}
                        {(!new_names.is_empty()).then(|| format!("：{}", new_names.join("、")))}
                        "。"
                        {(!p.identical.is_empty())
                            .then(|| format!("另有 {} 份与本机完全相同，无需恢复。", p.identical.len()))}
                    </p>
                    {conflicts}
                    <div class="banner-actions">
                        <button type="button" class="button button-primary" on:click=confirm>"确认恢复"</button>
                        <button type="button" class="button button-secondary" on:click=move |_| plan.set(None)>"取消"</button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <div class="restore">
            <input
                id="restore-file"
                class="file-input"
                type="file"
                accept=".json,application/json"
                on:change=on_file
            />
            <label class="button button-secondary file-button" for="restore-file">
                "从备份文件恢复…"
            </label>
        </div>
        {move || {
            message
                .get()
                .map(|(ok, text)| {
                    view! {
                        <p
                            class=if ok { "restore-message" } else { "restore-message error-message" }
                            role=if ok { "status" } else { "alert" }
                        >
                            {text}
                        </p>
                    }
                })
        }}
        {preview}
    }
}
