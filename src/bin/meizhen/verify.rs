//! Reading what the command line is given — signed files, the attachments beside them, the
//! known-keys list — safely (only regular files, never more than a file can be), examining
//! each file (`model::summary::examine`), and `meizhen verify`: one line per file.

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use meizhen_shenbao::model::attachment_check::{summary_line, PresentFile, StreamingSha256};
use meizhen_shenbao::model::clock;
use meizhen_shenbao::model::declaration::{county_display, Attachment};
use meizhen_shenbao::model::encoding::fingerprint_groups;
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::key_registry::{parse_key_list_bytes, KnownKeys, MAX_KEY_LIST_BYTES};
use meizhen_shenbao::model::safe_text::terminal_line;
use meizhen_shenbao::model::signed_file::{verify, VerifyError, MAX_FILE_BYTES};
use meizhen_shenbao::model::summary::{examine, Examined};

/// A file that could not be examined: unreadable, not a regular file, or invalid.
pub enum Failure {
    Unreadable(io::Error),
    /// A folder, FIFO, device or socket: refused before it is opened.
    NotAFile(&'static str),
    Invalid(VerifyError),
}

impl UserError for Failure {
    /// One line in plain Chinese: "无法读取文件：文件不存在", "内容被改动：……", "不是有效的
    /// JSON：……". The parser's own words (English, field names) are never printed: the line
    /// is for the city office's staff, as the page's messages are.
    fn message(&self) -> String {
        match self {
            Failure::Unreadable(e) => format!("无法读取文件：{}", io_reason(e)),
            Failure::NotAFile(why) => format!("无法读取文件：{why}"),
            Failure::Invalid(e) => {
                // The verdict, then what the message adds to it.
                let message = e.message();
                if message == e.verdict() {
                    message
                } else {
                    format!("{}：{message}", e.verdict())
                }
            }
        }
    }
}

/// Why a file could not be read or written, in Chinese (the system's own words are English).
pub fn io_reason(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::NotFound => "文件不存在",
        io::ErrorKind::PermissionDenied => "没有读取权限",
        io::ErrorKind::IsADirectory => "这是一个文件夹",
        io::ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        io::ErrorKind::StorageFull => "磁盘已满",
        io::ErrorKind::ReadOnlyFilesystem => "磁盘只能读取，不能写入",
        io::ErrorKind::InvalidFilename => "文件名不可用",
        io::ErrorKind::AlreadyExists => "文件已存在",
        _ => "读写文件时出错",
    }
}

const NOT_A_REGULAR_FILE: &str = "这不是普通文件（可能是管道、设备或套接字），未读取";

/// Whether `path` is a regular file (following links), asked before it is opened: opening a
/// FIFO would wait for a writer forever, and a device may never end.
fn regular_file(path: &Path) -> Result<(), Failure> {
    let metadata = std::fs::metadata(path).map_err(Failure::Unreadable)?;
    if metadata.is_dir() {
        return Err(Failure::NotAFile("这是一个文件夹"));
    }
    if !metadata.is_file() {
        return Err(Failure::NotAFile(NOT_A_REGULAR_FILE));
    }
    Ok(())
}

/// A regular file's bytes, at most `max` and one more: a larger file is never loaded whole
/// (the caller sees it is larger). Checked again on what was opened, in case the path changed
/// in between.
fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, Failure> {
    regular_file(path)?;
    let file = std::fs::File::open(path).map_err(Failure::Unreadable)?;
    let metadata = file.metadata().map_err(Failure::Unreadable)?;
    if !metadata.is_file() {
        return Err(Failure::NotAFile(NOT_A_REGULAR_FILE));
    }
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(Failure::Unreadable)?;
    Ok(bytes)
}

/// Reads and verifies one signed file; one that is too large is refused before it is read.
fn check(path: &Path) -> Result<meizhen_shenbao::model::signed_file::Verified, Failure> {
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.is_file() {
            if let Ok(size) = usize::try_from(metadata.len()) {
                if size > MAX_FILE_BYTES {
                    return Err(Failure::Invalid(VerifyError::TooLarge { size }));
                }
            }
        }
    }
    let bytes = read_capped(path, MAX_FILE_BYTES)?;
    verify(&bytes).map_err(Failure::Invalid)
}

/// Reads the known-keys list; on any error in it, prints every problem and gives exit
/// status 2. Warnings are printed and the list is used.
pub fn load_keys(path: &Path, stderr: &mut dyn Write) -> Result<KnownKeys, i32> {
    let name = terminal_line(&path.to_string_lossy());
    let bytes = match read_capped(path, MAX_KEY_LIST_BYTES) {
        Ok(bytes) if bytes.len() > MAX_KEY_LIST_BYTES => {
            let _ = writeln!(stderr, "meizhen：密钥列表 {name} 过大（超过 1 MiB）");
            return Err(2);
        }
        Ok(bytes) => bytes,
        Err(failure) => {
            let _ = writeln!(stderr, "meizhen：密钥列表 {name} {}", failure.message());
            return Err(2);
        }
    };
    let list = parse_key_list_bytes(&bytes);
    for problem in &list.problems {
        let kind = if problem.is_error { "错误" } else { "提醒" };
        let _ = writeln!(
            stderr,
            "meizhen：密钥列表 {name}（{kind}）{}",
            terminal_line(&problem.describe())
        );
    }
    if list.has_errors() {
        let _ = writeln!(stderr, "meizhen：请修改密钥列表后重试");
        return Err(2);
    }
    Ok(list.keys)
}

