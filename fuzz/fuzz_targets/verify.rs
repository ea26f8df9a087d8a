//! Fuzz target: `signed_file::verify` (strict parse + every check + Ed25519) on arbitrary bytes.
//! It must never panic, and whatever it accepts must re-verify identically and carry a
//! declaration without validation errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::signed_file::{verify, MAX_FILE_BYTES};
use meizhen_shenbao::model::validate::validate;

fuzz_target!(|data: &[u8]| {
    match verify(data) {
        Ok(verified) => {
            assert!(data.len() <= MAX_FILE_BYTES);
            assert!(validate(&verified.declaration).is_clean());
            assert_eq!(verify(data), Ok(verified));
        }
        Err(error) => {
            // Every refusal has a Chinese verdict and message.
            assert!(!error.verdict().is_empty());
            assert!(!error.message().is_empty());
            let _ = error.technical();
        }
    }
});
