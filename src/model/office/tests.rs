//! Tests of `model::office`: what the writers share (cell text), and the zip reader their tests
//! use.

use super::*;

/// A part of a zip package (a .docx or .xlsx) as text, for the writers' tests.
pub(crate) fn zip_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn cell_text_drops_what_xml_cannot_carry() {
    let rows: [(&str, bool, &str); 6] = [
        ("a\u{0}b\u{7}c", true, "abc"),
        ("a\tb", true, "a b"),
        ("a\r\nb\rc", true, "a\nb\nc"),
        ("a\r\nb", false, "a b"),
        ("=1+2", false, "=1+2"),
        ("x\u{1b}[31my\u{fffe}", false, "x[31my"),
    ];
    for (input, keep, want) in rows {
        assert_eq!(cell_text(input, keep), want, "{input:?}");
    }
}
