//! The hand-over from the city office's page to the county page ("作为新草稿打开"): the
//! signed file itself, as text, under `storage::HANDOFF_KEY` in sessionStorage. The county
//! page verifies it again before it makes a draft of it, so that nothing but a valid signed
//! declaration becomes a draft announced as one (another page of the origin, or any local file
//! next to the single-file edition, can write that key).

#[cfg(test)]
mod tests;

use super::declaration::Declaration;
use super::error::UserError;
use super::signed_file::{verify, Verified, VerifyError, MAX_FILE_BYTES};

/// What the city office's page hands over for `verified`: the signed file's text.
pub fn handover_text(verified: &Verified) -> String {
    String::from_utf8(verified.file_bytes()).unwrap_or_default()
}

/// Why a hand-over was refused (and removed): not a valid signed declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoverRefused(pub VerifyError);

impl UserError for HandoverRefused {
    fn message(&self) -> String {
        "转来的内容不是有效的签名申报文件，未创建草稿。请在“核验申报文件”页面重新核验该文件后再打开。"
            .to_string()
    }

    fn technical(&self) -> Option<String> {
        Some(format!("{}：{}", self.0.verdict(), self.0.message()))
    }
}

/// The declaration a hand-over carries, once its signature and content verify again.
pub fn read_handover(text: &str) -> Result<Declaration, HandoverRefused> {
    if text.len() > MAX_FILE_BYTES {
        return Err(HandoverRefused(VerifyError::TooLarge { size: text.len() }));
    }
    verify(text.as_bytes())
        .map(|verified| verified.declaration)
        .map_err(HandoverRefused)
}
