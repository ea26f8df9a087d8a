//! 导出签名申报文件: the button on the form, and the check-answers page that signs the cleaned
//! declaration and downloads it.

use ed25519_dalek::{SigningKey, VerifyingKey};
use leptos::prelude::*;

use crate::model::declaration::Declaration;
use crate::model::error::UserError;
use crate::model::key_state::KeyState;
use crate::model::paper::{PaperBinding, SignedCopy};

use crate::browser::{self, files, system};
use crate::model::display::{beijing_date, beijing_time_display};
use crate::model::export::signed_file_name;
use crate::model::signed_file::{sign, to_be_signed, to_json_bytes, with_signature, SignedFile};
use crate::model::validate::Report;
use crate::ui::common::review::DeclarationReview;
use crate::ui::common::{Fingerprint, NOT_A_SEAL};
use crate::ui::drafts::session::DraftSession;
use crate::ui::error_summary::SUMMARY_ID;
use crate::ui::fields::PlainInput;
use crate::ui::navigation::View;
use crate::ui::signing::key_panel::{KeyPanel, PassphraseProgress};
use crate::ui::signing::SigningState;
use crate::ui::state::FormState;

pub const EXPORT_HEADING_ID: &str = "export-title";
const EXPORT_DONE_ID: &str = "export-done";

/// "导出签名申报文件" beside "检查填写内容": opens the check-answers page if the form has no
/// errors; otherwise runs the check and shows what to fix.
#[component]
pub fn ExportButton(state: FormState, view: RwSignal<View>) -> impl IntoView {
    let open = move |_| {
        if state.report.with_untracked(Report::is_clean) {
            view.set(View::Export);
            request_animation_frame(|| {
                browser::focus_element(EXPORT_HEADING_ID);
            });
        } else {
            state.checked.set(true);
            request_animation_frame(|| {
                browser::focus_element(SUMMARY_ID);
            });
        }
    };
    view! {
        <button
            type="button"
            class="button button-secondary"
            on:click=open
        >
            "导出签名申报文件"
        </button>
    }
}

/// The facts of a file just signed and downloaded, with the content it was made from.
#[derive(Clone, PartialEq)]
struct Exported {
    declaration: Declaration,
    file_name: String,
    fingerprint: String,
    digest: String,
    signed_at: String,
}

