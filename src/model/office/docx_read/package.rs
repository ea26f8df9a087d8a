//! The zip package of a .docx, opened with caps: at most [`MAX_ENTRIES`] entries; only the
//! package relationships and the main document are ever unpacked, each through a reader that
//! stops one byte past its cap (the sizes a zip's headers claim are never trusted), and all
//! of them together within [`MAX_TOTAL_BYTES`]. Macros (`vbaProject.bin`), embedded objects
//! and pictures are only counted by name, never unpacked.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::error::{Unsafe, WordReadError, ZipKind};
use super::xml::main_part_target;

/// The most entries a package may have (a Word document has about a dozen, a few hundred with
/// many pictures).
pub const MAX_ENTRIES: usize = 1000;
/// The most the main document (`word/document.xml`) may unpack to. A filled declaration's is
/// about 60 KB.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;
/// The most `_rels/.rels` may unpack to.
pub const MAX_RELS_BYTES: u64 = 256 * 1024;
/// The most all parts read together may unpack to.
pub const MAX_TOTAL_BYTES: u64 = MAX_DOCUMENT_BYTES + MAX_RELS_BYTES;

/// The package, opened: its main document as text, and what else it holds.
#[derive(Debug)]
pub struct Opened {
    pub document: String,
    /// Whether it carries macros (a .docm), which are never run or read.
    pub macros: bool,
    /// Embedded objects and pictures stored in the package (by name, not read).
    pub embedded: usize,
}

fn damaged(error: impl std::fmt::Display) -> WordReadError {
    WordReadError::Damaged {
        detail: error.to_string(),
    }
}

fn zip_error(error: ZipError) -> WordReadError {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => WordReadError::Encrypted,
        _ => damaged(format!("zip: {error}")),
    }
}

/// A part name as OOXML compares them: case-insensitive, no leading slash.
fn part_key(name: &str) -> String {
    name.trim_start_matches('/').to_ascii_lowercase()
}

/// Unpacks entry `index` through a reader capped at `limit` bytes, within what is left of
/// `budget`.
fn unpack(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    part: &str,
    limit: u64,
    budget: &mut u64,
) -> Result<Vec<u8>, WordReadError> {
    let file = archive.by_index(index).map_err(zip_error)?;
    if file.encrypted() {
        return Err(WordReadError::Encrypted);
    }
    let cap = limit.min(*budget);
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(format!("{part}: {e}")))?;
    let read = bytes.len() as u64;
    if read > cap {
        return Err(WordReadError::Unsafe(if cap < limit {
            Unsafe::TotalTooLarge {
                limit: MAX_TOTAL_BYTES,
            }
        } else {
            Unsafe::PartTooLarge {
                part: part.to_string(),
                limit,
            }
        }));
    }
    *budget -= read;
    Ok(bytes)
}

/// A part's bytes as text: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn text(bytes: Vec<u8>, part: &str) -> Result<String, WordReadError> {
    let utf16 = |bytes: &[u8], big: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                if big {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|e| damaged(format!("{part}: {e}")))
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|e| damaged(format!("{part}: {e}")))
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        _ => String::from_utf8(bytes).map_err(|e| damaged(format!("{part}: {e}"))),
    }
}

/// What a zip without a Word main document holds, by its entries' names.
fn zip_kind(keys: &[String]) -> ZipKind {
    let has = |name: &str| keys.iter().any(|k| k == name);
    if has("xl/workbook.xml") {
        ZipKind::Excel
    } else if has("ppt/presentation.xml") {
        ZipKind::Slides
    } else if has("mimetype") || has("content.xml") {
        ZipKind::OpenDocument
    } else {
        ZipKind::Other
    }
}

/// Opens a .docx (its bytes already within the input cap) and unpacks its main document.
pub fn open(bytes: &[u8]) -> Result<Opened, WordReadError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    if archive.len() > MAX_ENTRIES {
        return Err(WordReadError::Unsafe(Unsafe::TooManyEntries {
            entries: archive.len(),
            limit: MAX_ENTRIES,
        }));
    }
    let keys: Vec<String> = archive
        .file_names_raw()
        .map(|raw| part_key(&String::from_utf8_lossy(raw)))
        .collect();
    let index_of = |key: &str| keys.iter().position(|k| k == key);
    let mut budget = MAX_TOTAL_BYTES;
    let target = match index_of("_rels/.rels") {
        Some(i) => {
            let rels = unpack(&mut archive, i, "_rels/.rels", MAX_RELS_BYTES, &mut budget)?;
            main_part_target(&text(rels, "_rels/.rels")?)?
        }
        None => None,
    };
    let main = part_key(target.as_deref().unwrap_or("word/document.xml"));
    let index = match index_of(&main) {
        Some(i) if !main.starts_with("xl/") && !main.starts_with("ppt/") => i,
        _ => {
            return Err(WordReadError::NotWord {
                holds: zip_kind(&keys),
            })
        }
    };
    let document = unpack(&mut archive, index, &main, MAX_DOCUMENT_BYTES, &mut budget)?;
    let document = text(document, &main)?;
    let folder = main.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
    let inside = |key: &str, sub: &str| {
        key.strip_prefix(folder)
            .and_then(|k| k.strip_prefix('/'))
            .is_some_and(|k| k.starts_with(sub))
    };
    Ok(Opened {
        document,
        macros: keys.iter().any(|k| k.ends_with("vbaproject.bin")),
        embedded: keys
            .iter()
            .filter(|k| inside(k, "embeddings/") || inside(k, "media/"))
            .count(),
    })
}
