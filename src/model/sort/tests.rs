//! Tests of `model::sort`: stable, by key and by comparison.

use super::*;

#[test]
fn sorts_like_the_standard_stable_sort() {
    // Pairs (key, original position); keys repeat so that stability shows.
    let mut seed = 0x2545_f491_u32;
    for len in [0, 1, 2, 3, 10, 57, 300] {
        let mut items: Vec<(u32, usize)> = (0..len)
            .map(|i| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                (seed % 7, i)
            })
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut items, |p| p.0);
        assert_eq!(items, expected, "length {len}");
    }
}

#[test]
fn sorts_by_a_comparison() {
    // Descending by code point: 甲 U+7532, 乙 U+4E59, 丙 U+4E19.
    let mut words = vec!["丙", "甲", "乙", "甲"];
    sort_by(&mut words, &|a, b| b.cmp(a));
    assert_eq!(words, ["甲", "甲", "乙", "丙"]);
}
