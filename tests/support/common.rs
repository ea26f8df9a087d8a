//! What the integration tests share: the Python packages of tests/requirements.txt, installed
//! once when they cannot be imported, and a fresh temporary folder per test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Makes sure `python3 -c "import <modules>"` works, installing tests/requirements.txt with pip
/// once if it does not.
pub fn ensure_python_modules(modules: &str) {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        let importable = || {
            Command::new("python3")
                .args(["-c", &format!("import {modules}")])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        };
        if importable() {
            return Ok(());
        }
        let install = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(Path::new(ROOT).join("tests/requirements.txt"))
            .output()
            .map_err(|e| format!("cannot run python3: {e}"))?;
        if !install.status.success() || !importable() {
            return Err(format!(
                "could not install {modules}: {}",
                String::from_utf8_lossy(&install.stderr)
            ));
        }
        Ok(())
    });
    if let Err(e) = ready {
        panic!("{e}");
    }
}

/// An empty folder `meizhen-<suite>-<name>-<pid>` in the system's temporary folder.
pub fn temp_dir(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meizhen-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}
