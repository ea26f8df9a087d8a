//! Tests of `model::divisions`.

use super::*;

#[test]
fn embedded_file_parses_fully() {
    let parsed = parse(DATA).expect("embedded file parses");
    let record_lines = DATA.lines().filter(|l| !l.starts_with('#')).count();
    let records = parsed.cities.len() + parsed.counties.len() + parsed.towns.len();
    assert_eq!(records, record_lines);
    assert!(
        DATA.starts_with('#'),
        "the file starts with its comment header"
    );
    assert!(DATA.ends_with('\n'));
}

#[test]
fn zhejiang_counts() {
    let d = divisions();
    assert_eq!(d.cities().len(), 11);
    assert_eq!(d.counties().len(), 90);
    assert_eq!(d.towns().len(), 1364);
    assert_eq!(d.cities()[0].name, "杭州市");
    assert_eq!(d.cities()[0].code, HANGZHOU_CITY_CODE);
}

#[test]
fn hangzhou_has_its_13_units_in_customary_order() {
    let names: Vec<&str> = divisions()
        .hangzhou_counties()
        .iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        [
            "上城区",
            "拱墅区",
            "西湖区",
            "滨江区",
            "萧山区",
            "余杭区",
            "临平区",
            "钱塘区",
            "富阳区",
            "临安区",
            "桐庐县",
            "淳安县",
            "建德市"
        ]
    );
    assert_eq!(divisions().counties_of(HANGZHOU_CITY_CODE).count(), 13);
    assert!(divisions()
        .hangzhou_counties()
        .iter()
        .all(|c| c.is_in_hangzhou()));
}

#[test]
fn hangzhou_has_191_towns() {
    let d = divisions();
    let by_county: usize = d
        .counties_of(HANGZHOU_CITY_CODE)
        .map(|c| d.towns_of(c.code).count())
        .sum();
    assert_eq!(by_county, 191);
    let by_prefix = d
        .towns()
        .iter()
        .filter(|t| t.code.starts_with(HANGZHOU_CITY_CODE))
        .count();
    assert_eq!(by_prefix, 191);
}

