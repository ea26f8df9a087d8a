//! Signing: this office's key (kept in the browser, backed up to a passphrase-protected file),
//! the check-answers page and the signed export, and the attachments section of the form.

pub mod attachments;
pub mod export;
pub mod key_panel;

use ed25519_dalek::SigningKey;
use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::browser::kdf;
use crate::browser::keystore;
use crate::model::error::UserError;
use crate::model::key_state::{KeyAction, KeyChange, KeyPolicy, KeyState, NewKey};
use crate::model::keys::{fingerprint, KeyBackupError};

/// This office's signing key as the county page holds it: one value, changed only by the
/// model's checked transitions. `Copy`; created once by the page.
#[derive(Clone, Copy)]
pub struct SigningState {
    pub key: RwSignal<KeyState>,
    /// What this page offers for keeping a key (read once; whether the browser signs Ed25519
    /// is learnt by trying, before the key is read).
    policy: RwSignal<KeyPolicy>,
    /// A new key is being stored: no second one is made meanwhile.
    saving: RwSignal<bool>,
}

impl SigningState {
    /// While the key is being looked for (the page's first view, the same in the browser as in
    /// the HTML written at build time, which knows nothing of the browser: it offers what a
    /// secure page does); `start` asks the browser and looks.
    pub fn new() -> Self {
        SigningState {
            key: RwSignal::new(KeyState::Loading),
            policy: RwSignal::new(KeyPolicy {
                secure_context: true,
                single_file: false,
                can_seal: true,
                signs_ed25519: false,
            }),
            saving: RwSignal::new(false),
        }
    }

    /// Finds what this page offers for keeping a key, and this office's key in the browser.
    pub fn start(self) {
        let state = self;
        let mut policy = keystore::page_policy();
        state.policy.set(policy);
        spawn_local(async move {
            if policy.can_seal && !policy.lock_required() {
                policy.signs_ed25519 = keystore::signs_ed25519().await;
                state.policy.set(policy);
            }
            let loaded = keystore::load_signing_key().await;
            let _ = state.apply(KeyChange::Loaded(loaded));
        });
    }

    /// What this page offers for keeping a key.
    pub fn policy(&self) -> KeyPolicy {
        self.policy.get_untracked()
    }

    /// The same, tracked: for views (it changes once, when the browser has been tried).
    pub fn watch_policy(&self) -> KeyPolicy {
        self.policy.get()
    }

    /// Takes a change the browser has carried out into the state, if the model allows it.
    pub fn apply(&self, change: KeyChange) -> Result<(), String> {
        let next = self
            .key
            .with_untracked(|now| now.after(change, &self.policy()))
            .map_err(|e| e.message())?;
        self.key.set(next);
        Ok(())
    }

    /// Whether `action` may start now; the reason in words if not.
    pub fn check(&self, action: KeyAction) -> Result<(), String> {
        self.key
            .with_untracked(|now| now.check(action, &self.policy()))
            .map_err(|e| e.message())
    }

    /// The fingerprint of this office's key, if there is one (locked or not).
    pub fn fingerprint(&self) -> Memo<Option<String>> {
        let key = self.key;
        Memo::new(move |_| key.with(KeyState::fingerprint))
    }

    /// Whether the key is locked by a passphrase (asked at each signature).
    pub fn is_locked(&self) -> bool {
        self.key.with(KeyState::is_locked)
    }

    /// Stores `key` as this office's key (unlocked), sealed where the browser can, and takes
    /// it into the state as `change` says (a new key, one restored, one unlocked).
    fn store(&self, key: SigningKey, change: fn(KeyState) -> KeyChange) {
        let state = *self;
        state.saving.set(true);
        spawn_local(async move {
            let kept = keystore::save_signing_key(key).await;
            state.saving.set(false);
            let _ = state.apply(change(kept));
        });
    }

    /// A key opened from a backup (`backup`, the file's text): this office's key from now on,
    /// kept as the page requires (locked under that backup where the lock is required).
    pub fn restore(&self, key: SigningKey, backup: &str) -> Result<(), String> {
        self.check(KeyAction::Restore)?;
        if self.policy().new_key() == NewKey::Unextractable {
            self.keep_in_browser(key, backup.to_string(), KeyChange::Restored);
            return Ok(());
        }
        if self.policy().new_key() == NewKey::Locked {
            let hex = fingerprint(&key.verifying_key());
            keystore::save_locked_key(&hex, backup)
                .map_err(|e| format!("未能保存（{}）", e.message()))?;
            return self.apply(KeyChange::Restored(KeyState::Locked {
                fingerprint: hex,
                backup: backup.to_string(),
                browser_copy_lost: false,
            }));
        }
        self.store(key, KeyChange::Restored);
        Ok(())
    }

    /// Switches the lock off: `key` (opened with the passphrase) is stored unlocked.
    pub fn unlock_for_good(&self, key: SigningKey) -> Result<(), String> {
        self.check(KeyAction::Unlock)?;
        if self.policy().new_key() == NewKey::Unextractable {
            let backup = self
                .key
                .with_untracked(|k| k.kept_backup().map(str::to_string))
                .unwrap_or_default();
            self.keep_in_browser(key, backup, KeyChange::Unlocked);
        } else {
            self.store(key, KeyChange::Unlocked);
        }
        Ok(())
    }

