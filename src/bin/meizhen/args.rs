//! The command line's words: which command, its options and files, parsed with `lexopt`, and
//! the Chinese usage of each command. Every mistake is a [`UsageError`] said in Chinese.

#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::{Arg, Parser};
use meizhen_shenbao::model::error::UserError;
use meizhen_shenbao::model::safe_text::terminal_line;

/// The two commands that read files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Verify,
    Summary,
}

impl Which {
    fn named(name: &str) -> Option<Which> {
        match name {
            "verify" => Some(Which::Verify),
            "summary" => Some(Which::Summary),
            _ => None,
        }
    }
}

/// What one run is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// The usage: of everything, or of one command.
    Help(Option<Which>),
    Version,
    /// `verify` or `summary`, on these files.
    Files(Which, Options),
}

/// The options and files of `verify` and `summary`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// `--keys FILE`: the known-keys list.
    pub keys: Option<PathBuf>,
    /// `--xlsx FILE` (summary only): write the summary as a workbook there.
    pub xlsx: Option<PathBuf>,
}

/// A mistake in the arguments (exit status 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// No command at all: the usage is the answer.
    Nothing,
    UnknownCommand(String),
    UnknownOption(String),
    /// An option given without its file.
    MissingValue(&'static str),
    /// An option that takes no value given one (`--help=x`).
    UnexpectedValue(String),
    Twice(&'static str),
    XlsxWithVerify,
    NoFiles,
    /// Anything else `lexopt` refuses.
    Other(String),
}

impl UserError for UsageError {
    fn message(&self) -> String {
        match self {
            UsageError::Nothing => "请给出命令".to_string(),
            UsageError::UnknownCommand(name) => format!("未知的命令“{name}”"),
            UsageError::UnknownOption(option) => format!("未知的选项“{option}”"),
            UsageError::MissingValue("--keys") => {
                "--keys 之后应给出已登记密钥的列表文件".to_string()
            }
            UsageError::MissingValue("--xlsx") => {
                "--xlsx 之后应给出要写出的 Excel 文件".to_string()
            }
            UsageError::MissingValue(option) => format!("{option} 之后应给出一个文件"),
            UsageError::UnexpectedValue(option) => format!("选项“{option}”之后不能带值"),
            UsageError::Twice(option) => format!("{option} 只能给出一次"),
            UsageError::XlsxWithVerify => "--xlsx 只用于 summary".to_string(),
            UsageError::NoFiles => "请给出至少一个文件".to_string(),
            // lexopt's words are English; what it refuses is a malformed argument.
            UsageError::Other(_) => "无法读取命令行参数：有一个参数的写法不对".to_string(),
        }
    }
}

fn shown(text: &str) -> String {
    terminal_line(text)
}

impl From<lexopt::Error> for UsageError {
    fn from(error: lexopt::Error) -> Self {
        match error {
            lexopt::Error::UnexpectedOption(option) => UsageError::UnknownOption(shown(&option)),
            lexopt::Error::UnexpectedValue { option, .. } => {
                UsageError::UnexpectedValue(shown(&option))
            }
            other => UsageError::Other(shown(&other.to_string())),
        }
    }
}

/// Reads the arguments (without the program's name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut parser = Parser::from_args(args);
    match parser.next()? {
        None => Err(UsageError::Nothing),
        Some(Arg::Short('h')) => no_value(&mut parser, "-h", Command::Help(None)),
        Some(Arg::Long("help")) => no_value(&mut parser, "--help", Command::Help(None)),
        Some(Arg::Short('V')) => no_value(&mut parser, "-V", Command::Version),
        Some(Arg::Long("version")) => no_value(&mut parser, "--version", Command::Version),
        Some(Arg::Value(command)) => {
            let name = command.to_string_lossy();
            if name == "help" {
                return help_topic(&mut parser);
            }
            match Which::named(&name) {
                Some(which) => files(which, &mut parser),
                None => Err(UsageError::UnknownCommand(shown(&name))),
            }
        }
        Some(other) => Err(other.unexpected().into()),
    }
}

/// `command`, unless the flag just read (`flag`) was given a value (`--help=x`).
fn no_value(parser: &mut Parser, flag: &str, command: Command) -> Result<Command, UsageError> {
    match parser.optional_value() {
        None => Ok(command),
        Some(_) => Err(UsageError::UnexpectedValue(flag.to_string())),
    }
}

/// `meizhen help [COMMAND]`.
fn help_topic(parser: &mut Parser) -> Result<Command, UsageError> {
    let topic = match parser.next()? {
        None => return Ok(Command::Help(None)),
        Some(Arg::Value(name)) => {
            let name = name.to_string_lossy();
            Which::named(&name).ok_or_else(|| UsageError::UnknownCommand(shown(&name)))?
        }
        Some(other) => return Err(other.unexpected().into()),
    };
    match parser.next()? {
        None => Ok(Command::Help(Some(topic))),
        Some(other) => Err(other.unexpected().into()),
    }
}

