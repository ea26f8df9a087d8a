//! Signing: this office's key (kept in the browser, backed up to a passphrase-protected file),
//! the check-answers page and the signed export, and the attachments section of the form.

pub mod attachments;
pub mod export;
pub mod key_panel;

use ed25519_dalek::SigningKey;
use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::browser::kdf;
use crate::browser::keystore::{self, KeyLoad, Protection};
use crate::model::error::UserError;
use crate::model::keys::{fingerprint, KeyBackupError};

/// A key locked by the user's passphrase: its fingerprint and its key backup file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedKey {
    pub fingerprint: String,
    pub backup: String,
}

/// This office's signing key as the county page holds it. `Copy`; created once by the page.
#[derive(Clone, Copy)]
pub struct SigningState {
    /// This office's signing key, once there is one and it is not locked.
    pub key: RwSignal<Option<SigningKey>>,
    /// The key locked by a passphrase, asked for at each signature (then `key` is `None`).
    pub locked: RwSignal<Option<LockedKey>>,
    /// Whether the stored key is still being read (it is unsealed asynchronously).
    pub loading: RwSignal<bool>,
    /// How the stored key is protected (for the key panel).
    pub protection: RwSignal<Option<Protection>>,
    /// Why the key cannot be kept in the browser (storage blocked): it lives in memory for
    /// this session only. `None` when it is stored.
    pub memory_only: RwSignal<Option<String>>,
    /// A stored key record that could not be read.
    pub damaged: RwSignal<Option<String>>,
}

impl SigningState {
    /// Starts reading the key (it arrives a moment later).
    /// While the key is being looked for (the page's first view, the same in the browser as in
    /// the HTML written at build time); `start` looks.
    pub fn new() -> Self {
        SigningState {
            key: RwSignal::new(None),
            locked: RwSignal::new(None),
            loading: RwSignal::new(true),
            protection: RwSignal::new(None),
            memory_only: RwSignal::new(None),
            damaged: RwSignal::new(None),
        }
    }

    /// Looks for this office's key in the browser.
    pub fn start(self) {
        let state = self;
        spawn_local(async move {
            match keystore::load_signing_key().await {
                KeyLoad::Found(key, protection) => {
                    state.key.set(Some(*key));
                    state.protection.set(Some(protection));
                }
                KeyLoad::Locked {
                    fingerprint,
                    backup,
                } => {
                    state.locked.set(Some(LockedKey {
                        fingerprint,
                        backup,
                    }));
                    state.protection.set(Some(Protection::Passphrase));
                }
                KeyLoad::None => {}
                KeyLoad::Damaged(message) => state.damaged.set(Some(message)),
                KeyLoad::Unavailable(error) => state.memory_only.set(Some(error.message())),
            }
            state.loading.set(false);
        });
    }

    /// The fingerprint of this office's key, if there is one (locked or not).
    pub fn fingerprint(&self) -> Memo<Option<String>> {
        let key = self.key;
        let locked = self.locked;
        Memo::new(move |_| {
            key.with(|k| k.as_ref().map(|k| fingerprint(&k.verifying_key())))
                .or_else(|| locked.with(|l| l.as_ref().map(|l| l.fingerprint.clone())))
        })
    }

    /// Makes `key` this office's key (unlocked) and stores it, sealed where the browser can.
    pub fn install(&self, key: SigningKey) {
        self.damaged.set(None);
        self.locked.set(None);
        self.key.set(Some(key.clone()));
        let state = *self;
        spawn_local(async move {
            match keystore::save_signing_key(&key).await {
                Ok(protection) => {
                    state.memory_only.set(None);
                    state.protection.set(Some(protection));
                }
                Err(error) => {
                    state.memory_only.set(Some(error.message()));
                    state.protection.set(None);
                }
            }
        });
    }

    /// Locks the key with a passphrase (`backup`: the key backup written with it): from now on
    /// it is asked for at each signature.
    pub fn lock(&self, key: &SigningKey, backup: String) -> Result<(), String> {
        let hex = fingerprint(&key.verifying_key());
        keystore::save_locked_key(&hex, &backup)
            .map_err(|e| format!("未能保存（{}）", e.message()))?;
        self.key.set(None);
        self.locked.set(Some(LockedKey {
            fingerprint: hex,
            backup,
        }));
        self.protection.set(Some(Protection::Passphrase));
        Ok(())
    }

    /// The key, generated from the browser's CSPRNG the first time it is needed. Not while the
    /// stored key is still being read, and not when it is locked (see `unlock`).
    pub fn ensure_key(&self) -> Result<SigningKey, String> {
        if let Some(key) = self.key.get_untracked() {
            return Ok(key);
        }
        if self.loading.get_untracked() {
            return Err("正在读取本机的签名密钥，请稍候再试".to_string());
        }
        if self.locked.with_untracked(Option::is_some) {
            return Err("签名密钥已用口令保护，请先输入口令".to_string());
        }
        let key = keystore::generate_signing_key()
            .map_err(|e| format!("无法生成签名密钥：浏览器的随机数发生器不可用（{e}）"))?;
        self.install(key.clone());
        Ok(key)
    }

    /// The locked key, opened with the passphrase (slow: about a second, off the page's thread
    /// where the browser allows). Not kept.
    pub async fn unlock(&self, passphrase: &str) -> Result<SigningKey, String> {
        let locked = self
            .locked
            .get_untracked()
            .ok_or_else(|| "签名密钥没有用口令保护".to_string())?;
        kdf::open_key_backup(&locked.backup, passphrase)
            .await
            .map_err(|e| match e {
                KeyBackupError::WrongPassphrase => "签名口令错误，请重新输入".to_string(),
                other => other.message(),
            })
    }
}
