//! `meizhen`: the city office's command line — verify signed declaration files, and summarise
//! the valid ones as one table (CSV, or an Excel workbook). Native only: on wasm32 `main` is
//! empty, so that the whole package still builds there.
//!
//! ```text
//! meizhen verify [--keys 密钥.txt] FILE…          one line per file; exit 1 if any is invalid
//! meizhen summary [--keys 密钥.txt] FILE… > 汇总.csv  CSV of the valid files; invalid ones on stderr
//! meizhen summary --xlsx 汇总.xlsx FILE…          the same as a workbook: 汇总表, 报送情况, 加分评审, 无效文件
//! ```
//! A FILE named .docx (or .doc, .wps …) is a Word declaration (`word`): `verify` says
//! "未签名的 Word 文件", `summary` makes it a row marked "Word 文件（未签名）".
//! ```text
//! meizhen help [verify | summary], meizhen --help, meizhen --version
//! ```
//! Exit status 2 is a usage error. `args` reads the arguments, `verify` reads and examines the
//! files (and is the `verify` command), `summary` writes the table, `word` reads Word files. Tested in tests/cli.rs.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod summary;
#[cfg(not(target_arch = "wasm32"))]
mod verify;
#[cfg(not(target_arch = "wasm32"))]
mod word;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = run(
        std::env::args_os().skip(1),
        &mut stdout.lock(),
        &mut stderr.lock(),
    );
    std::process::exit(code);
}

/// Runs the command line; returns the exit status.
#[cfg(not(target_arch = "wasm32"))]
fn run(
    arguments: impl IntoIterator<Item = std::ffi::OsString>,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> i32 {
    use args::{Command, UsageError, Which};
    use meizhen_shenbao::model::error::UserError;

    let options = match args::parse(arguments) {
        Ok(Command::Help(topic)) => {
            let _ = stdout.write_all(args::help(topic).as_bytes());
            return 0;
        }
        Ok(Command::Version) => {
            let _ = writeln!(stdout, "meizhen {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Ok(Command::Files(which, options)) => (which, options),
        Err(UsageError::Nothing) => {
            let _ = stderr.write_all(args::HELP.as_bytes());
            return 2;
        }
        Err(error) => {
            let _ = writeln!(
                stderr,
                "meizhen：{}\n运行 meizhen --help 查看用法。",
                error.message()
            );
            return 2;
        }
    };
    let (which, options) = options;
    let keys = match options.keys.as_deref() {
        Some(path) => match verify::load_keys(path, stderr) {
            Ok(keys) => Some(keys),
            Err(code) => return code,
        },
        None => None,
    };
    match which {
        Which::Verify => {
            // Signed files first, then the Word files, which are never 有效.
            let (word_files, signed) = word::split(&options.paths);
            let status = verify::run(&signed, keys.as_ref(), stdout, stderr);
            status.max(word::verify_lines(&word_files, stdout))
        }
        Which::Summary => summary::run(
            &options.paths,
            keys.as_ref(),
            options.xlsx.as_deref(),
            stdout,
            stderr,
        ),
    }
}
