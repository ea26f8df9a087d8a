//! What the page says about saving: the quiet status line and the banners for faults,
//! conflicts with other tabs, recovered entries and one-off notices.

use leptos::prelude::*;

use crate::ui::drafts::session::{Conflict, DraftSession, SaveStatus};

/// "已自动保存 14:03:21" and the like, announced politely.
#[component]
pub fn SaveStatusLine(session: DraftSession) -> impl IntoView {
    view! {
        <p
            class="save-status"
            class:save-status-failed=move || {
                matches!(session.status.get(), SaveStatus::Failed(_) | SaveStatus::MemoryOnly)
            }
            role="status"
            aria-live="polite"
            id="save-status"
        >
            {move || session.status.get().text()}
        </p>
    }
}

/// Every banner that needs the user's attention, most urgent first.
#[component]
pub fn DraftBanners(session: DraftSession) -> impl IntoView {
    let backup_button = move |label: &'static str| {
        view! {
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| session.export_backup(None)
            >
                {label}
            </button>
        }
    };
    view! {
        {move || {
            session
                .unavailable
                .get()
                .map(|message| {
                    view! {
                        <div class="banner banner-error" role="alert">
                            <h2>"草稿无法保存在浏览器中"</h2>
                            <p>{message}</p>
                            <p>"本页面仍可正常填写，但关闭页面后内容会丢失。"</p>
                            {backup_button("导出备份文件")}
                        </div>
                    }
                })
        }}
        {move || {
            session
                .quota_full
                .get()
                .then(|| {
                    view! {
                        <div class="banner banner-error" role="alert">
                            <h2>"存储空间已满，最新修改未能保存"</h2>
                            <p>
                                "之前保存的版本仍在。请到“我的草稿”删除不再需要的草稿，或先导出备份文件。本页面中的内容不会丢失；腾出空间后，再次修改或离开页面时会自动保存。"
                            </p>
                            {backup_button("导出备份文件")}
                        </div>
                    }
                })
        }}
        {move || session.conflict.get().map(|conflict| view! { <ConflictBanner session conflict /> })}
        {move || {
            let recovered = session.recovered.get();
            (!recovered.is_empty())
                .then(|| {
                    let items = recovered
                        .into_iter()
                        .map(|entry| {
                            let key = entry.recovery_key.clone();
                            let text = entry.description.clone();
                            view! {
                                <li>
                                    {text}
                                    {key.map(|key| view! { " " <RecoveryActions session key /> })}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="banner banner-warning" role="alert">
                            <h2>"有保存的内容无法读取"</h2>
                            <p>
                                "以下内容已原样移到恢复区，其他草稿不受影响。可下载原始内容交技术人员处理。"
                            </p>
                            <ul>{items}</ul>
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| session.dismiss_recovered()
                            >
                                "知道了"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            session
                .notice
                .get()
                .map(|notice| {
                    let undo = notice.undo.clone();
                    view! {
                        <div class="banner banner-info" role="status">
                            <p>
                                {notice.text}
                                {undo
                                    .map(|deleted| {
                                        view! {
                                            " "
                                            <button
                                                type="button"
                                                class="link-button"
                                                on:click=move |_| session.undo_delete(&deleted)
                                            >
                                                "撤销"
                                            </button>
                                        }
                                    })}
                                " "
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-label="关闭提示"
                                    on:click=move |_| session.dismiss_notice()
                                >
                                    "关闭"
                                </button>
                            </p>
                        </div>
                    }
                })
        }}
    }
}

/// "下载原始内容" and "删除" for an entry of the recovery area.
#[component]
pub fn RecoveryActions(session: DraftSession, key: String) -> impl IntoView {
    let discard = key.clone();
    view! {
        <button type="button" class="link-button" on:click=move |_| session.download_recovery(&key)>
            "下载原始内容"
        </button>
        " "
        <button type="button" class="link-button" on:click=move |_| session.discard_recovery(&discard)>
            "删除"
        </button>
    }
}

#[component]
fn ConflictBanner(session: DraftSession, conflict: Conflict) -> impl IntoView {
    match conflict {
        Conflict::ChangedElsewhere { .. } => view! {
            <div class="banner banner-error" role="alert" id="conflict-banner">
                <h2>"此草稿已在另一个窗口中修改"</h2>
                <p>
                    "另一个浏览器窗口（或标签页）保存了更新的内容，本窗口尚有未保存的修改。为免覆盖，自动保存已暂停。请选择："
                </p>
                <div class="banner-actions">
                    <button type="button" class="button button-secondary" on:click=move |_| session.take_theirs()>
                        "载入另一窗口的版本（放弃本窗口的修改）"
                    </button>
                    <button type="button" class="button button-secondary" on:click=move |_| session.keep_mine_as_copy()>
                        "把本窗口的内容另存为新草稿"
                    </button>
                    <button type="button" class="button button-secondary" on:click=move |_| session.keep_mine()>
                        "用本窗口的内容覆盖"
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Conflict::Gone { message } => view! {
            <div class="banner banner-error" role="alert" id="conflict-banner">
                <h2>"草稿已不在浏览器的存储中"</h2>
                <p>{message}</p>
                <div class="banner-actions">
                    <button type="button" class="button button-secondary" on:click=move |_| session.keep_mine()>
                        "重新保存本窗口的内容"
                    </button>
                    <button type="button" class="button button-secondary" on:click=move |_| session.export_backup(None)>
                        "导出备份文件"
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Conflict::Newer { message } => view! {
            <div class="banner banner-error" role="alert" id="conflict-banner">
                <h2>"此草稿已由较新版本的页面保存"</h2>
                <p>{message}</p>
            </div>
        }
        .into_any(),
    }
}
