//! 美镇申报：杭州市美丽城镇集群化建设申报表的模型、校验与浏览器界面。
//!
//! - `model`: the pure core — the form and its rules, drafts and their storage, signed files,
//!   keys, backups, office files and the 汇总表 — tested natively; no browser, no Leptos.
//! - `browser`: the only module that calls `web_sys` (wasm32 only).
//! - `ui`: the two pages' Leptos components over the model (wasm32 only).
//!
//! The wasm entry points (`src/main.rs`, `src/bin/meizhen-*.rs`) and the command line
//! (`src/bin/meizhen/`) are binaries over this library.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
