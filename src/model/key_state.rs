//! The signing key as the county page holds it: one value, [`KeyState`], from the first read of
//! the stored record to every signature; how a new key is kept on this page ([`KeyPolicy`]);
//! and every change of state as a checked transition ([`KeyState::after`]). The browser does
//! the work (`browser::keystore`); what is allowed, and what the key panel says about each
//! state, is decided here and tested natively.
//!
//! The kinds of key, strongest first:
//!
//! - **Unextractable**: where the browser signs Ed25519 itself (WebCrypto, feature-detected:
//!   Chromium 137+, Firefox 129+, Safari 17+), the key is a non-extractable `CryptoKey` kept in
//!   IndexedDB and signs through `crypto.subtle.sign`. No script can read it; a script of the same
//!   origin can still *use* it while it runs. Its seed exists only while the key is created or
//!   restored: the passphrase-protected key backup is written first (offered as a download and
//!   kept beside the record, so that 备份签名密钥 can give it again), then the seed is imported
//!   non-extractable and wiped. A key made non-extractable cannot be backed up afterwards, so
//!   there is no such key without its backup.
//! - **Locked**: the key backup itself, opened with its passphrase at each signature. A new key
//!   must be locked where the page is not a secure context (plain http: the browser offers no
//!   WebCrypto there) and in the single-file edition (every page opened from a file shares its
//!   storage).
//! - **Sealed**, the fallback where the browser cannot sign Ed25519: the seed sealed with
//!   AES-GCM under a non-extractable device key. It keeps a copy of the stored data alone
//!   useless, but a script of the same origin can unseal it.
//! - **Bare**: an older version's record where the page cannot seal it; **MemoryOnly**: storage
//!   refused, the key lives in this page only.

#[cfg(test)]
mod tests;

use ed25519_dalek::{SigningKey, VerifyingKey};

use super::error::UserError;
use super::keys::{fingerprint, read_key_backup_info};

/// What the page offers for keeping a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPolicy {
    /// `window.isSecureContext`: https, localhost or a file; not plain http on an intranet.
    pub secure_context: bool,
    /// The single-file edition, or any page opened from a file.
    pub single_file: bool,
    /// WebCrypto and IndexedDB are there: a seed can be sealed by a device key.
    pub can_seal: bool,
    /// The browser signs Ed25519 with a non-extractable key it keeps (tried, never assumed from
    /// a version number).
    pub signs_ed25519: bool,
}

/// How a new (or restored) key is kept on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKey {
    /// A non-extractable key the browser holds, its backup written first.
    Unextractable,
    /// Locked by its passphrase, asked at each signature.
    Locked,
    /// Sealed by the browser's device key: the fallback.
    Sealed,
}

impl KeyPolicy {
    /// Whether every key kept on this page must be locked by a passphrase: pages that are not a
    /// secure context, and the single-file edition.
    pub fn lock_required(&self) -> bool {
        !self.secure_context || self.single_file
    }

    /// How a new key is kept here.
    pub fn new_key(&self) -> NewKey {
        if self.lock_required() {
            NewKey::Locked
        } else if self.signs_ed25519 && self.can_seal {
            NewKey::Unextractable
        } else if self.can_seal {
            NewKey::Sealed
        } else {
            // A secure page without WebCrypto or IndexedDB (blocked by policy): nothing but
            // the passphrase can protect the key.
            NewKey::Locked
        }
    }

    /// Whether creating a key asks for a passphrase (the lock's). Where the browser holds keys
    /// non-extractable, a new key is first sealed and becomes non-extractable at its first
    /// backup: a key without a backup must stay one that can be backed up, and signing must
    /// not wait for a passphrase the user has not chosen yet.
    pub fn passphrase_to_create(&self) -> bool {
        self.new_key() == NewKey::Locked
    }

