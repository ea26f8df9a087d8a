//! `meizhen summary`: the valid files, and the Word files marked "Word 文件（未签名）", as one
//! table — CSV on standard output (UTF-8 with BOM, for Excel and WPS), or with `--xlsx` a
//! workbook of four sheets: 汇总表, 报送情况, 加分评审 and 无效文件.

use std::io::Write;
use std::path::{Path, PathBuf};

use meizhen_shenbao::model::attachment_check::summary_line;
use meizhen_shenbao::model::declaration::Declaration;
use meizhen_shenbao::model::display::beijing_date;
use meizhen_shenbao::model::encoding::fingerprint_groups;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::key_registry::KnownKeys;
use meizhen_shenbao::model::office::xlsx::xlsx;
use meizhen_shenbao::model::safe_text::terminal_line;
use meizhen_shenbao::model::summary::{self, Examined, InvalidFile, Row, WordFile};

use crate::verify::examine_each;
use crate::word;

/// Today in Beijing, for the workbook's title row.
fn today() -> chrono::NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let now = i64::try_from(seconds)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_default();
    beijing_date(now)
}

/// Why a file could not be written, in plain words: as `io_reason` says it, but a refusal is
/// one to write.
fn write_failure(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有写入权限",
        _ => crate::verify::io_reason(e),
    }
}

/// A file that is not one of the summary's: said on standard error, kept for the 无效文件 sheet.
fn report_invalid(
    file_name: String,
    reason: String,
    invalid: &mut Vec<InvalidFile>,
    stderr: &mut dyn Write,
) {
    let _ = writeln!(
        stderr,
        "{}\t无效\t{}",
        terminal_line(&file_name),
        terminal_line(&reason)
    );
    invalid.push(InvalidFile { file_name, reason });
}

/// What standard error says about a valid file: an altered attachment, an unlisted key, a
/// registered office signing for another 申报单位.
fn report_valid(file: &Examined, list_given: bool, stderr: &mut dyn Write) {
    let shown = terminal_line(&file.file_name);
    if file.attachment_altered() {
        let _ = writeln!(
            stderr,
            "{shown}\t附件不一致\t{}",
            terminal_line(&summary_line(&file.attachments))
        );
    }
    if list_given && file.signer.is_none() {
        let _ = writeln!(
            stderr,
            "{shown}\t未登记\t签名密钥 {} 不在已登记的密钥列表中",
            fingerprint_groups(&file.verified.fingerprint)
        );
    }
    if let Some(warning) = &file.mismatch {
        let _ = writeln!(stderr, "{shown}\t请注意\t{}", terminal_line(warning));
    }
}

/// `meizhen summary`; the exit status.
pub fn run(
    paths: &[PathBuf],
    keys: Option<&KnownKeys>,
    xlsx_path: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let mut valid: Vec<Examined> = Vec::new();
    let mut invalid: Vec<InvalidFile> = Vec::new();
    let (word_paths, paths) = word::split(paths);
    let status = examine_each(&paths, keys, |path, examined| {
        match examined {
            Ok(file) => {
                report_valid(&file, keys.is_some(), stderr);
                valid.push(file);
            }
            Err(failure) => {
                let file_name = path.to_string_lossy().into_owned();
                report_invalid(file_name, failure.message(), &mut invalid, stderr);
            }
        }
        true
    })
    .unwrap_or(1);
    let mut word_files: Vec<(String, Declaration)> = Vec::new();
    let mut status = status;
    for path in &word_paths {
        let file_name = path.to_string_lossy().into_owned();
        match word::read(path) {
            Ok(import) => {
                let _ = writeln!(
                    stderr,
                    "{}\t{}\t{}",
                    terminal_line(&file_name),
                    summary::WORD_SOURCE,
                    terminal_line(&import.report.summary())
                );
                word_files.push((file_name, import.declaration));
            }
            Err(reason) => {
                status = 1;
                report_invalid(file_name, reason, &mut invalid, stderr);
            }
        }
    }
    let rows: Vec<Row<'_>> = valid
        .iter()
        .map(Examined::as_row)
        .chain(word_files.iter().map(|(file_name, declaration)| {
            Row::Word(WordFile {
                file_name,
                declaration,
            })
        }))
        .collect();
    let Some(target) = xlsx_path else {
        if stdout.write_all(summary::csv(&rows).as_bytes()).is_err() {
            let _ = writeln!(stderr, "meizhen：无法写出表格");
            return 1;
        }
        return status;
    };
    let shown = terminal_line(&target.to_string_lossy());
    let workbook = match xlsx(&summary::tables(&rows, &invalid, today())) {
        Ok(workbook) => workbook,
        Err(e) => {
            let _ = writeln!(
                stderr,
                "meizhen：无法写出 {shown}：{}",
                terminal_line(&e.message())
            );
            return 1;
        }
    };
    for note in &workbook.notes {
        let _ = writeln!(stderr, "{shown}\t请注意\t{}", terminal_line(note));
    }
    if let Err(e) = std::fs::write(target, &workbook.bytes) {
        let _ = writeln!(stderr, "meizhen：无法写出 {shown}：{}", write_failure(&e));
        return 1;
    }
    let _ = writeln!(
        stdout,
        "已写出 {shown}：{}，无效文件 {} 份",
        summary::count_line(&rows),
        invalid.len()
    );
    status
}
