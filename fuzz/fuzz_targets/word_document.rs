//! Fuzz target: the Word reader's XML, form finder and fill, past the zip: the input is the
//! main document (`word/document.xml`) of an otherwise valid package, stored uncompressed, so
//! that mutations reach the parser instead of breaking the zip's checksums. Same properties as
//! `word_import`.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::field::FieldId;
use meizhen_shenbao::model::office::docx_read::read_word;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn package(document: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in [("_rels/.rels", RELS.as_bytes()), ("word/document.xml", document)] {
        zip.start_file(name, stored).expect("zip");
        zip.write_all(bytes).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    match read_word(&package(data), "申报表.docx") {
        Ok(import) => {
            assert_eq!(import.report.fields.len(), FieldId::ALL.len() - 1);
            assert_eq!(import.declaration.cleaned(), import.declaration);
            let _ = import.report.lines();
        }
        Err(error) => {
            assert!(!error.message().is_empty());
            let _ = error.technical();
        }
    }
});
