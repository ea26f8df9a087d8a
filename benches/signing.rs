//! Throughput of signing, verifying and the `meizhen` command line, on 1,000 distinct signed
//! files. Prints figures; asserts nothing about speed. Run with `make bench-signing` (`cargo
//! bench --bench signing`), which builds everything with the optimised bench profile.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bench::run();
}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::path::PathBuf;
    use std::process::Command;
    use std::time::{Duration, Instant};

    use chrono::{TimeZone, Utc};
    use meizhen_shenbao::model::canonical::parse_strict;
    use meizhen_shenbao::model::declaration::Declaration;
    use meizhen_shenbao::model::keys::key_from_seed;
    use meizhen_shenbao::model::sample;
    use meizhen_shenbao::model::signed_file::{
        sign, to_json_bytes, verify, verify_ed25519, SignedFile,
    };
    use meizhen_shenbao::model::validate::validate;

    /// Standard base64 → bytes (the signature value of a file this program wrote).
    fn base64_decode(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buffer = 0u32;
        let mut bits = 0;
        for c in text.bytes().filter(|&c| c != b'=') {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                _ => 63,
            };
            buffer = (buffer << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((buffer >> bits) as u8);
            }
        }
        out
    }

    const FILES: usize = 1_000;

    fn per_second(count: usize, elapsed: Duration) -> f64 {
        count as f64 / elapsed.as_secs_f64()
    }

    fn report(what: &str, count: usize, elapsed: Duration) {
        println!(
            "{what:<28} {count:>5} 个文件  {:>9.1} ms  {:>10.0} 个/秒  ({:.1} µs/个)",
            elapsed.as_secs_f64() * 1e3,
            per_second(count, elapsed),
            elapsed.as_secs_f64() * 1e6 / count as f64
        );
    }

    /// 1,000 different declarations (the cluster name and summary differ).
    fn declarations() -> Vec<Declaration> {
        (0..FILES)
            .map(|i| {
                let mut d = sample::complete();
                d.cluster_name = format!("桐庐富春江美镇圈{i:04}");
                d.summary = format!("{}（第 {i} 份）", d.summary);
                d
            })
            .collect()
    }

    pub fn run() {
        let key = key_from_seed([7; 32]);
        let at = Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
        let declarations = declarations();

        // Sign (includes cleaning, validation, JCS, Ed25519 and sign's own verify of its output).
        let start = Instant::now();
        let files: Vec<Vec<u8>> = declarations
            .iter()
            .map(|d| to_json_bytes(&sign(d, &key, at).expect("sample declarations are valid")))
            .collect();
        report("sign + write (sign)", FILES, start.elapsed());
        let bytes: usize = files.iter().map(Vec::len).sum();
        println!("  平均文件大小 {} 字节", bytes / FILES);

        // Verify (strict parse, structure, JCS, verify_strict, validation).
        let start = Instant::now();
        for file in &files {
            verify(file).expect("a file just signed verifies");
        }
        report("verify", FILES, start.elapsed());

        // Where the time goes: the parts of verify, each on the same 1,000 files.
        let parsed: Vec<SignedFile> = files
            .iter()
            .map(|f| serde_json::from_slice(f).expect("a file just signed parses"))
            .collect();
        let start = Instant::now();
        for file in &files {
            parse_strict(file).expect("strict parse");
        }
        report("  其中：严格解析 JSON", FILES, start.elapsed());
        let start = Instant::now();
        let messages: Vec<Vec<u8>> = parsed
            .iter()
            .map(|f| f.signing_message().expect("canonical form"))
            .collect();
        report("  其中：RFC 8785 规范化", FILES, start.elapsed());
        let public = key.verifying_key();
        let start = Instant::now();
        for (file, message) in parsed.iter().zip(&messages) {
            let raw = base64_decode(&file.signature.value);
            verify_ed25519(public.as_bytes(), message, &raw).expect("signature");
        }
        report("  其中：Ed25519 verify_strict", FILES, start.elapsed());
        let start = Instant::now();
        for file in &parsed {
            assert!(validate(&file.declaration).is_clean());
        }
        report("  其中：申报内容校验", FILES, start.elapsed());

        // The command line on 1,000 files in one folder, one process.
        let dir = std::env::temp_dir().join(format!("meizhen-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let paths: Vec<PathBuf> = files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let path = dir.join(format!("申报-{i:04}.json"));
                std::fs::write(&path, f).expect("write a file");
                path
            })
            .collect();
        // This bench's own build of the CLI (size-tuned like the browser's), and the build the
        // README tells the city office to use (`--profile cli`) when `MEIZHEN_CLI` names it.
        let mut builds = vec![("", env!("CARGO_BIN_EXE_meizhen").to_string())];
        if let Ok(speed) = std::env::var("MEIZHEN_CLI") {
            builds.push((" [cli]", speed));
        }
        for (build, cli) in &builds {
            for command in ["verify", "summary"] {
                let start = Instant::now();
                let out = Command::new(cli)
                    .arg(command)
                    .args(&paths)
                    .output()
                    .expect("run meizhen");
                let elapsed = start.elapsed();
                assert!(out.status.success(), "meizhen {command} failed");
                report(&format!("CLI meizhen {command}{build}"), FILES, elapsed);
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
