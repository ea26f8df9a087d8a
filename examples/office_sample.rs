//! Writes the sample declaration as Word (signed and draft) and a 汇总表 workbook into a folder,
//! to look at them in Word, WPS or LibreOffice: `cargo run --example office_sample -- 目录`.

use chrono::{NaiveDate, TimeZone, Utc};
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::keys::key_from_seed;
use meizhen_shenbao::model::office::{docx::docx, xlsx::xlsx};
use meizhen_shenbao::model::paper::PaperBinding;
use meizhen_shenbao::model::sample;
use meizhen_shenbao::model::signed_file::{sign, to_json_bytes, verify};
use meizhen_shenbao::model::summary::{self, InvalidFile, Row, ValidFile};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    let d = sample::complete();
    let key = key_from_seed([0x11; 32]);
    let at = Utc
        .with_ymd_and_hms(2021, 6, 30, 8, 0, 0)
        .single()
        .ok_or("time")?;
    let signed = sign(&d, &key, at).map_err(|e| e.message())?;
    let verified = verify(&to_json_bytes(&signed)).map_err(|e| e.message())?;
    let binding = PaperBinding {
        fingerprint: verified.fingerprint.clone(),
        digest: verified.content_digest.clone(),
    };
    std::fs::write(
        dir.join("signed.docx"),
        docx(&verified.declaration, Some(&binding)).map_err(|e| e.message())?,
    )?;
    std::fs::write(
        dir.join("draft.docx"),
        docx(&d, None).map_err(|e| e.message())?,
    )?;
    let valid = [Row::Signed(ValidFile {
        file_name: "桐庐县.json",
        verified: &verified,
        attachments: &[],
        signer: Some("桐庐县美镇办"),
    })];
    let invalid = [InvalidFile {
        file_name: "改动过.json".into(),
        reason: "内容被改动".into(),
    }];
    let on = NaiveDate::from_ymd_opt(2021, 7, 1).ok_or("date")?;
    std::fs::write(
        dir.join("汇总.xlsx"),
        xlsx(&summary::tables(&valid, &invalid, on))
            .map_err(|e| e.message())?
            .bytes,
    )?;
    println!("{}", dir.display());
    Ok(())
}
