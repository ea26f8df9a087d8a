//! The arguments as typed, read into commands and options — and every mistake.

use super::*;

fn parse_words(words: &[&str]) -> Result<Command, UsageError> {
    parse(words.iter().map(OsString::from))
}

fn files(paths: &[&str], keys: Option<&str>, xlsx: Option<&str>) -> Options {
    Options {
        paths: paths.iter().map(PathBuf::from).collect(),
        keys: keys.map(PathBuf::from),
        xlsx: xlsx.map(PathBuf::from),
    }
}

#[test]
fn commands_options_and_files_in_every_accepted_spelling() {
    use Which::{Summary, Verify};
    let rows: Vec<(&[&str], Command)> = vec![
        (&["--help"], Command::Help(None)),
        (&["-h"], Command::Help(None)),
        (&["help"], Command::Help(None)),
        (&["help", "summary"], Command::Help(Some(Summary))),
        (&["help", "verify"], Command::Help(Some(Verify))),
        (&["summary", "--help"], Command::Help(Some(Summary))),
        (&["verify", "a.json", "-h"], Command::Help(Some(Verify))),
        (&["--version"], Command::Version),
        (&["-V"], Command::Version),
        (
            &["verify", "a.json", "b.json"],
            Command::Files(Verify, files(&["a.json", "b.json"], None, None)),
        ),
        (
            &["verify", "--keys", "k.txt", "a.json"],
            Command::Files(Verify, files(&["a.json"], Some("k.txt"), None)),
        ),
        (
            &["verify", "a.json", "--keys=k.txt"],
            Command::Files(Verify, files(&["a.json"], Some("k.txt"), None)),
        ),
        (
            &["summary", "--xlsx", "汇总.xlsx", "a.json"],
            Command::Files(Summary, files(&["a.json"], None, Some("汇总.xlsx"))),
        ),
        (
            &["summary", "--xlsx=汇总.xlsx", "--keys=k.txt", "a.json"],
            Command::Files(
                Summary,
                files(&["a.json"], Some("k.txt"), Some("汇总.xlsx")),
            ),
        ),
        (
            &["verify", "--", "--keys", "-"],
            Command::Files(Verify, files(&["--keys", "-"], None, None)),
        ),
        (
            &["verify", "-"],
            Command::Files(Verify, files(&["-"], None, None)),
        ),
    ];
    for (words, want) in rows {
        assert_eq!(parse_words(words), Ok(want), "{words:?}");
    }
}

#[test]
fn every_mistake_is_said_in_chinese() {
    let rows: [(&[&str], UsageError, &str); 12] = [
        (&[], UsageError::Nothing, "请给出命令"),
        (
            &["check"],
            UsageError::UnknownCommand("check".into()),
            "未知的命令“check”",
        ),
        (
            &["help", "check"],
            UsageError::UnknownCommand("check".into()),
            "未知的命令",
        ),
        (
            &["--fast"],
            UsageError::UnknownOption("--fast".into()),
            "未知的选项“--fast”",
        ),
        (
            &["verify", "--fast", "a.json"],
            UsageError::UnknownOption("--fast".into()),
            "未知的选项",
        ),
        (
            &["verify", "--keys"],
            UsageError::MissingValue("--keys"),
            "--keys 之后应给出已登记密钥的列表文件",
        ),
        (
            &["summary", "a.json", "--xlsx"],
            UsageError::MissingValue("--xlsx"),
            "--xlsx 之后应给出要写出的 Excel 文件",
        ),
        (
            &["verify", "--keys", "a", "--keys", "b", "c"],
            UsageError::Twice("--keys"),
            "--keys 只能给出一次",
        ),
        (
            &["summary", "--xlsx", "x", "--xlsx=y", "a"],
            UsageError::Twice("--xlsx"),
            "--xlsx 只能给出一次",
        ),
        (
            &["verify", "--xlsx", "x.xlsx", "a.json"],
            UsageError::XlsxWithVerify,
            "--xlsx 只用于 summary",
        ),
        (&["summary"], UsageError::NoFiles, "请给出至少一个文件"),
        (
            &["--help=x"],
            UsageError::UnexpectedValue("--help".into()),
            "选项“--help”之后不能带值",
        ),
    ];
    for (words, error, said) in rows {
        assert_eq!(parse_words(words), Err(error.clone()), "{words:?}");
        assert!(
            error.message().contains(said),
            "{words:?}: {}",
            error.message()
        );
    }
    // Nothing the terminal would act on is echoed back.
    let Err(error) = parse_words(&["\u{1b}[2Jx"]) else {
        panic!("not a command")
    };
    assert!(!error.message().contains('\u{1b}'), "{}", error.message());
}
