//! The service worker (sw.js, generated at build time): registering it, noticing that a new
//! version waits, and letting it take over when the user chooses to refresh.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// A service worker container seen through `register` alone, so that a synchronous throw
    /// (a blocked or replaced `register`) comes back as an `Err` instead of aborting the app.
    type CheckedContainer;
    #[wasm_bindgen(method, catch)]
    fn register(this: &CheckedContainer, url: &str) -> Result<JsValue, JsValue>;
}

thread_local! {
    static REGISTRATION: RefCell<Option<web_sys::ServiceWorkerRegistration>> =
        const { RefCell::new(None) };
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent where the page is not a secure context (e.g. plain http to another host), and
    // `undefined` or something else where an extension or policy replaced it.
    js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .ok()?
        .dyn_into::<web_sys::ServiceWorkerContainer>()
        .ok()
}

/// The registration `register()` resolved to, if it is one: blocked service workers reject,
/// and some privacy extensions and test harnesses resolve with nothing at all.
async fn registration(
    container: &web_sys::ServiceWorkerContainer,
) -> Option<web_sys::ServiceWorkerRegistration> {
    let returned = container
        .unchecked_ref::<CheckedContainer>()
        .register("./sw.js")
        .ok()?;
    // Whatever came back (a promise, or a replaced function's plain value) as a promise.
    let settled = JsFuture::from(js_sys::Promise::resolve(&returned))
        .await
        .ok()?;
    settled
        .dyn_into::<web_sys::ServiceWorkerRegistration>()
        .ok()
}

/// Registers the service worker; calls `on_update` once a new version is installed and waits.
/// Where service workers are unavailable the app simply works online.
pub fn register(on_update: impl Fn() + 'static) {
    if super::pages::single_file() {
        return;
    }
    let Some(container) = container() else {
        return;
    };
    let on_update = Rc::new(on_update);
    wasm_bindgen_futures::spawn_local(async move {
        let Some(registration) = registration(&container).await else {
            return;
        };
        if registration.waiting().is_some() && container.controller().is_some() {
            on_update();
        }
        let watched = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_update = on_update.clone();
            let container = container.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                // Installed while another version controls the page: an update, not a first visit.
                if worker.state() == web_sys::ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    on_update();
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    });
}

/// Lets the waiting version take over and reloads the page once it has.
pub fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            let _ = worker.post_message(&"skipWaiting".into());
        }
        None => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    }
}
