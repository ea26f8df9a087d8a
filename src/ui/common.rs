//! What both pages show alike: a key's fingerprint, the note on what a signature is, the
//! declaration read back, files being hashed, the one way a chosen file is read, and the
//! report of a Word file's import.

pub mod hashing;
pub mod picked;
pub mod review;
pub mod toggle;
pub mod word_report;

use leptos::prelude::*;

use crate::model::encoding::fingerprint_groups;

/// What the signature is, said plainly wherever a file is signed or verified.
pub const NOT_A_SEAL: &str = "签名用于核对签名申报文件与盖章的纸质申报表是否一致、签名后是否被改动，是与纸质件绑定的防篡改证据；它不是具有法律效力的电子签名或电子印章，申报以盖章的纸质申报表为准。";

/// A fingerprint in groups of four, in a `<code>`.
#[component]
pub fn Fingerprint(#[prop(into)] hex: String) -> impl IntoView {
    view! { <code class="fingerprint">{fingerprint_groups(&hex)}</code> }
}
