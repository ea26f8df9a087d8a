//! Fuzz target: reading a passphrase-protected key backup (`keys::read_key_backup_info`,
//! `keys::read_key_backup` and its `open`, `keys::import_key_backup`) from arbitrary bytes. It must never panic, and never accept costs
//! above what the app writes (checked before any key derivation).
#![no_main]

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::keys::{import_key_backup, read_key_backup, read_key_backup_info, KdfParams};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match read_key_backup_info(text) {
        Ok(info) => {
            assert!(info.params.memory_kib <= KdfParams::MAX_MEMORY_KIB);
            assert!(info.params.iterations <= KdfParams::MAX_ITERATIONS);
            assert!(info.params.parallelism <= KdfParams::MAX_PARALLELISM);
            // A well-formed file: decryption with a guessed passphrase must fail cleanly or
            // give the recorded key.
            if let Ok(key) = import_key_backup(text, "口令") {
                assert_eq!(key.verifying_key(), info.public_key);
            }
            // The page's path: read, then open with a key derived elsewhere (here an arbitrary
            // one, without the slow derivation): it fails cleanly or gives the recorded key.
            let sealed = read_key_backup(text).expect("read_key_backup agrees with read_key_backup_info");
            assert_eq!(sealed.info(), &info);
            let mut secret = [0u8; 32];
            for (i, b) in data.iter().take(32).enumerate() {
                secret[i] = *b;
            }
            if let Ok(key) = sealed.open(&secret) {
                assert_eq!(key.verifying_key(), info.public_key);
            }
        }
        Err(error) => assert!(!error.message().is_empty()),
    }
});
