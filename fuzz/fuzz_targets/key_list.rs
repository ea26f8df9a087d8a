//! Fuzz target: reading a known-keys list file (`key_registry::parse_key_list_bytes`) and the
//! stored known-keys record (`KnownKeys::from_json`) from arbitrary bytes. It must never panic,
//! never keep more than `MAX_KNOWN_KEYS` keys, never keep a name with a hidden character, and a
//! list it accepts must survive its own writer and record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::key_registry::{
    parse_key_list, parse_key_list_bytes, write_key_list, KnownKeys, MAX_KNOWN_KEYS,
};
use meizhen_shenbao::model::safe_text::is_hidden_in_name;

fn check(keys: &KnownKeys) {
    assert!(keys.len() <= MAX_KNOWN_KEYS);
    for (_, name) in keys.iter() {
        assert!(!name.is_empty());
        assert!(!name.chars().any(is_hidden_in_name), "{name:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let file = parse_key_list_bytes(data);
    check(&file.keys);
    if !file.has_errors() {
        let again = parse_key_list(&write_key_list(&file.keys));
        assert_eq!(again.keys, file.keys);
        assert_eq!(KnownKeys::from_json(&file.keys.to_json()).as_ref(), Ok(&file.keys));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(stored) = KnownKeys::from_json(text) {
            check(&stored);
        }
    }
});
