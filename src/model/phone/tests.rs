//! Tests of `model::phone`.

use super::*;
use crate::model::error::UserError;
use PhoneError::*;

fn check_ok(cases: &[(&str, PhoneKind, &str)]) {
    for (input, kind, normalised) in cases {
        match parse_phone(input) {
            Ok(phone) => {
                assert_eq!(&phone.kind, kind, "kind of {input:?}");
                assert_eq!(phone.normalised, *normalised, "normalised {input:?}");
            }
            Err(e) => panic!("{input:?} rejected with {e:?}, expected {normalised}"),
        }
    }
}

fn check_err(cases: &[(&str, PhoneError)]) {
    for (input, expected) in cases {
        assert_eq!(parse_phone(input), Err(*expected), "input {input:?}");
    }
}

const M: PhoneKind = PhoneKind::Mobile;
const F: PhoneKind = PhoneKind::FixedLine;

#[test]
fn empty_after_removing_white_space() {
    check_err(&[
        ("", Empty),
        (" ", Empty),
        ("\t\n", Empty),
        ("\u{3000}\u{3000}", Empty),
        ("\u{a0}", Empty),
        (" \u{3000}\t\u{a0} ", Empty),
    ]);
}

#[test]
fn mobile_length_boundaries() {
    check_ok(&[("13812345678", M, "13812345678")]);
    check_err(&[
        ("1381234567", BadMobile),   // 10 digits
        ("138123456789", BadMobile), // 12 digits
        ("1", BadMobile),
        ("138", BadMobile),
    ]);
}

#[test]
fn mobile_second_digit_boundaries() {
    check_ok(&[
        ("13012345678", M, "13012345678"), // second digit 3
        ("14512345678", M, "14512345678"),
        ("15012345678", M, "15012345678"),
        ("16612345678", M, "16612345678"),
        ("17712345678", M, "17712345678"),
        ("18812345678", M, "18812345678"),
        ("19912345678", M, "19912345678"), // second digit 9
    ]);
    check_err(&[
        ("12812345678", BadMobile), // second digit 2
        ("11812345678", BadMobile),
        ("10812345678", BadMobile),
    ]);
}

#[test]
fn mobile_groupings_and_country_code() {
    check_ok(&[
        ("138-1234-5678", M, "13812345678"),
        ("138 1234 5678", M, "13812345678"),
        ("1381234-5678", M, "13812345678"),
        ("+8613812345678", M, "13812345678"),
        ("+86 138 1234 5678", M, "13812345678"),
        ("+86-13812345678", M, "13812345678"),
        ("+86-138-1234-5678", M, "13812345678"),
        ("8613812345678", M, "13812345678"),
        ("86-13812345678", M, "13812345678"),
        ("86 138 1234 5678", M, "13812345678"),
        ("008613812345678", M, "13812345678"),
        ("(+86)13812345678", M, "13812345678"),
        ("＋８６ １３８ １２３４ ５６７８", M, "13812345678"),
        ("013812345678", M, "13812345678"), // long-distance 0
    ]);
    check_err(&[
        ("+861381234567", BadMobile),
        ("+86138123456789", BadMobile),
        ("+8612812345678", BadMobile),
        ("138-1234-567", BadMobile),
        ("138-1234-56789", BadMobile),
        ("+86", Unrecognised),
        ("+1 555 123 4567", Unrecognised), // foreign numbers are not accepted
        ("+44 20 7946 0958", Unrecognised),
    ]);
}

#[test]
fn full_width_and_odd_white_space() {
    check_ok(&[
        ("１３８ １２３４ ５６７８", M, "13812345678"),
        ("１３８１２３４５６７８", M, "13812345678"),
        ("138\u{3000}1234\u{3000}5678", M, "13812345678"),
        ("\u{a0}13812345678\u{a0}", M, "13812345678"),
        ("\t13812345678\n", M, "13812345678"),
        ("\u{feff}13812345678", M, "13812345678"),
        ("０５７１－８７６５４３２１", F, "0571-87654321"),
        ("（０５７１）８７６５４３２１", F, "0571-87654321"),
        (
            "０５７１\u{3000}８７６５\u{3000}４３２１",
            F,
            "0571-87654321",
        ),
        ("0571—87654321", F, "0571-87654321"),
        ("0571–87654321", F, "0571-87654321"),
        ("0571‐87654321", F, "0571-87654321"),
        ("0571―87654321", F, "0571-87654321"),
        ("0571-87654321转１２３", F, "0571-87654321转123"),
        ("0571-87654321 ＥＸＴ １２３", F, "0571-87654321转123"),
    ]);
}

