//! The reader against our own Word copy (export → import), hand-made documents for each shape
//! a writer may use, and a table of hostile files, each with the reason it is refused.

use crate::model::error::UserError;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;
use crate::model::declaration::{CreationType, CustomLocation, Scope, TownRef};
use crate::model::field::FieldId;
use crate::model::office::docx::docx;
use crate::model::paper::PaperBinding;
use crate::model::sample;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip of these entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A .docx whose main document is `document`, plus `more` entries.
fn package_with(document: &[u8], more: &[(&str, &[u8])]) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document),
    ];
    entries.extend_from_slice(more);
    zip_of(&entries)
}

fn package(document: &str) -> Vec<u8> {
    package_with(document.as_bytes(), &[])
}

/// A Word document that is not the declaration (for the tests of the worker's job).
pub(crate) fn docx_with_body(body: &str) -> Vec<u8> {
    package(&doc(body))
}

/// `word/document.xml` around a body.
fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:w14="{W14}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>"#
    )
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph; "\n" in `text` is a line break.
fn p(text: &str) -> String {
    let runs: Vec<String> = text
        .split('\n')
        .map(|line| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(line)))
        .collect();
    format!("<w:p><w:r>{}</w:r></w:p>", runs.join("<w:br/>"))
}

fn tc(content: &str) -> String {
    format!("<w:tc>{content}</w:tc>")
}

fn tc_props(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!("<w:tbl>{}</w:tbl>", rows.concat())
}

/// A row of label | value | label | value.
fn pair(left: &str, left_value: &str, right: &str, right_value: &str) -> String {
    tr(&[
        tc(&p(left)),
        tc(&p(left_value)),
        tc(&p(right)),
        tc(&p(right_value)),
    ])
}

/// The filled form as a table, the values given (the sample's by default).
fn form(cluster: &str, type_cell: &str, scope_cell: &str, extra_rows: &str) -> String {
    let span3 = r#"<w:gridSpan w:val="3"/>"#;
    let rows = [
        tr(&[
            tc(&p("美丽城镇集群化建设名称")),
            tc_props(span3, &p(cluster)),
        ]),
        pair(
            "申报单位",
            "桐庐县美镇办",
            "关联乡镇（街道）",
            "富春江镇、江南镇、凤川街道",
        ),
        pair("创建类型", type_cell, "创建范围", scope_cell),
        pair("总协调人", "王建国", "具体联系人", "李晓梅"),
        pair(
            "所在单位",
            "桐庐县人民政府",
            "所在单位",
            "桐庐县美丽城镇建设工作领导小组办公室",
        ),
        pair("职务", "副县长", "职务", "综合科科长"),
        pair("联系电话", "0571-64212345", "联系电话", "13857112345"),
        pair(
            "工作专班\n成立时间",
            "2021-04-30",
            "实施方案\n完成时间",
            "2021-06-30",
        ),
        pair(
            "任务清单\n完成时间",
            "2021-07-31",
            "集群规划\n完成时间",
            "2021-09-30",
        ),
        tr(&[
            tc(&p("2021年\n计划完成的\n阶段性\n成果")),
            tc_props(span3, &p(&sample::complete().stage_results)),
        ]),
        tr(&[tc_props(
            r#"<w:gridSpan w:val="4"/>"#,
            &[
                p("主要内容简介（500字）："),
                p(crate::model::paper::SUMMARY_HINT),
                p(&sample::complete().summary),
            ]
            .concat(),
        )]),
    ];
    format!("{}{extra_rows}", tbl(&rows))
}

fn sample_form() -> String {
    doc(&form(
        "桐庐富春江美镇圈",
        "☐ 特色型　☑ 复合型",
        "☑ 县域内部　☐ 跨县域　☐ 跨市域",
        "",
    ))
}

fn read(bytes: &[u8]) -> WordImport {
    match read_word(bytes, "申报表.docx") {
        Ok(import) => import,
        Err(e) => panic!("{} ({:?})", e.message(), e.technical()),
    }
}

fn state(import: &WordImport, field: FieldId) -> &FieldState {
    &import
        .report
        .fields
        .iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("no entry for {field:?}"))
        .state
}

fn notes(import: &WordImport, field: FieldId) -> Vec<String> {
    import
        .report
        .fields
        .iter()
        .find(|f| f.field == field)
        .map(|f| f.notes.clone())
        .unwrap_or_default()
}

// ---- Our own Word copy, read back -------------------------------------------------------

