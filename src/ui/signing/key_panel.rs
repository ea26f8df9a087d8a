//! 签名密钥: this office's key — its fingerprint, how it is kept, creating it — and the three
//! things done with a passphrase, each in its own child: the optional lock
//! ("每次签名前输入口令", `passphrase`), a passphrase-protected backup (`backup`), and restoring
//! from one (`restore`, asking first before replacing another key).

mod backup;
mod passphrase;
mod restore;

use leptos::prelude::*;

use crate::browser::keystore::Protection;
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
            {move || {
                signing
                    .damaged
                    .get()
                    .map(|message| {
                        view! {
                            <p class="key-warning" role="alert">
                                {message}
                                "。请从备份文件恢复密钥；没有备份的，可以创建新密钥（已报送的文件仍可核验，但须告知市美镇办新的密钥指纹）。"
                            </p>
                        }
                    })
            }}
            {move || {
                signing
                    .memory_only
                    .get()
                    .map(|_| {
                        view! {
                            <p class="key-warning" role="alert" id="key-memory-only">
                                "浏览器不允许本页面保存数据，签名密钥只在本次打开的页面中有效，关闭或刷新页面后即丢失。请立即“备份签名密钥”，以后从备份恢复。"
                            </p>
                        }
                    })
            }}
            {move || match current.get() {
                None if signing.loading.get() => {
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

/// How the stored key is protected, said plainly; a warning where it is not protected.
#[component]
fn KeyProtection(signing: SigningState) -> impl IntoView {
    move || {
        match signing.protection.get() {
        Some(Protection::Device) => Some(
            view! {
                <p class="key-protection" id="key-protection">
                    "签名密钥已加密保存在本浏览器中：加密用的密钥由浏览器保管，不能被读出，单独复制浏览器保存的数据无法取得签名密钥。"
                </p>
            }
            .into_any(),
        ),
        Some(Protection::Passphrase) => Some(
            view! {
                <p class="key-protection" id="key-protection">
                    "签名密钥已用签名口令加密保存：每次签名前须输入口令。"
                </p>
            }
            .into_any(),
        ),
        Some(Protection::Unprotected(why)) => Some(
            view! {
                <p class="key-warning" role="alert" id="key-protection">
                    {why}
                    "。签名密钥因此以未加密的形式保存在本浏览器中，保护较弱：能读取本浏览器数据的程序或人员可以复制它。建议请技术人员改为通过 HTTPS 提供本页面，或启用下面的“每次签名前输入口令”。"
                </p>
            }
            .into_any(),
        ),
        None => None,
    }
    }
}
