//! Encodings of the files' binary fields: strict standard base64, lower-case hex, and a
//! fingerprint or digest written for people in groups of four.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_base64_accepts_only_the_canonical_spelling() {
        assert_eq!(b64_decode_strict("AAECAw==").unwrap(), vec![0, 1, 2, 3]);
        for bad in [
            "AAECAw",
            "AAECAw=",
            "AAECAx==",
            " AAECAw==",
            "AAEC\nAw==",
            "AAEC Aw==",
            "AAECAw==\n",
            "AA-_",
            "AAECAw===",
        ] {
            assert_eq!(b64_decode_strict(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(lower_hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(lower_hex(&[]), "");
    }

    #[test]
    fn fingerprints_are_written_in_groups_of_four() {
        assert_eq!(fingerprint_groups("21fe31dfa154"), "21fe 31df a154");
        assert_eq!(fingerprint_groups("21fe31d"), "21fe 31d");
        assert_eq!(fingerprint_groups(""), "");
        assert_eq!(fingerprint_groups(&"ab".repeat(32)).split(' ').count(), 16);
    }
}
