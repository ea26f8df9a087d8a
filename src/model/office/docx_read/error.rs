//! Why a Word file could not be imported: a plain Chinese message for the user, and the
//! technical detail (for “技术细节”) where there is one.

use super::kind::FileKind;
use crate::model::display::size_display;
use crate::model::error::UserError;

/// Why a package was refused without reading it all: each is a cap of the reader (see the
/// parent module's docs), or XML the reader never accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsafe {
    /// More entries in the zip than a Word document has.
    TooManyEntries { entries: usize, limit: usize },
    /// One part unpacks to more than its cap (read up to the cap, never further).
    PartTooLarge { part: String, limit: u64 },
    /// The parts read so far unpack to more than the total cap.
    TotalTooLarge { limit: u64 },
    /// A `<!DOCTYPE`: Word never writes one, and its entities are never expanded.
    Dtd { part: String },
    /// An entity other than XML's five predefined ones and character references.
    Entity { part: String, name: String },
    /// Elements nested deeper than any document needs.
    TooDeep { part: String, limit: usize },
    /// Tables inside tables, deeper than the cap.
    TablesTooDeep { limit: usize },
    /// More paragraphs than the cap (a long document, not a form).
    TooManyParagraphs { limit: usize },
    /// More table cells than the cap.
    TooManyCells { limit: usize },
}

impl Unsafe {
    fn technical(&self) -> String {
        match self {
            Unsafe::TooManyEntries { entries, limit } => {
                format!("zip: {entries} entries, more than the cap of {limit}")
            }
            Unsafe::PartTooLarge { part, limit } => {
                format!("{part}: unpacks to more than the cap of {limit} bytes")
            }
            Unsafe::TotalTooLarge { limit } => {
                format!("parts read unpack to more than the total cap of {limit} bytes")
            }
            Unsafe::Dtd { part } => format!("{part}: DOCTYPE declaration refused"),
            Unsafe::Entity { part, name } => format!("{part}: entity &{name}; refused"),
            Unsafe::TooDeep { part, limit } => {
                format!("{part}: elements nested deeper than {limit}")
            }
            Unsafe::TablesTooDeep { limit } => {
                format!("word/document.xml: tables nested deeper than {limit}")
            }
            Unsafe::TooManyParagraphs { limit } => {
                format!("word/document.xml: more than {limit} paragraphs")
            }
            Unsafe::TooManyCells { limit } => {
                format!("word/document.xml: more than {limit} table cells")
            }
        }
    }
}

/// Why a file chosen as a Word declaration was not imported. Nothing of it is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordReadError {
    /// Larger than the input cap; not opened.
    TooLarge { bytes: u64, limit: u64 },
    /// Not a .docx: what it seems to be instead (never [`FileKind::Zip`]).
    NotDocx(FileKind),
    /// A zip, but not a Word document: what it holds instead, if known.
    NotWord { holds: ZipKind },
    /// A zip whose entries are encrypted (a password set when it was packed).
    Encrypted,
    /// Broken zip or XML, or a part that is not text.
    Damaged { detail: String },
    /// Refused for safety before it was read in full.
    Unsafe(Unsafe),
    /// A Word document, but not the declaration form: none of its labels were found.
    NoForm,
}

/// What a zip package that is not a Word document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipKind {
    Excel,
    Slides,
    /// An OpenDocument file (LibreOffice's own format, also written by WPS).
    OpenDocument,
    Other,
}

const SAVE_AS_DOCX: &str =
    "请先在 WPS 或 Word 中打开它，点“另存为”，文件类型选“Word 文档（*.docx）”，再导入另存的文件。";

