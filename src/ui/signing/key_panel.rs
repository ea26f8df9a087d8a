//! 签名密钥: this office's key — its fingerprint, how it is kept, creating it — and the three
//! things done with a passphrase, each in its own child: the optional lock
//! ("每次签名前输入口令", `passphrase`), a passphrase-protected backup (`backup`), and restoring
//! from one (`restore`, asking first before replacing another key).

mod backup;
mod passphrase;
mod restore;

use leptos::prelude::*;

use crate::model::key_state::{KeyState, NewKey};
use crate::ui::common::Fingerprint;
use crate::ui::signing::SigningState;

use backup::KeyBackup;
use passphrase::PassphraseLock;
pub use passphrase::PassphraseProgress;
use restore::KeyRestore;

#[component]
pub fn KeyPanel(signing: SigningState) -> impl IntoView {
    let current = signing.fingerprint();
    let create_error = RwSignal::new(None::<String>);
    view! {
        <section class="key-panel" aria-labelledby="key-panel-title">
            <h2 id="key-panel-title">"签名密钥"</h2>
            {move || match current.get() {
                None if signing.key.with(KeyState::is_loading) => {
                    view! { <p class="key-current">"正在读取本机的签名密钥……"</p> }.into_any()
                }
                Some(hex) => {
                    view! {
                        <p class="key-current">
                            "本机签名密钥指纹："
                            <span id="key-fingerprint"><Fingerprint hex /></span>
                        </p>
                    }
                        .into_any()
                }
                None if signing.watch_policy().new_key() == NewKey::Locked => {
                    view! {
                        <div class="key-none">
                            <p id="key-needs-passphrase">
                                "本机尚未创建签名密钥。在本页面上，签名密钥必须用口令保护：请在下面的“每次签名前输入口令”中设置签名口令，同时创建密钥。已在其他电脑上创建过密钥的，请“从备份文件恢复”。"
                            </p>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <div class="key-none">
                            <p>
                                "本机尚未创建签名密钥。签名导出时会自动创建；已在其他电脑上创建过密钥的，请先“从备份文件恢复”。"
                            </p>
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| {
                                    create_error.set(signing.ensure_key().err());
                                }
                            >
                                "创建签名密钥"
                            </button>
                            {move || create_error.get().map(|e| view! { <p class="error-message">{e}</p> })}
                        </div>
                    }
                        .into_any()
                }
            }}
            <KeyProtection signing />
            <p class="key-hint">
                "密钥只保存在本浏览器中，不会上传。签名申报文件的打印件上印有密钥指纹，市美镇办据此确认签名申报文件来自本单位。清除浏览器数据或更换电脑后，只能从备份恢复密钥，请务必备份。"
            </p>
            <KeyBackup signing />
            <PassphraseLock signing />
            <KeyRestore signing />
        </section>
    }
}

/// How the key is kept and what that protects against, as the model says it; a warning where
/// the protection is weak.
#[component]
fn KeyProtection(signing: SigningState) -> impl IntoView {
    move || {
        signing.key.with(|k| k.note(&signing.watch_policy())).map(|note| {
            if note.warning {
                view! { <p class="key-warning" role="alert" id="key-protection">{note.text}</p> }
                    .into_any()
            } else {
                view! { <p class="key-protection" id="key-protection">{note.text}</p> }.into_any()
            }
        })
    }
}

/// Why this page keeps the signing key only under a passphrase, in one sentence at the top of
/// the page (plain http, the single-file edition); nothing elsewhere.
#[component]
pub fn KeyPolicyBanner(signing: SigningState) -> impl IntoView {
    // Tracked: the page's first view (also written into index.html) knows no policy yet.
    move || {
        signing.watch_policy().banner().map(|text| {
            view! {
                <div class="banner banner-warning" role="note" id="key-policy-banner">
                    <p>{text}</p>
                </div>
            }
        })
    }
}
