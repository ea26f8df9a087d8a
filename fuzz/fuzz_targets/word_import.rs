//! Fuzz target: `docx_read::read_word` (sniffing, the zip package with its caps, the XML,
//! the form finder and the fill) on arbitrary bytes. It must never panic; whatever it accepts
//! has one report entry per item of the form and a cleaned declaration, which our Word writer
//! writes again and the reader reads again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::field::FieldId;
use meizhen_shenbao::model::office::docx::docx;
use meizhen_shenbao::model::office::docx_read::read_word;

fuzz_target!(|data: &[u8]| {
    match read_word(data, "申报表.docx") {
        Ok(import) => {
            assert_eq!(import.report.fields.len(), FieldId::ALL.len() - 1);
            assert_eq!(import.declaration.cleaned(), import.declaration);
            let _ = import.report.lines();
            let again = docx(&import.declaration, None).expect("our writer writes any declaration");
            assert!(read_word(&again, "again.docx").is_ok());
        }
        Err(error) => {
            // Every refusal has a Chinese reason.
            assert!(!error.message().is_empty());
            let _ = error.technical();
        }
    }
});
