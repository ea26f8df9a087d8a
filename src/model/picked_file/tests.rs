//! Tests of `model::picked_file`: a picked file refused by its size, and the one wording of
//! why.

use super::*;

const BACKUP: Expected = Expected {
    what: "草稿备份文件",
    max_bytes: 5 << 20,
};

#[test]
fn a_file_is_refused_by_its_size_before_it_is_read() {
    let rows: [(u64, bool); 4] = [
        (0, true),
        (5 << 20, true),
        ((5 << 20) + 1, false),
        (u64::MAX, false),
    ];
    for (size, fits) in rows {
        assert_eq!(BACKUP.check_size(size).is_ok(), fits, "{size}");
    }
}

#[test]
fn too_large_says_what_the_file_should_be_and_both_sizes() {
    let error = BACKUP.check_size(6 << 20).unwrap_err();
    assert_eq!(
        error.message(),
        "文件过大：所选文件有 6.0 MB（6291456 字节），草稿备份文件不会超过 5.0 MB。请确认选择的是草稿备份文件。"
    );
    assert_eq!(error.technical(), None);
    let small = Expected {
        what: "密钥列表",
        max_bytes: 100,
    };
    assert!(small
        .check_size(980)
        .unwrap_err()
        .message()
        .contains("所选文件有 980 字节，密钥列表不会超过 100 字节"));
    let unreadable = ReadError::Unreadable("NotReadableError: gone".into());
    assert!(unreadable.message().contains("无法读取所选文件"));
    assert_eq!(
        unreadable.technical().as_deref(),
        Some("NotReadableError: gone")
    );
}
