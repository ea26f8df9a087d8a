//! A complete, valid declaration for tests, benchmarks and the print preview's examples.

use super::declaration::{CreationType, Declaration, Person, Scope, TownRef};
use super::divisions::divisions;

/// A listed town by county code and name. Panics only if the embedded division data lacks
/// it, which the data's own tests rule out.
pub fn listed(county: &str, name: &str) -> TownRef {
    let town = divisions()
        .town_named(county, name)
        .unwrap_or_else(|| panic!("{name} is not in {county}"));
    TownRef::Listed {
        code: town.code.to_string(),
    }
}

/// 桐庐县's cluster of three towns along the Fuchun river: no errors, no warnings.
pub fn complete() -> Declaration {
    Declaration {
        cluster_name: "桐庐富春江美镇圈".into(),
        applicant: "330122".into(),
        applicant_office: String::new(),
        towns: vec![
            listed("330122", "富春江镇"),
            listed("330122", "江南镇"),
            listed("330122", "凤川街道"),
        ],
        creation_type: Some(CreationType::Composite),
        scope: Some(Scope::WithinCounty),
        coordinator: Person {
            name: "王建国".into(),
            unit: "桐庐县人民政府".into(),
            title: "副县长".into(),
            phone: "0571-64212345".into(),
        },
        contact: Person {
            name: "李晓梅".into(),
            unit: "桐庐县美丽城镇建设工作领导小组办公室".into(),
            title: "综合科科长".into(),
            phone: "13857112345".into(),
        },
        task_force_date: "2021-04-30".into(),
        implementation_plan_date: "2021-06-30".into(),
        task_list_date: "2021-07-31".into(),
        cluster_plan_date: "2021-09-30".into(),
        stage_results: "完成集群规划编制；启动富春江沿线绿道贯通、镇村公交一体化等 6 个共建项目。"
            .into(),
        summary: "富春江镇、江南镇、凤川街道地缘相近、产业相依。集群以“六共”为原则，共绘一张规划，\
                  共建交通、文旅与公共服务设施，着力解决群众急难愁盼问题。"
            .into(),
        attachments: Vec::new(),
        declared_on: String::new(),
    }
}
