//! Passphrases in the key panel: typed twice and checked, worked through off the page's thread
//! with a progress bar, the key sealed under one; and 每次签名前输入口令, the lock that keeps the
//! stored key under the signing passphrase.

use ed25519_dalek::SigningKey;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{kdf, keystore};
use crate::model::error::UserError;
use crate::model::key_state::KeyState;
use crate::model::keys::{seal_key_backup, KdfParams, KdfRequest, NONCE_LEN, SALT_LEN};
use crate::ui::fields::PlainInput;
use crate::ui::signing::SigningState;

/// The shortest passphrase accepted for a backup.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// While a passphrase is worked through (about a second; off the page's thread where the
/// browser allows): an indeterminate progress bar and what is happening.
#[component]
pub fn PassphraseProgress(busy: RwSignal<bool>) -> impl IntoView {
    move || {
        busy.get().then(|| {
            view! {
                <p class="kdf-progress" role="status">
                    <progress aria-label="口令计算进度"></progress>
                    "正在用口令计算密钥，约需几秒……"
                </p>
            }
        })
    }
}

/// A form whose button works through a passphrase: whether it is working, the error, the
/// outcome. `Copy`.
#[derive(Clone, Copy)]
pub(super) struct PassphraseTask {
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    pub done: RwSignal<Option<String>>,
}

impl PassphraseTask {
    pub fn new() -> Self {
        PassphraseTask {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            done: RwSignal::new(None),
        }
    }

    /// Before a new attempt: no message.
    pub fn clear(self) {
        self.error.set(None);
        self.done.set(None);
    }

    /// Runs `work` while `busy`; its message goes to `done`, its error to `error`.
    pub fn run(self, work: impl std::future::Future<Output = Result<String, String>> + 'static) {
        self.busy.set(true);
        spawn_local(async move {
            let outcome = work.await;
            self.busy.set(false);
            match outcome {
                Ok(message) => self.done.set(Some(message)),
                Err(e) => self.error.set(Some(e)),
            }
        });
    }
}

/// The button that starts a passphrase's work ("working" while busy), and its progress bar.
#[component]
pub(super) fn PassphraseButton(
    busy: RwSignal<bool>,
    #[prop(into)] on_click: Callback<leptos::ev::MouseEvent>,
    label: &'static str,
    working: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button-secondary"
            disabled=move || busy.get()
            on:click=move |ev| on_click.run(ev)
        >
            {move || if busy.get() { working } else { label }}
        </button>
        <PassphraseProgress busy />
    }
}

/// A new passphrase as typed, twice. `Copy`.
#[derive(Clone, Copy)]
pub(super) struct NewPassphraseFields {
    first: RwSignal<String>,
    second: RwSignal<String>,
}

impl NewPassphraseFields {
    pub fn new() -> Self {
        NewPassphraseFields {
            first: RwSignal::new(String::new()),
            second: RwSignal::new(String::new()),
        }
    }

    /// The passphrase, checked (long enough, typed the same twice), and the key it is for
    /// (a new one if there is none yet, kept only once protected).
    pub fn checked(self, signing: SigningState) -> Result<(String, SigningKey), String> {
        let passphrase = self.first.get_untracked();
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(format!("口令至少 {MIN_PASSPHRASE_CHARS} 个字符"));
        }
        if passphrase != self.second.get_untracked() {
            return Err("两次输入的口令不一致".to_string());
        }
        Ok((passphrase, signing.seed_to_protect()?))
    }

    /// Empties both fields once the passphrase has served.
    pub fn clear(self) {
        self.first.set(String::new());
        self.second.set(String::new());
    }
}

/// A new passphrase, typed twice side by side.
#[component]
pub(super) fn NewPassphrase(
    id: &'static str,
    again_id: &'static str,
    label: &'static str,
    again_label: &'static str,
    fields: NewPassphraseFields,
) -> impl IntoView {
    let NewPassphraseFields { first, second } = fields;
    view! {
        <div class="two-columns">
            <PlainInput
                id
                label
                value=first
                input_type="password"
                autocomplete="new-password"
            />
            <PlainInput
                id=again_id
                label=again_label
                value=second
                input_type="password"
                autocomplete="new-password"
            />
        </div>
    }
}

