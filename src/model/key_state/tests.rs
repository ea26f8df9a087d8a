//! Every state against every action and change, on every kind of page: a table of what may
//! happen, and the hostile cases (another key coming back, an unlocked key on a page that
//! requires the lock, a second key created over the first).

use super::*;
use crate::model::keys::{key_from_seed, seal_key_backup, KdfParams};

fn key(n: u8) -> SigningKey {
    key_from_seed([n; 32])
}

fn backup_of(key: &SigningKey) -> String {
    seal_key_backup(key, &[7; 32], [1; 16], [2; 24], KdfParams::RECOMMENDED).unwrap()
}

fn locked(n: u8) -> KeyState {
    KeyState::Locked {
        fingerprint: fingerprint(&key(n).verifying_key()),
        backup: backup_of(&key(n)),
        browser_copy_lost: false,
    }
}

fn unextractable(n: u8) -> KeyState {
    KeyState::Unextractable {
        public_key: key(n).verifying_key(),
        backup: backup_of(&key(n)),
    }
}

fn sealed(n: u8) -> KeyState {
    KeyState::Sealed(Box::new(key(n)))
}

fn bare(n: u8) -> KeyState {
    KeyState::Bare {
        key: Box::new(key(n)),
        why: "本页面不能加密保存".into(),
    }
}

fn memory(n: u8) -> KeyState {
    KeyState::MemoryOnly {
        key: Box::new(key(n)),
        why: "浏览器不允许保存数据".into(),
    }
}

/// A secure page where the browser signs Ed25519 itself.
const MODERN: KeyPolicy = KeyPolicy {
    secure_context: true,
    single_file: false,
    can_seal: true,
    signs_ed25519: true,
};
/// A secure page on an old kernel: sealing only.
const OLD: KeyPolicy = KeyPolicy {
    signs_ed25519: false,
    ..MODERN
};
/// Plain http on an intranet: no WebCrypto at all.
const PLAIN_HTTP: KeyPolicy = KeyPolicy {
    secure_context: false,
    single_file: false,
    can_seal: false,
    signs_ed25519: false,
};
/// The single-file edition (a secure context, but shared with every local file).
const SINGLE_FILE: KeyPolicy = KeyPolicy {
    single_file: true,
    ..MODERN
};

#[test]
fn how_a_new_key_is_kept_depends_on_the_page_never_on_a_version() {
    let table = [
        (MODERN, NewKey::Unextractable, false, false),
        (OLD, NewKey::Sealed, false, false),
        (PLAIN_HTTP, NewKey::Locked, true, true),
        (SINGLE_FILE, NewKey::Locked, true, true),
        (
            KeyPolicy {
                can_seal: false,
                ..OLD
            },
            NewKey::Locked,
            false,
            true,
        ),
    ];
    for (policy, new_key, required, asks) in table {
        assert_eq!(policy.new_key(), new_key, "{policy:?}");
        assert_eq!(policy.lock_required(), required, "{policy:?}");
        assert_eq!(policy.passphrase_to_create(), asks, "{policy:?}");
        assert_eq!(policy.banner().is_some(), required, "{policy:?}");
    }
    // One plain sentence each.
    for policy in [PLAIN_HTTP, SINGLE_FILE] {
        let banner = policy.banner().unwrap();
        assert_eq!(banner.matches('。').count(), 1, "{banner}");
        assert!(banner.ends_with('。'));
    }
}

