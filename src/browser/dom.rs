//! The page itself: focus, scrolling, the title.

use wasm_bindgen::JsCast;

pub(crate) fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Moves keyboard focus to the element with this id and scrolls it to the middle of the
/// view. Returns false if there is no such element.
pub fn focus_element(id: &str) -> bool {
    let Some(element) = document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    element.focus().is_ok()
}

/// Whether the page is hidden (another tab, minimised): it gets no animation frames then.
pub fn page_hidden() -> bool {
    document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Sets the page title (screen readers announce it; "错误：" is prefixed while errors show).
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Removes the "正在加载" placeholder that index.html shows until the app starts, and the
/// browser check's marks of a slow or failed start (which hide the form or cover it).
pub fn remove_loading_placeholder() {
    let Some(document) = document() else {
        return;
    };
    if let Some(element) = document.get_element_by_id("loading") {
        element.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_2("app-slow", "app-failed");
    }
    if let Ok(hidden) = document.query_selector_all("body > [data-check-hidden]") {
        for i in 0..hidden.length() {
            if let Some(element) = hidden
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.style().remove_property("display");
                let _ = element.remove_attribute("data-check-hidden");
            }
        }
    }
}

/// Scrolls the element with this id into view within its scrolling list, as little as needed
/// (for the highlighted option of a list box).
pub fn scroll_into_view_nearest(id: &str) {
    if let Some(element) = document().and_then(|d| d.get_element_by_id(id)) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Asks the user to confirm with the browser's own dialog. False if it cannot be shown.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Scrolls the page back to its top (a new view replaced the one the user scrolled).
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