    /// The top banner's one sentence on a page that requires the lock, saying why.
    pub fn banner(&self) -> Option<&'static str> {
        if self.single_file {
            Some(
                "单文件版与本机其他网页文件共用浏览器的存储，为免它们使用本单位的签名密钥，签名密钥须用口令保护，每次签名前输入口令。",
            )
        } else if !self.secure_context {
            Some(
                "本页面不是通过安全连接打开的，浏览器在这里不能保护签名密钥，因此签名密钥须用口令保护，每次签名前输入口令。",
            )
        } else {
            None
        }
    }
}

/// This office's signing key, as the page holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// The stored record is being read (a sealed or browser-held key is opened asynchronously).
    Loading,
    /// No key yet.
    Absent,
    /// A non-extractable key the browser holds and signs with; `backup` is its key backup file,
    /// under the passphrase chosen when it was created or restored.
    Unextractable {
        public_key: VerifyingKey,
        backup: String,
    },
    /// The seed, sealed at rest by the browser's device key (the fallback), open in this page.
    Sealed(Box<SigningKey>),
    /// The seed, stored bare where this page cannot seal it; `why` says why, for users.
    Bare { key: Box<SigningKey>, why: String },
    /// The seed, not stored at all (storage refused): it lasts as long as this page.
    MemoryOnly { key: Box<SigningKey>, why: String },
    /// Locked by a passphrase, asked at each signature: its key backup file's text.
    /// `browser_copy_lost`: the record was of a browser-held key the browser no longer has (or,
    /// on this page, cannot use), so the backup kept beside it is what is left.
    Locked {
        fingerprint: String,
        backup: String,
        browser_copy_lost: bool,
    },
    /// A stored record that cannot be read; it is left untouched. The text says why.
    Damaged(String),
}

/// What a user asks of the key (checked before any work is started).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAction {
    Create,
    /// 每次签名前输入口令: switch the lock on.
    Lock,
    /// Switch the lock off.
    Unlock,
    /// 从备份文件恢复.
    Restore,
    /// A sealed or bare key made non-extractable, its backup written first.
    MakeUnextractable,
    Sign,
}

/// A change the browser has carried out, to be taken into the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyChange {
    /// The stored key has been read.
    Loaded(KeyState),
    /// A new key was made and is kept as this.
    Created(KeyState),
    /// The lock is on: the stored key is now this key backup.
    LockedWith { backup: String },
    /// The lock is off: the key, opened with its passphrase, is kept as this.
    Unlocked(KeyState),
    /// A key from a backup file, kept as this.
    Restored(KeyState),
    /// A sealed or bare key, now held by the browser.
    MadeUnextractable(KeyState),
}

impl KeyChange {
    fn action(&self) -> Option<KeyAction> {
        match self {
            KeyChange::Loaded(_) => None,
            KeyChange::Created(_) => Some(KeyAction::Create),
            KeyChange::LockedWith { .. } => Some(KeyAction::Lock),
            KeyChange::Unlocked(_) => Some(KeyAction::Unlock),
            KeyChange::Restored(_) => Some(KeyAction::Restore),
            KeyChange::MadeUnextractable(_) => Some(KeyAction::MakeUnextractable),
        }
    }
}

/// Why something cannot be done to the key now; its `UserError::message` is for users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyStateError {
    StillLoading,
    NoKey,
    /// A key exists: a new one would replace it unasked.
    KeyExists,
    AlreadyLocked,
    NotLocked,
    /// This page keeps keys only under the passphrase lock.
    LockRequired,
    /// The key the browser came back with is not this office's key.
    OtherKey,
    /// Storage refused: the lock cannot be kept.
    NotStored,
    /// Only a sealed or bare key can be made non-extractable, and only where the browser
    /// holds such keys.
    CannotMakeUnextractable,
    /// The stored record cannot be read.
    Damaged,
    /// A change that is not a kept key where one is expected (a fault of the caller).
    NotAKey,
}