#[test]
fn which_actions_each_state_allows() {
    use KeyAction::*;
    use KeyStateError as E;
    type Row = (&'static str, KeyState, KeyAction, KeyPolicy, Result<(), E>);
    let table: Vec<Row> = vec![
        (
            "loading",
            KeyState::Loading,
            Create,
            MODERN,
            Err(E::StillLoading),
        ),
        (
            "loading",
            KeyState::Loading,
            Sign,
            MODERN,
            Err(E::StillLoading),
        ),
        (
            "loading",
            KeyState::Loading,
            Restore,
            MODERN,
            Err(E::StillLoading),
        ),
        ("absent", KeyState::Absent, Create, MODERN, Ok(())),
        ("absent", KeyState::Absent, Create, PLAIN_HTTP, Ok(())),
        ("absent", KeyState::Absent, Sign, MODERN, Err(E::NoKey)),
        ("absent", KeyState::Absent, Lock, MODERN, Err(E::NoKey)),
        ("absent", KeyState::Absent, Unlock, MODERN, Err(E::NoKey)),
        ("absent", KeyState::Absent, Restore, MODERN, Ok(())),
        (
            "absent",
            KeyState::Absent,
            MakeUnextractable,
            MODERN,
            Err(E::NoKey),
        ),
        ("second key", sealed(1), Create, OLD, Err(E::KeyExists)),
        ("second key", locked(1), Create, MODERN, Err(E::KeyExists)),
        (
            "second key",
            unextractable(1),
            Create,
            MODERN,
            Err(E::KeyExists),
        ),
        ("sealed", sealed(1), Sign, OLD, Ok(())),
        ("sealed", sealed(1), Lock, OLD, Ok(())),
        ("sealed", sealed(1), Unlock, OLD, Err(E::NotLocked)),
        ("sealed", sealed(1), MakeUnextractable, MODERN, Ok(())),
        (
            "sealed",
            sealed(1),
            MakeUnextractable,
            OLD,
            Err(E::CannotMakeUnextractable),
        ),
        ("bare", bare(1), MakeUnextractable, MODERN, Ok(())),
        ("bare", bare(1), Lock, PLAIN_HTTP, Ok(())),
        ("unextractable", unextractable(1), Sign, MODERN, Ok(())),
        ("unextractable", unextractable(1), Lock, MODERN, Ok(())),
        (
            "unextractable",
            unextractable(1),
            MakeUnextractable,
            MODERN,
            Err(E::CannotMakeUnextractable),
        ),
        ("locked", locked(1), Lock, MODERN, Err(E::AlreadyLocked)),
        ("locked", locked(1), Unlock, MODERN, Ok(())),
        (
            "locked",
            locked(1),
            Unlock,
            PLAIN_HTTP,
            Err(E::LockRequired),
        ),
        (
            "locked",
            locked(1),
            Unlock,
            SINGLE_FILE,
            Err(E::LockRequired),
        ),
        ("locked", locked(1), Sign, PLAIN_HTTP, Ok(())),
        ("memory", memory(1), Lock, MODERN, Err(E::NotStored)),
        ("memory", memory(1), Sign, MODERN, Ok(())),
        (
            "damaged",
            KeyState::Damaged("坏了".into()),
            Sign,
            MODERN,
            Err(E::Damaged),
        ),
        (
            "damaged",
            KeyState::Damaged("坏了".into()),
            Lock,
            MODERN,
            Err(E::Damaged),
        ),
        (
            "damaged",
            KeyState::Damaged("坏了".into()),
            Create,
            MODERN,
            Ok(()),
        ),
        (
            "damaged",
            KeyState::Damaged("坏了".into()),
            Restore,
            MODERN,
            Ok(()),
        ),
    ];
    for (name, state, action, policy, expected) in table {
        assert_eq!(
            state.check(action, &policy),
            expected,
            "{name}: {action:?} on {policy:?}"
        );
    }
}

#[test]
fn transitions_keep_one_key_and_the_lock_where_it_is_required() {
    use KeyChange::*;
    use KeyStateError as E;
    type Row = (
        &'static str,
        KeyState,
        KeyChange,
        KeyPolicy,
        Result<KeyState, E>,
    );
    let table: Vec<Row> = vec![
        (
            "first read",
            KeyState::Loading,
            Loaded(sealed(1)),
            OLD,
            Ok(sealed(1)),
        ),
        (
            "first read, none",
            KeyState::Loading,
            Loaded(KeyState::Absent),
            OLD,
            Ok(KeyState::Absent),
        ),
        (
            "read twice",
            sealed(1),
            Loaded(sealed(2)),
            OLD,
            Err(E::NotAKey),
        ),
        (
            "read as loading",
            KeyState::Loading,
            Loaded(KeyState::Loading),
            OLD,
            Err(E::NotAKey),
        ),
        (
            "create",
            KeyState::Absent,
            Created(unextractable(1)),
            MODERN,
            Ok(unextractable(1)),
        ),
        (
            "create sealed",
            KeyState::Absent,
            Created(sealed(1)),
            OLD,
            Ok(sealed(1)),
        ),
        (
            "create locked",
            KeyState::Absent,
            Created(locked(1)),
            PLAIN_HTTP,
            Ok(locked(1)),
        ),
        (
            "create bare on plain http",
            KeyState::Absent,
            Created(bare(1)),
            PLAIN_HTTP,
            Err(E::LockRequired),
        ),
        (
            "create sealed in the single file",
            KeyState::Absent,
            Created(sealed(1)),
            SINGLE_FILE,
            Err(E::LockRequired),
        ),
        (
            "create in memory on plain http",
            KeyState::Absent,
            Created(memory(1)),
            PLAIN_HTTP,
            Ok(memory(1)),
        ),
        (
            "create nothing",
            KeyState::Absent,
            Created(KeyState::Absent),
            MODERN,
            Err(E::NotAKey),
        ),
        (
            "create over a key",
            sealed(1),
            Created(sealed(2)),
            OLD,
            Err(E::KeyExists),
        ),
        (
            "create while loading",
            KeyState::Loading,
            Created(sealed(1)),
            OLD,
            Err(E::StillLoading),
        ),
        (
            "lock",
            sealed(1),
            LockedWith {
                backup: backup_of(&key(1)),
            },
            OLD,
            Ok(locked(1)),
        ),
        (
            "lock with another key's backup",
            sealed(1),
            LockedWith {
                backup: backup_of(&key(2)),
            },
            OLD,
            Err(E::OtherKey),
        ),
        (
            "lock with no backup",
            sealed(1),
            LockedWith {
                backup: "{}".into(),
            },
            OLD,
            Err(E::NotAKey),
        ),
        (
            "lock twice",
            locked(1),
            LockedWith {
                backup: backup_of(&key(1)),
            },
            OLD,
            Err(E::AlreadyLocked),
        ),
        ("unlock", locked(1), Unlocked(sealed(1)), OLD, Ok(sealed(1))),
        (
            "unlock to another key",
            locked(1),
            Unlocked(sealed(2)),
            OLD,
            Err(E::OtherKey),
        ),
        (
            "unlock to locked",
            locked(1),
            Unlocked(locked(1)),
            OLD,
            Err(E::NotAKey),
        ),
        (
            "unlock on plain http",
            locked(1),
            Unlocked(bare(1)),
            PLAIN_HTTP,
            Err(E::LockRequired),
        ),
        (
            "restore over another",
            sealed(1),
            Restored(unextractable(2)),
            MODERN,
            Ok(unextractable(2)),
        ),
        (
            "restore bare on plain http",
            KeyState::Absent,
            Restored(bare(2)),
            PLAIN_HTTP,
            Err(E::LockRequired),
        ),
        (
            "restore locked on plain http",
            bare(1),
            Restored(locked(2)),
            PLAIN_HTTP,
            Ok(locked(2)),
        ),
        (
            "restore over damaged",
            KeyState::Damaged("坏了".into()),
            Restored(sealed(2)),
            OLD,
            Ok(sealed(2)),
        ),
        (
            "make unextractable",
            sealed(1),
            MadeUnextractable(unextractable(1)),
            MODERN,
            Ok(unextractable(1)),
        ),
        (
            "make unextractable, other key",
            sealed(1),
            MadeUnextractable(unextractable(2)),
            MODERN,
            Err(E::OtherKey),
        ),
        (
            "make unextractable, not so",
            sealed(1),
            MadeUnextractable(sealed(1)),
            MODERN,
            Err(E::NotAKey),
        ),
        (
            "make unextractable, old kernel",
            sealed(1),
            MadeUnextractable(unextractable(1)),
            OLD,
            Err(E::CannotMakeUnextractable),
        ),
    ];
    let count = table.len();
    for (name, state, change, policy, expected) in table {
        assert_eq!(state.after(change, &policy), expected, "{name}");
    }
    assert_eq!(count, 29);
}

#[test]
fn each_state_says_how_to_sign_and_what_it_holds() {
    assert_eq!(sealed(1).signer(), Ok(KeySigner::Seed(&key(1))));
    let k = key(1).verifying_key();
    assert_eq!(unextractable(1).signer(), Ok(KeySigner::Browser(&k)));
    let l = locked(1);
    assert!(matches!(l.signer(), Ok(KeySigner::Passphrase(_))));
    assert_eq!(KeyState::Absent.signer(), Err(KeyStateError::NoKey));
    assert_eq!(KeyState::Loading.signer(), Err(KeyStateError::StillLoading));
    let hex = fingerprint(&k);
    for state in [sealed(1), bare(1), memory(1), locked(1), unextractable(1)] {
        assert_eq!(
            state.fingerprint().as_deref(),
            Some(hex.as_str()),
            "{state:?}"
        );
        assert!(state.has_key());
    }
    // A key whose seed the page cannot read is backed up from the backup kept beside it.
    assert!(unextractable(1).seed().is_none());
    assert!(unextractable(1).kept_backup().is_some());
    assert!(locked(1).kept_backup().is_some());
    assert!(sealed(1).seed().is_some() && sealed(1).kept_backup().is_none());
}

#[test]
fn the_panel_says_truthfully_what_each_kind_protects_against() {
    let note = |s: KeyState, p: KeyPolicy| s.note(&p).unwrap();
    // The sealed fallback no longer claims that a script cannot take it.
    let sealed_note = note(sealed(1), OLD);
    assert!(!sealed_note.warning);
    assert!(
        sealed_note.text.contains("可以解开它、把它复制走"),
        "{}",
        sealed_note.text
    );
    // Where the browser could hold it non-extractable, a sealed key asks for its backup.
    let modern = note(sealed(1), MODERN);
    assert!(modern.warning && modern.text.contains("请立即“备份签名密钥”"));
    let strong = note(unextractable(1), MODERN);
    assert!(strong.text.contains("不能读出"));
    assert!(
        strong.text.contains("借用它签名"),
        "it can still be used: {}",
        strong.text
    );
    assert!(note(bare(1), PLAIN_HTTP).warning);
    assert!(note(memory(1), MODERN).warning);
    assert!(note(KeyState::Damaged("坏了".into()), MODERN).warning);
    assert!(KeyState::Absent.note(&MODERN).is_none());
}
