//! 备份签名密钥: the key as a passphrase-protected file (or, when it is locked, the stored
//! backup itself, under the signing passphrase).

use leptos::prelude::*;

use crate::browser::{files, system};
use crate::model::display::beijing_date;
use crate::model::export::key_backup_file_name;
use crate::model::keys::fingerprint;
use crate::ui::signing::SigningState;

use super::passphrase::{
    passphrase_backup, NewPassphrase, NewPassphraseFields, PassphraseButton, PassphraseTask,
};

/// 备份签名密钥: two passphrase fields and a download.
#[component]
pub(super) fn KeyBackup(signing: SigningState) -> impl IntoView {
    let fields = NewPassphraseFields::new();
    let task = PassphraseTask::new();
    let PassphraseTask { busy, error, done } = task;
    let backup = move |_| {
        task.clear();
        let kept = signing
            .key
            .with_untracked(|k| k.kept_backup().map(str::to_string).zip(k.fingerprint()));
        if let Some((kept, hex)) = kept {
            // Locked: the stored key already is a backup, under the signing passphrase.
            let name = key_backup_file_name(&hex, beijing_date(system::now()));
            match files::download(&name, kept.as_bytes(), "application/json") {
                Ok(()) => done.set(Some(format!(
                    "已下载密钥备份文件“{name}”，它用签名口令加密。请把它存放在安全的地方。"
                ))),
                Err(e) => error.set(Some(format!("无法下载文件（{e}）"))),
            }
            return;
        }
        match fields.checked(signing) {
            Err(e) => error.set(Some(e)),
            Ok((passphrase, key)) => task.run(async move {
                let json = passphrase_backup(&key, &passphrase).await?;
                let name = key_backup_file_name(
                    &fingerprint(&key.verifying_key()),
                    beijing_date(system::now()),
                );
                files::download(&name, json.as_bytes(), "application/json")
                    .map_err(|e| format!("无法下载文件（{e}）"))?;
                fields.clear();
                // The backup is written first: only now is a new key kept, or a sealed one
                // handed to the browser non-extractable.
                let kept = signing.backed_up(key, json)?;
                let after = if kept {
                    "签名密钥已按本页面的方式保存。"
                } else {
                    ""
                };
                Ok(format!(
                    "已下载密钥备份文件“{name}”。{after}请把它存放在安全的地方，口令另行保管：有备份文件和口令的人都能以本单位的名义签名。"
                ))
            }),
        }
    };
    view! {
        <details class="key-details">
            <summary>"备份签名密钥"</summary>
            {move || {
                if signing.is_locked() {
                    view! {
                        <p class="field-hint">
                            "签名密钥已用签名口令保护，备份文件也用签名口令加密，恢复时输入签名口令即可。"
                        </p>
                    }
                        .into_any()
                } else if signing.key.with(|k| k.kept_backup().is_some()) {
                    view! {
                        <p class="field-hint">
                            "签名密钥由浏览器保管，不能读出；这里下载的是创建密钥时写下的备份文件，用当时设置的备份口令加密。"
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="field-hint">
                            "备份文件用口令加密（Argon2id 与 XChaCha20-Poly1305）。口令至少 8 个字符，忘记口令将无法恢复。"
                        </p>
                        <NewPassphrase id="backup-passphrase" again_id="backup-passphrase-again" label="设置口令" again_label="再次输入口令" fields />
                    }
                        .into_any()
                }
            }}
            {move || error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
            {move || done.get().map(|d| view! { <p class="key-done" role="status">{d}</p> })}
            <PassphraseButton busy on_click=backup label="下载密钥备份文件" working="正在加密……" />
        </details>
    }
}
