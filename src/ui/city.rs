//! The city office's page (verify.html): 核验申报文件 — the files received, the known keys and
//! the 汇总表 — and 打印 of a verified file; the menu leads back to the county's form.

use leptos::prelude::*;

use super::chrome::{watch_for_updates, watch_printing, Audience, Frame, MenuEntry, UpdateBanner};
use super::print::PrintPage;
use super::verify::{KnownKeysState, Page as VerifyResults, PrintVerified, VerifyPage};
use crate::browser;
use crate::browser::pages::{self, Page};
use crate::model::paper::SignedCopy;

const TITLE: &str = "核验申报文件 · 美镇申报";

#[component]
pub fn CityApp() -> impl IntoView {
    browser::set_title(TITLE);
    let known = KnownKeysState::load();
    // Kept here, so that the files stay checked while one of them is printed.
    let results = VerifyResults::empty();
    let printing = RwSignal::new(None::<(String, SignedCopy)>);
    let problem = RwSignal::new(None::<String>);
    provide_context(PrintVerified(Callback::new(
        move |file: (String, SignedCopy)| {
            printing.set(Some(file));
            browser::dom::scroll_to_top();
        },
    )));
    // A verified file opened for editing becomes a new draft on the county's page.
    let open_as_draft = Callback::new(move |signed_file: String| {
        let moved = pages::open_in_county_page(&signed_file);
        problem.set(moved.err());
    });
    let back = Callback::new(move |()| {
        printing.set(None);
        request_animation_frame(|| {
            browser::focus_element("verify-title");
        });
    });
    let menu = vec![
        MenuEntry::View {
            label: "核验申报文件",
            current: Signal::derive(|| true),
            show: back,
        },
        MenuEntry::Page {
            label: "填写申报表",
            page: Page::County,
        },
    ];
    let update_ready = watch_for_updates();
    let being_printed = watch_printing();
    view! {
        <Frame menu audience=Audience::City>
            <UpdateBanner
                ready=update_ready
                note=Signal::stored("（已选择的文件需要重新选择）")
                before_refresh=Callback::new(|()| true)
            />
            {move || {
                problem
                    .get()
                    .map(|text| {
                        view! {
                            <div class="banner banner-warning" role="alert">
                                <p>{text}</p>
                            </div>
                        }
                    })
            }}
            {move || match printing.get() {
                None => {
                    view! { <VerifyPage page=results known on_open_as_draft=open_as_draft printing=being_printed /> }
                        .into_any()
                }
                Some((name, copy)) => {
                    view! {
                        <PrintPage
                            declaration=Signal::stored(copy.declaration)
                            binding=Signal::stored(Some(copy.binding))
                            source=Signal::stored(format!("核验通过的签名申报文件“{name}”"))
                            on_back=back
                        />
                    }
                        .into_any()
                }
            }}
        </Frame>
    }
}
