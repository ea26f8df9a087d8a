//! `meizhen`: the command line for 市美镇办 — verify signed declaration files and summarise the
//! valid ones as one CSV table (UTF-8 with BOM, for Excel/WPS). Native only; std-only argument
//! parsing. On wasm32 `main` is empty so that the whole crate still builds there.
//!
//! ```text
//! meizhen verify FILE…              one line per file; exit 1 if any is invalid
//! meizhen summary FILE… > 汇总.csv  CSV of the valid files; invalid ones on stderr, exit 1
//! meizhen summary --xlsx 汇总.xlsx FILE…  the same as a workbook, invalid files on a second sheet
//! meizhen --help
//! ```
//! Exit status 2 is a usage error.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = cli::run(&args, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(code);
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::ffi::OsString;
    use std::io::{self, Read, Write};
    use std::path::{Path, PathBuf};

    use meizhen_shenbao::model::attachment_check::{
        check_attachments, summary_line, AttachmentStatus, PresentFile, StreamingSha256,
    };
    use meizhen_shenbao::model::declaration::{county_display, Attachment};
    use meizhen_shenbao::model::display::beijing_date;
    use meizhen_shenbao::model::encoding::fingerprint_groups;
    use meizhen_shenbao::model::error::UserError;
    use meizhen_shenbao::model::key_registry::{
        parse_key_list_bytes, signer_applicant_mismatch, KnownKeys,
    };
    use meizhen_shenbao::model::office::xlsx::xlsx;
    use meizhen_shenbao::model::safe_text::terminal_line;
    use meizhen_shenbao::model::signed_file::{verify, Verified, VerifyError, MAX_FILE_BYTES};
    use meizhen_shenbao::model::summary::{self, CheckedFile, InvalidFile, ValidFile};

    pub const HELP: &str = "\
meizhen — 核验美丽城镇集群化建设申报表的签名文件，并汇总为表格

用法：
  meizhen verify [--keys 密钥列表] 文件…            逐个核验签名文件，每个文件输出一行
  meizhen summary [--keys 密钥列表] 文件… > 汇总.csv  把核验有效的文件汇总为一张 CSV 表格
  meizhen summary [--keys 密钥列表] --xlsx 汇总.xlsx 文件…  汇总为 Excel 工作簿（有效、无效文件各一张表）
  meizhen --help                   显示本说明
  meizhen --version                显示版本

verify 每行以制表符分隔：文件、结论（有效（签名单位）或无效）、原因、签名密钥指纹、申报单位、集群名称、签名时间（UTC）、
附件核对。签名文件所列的附件（具体方案等）按文件名在签名文件所在的文件夹中查找，逐个比对 SHA-256 摘要：
一致、内容不一致（签名后被改动）或缺少。
summary 输出 UTF-8（带 BOM）的 CSV，可直接用 Excel 或 WPS 打开：每个有效文件一行，
含申报表的全部填写项、附件名称与核对结果（同 verify）、签名密钥指纹、签名时间和内容摘要；无效的文件在
标准错误中列出，不进表格。以 = + - @ 等开头的单元格前加 '，表格软件按文字显示，不会当作公式执行。
--xlsx 文件：改为写出 Excel 工作簿，列与 CSV 相同；第一张表为有效文件，第二张表为无效文件及原因；
标题行注明汇总日期，表头冻结并可筛选，单元格都是文字（不会当作公式）。

只接受本程序生成的写法：内容须与本程序整理后的一致（无首尾空格、不可见的控制字符或文字方向控制符），
附件不超过 50 个，每个都有文件名和内容摘要。不是普通文件的（文件夹、管道、设备）不读取。

--keys 密钥列表：已登记的各单位签名密钥，UTF-8 文本，每行一个：密钥指纹（64 位十六进制数字，可每 4 位
空一格）、空格、单位名称，如“21fe 31df … 9a0b 桐庐县美镇办”；“#” 之后为说明。给出列表时，有效的文件
显示签名单位，如“有效（桐庐县美镇办）”，summary 的“签名单位”列同此；不在列表中的密钥显示
“有效（未登记的密钥）”，退出状态为 1。已登记的单位签署了申报单位不是本单位的申报表时，会提醒核实。
不给列表时，有效的文件都显示“有效（未登记的密钥）”：签名只说明文件未被改动，不说明是谁签的。

退出状态：0 全部有效（附件缺少只提示，不算无效）；1 有无效（或无法读取）的文件，或有附件内容不一致，
或给出 --keys 时有未登记的密钥；2 用法错误（含密钥列表有错误）。

