//! What a file chosen for import seems to be, from its first bytes (and, where the bytes alone
//! cannot tell, its name): a zip package that may be a .docx, or one of the formats people
//! mistake for it — an old Word or WPS file, a PDF, a picture, a web page saved as .doc.

#[cfg(test)]
mod tests;

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A zip package (a .docx, .xlsx, .pptx, .odt …): read further to tell.
    Zip,
    /// An OLE compound file (magic `D0 CF 11 E0`) named .doc, or of unknown name.
    OldWord,
    /// An OLE compound file named .wps (WPS 文字's own format).
    Wps,
    /// An OLE compound file holding an `EncryptedPackage`: a .docx with an opening password.
    Encrypted,
    /// An OLE compound file named .xls/.et, or with a `Workbook` stream.
    OldExcel,
    /// `%PDF`.
    Pdf,
    /// PNG, JPEG, GIF, BMP, TIFF or WebP.
    Picture,
    /// `{\rtf`.
    Rtf,
    /// HTML or MHT ("web page" saves, often named .doc).
    WebPage,
    /// Empty.
    Empty,
    /// Anything else.
    Unknown,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `haystack` holds `name` as UTF-16LE text (how OLE directories name streams).
fn has_utf16_name(haystack: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The file's extension, lower-case, without the dot.
fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// What `bytes` (a file named `name`, possibly empty) seems to be.
pub fn sniff(bytes: &[u8], name: &str) -> FileKind {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if bytes.is_empty() {
        return FileKind::Empty;
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return FileKind::Zip;
    }
    if starts(&OLE_MAGIC) {
        // Stream names sit in the directory sectors, which may lie anywhere in the file.
        if has_utf16_name(bytes, "EncryptedPackage") {
            return FileKind::Encrypted;
        }
        return match extension(name).as_str() {
            "wps" | "wpt" => FileKind::Wps,
            "xls" | "et" | "xlt" => FileKind::OldExcel,
            "doc" | "dot" => FileKind::OldWord,
            _ if has_utf16_name(bytes, "Workbook") => FileKind::OldExcel,
            _ => FileKind::OldWord,
        };
    }
    if starts(b"%PDF") {
        return FileKind::Pdf;
    }
    let picture = starts(b"\x89PNG")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"BM")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    if picture {
        return FileKind::Picture;
    }
    if starts(b"{\\rtf") {
        return FileKind::Rtf;
    }
    // Web pages: look at the start only, without the BOM and leading white space.
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    if text.starts_with("<html")
        || text.starts_with("<!doctype html")
        || text.starts_with("mime-version:")
        || (text.starts_with("<?xml") && text.contains("<html"))
    {
        return FileKind::WebPage;
    }
    FileKind::Unknown
}
