//! This office's signing key in localStorage (`storage::SIGNING_KEY`, which the drafts code
//! ignores), sealed by a key the browser keeps in IndexedDB.
//!
//! The key is never stored bare where the browser can protect it: its seed is sealed with
//! AES-GCM under a non-extractable WebCrypto key that lives in IndexedDB
//! (`storage::KEY_DATABASE`), so a copy of localStorage alone is useless; or it is locked by the user's
//! passphrase. Only where WebCrypto or IndexedDB is missing (a page that is not a secure
//! context, e.g. plain http on an intranet) is the bare seed stored, and the page says so.
//! Record formats: `model::key_at_rest`.

use std::cell::RefCell;

use ed25519_dalek::{SigningKey, VerifyingKey};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use crate::model::error::UserError;
use crate::model::key_at_rest::{
    browser_record, key_from_unsealed, locked_record, parse_stored_key, sealed_record, StoredKey,
    IV_LEN,
};
use crate::model::key_registry::signing_key_record;
use crate::model::key_state::{KeyPolicy, KeyState};
use crate::model::keys::{fingerprint, key_from_seed, read_key_backup_info};
use crate::model::storage::{
    KeyValueStore, StoreError, BROWSER_SIGNING_KEY_ID, DEVICE_KEY_ID, KEY_DATABASE,
    KEY_OBJECT_STORE, SIGNING_KEY,
};

use super::storage::LocalStore;
use super::system::random_bytes;

/// What this page offers for keeping a key: whether it is a secure context, whether it was
/// opened from a file (the single-file edition), whether it can seal a seed, whether the
/// browser signs Ed25519 itself (never assumed from a version number).
pub fn page_policy() -> KeyPolicy {
    let Some(window) = web_sys::window() else {
        return KeyPolicy {
            secure_context: false,
            single_file: false,
            can_seal: false,
            signs_ed25519: false,
        };
    };
    let subtle = window
        .crypto()
        .ok()
        .and_then(|c| js_sys::Reflect::get(&c, &"subtle".into()).ok())
        .filter(|s| s.is_object());
    let idb = window.indexed_db().ok().flatten();
    KeyPolicy {
        secure_context: window.is_secure_context(),
        single_file: window.location().protocol().is_ok_and(|p| p == "file:"),
        can_seal: subtle.is_some() && idb.is_some(),
        signs_ed25519: false,
    }
}

/// Why this page cannot seal keys, in words for users; `None` if it can.
fn protection_missing() -> Option<String> {
    let policy = page_policy();
    if policy.can_seal {
        return None;
    }
    Some(if !policy.secure_context {
        "本页面不是通过安全连接打开的，浏览器在这种页面上不提供密钥加密保存功能".to_string()
    } else {
        "本浏览器不提供密钥加密保存功能（或已被设置禁用）".to_string()
    })
}

fn js_detail(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        .unwrap_or_else(|| format!("{error:?}"))
}

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|e| js_detail(&e))?;
    js_sys::Reflect::get(&crypto, &"subtle".into())
        .ok()
        .filter(|s| s.is_object())
        .map(JsCast::unchecked_into)
        .ok_or_else(|| "no crypto.subtle".to_string())
}

/// Settles when an IndexedDB request succeeds (its result) or fails.
async fn request_done(request: &web_sys::IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok_request = request.clone();
        let on_success = Closure::once_into_js(move || {
            let result = ok_request.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let error_request = request.clone();
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            // Handled here: the failure must not abort the transaction's other work.
            event.prevent_default();
            let error = error_request
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| js_detail(&e))
}

/// Settles when a transaction has committed (durably, where the browser supports asking).
async fn transaction_done(transaction: &web_sys::IdbTransaction) -> Result<(), String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_abort = {
            let reject = reject.clone();
            Closure::once_into_js(move || {
                let _ = reject.call1(&JsValue::NULL, &"aborted".into());
            })
        };
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &"error".into());
        });
        transaction.set_oncomplete(Some(on_complete.unchecked_ref()));
        transaction.set_onabort(Some(on_abort.unchecked_ref()));
        transaction.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| js_detail(&e))
}