/// Declarations our writer must give back unchanged: the sample and its variations.
fn variations() -> Vec<(&'static str, Declaration)> {
    let mut out = vec![("sample", sample::complete())];
    let mut d = sample::complete();
    d.coordinator.phone = "0571-87654321、13812345678".into();
    d.contact.phone = "0571-64213456转123、13912345678（短号 612345）".into();
    out.push(("two phones", d));
    let mut d = sample::complete();
    d.task_force_date = "2021-04".into();
    d.implementation_plan_date = "2021-06".into();
    d.task_list_date = "2021-07-31".into();
    d.cluster_plan_date = "2021-12".into();
    d.declared_on = "2021-05-10".into();
    out.push(("month-only dates", d));
    let mut d = sample::complete();
    d.towns.push(TownRef::Custom {
        name: "桐庐经济开发区".into(),
        location: CustomLocation::County {
            code: "330122".into(),
        },
    });
    out.push(("a hand-added town of the applicant's county", d));
    let mut d = sample::complete();
    d.scope = Some(Scope::AcrossCounties);
    d.towns = vec![
        sample::listed("330122", "富春江镇"),
        sample::listed("330122", "城南街道"),
        sample::listed("330127", "千岛湖镇"),
        TownRef::Custom {
            name: "淳安未来镇".into(),
            location: CustomLocation::County {
                code: "330127".into(),
            },
        },
    ];
    out.push(("跨县域, with a hand-added town of another county", d));
    let mut d = sample::complete();
    d.scope = Some(Scope::AcrossCities);
    d.towns = vec![
        sample::listed("330122", "富春江镇"),
        sample::listed("330521", "莫干山镇"),
        TownRef::Custom {
            name: "深渡镇".into(),
            location: CustomLocation::OutsideZhejiang {
                place: "安徽省黄山市歙县".into(),
            },
        },
    ];
    out.push(("跨市域, in and outside Zhejiang", d));
    let mut d = sample::complete();
    d.creation_type = Some(CreationType::Distinctive);
    d.applicant = "330111".into();
    d.applicant_office = "杭州市富阳区美丽城镇建设工作领导小组办公室".into();
    d.towns = vec![
        sample::listed("330111", "银湖街道"),
        sample::listed("330111", "新登镇"),
    ];
    out.push(("特色型, an office named as on its seal", d));
    let mut d = sample::complete();
    d.summary = "第一段。\n第二段，写到“具体方案另附”。\n第三段 2021 年。".into();
    d.stage_results = "一、规划。\n二、项目。".into();
    out.push(("paragraphs", d));
    let mut d = sample::complete();
    d.summary.clear();
    d.contact.title.clear();
    d.scope = None;
    out.push(("a draft with errors (marked 草稿)", d));
    out.push(("the empty form", Declaration::default()));
    out
}

#[test]
fn our_word_copy_reads_back_as_the_same_declaration() {
    for (name, d) in variations() {
        for binding in [
            None,
            Some(PaperBinding {
                fingerprint: "ab".repeat(32),
                digest: "cd".repeat(32),
            }),
        ] {
            let bytes = docx(&d, binding.as_ref()).unwrap();
            let import = read(&bytes);
            assert_eq!(import.declaration, d.cleaned(), "{name}");
            assert_eq!(import.report.unplaced, vec![], "{name}");
            assert_eq!(import.problems(), validate(&d.cleaned()), "{name}");
            for entry in &import.report.fields {
                assert_ne!(entry.state, FieldState::NotFound, "{name}: {entry:?}");
                assert!(
                    !matches!(entry.state, FieldState::Unclear(_)),
                    "{name}: {entry:?}"
                );
            }
            let signed_note = import.report.notes.iter().any(|n| n.contains("密钥指纹"));
            assert_eq!(signed_note, binding.is_some(), "{name}");
        }
    }
}

