//! The Leptos user interface: thin components over `FormState`; no rules live here.

mod drafts;
mod error_summary;
mod fields;
pub(crate) mod office;
mod print;
mod sections;
mod signing;
mod state;
mod tech_details;
mod town_picker;
mod verify;

use std::time::Duration;

use leptos::prelude::*;

use crate::browser;
use crate::model::declaration::Declaration;
use crate::model::paper::SignedCopy;
use crate::model::validate::Report;
use drafts::banners::{DraftBanners, SaveStatusLine};
use drafts::page::DraftsPage;
use drafts::session::DraftSession;
use error_summary::{CheckResult, SUCCESS_ID, SUMMARY_ID};
use sections::cluster::ClusterSection;
use sections::content::ContentSection;
use sections::milestones::MilestonesSection;
use sections::people::PeopleSection;
use sections::type_scope::TypeScopeSection;
use state::FormState;

const TITLE: &str = "杭州市美丽城镇集群化建设申报表 · 美镇申报";

/// The app's pages, one at a time, chosen in the main menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// 填写申报表: the form of the open draft.
    Form,
    /// 我的草稿: every draft, backups.
    Drafts,
    /// 签名导出: the check-answers page, the signing key, the signed download.
    Export,
    /// 打印: the paper form, A4, of the open draft or of a verified file.
    Print,
    /// 核验申报文件: verify signed files received from the counties.
    Verify,
}

impl View {
    /// In menu order.
    pub const ALL: [View; 5] = [
        View::Form,
        View::Drafts,
        View::Export,
        View::Print,
        View::Verify,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Form => "填写申报表",
            View::Drafts => "我的草稿",
            View::Export => "签名导出",
            View::Print => "打印",
            View::Verify => "核验申报文件",
        }
    }
}

/// The main menu.
/// The page shown, as components deeper down reach it (`expect_context::<Navigation>()`).
#[derive(Clone, Copy)]
pub struct Navigation(pub RwSignal<View>);

