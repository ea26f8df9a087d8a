//! Hostile hand-overs: anything but a valid signed declaration is refused, in plain words.

use super::*;
use crate::model::keys::key_from_seed;
use crate::model::sample;
use crate::model::signed_file::{sign, to_json_bytes};
use chrono::TimeZone;

fn signed() -> Vec<u8> {
    let when = chrono::Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    to_json_bytes(&sign(&sample::complete(), &key_from_seed([7; 32]), when).unwrap())
}

#[test]
fn the_city_page_hands_over_the_signed_file_and_the_county_page_verifies_it() {
    let bytes = signed();
    let verified = verify(&bytes).unwrap();
    let text = handover_text(&verified);
    assert_eq!(text.as_bytes(), &bytes[..], "the signed file itself");
    let declaration = read_handover(&text).unwrap();
    assert_eq!(declaration, verified.declaration);
}

#[test]
fn anything_else_under_the_hand_over_key_is_refused() {
    let good = String::from_utf8(signed()).unwrap();
    // What older versions handed over: the bare declaration, which anyone can write.
    let bare = serde_json::to_string(&sample::complete()).unwrap();
    let tampered = good.replacen("桐庐富春江美镇圈", "桐庐富春江美镇带", 1);
    assert_ne!(tampered, good);
    let huge = format!("{}{}", good, " ".repeat(MAX_FILE_BYTES));
    let table: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("not JSON", "<script>alert(1)</script>".into()),
        ("a bare declaration", bare),
        ("tampered", tampered),
        (
            "signature removed",
            good.replacen("\"value\"", "\"valeu\"", 1),
        ),
        ("too large", huge),
        ("a JSON string", "\"桐庐县\"".into()),
        ("null", "null".into()),
    ];
    let count = table.len();
    for (case, text) in table {
        let refused = read_handover(&text).expect_err(case);
        let message = refused.message();
        assert!(message.contains("未创建草稿"), "{case}: {message}");
        assert!(refused.technical().is_some(), "{case}");
    }
    assert_eq!(count, 8);
}
