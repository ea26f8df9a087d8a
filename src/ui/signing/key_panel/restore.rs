//! 从备份文件恢复: a key backup file chosen, opened with its passphrase, and a confirmation
//! before it replaces another key.

use ed25519_dalek::SigningKey;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::kdf;
use crate::model::encoding::fingerprint_groups;
use crate::model::error::UserError;
use crate::model::keys::{fingerprint, read_key_backup_info, KEY_BACKUP_FILE};
use crate::ui::common::picked::read_chosen;
use crate::ui::common::Fingerprint;
use crate::ui::fields::PlainInput;
use crate::ui::signing::SigningState;

use super::passphrase::{PassphraseButton, PassphraseTask};

/// A chosen backup file: its name and text, and whose key it holds.
#[derive(Clone)]
struct ChosenBackup {
    name: String,
    text: String,
    fingerprint: String,
}

/// 从备份文件恢复: a file, its passphrase, and a confirmation before replacing another key.
#[component]
pub(super) fn KeyRestore(signing: SigningState) -> impl IntoView {
    let chosen = RwSignal::new(None::<ChosenBackup>);
    let passphrase = RwSignal::new(String::new());
    let PassphraseTask { busy, error, done } = PassphraseTask::new();
    // A decrypted key waiting for the user to confirm replacing the current one.
    let pending = RwSignal::new(None::<SigningKey>);
    let current = signing.fingerprint();

    let on_file = move |ev: leptos::ev::Event| {
        error.set(None);
        done.set(None);
        pending.set(None);
        chosen.set(None);
        read_chosen(&ev, KEY_BACKUP_FILE, move |name, read| {
            let read = read.map_err(|e| e.message()).and_then(|bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let info = read_key_backup_info(&text).map_err(|e| e.message())?;
                Ok(ChosenBackup {
                    name,
                    text,
                    fingerprint: info.fingerprint,
                })
            });
            match read {
                Ok(backup) => chosen.set(Some(backup)),
                Err(message) => error.set(Some(message)),
            }
        });
    };

    let finish = move |key: SigningKey| {
        let hex = fingerprint(&key.verifying_key());
        let text = chosen.with_untracked(|c| c.as_ref().map(|c| c.text.clone()));
        if let Err(e) = signing.restore(key, &text.unwrap_or_default()) {
            error.set(Some(e));
            return;
        }
        pending.set(None);
        chosen.set(None);
        passphrase.set(String::new());
        done.set(Some(format!(
            "已恢复签名密钥，指纹：{}",
            fingerprint_groups(&hex)
        )));
    };

    let restore = move |_| {
        error.set(None);
        done.set(None);
        let Some(backup) = chosen.get_untracked() else {
            error.set(Some("请先选择密钥备份文件".to_string()));
            return;
        };
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            error.set(Some("请输入备份时设置的口令".to_string()));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = kdf::open_key_backup(&backup.text, &typed).await;
            busy.set(false);
            match result {
                Err(e) => error.set(Some(e.message())),
                Ok(key) => {
                    let same = current.get_untracked().as_deref() == Some(&backup.fingerprint);
                    if same {
                        passphrase.set(String::new());
                        done.set(Some(
                            "备份中的密钥与本机当前的密钥相同，无需恢复。".to_string(),
                        ));
                    } else if current.get_untracked().is_some() {
                        pending.set(Some(key));
                    } else {
                        finish(key);
                    }
                }
            }
        });
    };

    view! {
        <details class="key-details">
            <summary>"从备份文件恢复"</summary>
            <div class="field">
                <label class="field-label" for="restore-file">"密钥备份文件"</label>
                <input
                    id="restore-file"
                    type="file"
                    class="file-picker"
                    accept=".json,application/json"
                    on:change=on_file
                />
                {move || {
                    chosen
                        .get()
                        .map(|c| {
                            view! {
                                <p class="field-hint">
                                    {format!("已选择“{}”，其中密钥的指纹：", c.name)}
                                    <Fingerprint hex=c.fingerprint />
                                </p>
                            }
                        })
                }}
            </div>
            <PlainInput
                id="restore-passphrase"
                label="口令"
                value=passphrase
                input_type="password"
                class="input input-medium"
                autocomplete="current-password"
            />
            {move || error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
            {move || done.get().map(|d| view! { <p class="key-done" role="status">{d}</p> })}
            <ReplaceKeyConfirm pending current finish done />
            <PassphraseButton busy on_click=restore label="恢复密钥" working="正在解密……" />
            <p class="field-hint" role="status" id="restore-progress">
                {move || {
                    busy.get()
                        .then_some(
                            "正在用口令解密密钥备份文件，需要几秒钟，其间页面暂时不响应，请稍候。",
                        )
                }}
            </p>
        </details>
    }
}

/// 替换本机的签名密钥？ Both fingerprints, while a restored key waits to replace the current one.
#[component]
fn ReplaceKeyConfirm<F>(
    pending: RwSignal<Option<SigningKey>>,
    current: Memo<Option<String>>,
    finish: F,
    done: RwSignal<Option<String>>,
) -> impl IntoView
where
    F: Fn(SigningKey) + Copy + Send + Sync + 'static,
{
    move || {
        let key = pending.get()?;
        let old = current.get().unwrap_or_default();
        let new = fingerprint(&key.verifying_key());
        Some(view! {
            <div class="key-confirm" role="alertdialog" aria-labelledby="key-confirm-title">
                <h3 id="key-confirm-title">"替换本机的签名密钥？"</h3>
                <dl class="facts">
                    <dt>"本机当前密钥"</dt>
                    <dd><Fingerprint hex=old /></dd>
                    <dt>"备份中的密钥"</dt>
                    <dd><Fingerprint hex=new /></dd>
                </dl>
                <p>
                    "替换后，本机将用备份中的密钥签名。当前密钥如未备份将永久丢失（用它签过的文件仍可核验）。"
                </p>
                <div class="form-actions">
                    <button
                        type="button"
                        class="button button-warning"
                        on:click=move |_| {
                            if let Some(key) = pending.get_untracked() {
                                finish(key);
                            }
                        }
                    >
                        "确认替换"
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| {
                            pending.set(None);
                            done.set(Some("已取消，本机密钥未改变。".to_string()));
                        }
                    >
                        "取消"
                    </button>
                </div>
            </div>
        })
    }
}