impl UserError for WordReadError {
    /// What the user reads: what the file seems to be and what to do, in plain Chinese.
    fn message(&self) -> String {
        match self {
            WordReadError::TooLarge { bytes, limit } => format!(
                "文件过大（{}），导入的 Word 文件不能超过 {}。申报表的 Word 文件一般只有几十 KB；如果文件中插入了大量图片，请删去图片后另存，再导入。",
                size_display(*bytes),
                size_display(*limit)
            ),
            WordReadError::NotDocx(kind) => match kind {
                FileKind::OldWord => format!("这是旧版 Word 格式的文件（.doc），不能直接导入。{SAVE_AS_DOCX}"),
                FileKind::Wps => format!("这是 WPS 文字格式的文件（.wps），不能直接导入。{SAVE_AS_DOCX}"),
                FileKind::Encrypted => "这个 Word 文件设有打开密码，不能导入。请在 WPS 或 Word 中打开它，取消密码后另存为 .docx 文件，再导入。".to_string(),
                FileKind::OldExcel => "这是 Excel 表格，不是申报表的 Word 文件。请选择填写好的申报表（.docx）。".to_string(),
                FileKind::Pdf => "这是 PDF 文件，不能从中可靠地读出填写的内容。请导入填写申报表时保存的 Word 文件（.docx）；只有 PDF 时，请在表单中填写。".to_string(),
                FileKind::Picture => "这是一张图片（如扫描件或照片），不能从中读出文字。请导入填写申报表时保存的 Word 文件（.docx），或在表单中填写。".to_string(),
                FileKind::Rtf => format!("这是“富文本格式”的文件，不能直接导入。{SAVE_AS_DOCX}"),
                FileKind::WebPage => format!("这是以网页格式保存的文件（有时也以 .doc 为扩展名），不能直接导入。{SAVE_AS_DOCX}"),
                FileKind::Empty => "文件是空的（0 字节），请确认选择的是填写好的申报表。".to_string(),
                FileKind::Zip | FileKind::Unknown => format!("这个文件不是 Word 文件（.docx），不能导入。如果它是用其他软件编辑的申报表，{SAVE_AS_DOCX}"),
            },
            WordReadError::NotWord { holds } => match holds {
                ZipKind::Excel => "这是 Excel 表格，不是申报表的 Word 文件。请选择填写好的申报表（.docx）。".to_string(),
                ZipKind::Slides => "这是演示文稿（幻灯片），不是申报表的 Word 文件。请选择填写好的申报表（.docx）。".to_string(),
                ZipKind::OpenDocument => format!("这是开放文档格式的文字文件，不能直接导入。{SAVE_AS_DOCX}"),
                ZipKind::Other => "这是一个压缩包，不是 Word 文件。请解压后选择其中填写好的申报表（.docx）。".to_string(),
            },
            WordReadError::Encrypted => "这个文件设有密码，不能导入。请在 WPS 或 Word 中打开它，另存为不设密码的 .docx 文件，再导入。".to_string(),
            WordReadError::Damaged { .. } => format!("文件已损坏或不完整，无法读取。{SAVE_AS_DOCX}"),
            WordReadError::Unsafe(Unsafe::TablesTooDeep { limit }) => format!(
                "文件中表格套表格超过 {limit} 层，不像是申报表，为安全起见没有读取。请在 WPS 或 Word 中检查表格，另存为 .docx 文件后再导入。"
            ),
            WordReadError::Unsafe(Unsafe::TooManyParagraphs { limit }) => format!(
                "文件太长（超过 {limit} 段文字），不像是申报表，没有读取。如果申报表附在一份长文件中，请把申报表单独另存为一个 .docx 文件，再导入。"
            ),
            WordReadError::Unsafe(Unsafe::TooManyCells { limit }) => format!(
                "文件中的表格太大（超过 {limit} 格），不像是申报表，没有读取。如果申报表附在一份长文件中，请把申报表单独另存为一个 .docx 文件，再导入。"
            ),
            WordReadError::Unsafe(_) => "这个文件的内部结构异常（不像 WPS 或 Word 保存的文件），为安全起见没有读取。请在 WPS 或 Word 中打开它，另存为新的 .docx 文件，再导入。".to_string(),
            WordReadError::NoForm => "这个 Word 文件中没有找到申报表：没有“美丽城镇集群化建设名称”“关联乡镇（街道）”“创建类型”等填写项。请确认选择的是杭州市美丽城镇集群化建设申报表。".to_string(),
        }
    }

    /// The detail behind “技术细节”, where there is more to say than the message.
    fn technical(&self) -> Option<String> {
        match self {
            WordReadError::TooLarge { bytes, limit } => {
                Some(format!("{bytes} bytes, more than the cap of {limit}"))
            }
            WordReadError::NotDocx(kind) => Some(format!("not a zip package: {kind:?}")),
            WordReadError::NotWord { holds } => Some(format!(
                "zip without a WordprocessingML main part: {holds:?}"
            )),
            WordReadError::Encrypted => Some("zip entries are encrypted".to_string()),
            WordReadError::Damaged { detail } => Some(detail.clone()),
            WordReadError::Unsafe(reason) => Some(reason.technical()),
            WordReadError::NoForm => None,
        }
    }
}
