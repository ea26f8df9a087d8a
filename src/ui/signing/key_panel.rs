//! 签名密钥: this office's key — its fingerprint, how it is kept, creating it, the optional
//! passphrase lock ("每次签名前输入口令"), backing it up to a passphrase-protected file and
//! restoring it (asking first before replacing another key).

use ed25519_dalek::SigningKey;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::keystore::Protection;
use crate::browser::{files, kdf, keystore, system};
use crate::model::display::beijing_date;
use crate::model::encoding::fingerprint_groups;
use crate::model::error::UserError;
use crate::model::export::key_backup_file_name;
use crate::model::keys::{
    fingerprint, read_key_backup_info, seal_key_backup, KdfParams, KdfRequest, MAX_BACKUP_BYTES,
    NONCE_LEN, SALT_LEN,
};
use crate::ui::common::Fingerprint;
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
struct PassphraseTask {
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: RwSignal<Option<String>>,
}

impl PassphraseTask {
    fn new() -> Self {
        PassphraseTask {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            done: RwSignal::new(None),
        }
    }

    /// Before a new attempt: no message.
    fn clear(self) {
        self.error.set(None);
        self.done.set(None);
    }

    /// Runs `work` while `busy`; its message goes to `done`, its error to `error`.
    fn run(self, work: impl std::future::Future<Output = Result<String, String>> + 'static) {
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
fn PassphraseButton(
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

/// A new passphrase, typed twice side by side.
#[component]
fn NewPassphrase(
    id: &'static str,
    again_id: &'static str,
    label: &'static str,
    again_label: &'static str,
    first: RwSignal<String>,
    second: RwSignal<String>,
) -> impl IntoView {
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

/// A new passphrase typed twice, checked, and the key it is for (made if there is none yet).
fn new_passphrase_and_key(
    signing: SigningState,
    first: RwSignal<String>,
    second: RwSignal<String>,
) -> Result<(String, SigningKey), String> {
    let passphrase = first.get_untracked();
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(format!("口令至少 {MIN_PASSPHRASE_CHARS} 个字符"));
    }
    if passphrase != second.get_untracked() {
        return Err("两次输入的口令不一致".to_string());
    }
    Ok((passphrase, signing.ensure_key()?))
}

/// The key encrypted under a passphrase (the key backup file's format), with fresh randomness.
async fn passphrase_backup(key: &SigningKey, passphrase: &str) -> Result<String, String> {
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
fn PassphraseLock(signing: SigningState) -> impl IntoView {
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let task = PassphraseTask::new();
    let PassphraseTask { busy, error, done } = task;
    let is_locked = move || signing.locked.with(Option::is_some);
    let enable = move |_| {
        task.clear();
        match new_passphrase_and_key(signing, first, second) {
            Err(e) => error.set(Some(e)),
            Ok((passphrase, key)) => task.run(async move {
                let backup = passphrase_backup(&key, &passphrase).await?;
                signing.lock(&key, backup)?;
                first.set(String::new());
                second.set(String::new());
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
            signing.install(key);
            Ok("已关闭口令保护，签名时不再需要输入口令。".to_string())
        });
    };
    view! {
        <details class="key-details">
            <summary>"每次签名前输入口令"</summary>
            {move || {
                if is_locked() {
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
                        <NewPassphrase id="lock-passphrase" again_id="lock-passphrase-again" label="设置签名口令" again_label="再次输入签名口令" first second />
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

/// 备份签名密钥: two passphrase fields and a download.
#[component]
fn KeyBackup(signing: SigningState) -> impl IntoView {
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let task = PassphraseTask::new();
    let PassphraseTask { busy, error, done } = task;
    let backup = move |_| {
        task.clear();
        if let Some(locked) = signing.locked.get_untracked() {
            // Locked: the stored key already is a backup, under the signing passphrase.
            let name = key_backup_file_name(&locked.fingerprint, beijing_date(system::now()));
            match files::download(&name, locked.backup.as_bytes(), "application/json") {
                Ok(()) => done.set(Some(format!(
                    "已下载密钥备份文件“{name}”，它用签名口令加密。请把它存放在安全的地方。"
                ))),
                Err(e) => error.set(Some(format!("无法下载文件（{e}）"))),
            }
            return;
        }
        match new_passphrase_and_key(signing, first, second) {
            Err(e) => error.set(Some(e)),
            Ok((passphrase, key)) => task.run(async move {
                let json = passphrase_backup(&key, &passphrase).await?;
                let name = key_backup_file_name(
                    &fingerprint(&key.verifying_key()),
                    beijing_date(system::now()),
                );
                files::download(&name, json.as_bytes(), "application/json")
                    .map_err(|e| format!("无法下载文件（{e}）"))?;
                first.set(String::new());
                second.set(String::new());
                Ok(format!(
                    "已下载密钥备份文件“{name}”。请把它存放在安全的地方，口令另行保管：有备份文件和口令的人都能以本单位的名义签名。"
                ))
            }),
        }
    };
    view! {
        <details class="key-details">
            <summary>"备份签名密钥"</summary>
            {move || {
                if signing.locked.with(Option::is_some) {
                    view! {
                        <p class="field-hint">
                            "签名密钥已用签名口令保护，备份文件也用签名口令加密，恢复时输入签名口令即可。"
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="field-hint">
                            "备份文件用口令加密（Argon2id 与 XChaCha20-Poly1305）。口令至少 8 个字符，忘记口令将无法恢复。"
                        </p>
                        <NewPassphrase id="backup-passphrase" again_id="backup-passphrase-again" label="设置口令" again_label="再次输入口令" first second />
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

/// A chosen backup file: its name and text, and whose key it holds.
#[derive(Clone)]
struct ChosenBackup {
    name: String,
    text: String,
    fingerprint: String,
}

/// 从备份文件恢复: a file, its passphrase, and a confirmation before replacing another key.
#[component]
fn KeyRestore(signing: SigningState) -> impl IntoView {
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
        let Some(file) = files::files_from_change(&ev).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            match files::read_file(&file, MAX_BACKUP_BYTES as u64).await {
                Err(files::ReadError::TooLarge { .. }) => {
                    error.set(Some("文件过大，不是密钥备份文件".to_string()))
                }
                Err(files::ReadError::Unreadable(e)) => {
                    error.set(Some(format!("无法读取文件（{e}）")))
                }
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    match read_key_backup_info(&text) {
                        Ok(info) => chosen.set(Some(ChosenBackup {
                            name,
                            text,
                            fingerprint: info.fingerprint,
                        })),
                        Err(e) => error.set(Some(e.message())),
                    }
                }
            }
        });
    };

    let finish = move |key: SigningKey| {
        let hex = fingerprint(&key.verifying_key());
        signing.install(key);
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
            {move || {
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
            }}
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
