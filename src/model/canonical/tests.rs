//! Tests of `model::canonical`.

use super::*;
use serde_json::json;

fn canon_text(json: &str) -> String {
    let value: Value = serde_json::from_str(json).expect("test input is JSON");
    canonicalize(&value).expect("canonical form")
}

fn canon_f64(v: f64) -> String {
    canonicalize(&Value::Number(Number::from_f64(v).expect("finite"))).expect("canonical")
}

/// RFC 8785 §3.2.2 (example of §3.2.3 input and §3.2.4 output).
#[test]
fn rfc8785_section_3_2_example() {
    let input = r#"{
      "numbers": [333333333.33333329, 1E30, 4.50,
                  2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"#;
    let expected = concat!(
        r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"#,
        r#""string":"€$\u000f\nA'B\"\\\\\"/"}"#
    );
    assert_eq!(canon_text(input), expected);
}

/// RFC 8785 §3.2.3: sorting by UTF-16 code units, not by code points or UTF-8 bytes.
#[test]
fn rfc8785_property_sorting_example() {
    let input = r#"{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }"#;
    let expected = concat!(
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",",
        "\"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",",
        "\"\u{1f600}\":\"Emoji: Grinning Face\",",
        "\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    );
    assert_eq!(canon_text(input), expected);
    // The emoji (a surrogate pair, 0xD83D…) sorts before U+FB33 although its code point
    // is larger: the proof that the order is by UTF-16 code units.
}

/// RFC 8785 Appendix B: number serialisation samples (the finite ones).
#[test]
fn rfc8785_appendix_b_numbers() {
    let cases: &[(u64, &str)] = &[
        (0x0000000000000000, "0"),
        (0x8000000000000000, "0"), // -0
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ];
    for &(bits, expected) in cases {
        assert_eq!(canon_f64(f64::from_bits(bits)), expected, "{bits:#018x}");
    }
}

#[test]
fn numbers_named_in_the_brief() {
    assert_eq!(
        canon_text("[1e30, 4.50, 2e-3, 1e-27, -0, -0.0, 10, 1.5e3]"),
        "[1e+30,4.5,0.002,1e-27,0,0,10,1500]"
    );
}

#[test]
fn control_characters_are_escaped_as_rfc8785_says() {
    let all: String = (0u32..0x20).filter_map(char::from_u32).collect();
    let expected = concat!(
        r#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#,
        r#"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#
    );
    assert_eq!(canonicalize(&Value::String(all)).unwrap(), expected);
    // Everything else, including U+007F, U+2028 and non-ASCII, is written as itself.
    assert_eq!(
        canonicalize(&json!("\u{7f}\u{2028}杭州/\"\\")).unwrap(),
        "\"\u{7f}\u{2028}杭州/\\\"\\\\\""
    );
}

#[test]
fn nested_objects_are_sorted_and_unspaced() {
    assert_eq!(
        canon_text(r#"{ "b": {"z": 1, "a": [ {"y":2,"x":1} ]}, "a": "" }"#),
        r#"{"a":"","b":{"a":[{"x":1,"y":2}],"z":1}}"#
    );
}

#[test]
fn integers_a_double_cannot_hold_are_refused() {
    assert_eq!(canon_text("9007199254740991"), "9007199254740991");
    assert_eq!(canon_text("-9007199254740991"), "-9007199254740991");
    for big in [
        "9007199254740992",
        "9007199254740993",
        "-9007199254740993",
        "18446744073709551615",
    ] {
        let value: Value = serde_json::from_str(big).unwrap();
        assert_eq!(
            canonicalize(&value),
            Err(CanonError::IntegerOutOfRange(big.to_string())),
            "{big}"
        );
    }
    // Written as a double, the same magnitude is fine: its text says what the double is.
    assert_eq!(canon_text("9007199254740993.0"), "9007199254740992");
}

#[test]
fn strict_parse_accepts_what_serde_json_accepts() {
    let text = r#"{"a":[1,2.5,"x",null,true,{"b":{}}],"c":-3}"#;
    assert_eq!(
        parse_strict(text.as_bytes()).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
}

#[test]
fn strict_parse_refuses_duplicate_keys_at_any_depth() {
    for (text, key) in [
        (r#"{"a":1,"a":2}"#, "a"),
        (r#"{"a":{"x":1,"y":2,"x":1}}"#, "x"),
        (r#"[0,[{"k":"v"},{"k":1,"k":1}]]"#, "k"),
        (r#"{"\u0061":1,"a":2}"#, "a"),
        (r#"{"杭州":1,"杭州":1}"#, "杭州"),
    ] {
        match parse_strict(text.as_bytes()) {
            Err(StrictJsonError::DuplicateKey { key: k, detail }) => {
                assert_eq!(k, key, "{text}");
                assert!(detail.contains("line 1"), "{detail}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    // Keys that differ only in case, or equal as values in different objects, are fine.
    assert!(parse_strict(br#"{"a":1,"A":1,"o":{"a":1}}"#).is_ok());
}

#[test]
fn strict_parse_refuses_what_is_not_json() {
    for bad in [
        &b""[..],
        b"{",
        b"{} {}",
        b"{\"a\":1,}",
        b"\xef\xbb\xbf{}",
        b"{\"a\":\"\xff\"}",
        br#""\ud800""#,
        b"NaN",
        b"1e400",
        b"{'a':1}",
    ] {
        assert!(
            matches!(parse_strict(bad), Err(StrictJsonError::Syntax(_))),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(matches!(
        parse_strict(deep.as_bytes()),
        Err(StrictJsonError::Syntax(_))
    ));
}

#[test]
fn a_custom_message_that_looks_like_the_marker_cannot_be_forged_by_content() {
    // A key containing the marker text is data, not an error.
    let text = format!("{{\"{}\":1}}", "duplicate key \\u0001x");
    assert!(parse_strict(text.as_bytes()).is_ok());
}

#[test]
fn hex_is_lower_case_and_sha256_matches_the_standard_vector() {
    assert_eq!(lower_hex(&[0x00, 0xab, 0xff]), "00abff");
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