签名用于核对电子文件与盖章的纸质申报表是否一致、签名后是否被改动；它不是具有法律效力的电子印章。
文件格式与用 OpenSSL、Python 独立核验的方法见 docs/FORMAT.md。
";

    fn usage_error(stderr: &mut dyn Write, message: &str) -> i32 {
        let _ = writeln!(stderr, "meizhen：{message}\n运行 meizhen --help 查看用法。");
        2
    }

    /// Runs the command line; returns the exit status.
    pub fn run(args: &[OsString], stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
        let Some(command) = args.first() else {
            let _ = stderr.write_all(HELP.as_bytes());
            return 2;
        };
        let rest = &args[1..];
        match command.to_str() {
            Some("-h" | "--help" | "help") => {
                let _ = stdout.write_all(HELP.as_bytes());
                0
            }
            Some("-V" | "--version") => {
                let _ = writeln!(stdout, "meizhen {}", env!("CARGO_PKG_VERSION"));
                0
            }
            Some(which @ ("verify" | "summary")) => match files(rest) {
                Ok(Files::Help) => run(&["--help".into()], stdout, stderr),
                Ok(Files::Paths { paths, keys, xlsx }) => {
                    if which == "verify" && xlsx.is_some() {
                        return usage_error(stderr, "--xlsx 只用于 summary");
                    }
                    let keys = match keys.map(|path| load_keys(&path, stderr)).transpose() {
                        Ok(keys) => keys,
                        Err(code) => return code,
                    };
                    if which == "verify" {
                        verify_command(&paths, keys.as_ref(), stdout, stderr)
                    } else {
                        summary_command(&paths, keys.as_ref(), xlsx.as_deref(), stdout, stderr)
                    }
                }
                Err(message) => usage_error(stderr, &message),
            },
            _ => usage_error(
                stderr,
                &format!("未知的命令“{}”", command.to_string_lossy()),
            ),
        }
    }

    enum Files {
        Help,
        Paths {
            paths: Vec<PathBuf>,
            /// `--keys FILE`: the known-keys list.
            keys: Option<PathBuf>,
            /// `--xlsx FILE`: write the summary as a workbook there.
            xlsx: Option<PathBuf>,
        },
    }

    /// The file arguments and `--keys FILE` (or `--keys=FILE`): `--` ends options; any other
    /// argument starting with `-` is an error.
    fn files(args: &[OsString]) -> Result<Files, String> {
        let mut paths = Vec::new();
        let mut keys = None;
        let mut xlsx = None;
        let mut options_done = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if !options_done && text.starts_with('-') && text != "-" {
                let value = match text.as_ref() {
                    "--" => {
                        options_done = true;
                        continue;
                    }
                    "-h" | "--help" => return Ok(Files::Help),
                    "--xlsx" => {
                        let path = args
                            .next()
                            .map(PathBuf::from)
                            .ok_or_else(|| "--xlsx 之后应给出要写出的 Excel 文件".to_string())?;
                        if xlsx.replace(path).is_some() {
                            return Err("--xlsx 只能给出一次".to_string());
                        }
                        continue;
                    }
                    "--keys" => args
                        .next()
                        .map(PathBuf::from)
                        .ok_or_else(|| "--keys 之后应给出已登记密钥的列表文件".to_string())?,
                    other => match other.strip_prefix("--keys=") {
                        Some(path) if !path.is_empty() => PathBuf::from(path),
                        _ => return Err(format!("未知的选项“{}”", terminal_line(other))),
                    },
                };
                if keys.replace(value).is_some() {
                    return Err("--keys 只能给出一次".to_string());
                }
                continue;
            }
            paths.push(PathBuf::from(arg));
        }
        if paths.is_empty() {
            return Err("请给出至少一个文件".to_string());
        }
        Ok(Files::Paths { paths, keys, xlsx })
    }

    /// The largest known-keys list read (a few hundred lines are expected).
    const MAX_KEY_LIST_BYTES: u64 = 1 << 20;

    /// Reads the known-keys list; on any error in it, prints every problem and gives exit
    /// status 2. Warnings are printed and the list is used.
    fn load_keys(path: &Path, stderr: &mut dyn Write) -> Result<KnownKeys, i32> {
        let name = one_line(&path.to_string_lossy());
        let bytes = regular_file(path).and_then(|_| {
            let file = std::fs::File::open(path).map_err(Failure::Unreadable)?;
            let mut bytes = Vec::new();
            file.take(MAX_KEY_LIST_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(Failure::Unreadable)?;
            Ok(bytes)
        });
        let bytes = match bytes {
            Ok(bytes) if bytes.len() as u64 > MAX_KEY_LIST_BYTES => {
                let _ = writeln!(stderr, "meizhen：密钥列表 {name} 过大（超过 1 MiB）");
                return Err(2);
            }
            Ok(bytes) => bytes,
            Err(failure) => {
                let _ = writeln!(stderr, "meizhen：密钥列表 {name} {}", failure.reason());
                return Err(2);
            }
        };
        let list = parse_key_list_bytes(&bytes);
        for problem in &list.problems {
            let kind = if problem.is_error { "错误" } else { "提醒" };
            let _ = writeln!(
                stderr,
                "meizhen：密钥列表 {name}（{kind}）{}",
                one_line(&problem.describe())
            );
        }
        if list.has_errors() {
            let _ = writeln!(stderr, "meizhen：请修改密钥列表后重试");
            return Err(2);
        }
        Ok(list.keys)
    }

    /// How a valid file's key reads: "有效（桐庐县美镇办）" or "有效（未登记的密钥）", whether the
    /// key is registered, and a warning when a registered office signs for another 申报单位.
    fn key_verdict(v: &Verified, keys: Option<&KnownKeys>) -> (String, bool, Option<String>) {
        match keys.and_then(|k| k.name(&v.fingerprint)) {
            Some(office) => (
                format!("有效（{office}）"),
                true,
                signer_applicant_mismatch(office, &v.declaration.applicant),
            ),
            None => ("有效（未登记的密钥）".to_string(), false, None),
        }
    }

    /// A file that could not be checked: unreadable, or invalid.
    enum Failure {
        Unreadable(io::Error),
        /// A folder, FIFO, device or socket: refused before it is opened.
        NotAFile(&'static str),
        Invalid(VerifyError),
    }

    impl Failure {
        fn reason(&self) -> String {
            match self {
                Failure::Unreadable(e) => match e.kind() {
                    io::ErrorKind::NotFound => "无法读取文件：文件不存在".to_string(),
                    io::ErrorKind::PermissionDenied => "无法读取文件：没有读取权限".to_string(),
                    _ => format!("无法读取文件：{e}"),
                },
                Failure::NotAFile(why) => format!("无法读取文件：{why}"),
                Failure::Invalid(e) => {
                    let message = e.message();
                    let said = (message != e.verdict()).then_some(message);
                    match e.technical().or(said) {
                        Some(more) => format!("{}：{more}", e.verdict()),
                        None => e.verdict().to_string(),
                    }
                }
            }
        }
    }

    /// Whether `path` is a regular file (following links), asked before it is opened: opening a
    /// FIFO would wait for a writer forever, and a device may never end.
    fn regular_file(path: &Path) -> Result<std::fs::Metadata, Failure> {
        let metadata = std::fs::metadata(path).map_err(Failure::Unreadable)?;
        if metadata.is_dir() {
            return Err(Failure::NotAFile("这是一个文件夹"));
        }
        if !metadata.is_file() {
            return Err(Failure::NotAFile(
                "这不是普通文件（可能是管道、设备或套接字），未读取",
            ));
        }
        Ok(metadata)
    }

    /// Reads at most one byte past the limit, so a huge file is never loaded whole. Anything
    /// that is not a regular file is refused before it is opened.
    fn check(path: &Path) -> Result<Verified, Failure> {
        regular_file(path)?;
        let file = std::fs::File::open(path).map_err(Failure::Unreadable)?;
        let metadata = file.metadata().map_err(Failure::Unreadable)?;
        // Checked again on what was opened, in case the path changed in between.
        if !metadata.is_file() {
            return Err(Failure::NotAFile(
                "这不是普通文件（可能是管道、设备或套接字），未读取",
            ));
        }
        if let Ok(size) = usize::try_from(metadata.len()) {
            if size > MAX_FILE_BYTES {
                return Err(Failure::Invalid(VerifyError::TooLarge { size }));
            }
        }
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(Failure::Unreadable)?;
        verify(&bytes).map_err(Failure::Invalid)
    }

    /// One line of text for the terminal: no line breaks, escape sequences or direction
    /// overrides.
    fn one_line(text: &str) -> String {
        terminal_line(text)
    }

    fn applicant(verified: &Verified) -> String {
        county_display(&verified.declaration.applicant)
    }

    fn signed_at(verified: &Verified) -> String {
        meizhen_shenbao::model::clock::utc_second(verified.signed_at)
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
    pub struct HashCache {
        digests: std::collections::HashMap<PathBuf, Option<String>>,
        /// How many files were actually read (for tests).
        pub files_hashed: usize,
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
            (Some(std::path::Component::Normal(_)), None)
        ) && !name.contains(['/', '\\'])
    }

    /// The listed attachments checked against the files of the same name in `folder`.
    pub fn check_folder_attachments(
        folder: &Path,
        listed: &[Attachment],
        cache: &mut HashCache,
    ) -> Vec<(Attachment, AttachmentStatus)> {
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
        check_attachments(listed, &present)
    }

    /// The folder a declaration sits in ("." for a bare file name).
    fn folder_of(path: &Path) -> &Path {
        match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        }
    }

    /// Whether any attachment is present with other content (which fails the run).
    fn any_altered(attachments: &[(Attachment, AttachmentStatus)]) -> bool {
        attachments
            .iter()
            .any(|(_, s)| matches!(s, AttachmentStatus::Altered { .. }))
    }

    /// One file as both commands see it: verified, its attachments checked against the files
    /// beside it, and its key's verdict against the list.
    struct Examined {
        verified: Verified,
        attachments: Vec<(Attachment, AttachmentStatus)>,
        /// 有效（office）, 有效（未登记的密钥）…
        verdict: String,
        /// Whether its key is on the list.
        registered: bool,
        /// A registered office signing for another 申报单位.
        mismatch: Option<String>,
    }

    impl Examined {
        /// Whether this file fails the run: an altered attachment (a missing one is only
        /// reported: attachments may travel separately, e.g. on paper), or, with a list, a key
        /// not on it.
        fn fails_run(&self, keys: Option<&KnownKeys>) -> bool {
            any_altered(&self.attachments) || (keys.is_some() && !self.registered)
        }
    }

    fn examine(
        path: &Path,
        keys: Option<&KnownKeys>,
        cache: &mut HashCache,
    ) -> Result<Examined, Failure> {
        let verified = check(path)?;
        let attachments =
            check_folder_attachments(folder_of(path), &verified.declaration.attachments, cache);
        let (verdict, registered, mismatch) = key_verdict(&verified, keys);
        Ok(Examined {
            verified,
            attachments,
            verdict,
            registered,
            mismatch,
        })
    }

    fn verify_command(
        paths: &[PathBuf],
        keys: Option<&KnownKeys>,
        stdout: &mut dyn Write,
        stderr: &mut dyn Write,
    ) -> i32 {
        let mut status = 0;
        let mut cache = HashCache::default();
        for path in paths {
            let name = one_line(&path.to_string_lossy());
            let line = match examine(path, keys, &mut cache) {
                Ok(file) => {
                    if file.fails_run(keys) {
                        status = 1;
                    }
                    let reason = match &file.mismatch {
                        Some(warning) => format!("签名与内容一致；请注意：{warning}"),
                        None => "签名与内容一致".to_string(),
                    };
                    let v = &file.verified;
                    [
                        name,
                        file.verdict.clone(),
                        one_line(&reason),
                        fingerprint_groups(&v.fingerprint),
                        one_line(&applicant(v)),
                        one_line(&v.declaration.cluster_name),
                        signed_at(v),
                        one_line(&summary_line(&file.attachments)),
                    ]
                }
                Err(failure) => {
                    status = 1;
                    [
                        name,
                        "无效".to_string(),
                        one_line(&failure.reason()),
                        "-".to_string(),
                        "-".to_string(),
                        "-".to_string(),
                        "-".to_string(),
                        "-".to_string(),
                    ]
                }
            };
            if writeln!(stdout, "{}", line.join("\t")).is_err() {
                let _ = writeln!(stderr, "meizhen：无法写出结果");
                return 1;
            }
        }
        status
    }

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

    fn summary_command(
        paths: &[PathBuf],
        keys: Option<&KnownKeys>,
        xlsx_path: Option<&Path>,
        stdout: &mut dyn Write,
        stderr: &mut dyn Write,
    ) -> i32 {
        let mut status = 0;
        let mut cache = HashCache::default();
        // (file name, verified, attachments, signer)
        let mut valid: Vec<CheckedFile> = Vec::new();
        let mut invalid: Vec<InvalidFile> = Vec::new();
        for path in paths {
            match examine(path, keys, &mut cache) {
                Ok(file) => {
                    let shown = one_line(&path.to_string_lossy());
                    if file.fails_run(keys) {
                        status = 1;
                    }
                    if any_altered(&file.attachments) {
                        let _ = writeln!(
                            stderr,
                            "{shown}\t附件不一致\t{}",
                            one_line(&summary_line(&file.attachments))
                        );
                    }
                    if keys.is_some() && !file.registered {
                        let _ = writeln!(
                            stderr,
                            "{shown}\t未登记\t签名密钥 {} 不在已登记的密钥列表中",
                            fingerprint_groups(&file.verified.fingerprint)
                        );
                    }
                    if let Some(warning) = &file.mismatch {
                        let _ = writeln!(stderr, "{shown}\t请注意\t{}", one_line(warning));
                    }
                    let Examined {
                        verified,
                        attachments,
                        ..
                    } = file;
                    let signer = keys
                        .and_then(|k| k.name(&verified.fingerprint))
                        .map(str::to_string);
                    let name = path.to_string_lossy().into_owned();
                    valid.push(CheckedFile {
                        file_name: name,
                        verified,
                        attachments,
                        signer,
                    });
                }
                Err(failure) => {
                    status = 1;
                    let _ = writeln!(
                        stderr,
                        "{}\t无效\t{}",
                        one_line(&path.to_string_lossy()),
                        one_line(&failure.reason())
                    );
                    invalid.push(InvalidFile {
                        file_name: path.to_string_lossy().into_owned(),
                        reason: failure.reason(),
                    });
                }
            }
        }
        let rows: Vec<ValidFile<'_>> = valid.iter().map(CheckedFile::as_valid).collect();
        match xlsx_path {
            None => {
                if stdout.write_all(summary::csv(&rows).as_bytes()).is_err() {
                    let _ = writeln!(stderr, "meizhen：无法写出表格");
                    return 1;
                }
            }
            Some(target) => {
                let written = xlsx(&summary::tables(&rows, &invalid, today()))
                    .map_err(|e| e.technical().unwrap_or_else(|| e.message()))
                    .and_then(|bytes| std::fs::write(target, bytes).map_err(|e| e.to_string()));
                if let Err(e) = written {
                    let _ = writeln!(
                        stderr,
                        "meizhen：无法写出 {}：{}",
                        one_line(&target.to_string_lossy()),
                        one_line(&e)
                    );
                    return 1;
                }
                let _ = writeln!(
                    stdout,
                    "已写出 {}：有效文件 {} 份，无效文件 {} 份",
                    one_line(&target.to_string_lossy()),
                    rows.len(),
                    invalid.len()
                );
            }
        }
        status
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use chrono::TimeZone;
        use meizhen_shenbao::model::declaration::Attachment;
        use meizhen_shenbao::model::keys::key_from_seed;
        use meizhen_shenbao::model::sample;
        use meizhen_shenbao::model::signed_file::{sign, to_json_bytes};
        use std::ffi::OsStr;

        /// An attachment entry listing `content` under `name`.
        fn listed(name: &str, content: &[u8]) -> Attachment {
            Attachment {
                name: name.into(),
                size: content.len() as u64,
                media_type: "application/pdf".into(),
                sha256: meizhen_shenbao::model::canonical::sha256_hex(content),
            }
        }

        fn temp_dir(name: &str) -> PathBuf {
            let dir =
                std::env::temp_dir().join(format!("meizhen-cli-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            dir
        }

        fn signed_file(
            dir: &Path,
            name: &str,
            edit: impl FnOnce(&mut meizhen_shenbao::model::declaration::Declaration),
        ) -> PathBuf {
            let mut d = sample::complete();
            edit(&mut d);
            let at = chrono::Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
            let file = sign(&d, &key_from_seed([5; 32]), at).unwrap();
            let path = dir.join(name);
            std::fs::write(&path, to_json_bytes(&file)).unwrap();
            path
        }

        fn run_with(args: &[&OsStr]) -> (i32, String, String) {
            let args: Vec<OsString> = args.iter().map(|a| a.to_os_string()).collect();
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = run(&args, &mut out, &mut err);
            (
                code,
                String::from_utf8(out).unwrap(),
                String::from_utf8(err).unwrap(),
            )
        }

        fn os(s: &str) -> &OsStr {
            OsStr::new(s)
        }

        #[test]
        fn summary_xlsx_writes_the_workbook_and_refuses_misuse() {
            let dir = temp_dir("xlsx");
            let a = signed_file(&dir, "a.json", |_| {});
            let bad = dir.join("bad.json");
            std::fs::write(&bad, "{}").unwrap();
            let target = dir.join("汇总.xlsx");
            let (code, out, err) = run_with(&[
                os("summary"),
                os("--xlsx"),
                target.as_os_str(),
                a.as_os_str(),
                bad.as_os_str(),
            ]);
            assert_eq!(code, 1, "{err}");
            assert!(out.contains("有效文件 1 份，无效文件 1 份"), "{out}");
            let bytes = std::fs::read(&target).unwrap();
            assert!(bytes.starts_with(b"PK"), "a zip package");
            let usage: [&[&str]; 3] = [
                &["verify", "--xlsx", "x.xlsx", "a.json"],
                &["summary", "a.json", "--xlsx"],
                &["summary", "--xlsx", "x.xlsx", "--xlsx", "y.xlsx", "a.json"],
            ];
            for args in usage {
                let args: Vec<&OsStr> = args.iter().map(|a| os(a)).collect();
                assert_eq!(run_with(&args).0, 2, "{args:?}");
            }
            let unwritable = dir.join("no-such-folder").join("汇总.xlsx");
            let (code, _, err) = run_with(&[
                os("summary"),
                os("--xlsx"),
                unwritable.as_os_str(),
                a.as_os_str(),
            ]);
            assert_eq!(code, 1);
            assert!(err.contains("无法写出"), "{err}");
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn help_is_chinese_and_usage_errors_exit_2() {
            let (code, out, _) = run_with(&[os("--help")]);
            assert_eq!(code, 0);
            assert!(out.contains("用法") && out.contains("meizhen verify"));
            assert!(out.contains("不是具有法律效力的电子印章"));
            assert_eq!(run_with(&[]).0, 2);
            let (code, _, err) = run_with(&[os("check")]);
            assert_eq!(code, 2);
            assert!(err.contains("未知的命令"), "{err}");
            assert_eq!(run_with(&[os("verify")]).0, 2);
            assert_eq!(run_with(&[os("summary")]).0, 2);
            let (code, _, err) = run_with(&[os("verify"), os("--fast"), os("a.json")]);
            assert_eq!(code, 2);
            assert!(err.contains("未知的选项"), "{err}");
            assert_eq!(run_with(&[os("verify"), os("-h")]).0, 0);
        }

        #[test]
        fn verify_prints_one_line_per_file_and_fails_if_any_is_invalid() {
            let dir = temp_dir("verify");
            let good = signed_file(&dir, "good.json", |_| {});
            let tampered = dir.join("tampered.json");
            let text = std::fs::read_to_string(&good).unwrap();
            std::fs::write(&tampered, text.replace("桐庐富春江美镇圈", "桐庐美镇圈")).unwrap();
            let missing = dir.join("missing.json");
            let (code, out, _) = run_with(&[
                os("verify"),
                good.as_os_str(),
                tampered.as_os_str(),
                missing.as_os_str(),
            ]);
            assert_eq!(code, 1);
            let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
            assert_eq!(lines.len(), 3, "{out}");
            assert!(lines.iter().all(|l| l.len() == 8), "{out}");
            assert_eq!(lines[0][7], "无附件");
            assert_eq!(lines[0][1], "有效（未登记的密钥）");
            assert_eq!(lines[0][4], "桐庐县");
            assert_eq!(lines[0][5], "桐庐富春江美镇圈");
            assert_eq!(lines[0][6], "2021-06-30T08:00:00Z");
            assert_eq!(lines[0][3].len(), 64 + 15);
            assert_eq!(lines[1][1], "无效");
            assert!(lines[1][2].starts_with("内容被改动"), "{}", lines[1][2]);
            assert_eq!(lines[2][1], "无效");
            assert_eq!(lines[2][2], "无法读取文件：文件不存在");
            // Only valid files: exit 0.
            let (code, _, _) = run_with(&[os("verify"), good.as_os_str()]);
            assert_eq!(code, 0);
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn attachments_beside_the_declaration_are_matched_by_name_and_digest() {
            let dir = temp_dir("attachments");
            // The declaration sits in `sub/`; `../secret.txt` exists but must not be looked at.
            let top = dir.clone();
            let dir = top.join("sub");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(top.join("secret.txt"), b"secret").unwrap();
            let path = signed_file(&dir, "申报.json", |d| {
                d.attachments.push(listed("规划.pdf", b"plan"));
                d.attachments.push(listed("清单.xlsx", b"list"));
                d.attachments.push(listed("照片.jpg", b"photo"));
                d.attachments.push(listed("../secret.txt", b"secret"));
            });
            std::fs::write(dir.join("规划.pdf"), b"plan").unwrap();
            std::fs::write(dir.join("清单.xlsx"), b"list, changed after signing").unwrap();
            let (code, out, _) = run_with(&[os("verify"), path.as_os_str()]);
            assert_eq!(code, 1, "{out}");
            let cells: Vec<&str> = out.trim_end().split('\t').collect();
            assert_eq!(cells[1], "有效（未登记的密钥）");
            assert_eq!(
                cells[7],
                "附件 4 个：规划.pdf 一致；清单.xlsx 内容不一致；照片.jpg 缺少；../secret.txt 缺少"
            );
            // Missing only: reported, exit 0.
            std::fs::write(dir.join("清单.xlsx"), b"list").unwrap();
            let (code, out, _) = run_with(&[os("verify"), path.as_os_str()]);
            assert_eq!(code, 0, "{out}");
            assert!(out.contains("照片.jpg 缺少"), "{out}");
            // All present and unchanged: exit 0.
            std::fs::write(dir.join("照片.jpg"), b"photo").unwrap();
            let path = signed_file(&dir, "申报2.json", |d| {
                d.attachments.push(listed("规划.pdf", b"plan"));
                d.attachments.push(listed("清单.xlsx", b"list"));
                d.attachments.push(listed("照片.jpg", b"photo"));
            });
            let (code, out, _) = run_with(&[os("verify"), path.as_os_str()]);
            assert_eq!(code, 0, "{out}");
            assert!(out.contains("附件 3 个：规划.pdf 一致；清单.xlsx 一致；照片.jpg 一致"));
            let _ = std::fs::remove_dir_all(&top);
        }

        #[test]
        fn a_huge_file_is_refused_without_reading_it_all() {
            let dir = temp_dir("huge");
            let path = dir.join("huge.json");
            std::fs::write(&path, vec![b' '; MAX_FILE_BYTES + 10]).unwrap();
            match check(&path) {
                Err(Failure::Invalid(VerifyError::TooLarge { size })) => {
                    assert_eq!(size, MAX_FILE_BYTES + 10)
                }
                _ => panic!("should be too large"),
            }
            let _ = std::fs::remove_dir_all(&dir);
        }

        /// Reads RFC 4180 CSV (enough for these tests): rows of fields.
        fn parse_csv(text: &str) -> Vec<Vec<String>> {
            let mut rows = Vec::new();
            let mut row = Vec::new();
            let mut field = String::new();
            let mut chars = text.chars().peekable();
            let mut quoted = false;
            while let Some(c) = chars.next() {
                match (quoted, c) {
                    (true, '"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    (true, '"') => quoted = false,
                    (true, c) => field.push(c),
                    (false, '"') => quoted = true,
                    (false, ',') => row.push(std::mem::take(&mut field)),
                    (false, '\r') => {}
                    (false, '\n') => {
                        row.push(std::mem::take(&mut field));
                        rows.push(std::mem::take(&mut row));
                    }
                    (false, c) => field.push(c),
                }
            }
            rows
        }

        #[test]
        fn summary_is_a_bom_csv_of_the_valid_files() {
            let dir = temp_dir("summary");
            let a = signed_file(&dir, "a.json", |_| {});
            let b = signed_file(&dir, "b.json", |d| {
                d.cluster_name = "富春江\"美镇\"带, 二期".into();
                d.summary = "第一段，有逗号。\n\n第二段有\"引号\"。".into();
                d.attachments.push(Attachment {
                    name: "规划.pdf".into(),
                    size: 10,
                    media_type: "application/pdf".into(),
                    sha256: "00".repeat(32),
                });
                d.attachments.push(Attachment {
                    name: "清单.xlsx".into(),
                    size: 10,
                    media_type: "application/vnd.ms-excel".into(),
                    sha256: "11".repeat(32),
                });
            });
            let bad = dir.join("bad.json");
            std::fs::write(&bad, "{}").unwrap();
            let (code, out, err) =
                run_with(&[os("summary"), a.as_os_str(), bad.as_os_str(), b.as_os_str()]);
            assert_eq!(code, 1);
            assert!(err.contains("bad.json\t无效\t不是申报文件"), "{err}");
            assert!(out.starts_with('\u{feff}'));
            let rows = parse_csv(out.trim_start_matches('\u{feff}'));
            assert_eq!(rows.len(), 3, "{out}");
            let header = &rows[0];
            assert_eq!(header, &summary::header());
            assert_eq!(header.len(), 28);
            assert!(rows.iter().all(|r| r.len() == header.len()));
            let col = |name: &str| header.iter().position(|h| h == name).unwrap();
            let (first, second) = (&rows[1], &rows[2]);
            assert_eq!(first[col("美丽城镇集群化建设名称")], "桐庐富春江美镇圈");
            assert_eq!(first[col("申报单位")], "桐庐县");
            assert_eq!(
                first[col("关联乡镇（街道）")],
                "富春江镇（桐庐县）、江南镇（桐庐县）、凤川街道（桐庐县）"
            );
            assert_eq!(first[col("创建类型")], "复合型");
            assert_eq!(first[col("创建范围")], "县域内部");
            assert_eq!(first[col("总协调人 姓名")], "王建国");
            assert_eq!(first[col("具体联系人 联系电话")], "13857112345");
            assert_eq!(first[col("工作专班成立时间")], "2021-04-30");
            assert_eq!(first[col("集群规划完成时间")], "2021-09-30");
            assert_eq!(first[col("签名时间（UTC）")], "2021-06-30T08:00:00Z");
            assert_eq!(first[col("签名密钥指纹")].len(), 64 + 15);
            assert_eq!(first[col("内容摘要")].len(), 64 + 15);
            assert_eq!(first[col("附件")], "");
            assert_eq!(first[col("附件核对")], "无附件");
            assert_eq!(
                second[col("美丽城镇集群化建设名称")],
                "富春江\"美镇\"带, 二期"
            );
            assert_eq!(
                second[col("主要内容简介（500字）")],
                "第一段，有逗号。\n\n第二段有\"引号\"。"
            );
            assert_eq!(second[col("附件")], "规划.pdf、清单.xlsx");
            assert!(second[col("文件名")].ends_with("b.json"));
            assert_eq!(second[col("签名单位")], "未登记的密钥");
            // Only valid files: exit 0.
            let (code, _, err) = run_with(&[os("summary"), a.as_os_str()]);
            assert_eq!((code, err.as_str()), (0, ""));
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn summary_cells_that_would_start_a_formula_are_written_as_text() {
            let dir = temp_dir("formula");
            let path = signed_file(&dir, "f.json", |d| {
                d.cluster_name = "=HYPERLINK(\"http://x.cn/\"&B2,\"详情\")".into();
                d.coordinator.unit = "@SUM(1+9)*cmd|' /C calc'!A0".into();
                d.coordinator.title = "+1+1".into();
                d.contact.title = "-2+3".into();
                d.contact.unit = "＝1+1".into();
            });
            let (code, out, err) = run_with(&[os("summary"), path.as_os_str()]);
            assert_eq!((code, err.as_str()), (0, ""), "{out}");
            let rows = parse_csv(out.trim_start_matches('\u{feff}'));
            let header = &rows[0];
            let col = |name: &str| header.iter().position(|h| h == name).unwrap();
            let row = &rows[1];
            assert_eq!(
                row[col("美丽城镇集群化建设名称")],
                "'=HYPERLINK(\"http://x.cn/\"&B2,\"详情\")"
            );
            assert_eq!(
                row[col("总协调人 所在单位")],
                "'@SUM(1+9)*cmd|' /C calc'!A0"
            );
            assert_eq!(row[col("总协调人 职务")], "'+1+1");
            assert_eq!(row[col("具体联系人 职务")], "'-2+3");
            assert_eq!(row[col("具体联系人 所在单位")], "'＝1+1");
            // No cell of the file starts with a formula character.
            for row in &rows {
                for cell in row {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']),
                        "{cell:?}"
                    );
                }
            }
            let _ = std::fs::remove_dir_all(&dir);
        }

        /// A file signed by other software: `change` edits the JSON of a valid file, which is
        /// then signed again with a valid key.
        fn resigned_file(
            dir: &Path,
            name: &str,
            change: impl FnOnce(&mut serde_json::Value),
        ) -> PathBuf {
            use base64::Engine;
            use ed25519_dalek::Signer;
            use meizhen_shenbao::model::signed_file::signing_message_of;
            let path = signed_file(dir, name, |d| {
                d.attachments.push(Attachment {
                    name: "规划.pdf".into(),
                    size: 4,
                    media_type: "application/pdf".into(),
                    sha256: "ab".repeat(32),
                })
            });
            let mut value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            change(&mut value);
            let message = signing_message_of(&value).unwrap();
            let signature = key_from_seed([5; 32]).sign(&message);
            value["signature"]["value"] = base64::engine::general_purpose::STANDARD
                .encode(signature.to_bytes())
                .into();
            std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
            path
        }

        #[test]
        fn declarations_not_as_the_app_writes_them_are_invalid_and_nothing_hidden_is_printed() {
            let dir = temp_dir("hostile");
            // (file, change, words of the reason)
            type Change = Box<dyn FnOnce(&mut serde_json::Value)>;
            let rows: Vec<(&str, Change, &str)> = vec![
                (
                    "untrimmed.json",
                    Box::new(|v| v["declaration"]["applicant"] = "\u{3000}330122 ".into()),
                    "内容写法不规范：“申报单位”的写法与本程序生成的不同",
                ),
                (
                    "bidi.json",
                    Box::new(|v| v["declaration"]["clusterName"] = "桐庐\u{202e}圈镇美".into()),
                    "含有不可见的字符：文字方向控制符",
                ),
                (
                    "escape.json",
                    Box::new(|v| {
                        v["declaration"]["clusterName"] = "\u{1b}[2J\u{1b}]0;x\u{7}".into()
                    }),
                    "名称”含有不可见的字符：控制字符",
                ),
                (
                    "nul.json",
                    Box::new(|v| v["declaration"]["contact"]["unit"] = "桐庐\0县".into()),
                    "所在单位”含有不可见的字符：控制字符",
                ),
                (
                    "attachment.json",
                    Box::new(|v| {
                        v["declaration"]["attachments"][0]["name"] = "".into();
                        v["declaration"]["attachments"][0]["sha256"] = "not-a-hash".into();
                    }),
                    "第 1 个附件没有文件名；第 1 个附件的内容摘要应为 64 位小写十六进制数字",
                ),
                (
                    "many.json",
                    Box::new(|v| {
                        let one = v["declaration"]["attachments"][0].clone();
                        v["declaration"]["attachments"] = serde_json::Value::Array(vec![one; 500]);
                    }),
                    "列出了 500 个附件，最多 50 个",
                ),
            ];
            for (name, change, words) in rows {
                let path = resigned_file(&dir, name, change);
                for command in ["verify", "summary"] {
                    let (code, out, err) = run_with(&[os(command), path.as_os_str()]);
                    assert_eq!(code, 1, "{name} {command}: {out}{err}");
                    let listing = if command == "verify" { &out } else { &err };
                    assert!(listing.contains("\t无效\t"), "{name} {command}: {listing}");
                    assert!(listing.contains(words), "{name} {command}: {listing}");
                    for text in [&out, &err] {
                        assert!(
                            !text.contains(['\u{1b}', '\0', '\u{7}', '\u{202e}']),
                            "{name} {command}: {text:?}"
                        );
                    }
                }
            }
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn anything_but_a_regular_file_is_refused_before_it_is_opened() {
            let dir = temp_dir("fifo");
            let fifo = dir.join("x.json");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo");
            assert!(made.success());
            let folder = dir.join("folder.json");
            std::fs::create_dir_all(&folder).unwrap();
            let (send, receive) = std::sync::mpsc::channel();
            let args: Vec<OsString> = vec![
                "verify".into(),
                fifo.clone().into(),
                folder.clone().into(),
                "/dev/null".into(),
            ];
            // A FIFO that was opened would wait for a writer forever: run in a thread and give up
            // after a while instead of hanging the tests.
            std::thread::spawn(move || {
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let code = run(&args, &mut out, &mut err);
                let _ = send.send((code, String::from_utf8(out).unwrap()));
            });
            let (code, out) = receive
                .recv_timeout(std::time::Duration::from_secs(10))
                .expect("meizhen verify hung on a FIFO");
            assert_eq!(code, 1);
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), 3, "{out}");
            assert!(
                lines[0].contains("x.json\t无效\t无法读取文件：这不是普通文件"),
                "{out}"
            );
            assert!(
                lines[1].contains("\t无效\t无法读取文件：这是一个文件夹"),
                "{out}"
            );
            assert!(
                lines[2].contains("/dev/null\t无效\t无法读取文件：这不是普通文件"),
                "{out}"
            );
            // An attachment that is a FIFO is never opened either: it is reported missing.
            let path = signed_file(&dir, "a.json", |d| {
                d.attachments.push(Attachment {
                    name: "x.json".into(),
                    size: 4,
                    media_type: "application/json".into(),
                    sha256: "ab".repeat(32),
                })
            });
            let mut cache = HashCache::default();
            let verified = check(&path).ok().unwrap();
            let results =
                check_folder_attachments(&dir, &verified.declaration.attachments, &mut cache);
            assert_eq!(summary_line(&results), "附件 1 个：x.json 缺少");
            assert_eq!(cache.files_hashed, 0);
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn each_distinct_attachment_file_is_hashed_once() {
            let dir = temp_dir("hash-once");
            let content = vec![7u8; 1 << 20];
            std::fs::write(dir.join("规划.pdf"), &content).unwrap();
            let entry = Attachment {
                name: "规划.pdf".into(),
                size: content.len() as u64,
                media_type: "application/pdf".into(),
                sha256: meizhen_shenbao::model::canonical::sha256_hex(&content),
            };
            let a = signed_file(&dir, "a.json", |d| d.attachments = vec![entry.clone(); 50]);
            let b = signed_file(&dir, "b.json", |d| d.attachments = vec![entry.clone(); 50]);
            let mut cache = HashCache::default();
            for path in [&a, &b] {
                let verified = check(path).ok().unwrap();
                let results =
                    check_folder_attachments(&dir, &verified.declaration.attachments, &mut cache);
                assert!(results.iter().all(|(_, s)| s.is_ok()));
                assert_eq!(results.len(), 50);
            }
            assert_eq!(cache.files_hashed, 1);
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn summary_checks_attachments_like_verify() {
            let dir = temp_dir("summary-attachments");
            let path = signed_file(&dir, "a.json", |d| {
                d.attachments.push(listed("规划.pdf", b"plan"));
                d.attachments.push(listed("清单.xlsx", b"list"));
                d.attachments.push(listed("照片.jpg", b"photo"));
            });
            std::fs::write(dir.join("规划.pdf"), b"plan").unwrap();
            std::fs::write(dir.join("清单.xlsx"), b"list, changed after signing").unwrap();
            let (code, out, err) = run_with(&[os("summary"), path.as_os_str()]);
            assert_eq!(code, 1, "{err}");
            assert!(err.contains("a.json\t附件不一致\t"), "{err}");
            let rows = parse_csv(out.trim_start_matches('\u{feff}'));
            let col = rows[0].iter().position(|h| h == "附件核对").unwrap();
            assert_eq!(
                rows[1][col],
                "附件 3 个：规划.pdf 一致；清单.xlsx 内容不一致；照片.jpg 缺少"
            );
            // Missing only: reported in the column, exit 0.
            std::fs::write(dir.join("清单.xlsx"), b"list").unwrap();
            let (code, out, err) = run_with(&[os("summary"), path.as_os_str()]);
            assert_eq!((code, err.as_str()), (0, ""));
            assert!(out.contains("照片.jpg 缺少"), "{out}");
            let _ = std::fs::remove_dir_all(&dir);
        }

        fn fingerprint_of(seed: u8) -> String {
            meizhen_shenbao::model::keys::fingerprint(&key_from_seed([seed; 32]).verifying_key())
        }

        /// A valid file signed with the key of `seed`.
        fn signed_with(dir: &Path, name: &str, seed: u8, applicant: &str) -> PathBuf {
            let mut d = sample::complete();
            d.applicant = applicant.into();
            let at = chrono::Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
            let file = sign(&d, &key_from_seed([seed; 32]), at).unwrap();
            let path = dir.join(name);
            std::fs::write(&path, to_json_bytes(&file)).unwrap();
            path
        }

        #[test]
        fn with_a_known_keys_list_each_line_names_the_office_or_says_unregistered() {
            let dir = temp_dir("keys");
            let list = dir.join("密钥.txt");
            std::fs::write(
                &list,
                format!(
                    "# 已登记的密钥\n{} 桐庐县美镇办\n{}\t富阳区美镇办 # 2021 年登记\n",
                    fingerprint_groups(&fingerprint_of(5)),
                    fingerprint_of(6).to_uppercase()
                ),
            )
            .unwrap();
            let tonglu = signed_with(&dir, "tonglu.json", 5, "330122");
            // 富阳区's registered key signing a declaration "from 桐庐县".
            let other = signed_with(&dir, "other.json", 6, "330122");
            // Anyone's key signing "from 桐庐县".
            let stranger = signed_with(&dir, "stranger.json", 9, "330122");

            let (code, out, err) = run_with(&[
                os("verify"),
                os("--keys"),
                list.as_os_str(),
                tonglu.as_os_str(),
            ]);
            assert_eq!((code, err.as_str()), (0, ""), "{out}");
            let cells: Vec<&str> = out.trim_end().split('\t').collect();
            assert_eq!(cells[1], "有效（桐庐县美镇办）");
            assert_eq!(cells[2], "签名与内容一致");

            let with_list = format!("--keys={}", list.display());
            let (code, out, _) = run_with(&[os("verify"), os(&with_list), other.as_os_str()]);
            assert_eq!(code, 0, "{out}");
            let cells: Vec<&str> = out.trim_end().split('\t').collect();
            assert_eq!(cells[1], "有效（富阳区美镇办）");
            assert!(
                cells[2].contains("签名密钥登记为“富阳区美镇办”，但申报单位是“桐庐县”"),
                "{}",
                cells[2]
            );

            let (code, out, _) = run_with(&[
                os("verify"),
                os("--keys"),
                list.as_os_str(),
                tonglu.as_os_str(),
                stranger.as_os_str(),
            ]);
            assert_eq!(code, 1, "{out}");
            let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
            assert_eq!(lines[0][1], "有效（桐庐县美镇办）");
            assert_eq!(lines[1][1], "有效（未登记的密钥）");
            // Without a list nothing is "有效" bare, and the run passes.
            let (code, out, _) = run_with(&[os("verify"), stranger.as_os_str()]);
            assert_eq!(code, 0);
            assert!(out.contains("\t有效（未登记的密钥）\t"), "{out}");

            // summary: a 签名单位 column; an unlisted key fails the run and is named on stderr.
            let (code, out, err) = run_with(&[
                os("summary"),
                os("--keys"),
                list.as_os_str(),
                tonglu.as_os_str(),
                other.as_os_str(),
                stranger.as_os_str(),
            ]);
            assert_eq!(code, 1, "{err}");
            assert!(err.contains("stranger.json\t未登记\t签名密钥"), "{err}");
            assert!(
                err.contains("other.json\t请注意\t签名密钥登记为“富阳区美镇办”"),
                "{err}"
            );
            let rows = parse_csv(out.trim_start_matches('\u{feff}'));
            let col = rows[0].iter().position(|h| h == "签名单位").unwrap();
            let signers: Vec<&str> = rows[1..].iter().map(|r| r[col].as_str()).collect();
            assert_eq!(signers, ["桐庐县美镇办", "富阳区美镇办", "未登记的密钥"]);
            let (code, _, err) = run_with(&[
                os("summary"),
                os("--keys"),
                list.as_os_str(),
                tonglu.as_os_str(),
            ]);
            assert_eq!((code, err.as_str()), (0, ""));
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn a_known_keys_list_with_errors_is_refused_with_every_line_named() {
            let dir = temp_dir("bad-keys");
            let file = signed_with(&dir, "a.json", 5, "330122");
            let list = dir.join("密钥.txt");
            std::fs::write(
                &list,
                format!(
                    "{} 桐庐县美镇办\n{} 富阳区美镇办\n1234 5678 建德市美镇办\n{}\n",
                    fingerprint_of(5),
                    fingerprint_of(5),
                    fingerprint_of(7)
                ),
            )
            .unwrap();
            let (code, out, err) = run_with(&[
                os("verify"),
                os("--keys"),
                list.as_os_str(),
                file.as_os_str(),
            ]);
            assert_eq!((code, out.as_str()), (2, ""));
            assert!(
                err.contains("第 2 行：这个密钥在第 1 行登记为“桐庐县美镇办”"),
                "{err}"
            );
            assert!(
                err.contains("第 3 行：开头应为 64 位十六进制数字的密钥指纹"),
                "{err}"
            );
            assert!(err.contains("第 4 行：密钥指纹之后缺少单位名称"), "{err}");
            assert!(err.contains("请修改密钥列表后重试"), "{err}");
            // A warning only (one office, two keys): the list is used.
            std::fs::write(
                &list,
                format!(
                    "{} 桐庐县美镇办\n{} 桐庐县美镇办\n",
                    fingerprint_of(5),
                    fingerprint_of(7)
                ),
            )
            .unwrap();
            let (code, out, err) = run_with(&[
                os("verify"),
                os("--keys"),
                list.as_os_str(),
                file.as_os_str(),
            ]);
            assert_eq!(code, 0, "{err}");
            assert!(err.contains("（提醒）第 2 行："), "{err}");
            assert!(out.contains("有效（桐庐县美镇办）"), "{out}");
            // Missing list, missing value, a folder, given twice.
            let missing = dir.join("none.txt");
            let (code, _, err) = run_with(&[
                os("verify"),
                os("--keys"),
                missing.as_os_str(),
                file.as_os_str(),
            ]);
            assert_eq!(code, 2);
            assert!(err.contains("文件不存在"), "{err}");
            let (code, _, err) = run_with(&[os("verify"), os("--keys")]);
            assert_eq!(code, 2);
            assert!(err.contains("--keys 之后应给出"), "{err}");
            let (code, _, err) = run_with(&[
                os("summary"),
                os("--keys"),
                dir.as_os_str(),
                file.as_os_str(),
            ]);
            assert_eq!(code, 2);
            assert!(err.contains("文件夹"), "{err}");
            let (code, _, err) = run_with(&[
                os("verify"),
                os("--keys"),
                list.as_os_str(),
                os("--keys"),
                list.as_os_str(),
                file.as_os_str(),
            ]);
            assert_eq!(code, 2);
            assert!(err.contains("只能给出一次"), "{err}");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
