//! Tests of `model::paper`: the paper form's cells and the paper ↔ file binding.

use super::*;
use crate::model::sample;
use crate::model::storage::signed_copy_key;

#[test]
fn the_sample_fills_every_cell() {
    let paper = PaperForm::of(&sample::complete());
    assert_eq!(paper.cluster_name, "桐庐富春江美镇圈");
    assert_eq!(paper.applicant, "桐庐县美镇办");
    assert_eq!(paper.towns, ["富春江镇、江南镇、凤川街道"]);
    let ticks: Vec<String> = paper.creation_type.iter().map(TickBox::text).collect();
    assert_eq!(ticks, ["☐ 特色型", "☑ 复合型"]);
    let ticks: Vec<String> = paper.scope.iter().map(TickBox::text).collect();
    assert_eq!(ticks, ["☑ 县域内部", "☐ 跨县域", "☐ 跨市域"]);
    assert_eq!(paper.rows.len(), 6);
    assert_eq!(paper.rows[0].left, "王建国");
    assert_eq!(paper.rows[3].right, "13857112345");
    assert_eq!(paper.rows[4].left, "2021年4月30日");
    assert_eq!(paper.rows[5].right, "2021年9月30日");
    assert!(!paper.summary.is_empty());
    assert_eq!(paper.declared_on, "");
}

#[test]
fn towns_are_grouped_by_county_in_order_of_mention() {
    let mut d = sample::complete();
    d.towns = vec![
        sample::listed("330122", "富春江镇"),
        sample::listed("330127", "千岛湖镇"),
        sample::listed("330122", "江南镇"),
        TownRef::Custom {
            name: "深渡镇".into(),
            location: crate::model::declaration::CustomLocation::OutsideZhejiang {
                place: "安徽省黄山市歙县".into(),
            },
        },
    ];
    assert_eq!(
        PaperForm::of(&d).towns,
        [
            "桐庐县：富春江镇、江南镇",
            "淳安县：千岛湖镇",
            "安徽省黄山市歙县：深渡镇"
        ]
    );
}

#[test]
fn the_office_prints_as_on_its_seal() {
    let mut d = sample::complete();
    d.applicant = "330111".into();
    assert_eq!(PaperForm::of(&d).applicant, "富阳区美镇办");
    d.applicant_office = " 杭州市富阳区美丽城镇建设工作领导小组办公室 ".into();
    assert_eq!(
        PaperForm::of(&d).applicant,
        "杭州市富阳区美丽城镇建设工作领导小组办公室"
    );
    d.applicant.clear();
    d.applicant_office.clear();
    assert_eq!(PaperForm::of(&d).applicant, "");
}

#[test]
fn hand_added_towns_print_as_plain_names() {
    let mut d = sample::complete();
    d.towns.push(TownRef::Custom {
        name: "新设镇".into(),
        location: crate::model::declaration::CustomLocation::County {
            code: "330122".into(),
        },
    });
    assert_eq!(
        PaperForm::of(&d).towns,
        ["富春江镇、江南镇、凤川街道、新设镇"]
    );
}

#[test]
fn phones_and_month_dates_print_in_full() {
    let mut d = sample::complete();
    d.coordinator.phone = "0571-87654321/13812345678".into();
    d.implementation_plan_date = "2021/6".into();
    let paper = PaperForm::of(&d);
    assert_eq!(paper.rows[3].left, "0571-87654321、13812345678");
    assert_eq!(paper.rows[4].right, "2021年6月");
}

#[test]
fn nothing_ticked_when_nothing_chosen() {
    let paper = PaperForm::of(&Declaration::default());
    assert!(paper.creation_type.iter().all(|t| !t.ticked));
    assert!(paper.scope.iter().all(|t| !t.ticked));
    assert!(paper.towns.is_empty());
}

#[test]
fn long_texts_keep_their_paragraphs() {
    let mut d = sample::complete();
    d.summary = "第一段。\n\n\n第二段。\r\n第三段。".into();
    assert_eq!(
        PaperForm::of(&d).summary,
        ["第一段。", "第二段。", "第三段。"]
    );
}

#[test]
fn a_signed_copy_matches_the_form_until_it_changes() {
    let mut form = sample::complete();
    form.cluster_name = format!("  {}  ", form.cluster_name);
    let copy = SignedCopy {
        declaration: form.cleaned(),
        binding: PaperBinding {
            fingerprint: "ab".repeat(32),
            digest: "cd".repeat(32),
        },
    };
    assert!(
        copy.matches(&form),
        "white space alone does not change the signed content"
    );
    form.summary.push('。');
    assert!(!copy.matches(&form));
}

#[test]
fn a_signed_copy_is_stored_and_read_back() {
    let copy = SignedCopy {
        declaration: sample::complete().cleaned(),
        binding: PaperBinding {
            fingerprint: "ab".repeat(32),
            digest: "cd".repeat(32),
        },
    };
    let json = copy.to_json().unwrap();
    assert_eq!(SignedCopy::from_json(&json), Some(copy.clone()));
    assert!(copy.matches(&sample::complete()));
    for bad in [
        "",
        "{}",
        "null",
        &json.replace(&"ab".repeat(32), "not-a-fingerprint"),
        &json.replace("fingerprint", "fingerprnt"),
    ] {
        assert_eq!(SignedCopy::from_json(bad), None, "{bad}");
    }
    assert_eq!(signed_copy_key("d-1"), "meizhen:signed:d-1");
}

#[test]
fn the_qr_code_carries_fingerprint_and_digest() {
    let binding = PaperBinding {
        fingerprint: "ab".repeat(32),
        digest: "cd".repeat(32),
    };
    let payload = binding.qr_payload();
    assert!(payload.contains(&"ab".repeat(32)));
    assert!(payload.contains(&"cd".repeat(32)));
    let svg = binding.qr_svg().unwrap();
    assert!(
        svg.starts_with("<?xml") || svg.starts_with("<svg"),
        "{}",
        &svg[..40]
    );
    assert!(svg.contains("#000000"));
    assert_eq!(binding.fingerprint_display().split(' ').count(), 16);
}
