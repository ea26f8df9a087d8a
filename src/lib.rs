//! 美镇申报：杭州市美丽城镇集群化建设申报表的模型、校验与浏览器界面。
//!
//! - `model`: the pure core (types, division data, validation); no browser, no Leptos.
//! - `browser`: the only module that calls `web_sys`.
//! - `ui`: Leptos components that read the model.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
