//! Whether a declaration is exactly as this app writes it: equal to its own cleaned form (no
//! untrimmed or oddly spaced text), without hidden characters (control, direction-override,
//! private-use), and with a sane list of attachments. Verification accepts only such
//! declarations, so that what the city office reads is what the county saw when it signed.

#[cfg(test)]
mod tests;

use super::declaration::{Declaration, TownRef};
use super::field::FieldId;
use super::safe_text::{describe_forbidden, is_forbidden_in_declaration};

/// The most attachments a declaration may list.
pub const MAX_ATTACHMENTS: usize = 50;
/// The largest attachment a declaration may list: 8 GiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 8 << 30;
/// The longest attachment name, in characters.
pub const MAX_ATTACHMENT_NAME_CHARS: usize = 255;
/// The longest attachment file type (e.g. "application/pdf"), in characters.
pub const MAX_MEDIA_TYPE_CHARS: usize = 200;

/// Every way `d` differs from what the app writes, as Chinese sentences; empty when none.
pub fn as_written_problems(d: &Declaration) -> Vec<String> {
    let mut problems = Vec::new();
    let cleaned = d.cleaned();
    let mut texts: Vec<(String, &str, &str)> = FieldId::ALL
        .iter()
        .filter_map(|field| {
            Some((
                format!("“{}”", field.label()),
                d.text(*field)?,
                cleaned.text(*field)?,
            ))
        })
        .collect();
    if d.towns.len() == cleaned.towns.len() {
        for (i, (town, clean)) in d.towns.iter().zip(&cleaned.towns).enumerate() {
            let label = format!("“关联乡镇（街道）”第 {} 个", i + 1);
            for (text, clean_text) in town_texts(town).into_iter().zip(town_texts(clean)) {
                texts.push((label.clone(), text, clean_text));
            }
        }
    }
    for (label, text, clean) in &texts {
        // Cleaning keeps tabs that indent a line of the two long answers; nothing else hidden.
        let block = [FieldId::StageResults, FieldId::Summary]
            .iter()
            .any(|f| label == &format!("“{}”", f.label()));
        if let Some(c) = text
            .chars()
            .find(|c| is_forbidden_in_declaration(*c) && !(block && *c == '\t'))
        {
            problems.push(format!(
                "{label}含有不可见的字符：{}",
                describe_forbidden(c)
            ));
        } else if text != clean {
            problems.push(format!(
                "{label}的写法与本程序生成的不同（如首尾有空格、全角空格或多余的空行）"
            ));
        }
    }
    // Anything else cleaning changes (attachments are not cleaned, they are checked below).
    if problems.is_empty() && &cleaned != d {
        problems.push("申报内容的写法与本程序生成的不同".to_string());
    }
    problems.extend(attachment_problems(d));
    problems
}

/// The texts of a town reference, in a fixed order (so a town and its cleaned form pair up).
fn town_texts(town: &TownRef) -> Vec<&str> {
    match town {
        TownRef::Listed { code } => vec![code],
        TownRef::Custom { name, location } => {
            let place = match location {
                super::declaration::CustomLocation::County { code } => code,
                super::declaration::CustomLocation::OutsideZhejiang { place } => place,
            };
            vec![name, place]
        }
    }
}

fn is_lower_hex_digest(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What is wrong with the list of attachments: more than [`MAX_ATTACHMENTS`], or an entry
/// without a usable name, digest, size or type.
pub fn attachment_problems(d: &Declaration) -> Vec<String> {
    let mut problems = Vec::new();
    if d.attachments.len() > MAX_ATTACHMENTS {
        problems.push(format!(
            "列出了 {} 个附件，最多 {MAX_ATTACHMENTS} 个",
            d.attachments.len()
        ));
        return problems;
    }
    for (i, a) in d.attachments.iter().enumerate() {
        let n = i + 1;
        let name = a.name.as_str();
        if name.trim().is_empty() {
            problems.push(format!("第 {n} 个附件没有文件名"));
        } else if let Some(c) = name
            .chars()
            .find(|c| is_forbidden_in_declaration(*c) || *c == '\n')
        {
            problems.push(format!(
                "第 {n} 个附件的文件名含有不可见的字符：{}",
                describe_forbidden(c)
            ));
        } else if name.trim() != name {
            problems.push(format!("第 {n} 个附件的文件名首尾有空格"));
        } else if name.chars().count() > MAX_ATTACHMENT_NAME_CHARS {
            problems.push(format!(
                "第 {n} 个附件的文件名超过 {MAX_ATTACHMENT_NAME_CHARS} 字"
            ));
        }
        if !is_lower_hex_digest(&a.sha256) {
            problems.push(format!("第 {n} 个附件的内容摘要应为 64 位小写十六进制数字"));
        }
        if a.size > MAX_ATTACHMENT_BYTES {
            problems.push(format!("第 {n} 个附件的大小超过 8 GiB，不合常理"));
        }
        if a.media_type.chars().count() > MAX_MEDIA_TYPE_CHARS
            || a.media_type
                .chars()
                .any(|c| is_forbidden_in_declaration(c) || c == '\n')
        {
            problems.push(format!("第 {n} 个附件的文件类型写法不对"));
        }
    }
    problems
}
