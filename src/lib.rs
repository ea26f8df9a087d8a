//! 美镇申报：杭州市美丽城镇集群化建设申报表的模型、校验与浏览器界面。
//!
//! - `model`: the pure core — the form and its rules, drafts and their storage, signed files,
//!   keys, backups, office files and the 汇总表 — tested natively; no browser, no Leptos.
//! - `browser`: the only module that calls `web_sys` (feature `web`).
//! - `ui`: the two pages' Leptos components over the model (feature `web`): in the browser
//!   (`hydrate`), and natively at build time for the county page's HTML (`ssr`).
//!
//! The wasm entry points (`src/main.rs`, `src/bin/meizhen-*.rs`) and the command line
//! (`src/bin/meizhen/`) are binaries over this library.

pub mod model;

// Built natively for the pre-render alone, most of the browser side is never called.
#[cfg(feature = "web")]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub mod browser;
#[cfg(feature = "web")]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub mod ui;