async fn open_database() -> Result<web_sys::IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(|e| js_detail(&e))?
        .ok_or("no indexedDB")?;
    let request = factory
        .open_with_u32(KEY_DATABASE, 1)
        .map_err(|e| js_detail(&e))?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result() {
            let db: web_sys::IdbDatabase = db.unchecked_into();
            let _ = db.create_object_store(KEY_OBJECT_STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = request_done(&request).await?;
    db.dyn_into::<web_sys::IdbDatabase>()
        .map_err(|_| "not a database".to_string())
}

/// The `CryptoKey` stored under `id` (`DEVICE_KEY_ID`, `BROWSER_SIGNING_KEY_ID`), if any.
async fn stored_key(
    db: &web_sys::IdbDatabase,
    id: &str,
) -> Result<Option<web_sys::CryptoKey>, String> {
    let transaction = db
        .transaction_with_str(KEY_OBJECT_STORE)
        .map_err(|e| js_detail(&e))?;
    let store = transaction
        .object_store(KEY_OBJECT_STORE)
        .map_err(|e| js_detail(&e))?;
    let request = store.get(&id.into()).map_err(|e| js_detail(&e))?;
    let value = request_done(&request).await?;
    Ok(value.dyn_into::<web_sys::CryptoKey>().ok())
}

async fn stored_device_key(
    db: &web_sys::IdbDatabase,
) -> Result<Option<web_sys::CryptoKey>, String> {
    stored_key(db, DEVICE_KEY_ID).await
}

/// Stores `key` under `id`, committed to disk (durably, where the browser supports asking)
/// before this returns Ok: `add` keeps a key already there (another tab's), `put` replaces it.
async fn store_key_durably(
    db: &web_sys::IdbDatabase,
    id: &str,
    key: &web_sys::CryptoKey,
    replace: bool,
) -> Result<(), String> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"durability".into(), &"strict".into());
    let transaction = db
        .unchecked_ref::<DurableDatabase>()
        .transaction(KEY_OBJECT_STORE, "readwrite", &options)
        .map_err(|e| js_detail(&e))?;
    let store = transaction
        .object_store(KEY_OBJECT_STORE)
        .map_err(|e| js_detail(&e))?;
    let request = if replace {
        store.put_with_key(key, &id.into())
    } else {
        store.add_with_key(key, &id.into())
    }
    .map_err(|e| js_detail(&e))?;
    let stored = request_done(&request).await;
    let committed = transaction_done(&transaction).await;
    stored?;
    committed
}

#[wasm_bindgen]
extern "C" {
    /// `IDBDatabase.transaction(store, mode, options)`, whose options web-sys still calls
    /// unstable; browsers without `durability` ignore it.
    type DurableDatabase;
    #[wasm_bindgen(method, catch)]
    fn transaction(
        this: &DurableDatabase,
        store: &str,
        mode: &str,
        options: &js_sys::Object,
    ) -> Result<web_sys::IdbTransaction, JsValue>;
}

thread_local! {
    static DEVICE_KEY: RefCell<Option<web_sys::CryptoKey>> = const { RefCell::new(None) };
}

