//! Fuzz target: the county page reading what is under the hand-over key
//! (`handover::read_handover`) from arbitrary text. It must never panic; what it accepts is a
//! declaration that passes validation, and handing it over again gives the same declaration.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::handover::{handover_text, read_handover};
use meizhen_shenbao::model::signed_file::verify;
use meizhen_shenbao::model::validate::validate;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match read_handover(text) {
        Ok(declaration) => {
            assert!(validate(&declaration).is_clean());
            let verified = verify(text.as_bytes()).expect("read_handover agrees with verify");
            assert_eq!(read_handover(&handover_text(&verified)).as_ref(), Ok(&declaration));
        }
        Err(refused) => assert!(refused.message().contains("未创建草稿")),
    }
});
