//! The frame both pages share: the masthead with the main menu, the new-version banner, the
//! footer, and whether the page is being printed.

use std::time::Duration;

use leptos::prelude::*;

use super::lifecycle::{once_known, once_started};
use crate::browser;
use crate::browser::pages::{self, Page};

/// An entry of the main menu.
#[derive(Clone, Copy)]
pub enum MenuEntry {
    /// A view of this page: its label, whether it is the one shown, and how to show it.
    View {
        label: &'static str,
        current: Signal<bool>,
        show: Callback<()>,
    },
    /// The other page, opened in its place.
    Page { label: &'static str, page: Page },
}

#[component]
fn MainMenu(entries: Vec<MenuEntry>) -> impl IntoView {
    let items = entries
        .into_iter()
        .map(|entry| match entry {
            MenuEntry::View {
                label,
                current,
                show,
            } => view! {
                <li>
                    <button
                        type="button"
                        class="menu-item"
                        aria-current=move || current.get().then_some("page")
                        on:click=move |_| show.run(())
                    >
                        {label}
                    </button>
                </li>
            }
            .into_any(),
            MenuEntry::Page { label, page } => view! {
                <li class="menu-page">
                    <a class="menu-item" href=once_known(pages::web_href(page), move || pages::href(page))>
                        {label}
                        <span class="menu-arrow" aria-hidden="true">
                            "→"
                        </span>
                    </a>
                </li>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <nav class="main-menu" aria-label="主菜单">
            <ul>{items}</ul>
        </nav>
    }
}

/// Whom a page speaks to: the masthead's line under the title and the footer differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The county page: the form is filled in here.
    County,
    /// The city office's page: files received are checked and gathered here; nothing is
    /// filled in.
    City,
}

impl Audience {
    fn basis(self) -> &'static str {
        match self {
            Audience::County => "依据杭城乡环治办〔2021〕6号 · 由各县（市、区）美镇办填写",
            Audience::City => {
                "依据杭城乡环治办〔2021〕6号 · 供市美镇办核验、汇总各县（市、区）报送的申报材料"
            }
        }
    }

    fn footer(self) -> [&'static str; 2] {
        match self {
            Audience::County => [
                crate::model::paper::FOOT_NOTE,
                "本页面在浏览器中运行，所填内容不会发送到任何服务器。",
            ],
            Audience::City => [
                "纸质申报表以各县（市、区）盖章报送的为准；签名核验和 Word 文件读取的结果供核对参考。",
                "本页面在浏览器中运行：打开的文件只在本机读取和核验，不会上传；已登记的密钥保存在本浏览器中；汇总表只保存到您选择的位置。",
            ],
        }
    }
}

/// The page around `children`: a skip link, the masthead and its menu, the main region, the
/// footer, in the words of `audience`.
#[component]
pub fn Frame(menu: Vec<MenuEntry>, audience: Audience, children: Children) -> impl IntoView {
    let [foot_first, foot_second] = audience.footer();
    view! {
        <a class="skip-link" href="#main">"跳到主要内容"</a>
        <header class="masthead">
            <div class="masthead-inner">
                <p class="masthead-office">"杭州市城乡环境治理协调小组办公室"</p>
                <h1>"杭州市美丽城镇集群化建设申报表"</h1>
                <p class="masthead-basis">{audience.basis()}</p>
            </div>
            <MainMenu entries=menu />
        </header>
        <main class="page" id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="page-footer">
            <p>{foot_first}</p>
            <p>{foot_second}</p>
        </footer>
    }
}

/// Whether a new version of the app, installed by the service worker, waits for the user.
/// The worker is registered once the page has been painted (the task after the first frame):
/// on a first visit it downloads the whole app again to precache it, which should not compete
/// with showing the page.
pub fn watch_for_updates() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    once_started(move || {
        request_animation_frame(move || {
            set_timeout(
                move || browser::offline::register(move || set_ready.set(true)),
                Duration::ZERO,
            )
        })
    });
    ready
}

/// Whether the page is being printed: true from `beforeprint` to `afterprint`. A view without
/// a sheet of its own shows one for the printer meanwhile (Ctrl+P prints the declaration or the
/// 汇总表, never the screen's controls or a blank page).
pub fn watch_printing() -> ReadSignal<bool> {
    let (printing, set_printing) = signal(false);
    once_started(move || browser::events::on_print(move |now| set_printing.set(now)));
    printing
}

/// "新版本可用，点击刷新", with `note` after it; `before_refresh` may keep the page (false).
#[component]
pub fn UpdateBanner(
    ready: ReadSignal<bool>,
    #[prop(into)] note: Signal<&'static str>,
    before_refresh: Callback<(), bool>,
) -> impl IntoView {
    move || {
        ready.get().then(|| {
            view! {
                <div class="banner banner-info" role="status">
                    <p>
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| {
                                if before_refresh.run(()) {
                                    browser::offline::apply_update();
                                }
                            }
                        >
                            "新版本可用，点击刷新"
                        </button>
                        {move || note.get()}
                    </p>
                </div>
            }
        })
    }
}
