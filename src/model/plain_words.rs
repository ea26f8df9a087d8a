//! What counts as a technical word in a message for users: an ASCII word (a run of Latin
//! letters, digits and hyphens with a letter in it) outside a short list of names every office
//! worker knows. Messages name no field of the file format and no algorithm; details of that
//! kind go behind a "技术细节" disclosure.

#[cfg(test)]
mod tests;

/// ASCII words a message may use: file kinds and programs offices use every day, the file-name
/// endings users see on them (".docx", ".doc", ".wps"), sizes, and the digest name printed on
/// the paper.
pub const ALLOWED: &[&str] = &[
    "JSON", "PDF", "Word", "WPS", "Excel", "CSV", "docx", "doc", "wps", "SHA-256", "KB", "MB",
    "GB", "MiB", "GiB",
];

/// The ASCII words of `text` that are not in [`ALLOWED`].
pub fn technical_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        let w = word.trim_matches('-');
        if w.chars().any(|c| c.is_ascii_alphabetic()) && !ALLOWED.contains(&w) {
            out.push(w.to_string());
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            word.push(c);
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}
