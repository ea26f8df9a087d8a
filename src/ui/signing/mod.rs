//! Signing: this office's key (kept in the browser, backed up to a passphrase-protected file),
//! the check-answers page and the signed export, and the attachments section of the form.

pub mod attachments;
pub mod export;
pub mod key_panel;
pub mod review;

use ed25519_dalek::SigningKey;
use leptos::prelude::*;

use crate::browser::keystore::{self, KeyLoad};
use crate::model::key_registry::KnownKeys;
use crate::model::keys::fingerprint;

/// What the signing and verifying pages share. `Copy`; created once by the app.
#[derive(Clone, Copy)]
pub struct SigningState {
    /// This office's signing key, once there is one.
    pub key: RwSignal<Option<SigningKey>>,
    /// Why the key cannot be kept in the browser (storage blocked): it lives in memory for
    /// this session only. `None` when it is stored.
    pub memory_only: RwSignal<Option<String>>,
    /// A stored key record that could not be read.
    pub damaged: RwSignal<Option<String>>,
    /// Keys of other offices, by fingerprint.
    pub known_keys: RwSignal<KnownKeys>,
    /// Why the known keys cannot be saved or read, if so.
    pub known_keys_problem: RwSignal<Option<String>>,
    /// A one-off notice for the form page (e.g. a signed file opened as a new draft).
    pub notice: RwSignal<Option<String>>,
    /// The declaration last signed in this session, for printing it with its binding.
    pub last_signed: RwSignal<Option<crate::model::paper::SignedCopy>>,
}

impl SigningState {
    /// Reads the key and the known keys from the browser.
    pub fn load() -> Self {
        let (key, memory_only, damaged) = match keystore::load_signing_key() {
            KeyLoad::Found(key) => (Some(*key), None, None),
            KeyLoad::None => (None, None, None),
            KeyLoad::Damaged(message) => (None, None, Some(message)),
            KeyLoad::Unavailable(error) => (None, Some(error.message()), None),
        };
        let (known, problem) = match keystore::load_known_keys() {
            Ok(keys) => (keys, None),
            Err(message) => (KnownKeys::default(), Some(message)),
        };
        SigningState {
            key: RwSignal::new(key),
            memory_only: RwSignal::new(memory_only),
            damaged: RwSignal::new(damaged),
            known_keys: RwSignal::new(known),
            known_keys_problem: RwSignal::new(problem),
            notice: RwSignal::new(None),
            last_signed: RwSignal::new(None),
        }
    }

    /// The fingerprint of this office's key, if there is one.
    pub fn fingerprint(&self) -> Memo<Option<String>> {
        let key = self.key;
        Memo::new(move |_| key.with(|k| k.as_ref().map(|k| fingerprint(&k.verifying_key()))))
    }

    /// Makes `key` this office's key and tries to store it.
    pub fn install(&self, key: SigningKey) {
        match keystore::save_signing_key(&key) {
            Ok(()) => self.memory_only.set(None),
            Err(error) => self.memory_only.set(Some(error.message())),
        }
        self.damaged.set(None);
        self.key.set(Some(key));
    }

    /// The key, generated from the browser's CSPRNG the first time it is needed.
    pub fn ensure_key(&self) -> Result<SigningKey, String> {
        if let Some(key) = self.key.get_untracked() {
            return Ok(key);
        }
        let key = keystore::generate_signing_key()
            .map_err(|e| format!("无法生成签名密钥：浏览器的随机数发生器不可用（{e}）"))?;
        self.install(key.clone());
        Ok(key)
    }

    /// Changes the known keys and stores them.
    pub fn edit_known_keys(&self, change: impl FnOnce(&mut KnownKeys)) {
        self.known_keys.update(change);
        let result = self
            .known_keys
            .with_untracked(keystore::save_known_keys)
            .map_err(|e| format!("已登记的密钥未能保存在浏览器中，关闭页面后将丢失：{e}"));
        self.known_keys_problem.set(result.err());
    }
}

/// The one-off notice of [`SigningState::notice`], with a button to dismiss it. Reads the
/// `SigningState` the app provides as context.
#[component]
pub fn SigningNotice() -> impl IntoView {
    let signing = use_context::<SigningState>();
    move || {
        let signing = signing?;
        signing.notice.get().map(|text| {
            view! {
                <div class="notice-banner" role="status">
                    <p>{text}</p>
                    <button
                        type="button"
                        class="button button-secondary button-small"
                        on:click=move |_| signing.notice.set(None)
                    >
                        "知道了"
                    </button>
                </div>
            }
        })
    }
}