/// The key encrypted under a passphrase (the key backup file's format), with fresh randomness.
pub(super) async fn passphrase_backup(
    key: &SigningKey,
    passphrase: &str,
) -> Result<String, String> {
    let salt = keystore::random_array::<SALT_LEN>()
        .map_err(|e| format!("浏览器的随机数发生器不可用（{e}）"))?;
    let nonce = keystore::random_array::<NONCE_LEN>()
        .map_err(|e| format!("浏览器的随机数发生器不可用（{e}）"))?;
    let params = KdfParams::RECOMMENDED;
    let request = KdfRequest {
        params,
        salt: salt.to_vec(),
    };
    let secret = kdf::derive(&request, passphrase)
        .await
        .map_err(|e| e.message())?;
    seal_key_backup(key, &secret, salt, nonce, params).map_err(|e| e.message())
}

/// 每次签名前输入口令: locks the stored key with a passphrase (the key backup's encryption),
/// or, with the passphrase, unlocks it again.
#[component]
pub(super) fn PassphraseLock(signing: SigningState) -> impl IntoView {
    let fields = NewPassphraseFields::new();
    // To unlock, the current passphrase is typed in the first field alone.
    let first = fields.first;
    let task = PassphraseTask::new();
    let PassphraseTask { busy, error, done } = task;
    let is_locked = move || signing.is_locked();
    let enable = move |_| {
        task.clear();
        match fields.checked(signing) {
            Err(e) => error.set(Some(e)),
            Ok((passphrase, key)) => task.run(async move {
                let backup = passphrase_backup(&key, &passphrase).await?;
                signing.lock(&key, backup)?;
                fields.clear();
                Ok("已启用口令保护。以后每次签名前须输入此口令；忘记口令时只能从密钥备份文件恢复。".to_string())
            }),
        }
    };
    let disable = move |_| {
        task.clear();
        let passphrase = first.get_untracked();
        if passphrase.is_empty() {
            error.set(Some("请输入签名口令".to_string()));
            return;
        }
        task.run(async move {
            let key = signing.unlock(&passphrase).await?;
            first.set(String::new());
            signing.unlock_for_good(key)?;
            Ok("已关闭口令保护，签名时不再需要输入口令。".to_string())
        });
    };
    view! {
        <details class="key-details">
            <summary>"每次签名前输入口令"</summary>
            {move || {
                if signing.key.with(|k| matches!(k, KeyState::Unextractable { .. })) {
                    view! {
                        <p class="field-hint" id="lock-not-needed">
                            "签名密钥由浏览器保管，任何网页都不能读出它，无须再用签名口令保护。"
                        </p>
                    }
                        .into_any()
                } else if is_locked() && signing.watch_policy().lock_required() {
                    view! {
                        <p class="field-hint" id="lock-required">
                            "已启用：签名密钥用签名口令加密保存，每次签名前须输入口令。在本页面上不能关闭（原因见页面顶部的说明）。"
                        </p>
                    }
                        .into_any()
                } else if is_locked() {
                    view! {
                        <p class="field-hint">
                            "已启用：签名密钥用签名口令加密保存，每次签名前须输入口令。输入口令可关闭此保护。"
                        </p>
                        <PlainInput
                            id="lock-passphrase"
                            label="当前的签名口令"
                            value=first
                            input_type="password"
                            class="input input-medium"
                            autocomplete="current-password"
                        />
                        <PassphraseButton busy on_click=disable label="关闭口令保护" working="正在解密……" />
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="field-hint">
                            "启用后，签名密钥用签名口令加密保存，每次签名前须输入口令：即使有人复制了本浏览器的数据，没有口令也无法签名。口令至少 8 个字符；忘记口令时只能从密钥备份文件恢复。"
                        </p>
                        <NewPassphrase id="lock-passphrase" again_id="lock-passphrase-again" label="设置签名口令" again_label="再次输入签名口令" fields />
                        <PassphraseButton busy on_click=enable label="启用口令保护" working="正在加密……" />
                    }
                        .into_any()
                }
            }}
            {move || error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
            {move || done.get().map(|d| view! { <p class="key-done" role="status">{d}</p> })}
        </details>
    }
}
