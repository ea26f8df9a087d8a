//! Encodings of the files' binary fields: strict standard base64, lower-case hex, and a
//! fingerprint or digest written for people in groups of four.

#[cfg(test)]
mod tests;

/// Standard base64 (RFC 4648 §4, with padding), as every binary field of the files is written.
pub fn b64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes standard base64 strictly: alphabet `A–Z a–z 0–9 + /`, `=` padding required, no
/// white space, no stray bits. Only the one canonical spelling of each byte string passes.
pub fn b64_decode_strict(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()?;
    // The engine already requires canonical padding and zero trailing bits; comparing with the
    // re-encoding makes "only the canonical spelling" true by construction.
    (b64_encode(&bytes) == text).then_some(bytes)
}

/// Lower-case hexadecimal, as fingerprints and digests are written.
pub fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// A fingerprint or digest for people: groups of four characters separated by spaces
/// ("21fe 31df a154 …").
pub fn fingerprint_groups(hex: &str) -> String {
    let chars: Vec<char> = hex.chars().collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}