#[test]
fn fixed_line_accepted_forms() {
    check_ok(&[
        ("0571-87654321", F, "0571-87654321"),
        ("057187654321", F, "0571-87654321"),
        ("(0571)87654321", F, "0571-87654321"),
        ("（0571）87654321", F, "0571-87654321"),
        ("(0571)-87654321", F, "0571-87654321"),
        ("(0571) 87654321", F, "0571-87654321"),
        ("0571 8765 4321", F, "0571-87654321"),
        ("0571 87654321", F, "0571-87654321"),
        ("0571-8765-4321", F, "0571-87654321"),
        ("0571-876-5432", F, "0571-8765432"),
        ("010-62345678", F, "010-62345678"),
        ("01062345678", F, "010-62345678"),
        ("(010)62345678", F, "010-62345678"),
        ("021-87654321", F, "021-87654321"),
        ("02187654321", F, "021-87654321"),
        ("029-8765432", F, "029-8765432"),
        ("0311-87654321", F, "0311-87654321"),
        ("0991-8765432", F, "0991-8765432"),
        ("+86 571 8765 4321", F, "0571-87654321"),
        ("+86-10-62345678", F, "010-62345678"),
        ("+86 (571) 87654321", F, "0571-87654321"),
        ("+86 0571 87654321", F, "0571-87654321"),
    ]);
}

#[test]
fn fixed_line_extensions() {
    check_ok(&[
        ("0571-87654321转123", F, "0571-87654321转123"),
        ("0571-87654321-123", F, "0571-87654321转123"),
        ("0571-87654321 分机 123", F, "0571-87654321转123"),
        ("0571-87654321分机号123", F, "0571-87654321转123"),
        ("0571-87654321 ext 123", F, "0571-87654321转123"),
        ("0571-87654321 EXT123", F, "0571-87654321转123"),
        ("0571-87654321 ext. 123", F, "0571-87654321转123"),
        ("0571-87654321x123", F, "0571-87654321转123"),
        ("0571-87654321 X 123", F, "0571-87654321转123"),
        ("057187654321转123", F, "0571-87654321转123"),
        ("(0571)87654321转123", F, "0571-87654321转123"),
        ("(0571)87654321-123", F, "0571-87654321转123"),
        ("0571-8765-4321-123", F, "0571-87654321转123"),
    ]);
}

#[test]
fn extension_length_boundaries() {
    check_ok(&[
        ("0571-87654321转1", F, "0571-87654321转1"),
        ("0571-87654321转123456", F, "0571-87654321转123456"),
        ("0571-87654321-1", F, "0571-87654321转1"),
        ("0571-87654321-123456", F, "0571-87654321转123456"),
    ]);
    check_err(&[
        ("0571-87654321转", BadExtension),        // 0 digits
        ("0571-87654321-", BadExtension),         // 0 digits
        ("0571-87654321转1234567", BadExtension), // 7 digits
        ("0571-87654321-1234567", BadExtension),  // 7 digits
    ]);
}

#[test]
fn misplaced_or_doubled_extensions() {
    check_err(&[
        ("057187654321-123", BadExtension), // `-` needs a separated area code
        ("13812345678转123", BadExtension), // mobiles have no extension
        ("0571-87654321转12转3", BadExtension),
        ("0571-87654321-123转456", BadExtension),
        ("0571-87654321转12-3", BadExtension),
        ("0571-87654321-12-3", Unrecognised),
    ]);
}

#[test]
fn local_number_length_boundaries() {
    check_ok(&[
        ("0571-8765432", F, "0571-8765432"),   // 7
        ("0571-87654321", F, "0571-87654321"), // 8
        ("05718765432", F, "0571-8765432"),
        ("057187654321", F, "0571-87654321"),
    ]);
    check_err(&[
        ("0571-876543", BadLocalNumber),    // 6
        ("0571-876543210", BadLocalNumber), // 9
        ("0571876543", BadLocalNumber),     // 6, no separator
        ("0571876543210", BadLocalNumber),  // 9, no separator
        ("(0571)876543", BadLocalNumber),
        ("0571", BadLocalNumber),
        ("0571-", BadLocalNumber),
        ("(0571)", BadLocalNumber),
    ]);
}

