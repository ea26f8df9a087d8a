//! Tests of `model::summary::status`: which unit a declaration belongs to, what each line
//! says, and the overview, table-driven.

use super::*;

fn declared<'a>(applicant: &'a str, cluster: &'a str, file: &'a str, kind: Kind) -> Declared<'a> {
    Declared {
        applicant,
        cluster_name: cluster,
        file_name: file,
        kind,
    }
}

#[test]
fn every_unit_of_hangzhou_has_a_line_in_order_even_with_nothing_sent() {
    let units = status(&[]);
    let names: Vec<&str> = units.iter().map(|u| u.unit.as_str()).collect();
    // The 13 units as the division list has them (its own tests pin the list and its order).
    let hangzhou: Vec<&str> = crate::model::divisions::divisions()
        .hangzhou_counties()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, hangzhou);
    assert_eq!(names.len(), 13);
    assert!(units.iter().all(|u| u.state() == "尚未报送" && u.hangzhou));
    assert_eq!(
        overview(&units),
        "13 个县（市、区）中，已报送 0 个，尚未报送 13 个"
    );
}

/// (declarations, unit, its state, signed, word, items)
#[test]
fn each_declaration_goes_to_the_unit_its_applicant_names() {
    use Kind::{Signed, Word};
    type Case<'a> = (
        Vec<Declared<'a>>,
        &'a str,
        &'a str,
        usize,
        usize,
        Vec<&'a str>,
    );
    let cases: Vec<Case> = vec![
        (
            vec![declared("330122", "桐庐富春江美镇圈", "a.json", Signed)],
            "桐庐县",
            "已报送",
            1,
            0,
            vec!["桐庐富春江美镇圈（签名文件，a.json）"],
        ),
        (
            vec![declared("330111", "富阳美镇带", "b.docx", Word)],
            "富阳区",
            "只有 Word 文件（未签名）",
            0,
            1,
            vec!["富阳美镇带（Word 文件（未签名），b.docx）"],
        ),
        (
            vec![
                declared("330182", "", "c.docx", Word),
                declared("330182", "建德美镇圈", "d.json", Signed),
            ],
            "建德市",
            "已报送",
            1,
            1,
            vec![
                "（未填写集群名称）（Word 文件（未签名），c.docx）",
                "建德美镇圈（签名文件，d.json）",
            ],
        ),
        (
            vec![declared("", "无名", "e.docx", Word)],
            ELSEWHERE,
            "只有 Word 文件（未签名）",
            0,
            1,
            vec!["无名（Word 文件（未签名），e.docx），申报单位未填写"],
        ),
        (
            vec![declared("330521", "德清美镇圈", "f.json", Signed)],
            ELSEWHERE,
            "已报送",
            1,
            0,
            vec!["德清美镇圈（签名文件，f.json），申报单位：湖州市德清县"],
        ),
    ];
    for (given, unit, state, signed, word, items) in cases {
        let units = status(&given);
        let line = units
            .iter()
            .find(|u| u.unit == unit)
            .unwrap_or_else(|| panic!("{unit}"));
        assert_eq!(line.state(), state, "{unit}");
        assert_eq!((line.signed, line.word), (signed, word), "{unit}");
        assert_eq!(line.items, items, "{unit}");
        let declared: usize = units.iter().map(|u| u.signed + u.word).sum();
        assert_eq!(declared, given.len(), "nothing dropped");
        assert_eq!(units.len(), 13 + usize::from(unit == ELSEWHERE));
    }
}

#[test]
fn the_overview_counts_units_not_files() {
    use Kind::{Signed, Word};
    let units = status(&[
        declared("330122", "甲", "a.json", Signed),
        declared("330122", "乙", "b.json", Signed),
        declared("330111", "丙", "c.docx", Word),
        declared("999999", "丁", "d.docx", Word),
    ]);
    assert_eq!(
        overview(&units),
        "13 个县（市、区）中，已报送 2 个（其中 1 个只有 Word 文件，未签名），尚未报送 11 个；另有 1 份申报的申报单位不明或不在杭州市"
    );
    let tonglu = units.iter().find(|u| u.unit == "桐庐县").unwrap();
    assert_eq!(
        tonglu.row(11),
        [
            "11",
            "桐庐县",
            "已报送",
            "2",
            "0",
            "甲（签名文件，a.json）\n乙（签名文件，b.json）"
        ]
    );
    assert_eq!(
        units.last().unwrap().items,
        ["丁（Word 文件（未签名），d.docx），申报单位：未知地区（999999）"]
    );
}
