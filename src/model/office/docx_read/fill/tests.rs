//! Tests of `docx_read::fill`.

use super::*;

#[test]
fn check_boxes_are_read_from_the_marks_beside_them() {
    let types = ["特色型", "复合型"];
    let scopes = ["县域内部", "跨县域", "跨市域"];
    let table: &[(&str, &[&str], Ticks)] = &[
        ("□特色型 □复合型", &types, Ticks::None),
        ("☑特色型 □复合型", &types, Ticks::One(0)),
        ("□ 特色型　☑ 复合型", &types, Ticks::One(1)),
        ("☐特色型 ☒复合型", &types, Ticks::One(1)),
        ("■特色型 □复合型", &types, Ticks::One(0)),
        ("√特色型 复合型", &types, Ticks::One(0)),
        ("特色型√ 复合型", &types, Ticks::One(0)),
        ("特色型 复合型✓", &types, Ticks::One(1)),
        ("✔复合型", &types, Ticks::One(1)),
        ("复合型", &types, Ticks::One(1)),
        ("特色型 复合型", &types, Ticks::None),
        ("☑特色型 ☑复合型", &types, Ticks::Several(vec![0, 1])),
        ("", &types, Ticks::None),
        ("综合型", &types, Ticks::Unreadable),
        ("□县域内部 ☑跨县域 □跨市域", &scopes, Ticks::One(1)),
        ("☐ 县域内部　☐ 跨县域　☑ 跨市域", &scopes, Ticks::One(2)),
        ("☑县域内部 □跨县域 □跨市域", &scopes, Ticks::One(0)),
    ];
    for (text, options, want) in table {
        assert_eq!(read_ticks(text, options), *want, "{text}");
    }
}

#[test]
fn the_applicant_is_one_of_hangzhous_units() {
    let code = |text: &str| applicant_in(text).map(|c| c.code).map_err(|v| v.len());
    assert_eq!(code("桐庐县美镇办"), Ok("330122"));
    assert_eq!(
        code("杭州市富阳区美丽城镇建设工作领导小组办公室"),
        Ok("330111")
    );
    assert_eq!(code("临安美镇办"), Ok("330112"));
    assert_eq!(code("上城区、拱墅区美镇办"), Err(2));
    assert_eq!(code("德清县美镇办"), Err(0));
}