/// The check-answers page: everything once more, read-only, then sign and download.
#[component]
pub fn ExportPage(
    state: FormState,
    signing: SigningState,
    session: DraftSession,
    view: RwSignal<View>,
) -> impl IntoView {
    let errors = Memo::new(move |_| state.report.with(Report::error_count));
    let cleaned = state.select(|d| d.cleaned());
    let last_export = RwSignal::new(None::<Exported>);
    // Shown only while the form still holds what was exported: a later change makes it stale.
    let exported = Memo::new(move |_| {
        last_export
            .get()
            .filter(|done| cleaned.with(|now| *now == done.declaration))
    });
    let error = RwSignal::new(None::<String>);

    let back = move |_| {
        view.set(View::Form);
    };
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let signer = Signer {
        state,
        signing,
        session,
        passphrase,
        busy,
        error,
        last_export,
    };
    let sign_and_download = move |_| signer.sign_and_download();

    view! {
        <div class="export-page">
            <h2 id=EXPORT_HEADING_ID class="sign-page-title" tabindex="-1">"导出签名申报文件"</h2>
            <p class="sign-disclaimer">{NOT_A_SEAL}</p>
            {move || match errors.get() {
                0 => {
                    view! {
                        <p class="lead">
                            "请再核对一遍以下内容。确认无误后，点“确认并签名导出”：本机的签名密钥对这些内容签名，并下载签名申报文件（.json），与盖章的纸质申报表一同报送。"
                        </p>
                        <ExportDone exported view />
                        <div class="review">
                            {move || {
                                view! {
                                    <DeclarationReview declaration=cleaned.get() id_prefix="export" />
                                }
                            }}
                        </div>
                        <AttachmentBinding cleaned />
                        <KeyPanel signing />
                        <SignPassphrase signing passphrase />
                        {move || error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
                        <div class="form-actions">
                            <button
                                type="button"
                                class="button button-primary"
                                disabled=move || busy.get()
                                on:click=sign_and_download
                            >
                                {move || if busy.get() { "正在解密签名密钥……" } else { "确认并签名导出" }}
                            </button>
                            <button type="button" class="button button-secondary" on:click=back>
                                "返回修改"
                            </button>
                        </div>
                        <PassphraseProgress busy />
                    }
                        .into_any()
                }
                errors => view! { <CannotSignYet errors state signing view /> }.into_any(),
            }}
        </div>
    }
}

/// What 确认并签名导出 does, with the signals it reads and sets: sign by whichever key the page
/// holds (the browser's, the one in this page, or the backup unlocked by its passphrase), then
/// download the file and keep its copy beside the draft.
#[derive(Clone, Copy)]
struct Signer {
    state: FormState,
    signing: SigningState,
    session: DraftSession,
    passphrase: RwSignal<String>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    last_export: RwSignal<Option<Exported>>,
}

impl Signer {
    /// The signed file (however it was signed at `now`) downloaded, and kept beside the draft.
    fn deliver(self, now: chrono::DateTime<chrono::Utc>, file: Result<SignedFile, String>) {
        let session = self.session;
        let result = (|| {
            let file = file?;
            let file_name = signed_file_name(&file.declaration, beijing_date(now));
            let digest = file.content_digest().map_err(|e| e.message())?;
            let copy = SignedCopy {
                declaration: file.declaration.clone(),
                binding: PaperBinding {
                    fingerprint: file.signature.key_fingerprint.clone(),
                    digest: digest.clone(),
                },
            };
            // Kept beside the draft, so that a print after a reload still carries the binding.
            session.keep_signed_copy(copy);
            files::download(&file_name, &to_json_bytes(&file), "application/json")
                .map_err(|e| format!("无法下载文件（{e}）"))?;
            Ok::<Exported, String>(Exported {
                declaration: file.declaration.clone(),
                file_name,
                fingerprint: file.signature.key_fingerprint.clone(),
                digest,
                signed_at: beijing_time_display(now),
            })
        })();
        match result {
            Ok(done) => {
                self.last_export.set(Some(done));
                request_animation_frame(|| {
                    browser::focus_element(EXPORT_DONE_ID);
                });
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    fn sign_with(self, key: SigningKey) {
        let now = system::now();
        let file = self
            .state
            .declaration
            .with_untracked(|d| sign(d, &key, now))
            .map_err(|e| e.message());
        self.deliver(now, file);
    }

    /// By the key the browser holds: the same file, its signature made by `crypto.subtle`.
    fn sign_in_browser(self, public: VerifyingKey) {
        let now = system::now();
        let prepared = self
            .state
            .declaration
            .with_untracked(|d| to_be_signed(d, &public, now))
            .map_err(|e| e.message());
        let (file, message) = match prepared {
            Ok(prepared) => prepared,
            Err(e) => return self.error.set(Some(e)),
        };
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let signature = browser::keystore::browser_sign(&public, &message).await;
            self.busy.set(false);
            let file = signature
                .map_err(|e| format!("浏览器未能签名，请刷新页面后重试（{e}）"))
                .and_then(|s| with_signature(file, &s).map_err(|e| e.message()));
            self.deliver(now, file);
        });
    }

    fn sign_and_download(self) {
        self.error.set(None);
        let browser_key = self.signing.key.with_untracked(|k| match k {
            KeyState::Unextractable { public_key, .. } => Some(*public_key),
            _ => None,
        });
        if let Some(public) = browser_key {
            self.sign_in_browser(public);
            return;
        }
        if !self.signing.key.with_untracked(KeyState::is_locked) {
            match self.signing.ensure_key() {
                Ok(key) => self.sign_with(key),
                Err(e) => self.error.set(Some(e)),
            }
            return;
        }
        let typed = self.passphrase.get_untracked();
        if typed.is_empty() {
            self.error.set(Some("请输入签名口令".to_string()));
            return;
        }
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let unlocked = self.signing.unlock(&typed).await;
            self.busy.set(false);
            match unlocked {
                Ok(key) => {
                    self.passphrase.set(String::new());
                    self.sign_with(key);
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }
}

/// 还不能签名导出: how many problems are left, the way back to them, and the key panel.
#[component]
fn CannotSignYet(
    errors: usize,
    state: FormState,
    signing: SigningState,
    view: RwSignal<View>,
) -> impl IntoView {
    let back_to_fix = move |_| {
        state.checked.set(true);
        view.set(View::Form);
        request_animation_frame(|| {
            browser::focus_element(SUMMARY_ID);
        });
    };
    view! {
        <div class="error-summary" role="alert">
            <h2>"还不能签名导出"</h2>
            <p>{format!("申报表还有 {errors} 处需要修改，修改后才能签名导出。")}</p>
            <button type="button" class="button button-primary" on:click=back_to_fix>
                "返回修改"
            </button>
        </div>
        <KeyPanel signing />
    }
}

/// 已签名并下载: the file just made, while the form still holds what it was made from.
#[component]
fn ExportDone(exported: Memo<Option<Exported>>, view: RwSignal<View>) -> impl IntoView {
    move || {
        exported.get().map(|done| {
            view! {
                <div id=EXPORT_DONE_ID class="success-summary" role="status" tabindex="-1">
                    <h2>"已签名并下载"</h2>
                    <dl class="facts">
                        <dt>"文件名"</dt>
                        <dd class="file-name">{done.file_name}</dd>
                        <dt>"签名时间"</dt>
                        <dd>{done.signed_at}" （北京时间）"</dd>
                        <dt>"密钥指纹"</dt>
                        <dd><Fingerprint hex=done.fingerprint /></dd>
                        <dt>"内容摘要"</dt>
                        <dd><Fingerprint hex=done.digest /></dd>
                    </dl>
                    <p>
                        "现在打印的申报表，页面底部印有密钥指纹、内容摘要和二维码，市美镇办可据此核对纸质件与签名申报文件是否一致。修改申报表后须重新签名导出。"
                    </p>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| view.set(View::Print)
                    >
                        "打印申报表"
                    </button>
                </div>
            }
        })
    }
}

/// What the signature covers of the attachments (their digests), or how to add them.
#[component]
fn AttachmentBinding(cleaned: Memo<Declaration>) -> impl IntoView {
    view! {
        <p class="attachment-binding">
            {move || {
                let n = cleaned.with(|d| d.attachments.len());
                if n == 0 {
                    "没有附件。如有具体方案等附件，请返回在“六、附件”中添加，签名会连同附件的摘要一起签署。"
                        .to_string()
                } else {
                    format!(
                        "签名包含上列 {n} 个附件的 SHA-256 摘要：附件在签名后有任何改动，市美镇办核对时都会发现。请把附件文件与签名申报文件一并报送。"
                    )
                }
            }}
        </p>
    }
}

/// 签名口令, asked for only while the key is locked by one.
#[component]
fn SignPassphrase(signing: SigningState, passphrase: RwSignal<String>) -> impl IntoView {
    move || {
        signing.is_locked().then(|| {
            view! {
                <PlainInput
                    id="sign-passphrase"
                    label="签名口令"
                    hint="签名密钥已用口令保护，每次签名前须输入口令。"
                    value=passphrase
                    input_type="password"
                    class="input input-medium"
                    autocomplete="current-password"
                />
            }
        })
    }
}
