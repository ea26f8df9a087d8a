//! The declaration laid out as the official paper form (the notice's attachment), cell by
//! cell, and the mark that binds a printed copy to its signed file (fingerprint, digest, QR).

#[cfg(test)]
mod tests;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::{Deserialize, Serialize};

use super::declaration::{CreationType, Declaration, Milestone, Scope, TownRef};
use super::display::paragraphs;
use super::encoding::fingerprint_groups;
use super::review::date_display;
use super::text::clean_line;

/// The hint printed under 主要内容简介 on the paper form.
pub const SUMMARY_HINT: &str = "（包含开展集群化建设的必要性分析、已有基础或成果，存在的问题，主要措施，进度计划和远景展望等。具体方案可另附。）";

/// The note at the foot of the form.
pub const FOOT_NOTE: &str = "注：由各县（市、区）美镇办负责填写本申报表，一式三份。";

pub const TITLE: &str = "杭州市美丽城镇集群化建设申报表";

/// One tick box: "☑ 特色型" or "☐ 复合型".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TickBox {
    pub label: &'static str,
    pub ticked: bool,
}

impl TickBox {
    pub fn text(&self) -> String {
        format!("{} {}", if self.ticked { "☑" } else { "☐" }, self.label)
    }
}

/// A label | value | label | value row of the table. Labels are given line by line, broken
/// where the official form breaks them ("工作专班 / 成立时间").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairRow {
    pub left_label: &'static [&'static str],
    pub left: String,
    pub right_label: &'static [&'static str],
    pub right: String,
}

/// The labels of the cells that are not in `PairRow`s, line by line as on the official form.
pub mod labels {
    pub const CLUSTER_NAME: &[&str] = &["美丽城镇", "集群化建设", "名称"];
    pub const APPLICANT: &[&str] = &["申报单位"];
    pub const TOWNS: &[&str] = &["关联乡镇", "（街道）"];
    pub const CREATION_TYPE: &[&str] = &["创建类型"];
    pub const SCOPE: &[&str] = &["创建范围"];
    pub const STAGE_RESULTS: &[&str] = &["2021年", "计划完成的", "阶段性", "成果"];
}

/// Every cell of the printed form, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperForm {
    pub cluster_name: String,
    pub applicant: String,
    /// The towns: one line of names when they lie in one county-level unit, else one line
    /// per unit, "上城区：清波街道、湖滨街道".
    pub towns: Vec<String>,
    pub creation_type: Vec<TickBox>,
    pub scope: Vec<TickBox>,
    /// 总协调人 | 具体联系人, 所在单位, 职务, 联系电话, then the four dates in two rows.
    pub rows: Vec<PairRow>,
    pub stage_results: Vec<String>,
    pub summary: Vec<String>,
    /// Attached files by name (具体方案可另附).
    pub attachments: Vec<String>,
    /// The date beside the seal, or empty for a hand-written one.
    pub declared_on: String,
}

/// The towns as printed: plain names joined by 、 when all lie in one county-level unit;
/// "上城区：清波街道、湖滨街道", one line per unit in order of first mention, when they span
/// several. Hand-added towns print as plain names, like the others.
fn grouped_towns(towns: &[TownRef]) -> Vec<String> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for town in towns {
        let place = town.place().map(|p| p.display()).unwrap_or_default();
        let name = town.name();
        match groups.iter_mut().find(|(p, _)| *p == place) {
            Some((_, names)) => names.push(name),
            None => groups.push((place, vec![name])),
        }
    }
    if groups.len() == 1 {
        return groups
            .into_iter()
            .map(|(_, names)| names.join("、"))
            .collect();
    }
    groups
        .into_iter()
        .map(|(place, names)| {
            if place.is_empty() {
                names.join("、")
            } else {
                format!("{place}：{}", names.join("、"))
            }
        })
        .collect()
}