#[test]
fn local_number_first_digit_boundaries() {
    check_ok(&[
        ("0571-27654321", F, "0571-27654321"), // first digit 2
        ("0571-97654321", F, "0571-97654321"), // first digit 9
    ]);
    check_err(&[
        ("0571-07654321", BadLocalNumber), // first digit 0
        ("0571-17654321", BadLocalNumber), // first digit 1
        ("057117654321", BadLocalNumber),
        // The brief's example `010-12345678` breaks the 2–9 rule, so it is rejected.
        ("010-12345678", BadLocalNumber),
    ]);
}

#[test]
fn area_codes() {
    check_err(&[
        ("571-87654321", BadAreaCode),  // leading 0 missing
        ("57187654321", BadAreaCode),   // same, no separator
        ("057-87654321", BadAreaCode),  // 4-digit region written with 3
        ("0211-87654321", BadAreaCode), // 02x has 3 digits
        ("0101-2345678", BadAreaCode),  // only 010 starts with 01
        ("011-87654321", BadAreaCode),
        ("001-87654321", BadAreaCode),
        ("(571)87654321", BadAreaCode),
        ("(05711)87654321", BadAreaCode),
        ("(057)87654321", BadAreaCode),
        ("057", BadAreaCode),
        ("0", BadAreaCode),
    ]);
}

#[test]
fn missing_area_code() {
    check_err(&[
        ("87654321", MissingAreaCode),
        ("8765432", MissingAreaCode),
        ("8765 4321", MissingAreaCode),
        ("8765-4321", MissingAreaCode),
        ("87654321转123", MissingAreaCode),
        ("87654321-123", MissingAreaCode),
        ("()87654321", MissingAreaCode),
        ("876543", UnmarkedShort), // six digits: a 短号 written alone
        ("876543210", BadLocalNumber),
    ]);
}

#[test]
fn bad_characters() {
    check_err(&[
        ("abc", BadCharacters),
        ("0571-8765432a", BadCharacters),
        ("1381234567８a", BadCharacters),
        ("电话0571-87654321", BadCharacters),
        ("0571-87654321（办公室）", BadCharacters),
        ("13812345678/13987654321", BadCharacters),
        ("13812345678、13987654321", BadCharacters),
        ("0571.87654321", BadCharacters),
        ("0571-87654321转12a", BadCharacters),
        ("0571-87654321分123", BadCharacters),
        ("138****5678", BadCharacters),
        ("😀", BadCharacters),
    ]);
}

#[test]
fn unrecognised() {
    check_err(&[
        ("-", Unrecognised),
        ("转123", Unrecognised),
        ("(0571", Unrecognised),
        ("0571)87654321", Unrecognised),
        ("0571-8765(4321)", Unrecognised),
        ("(0571)(87654321)", Unrecognised),
        ("(abc", BadCharacters),
        ("(05-71)87654321", Unrecognised),
        ("8765(4321)", Unrecognised),
        ("865713812345678", Unrecognised),
    ]);
}

#[test]
fn messages_are_chinese_distinct_and_displayed() {
    let all = [
        Empty,
        BadCharacters,
        BadMobile,
        MissingAreaCode,
        BadAreaCode,
        BadLocalNumber,
        BadExtension,
        Unrecognised,
    ];
    for (i, a) in all.iter().enumerate() {
        assert!(!a.message().is_empty());
        assert!(a
            .message()
            .chars()
            .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)));
        for b in &all[i + 1..] {
            assert_ne!(a.message(), b.message());
        }
    }
    assert_eq!(Empty.message(), "请填写联系电话");
    assert!(MissingAreaCode.message().contains("0571"));
    assert!(BadMobile.message().contains("11 位"));
    let phone = parse_phone("0571-87654321").unwrap();
    assert_eq!(phone.to_string(), "0571-87654321");
}

#[test]
fn never_panics_on_fragments() {
    let samples = [
        "（０５７１）－８７６５４３２１ 分机 １２３",
        "+86(0)571-8765-4321 ext. 99",
        "𠀀转分机x(+86)",
        "0086-(010)-6234-5678-12",
    ];
    for sample in samples {
        let chars: Vec<char> = sample.chars().collect();
        for start in 0..chars.len() {
            for end in start..=chars.len() {
                let fragment: String = chars[start..end].iter().collect();
                let _ = parse_phone(&fragment);
            }
        }
    }
}

fn list_ok(cases: &[(&str, &str)]) {
    for (input, normalised) in cases {
        match parse_phones(input) {
            Ok(list) => assert_eq!(list.normalised(), *normalised, "input {input:?}"),
            Err(e) => panic!("{input:?} rejected: {}", e.message()),
        }
    }
}

