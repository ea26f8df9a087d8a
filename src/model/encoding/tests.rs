//! Tests of `model::encoding`: strict base64, lower-case hex, fingerprints in groups of four.

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