#[test]
fn an_import_crosses_to_the_page_as_json_unchanged() {
    let body = form(
        "集群",
        "☑特色型 ☑复合型",
        "☑县域内部",
        &tbl(&[tr(&[tc(&p("备注"))])]),
    );
    for bytes in [
        docx(&sample::complete(), None).unwrap(),
        package(&doc(&body)),
    ] {
        let import = read(&bytes);
        let json = import.to_json().unwrap();
        assert_eq!(WordImport::from_json(&json).unwrap(), import);
    }
    assert!(WordImport::from_json(r#"{"declaration":{}}"#).is_err());
}

#[test]
fn only_blank_lines_between_paragraphs_and_attachments_are_not_read_back() {
    let mut d = sample::complete();
    d.summary = "第一段。\n\n第二段。".into();
    d.attachments = vec![crate::model::declaration::Attachment {
        name: "实施方案.pdf".into(),
        size: 10,
        media_type: "application/pdf".into(),
        sha256: "00".repeat(32),
    }];
    let import = read(&docx(&d, None).unwrap());
    assert_eq!(import.declaration.summary, "第一段。\n第二段。");
    assert!(import.declaration.attachments.is_empty());
    assert!(
        import
            .report
            .notes
            .iter()
            .any(|n| n.contains("实施方案.pdf")),
        "{:?}",
        import.report.notes
    );
    assert_eq!(import.report.unplaced, vec![]);
}

// ---- Shapes writers use ---------------------------------------------------------------

#[test]
fn a_form_built_by_hand_is_read_whole() {
    let import = read(&package(&sample_form()));
    assert_eq!(import.declaration, sample::complete());
    assert!(import.problems().is_clean());
    assert_eq!(
        state(&import, FieldId::Towns),
        &FieldState::Filled("富春江镇（桐庐县）、江南镇（桐庐县）、凤川街道（桐庐县）".into())
    );
    assert_eq!(
        state(
            &import,
            FieldId::Milestone(crate::model::declaration::Milestone::TaskForce)
        ),
        &FieldState::Filled("2021年4月30日".into())
    );
    assert_eq!(state(&import, FieldId::DeclaredOn), &FieldState::NotFound);
    assert_eq!(
        import.report.summary(),
        "共 20 项：读出 19 项，文件中没有 1 项。"
    );
}

#[test]
fn check_boxes_of_every_kind_are_read() {
    let legacy = |checked: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="c"/><w:checkBox><w:sizeAuto/>{checked}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        )
    };
    let control = |checked: &str, glyph: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"#
        )
    };
    let t = |text: &str| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
    let sym =
        |font: &str, code: &str| format!(r#"<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>"#);
    let font_run = |font: &str, text: &str| {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t>{text}</w:t></w:r>"#
        )
    };
    let cell = |runs: Vec<String>| format!("<w:p>{}</w:p>", runs.concat());
    let table: Vec<(&str, String, Option<CreationType>)> = vec![
        (
            "legacy fields, checked",
            cell(vec![
                legacy(r#"<w:default w:val="0"/>"#),
                t("特色型 "),
                legacy(r#"<w:default w:val="0"/><w:checked/>"#),
                t("复合型"),
            ]),
            Some(CreationType::Composite),
        ),
        (
            "legacy fields, by default",
            cell(vec![
                legacy(r#"<w:default w:val="1"/>"#),
                t("特色型 "),
                legacy(r#"<w:default w:val="0"/>"#),
                t("复合型"),
            ]),
            Some(CreationType::Distinctive),
        ),
        (
            "legacy fields, unchecked over a ticked default",
            cell(vec![
                legacy(r#"<w:default w:val="1"/><w:checked w:val="0"/>"#),
                t("特色型 "),
                legacy(r#"<w:checked w:val="1"/>"#),
                t("复合型"),
            ]),
            Some(CreationType::Composite),
        ),
        (
            "content controls: the state, not the glyph",
            cell(vec![
                control("0", "☒"),
                t("特色型 "),
                control("1", "☐"),
                t("复合型"),
            ]),
            Some(CreationType::Composite),
        ),
        (
            "Wingdings 2 symbols",
            cell(vec![
                sym("Wingdings 2", "F052"),
                t("特色型 "),
                sym("Wingdings 2", "F0A3"),
                t("复合型"),
            ]),
            Some(CreationType::Distinctive),
        ),
        (
            "Wingdings letters",
            cell(vec![
                font_run("Wingdings", "\u{A8}"),
                t("特色型 "),
                font_run("Wingdings", "\u{FE}"),
                t("复合型"),
            ]),
            Some(CreationType::Composite),
        ),
        (
            "Wingdings 2 letters",
            cell(vec![
                font_run("Wingdings 2", "R"),
                t("特色型 "),
                font_run("Wingdings 2", "£"),
                t("复合型"),
            ]),
            Some(CreationType::Distinctive),
        ),
        (
            "√ typed before",
            p("√特色型 复合型"),
            Some(CreationType::Distinctive),
        ),
        (
            "✓ typed after",
            p("特色型 复合型✓"),
            Some(CreationType::Composite),
        ),
        (
            "■ over □",
            p("□特色型 ■复合型"),
            Some(CreationType::Composite),
        ),
        (
            "the other option deleted",
            p("复合型"),
            Some(CreationType::Composite),
        ),
        ("none ticked", p("□特色型 □复合型"), None),
        ("both ticked", p("☑特色型 ☑复合型"), None),
    ];
    for (name, cell, expected) in table {
        let body = form("集群", &cell, "☑县域内部", "");
        // `form` puts text into a paragraph: put the raw runs in instead.
        let body = body.replace(&p(&cell), &cell);
        let import = read(&package(&doc(&body)));
        assert_eq!(import.declaration.creation_type, expected, "{name}");
        let field = FieldId::CreationType;
        match (name, state(&import, field)) {
            ("both ticked", FieldState::Unclear(found)) => {
                assert_eq!(found, "☑特色型 ☑复合型");
                assert_eq!(
                    notes(&import, field),
                    ["勾选了不止一项（特色型、复合型），未导入，请在表单中选择一项"]
                );
            }
            ("none ticked", FieldState::Empty) => {
                assert_eq!(
                    notes(&import, field),
                    ["“□特色型 □复合型”中没有勾选任何一项"]
                );
            }
            (_, FieldState::Filled(label)) => {
                assert_eq!(
                    Some(label.as_str()),
                    expected.map(CreationType::label),
                    "{name}"
                )
            }
            (_, other) => panic!("{name}: {other:?}"),
        }
        assert_eq!(import.report.unplaced, vec![], "{name}");
    }
}

#[test]
fn field_codes_deleted_text_and_fallback_copies_are_not_text() {
    let cluster = concat!(
        r#"<w:p><w:r><w:t>桐庐</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD 名称 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>富春江</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del>"#,
        r#"<w:moveFrom><w:r><w:t>移走的字</w:t></w:r></w:moveFrom>"#,
        r#"<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>美镇</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>美镇</w:t></w:r></mc:Fallback></mc:AlternateContent>"#,
        r#"<w:r><w:t>圈</w:t><w:tab/></w:r></w:p>"#,
    );
    let body = form("X", "☑复合型", "☑县域内部", "").replace(&p("X"), cluster);
    let import = read(&package(&doc(&body)));
    assert_eq!(import.declaration.cluster_name, "桐庐富春江美镇圈");
}

#[test]
fn labels_and_values_are_found_in_other_layouts() {
    // The people one under the other, label and value sharing a cell, a nested table, an
    // indented row, a vertically merged label with its value over two rows, and a text box.
    let people = tbl(&[
        tr(&[tc(&p("总协调人")), tc(&p("王建国"))]),
        tr(&[tc(&p("所在单位")), tc(&p("桐庐县人民政府"))]),
        tr(&[tc(&p("职务")), tc(&p("副县长"))]),
        tr(&[tc(&p("联系电话")), tc(&p("0571-64212345"))]),
        tr(&[tc(&p("具体联系人")), tc(&p("李晓梅"))]),
        tr(&[tc(&p("所在单位")), tc(&p("桐庐县美镇办"))]),
        tr(&[tc(&p("职务")), tc(&p("科长"))]),
        tr(&[tc(&p("联系电话")), tc(&p("13857112345"))]),
    ]);
    let textbox = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r></w:p>"#;
    let body = [
        p("附件"),
        p("杭州市美丽城镇集群化建设申报表"),
        tbl(&[
            tr(&[tc(&p("美丽城镇集群化建设名称：桐庐富春江美镇圈"))]),
            format!(
                r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}{}</w:tr>"#,
                tc(&p("申报单位")),
                tc(&p("桐庐县美镇办"))
            ),
            tr(&[
                tc(&p("关联乡镇 (街道)")),
                tc(&p("富春江镇\n江南镇；凤川街道")),
            ]),
            tr(&[tc(&p("创建类型")), tc(&p("□特色型 ☑复合型"))]),
            tr(&[tc(&p("创建范围")), tc(&p("☑县域内部 □跨县域 □跨市域"))]),
            tr(&[tc(&[people, p("")].concat())]),
            tr(&[
                tc_props(
                    r#"<w:vMerge w:val="restart"/>"#,
                    &p("2021年 计划完成的 阶段性 成果"),
                ),
                tc(&p("完成集群规划编制；")),
            ]),
            tr(&[tc_props("<w:vMerge/>", &p("")), tc(&p("启动共建项目。"))]),
        ]),
        p("主要内容简介（500字）："),
        p(crate::model::paper::SUMMARY_HINT),
        p("第一段。"),
        p("第二段。"),
        p("申报单位（盖章）："),
        p("日期：2021年5月10日"),
        p("注：由各县（市、区）美镇办负责填写本申报表，一式三份。"),
        textbox.to_string(),
        p("另附说明一份。"),
    ]
    .concat();
    let import = read(&package(&doc(&body)));
    let d = &import.declaration;
    assert_eq!(d.cluster_name, "桐庐富春江美镇圈");
    assert_eq!(d.applicant, "330122");
    assert_eq!(d.towns.len(), 3);
    assert_eq!(d.creation_type, Some(CreationType::Composite));
    assert_eq!(d.scope, Some(Scope::WithinCounty));
    assert_eq!(
        (d.coordinator.unit.as_str(), d.coordinator.phone.as_str()),
        ("桐庐县人民政府", "0571-64212345")
    );
    assert_eq!(
        (
            d.contact.name.as_str(),
            d.contact.title.as_str(),
            d.contact.phone.as_str()
        ),
        ("李晓梅", "科长", "13857112345")
    );
    assert_eq!(d.stage_results, "完成集群规划编制；\n启动共建项目。");
    assert_eq!(d.summary, "第一段。\n第二段。");
    assert_eq!(d.declared_on, "2021-05-10");
    for m in crate::model::declaration::Milestone::ALL {
        assert_eq!(state(&import, FieldId::Milestone(m)), &FieldState::NotFound);
    }
    assert_eq!(
        import.report.unplaced,
        vec![
            Unplaced {
                place: "表格之后的正文".into(),
                text: "另附说明一份。".into()
            },
            Unplaced {
                place: "文本框中".into(),
                text: "文本框里的字".into()
            },
        ]
    );
    assert_eq!(
        import.report.notes,
        ["文件中有 1 处图片或嵌入的对象，没有读取（只读取文字）。"]
    );
}

#[test]
fn nothing_is_dropped_silently() {
    let extra = tbl(&[
        tr(&[tc(&p("备注")), tc(&p("已报县政府同意"))]),
        tr(&[tc(&p("总协调人")), tc(&p("另一个人"))]),
    ]);
    let body = [
        p("请各地于5月底前报送"),
        form("集群", "☑复合型", "☑县域内部", &extra),
    ]
    .concat();
    let import = read(&package(&doc(&body)));
    let lines: Vec<String> = import.report.unplaced.iter().map(Unplaced::line).collect();
    assert_eq!(
        lines,
        [
            "表格之前的正文：请各地于5月底前报送",
            "第 2 个表格第 1 行：备注",
            "第 2 个表格第 1 行：已报县政府同意",
            "第 2 个表格第 2 行：另一个人",
        ]
    );
    assert_eq!(import.declaration.coordinator.name, "王建国");
    assert!(import
        .report
        .summary()
        .ends_with("另有 4 处文字未能对应到申报表的填写项，请核对。"));
}

#[test]
fn towns_are_matched_against_the_division_list() {
    let towns = |applicant: &str, cell: &str| {
        let body = form("集群", "☑复合型", "☑县域内部", "")
            .replace(&p("桐庐县美镇办"), &p(applicant))
            .replace(&p("富春江镇、江南镇、凤川街道"), &p(cell));
        read(&package(&doc(&body)))
    };
    let codes = |import: &WordImport| -> Vec<String> {
        import
            .declaration
            .towns
            .iter()
            .map(|t| match t {
                TownRef::Listed { code } => code.clone(),
                TownRef::Custom { name, location } => format!("{name}@{location:?}"),
            })
            .collect()
    };
    let code = |county: &str, name: &str| match sample::listed(county, name) {
        TownRef::Listed { code } => code,
        other => panic!("{other:?}"),
    };
    // The applicant's own 城南街道 among several of that name.
    let import = towns("桐庐县美镇办", "城南街道，富春江镇 江南镇、富春江镇");
    assert_eq!(
        codes(&import),
        [
            code("330122", "城南街道"),
            code("330122", "富春江镇"),
            code("330122", "江南镇")
        ]
    );
    assert_eq!(
        notes(&import, FieldId::Towns),
        ["“富春江镇（桐庐县）”填写了不止一次，只导入一次"]
    );
    // Groups by county, brackets, a county in front, a name only one county has, a name
    // completed with 镇.
    let import = towns(
        "桐庐县美镇办",
        "桐庐县：富春江镇、江南\n淳安县：千岛湖镇\n湖州市德清县：莫干山镇\n安徽省黄山市歙县：深渡镇\n凤川街道（桐庐县）、建德市新安江街道、姜家镇",
    );
    assert_eq!(
        codes(&import),
        [
            code("330122", "富春江镇"),
            code("330122", "江南镇"),
            code("330127", "千岛湖镇"),
            code("330521", "莫干山镇"),
            "深渡镇@OutsideZhejiang { place: \"安徽省黄山市歙县\" }".to_string(),
            code("330122", "凤川街道"),
            code("330182", "新安江街道"),
            code("330127", "姜家镇"),
        ]
    );
    assert_eq!(
        notes(&import, FieldId::Towns),
        [
            "“江南”按区划名单中的“江南镇”（桐庐县）导入，请核对",
            "“深渡镇”不在区划名单中，已作为手动添加的乡镇（街道）导入，所在地为安徽省黄山市歙县，请核对",
        ]
    );
    // Several of a name, none in the applicant's county: Hangzhou's first, and said so.
    let import = towns("富阳区美镇办", "城南街道、银湖街道");
    assert_eq!(codes(&import)[0], code("330122", "城南街道"));
    assert!(
        notes(&import, FieldId::Towns)[0].starts_with("区划名单中有"),
        "{:?}",
        notes(&import, FieldId::Towns)
    );
    // Unknown names: hand-added in the applicant's county, or without one when it is unclear.
    let import = towns("桐庐县美镇办", "富春未来城、江南镇");
    assert_eq!(codes(&import)[0], "富春未来城@County { code: \"330122\" }");
    let import = towns("某某办", "富春未来城、江南镇");
    assert_eq!(codes(&import)[0], "富春未来城@County { code: \"\" }");
    assert_eq!(
        notes(&import, FieldId::Towns)[0],
        "“富春未来城”不在区划名单中，已作为手动添加的乡镇（街道）导入，请在表单中选择它所属的县（市、区）"
    );
    // More names than a cell can hold: the rest are reported, not read.
    let many = vec!["某镇"; MAX_TOWN_NAMES + 5].join("、");
    let import = towns("桐庐县美镇办", &many);
    assert_eq!(import.declaration.towns.len(), 1);
    assert!(notes(&import, FieldId::Towns)
        .iter()
        .any(|n| n == "只导入了前 200 个乡镇（街道），其余 5 个未导入"));
}

#[test]
fn an_applicant_that_is_none_of_hangzhous_units_is_kept_as_written() {
    let body =
        form("集群", "☑复合型", "☑县域内部", "").replace(&p("桐庐县美镇办"), &p("德清县美镇办"));
    let import = read(&package(&doc(&body)));
    assert_eq!(import.declaration.applicant, "");
    assert_eq!(import.declaration.applicant_office, "德清县美镇办");
    assert_eq!(
        state(&import, FieldId::Applicant),
        &FieldState::Unclear("德清县美镇办".into())
    );
    assert!(import.problems().has_error(FieldId::Applicant));
}

#[test]
fn utf16_documents_are_read() {
    let xml = sample_form();
    let mut le = vec![0xFF, 0xFE];
    le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let import = read(&package_with(&le, &[]));
    assert_eq!(import.declaration, sample::complete());
}

// ---- Hostile files ---------------------------------------------------------------------

/// Deflates `n` bytes of `byte` (a zip bomb's payload: megabytes into kilobytes).
fn bomb(n: usize, byte: u8) -> Vec<u8> {
    vec![byte; n]
}

/// Sets the "encrypted" flag of every entry, in local headers and the central directory.
fn mark_encrypted(mut zip: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 10 < zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 6] |= 1,
            b"PK\x01\x02" => zip[i + 8] |= 1,
            _ => {}
        }
        i += 1;
    }
    zip
}

/// Rewrites the sizes the central directory claims for every entry to `size`.
fn lie_about_sizes(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 28 < zip.len() {
        if &zip[i..i + 4] == b"PK\x01\x02" {
            zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        if &zip[i..i + 4] == b"PK\x03\x04" {
            zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
    zip
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn hostile_files_are_refused_with_a_reason() {
    let valid = package(&sample_form());
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut encrypted_ole = ole.clone();
    encrypted_ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let billion_laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#;
    let external = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"#;
    let undeclared = doc(&p("x").replace('x', "&xxe;"));
    let deep_elements = doc(&nested(
        "<w:sdt><w:sdtContent>",
        "</w:sdtContent></w:sdt>",
        200,
        "",
    ));
    let deep_tables = doc(&nested(
        "<w:tbl><w:tr><w:tc>",
        "<w:p/></w:tc></w:tr></w:tbl>",
        MAX_TABLE_DEPTH + 1,
        "",
    ));
    let many_entries: Vec<(String, Vec<u8>)> = (0..=MAX_ENTRIES)
        .map(|i| (format!("word/media/{i}.bin"), vec![0]))
        .collect();
    let many: Vec<(&str, &[u8])> = many_entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let document_bomb = bomb(MAX_DOCUMENT_BYTES as usize + 1, b' ');
    let rels_bomb = bomb(MAX_RELS_BYTES as usize + 1, b' ');
    let unsafe_ = |u: Unsafe| WordReadError::Unsafe(u);
    let doc_part = || "word/document.xml".to_string();
    let cases: Vec<(&str, Vec<u8>, &str, WordReadError)> = vec![
        (
            "empty",
            vec![],
            "申报表.docx",
            WordReadError::NotDocx(FileKind::Empty),
        ),
        (
            "larger than the input cap",
            vec![0; MAX_FILE_BYTES as usize + 1],
            "申报表.docx",
            WordReadError::TooLarge {
                bytes: MAX_FILE_BYTES + 1,
                limit: MAX_FILE_BYTES,
            },
        ),
        (
            "an old Word file",
            ole.clone(),
            "申报表.doc",
            WordReadError::NotDocx(FileKind::OldWord),
        ),
        (
            "a WPS file",
            ole.clone(),
            "申报表.wps",
            WordReadError::NotDocx(FileKind::Wps),
        ),
        (
            "a password-protected .docx",
            encrypted_ole,
            "申报表.docx",
            WordReadError::NotDocx(FileKind::Encrypted),
        ),
        (
            "a PDF",
            b"%PDF-1.7\n".to_vec(),
            "申报表.pdf",
            WordReadError::NotDocx(FileKind::Pdf),
        ),
        (
            "a scan",
            b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
            "扫描件.png",
            WordReadError::NotDocx(FileKind::Picture),
        ),
        (
            "a photo",
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 0],
            "照片.jpg",
            WordReadError::NotDocx(FileKind::Picture),
        ),
        (
            "a web page saved as .doc",
            b"<html><body>x</body></html>".to_vec(),
            "申报表.doc",
            WordReadError::NotDocx(FileKind::WebPage),
        ),
        (
            "text",
            "申报单位：桐庐县".as_bytes().to_vec(),
            "申报表.txt",
            WordReadError::NotDocx(FileKind::Unknown),
        ),
        (
            "a zip cut in half",
            valid[..valid.len() / 2].to_vec(),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "zip magic, then garbage",
            b"PK\x03\x04garbage garbage garbage".to_vec(),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "an Excel workbook",
            zip_of(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("xl/workbook.xml", b"<workbook/>"),
            ]),
            "汇总.xlsx",
            WordReadError::NotWord {
                holds: ZipKind::Excel,
            },
        ),
        (
            "slides",
            zip_of(&[("ppt/presentation.xml", b"<p/>")]),
            "汇报.pptx",
            WordReadError::NotWord {
                holds: ZipKind::Slides,
            },
        ),
        (
            "an OpenDocument text",
            zip_of(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<x/>"),
            ]),
            "申报表.odt",
            WordReadError::NotWord {
                holds: ZipKind::OpenDocument,
            },
        ),
        (
            "a plain zip",
            zip_of(&[("申报表/说明.txt", b"x")]),
            "材料.zip",
            WordReadError::NotWord {
                holds: ZipKind::Other,
            },
        ),
        (
            "relationships pointing outside the package",
            zip_of(&[
                (
                    "_rels/.rels",
                    RELS.replace("word/document.xml", "../../etc/passwd")
                        .as_bytes(),
                ),
                ("word/document.xml", sample_form().as_bytes()),
            ]),
            "申报表.docx",
            WordReadError::NotWord {
                holds: ZipKind::Other,
            },
        ),
        (
            "a main part that is not a Word document",
            package("<?xml version=\"1.0\"?><html><body/></html>"),
            "申报表.docx",
            WordReadError::NotWord {
                holds: ZipKind::Other,
            },
        ),
        (
            "a zip bomb as the document",
            package_with(&document_bomb, &[]),
            "申报表.docx",
            unsafe_(Unsafe::PartTooLarge {
                part: doc_part(),
                limit: MAX_DOCUMENT_BYTES,
            }),
        ),
        (
            "a zip bomb as the relationships",
            zip_of(&[
                ("_rels/.rels", &rels_bomb),
                ("word/document.xml", sample_form().as_bytes()),
            ]),
            "申报表.docx",
            unsafe_(Unsafe::PartTooLarge {
                part: "_rels/.rels".into(),
                limit: MAX_RELS_BYTES,
            }),
        ),
        (
            "a bomb whose headers claim a small size",
            lie_about_sizes(package_with(&document_bomb, &[]), 100),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "more entries than a Word document has",
            zip_of(&many),
            "申报表.docx",
            unsafe_(Unsafe::TooManyEntries {
                entries: MAX_ENTRIES + 1,
                limit: MAX_ENTRIES,
            }),
        ),
        (
            "encrypted entries",
            mark_encrypted(valid.clone()),
            "申报表.docx",
            WordReadError::Encrypted,
        ),
        (
            "a DTD with nested entities",
            package(billion_laughs),
            "申报表.docx",
            unsafe_(Unsafe::Dtd { part: doc_part() }),
        ),
        (
            "an external entity",
            package(external),
            "申报表.docx",
            unsafe_(Unsafe::Dtd { part: doc_part() }),
        ),
        (
            "a DTD in the relationships",
            zip_of(&[
                (
                    "_rels/.rels",
                    b"<!DOCTYPE r [<!ENTITY a \"b\">]><Relationships/>",
                ),
                ("word/document.xml", sample_form().as_bytes()),
            ]),
            "申报表.docx",
            unsafe_(Unsafe::Dtd {
                part: "_rels/.rels".into(),
            }),
        ),
        (
            "an undeclared entity",
            package(&undeclared),
            "申报表.docx",
            unsafe_(Unsafe::Entity {
                part: doc_part(),
                name: "xxe".into(),
            }),
        ),
        (
            "elements nested too deep",
            package(&deep_elements),
            "申报表.docx",
            unsafe_(Unsafe::TooDeep {
                part: doc_part(),
                limit: MAX_DEPTH,
            }),
        ),
        (
            "tables nested too deep",
            package(&deep_tables),
            "申报表.docx",
            unsafe_(Unsafe::TablesTooDeep {
                limit: MAX_TABLE_DEPTH,
            }),
        ),
        (
            "more paragraphs than a form has",
            package(&doc(&"<w:p/>".repeat(MAX_PARAGRAPHS + 1))),
            "申报表.docx",
            unsafe_(Unsafe::TooManyParagraphs {
                limit: MAX_PARAGRAPHS,
            }),
        ),
        (
            "more cells than a form has",
            package(&doc(&tbl(&[tr(&vec![tc("<w:p/>"); MAX_CELLS + 1])]))),
            "申报表.docx",
            unsafe_(Unsafe::TooManyCells { limit: MAX_CELLS }),
        ),
        (
            "a document that is not UTF-8",
            package_with(
                b"<?xml version=\"1.0\"?><w:document xmlns:w=\"x\">\xB0\xA1</w:document>",
                &[],
            ),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "an unclosed element",
            package(&doc("<w:p><w:r><w:t>申报单位").replace("</w:body></w:document>", "")),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "mismatched tags",
            package(&doc("<w:p><w:r></w:p></w:r>")),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "a bad character reference",
            package(&doc(&p("x").replace('x', "&#0;"))),
            "申报表.docx",
            WordReadError::Damaged {
                detail: String::new(),
            },
        ),
        (
            "a Word document that is not the form",
            package(&doc(&[
                p("关于报送材料的通知"),
                tbl(&[pair("职务", "科长", "日期", "2021年")]),
            ]
            .concat())),
            "通知.docx",
            WordReadError::NoForm,
        ),
    ];
    let count = cases.len();
    for (name, bytes, file_name, expected) in cases {
        let got = read_word(&bytes, file_name).expect_err(name);
        match (&got, &expected) {
            // The detail is the parser's own words; only the kind is the contract.
            (WordReadError::Damaged { detail }, WordReadError::Damaged { .. }) => {
                assert!(!detail.is_empty(), "{name}")
            }
            _ => assert_eq!(got, expected, "{name}"),
        }
        assert!(!got.message().is_empty(), "{name}");
    }
    assert!(count >= 30);
}

#[test]
fn macros_embedded_objects_and_odd_attributes_are_left_alone() {
    // A .docm whose macros and embedded object would each blow the caps if they were read.
    let macros = bomb(MAX_TOTAL_BYTES as usize + 1, 0);
    let object = bomb(MAX_TOTAL_BYTES as usize + 1, 1);
    let body = sample_form().replace(
        "</w:body>",
        r#"<w:p><w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml"/></w:object></w:r></w:p></w:body>"#,
    );
    let bytes = package_with(
        body.as_bytes(),
        &[
            ("word/vbaProject.bin", &macros),
            ("word/embeddings/oleObject1.bin", &object),
        ],
    );
    let import = read(&bytes);
    assert_eq!(import.declaration, sample::complete());
    assert_eq!(
        import.report.notes,
        [
            "文件中带有宏，没有读取，也不会运行。",
            "文件中有 1 处图片或嵌入的对象，没有读取（只读取文字）。"
        ]
    );
    // Spans and merges out of range, a continuation with nothing above: read, never a panic.
    let odd = sample_form()
        .replace(
            r#"<w:gridSpan w:val="3"/>"#,
            r#"<w:gridSpan w:val="4294967295"/>"#,
        )
        .replacen(
            "<w:tc>",
            r#"<w:tc><w:tcPr><w:vMerge/><w:hMerge w:val="continue"/></w:tcPr>"#,
            1,
        );
    let import = read(&package(&odd));
    assert_eq!(import.declaration.contact.name, "李晓梅");
    // A table of labels only, merged down in runs longer than a merge may join: read (every
    // label after the form's a repeat with no value), no panic.
    let row = |first: bool| {
        let cell = if first {
            tc_props(r#"<w:vMerge w:val="restart"/>"#, &p("总协调人"))
        } else {
            tc_props("<w:vMerge/>", &p(""))
        };
        tr(&vec![cell; 10])
    };
    let rows: Vec<String> = (0..MAX_MERGED_ROWS + 20).map(|i| row(i == 0)).collect();
    let body = [form("集群", "☑复合型", "☑县域内部", ""), tbl(&rows)].concat();
    let import = read(&package(&doc(&body)));
    assert_eq!(import.declaration.coordinator.name, "王建国");
    assert!(import.report.unplaced.is_empty());
}

/// Every message of this reader a user can see: each refusal, and the reports of the
/// documents above (collected by `plain_words`'s test).
pub(crate) fn messages() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let kinds = [
        FileKind::Zip,
        FileKind::OldWord,
        FileKind::Wps,
        FileKind::Encrypted,
        FileKind::OldExcel,
        FileKind::Pdf,
        FileKind::Picture,
        FileKind::Rtf,
        FileKind::WebPage,
        FileKind::Empty,
        FileKind::Unknown,
    ];
    let mut errors: Vec<WordReadError> = kinds.into_iter().map(WordReadError::NotDocx).collect();
    for holds in [
        ZipKind::Excel,
        ZipKind::Slides,
        ZipKind::OpenDocument,
        ZipKind::Other,
    ] {
        errors.push(WordReadError::NotWord { holds });
    }
    errors.extend([
        WordReadError::TooLarge {
            bytes: 30 << 20,
            limit: MAX_FILE_BYTES,
        },
        WordReadError::Encrypted,
        WordReadError::Damaged {
            detail: "zip: invalid Zip archive".into(),
        },
        WordReadError::NoForm,
        WordReadError::Unsafe(Unsafe::TooManyEntries {
            entries: 2000,
            limit: MAX_ENTRIES,
        }),
        WordReadError::Unsafe(Unsafe::PartTooLarge {
            part: "word/document.xml".into(),
            limit: 1,
        }),
        WordReadError::Unsafe(Unsafe::TotalTooLarge { limit: 1 }),
        WordReadError::Unsafe(Unsafe::Dtd {
            part: "word/document.xml".into(),
        }),
        WordReadError::Unsafe(Unsafe::Entity {
            part: "word/document.xml".into(),
            name: "x".into(),
        }),
        WordReadError::Unsafe(Unsafe::TooDeep {
            part: "word/document.xml".into(),
            limit: 1,
        }),
        WordReadError::Unsafe(Unsafe::TablesTooDeep {
            limit: MAX_TABLE_DEPTH,
        }),
        WordReadError::Unsafe(Unsafe::TooManyParagraphs {
            limit: MAX_PARAGRAPHS,
        }),
        WordReadError::Unsafe(Unsafe::TooManyCells { limit: MAX_CELLS }),
    ]);
    out.extend(errors.iter().map(WordReadError::message));
    let mut documents: Vec<Vec<u8>> = variations()
        .into_iter()
        .map(|(_, d)| {
            docx(
                &d,
                Some(&PaperBinding {
                    fingerprint: "ab".repeat(32),
                    digest: "cd".repeat(32),
                }),
            )
            .unwrap()
        })
        .collect();
    let unusual = [
        (
            "德清县美镇办",
            "城南街道、富春未来城、江南\n安徽省黄山市歙县：深渡镇",
            "☑特色型 ☑复合型",
            "综合",
        ),
        (
            "上城区、拱墅区",
            "某镇、某镇",
            "□特色型 □复合型",
            "☑县域内部",
        ),
    ];
    for (applicant, towns, kinds, scope) in unusual {
        let body = form(
            "集群",
            kinds,
            scope,
            &tbl(&[tr(&[tc(&p("备注")), tc(&p("总协调人：又一人"))])]),
        )
        .replace(&p("桐庐县美镇办"), &p(applicant))
        .replace(&p("富春江镇、江南镇、凤川街道"), &p(towns));
        documents.push(package(&doc(&body)));
    }
    let mut d = sample::complete();
    // (A file name is the user's, not a message's words: this one needs no allowed word.)
    d.attachments = vec![crate::model::declaration::Attachment {
        name: "实施方案.PDF".into(),
        size: 1,
        media_type: "application/pdf".into(),
        sha256: "00".repeat(32),
    }];
    documents.push(docx(&d, None).unwrap());
    documents.push(package_with(
        sample_form()
            .replace("</w:body>", "<w:p><w:r><w:pict/></w:r></w:p></w:body>")
            .as_bytes(),
        &[("word/vbaProject.bin", b"x")],
    ));
    for bytes in documents {
        let import = read(&bytes);
        out.extend(import.report.lines());
        out.extend(import.problems().problems.into_iter().map(|p| p.message));
    }
    out
}
