//! Word declarations (.docx) on the command line: which files are Word files (by their
//! extension), each read by `model::office::docx_read` with the same caps as on the pages;
//! `verify` gives each one line, "未签名的 Word 文件" — never 有效 — and `summary` makes it a row
//! marked "Word 文件（未签名）".

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use meizhen_shenbao::model::declaration::county_display;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::office::docx_read::{read_word, WordImport, MAX_FILE_BYTES};
use meizhen_shenbao::model::safe_text::terminal_line;

/// The extensions of files read as Word files (the ones the reader refuses, .doc and .wps,
/// included, so that their answer is "save it as .docx", not "not valid JSON").
const WORD_EXTENSIONS: [&str; 7] = ["docx", "docm", "dotx", "doc", "dot", "wps", "wpt"];

/// Whether `path` names a Word file.
pub fn is_word(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORD_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The paths split into Word files and the others (signed files), each in the order given.
pub fn split(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    paths.iter().cloned().partition(|p| is_word(p))
}

/// Reads a Word declaration, or says why not in plain words.
pub fn read(path: &Path) -> Result<WordImport, String> {
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(&e))?;
    if metadata.is_dir() {
        return Err("无法读取文件：这是一个文件夹".to_string());
    }
    if !metadata.is_file() {
        return Err("无法读取文件：这不是普通文件，未读取".to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(&e))?;
    let mut bytes = Vec::new();
    // One byte past the cap, so that the reader sees the file is too large.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_word(&bytes, &name).map_err(|e| e.message())
}

fn unreadable(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "无法读取文件：文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "无法读取文件：没有读取权限".to_string(),
        _ => format!("无法读取文件（技术细节：{e}）"),
    }
}

/// What `verify` says of a Word file that was read.
pub const UNSIGNED: &str = "未签名的 Word 文件";

/// `verify`'s lines for the Word files, in the columns of its other lines; the exit status
/// (1: a Word file is never a verified file).
pub fn verify_lines(paths: &[PathBuf], stdout: &mut dyn Write) -> i32 {
    let mut status = 0;
    for path in paths {
        status = 1;
        let shown = terminal_line(&path.to_string_lossy());
        let dash = || "-".to_string();
        let line = match read(path) {
            Ok(import) => [
                shown,
                UNSIGNED.to_string(),
                terminal_line(&format!(
                    "Word 文件没有签名，不能核验；{}",
                    import.report.summary()
                )),
                dash(),
                terminal_line(&county_display(&import.declaration.applicant)),
                terminal_line(&import.declaration.cluster_name),
                dash(),
                dash(),
            ],
            Err(reason) => [
                shown,
                "无效".to_string(),
                terminal_line(&reason),
                dash(),
                dash(),
                dash(),
                dash(),
                dash(),
            ],
        };
        if writeln!(stdout, "{}", line.join("\t")).is_err() {
            return 1;
        }
    }
    status
}