#[component]
fn MainMenu(view: RwSignal<View>, navigate: Callback<View>) -> impl IntoView {
    let items = View::ALL
        .into_iter()
        .map(|v| {
            view! {
                <li>
                    <button
                        type="button"
                        class="menu-item"
                        aria-current=move || (view.get() == v).then_some("page")
                        on:click=move |_| navigate.run(v)
                    >
                        {v.label()}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="main-menu" aria-label="主菜单">
            <ul>{items}</ul>
        </nav>
    }
}

/// Starts the app in the page.
pub fn start() {
    console_error_panic_hook::set_once();
    browser::remove_loading_placeholder();
    browser::events::track_pointer();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let state = FormState::new(Declaration::default());
    let view = RwSignal::new(View::Form);
    let session = DraftSession::start(state);
    let show_form = Callback::new(move |()| view.set(View::Form));
    let signing = signing::SigningState::load();
    provide_context(signing);
    provide_context(Navigation(view));
    // A verified signed file opened for editing becomes a new draft.
    let open_as_draft = Callback::new(move |declaration: Declaration| {
        session.open_as_new_draft(declaration);
        view.set(View::Form);
    });
    // What 打印 shows: a verified file chosen in the verify view, else the open draft — bound
    // to its signed file when the form holds exactly what was last signed.
    let print_file = RwSignal::new(None::<(String, SignedCopy)>);
    let print_declaration = Signal::derive(move || match print_file.get() {
        Some((_, copy)) => copy.declaration,
        None => state.declaration.get(),
    });
    let print_binding = Signal::derive(move || match print_file.get() {
        Some((_, copy)) => Some(copy.binding),
        None => signing.last_signed.with(|last| {
            last.as_ref()
                .filter(|copy| state.declaration.with(|d| copy.matches(d)))
                .map(|copy| copy.binding.clone())
        }),
    });
    // The signed copy kept beside the open draft: a reload, or opening another draft, brings
    // back its binding (used only while the draft still holds what was signed).
    Effect::new(move |_| {
        session.open_id.track();
        signing.last_signed.set(session.signed_copy());
    });
    let print_source = Signal::derive(move || match print_file.get() {
        Some((name, _)) => format!("核验通过的签名申报文件“{name}”"),
        None if print_binding.with(Option::is_some) => {
            "当前草稿（与导出的签名申报文件一致）".into()
        }
        None => "当前草稿".into(),
    });
    provide_context(verify::PrintVerified(Callback::new(
        move |file: (String, SignedCopy)| {
            print_file.set(Some(file));
            view.set(View::Print);
        },
    )));
    // The menu always leads to the open draft's pages; a verified file is printed from the
    // verify view only.
    let navigate = Callback::new(move |to: View| {
        print_file.set(None);
        view.set(to);
    });
    // A new version of the app, installed by the service worker, waits for the user.
    let update_ready = RwSignal::new(false);
    // Registered once the form has been painted (the task after the first frame): on a first
    // visit the worker downloads the whole app again to precache it, which should not compete
    // with showing the form.
    request_animation_frame(move || {
        set_timeout(
            move || browser::offline::register(move || update_ready.set(true)),
            Duration::ZERO,
        )
    });
    let errors_shown =
        Memo::new(move |_| state.checked.get() && !state.report.with(Report::is_clean));
    Effect::new(move |_| {
        if errors_shown.get() {
            browser::set_title(&format!("错误：{TITLE}"));
        } else {
            browser::set_title(TITLE);
        }
    });

    view! {
        <a class="skip-link" href="#main">"跳到主要内容"</a>
        <header class="masthead">
            <div class="masthead-inner">
                <p class="masthead-office">"杭州市城乡环境治理协调小组办公室"</p>
                <h1>"杭州市美丽城镇集群化建设申报表"</h1>
                <p class="masthead-basis">
                    "依据杭城乡环治办〔2021〕6号 · 由各县（市、区）美镇办填写"
                </p>
            </div>
            <MainMenu view navigate />
        </header>
        <main class="page" id="main" tabindex="-1">
            {move || {
                update_ready
                    .get()
                    .then(|| {
                        view! {
                            <div class="banner banner-info" role="status">
                                <p>
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| {
                                            session.flush();
                                            let safe = session.unavailable.get_untracked().is_none()
                                                || browser::dom::confirm(
                                                    "浏览器不允许本页面保存草稿，刷新后未导出的内容会丢失。确定现在刷新吗？",
                                                );
                                            if safe {
                                                browser::offline::apply_update();
                                            }
                                        }
                                    >
                                        "新版本可用，点击刷新"
                                    </button>
                                    {move || {
                                        if session.unavailable.get().is_none() {
                                            "（填写的内容已自动保存，刷新后仍在）"
                                        } else {
                                            "（浏览器不能保存草稿：刷新前请先导出备份文件）"
                                        }
                                    }}
                                </p>
                            </div>
                        }
                    })
            }}
            <DraftBanners session />
            {move || match view.get() {
                View::Form => view! { <FormPage state session /> }.into_any(),
                View::Drafts => view! { <DraftsPage session on_open=show_form /> }.into_any(),
                View::Export => {
                    view! { <signing::export::ExportPage state signing session view /> }.into_any()
                }
                View::Print => {
                    view! {
                        <print::PrintPage
                            declaration=print_declaration
                            binding=print_binding
                            source=print_source
                            editable=Signal::derive(move || print_file.with(Option::is_none))
                            on_fix=show_form
                        />
                    }
                        .into_any()
                }
                View::Verify => {
                    view! { <verify::VerifyPage signing on_open_as_draft=open_as_draft /> }
                        .into_any()
                }
            }}
        </main>
        <footer class="page-footer">
            <p>{crate::model::paper::FOOT_NOTE}</p>
            <p>"本页面在浏览器中运行，所填内容不会发送到任何服务器。"</p>
        </footer>
    }
}

/// 填写申报表: the whole form with its check.
#[component]
fn FormPage(state: FormState, session: DraftSession) -> impl IntoView {
    let open_name = session.open_name();
    view! {
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
            <CheckActions state />
        </form>
    }
}

/// 导出 Word of the open draft, bound to its signed file when it is exactly what was signed.
#[component]
fn DraftWordButton(state: FormState) -> impl IntoView {
    let last_signed = use_context::<signing::SigningState>().map(|s| s.last_signed);
    let binding = Signal::derive(move || {
        last_signed.and_then(|last| {
            last.with(|last| {
                last.as_ref()
                    .filter(|copy| state.declaration.with(|d| copy.matches(d)))
                    .map(|copy| copy.binding.clone())
            })
        })
    });
    view! { <office::WordButton declaration=state.declaration binding /> }
}

/// The check button and a one-line account of what is left.
#[component]
fn CheckActions(state: FormState) -> impl IntoView {
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
            <signing::export::ExportButton state />
            <DraftWordButton state />
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