/// The browser's sealing key: read from IndexedDB, or made (non-extractable) and stored there
/// the first time. `create`: whether to make one when there is none.
async fn device_key(create: bool) -> Result<Option<web_sys::CryptoKey>, String> {
    if let Some(key) = DEVICE_KEY.with(|k| k.borrow().clone()) {
        return Ok(Some(key));
    }
    let db = open_database().await?;
    let found = match stored_device_key(&db).await? {
        Some(key) => Some(key),
        None if create => {
            let params = web_sys::AesKeyGenParams::new("AES-GCM", 256);
            let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
            let made = subtle()?
                .generate_key_with_object(&params, false, &usages)
                .map_err(|e| js_detail(&e))?;
            let key: web_sys::CryptoKey = JsFuture::from(made)
                .await
                .map_err(|e| js_detail(&e))?
                .unchecked_into();
            // Committed to disk before the sealed record that needs it is written. `add`, not
            // `put`: should another tab have stored one meanwhile, keep theirs.
            match store_key_durably(&db, DEVICE_KEY_ID, &key, false).await {
                Ok(()) => Some(key),
                Err(_) => stored_device_key(&db).await?,
            }
        }
        None => None,
    };
    db.close();
    if let Some(key) = &found {
        DEVICE_KEY.with(|k| *k.borrow_mut() = Some(key.clone()));
    }
    Ok(found)
}

fn gcm_params(iv: &[u8; IV_LEN], fingerprint: &str) -> web_sys::AesGcmParams {
    let params =
        web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &js_sys::Uint8Array::from(&iv[..]));
    params.set_additional_data_u8_array(&js_sys::Uint8Array::from(fingerprint.as_bytes()));
    params
}

/// Seals the key's seed; the record to store.
async fn seal(key: &SigningKey) -> Result<String, String> {
    let device = device_key(true).await?.ok_or("no device key")?;
    let mut iv = [0u8; IV_LEN];
    random_bytes(&mut iv)?;
    let hex = fingerprint(&key.verifying_key());
    let seed = Zeroizing::new(key.to_bytes());
    let sealing = subtle()?
        .encrypt_with_object_and_u8_array(&gcm_params(&iv, &hex), &device, seed.as_ref())
        .map_err(|e| js_detail(&e))?;
    let sealed = JsFuture::from(sealing).await.map_err(|e| js_detail(&e))?;
    let ciphertext = js_sys::Uint8Array::new(&sealed).to_vec();
    let record = sealed_record(&hex, &iv, &ciphertext);
    // Stored only once it is known to open again.
    let reopened = unseal(&hex, &iv, &ciphertext).await?;
    if reopened.to_bytes() != key.to_bytes() {
        return Err("sealed key does not open".into());
    }
    Ok(record)
}

async fn unseal(hex: &str, iv: &[u8; IV_LEN], ciphertext: &[u8]) -> Result<SigningKey, String> {
    let device = device_key(false)
        .await?
        .ok_or("浏览器中用于解开签名密钥的数据已被清除")?;
    let opening = subtle()?
        .decrypt_with_object_and_u8_array(&gcm_params(iv, hex), &device, ciphertext)
        .map_err(|e| js_detail(&e))?;
    let opened = JsFuture::from(opening)
        .await
        .map_err(|_| "浏览器中保存的签名密钥无法解开".to_string())?;
    let seed = Zeroizing::new(js_sys::Uint8Array::new(&opened).to_vec());
    key_from_unsealed(&seed, hex)
}

/// The DER prefix of an Ed25519 private key in PKCS #8 (RFC 8410): the seed follows.
const PKCS8_ED25519: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

fn ed25519() -> js_sys::Object {
    let algorithm = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&algorithm, &"name".into(), &"Ed25519".into());
    algorithm
}

/// `seed` as a non-extractable Ed25519 `CryptoKey` that can only sign.
async fn import_unextractable(seed: &SigningKey) -> Result<web_sys::CryptoKey, String> {
    let mut der = Zeroizing::new(Vec::with_capacity(48));
    der.extend_from_slice(&PKCS8_ED25519);
    der.extend_from_slice(&seed.to_bytes());
    let data = js_sys::Uint8Array::from(&der[..]);
    let importing = subtle()?
        .import_key_with_object(
            "pkcs8",
            &data,
            &ed25519(),
            false,
            &js_sys::Array::of1(&"sign".into()),
        )
        .map_err(|e| js_detail(&e))?;
    // The copy of the seed handed to the browser is wiped once it has read it.
    let imported = JsFuture::from(importing).await;
    data.fill(0, 0, data.length());
    Ok(imported.map_err(|e| js_detail(&e))?.unchecked_into())
}