/// The options and files of `verify` or `summary`: `--keys F`, `--keys=F`, `--xlsx F`,
/// `--xlsx=F`; `--` ends the options; `-` is a file.
fn files(which: Which, parser: &mut Parser) -> Result<Command, UsageError> {
    let mut options = Options::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Arg::Short('h') => return no_value(parser, "-h", Command::Help(Some(which))),
            Arg::Long("help") => return no_value(parser, "--help", Command::Help(Some(which))),
            Arg::Long("keys") => {
                let path = parser
                    .value()
                    .map_err(|_| UsageError::MissingValue("--keys"))?;
                if options.keys.replace(path.into()).is_some() {
                    return Err(UsageError::Twice("--keys"));
                }
            }
            Arg::Long("xlsx") => {
                if which == Which::Verify {
                    return Err(UsageError::XlsxWithVerify);
                }
                let path = parser
                    .value()
                    .map_err(|_| UsageError::MissingValue("--xlsx"))?;
                if options.xlsx.replace(path.into()).is_some() {
                    return Err(UsageError::Twice("--xlsx"));
                }
            }
            Arg::Value(path) => options.paths.push(path.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    if options.paths.is_empty() {
        return Err(UsageError::NoFiles);
    }
    Ok(Command::Files(which, options))
}

/// The usage of everything (`meizhen --help`).
pub const HELP: &str = "\
meizhen — 核验美丽城镇集群化建设申报表的签名文件，并汇总为表格

用法：
  meizhen verify [--keys 密钥列表] 文件…            逐个核验签名文件，每个文件输出一行
  meizhen summary [--keys 密钥列表] 文件… > 汇总.csv  把核验有效的文件汇总为一张 CSV 表格
  meizhen summary [--keys 密钥列表] --xlsx 汇总.xlsx 文件…  汇总为 Excel 工作簿（汇总表、报送情况、加分评审、无效文件）
  meizhen help verify | meizhen help summary      显示该命令的详细说明
  meizhen --help                   显示本说明
  meizhen --version                显示版本

选项的值可以写在其后（--keys 密钥.txt），也可以用等号相连（--keys=密钥.txt）；“--” 之后的都是文件。

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

/// The usage of `meizhen verify`.
pub const VERIFY_HELP: &str = "\
meizhen verify — 逐个核验签名文件

用法：
  meizhen verify [--keys 密钥列表] 文件…

每个文件输出一行，以制表符分隔：文件、结论（有效（签名单位）或无效）、原因、签名密钥指纹、申报单位、
集群名称、签名时间（UTC）、附件核对。签名文件所列的附件（具体方案等）按文件名在签名文件所在的文件夹中
查找，逐个比对 SHA-256 摘要：一致、内容不一致（签名后被改动）或缺少。

Word 文件（.docx）没有签名，不能核验：结论为“未签名的 Word 文件”，列出读出的申报单位和集群名称，
排在签名文件之后；退出状态为 1。

--keys 密钥列表：已登记的各单位签名密钥（格式见 meizhen --help）；给出时显示签名单位，未登记的密钥
退出状态为 1。

退出状态：0 全部有效；1 有无效（或无法读取）的文件、未签名的 Word 文件、附件内容不一致，或有未登记的密钥；
2 用法错误。
";

/// The usage of `meizhen summary`.
pub const SUMMARY_HELP: &str = "\
meizhen summary — 把核验有效的文件汇总为一张表格

用法：
  meizhen summary [--keys 密钥列表] 文件… > 汇总.csv
  meizhen summary [--keys 密钥列表] --xlsx 汇总.xlsx 文件…

输出 UTF-8（带 BOM）的 CSV，可直接用 Excel 或 WPS 打开：每个有效文件一行，含申报表的全部填写项、
附件名称与核对结果（同 verify）、签名单位、签名密钥指纹、签名时间和内容摘要；无效的文件在标准错误中
列出，不进表格。每个单元格都加引号，以 = + - @ 等开头的单元格前加 '，表格软件按文字显示，不会当作公式执行。

Word 文件（.docx）：读出其中填写的申报表，作为一行列入表格，“来源”列标明“Word 文件（未签名）”，
签名各列为空；它没有签名，不算作有效文件。.doc、.wps 等格式请先在 WPS 或 Word 中另存为 .docx。

--xlsx 文件：改为写出 Excel 工作簿：“汇总表”（列与 CSV 相同）、“报送情况”（杭州市 13 个县（市、区）
各自报送了哪些申报、哪些尚未报送）、“加分评审”（每份申报一行，规划方案、工作推进、实际成效三项留空待评，
合计自动求和，另有备注列）和“无效文件”（文件名及原因）；标题行注明汇总日期，表头冻结并可筛选，
除合计外的单元格都是文字（电话、日期、代码不会变成数字，也不会当作公式）。
--keys 密钥列表：已登记的各单位签名密钥（格式见 meizhen --help），“签名单位”列据此填写。

退出状态：0 全部有效；1 有无效（或无法读取）的文件、附件内容不一致，或有未登记的密钥；2 用法错误。
";

/// The usage to print for `meizhen help [COMMAND]`.
pub fn help(topic: Option<Which>) -> &'static str {
    match topic {
        None => HELP,
        Some(Which::Verify) => VERIFY_HELP,
        Some(Which::Summary) => SUMMARY_HELP,
    }
}
