//! Tests of `docx_read::labels`.

use super::*;

#[test]
fn labels_are_found_however_a_clerk_spaced_or_bracketed_them() {
    let table: &[(&str, Option<Label>)] = &[
        ("美丽城镇集群化建设名称", Some(Label::ClusterName)),
        ("美丽城镇\n集群化建设\n名称", Some(Label::ClusterName)),
        ("关联乡镇 (街道)", Some(Label::Towns)),
        ("关联乡镇（街道）", Some(Label::Towns)),
        ("关联乡镇\n（街道）：", Some(Label::Towns)),
        ("关联乡镇【街道】", Some(Label::Towns)),
        (
            "工作专班 成立时间",
            Some(Label::Milestone(Milestone::TaskForce)),
        ),
        (
            "工作专班\n成立时间",
            Some(Label::Milestone(Milestone::TaskForce)),
        ),
        (
            "\u{3000}工作专班\u{3000}成立时间\u{a0}",
            Some(Label::Milestone(Milestone::TaskForce)),
        ),
        ("2021年 计划完成的 阶段性 成果", Some(Label::StageResults)),
        (
            "２０２１年\n计划完成的\n阶段性\n成果",
            Some(Label::StageResults),
        ),
        ("联系电话：", Some(Label::Detail(PersonField::Phone))),
        ("总协调人", Some(Label::Person(Role::Coordinator))),
        ("具 体 联 系 人", Some(Label::Person(Role::Contact))),
        ("申报单位（盖章）", None),
        ("联系电话（手机）", Some(Label::Detail(PersonField::Phone))),
        ("职务(职称)：", Some(Label::Detail(PersonField::Title))),
        ("桐庐县（富阳区）", None),
        ("桐庐县美镇办", None),
        ("", None),
    ];
    for (text, label) in table {
        assert_eq!(exact(text), *label, "{text:?}");
    }
}

#[test]
fn a_label_with_its_value_in_the_same_text_is_split_at_the_colon() {
    assert_eq!(
        inline("总协调人：王建国"),
        Some((Label::Person(Role::Coordinator), "王建国"))
    );
    assert_eq!(
        inline("日期: 2021年5月10日"),
        Some((Label::DeclaredOn, " 2021年5月10日"))
    );
    assert_eq!(inline("申报单位（盖章）：桐庐县美镇办"), None);
    assert_eq!(
        inline("申报单位名称：桐庐县美镇办").map(|(l, _)| l),
        Some(Label::Applicant)
    );
    assert_eq!(inline("联系电话："), None);
    assert_eq!(inline("职务调整后"), None);
}

#[test]
fn the_summary_begins_after_its_label_and_hint() {
    let table: &[(&str, Option<&str>)] = &[
        (
            "主要内容简介（500字）：\n（包含开展集群化建设的必要性分析、已有基础或成果，存在的问题，主要措施，进度计划和远景展望等。具体方案可另附。）\n正文",
            Some("\n正文"),
        ),
        ("主要内容简介 (500 字)：正文", Some("正文")),
        ("主要内容简介：（包含必要性分析等）正文", Some("正文")),
        ("主要内容简介", Some("")),
        ("简介", None),
    ];
    for (text, rest) in table {
        assert_eq!(summary(text), *rest, "{text:?}");
    }
}

#[test]
fn the_forms_own_words_are_known() {
    for text in [
        "附件",
        "附件：",
        "杭州市美丽城镇集群化建设申报表",
        "附件：杭州市美丽城镇集群化建设申报表",
        "申报单位（盖章）：",
        "注：由各县（市、区）美镇办负责填写本申报表，一式三份。",
        "草稿",
    ] {
        assert_eq!(known(text), Some(Known::Form), "{text}");
    }
    assert_eq!(
        known("签名申报文件的密钥指纹：abcd efgh"),
        Some(Known::SignedCopy)
    );
    assert_eq!(known("申报单位（盖章）：桐庐县美镇办"), None);
    assert_eq!(known("富春江镇"), None);
    assert_eq!(
        attachments_line("附：方案.pdf；清单.xlsx"),
        Some(vec!["方案.pdf".to_string(), "清单.xlsx".to_string()])
    );
}