/// Signs `message` with the browser-held `key`: the 64 bytes, checked against `public`.
async fn browser_sign_with(
    key: &web_sys::CryptoKey,
    public: &VerifyingKey,
    message: &[u8],
) -> Result<[u8; 64], String> {
    let signing = subtle()?
        .sign_with_object_and_u8_array(&ed25519(), key, message)
        .map_err(|e| js_detail(&e))?;
    let signed = JsFuture::from(signing).await.map_err(|e| js_detail(&e))?;
    let bytes: [u8; 64] = js_sys::Uint8Array::new(&signed)
        .to_vec()
        .try_into()
        .map_err(|_| "signature is not 64 bytes".to_string())?;
    public
        .verify_strict(message, &ed25519_dalek::Signature::from_bytes(&bytes))
        .map_err(|_| "the browser's signature does not verify".to_string())?;
    Ok(bytes)
}

/// Whether this browser signs Ed25519 with a non-extractable key: tried with a throwaway key,
/// never guessed from a version number (Chromium 137+, Firefox 129+, Safari 17+ do).
pub async fn signs_ed25519() -> bool {
    let Ok(throwaway) = generate_signing_key() else {
        return false;
    };
    let Ok(key) = import_unextractable(&throwaway).await else {
        return false;
    };
    browser_sign_with(&key, &throwaway.verifying_key(), b"meizhen")
        .await
        .is_ok()
}

async fn browser_signing_key(
    db: &web_sys::IdbDatabase,
) -> Result<Option<web_sys::CryptoKey>, String> {
    stored_key(db, BROWSER_SIGNING_KEY_ID).await
}

/// Makes `seed` a non-extractable key the browser keeps, `backup` (its key backup, already
/// written) beside it: the key is imported, tried, stored in IndexedDB (committed durably),
/// and only then is the record written. The seed itself is never stored.
pub async fn keep_unextractable(seed: SigningKey, backup: String) -> Result<KeyState, String> {
    let public = seed.verifying_key();
    let key = import_unextractable(&seed).await?;
    drop(seed);
    browser_sign_with(&key, &public, b"meizhen").await?;
    let db = open_database().await?;
    let stored = store_key_durably(&db, BROWSER_SIGNING_KEY_ID, &key, true).await;
    db.close();
    stored?;
    let mut local = LocalStore::open().map_err(|e| e.message())?;
    local
        .set(SIGNING_KEY, &browser_record(&fingerprint(&public), &backup))
        .map_err(|e| e.message())?;
    BROWSER_KEY.with(|k| *k.borrow_mut() = Some(key));
    Ok(KeyState::Unextractable {
        public_key: public,
        backup,
    })
}

thread_local! {
    static BROWSER_KEY: RefCell<Option<web_sys::CryptoKey>> = const { RefCell::new(None) };
}

/// Signs `message` with the non-extractable key the browser holds for `public`.
pub async fn browser_sign(public: &VerifyingKey, message: &[u8]) -> Result<[u8; 64], String> {
    let key = match BROWSER_KEY.with(|k| k.borrow().clone()) {
        Some(key) => key,
        None => {
            let db = open_database().await?;
            let found = browser_signing_key(&db).await;
            db.close();
            found?.ok_or("浏览器保管的签名密钥已被清除")?
        }
    };
    browser_sign_with(&key, public, message).await
}

