//! The county's page (index.html): 填写申报表, 我的草稿, 签名导出 and 打印 of the open draft; the
//! menu leads to the city office's page for 核验申报文件.

use leptos::prelude::*;

use super::chrome::{watch_for_updates, watch_printing, Audience, Frame, MenuEntry, UpdateBanner};
use super::drafts::banners::{DraftBanners, SaveStatusLine};
use super::drafts::page::DraftsPage;
use super::drafts::session::DraftSession;
use super::error_summary::{CheckResult, SUCCESS_ID, SUMMARY_ID};
use super::lifecycle::once_started;
use super::navigation::View;
use super::sections::cluster::ClusterSection;
use super::sections::content::ContentSection;
use super::sections::milestones::MilestonesSection;
use super::sections::people::PeopleSection;
use super::sections::type_scope::TypeScopeSection;
use super::state::FormState;
use super::{office, print, signing};
use crate::browser;
use crate::browser::pages::{self, Page};
use crate::model::declaration::Declaration;
use crate::model::validate::Report;

const TITLE: &str = "杭州市美丽城镇集群化建设申报表 · 美镇申报";

#[component]
pub fn CountyApp() -> impl IntoView {
    let state = FormState::new(Declaration::default());
    let view = RwSignal::new(View::Form);
    let session = DraftSession::new(state);
    let show_form = Callback::new(move |()| view.set(View::Form));
    let signing = signing::SigningState::new();
    // The outside world once the first view is on the page (the same view as the HTML the
    // build wrote): storage, the signing key, and a signed file verified on the city office's
    // page and opened there as a new draft.
    once_started(move || {
        session.start();
        signing.start();
        if let Some(text) = pages::take_handoff() {
            session.open_handover(text);
        }
        // What the user typed into the form the build wrote, before the app had started: into
        // the draft just opened, as if typed now.
        browser::prerendered::release_held();
        browser::prerendered::replay_typed();
    });
    // What 打印 shows: the open draft, bound to its signed file when the form holds exactly
    // what its last signed export held (the session keeps that copy beside the draft).
    let print_binding = session.binding_of(state.declaration);
    let print_source = Signal::derive(move || {
        if print_binding.with(Option::is_some) {
            "当前草稿（与导出的签名申报文件一致）".to_string()
        } else {
            "当前草稿".to_string()
        }
    });
    let errors_shown =
        Memo::new(move |_| state.checked.get() && !state.report.with(Report::is_clean));
    // Printed from 填写申报表, 我的草稿 or 签名导出: the same sheet as 打印, with its 草稿 rule.
    let printing = watch_printing();
    let print_draft = Signal::derive(move || state.report.with(|r| !r.is_clean()));
    Effect::new(move |_| {
        if errors_shown.get() {
            browser::set_title(&format!("错误：{TITLE}"));
        } else {
            browser::set_title(TITLE);
        }
    });
    let mut menu: Vec<MenuEntry> = View::ALL
        .into_iter()
        .map(|v| MenuEntry::View {
            label: v.label(),
            current: Signal::derive(move || view.get() == v),
            show: Callback::new(move |()| view.set(v)),
        })
        .collect();
    menu.push(MenuEntry::Page {
        label: "核验申报文件",
        page: Page::City,
    });
    let update_ready = watch_for_updates();
    let update_note = Signal::derive(move || {
        if session.unavailable.get().is_none() {
            "（填写的内容已自动保存，刷新后仍在）"
        } else {
            "（浏览器不能保存草稿：刷新前请先导出备份文件）"
        }
    });
    let before_refresh = Callback::new(move |()| {
        session.flush();
        session.unavailable.get_untracked().is_none()
            || browser::dom::confirm(
                "浏览器不允许本页面保存草稿，刷新后未导出的内容会丢失。确定现在刷新吗？",
            )
    });

    view! {
        <Frame menu audience=Audience::County>
            <UpdateBanner ready=update_ready note=update_note before_refresh />
            <signing::key_panel::KeyPolicyBanner signing />
            <DraftBanners session />
            {move || match view.get() {
                View::Form => view! { <FormPage state session view /> }.into_any(),
                View::Drafts => view! { <DraftsPage session on_open=show_form /> }.into_any(),
                View::Export => {
                    view! { <signing::export::ExportPage state signing session view /> }.into_any()
                }
                View::Print => {
                    view! {
                        <print::PrintPage
                            declaration=state.declaration
                            binding=print_binding
                            source=print_source
                            on_fix=show_form
                        />
                    }
                        .into_any()
                }
            }}
            {move || {
                (printing.get() && view.get() != View::Print)
                    .then(|| {
                        view! {
                            <print::PrintCopy
                                declaration=state.declaration
                                binding=print_binding
                                draft=print_draft
                            />
                        }
                    })
            }}
        </Frame>
    }
}

/// 填写申报表: the whole form with its check.
#[component]
fn FormPage(state: FormState, session: DraftSession, view: RwSignal<View>) -> impl IntoView {
    let open_name = session.open_name();
    view! {
        <super::drafts::word_import::ImportReportPanel session />
        <CheckResult state />
        <div class="form-meta">
            <p class="draft-name-line">"当前草稿：" <strong>{move || open_name.get()}</strong></p>
            <SaveStatusLine session />
        </div>
        <p class="required-note">"除注明“选填”的以外，各项均为必填。"</p>
        <form class="declaration-form" novalidate on:submit=move |ev| ev.prevent_default()>
            <ClusterSection state />
            <TypeScopeSection state />
            <PeopleSection state />
            <MilestonesSection state />
            <ContentSection state />
            <signing::attachments::AttachmentsSection state />
            <CheckActions state session view />
        </form>
    }
}

/// The check button and a one-line account of what is left.
#[component]
fn CheckActions(state: FormState, session: DraftSession, view: RwSignal<View>) -> impl IntoView {
    // 导出 Word of the open draft, bound to its signed file when it is exactly what was signed.
    let binding = session.binding_of(state.declaration);
    let error_count = Memo::new(move |_| state.report.with(Report::error_count));
    let check = move |_| {
        state.checked.set(true);
        let clean = state.report.with_untracked(Report::is_clean);
        // Focus once the summary is on the page.
        request_animation_frame(move || {
            browser::focus_element(if clean { SUCCESS_ID } else { SUMMARY_ID });
        });
    };
    view! {
        <div class="form-actions">
            <button
                type="button"
                class="button button-primary"
                on:click=check
            >
                "检查填写内容"
            </button>
            <signing::export::ExportButton state view />
            <office::WordButton declaration=state.declaration binding />
            <p class="form-status">
                {move || {
                    if !state.checked.get() {
                        "检查会列出所有需要修改的地方。".to_string()
                    } else {
                        match error_count.get() {
                            0 => "没有需要修改的问题。".to_string(),
                            n => format!("还有 {n} 处需要修改。"),
                        }
                    }
                }}
            </p>
        </div>
    }
}
