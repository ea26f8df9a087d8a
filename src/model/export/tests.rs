//! Tests of `model::export`: names of downloaded files that every system can save.

use super::*;
use crate::model::sample;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 6, 30).unwrap()
}

#[test]
fn the_file_name_names_unit_cluster_and_date() {
    assert_eq!(
        signed_file_name(&sample::complete(), day()),
        "杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈-20210630.json"
    );
}

#[test]
fn characters_file_systems_refuse_are_replaced_or_dropped() {
    assert_eq!(
        safe_file_name_part(r#"a\b/c:d*e?f"g<h>i|j"#),
        "a_b_c_d_e_f_g_h_i_j"
    );
    assert_eq!(safe_file_name_part("富春江\n美镇\t圈\u{7}"), "富春江美镇圈");
    assert_eq!(safe_file_name_part("  富春江   美镇圈 . "), "富春江 美镇圈");
    assert_eq!(safe_file_name_part("..."), "未命名");
    assert_eq!(safe_file_name_part(""), "未命名");
    assert_eq!(safe_file_name_part("　全角空格　"), "全角空格");
    let mut d = sample::complete();
    d.cluster_name = "../../etc/passwd".into();
    let name = signed_file_name(&d, day());
    assert!(!name.contains('/'), "{name}");
    assert_eq!(
        name,
        "杭州市美丽城镇集群化建设申报表-桐庐县-_.._etc_passwd-20210630.json"
    );
}

#[test]
fn a_long_cluster_name_is_shortened_at_a_character_boundary() {
    let mut d = sample::complete();
    d.cluster_name = "富春江".repeat(100);
    let name = signed_file_name(&d, day());
    assert!(name.len() <= MAX_FILE_NAME_BYTES, "{} bytes", name.len());
    assert!(name.ends_with("-20210630.json"), "{name}");
    assert!(name.starts_with("杭州市美丽城镇集群化建设申报表-桐庐县-富春江富春江"));
    // Cut between characters: still valid UTF-8 by construction, and no partial character.
    assert!(name.chars().all(|c| c != '\u{fffd}'));
}

#[test]
fn missing_parts_get_placeholders() {
    let d = Declaration::default();
    assert_eq!(
        signed_file_name(&d, day()),
        "杭州市美丽城镇集群化建设申报表-未选择申报单位-未命名-20210630.json"
    );
}

#[test]
fn the_word_copy_is_named_like_the_signed_file() {
    assert_eq!(
        word_file_name(&sample::complete()),
        "杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈.docx"
    );
    let mut d = sample::complete();
    d.cluster_name = "富春江/".repeat(100);
    let name = word_file_name(&d);
    assert!(name.len() <= MAX_FILE_NAME_BYTES, "{} bytes", name.len());
    assert!(name.ends_with(".docx") && !name.contains('/'), "{name}");
}

#[test]
fn the_backup_name_carries_the_fingerprint_start() {
    assert_eq!(
        key_backup_file_name("21fe31dfa154a261", day()),
        "美镇申报签名密钥备份-21fe31df-20210630.json"
    );
}