impl UserError for KeyStateError {
    fn message(&self) -> String {
        match self {
            KeyStateError::StillLoading => "正在读取本机的签名密钥，请稍候再试",
            KeyStateError::NoKey => "本机尚未创建签名密钥，请先在“签名密钥”中创建",
            KeyStateError::KeyExists => "本机已有签名密钥。要换用别的密钥，请用“从备份文件恢复”",
            KeyStateError::AlreadyLocked => "签名密钥已用口令保护",
            KeyStateError::NotLocked => "签名密钥没有用口令保护",
            KeyStateError::LockRequired => {
                "在本页面上，签名密钥必须用口令保护，不能关闭（原因见页面顶部的说明）"
            }
            KeyStateError::OtherKey => "得到的密钥与本机的签名密钥不符，未作改动",
            KeyStateError::NotStored => {
                "浏览器不允许本页面保存数据，签名密钥只在本次打开的页面中有效，无法启用口令保护"
            }
            KeyStateError::CannotMakeUnextractable => {
                "本浏览器不能由浏览器保管签名密钥，或本机的签名密钥已由浏览器保管"
            }
            KeyStateError::Damaged => {
                "浏览器中保存的签名密钥无法读取，请从备份文件恢复，或创建新的签名密钥"
            }
            KeyStateError::NotAKey => "签名密钥的状态有误，请刷新页面后重试",
        }
        .to_string()
    }
}

