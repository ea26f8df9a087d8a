//! The county page's form as the build wrote it into index.html, before the app has started:
//! whether it is there, what the user typed, picked or ticked in it meanwhile, and handing that
//! to the app once it has (as the same input events, so that each field's own handler takes it).

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::dom::document;

/// The controls of the form the build wrote: the page's first view has them.
const CONTROLS: &str = "form.declaration-form input, form.declaration-form textarea, \
                        form.declaration-form select";

thread_local! {
    static TYPED: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

/// What was done in the written form before the app took it over.
#[derive(Debug, Default)]
struct Typed {
    /// Text fields and lists whose value is no longer the written one: (id, value).
    values: Vec<(String, String)>,
    /// Radio buttons and check boxes ticked since: their ids.
    ticked: Vec<String>,
    /// The element that had the focus, with its selection (start, end) if it is a text field.
    focus: Option<(String, Option<(u32, u32)>)>,
}

/// Whether the page holds the form the build wrote (index.html), which the app then takes over
/// instead of drawing its own.
pub fn present() -> bool {
    document()
        .and_then(|d| {
            d.query_selector("body > main form.declaration-form")
                .ok()
                .flatten()
        })
        .is_some()
}

/// Removes the form the build wrote, where the page starts as another (the single-file
/// edition's #verify, whose body is the county page's): everything before the placeholder.
pub fn discard() {
    let Some(document) = document() else {
        return;
    };
    let (Some(body), Some(loading)) = (document.body(), document.get_element_by_id("loading"))
    else {
        return;
    };
    if !present() {
        return;
    }
    while let Some(first) = body.first_child() {
        if first.is_same_node(Some(&loading)) {
            break;
        }
        let _ = body.remove_child(&first);
    }
}

/// Notes what the user did in the written form (call before the app takes it over: taking it
/// over writes the app's own, empty values into the fields).
pub fn note_typed() {
    let Some(document) = document() else {
        return;
    };
    let mut typed = Typed::default();
    if let Ok(controls) = document.query_selector_all(CONTROLS) {
        for i in 0..controls.length() {
            let Some(node) = controls.item(i) else {
                continue;
            };
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                match input.type_().as_str() {
                    "radio" | "checkbox" => {
                        if input.checked() && !input.default_checked() && !input.id().is_empty() {
                            typed.ticked.push(input.id());
                        }
                    }
                    "file" => {}
                    _ => {
                        if input.value() != input.default_value() && !input.id().is_empty() {
                            typed.values.push((input.id(), input.value()));
                        }
                    }
                }
            } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                if area.default_value().ok() != Some(area.value()) && !area.id().is_empty() {
                    typed.values.push((area.id(), area.value()));
                }
            } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
                let written = select
                    .options()
                    .item(select.selected_index().max(0) as u32)
                    .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .is_some_and(|o| o.default_selected());
                if !written && !select.id().is_empty() {
                    typed.values.push((select.id(), select.value()));
                }
            }
        }
    }
    typed.focus = document.active_element().and_then(|active| {
        let id = active.id();
        if id.is_empty() {
            return None;
        }
        let selection = if let Some(input) = active.dyn_ref::<web_sys::HtmlInputElement>() {
            input
                .selection_start()
                .ok()
                .flatten()
                .zip(input.selection_end().ok().flatten())
        } else if let Some(area) = active.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.selection_start()
                .ok()
                .flatten()
                .zip(area.selection_end().ok().flatten())
        } else {
            None
        };
        Some((id, selection))
    });
    TYPED.with(|t| *t.borrow_mut() = Some(typed));
}

/// Whether anything was typed, picked or ticked before the app started.
pub fn anything_typed() -> bool {
    TYPED.with(|t| {
        t.borrow()
            .as_ref()
            .is_some_and(|t| !t.values.is_empty() || !t.ticked.is_empty())
    })
}

/// Hands what was noted to the app, once: each field gets its value back with the events a
/// user's typing fires (`input`; and for a field the user had left, `change` and `blur`), each
/// ticked box its `change`; the focus and the caret go back where they were.
pub fn replay_typed() {
    let Some(typed) = TYPED.with(|t| t.borrow_mut().take()) else {
        return;
    };
    let Some(document) = document() else {
        return;
    };
    let focused = typed.focus.as_ref().map(|(id, _)| id.as_str());
    for (id, value) in &typed.values {
        let Some(element) = document.get_element_by_id(id) else {
            continue;
        };
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.set_value(value);
        } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(value);
        }
        fire(&element, "input", true);
        if focused != Some(id.as_str()) {
            fire(&element, "change", true);
            fire(&element, "blur", false);
        }
    }
    for id in &typed.ticked {
        if let Some(input) = document
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_checked(true);
            fire(&input, "change", true);
        }
    }
    if let Some((id, selection)) = typed.focus {
        // The app draws the draft it opened, and then these values, after this call (in its
        // effects, which setting a value moves the caret in): the focus and the caret go back
        // once that is done, unless the user has typed on meanwhile.
        let value = typed
            .values
            .iter()
            .find(|(field, _)| *field == id)
            .map(|(_, v)| v.clone());
        let run = Closure::once_into_js(move || restore_focus(&id, selection, value.as_deref()));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(run.unchecked_ref());
        }
    }
}

/// Focuses the element with this id again and puts its caret back, where its value is still
/// `value` (or, with `None`, for an element whose value was not replayed).
fn restore_focus(id: &str, selection: Option<(u32, u32)>, value: Option<&str>) {
    let Some(element) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let current = if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(input.value())
    } else {
        element
            .dyn_ref::<web_sys::HtmlTextAreaElement>()
            .map(|area| area.value())
    };
    if value.is_some() && current.as_deref() != value {
        return;
    }
    let _ = element.focus();
    if let Some((start, end)) = selection {
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            let _ = input.set_selection_range(start, end);
        } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let _ = area.set_selection_range(start, end);
        }
    }
}

fn fire(target: &web_sys::EventTarget, name: &str, bubbles: bool) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(bubbles);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// The fields the page held while the last draft was being opened (the browser check holds
/// them on a repeat visit, so that nothing is typed over a draft not yet shown): released.
pub fn release_held() {
    let Some(document) = document() else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1("restoring");
    }
    if let Ok(held) = document.query_selector_all("[data-held]") {
        for i in 0..held.length() {
            let Some(element) = held
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let _ = element.remove_attribute("data-held");
            let _ = element.remove_attribute("readonly");
            let _ = element.remove_attribute("disabled");
        }
    }
}
