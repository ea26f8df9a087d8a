//! Fuzz target: `backup::parse_backup` (the drafts backup file: strict parse, every draft record,
//! revisions) on arbitrary bytes. It must never panic; whatever it accepts must have revisions
//! within the cap, and must survive export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::backup::export::backup_json;
use meizhen_shenbao::model::backup::parse_backup;
use meizhen_shenbao::model::drafts::MAX_REVISION;
use meizhen_shenbao::model::error::UserError;

fuzz_target!(|data: &[u8]| {
    match parse_backup(data) {
        Ok(backup) => {
            assert!(backup.drafts.iter().all(|d| d.revision() <= MAX_REVISION));
            let again = backup_json(&backup.drafts, backup.exported_at)
                .expect("an accepted backup can be written again");
            assert_eq!(parse_backup(again.as_bytes()), Ok(backup));
        }
        Err(error) => {
            // Every refusal has a Chinese reason.
            assert!(!error.message().is_empty());
        }
    }
});
