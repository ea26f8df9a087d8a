//! Names of the files the app writes: the signed declaration and its Word copy
//! (`杭州市美丽城镇集群化建设申报表-{申报单位}-{集群名称}-{YYYYMMDD}.json`) and the key backup,
//! made safe for Windows, macOS and Linux file systems.

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use super::clock;
use super::declaration::{county_display, Declaration};
use super::safe_text::is_hidden_in_name;

/// The fixed start of every signed declaration's file name.
pub const FILE_NAME_PREFIX: &str = "杭州市美丽城镇集群化建设申报表";
/// File systems allow 255 bytes per name; stay well below (Chinese characters are 3 bytes).
pub const MAX_FILE_NAME_BYTES: usize = 200;

/// One part of a file name: characters file systems refuse (`\ / : * ? " < > |`) become `_`,
/// hidden characters (`safe_text::is_hidden_in_name`: control, direction, zero-width and
/// private-use characters, line breaks) are dropped, runs of white space become one space, and
/// leading or trailing spaces and dots are trimmed. An empty result is `未命名`.
pub fn safe_file_name_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let c = match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if is_hidden_in_name(c) => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c: char| c == ' ' || c == '.');
    if trimmed.is_empty() {
        "未命名".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The longest prefix of `text` of at most `max` UTF-8 bytes, cut at a character boundary.
fn truncate_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈-20210630.json`: the signed file's
/// name, at most [`MAX_FILE_NAME_BYTES`] bytes (a long 集群名称 is shortened).
pub fn signed_file_name(declaration: &Declaration, signed_on: NaiveDate) -> String {
    declaration_file_name(
        declaration,
        &format!("-{}.json", clock::compact_date(signed_on)),
    )
}

/// `杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈.docx`: the Word copy's name, made
/// like the signed file's (without the date).
pub fn word_file_name(declaration: &Declaration) -> String {
    declaration_file_name(declaration, ".docx")
}

/// `{FILE_NAME_PREFIX}-{申报单位}-{集群名称}{tail}`, at most [`MAX_FILE_NAME_BYTES`] bytes:
/// a long 集群名称 is shortened, never the tail.
fn declaration_file_name(declaration: &Declaration, tail: &str) -> String {
    let applicant = if declaration.applicant.trim().is_empty() {
        "未选择申报单位".to_string()
    } else {
        county_display(declaration.applicant.trim())
    };
    let applicant = safe_file_name_part(&applicant);
    let fixed = format!("{FILE_NAME_PREFIX}-{applicant}-{tail}");
    let room = MAX_FILE_NAME_BYTES.saturating_sub(fixed.len());
    let cluster = safe_file_name_part(&declaration.cluster_name);
    let cluster = truncate_bytes(&cluster, room).trim_end_matches([' ', '.']);
    let cluster = if cluster.is_empty() {
        "未命名"
    } else {
        cluster
    };
    format!("{FILE_NAME_PREFIX}-{applicant}-{cluster}{tail}")
}

/// `美镇申报签名密钥备份-1a2b3c4d-20210630.json`.
pub fn key_backup_file_name(fingerprint: &str, on: NaiveDate) -> String {
    let short: String = fingerprint
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(8)
        .collect();
    format!(
        "美镇申报签名密钥备份-{short}-{}.json",
        clock::compact_date(on)
    )
}