    /// Hands `seed` to the browser as a non-extractable key, `backup` (its key backup, already
    /// written) kept beside it, and takes it into the state as `change` says.
    fn keep_in_browser(&self, seed: SigningKey, backup: String, change: fn(KeyState) -> KeyChange) {
        let state = *self;
        state.saving.set(true);
        spawn_local(async move {
            let kept = keystore::keep_unextractable(seed.clone(), backup).await;
            state.saving.set(false);
            match kept {
                Ok(kept) => {
                    let _ = state.apply(change(kept));
                }
                // The browser refused after all: the fallback keeps the key.
                Err(_) => state.store(seed, change),
            }
        });
    }

    /// After a key backup of `seed` (the current key's, or a new one's) has been written with
    /// `backup`'s text: a new key is kept as this page keeps new keys, and a sealed or bare key
    /// is handed to the browser where it can hold it non-extractable. Whether anything changed.
    pub fn backed_up(&self, seed: SigningKey, backup: String) -> Result<bool, String> {
        let has_key = self.key.with_untracked(KeyState::has_key);
        match (has_key, self.policy().new_key()) {
            (false, NewKey::Unextractable) => {
                self.check(KeyAction::Create)?;
                self.keep_in_browser(seed, backup, KeyChange::Created);
            }
            (false, NewKey::Sealed) => {
                self.check(KeyAction::Create)?;
                self.store(seed, KeyChange::Created);
            }
            (false, NewKey::Locked) => self.lock(&seed, backup)?,
            (true, NewKey::Unextractable) if self.check(KeyAction::MakeUnextractable).is_ok() => {
                self.keep_in_browser(seed, backup, KeyChange::MadeUnextractable);
            }
            (true, _) => return Ok(false),
        }
        Ok(true)
    }

    /// Locks the key with a passphrase (`backup`: the key backup written with it), or, where
    /// there is no key yet, keeps `key` as a new key locked from the start: from now on the
    /// passphrase is asked for at each signature.
    pub fn lock(&self, key: &SigningKey, backup: String) -> Result<(), String> {
        let hex = fingerprint(&key.verifying_key());
        let creating = !self.key.with_untracked(KeyState::has_key);
        self.check(if creating {
            KeyAction::Create
        } else {
            KeyAction::Lock
        })?;
        keystore::save_locked_key(&hex, &backup)
            .map_err(|e| format!("未能保存（{}）", e.message()))?;
        if creating {
            self.apply(KeyChange::Created(KeyState::Locked {
                fingerprint: hex,
                backup,
                browser_copy_lost: false,
            }))
        } else {
            self.apply(KeyChange::LockedWith { backup })
        }
    }

    /// The seed for a passphrase to protect: the key's, where this page holds it open, or a
    /// new one where there is no key yet (kept only once its backup or lock is written).
    pub fn seed_to_protect(&self) -> Result<SigningKey, String> {
        if let Some(key) = self.key.with_untracked(|k| k.seed().cloned()) {
            return Ok(key);
        }
        self.check(KeyAction::Create)?;
        if self.saving.get_untracked() {
            return Err("正在保存签名密钥，请稍候再试".to_string());
        }
        keystore::generate_signing_key()
            .map_err(|e| format!("无法生成签名密钥：浏览器的随机数发生器不可用（{e}）"))
    }

    /// The key's seed, generated from the browser's CSPRNG the first time it is needed where
    /// this page keeps a new key without a passphrase. Not while the stored key is still being
    /// read, not when it is locked (see `unlock`), and not where a new key needs a passphrase.
    pub fn ensure_key(&self) -> Result<SigningKey, String> {
        if let Some(key) = self.key.with_untracked(|k| k.seed().cloned()) {
            return Ok(key);
        }
        if self.key.with_untracked(KeyState::has_key) {
            // Locked, or held by the browser: no seed to hand out.
            return Err("签名密钥已用口令保护，请先输入口令".to_string());
        }
        self.check(KeyAction::Create)?;
        if self.policy().passphrase_to_create() {
            return Err(
                "在本页面上创建签名密钥须设置签名口令，请在“签名密钥”的“每次签名前输入口令”中设置口令，同时创建密钥"
                    .to_string(),
            );
        }
        // Where the browser holds keys non-extractable, the new key is sealed until its first
        // backup (see `backed_up`).
        let key = self.seed_to_protect()?;
        self.store(key.clone(), KeyChange::Created);
        Ok(key)
    }

    /// The locked key, opened with the passphrase (slow: about a second, off the page's thread
    /// where the browser allows). Not kept.
    pub async fn unlock(&self, passphrase: &str) -> Result<SigningKey, String> {
        let backup = self
            .key
            .with_untracked(|k| k.kept_backup().map(str::to_string))
            .ok_or_else(|| "签名密钥没有用口令保护".to_string())?;
        kdf::open_key_backup(&backup, passphrase)
            .await
            .map_err(|e| match e {
                KeyBackupError::WrongPassphrase => "签名口令错误，请重新输入".to_string(),
                other => other.message(),
            })
    }
}