impl PaperForm {
    pub fn of(d: &Declaration) -> PaperForm {
        let d = d.cleaned();
        let milestone = |m: Milestone| date_display(d.milestone(m));
        type Label = &'static [&'static str];
        let person_rows: [(Label, Label, String, String); 4] = [
            (
                &["总协调人"],
                &["具体联系人"],
                d.coordinator.name.clone(),
                d.contact.name.clone(),
            ),
            (
                &["所在单位"],
                &["所在单位"],
                d.coordinator.unit.clone(),
                d.contact.unit.clone(),
            ),
            (
                &["职务"],
                &["职务"],
                d.coordinator.title.clone(),
                d.contact.title.clone(),
            ),
            (
                &["联系电话"],
                &["联系电话"],
                d.coordinator.phone.clone(),
                d.contact.phone.clone(),
            ),
        ];
        let mut rows: Vec<PairRow> = person_rows
            .into_iter()
            .map(|(left_label, right_label, left, right)| PairRow {
                left_label,
                left,
                right_label,
                right,
            })
            .collect();
        rows.push(PairRow {
            left_label: &["工作专班", "成立时间"],
            left: milestone(Milestone::TaskForce),
            right_label: &["实施方案", "完成时间"],
            right: milestone(Milestone::ImplementationPlan),
        });
        rows.push(PairRow {
            left_label: &["任务清单", "完成时间"],
            left: milestone(Milestone::TaskList),
            right_label: &["集群规划", "完成时间"],
            right: milestone(Milestone::ClusterPlan),
        });
        PaperForm {
            cluster_name: clean_line(&d.cluster_name),
            applicant: d.applicant_office_name().unwrap_or_default(),
            towns: grouped_towns(&d.towns),
            creation_type: CreationType::ALL
                .into_iter()
                .map(|c| TickBox {
                    label: c.label(),
                    ticked: d.creation_type == Some(c),
                })
                .collect(),
            scope: Scope::ALL
                .into_iter()
                .map(|s| TickBox {
                    label: s.label(),
                    ticked: d.scope == Some(s),
                })
                .collect(),
            rows,
            stage_results: paragraphs(&d.stage_results),
            summary: paragraphs(&d.summary),
            attachments: d.attachments.iter().map(|a| a.name.clone()).collect(),
            declared_on: if d.declared_on.is_empty() {
                String::new()
            } else {
                date_display(&d.declared_on)
            },
        }
    }
}

/// What ties a printed copy to its signed file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaperBinding {
    /// Lower-case hex SHA-256 of the signer's public key.
    pub fingerprint: String,
    /// Lower-case hex SHA-256 of the signed content (the canonical form that was signed).
    pub digest: String,
}

impl PaperBinding {
    /// What the QR code holds: one line a reviewer's scanner shows as it is.
    pub fn qr_payload(&self) -> String {
        format!(
            "hz-meizhen-cluster-declaration;v=1;keyFingerprint={};contentSha256={}",
            self.fingerprint, self.digest
        )
    }

    /// The fingerprint in groups of four, as the app shows it everywhere.
    pub fn fingerprint_display(&self) -> String {
        fingerprint_groups(&self.fingerprint)
    }

    /// The digest in groups of four.
    pub fn digest_display(&self) -> String {
        fingerprint_groups(&self.digest)
    }

    /// The QR code as a standalone SVG (black modules on white, with a quiet zone).
    pub fn qr_svg(&self) -> Result<String, String> {
        let code = QrCode::with_error_correction_level(self.qr_payload().as_bytes(), EcLevel::M)
            .map_err(|e| e.to_string())?;
        Ok(code
            .render::<svg::Color<'_>>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build())
    }
}

/// A declaration exactly as signed, with what binds its paper copy to the file. Kept beside
/// its draft (`storage::signed_copy_key`), so that a reload still prints the binding while the draft
/// is unchanged since the export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedCopy {
    /// The signed (cleaned) declaration.
    pub declaration: Declaration,
    pub binding: PaperBinding,
}

impl SignedCopy {
    /// Whether this signed copy is what the form now holds, so that a print of the form is
    /// a print of the signed file.
    pub fn matches(&self, current: &Declaration) -> bool {
        current.cleaned() == self.declaration
    }

    /// The stored form.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// A stored copy, or `None` if it cannot be read (it is then simply not used: the draft
    /// prints without a binding, and the signed file itself is unaffected).
    pub fn from_json(text: &str) -> Option<SignedCopy> {
        // Through a `Value`, as drafts and signed files are read: one copy of the declaration's
        // deserialising code serves them all.
        let value = serde_json::from_str::<serde_json::Value>(text).ok()?;
        let copy: SignedCopy = serde_json::from_value(value).ok()?;
        let hex64 = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
        (hex64(&copy.binding.fingerprint) && hex64(&copy.binding.digest)).then_some(copy)
    }
}

/// The words printed around the table, shared by the print view and the Word copy.
pub mod words {
    pub const ATTACHMENT: &str = "附件";
    /// On a declaration that still has errors: it is not ready to be stamped.
    pub const DRAFT_MARK: &str = "草稿";
    pub const SUMMARY_TITLE: &str = "主要内容简介（500字）：";
    pub const SEAL: &str = "申报单位（盖章）：";
    pub const DATE: &str = "日期：";
    pub const FINGERPRINT: &str = "签名申报文件的密钥指纹：";
    pub const DIGEST: &str = "内容摘要：";
    pub const BINDING_NOTE: &str =
        "核对方法：在“核验申报文件”中打开签名申报文件，比对上述指纹与摘要。";
    /// "附：方案.pdf；清单.xlsx", or nothing when no file is attached.
    pub fn attachments_line(names: &[String]) -> Option<String> {
        (!names.is_empty()).then(|| format!("附：{}", names.join("；")))
    }
}
