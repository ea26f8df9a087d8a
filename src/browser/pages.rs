//! The app's two pages — the county's form (index.html) and the city office's verify page
//! (verify.html) — where each is, and the declaration one hands to the other.
//!
//! In the single-file edition both pages live in one file and are told apart by the URL's
//! fragment (`#verify`); its start-up script reloads the file when the fragment changes.

use crate::model::storage::HANDOFF_KEY;

/// One of the two pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// 填写申报表 and the rest of the county's work: index.html.
    County,
    /// 核验申报文件: verify.html.
    City,
}

/// The single-file edition (美镇申报-单文件版.html, marked by its build with a `<meta>`), or any
/// page opened from a file: it holds everything itself, and there is nothing beside it.
pub fn single_file() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let from_file = window.location().protocol().is_ok_and(|p| p == "file:");
    let marked = window
        .document()
        .and_then(|d| {
            d.query_selector(r#"meta[name="meizhen-edition"]"#)
                .ok()
                .flatten()
        })
        .is_some();
    from_file || marked
}

/// Whether this is a page's twin for kernels before Chromium 97 (index-old-kernel.html,
/// verify-old-kernel.html: scripts/csp.py), which its browser check chose.
fn old_kernel_twin() -> bool {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| path.ends_with("-old-kernel.html"))
}

/// The address of `page`, relative to the current one: the twin of the same kind as this page,
/// so that going to the other page does not pass through the check's choice again.
pub fn href(page: Page) -> &'static str {
    if single_file() {
        return match page {
            Page::County => "#form",
            Page::City => "#verify",
        };
    }
    match (page, old_kernel_twin()) {
        (page, false) => web_href(page),
        (Page::County, true) => "./index-old-kernel.html",
        (Page::City, true) => "./verify-old-kernel.html",
    }
}

/// The address of `page` on the web, with the strict policy: what the page's first view links
/// to before the browser is asked where the page is (`href`).
pub fn web_href(page: Page) -> &'static str {
    match page {
        Page::County => "./index.html",
        Page::City => "./verify.html",
    }
}

/// Hands a signed file (`text`, from `model::handover`) to the county page and goes there.
/// Err with a Chinese reason when the browser does not let the page keep it for the next one.
pub fn open_in_county_page(json: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("浏览器窗口不可用")?;
    let storage = window
        .session_storage()
        .ok()
        .flatten()
        .ok_or("浏览器不允许本页面临时保存内容")?;
    storage
        .set_item(HANDOFF_KEY, json)
        .map_err(|_| "浏览器的存储空间已满，未能转到填写页面".to_string())?;
    let location = window.location();
    let moved = if single_file() {
        location.set_hash(&href(Page::County)[1..])
    } else {
        location.assign(href(Page::County))
    };
    moved.map_err(|_| "未能转到填写页面".to_string())
}

/// What the verify page handed over, if anything (removed as it is read, whatever it is:
/// `model::handover` verifies it).
pub fn take_handoff() -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok().flatten()?;
    let text = storage.get_item(HANDOFF_KEY).ok().flatten()?;
    // Read once: a reload must not open it again.
    let _ = storage.remove_item(HANDOFF_KEY);
    Some(text)
}
