//! What the command line cannot show: a huge file is never read whole, each attachment file
//! is hashed once, and an attachment that is not a regular file is never opened.

use chrono::TimeZone;
use meizhen_shenbao::model::attachment_check::check_attachments;
use meizhen_shenbao::model::canonical::sha256_hex;
use meizhen_shenbao::model::keys::key_from_seed;
use meizhen_shenbao::model::sample;
use meizhen_shenbao::model::signed_file::{sign, to_json_bytes};

use super::*;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meizhen-cli-unit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn signed_file(dir: &Path, name: &str, attachments: Vec<Attachment>) -> PathBuf {
    let mut d = sample::complete();
    d.attachments = attachments;
    let at = chrono::Utc.with_ymd_and_hms(2021, 6, 30, 8, 0, 0).unwrap();
    let file = sign(&d, &key_from_seed([5; 32]), at).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, to_json_bytes(&file)).unwrap();
    path
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
    // Read through the cap, a larger file stops one byte past it.
    assert_eq!(read_capped(&path, 100).ok().map(|b| b.len()), Some(101));
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
        sha256: sha256_hex(&content),
    };
    let a = signed_file(&dir, "a.json", vec![entry.clone(); 50]);
    let b = signed_file(&dir, "b.json", vec![entry.clone(); 50]);
    let mut cache = HashCache::default();
    for path in [&a, &b] {
        let file = examine_path(path, &KnownKeys::default(), &mut cache)
            .ok()
            .unwrap();
        assert!(file.attachments.iter().all(|(_, s)| s.is_ok()));
        assert_eq!(file.attachments.len(), 50);
    }
    assert_eq!(cache.files_hashed, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_attachment_that_is_not_a_regular_file_is_never_opened() {
    let dir = temp_dir("fifo-attachment");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("x.json"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    std::fs::create_dir_all(dir.join("folder.pdf")).unwrap();
    let listed = |name: &str| Attachment {
        name: name.into(),
        size: 4,
        media_type: "application/json".into(),
        sha256: "ab".repeat(32),
    };
    let attachments = vec![listed("x.json"), listed("folder.pdf"), listed("../x.json")];
    let mut cache = HashCache::default();
    let present = present_in_folder(&dir, &attachments, &mut cache);
    assert_eq!(present, []);
    assert_eq!(
        summary_line(&check_attachments(&attachments, &present)),
        "附件 3 个：x.json 缺少；folder.pdf 缺少；../x.json 缺少"
    );
    assert_eq!(cache.files_hashed, 0);
    let _ = std::fs::remove_dir_all(&dir);
}