fn list_err(cases: &[(&str, Option<usize>, PhoneError)]) {
    for (input, number, error) in cases {
        assert_eq!(
            parse_phones(input),
            Err(PhoneListError {
                number: *number,
                error: *error
            }),
            "input {input:?}"
        );
    }
}

#[test]
fn a_cell_holds_one_or_two_numbers() {
    list_ok(&[
        ("13812345678", "13812345678"),
        ("０５７１－８７６５４３２１", "0571-87654321"),
        ("0571-87654321、13812345678", "0571-87654321、13812345678"),
        ("0571-87654321/13812345678", "0571-87654321、13812345678"),
        ("0571-87654321／13812345678", "0571-87654321、13812345678"),
        ("0571-87654321，13812345678", "0571-87654321、13812345678"),
        ("0571-87654321, 13812345678", "0571-87654321、13812345678"),
        ("0571-87654321；13812345678", "0571-87654321、13812345678"),
        ("0571-87654321;13812345678", "0571-87654321、13812345678"),
        ("0571-87654321 13812345678", "0571-87654321、13812345678"),
        (
            "0571-87654321\u{3000}13812345678",
            "0571-87654321、13812345678",
        ),
        ("0571 8765 4321 138 1234 5678", "0571-87654321、13812345678"),
        ("13812345678、13987654321", "13812345678、13987654321"),
        (
            "0571-87654321转123、13812345678",
            "0571-87654321转123、13812345678",
        ),
        ("0571-87654321、", "0571-87654321"),
        // A number written with spaces inside is still one number.
        ("138 1234 5678", "13812345678"),
        ("0571 8765 4321", "0571-87654321"),
    ]);
}

#[test]
fn notes_and_short_numbers_are_kept() {
    list_ok(&[
        ("0571-87654321（办）", "0571-87654321（办）"),
        ("0571-87654321(办)", "0571-87654321（办）"),
        (
            "0571-87654321（办）、13812345678（手机）",
            "0571-87654321（办）、13812345678（手机）",
        ),
        (
            "办：0571-87654321，手机：13812345678",
            "0571-87654321（办）、13812345678（手机）",
        ),
        (
            "办公室 0571-87654321 手机 13812345678",
            "0571-87654321（办公室）、13812345678（手机）",
        ),
        ("13912345678（短号 612345）", "13912345678（短号 612345）"),
        ("13912345678(短号:612345)", "13912345678（短号 612345）"),
        ("13912345678、短号612345", "13912345678（短号 612345）"),
        (
            "0571-87654321、13912345678（短号６１２３４５）",
            "0571-87654321、13912345678（短号 612345）",
        ),
        (
            "13912345678（手机）（短号 612345）",
            "13912345678（手机）（短号 612345）",
        ),
        // Brackets around digits are an area code, not a note.
        (
            "（0571）87654321、13812345678",
            "0571-87654321、13812345678",
        ),
    ]);
}

#[test]
fn what_a_cell_cannot_hold() {
    list_err(&[
        ("", None, Empty),
        (" \u{3000}", None, Empty),
        ("abc", None, BadCharacters),
        ("电话号码不详", None, Unrecognised),
        ("0571-87654321、13812345678、13987654321", None, TooMany),
        ("612345", None, UnmarkedShort),
        ("短号 612345", None, UnmarkedShort),
        ("13912345678 612345", None, BadMobile),
        ("13912345678、612345", Some(2), UnmarkedShort),
        ("13912345678（短号 6123456）", None, BadShortNumber),
        ("13912345678（短号 61a）", None, BadShortNumber),
        ("0571-87654321、1381234567", Some(2), BadMobile),
        ("87654321、13812345678", Some(1), MissingAreaCode),
        ("13812345678（这是我的办公室电话号码）", None, BadNote),
        ("13812345678（办）（手机）", None, BadNote),
    ]);
    assert_eq!(
        parse_phones("0571-87654321、1381234567")
            .unwrap_err()
            .message(),
        format!("第 2 个号码：{}", BadMobile.message())
    );
    assert!(UnmarkedShort.message().contains("短号"));
}

#[test]
fn list_parsing_never_panics_on_fragments() {
    let sample = "办：（０５７１）８７６５４３２１转１２、13912345678（短号 612345）/ 手机";
    let chars: Vec<char> = sample.chars().collect();
    for start in 0..chars.len() {
        for end in start..=chars.len() {
            let fragment: String = chars[start..end].iter().collect();
            let _ = parse_phones(&fragment);
        }
    }
}
