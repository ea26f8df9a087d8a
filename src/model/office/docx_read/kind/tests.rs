//! Tests of `docx_read::kind`.

use super::*;

#[test]
fn formats_people_mistake_for_docx_are_told_apart() {
    let mut ole = OLE_MAGIC.to_vec();
    ole.extend_from_slice(&[0; 504]);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let mut workbook = ole.clone();
    workbook.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    let mut webp = b"RIFF\0\0\0\0WEBPVP8 ".to_vec();
    webp.extend_from_slice(&[0; 8]);
    let table: Vec<(&[u8], &str, FileKind)> = vec![
        (b"PK\x03\x04rest", "申报表.docx", FileKind::Zip),
        (b"PK\x05\x06", "", FileKind::Zip),
        (&ole, "申报表.doc", FileKind::OldWord),
        (&ole, "申报表.DOC", FileKind::OldWord),
        (&ole, "申报表.wps", FileKind::Wps),
        (&ole, "汇总.xls", FileKind::OldExcel),
        (&ole, "", FileKind::OldWord),
        (&workbook, "", FileKind::OldExcel),
        (&encrypted, "申报表.docx", FileKind::Encrypted),
        (b"%PDF-1.7", "申报表.pdf", FileKind::Pdf),
        (b"\x89PNG\r\n\x1a\n", "扫描件.png", FileKind::Picture),
        (&[0xFF, 0xD8, 0xFF, 0xE0], "照片.jpg", FileKind::Picture),
        (b"GIF89a", "", FileKind::Picture),
        (b"BM\0\0", "", FileKind::Picture),
        (b"II*\0", "", FileKind::Picture),
        (&webp, "", FileKind::Picture),
        (b"{\\rtf1\\ansi", "申报表.doc", FileKind::Rtf),
        (
            b"\xEF\xBB\xBF <HTML><body>",
            "申报表.doc",
            FileKind::WebPage,
        ),
        (b"MIME-Version: 1.0\r\n", "申报表.doc", FileKind::WebPage),
        (b"", "申报表.docx", FileKind::Empty),
        (b"hello", "申报表.docx", FileKind::Unknown),
    ];
    for (bytes, name, kind) in table {
        assert_eq!(
            sniff(bytes, name),
            kind,
            "{name} {:?}",
            &bytes[..bytes.len().min(8)]
        );
    }
}
