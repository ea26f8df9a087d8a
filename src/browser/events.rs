//! Page-wide events the app listens to for its whole life: leaving the page, other tabs' writes,
//! printing.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `f` when the page is hidden or about to go away (tab switched, closed, reloaded):
/// the last moment to save. Listens to `visibilitychange` (hidden) and `pagehide`.
pub fn on_page_hidden(f: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let f = std::rc::Rc::new(f);
    let on_hide = {
        let f = f.clone();
        Closure::<dyn Fn()>::new(move || f())
    };
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    on_hide.forget();
    if let Some(document) = window.document() {
        let doc = document.clone();
        let on_visibility = Closure::<dyn Fn()>::new(move || {
            if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                f();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
        on_visibility.forget();
    }
}

/// Calls `f(key, new_value)` when another tab of this site changes localStorage (`key` is
/// `None` when the storage was cleared).
pub fn on_storage_change(f: impl Fn(Option<String>, Option<String>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            f(ev.key(), ev.new_value());
        });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Calls `f(true)` as the page is about to be printed (Ctrl+P, the browser's print menu, the
/// app's own 打印 buttons) and `f(false)` once it has been. The page is laid out for the
/// printer after `beforeprint`'s listeners and the tasks they queue have run, so what `f`
/// changes is what prints.
pub fn on_print(f: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let f = std::rc::Rc::new(f);
    for (name, printing) in [("beforeprint", true), ("afterprint", false)] {
        let f = f.clone();
        let listener = Closure::<dyn Fn()>::new(move || f(printing));
        let _ = window.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        listener.forget();
    }
}

thread_local! {
    static POINTER_DOWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static AFTER_RELEASE: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Follows whether a mouse button or finger is down, for `after_pointer_release`. Call once.
pub fn track_pointer() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let down = Closure::<dyn Fn()>::new(|| POINTER_DOWN.with(|d| d.set(true)));
    let up = Closure::<dyn Fn()>::new(|| {
        POINTER_DOWN.with(|d| d.set(false));
        // After the click that this release completes has been delivered.
        let run = Closure::once_into_js(|| {
            let queued = AFTER_RELEASE.with(|q| std::mem::take(&mut *q.borrow_mut()));
            for f in queued {
                f();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(run.unchecked_ref());
        }
    });
    for (name, listener) in [
        ("pointerdown", &down),
        ("pointerup", &up),
        ("pointercancel", &up),
    ] {
        let _ = document.add_event_listener_with_callback_and_bool(
            name,
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    down.forget();
    up.forget();
}

/// Runs `f` now, or, while a pointer is pressed, once it is released and its click delivered.
/// A field that shows its messages when left must not move the control being clicked
/// between press and release, or the click is lost.
pub fn after_pointer_release(f: impl FnOnce() + 'static) {
    if POINTER_DOWN.with(|d| d.get()) {
        AFTER_RELEASE.with(|q| q.borrow_mut().push(Box::new(f)));
    } else {
        f();
    }
}
