//! The county page's views — 填写申报表, 我的草稿, 签名导出, 打印 — one shown at a time. A leaf:
//! the page and the components that switch views (the export button, the export page) take the
//! shown view as a prop.

/// The views of the county's page, one at a time, chosen in the main menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// 填写申报表: the form of the open draft.
    Form,
    /// 我的草稿: every draft, backups.
    Drafts,
    /// 签名导出: the check-answers page, the signing key, the signed download.
    Export,
    /// 打印: the paper form, A4, of the open draft.
    Print,
}

impl View {
    /// In menu order.
    pub const ALL: [View; 4] = [View::Form, View::Drafts, View::Export, View::Print];

    pub fn label(self) -> &'static str {
        match self {
            View::Form => "填写申报表",
            View::Drafts => "我的草稿",
            View::Export => "签名导出",
            View::Print => "打印",
        }
    }
}