/// How a signature is made with the current key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySigner<'a> {
    /// With the seed this page holds.
    Seed(&'a SigningKey),
    /// By the browser, with the non-extractable key of this public key.
    Browser(&'a VerifyingKey),
    /// With the seed the passphrase opens from this key backup.
    Passphrase(&'a str),
}

/// What the key panel says about how the key is kept: a plain statement, or a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyNote {
    pub warning: bool,
    pub text: String,
}

impl KeyState {
    /// The key's fingerprint, if there is a key (locked or not).
    pub fn fingerprint(&self) -> Option<String> {
        match self {
            KeyState::Unextractable { public_key, .. } => Some(fingerprint(public_key)),
            KeyState::Sealed(key)
            | KeyState::Bare { key, .. }
            | KeyState::MemoryOnly { key, .. } => Some(fingerprint(&key.verifying_key())),
            KeyState::Locked { fingerprint, .. } => Some(fingerprint.clone()),
            KeyState::Loading | KeyState::Absent | KeyState::Damaged(_) => None,
        }
    }

    /// Whether this is a key (of any kind), as opposed to loading, none, or a damaged record.
    pub fn has_key(&self) -> bool {
        self.fingerprint().is_some()
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, KeyState::Loading)
    }

    pub fn is_locked(&self) -> bool {
        matches!(self, KeyState::Locked { .. })
    }

    /// The key backup kept in the browser (a browser-held key's, or the locked key itself),
    /// under the passphrase chosen for it: what 备份签名密钥 gives for a key whose seed the page
    /// cannot read.
    pub fn kept_backup(&self) -> Option<&str> {
        match self {
            KeyState::Unextractable { backup, .. } | KeyState::Locked { backup, .. } => {
                Some(backup)
            }
            _ => None,
        }
    }

    /// The seed, where this page holds it open (a backup can then be made with any passphrase).
    pub fn seed(&self) -> Option<&SigningKey> {
        match self {
            KeyState::Sealed(key)
            | KeyState::Bare { key, .. }
            | KeyState::MemoryOnly { key, .. } => Some(key),
            _ => None,
        }
    }

    /// Whether `action` may start now on a page with `policy`.
    pub fn check(&self, action: KeyAction, policy: &KeyPolicy) -> Result<(), KeyStateError> {
        if self.is_loading() {
            return Err(KeyStateError::StillLoading);
        }
        match action {
            KeyAction::Create => {
                if self.has_key() {
                    Err(KeyStateError::KeyExists)
                } else {
                    Ok(())
                }
            }
            KeyAction::Restore => Ok(()),
            KeyAction::Lock => match self {
                KeyState::Locked { .. } => Err(KeyStateError::AlreadyLocked),
                KeyState::MemoryOnly { .. } => Err(KeyStateError::NotStored),
                KeyState::Damaged(_) => Err(KeyStateError::Damaged),
                _ if self.has_key() => Ok(()),
                _ => Err(KeyStateError::NoKey),
            },
            KeyAction::Unlock => match self {
                KeyState::Locked { .. } if policy.lock_required() => {
                    Err(KeyStateError::LockRequired)
                }
                KeyState::Locked { .. } => Ok(()),
                KeyState::Damaged(_) => Err(KeyStateError::Damaged),
                _ if self.has_key() => Err(KeyStateError::NotLocked),
                _ => Err(KeyStateError::NoKey),
            },
            KeyAction::MakeUnextractable => match self {
                KeyState::Sealed(_) | KeyState::Bare { .. }
                    if policy.new_key() == NewKey::Unextractable =>
                {
                    Ok(())
                }
                _ if self.has_key() => Err(KeyStateError::CannotMakeUnextractable),
                KeyState::Damaged(_) => Err(KeyStateError::Damaged),
                _ => Err(KeyStateError::NoKey),
            },
            KeyAction::Sign => match self {
                KeyState::Damaged(_) => Err(KeyStateError::Damaged),
                _ if self.has_key() => Ok(()),
                _ => Err(KeyStateError::NoKey),
            },
        }
    }

    /// How to sign with the key now.
    pub fn signer(&self) -> Result<KeySigner<'_>, KeyStateError> {
        match self {
            KeyState::Unextractable { public_key, .. } => Ok(KeySigner::Browser(public_key)),
            KeyState::Sealed(key)
            | KeyState::Bare { key, .. }
            | KeyState::MemoryOnly { key, .. } => Ok(KeySigner::Seed(key)),
            KeyState::Locked { backup, .. } => Ok(KeySigner::Passphrase(backup)),
            KeyState::Loading => Err(KeyStateError::StillLoading),
            KeyState::Absent => Err(KeyStateError::NoKey),
            KeyState::Damaged(_) => Err(KeyStateError::Damaged),
        }
    }

    /// The state after `change`, if it may happen now on a page with `policy`: the action must
    /// be allowed (see [`Self::check`]), and what the browser came back with must fit it — a
    /// kept key where one is expected, the same key for the lock and the way back, a locked
    /// key where the page requires the lock.
    pub fn after(&self, change: KeyChange, policy: &KeyPolicy) -> Result<KeyState, KeyStateError> {
        let Some(action) = change.action() else {
            return match (self, change) {
                (KeyState::Loading, KeyChange::Loaded(KeyState::Loading)) => {
                    Err(KeyStateError::NotAKey)
                }
                (KeyState::Loading, KeyChange::Loaded(loaded)) => Ok(loaded),
                _ => Err(KeyStateError::NotAKey),
            };
        };
        self.check(action, policy)?;
        let kept = |state: KeyState| -> Result<KeyState, KeyStateError> {
            if !state.has_key() {
                return Err(KeyStateError::NotAKey);
            }
            let allowed_here =
                matches!(state, KeyState::Locked { .. } | KeyState::MemoryOnly { .. });
            if policy.lock_required() && !allowed_here {
                return Err(KeyStateError::LockRequired);
            }
            Ok(state)
        };
        let same_key = |state: &KeyState| {
            if state.fingerprint() == self.fingerprint() {
                Ok(())
            } else {
                Err(KeyStateError::OtherKey)
            }
        };
        match change {
            KeyChange::Loaded(_) => Err(KeyStateError::NotAKey),
            KeyChange::Created(state) | KeyChange::Restored(state) => kept(state),
            KeyChange::LockedWith { backup } => {
                let info = read_key_backup_info(&backup).map_err(|_| KeyStateError::NotAKey)?;
                if Some(&info.fingerprint) != self.fingerprint().as_ref() {
                    return Err(KeyStateError::OtherKey);
                }
                Ok(KeyState::Locked {
                    fingerprint: info.fingerprint,
                    backup,
                    browser_copy_lost: false,
                })
            }
            KeyChange::Unlocked(state) => {
                if state.is_locked() {
                    return Err(KeyStateError::NotAKey);
                }
                same_key(&state)?;
                kept(state)
            }
            KeyChange::MadeUnextractable(state) => {
                if !matches!(state, KeyState::Unextractable { .. }) {
                    return Err(KeyStateError::NotAKey);
                }
                same_key(&state)?;
                kept(state)
            }
        }
    }

    /// What the key panel says about how the key is kept on a page with `policy`, truthfully:
    /// what each kind protects against and what it does not.
    pub fn note(&self, policy: &KeyPolicy) -> Option<KeyNote> {
        let plain = |text: &str| {
            Some(KeyNote {
                warning: false,
                text: text.to_string(),
            })
        };
        let warning = |text: String| {
            Some(KeyNote {
                warning: true,
                text,
            })
        };
        match self {
            KeyState::Unextractable { .. } => plain(
                "签名密钥由浏览器保管，设为不可读出：任何网页和脚本都不能读出或复制它，复制浏览器的数据也拿不走它。\
                 但它不能防范一切：本网址下的其他网页或恶意扩展在本浏览器中运行时，可以借用它签名。\
                 本浏览器中另存有一份用备份口令加密的密钥备份，有人复制它后可以反复猜口令，请使用不易猜到的长口令。",
            ),
            KeyState::Sealed(_) if policy.new_key() == NewKey::Unextractable => warning(
                "签名密钥加密后保存在本浏览器中，加密用的密钥由浏览器保管，单独复制浏览器保存的数据无法取得签名密钥。\
                 但本网址下的其他网页或恶意扩展可以解开它、把它复制走。\
                 请立即“备份签名密钥”：备份后，签名密钥交由浏览器保管，任何网页和脚本都不能再读出它。"
                    .to_string(),
            ),
            KeyState::Sealed(_) => plain(
                "签名密钥加密后保存在本浏览器中，加密用的密钥由浏览器保管，单独复制浏览器保存的数据无法取得签名密钥。\
                 但本网址下的其他网页或恶意扩展可以解开它、把它复制走。\
                 本浏览器不能由浏览器保管签名密钥；需要更强的保护时，请启用下面的“每次签名前输入口令”，或改用新版浏览器。",
            ),
            KeyState::Locked {
                browser_copy_lost, ..
            } => {
                let lead = if *browser_copy_lost {
                    "浏览器保管的签名密钥在本页面上不能使用（可能是网站数据被部分清除），现用本浏览器中保存的密钥备份签名，每次签名前须输入备份口令。"
                } else {
                    "签名密钥用签名口令加密保存，每次签名前须输入口令：没有口令，任何人和网页都不能用它签名。"
                };
                plain(&format!(
                    "{lead}本浏览器中保存的是加密后的密钥，有人复制它后可以反复猜口令，请使用不易猜到的长口令。"
                ))
            }
            KeyState::Bare { why, .. } => warning(format!(
                "{why}。签名密钥因此以未加密的形式保存在本浏览器中，保护较弱：能读取本浏览器数据的程序或人员可以复制它。\
                 请立即启用下面的“每次签名前输入口令”，并请技术人员改为通过安全连接提供本页面。"
            )),
            KeyState::MemoryOnly { .. } => warning(
                "浏览器不允许本页面保存数据，签名密钥只在本次打开的页面中有效，关闭或刷新页面后即丢失。请立即“备份签名密钥”，以后从备份恢复。"
                    .to_string(),
            ),
            KeyState::Damaged(why) => warning(format!(
                "{why}。请从备份文件恢复密钥；没有备份的，可以创建新密钥（已报送的文件仍可核验，但须告知市美镇办新的密钥指纹）。"
            )),
            KeyState::Loading | KeyState::Absent => None,
        }
    }
}
