//! Reads filled Word declarations and prints what the importer makes of each: the report the
//! user sees, the problems the form would show, and the declaration as JSON:
//! `cargo run --example word_import -- 申报表.docx …`.

use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::office::docx_read::read_word;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        println!("== {path}");
        let bytes = std::fs::read(&path)?;
        match read_word(&bytes, &path) {
            Ok(import) => {
                for line in import.report.lines() {
                    println!("{line}");
                }
                println!("-- 检查结果");
                for problem in import.problems().problems {
                    println!("{:?}：{}", problem.severity, problem.message);
                }
                println!("-- {}", serde_json::to_string_pretty(&import.declaration)?);
            }
            Err(error) => {
                println!("{}", error.message());
                if let Some(detail) = error.technical() {
                    println!("（技术细节：{detail}）");
                }
            }
        }
    }
    Ok(())
}
