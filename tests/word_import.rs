//! The Word files of tests/fixtures/word/ (written by scripts/word-fixtures.py) read by the
//! importer: a facsimile of the notice's attachment filled as a clerk types in WPS or Word, the
//! same file saved again by LibreOffice, the empty template, and the filled file with legacy
//! check-box fields and with content-control check boxes. Each is read to the exact
//! declaration and report; and what the importer gives is written again by our Word writer and
//! read back unchanged.
#![cfg(not(target_arch = "wasm32"))]

use meizhen_shenbao::model::declaration::{
    CreationType, CustomLocation, Declaration, Person, Scope, TownRef,
};
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::field::FieldId;
use meizhen_shenbao::model::office::docx::docx;
use meizhen_shenbao::model::office::docx_read::{read_word, FieldState, WordImport};
use meizhen_shenbao::model::sample;
use meizhen_shenbao::model::validate::Severity;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn import(name: &str) -> WordImport {
    let path = format!("{ROOT}/tests/fixtures/word/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_word(&bytes, name)
        .unwrap_or_else(|e| panic!("{name}: {} {:?}", e.message(), e.technical()))
}

/// What the clerk typed into the facsimile, as the form holds it once cleaned.
fn filled() -> Declaration {
    Declaration {
        cluster_name: "桐庐富春江美镇圈".into(),
        applicant: "330122".into(),
        applicant_office: String::new(),
        towns: vec![
            sample::listed("330122", "富春江镇"),
            sample::listed("330122", "江南镇"),
            sample::listed("330122", "凤川街道"),
            TownRef::Custom {
                name: "桐庐经济开发区".into(),
                location: CustomLocation::County {
                    code: "330122".into(),
                },
            },
        ],
        creation_type: Some(CreationType::Composite),
        scope: Some(Scope::WithinCounty),
        coordinator: Person {
            name: "王建国".into(),
            unit: "桐庐县人民政府".into(),
            title: "副县长".into(),
            // Typed with full-width digits and dash.
            phone: "0571-64212345".into(),
        },
        contact: Person {
            name: "李晓梅".into(),
            // Broken over two lines in the cell.
            unit: "桐庐县美丽城镇建设工作领导小组办公室".into(),
            title: "综合科科长".into(),
            // Two numbers in one cell, separated by two spaces.
            phone: "0571-64213456（办）、13857112345".into(),
        },
        task_force_date: "2021-04-30".into(),
        implementation_plan_date: "2021-06-30".into(),
        task_list_date: "2021-07".into(),
        cluster_plan_date: "2021-09-30".into(),
        stage_results: "完成集群规划编制；\n启动富春江沿线绿道贯通、镇村公交一体化等 6 个共建项目。"
            .into(),
        summary: [
            "一、必要性分析。富春江镇、江南镇、凤川街道地缘相近、产业相依，沿富春江两岸分布，交通互通、资源互用的基础较好，但各自建设中存在规划衔接不够、公共服务设施重复建设等问题，需要以集群化的方式统筹推进。",
            "二、已有基础。三地均为美丽城镇创建单位，已建成富春江绿道一期 12 公里，开通镇村公交线路 5 条，联合举办富春江文化节两届。",
            "三、存在的问题。跨镇街的规划尚未统一，旅游、农业等产业同质化明显，部分公共服务设施利用率不高。",
            "四、主要措施。以“六共”为原则，共绘一张规划，共建交通、文旅与公共服务设施，建立定期协调推进例会制度，着力解决群众急难愁盼问题。",
            "五、进度计划和远景展望。2021年完成规划和方案编制，2022年基本建成绿道和公交一体化项目，到2025年形成特色鲜明、功能互补的富春江美镇带。",
        ]
        .join("\n"),
        attachments: Vec::new(),
        declared_on: "2021-05-10".into(),
    }
}

/// The report the user sees for the filled facsimile, line by line.
const FILLED_REPORT: &[&str] = &[
    "共 20 项：读出 20 项。",
    "美丽城镇集群化建设名称：桐庐富春江美镇圈",
    "申报单位：桐庐县美镇办",
    "关联乡镇（街道）：富春江镇（桐庐县）、江南镇（桐庐县）、凤川街道（桐庐县）、桐庐经济开发区（桐庐县，手动添加）",
    "　　“桐庐经济开发区”不在区划名单中，已作为手动添加的乡镇（街道）导入，所在地为桐庐县，请核对",
    "创建类型：复合型",
    "创建范围：县域内部",
    "总协调人 姓名：王建国",
    "总协调人 所在单位：桐庐县人民政府",
    "总协调人 职务：副县长",
    "总协调人 联系电话：0571-64212345",
    "具体联系人 姓名：李晓梅",
    "具体联系人 所在单位：桐庐县美丽城镇建设工作领导小组办公室",
    "具体联系人 职务：综合科科长",
    "具体联系人 联系电话：0571-64213456（办）、13857112345",
    "工作专班成立时间：2021年4月30日",
    "实施方案完成时间：2021年6月30日",
    "任务清单完成时间：2021年7月",
    "集群规划完成时间：2021年9月30日",
    "2021年计划完成的阶段性成果：完成集群规划编制； / 启动富春江沿线绿道贯通、镇村公交一体化等 6 个共建项目……（共 36 字）",
    "主要内容简介（500字）：一、必要性分析。富春江镇、江南镇、凤川街道地缘相近、产业相依，沿富春江两岸分布，……（共 330 字）",
    "日期（申报单位盖章处）：2021年5月10日",
];

/// Every shape of the filled facsimile gives the same declaration and the same report.
#[test]
fn the_filled_facsimile_in_every_shape_reads_to_what_the_clerk_typed() {
    for name in [
        "filled.docx",
        "filled-libreoffice.docx",
        "legacy-fields.docx",
        "content-controls.docx",
    ] {
        let import = import(name);
        assert_eq!(import.declaration, filled(), "{name}");
        assert_eq!(import.report.lines(), FILLED_REPORT, "{name}");
        assert!(import.report.unplaced.is_empty(), "{name}");
        assert!(import.report.notes.is_empty(), "{name}");
        // Valid as typed: nothing to fix, nothing to look at again.
        assert_eq!(import.problems().problems, vec![], "{name}");
    }
}

#[test]
fn the_empty_template_reports_every_item_empty() {
    let import = import("template.docx");
    assert_eq!(import.declaration, Declaration::default());
    assert_eq!(import.report.fields.len(), FieldId::ALL.len() - 1);
    for entry in &import.report.fields {
        assert_eq!(entry.state, FieldState::Empty, "{:?}", entry.field);
    }
    assert_eq!(
        import.report.summary(),
        "共 20 项：读出 0 项，未填写 20 项。"
    );
    assert!(import.report.unplaced.is_empty());
    let notes: Vec<&String> = import.report.fields.iter().flat_map(|f| &f.notes).collect();
    assert_eq!(
        notes,
        [
            "“□特色型 □复合型”中没有勾选任何一项",
            "“□县域内部 □跨县域 □跨市域”中没有勾选任何一项"
        ]
    );
    // The form then asks for every required item, as for an empty draft.
    let problems = import.problems();
    assert_eq!(problems.errors().count(), FieldId::REQUIRED.len());
    assert!(problems
        .problems
        .iter()
        .all(|p| p.severity == Severity::Error));
}

/// What the importer gives, written again as Word by our writer, reads back unchanged.
#[test]
fn an_imported_declaration_survives_our_word_copy() {
    for name in [
        "template.docx",
        "filled.docx",
        "filled-libreoffice.docx",
        "legacy-fields.docx",
        "content-controls.docx",
    ] {
        let first = import(name).declaration;
        let again = read_word(&docx(&first, None).unwrap(), "again.docx").unwrap();
        assert_eq!(again.declaration, first, "{name}");
        assert!(again.report.unplaced.is_empty(), "{name}");
    }
}