/// Lower-case hex SHA-256 of a regular file, read in pieces (attachments may be large).
fn hash_file(path: &Path) -> io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = StreamingSha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(hasher.finish());
        }
        hasher.update(&buffer[..n]);
    }
}

/// The digests of the attachment files met so far in one run: each distinct file is hashed
/// once, however many entries (or declarations) name it. `None`: not a readable regular file.
#[derive(Default)]
struct HashCache {
    digests: HashMap<PathBuf, Option<String>>,
    /// How many files were actually read (for tests).
    files_hashed: usize,
}

impl HashCache {
    fn digest(&mut self, path: &Path) -> Option<String> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(known) = self.digests.get(&key) {
            return known.clone();
        }
        // Only regular files: a FIFO or device beside the declaration is never opened.
        let digest = match std::fs::metadata(&key) {
            Ok(m) if m.is_file() => {
                self.files_hashed += 1;
                hash_file(&key).ok()
            }
            _ => None,
        };
        self.digests.insert(key, digest.clone());
        digest
    }
}

/// Whether an attachment's name is a plain file name (no folder, no `..`), so that it can
/// be looked up beside the declaration and nowhere else.
fn plain_file_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(_)), None)
    ) && !name.contains(['/', '\\'])
}

/// The listed attachments found, by name, in `folder`, with their digests.
fn present_in_folder(
    folder: &Path,
    listed: &[Attachment],
    cache: &mut HashCache,
) -> Vec<PresentFile> {
    let mut present: Vec<PresentFile> = Vec::new();
    for a in listed.iter().filter(|a| plain_file_name(&a.name)) {
        if present.iter().any(|p| p.name == a.name) {
            continue;
        }
        if let Some(sha256) = cache.digest(&folder.join(&a.name)) {
            present.push(PresentFile {
                name: a.name.clone(),
                sha256,
            });
        }
    }
    present
}

/// The folder a declaration sits in ("." for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// One file as both commands see it: verified, its attachments checked against the files
/// beside it, its key looked up in the list (an empty one when none was given).
fn examine_path(path: &Path, keys: &KnownKeys, cache: &mut HashCache) -> Result<Examined, Failure> {
    let verified = check(path)?;
    let present = present_in_folder(folder_of(path), &verified.declaration.attachments, cache);
    Ok(examine(path.to_string_lossy(), verified, &present, keys))
}

/// Whether a valid file fails the run: an altered attachment, or, with a list given, a key
/// not on it.
fn fails_run(file: &Examined, list_given: bool) -> bool {
    file.attachment_altered() || (list_given && file.signer.is_none())
}

/// Examines each file in turn, both commands' loop: an attachment file named twice is hashed
/// once, and each outcome is handed to `each` with its path (`false` from it stops the run).
/// The exit status: 0, or 1 when a file is invalid or fails the run; `None` when stopped.
pub fn examine_each(
    paths: &[PathBuf],
    keys: Option<&KnownKeys>,
    mut each: impl FnMut(&Path, Result<Examined, Failure>) -> bool,
) -> Option<i32> {
    let empty = KnownKeys::default();
    let mut status = 0;
    let mut cache = HashCache::default();
    for path in paths {
        let examined = examine_path(path, keys.unwrap_or(&empty), &mut cache);
        if examined
            .as_ref()
            .map_or(true, |file| fails_run(file, keys.is_some()))
        {
            status = 1;
        }
        if !each(path, examined) {
            return None;
        }
    }
    Some(status)
}

/// `meizhen verify`: one tab-separated line per file; the exit status.
pub fn run(
    paths: &[PathBuf],
    keys: Option<&KnownKeys>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let status = examine_each(paths, keys, |path, examined| {
        let line = match examined {
            Ok(file) => valid_line(path, &file),
            Err(failure) => {
                let dash = || "-".to_string();
                [
                    terminal_line(&path.to_string_lossy()),
                    "无效".to_string(),
                    terminal_line(&failure.message()),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                ]
            }
        };
        writeln!(stdout, "{}", line.join("\t")).is_ok()
    });
    status.unwrap_or_else(|| {
        let _ = writeln!(stderr, "meizhen：无法写出结果");
        1
    })
}

/// A valid file's line: the file, 有效（…）, the reason, the key's fingerprint, 申报单位,
/// 集群名称, the signing time (UTC) and the attachment check.
fn valid_line(path: &Path, file: &Examined) -> [String; 8] {
    let verdict = match &file.signer {
        Some(office) => format!("有效（{office}）"),
        None => "有效（未登记的密钥）".to_string(),
    };
    let reason = match &file.mismatch {
        Some(warning) => format!("签名与内容一致；请注意：{warning}"),
        None => "签名与内容一致".to_string(),
    };
    let v = &file.verified;
    [
        terminal_line(&path.to_string_lossy()),
        verdict,
        terminal_line(&reason),
        fingerprint_groups(&v.fingerprint),
        terminal_line(&county_display(&v.declaration.applicant)),
        terminal_line(&v.declaration.cluster_name),
        clock::utc_second(v.signed_at),
        terminal_line(&summary_line(&file.attachments)),
    ]
}