/// The state of a browser-held key's record: the key, where the browser still has it and it
/// signs for the recorded public key; else the backup kept beside it, locked.
async fn load_browser_key(fingerprint: String, backup: String) -> KeyState {
    let lost = |fingerprint, backup| KeyState::Locked {
        fingerprint,
        backup,
        browser_copy_lost: true,
    };
    let Ok(info) = read_key_backup_info(&backup) else {
        return KeyState::Damaged("浏览器中保存的签名密钥已损坏，无法读取".to_string());
    };
    let found = match open_database().await {
        Ok(db) => {
            let found = browser_signing_key(&db).await;
            db.close();
            found.ok().flatten()
        }
        Err(_) => None,
    };
    let Some(key) = found else {
        return lost(fingerprint, backup);
    };
    if browser_sign_with(&key, &info.public_key, b"meizhen")
        .await
        .is_err()
    {
        return lost(fingerprint, backup);
    }
    BROWSER_KEY.with(|k| *k.borrow_mut() = Some(key));
    KeyState::Unextractable {
        public_key: info.public_key,
        backup,
    }
}

/// Reads the key. A bare record (an older version's) is sealed and replaced where the browser
/// can seal it.
pub async fn load_signing_key() -> KeyState {
    let store = match LocalStore::open() {
        Ok(store) => store,
        Err(_) => return KeyState::Absent,
    };
    let json = match store.get(SIGNING_KEY) {
        Ok(Some(json)) => json,
        Ok(None) | Err(_) => return KeyState::Absent,
    };
    match parse_stored_key(&json) {
        Err(message) => KeyState::Damaged(message),
        Ok(StoredKey::Locked {
            fingerprint,
            backup,
        }) => KeyState::Locked {
            fingerprint,
            backup,
            browser_copy_lost: false,
        },
        Ok(StoredKey::Browser {
            fingerprint,
            backup,
        }) => load_browser_key(fingerprint, backup).await,
        Ok(StoredKey::Sealed {
            fingerprint,
            iv,
            ciphertext,
        }) => match unseal(&fingerprint, &iv, &ciphertext).await {
            Ok(key) => KeyState::Sealed(Box::new(key)),
            Err(_) => KeyState::Damaged(
                "浏览器中保存的签名密钥无法解开（可能是浏览器的网站数据被部分清除）".to_string(),
            ),
        },
        Ok(StoredKey::Plain(key)) => save_signing_key(*key).await,
    }
}

/// Stores the key, sealed where the browser can seal it, bare (and said so) where it cannot,
/// or not at all (storage refused): the state it is then in.
pub async fn save_signing_key(key: SigningKey) -> KeyState {
    let key = Box::new(key);
    let mut store = match LocalStore::open() {
        Ok(store) => store,
        Err(error) => {
            return KeyState::MemoryOnly {
                key,
                why: error.message(),
            }
        }
    };
    let (record, state) = match protection_missing() {
        None => match seal(&key).await {
            Ok(record) => (record, KeyState::Sealed(key.clone())),
            Err(_) => (
                signing_key_record(&key),
                KeyState::Bare {
                    key: key.clone(),
                    why: "浏览器未能加密保存签名密钥".to_string(),
                },
            ),
        },
        Some(why) => (
            signing_key_record(&key),
            KeyState::Bare {
                key: key.clone(),
                why,
            },
        ),
    };
    match store.set(SIGNING_KEY, &record) {
        Ok(()) => state,
        Err(error) => KeyState::MemoryOnly {
            key,
            why: error.message(),
        },
    }
}

/// Stores the key locked by a passphrase (`backup`: its key backup file's text).
pub fn save_locked_key(fingerprint: &str, backup: &str) -> Result<(), StoreError> {
    let mut store = LocalStore::open()?;
    store.set(SIGNING_KEY, &locked_record(fingerprint, backup))
}

/// A new key from the browser's cryptographic random number generator.
pub fn generate_signing_key() -> Result<SigningKey, String> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    random_bytes(seed.as_mut())?;
    Ok(key_from_seed(*seed))
}

/// Fresh random bytes for a salt or nonce.
pub fn random_array<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    random_bytes(&mut bytes)?;
    Ok(bytes)
}