#[test]
fn known_units_resolve() {
    let d = divisions();
    let towns = [
        // (code, name, county code, county full name)
        ("330102001", "清波街道", "330102", "杭州市上城区"),
        ("330122004", "城南街道", "330122", "杭州市桐庐县"),
        ("330127100", "千岛湖镇", "330127", "杭州市淳安县"),
        ("330521001", "武康街道", "330521", "湖州市德清县"),
    ];
    for (code, name, county_code, full_name) in towns {
        let town = d.town(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(town.name, name);
        assert_eq!(town.county_code, county_code);
        let county = d.county(county_code).expect("county");
        assert_eq!(county.full_name(), full_name);
    }
    let cities = [("3301", "杭州市"), ("3305", "湖州市"), ("3311", "丽水市")];
    for (code, name) in cities {
        assert_eq!(d.city(code).map(|c| c.name), Some(name));
    }
    assert!(!d.county("330521").unwrap().is_in_hangzhou());
    for missing in ["", "3312", "330100", "330109401", "330109", "x"] {
        assert!(d.town(missing).is_none(), "{missing}");
    }
    assert!(d.city("3312").is_none());
    assert!(d.county("330101").is_none());
}

#[test]
fn no_statistics_only_units() {
    let d = divisions();
    for t in d.towns() {
        let n: u32 = t.code[6..9].parse().unwrap();
        assert!(!(400..=599).contains(&n), "{} {}", t.code, t.name);
    }
    for c in d.counties() {
        let n: u32 = c.code[4..6].parse().unwrap();
        assert!(!(71..=80).contains(&n), "{} {}", c.code, c.name);
    }
}

#[test]
fn every_unit_has_its_parent() {
    let d = divisions();
    for t in d.towns() {
        assert_eq!(t.code.len(), 9);
        assert_eq!(&t.code[..6], t.county_code);
        assert!(d.county(t.county_code).is_some(), "{}", t.code);
    }
    for c in d.counties() {
        assert_eq!(c.code.len(), 6);
        assert_eq!(&c.code[..4], c.city_code);
        assert!(d.city(c.city_code).is_some(), "{}", c.code);
        // 龙港市 is run directly over its villages: it has no 乡, 镇 or 街道.
        let has_towns = d.towns_of(c.code).next().is_some();
        assert_eq!(has_towns, c.code != "330383", "{} has towns", c.code);
    }
    let total: usize = d
        .counties()
        .iter()
        .map(|c| d.towns_of(c.code).count())
        .sum();
    assert_eq!(total, d.towns().len());
}

/// The list holds only real towns: every name ends in 乡, 镇 or 街道, so statistics
/// artefacts such as "龙港县直辖村级区划" (330383198) never show up in a search.
#[test]
fn every_town_is_a_real_xiang_zhen_or_jiedao() {
    let d = divisions();
    for t in d.towns() {
        assert!(
            t.name.ends_with('乡') || t.name.ends_with('镇') || t.name.ends_with("街道"),
            "{} {} is not a 乡, 镇 or 街道",
            t.code,
            t.name
        );
    }
    assert!(d.town("330383198").is_none());
    assert!(d.search("直辖", 10).is_empty());
    assert!(d
        .search("龙港", 10)
        .iter()
        .all(|t| !t.name.contains("区划")));
}

#[test]
fn search_puts_hangzhou_first_and_respects_limit() {
    let d = divisions();
    let cases = [
        ("城关", 10),
        ("城南", 10),
        ("城南", 3),
        ("街道", 5),
        ("街道", 400),
    ];
    for (query, limit) in cases {
        let hits = d.search(query, limit);
        assert!(hits.len() <= limit, "{query}");
        assert!(hits.iter().all(|t| t.name.contains(query)));
        let first_other = hits
            .iter()
            .position(|t| !t.code.starts_with(HANGZHOU_CITY_CODE))
            .unwrap_or(hits.len());
        assert!(
            hits[first_other..]
                .iter()
                .all(|t| !t.code.starts_with(HANGZHOU_CITY_CODE)),
            "{query}: Hangzhou first"
        );
    }
    // 城南: 桐庐县城南街道 first, then the rest of Zhejiang in code order.
    let codes: Vec<&str> = d.search(" 城南 ", 10).iter().map(|t| t.code).collect();
    assert_eq!(
        codes,
        [
            "330122004",
            "330382003",
            "330402012",
            "330602005",
            "330624200",
            "331081108"
        ]
    );
    assert_eq!(d.search("城南", 2).len(), 2);
    // Hangzhou's towns come in hangzhou_counties() order: 富阳区 (330111) after 钱塘区 (330114).
    let hits = d.search("街道", 400);
    let county_order: Vec<&str> = hits
        .iter()
        .filter(|t| t.code.starts_with(HANGZHOU_CITY_CODE))
        .map(|t| t.county_code)
        .collect();
    let fuyang = county_order.iter().position(|&c| c == "330111").unwrap();
    let qiantang = county_order.iter().rposition(|&c| c == "330114").unwrap();
    assert!(qiantang < fuyang);
}

#[test]
fn choices_leave_out_chosen_towns_and_keep_counties_together() {
    let d = divisions();
    // An empty query offers every town of the applicant.
    let all = d.choices("", "330122", &[], 60);
    assert_eq!(all.len(), d.towns_of("330122").count());
    assert!(all.iter().all(|t| t.county_code == "330122"));
    // Chosen towns are not offered again.
    let first = all[0].code;
    let rest = d.choices(" ", "330122", &[first], 60);
    assert_eq!(rest.len(), all.len() - 1);
    assert!(rest.iter().all(|t| t.code != first));
    // No applicant, no query: nothing.
    assert!(d.choices("", "", &[], 60).is_empty());
    // A query across counties: each county's towns stay together.
    let found = d.choices("街道", "", &[], 60);
    assert_eq!(found.len(), 60);
    let mut seen: Vec<&str> = Vec::new();
    for t in &found {
        if seen.last() != Some(&t.county_code) {
            assert!(!seen.contains(&t.county_code), "{} split", t.county_code);
            seen.push(t.county_code);
        }
    }
}

#[test]
fn search_empty_query_finds_nothing() {
    let d = divisions();
    for query in ["", " ", "\t"] {
        assert!(d.search(query, 10).is_empty(), "{query:?}");
    }
    assert!(d.search("街道", 0).is_empty());
    assert!(d.search("不存在的镇名", 10).is_empty());
}

#[test]
fn town_named_hits_and_misses() {
    let d = divisions();
    let cases = [
        ("330127", "千岛湖镇", Some("330127100")),
        ("330127", " 千岛湖镇 ", Some("330127100")),
        ("330122", "城南街道", Some("330122004")),
        ("330521", "武康街道", Some("330521001")),
        ("330122", "千岛湖镇", None),
        ("330127", "千岛湖", None),
        ("330109", "红山农场", None),
        ("999999", "城南街道", None),
    ];
    for (county, name, expected) in cases {
        assert_eq!(
            d.town_named(county, name).map(|t| t.code),
            expected,
            "{county} {name}"
        );
    }
}

#[test]
fn parse_rejects_malformed_lines() {
    let cases = [
        "C\t3301",
        "C\t3301\t杭州市\textra",
        "X\t3301\t杭州市",
        "C\t330\t杭州市",
        "C\t3201\t南京市",
        "C\t3301\t",
        "C\t3301\t 杭州市",
        "A\t330102\t上城区",
        "C\t3301\t杭州市\nT\t330102001\t清波街道",
        "C\t3301\t杭州市\nA\t330102\t上城区\nT\t330102401\t开发区",
        "C\t3301\t杭州市\nA\t330171\t开发区",
        "C\t3302\t宁波市\nC\t3301\t杭州市",
        "C\t3301\t杭州市\n\nA\t330102\t上城区",
    ];
    for text in cases {
        assert!(parse(text).is_err(), "{text:?}");
    }
    assert!(
        parse("# comment\nC\t3301\t杭州市\nA\t330102\t上城区\nT\t330102001\t清波街道\n").is_ok()
    );
}
