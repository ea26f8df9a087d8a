//! The declaration as a Word document (.docx): the notice's attachment laid out from the same
//! [`PaperForm`] as the print view — 附件, the title, the table with its labels broken where the
//! paper form breaks them, 申报单位（盖章）/日期, the 注, and the signed file's fingerprint and
//! digest. A4 with the margins of GB/T 9704; an editable table of text. Written as plain
//! WordprocessingML through the zip crate the workbook writer already uses.

#[cfg(test)]
mod layout;
#[cfg(test)]
mod tests;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{cell_text, OfficeError};
use crate::model::declaration::Declaration;
use crate::model::paper::{
    labels, words, PaperBinding, PaperForm, TickBox, FOOT_NOTE, SUMMARY_HINT, TITLE,
};
use crate::model::validate::validate;

/// The media type of a .docx file.
pub const MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Fonts by role: the name Word looks for first, and the font it should use where that one is
/// missing (written into the font table as `w:altName`).
pub const BODY_FONT: (&str, &str) = ("仿宋_GB2312", "仿宋");
pub const TITLE_FONT: (&str, &str) = ("方正小标宋简体", "宋体");
pub const HEADING_FONT: (&str, &str) = ("黑体", "SimHei");
const LATIN_FONT: &str = "Times New Roman";

// A4 and the GB/T 9704-2012 margins, in twentieths of a point (1 mm ≈ 56.7).
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN_TOP: u32 = 2098; // 37 mm
const MARGIN_BOTTOM: u32 = 1984; // 35 mm
const MARGIN_LEFT: u32 = 1587; // 28 mm
const MARGIN_RIGHT: u32 = 1474; // 26 mm
const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// The label columns are 27.5 mm wide, as in the print view.
const LABEL_COLUMN: u32 = 1559;
const VALUE_COLUMN: u32 = (TEXT_WIDTH - 2 * LABEL_COLUMN) / 2;
const LAST_VALUE_COLUMN: u32 = TEXT_WIDTH - 2 * LABEL_COLUMN - VALUE_COLUMN;

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
const SIZE_TITLE: u32 = 44;
const SIZE_HEADING: u32 = 32;
const SIZE_BODY: u32 = 28;
const SIZE_HINT: u32 = 24;
const SIZE_MARK: u32 = 16;
/// Line heights (twentieths of a point): 1.5 times the type size.
const LINE_BODY: u32 = 420;
const LINE_TITLE: u32 = 660;
const LINE_HINT: u32 = 360;
const LINE_MARK: u32 = 216;

/// Escapes text for an XML element or attribute, after dropping what XML cannot carry.
fn xml(text: &str) -> String {
    let text = cell_text(text, false);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// How a run of text looks.
#[derive(Clone, Copy)]
struct Look {
    font: Option<&'static str>,
    size: u32,
    color: Option<&'static str>,
}

const BODY: Look = Look {
    font: None,
    size: SIZE_BODY,
    color: None,
};

impl Look {
    fn size(size: u32) -> Look {
        Look { size, ..BODY }
    }

    fn xml(self) -> String {
        let font = self
            .font
            .map(|f| format!(r#"<w:rFonts w:eastAsia="{}"/>"#, xml(f)))
            .unwrap_or_default();
        let color = self
            .color
            .map(|c| format!(r#"<w:color w:val="{c}"/>"#))
            .unwrap_or_default();
        format!(
            r#"<w:rPr>{font}{color}<w:sz w:val="{s}"/><w:szCs w:val="{s}"/></w:rPr>"#,
            s = self.size
        )
    }
}

/// Lines of one run, joined by line breaks.
fn run(lines: &[&str], look: Look) -> String {
    let body = lines
        .iter()
        .map(|line| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, xml(line)))
        .collect::<Vec<_>>()
        .join("<w:br/>");
    format!("<w:r>{}{body}</w:r>", look.xml())
}

/// How a paragraph is set.
#[derive(Clone, Copy, Default)]
struct Setting {
    align: Option<&'static str>,
    /// First-line indent of two characters (long text in the table).
    indent_first_line: bool,
    indent_left: u32,
    space_before: u32,
    space_after: u32,
    keep_next: bool,
    /// Exact line height in twentieths of a point; `None` for 1.5 lines of 四号 (21 pt), as
    /// the print view's line-height 1.5. Exact, because Word's "1.5 lines" scales the font's
    /// own line gap, which CJK fonts make far taller than CSS does.
    line: Option<u32>,
}

fn paragraph(setting: Setting, runs: &str) -> String {
    let keep = if setting.keep_next {
        "<w:keepNext/>"
    } else {
        ""
    };
    let spacing = format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="exact"/>"#,
        setting.space_before,
        setting.space_after,
        setting.line.unwrap_or(LINE_BODY)
    );
    let indent = match (setting.indent_first_line, setting.indent_left) {
        (true, _) => r#"<w:ind w:firstLineChars="200" w:firstLine="560"/>"#.to_string(),
        (false, 0) => String::new(),
        (false, left) => format!(r#"<w:ind w:left="{left}"/>"#),
    };
    let align = setting
        .align
        .map(|a| format!(r#"<w:jc w:val="{a}"/>"#))
        .unwrap_or_default();
    format!("<w:p><w:pPr>{keep}{spacing}{indent}{align}</w:pPr>{runs}</w:p>")
}

fn text_paragraph(setting: Setting, text: &str, look: Look) -> String {
    paragraph(setting, &run(&[text], look))
}

/// One cell: its width, how many grid columns it spans, and its paragraphs.
fn cell(width: u32, span: u32, top: bool, paragraphs: &[String]) -> String {
    cell_with(width, span, top, "", paragraphs)
}

/// A cell with extra cell properties (`w:tcMar`), placed where the schema wants them.
fn cell_with(width: u32, span: u32, top: bool, margins: &str, paragraphs: &[String]) -> String {
    let span = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    let align = if top { "top" } else { "center" };
    let body = if paragraphs.is_empty() {
        "<w:p/>".to_string()
    } else {
        paragraphs.concat()
    };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{margins}<w:vAlign w:val="{align}"/></w:tcPr>{body}</w:tc>"#
    )
}

/// A label cell, broken into lines where the paper form breaks it.
fn label_cell(lines: &[&str]) -> String {
    let setting = Setting {
        align: Some("center"),
        ..Setting::default()
    };
    // Narrow margins, as the print's label cells: five characters of 四号 fit on a line.
    let margins =
        r#"<w:tcMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tcMar>"#;
    cell_with(
        LABEL_COLUMN,
        1,
        false,
        margins,
        &[paragraph(setting, &run(lines, BODY))],
    )
}

/// A value cell of one paragraph per line.
fn value_cell(width: u32, span: u32, lines: &[String], long: bool) -> String {
    let setting = Setting {
        align: Some(if long { "both" } else { "left" }),
        indent_first_line: long,
        ..Setting::default()
    };
    let paragraphs: Vec<String> = lines
        .iter()
        .map(|l| text_paragraph(setting, l, BODY))
        .collect();
    cell(width, span, long, &paragraphs)
}

/// A table row; `min_height` in twentieths of a point, `can_split` for long text.
fn row(cells: &[String], min_height: u32, can_split: bool) -> String {
    let split = if can_split { "" } else { "<w:cantSplit/>" };
    format!(
        r#"<w:tr><w:trPr>{split}<w:trHeight w:val="{min_height}" w:hRule="atLeast"/></w:trPr>{}</w:tr>"#,
        cells.concat()
    )
}

fn ticks(boxes: &[TickBox]) -> Vec<String> {
    vec![boxes
        .iter()
        .map(TickBox::text)
        .collect::<Vec<_>>()
        .join("　")]
}

fn table(p: &PaperForm) -> String {
    const ROW: u32 = 680; // 12 mm
    const LONG_ROW: u32 = 1701; // 30 mm
    let mut rows = vec![
        row(
            &[
                label_cell(labels::CLUSTER_NAME),
                value_cell(
                    TEXT_WIDTH - LABEL_COLUMN,
                    3,
                    std::slice::from_ref(&p.cluster_name),
                    false,
                ),
            ],
            ROW,
            false,
        ),
        row(
            &[
                label_cell(labels::APPLICANT),
                value_cell(VALUE_COLUMN, 1, std::slice::from_ref(&p.applicant), false),
                label_cell(labels::TOWNS),
                value_cell(LAST_VALUE_COLUMN, 1, &p.towns, false),
            ],
            LONG_ROW,
            true,
        ),
        row(
            &[
                label_cell(labels::CREATION_TYPE),
                value_cell(VALUE_COLUMN, 1, &ticks(&p.creation_type), false),
                label_cell(labels::SCOPE),
                value_cell(LAST_VALUE_COLUMN, 1, &ticks(&p.scope), false),
            ],
            ROW,
            false,
        ),
    ];
    for pair in &p.rows {
        rows.push(row(
            &[
                label_cell(pair.left_label),
                value_cell(VALUE_COLUMN, 1, std::slice::from_ref(&pair.left), false),
                label_cell(pair.right_label),
                value_cell(
                    LAST_VALUE_COLUMN,
                    1,
                    std::slice::from_ref(&pair.right),
                    false,
                ),
            ],
            ROW,
            false,
        ));
    }
    rows.push(row(
        &[
            label_cell(labels::STAGE_RESULTS),
            value_cell(TEXT_WIDTH - LABEL_COLUMN, 3, &p.stage_results, true),
        ],
        LONG_ROW,
        true,
    ));
    let plain = Setting::default();
    let mut summary = vec![
        text_paragraph(plain, words::SUMMARY_TITLE, BODY),
        text_paragraph(
            Setting {
                space_after: 113,
                line: Some(LINE_HINT),
                ..plain
            },
            SUMMARY_HINT,
            Look::size(SIZE_HINT),
        ),
    ];
    let long = Setting {
        align: Some("both"),
        indent_first_line: true,
        ..plain
    };
    summary.extend(p.summary.iter().map(|l| text_paragraph(long, l, BODY)));
    if let Some(line) = words::attachments_line(&p.attachments) {
        summary.push(text_paragraph(
            Setting {
                space_before: 113,
                ..plain
            },
            &line,
            BODY,
        ));
    }
    // 500 字 at most: the summary always fits on a page, so, as in the print, it is never split.
    rows.push(row(
        &[cell(TEXT_WIDTH, 4, true, &summary)],
        2268, // 40 mm
        false,
    ));
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    format!(
        concat!(
            "<w:tbl><w:tblPr>",
            r#"<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>"#,
            "<w:tblBorders>{borders}</w:tblBorders>",
            r#"<w:tblLayout w:type="fixed"/>"#,
            r#"<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>"#,
            "</w:tblPr><w:tblGrid>",
            r#"<w:gridCol w:w="{label}"/><w:gridCol w:w="{value}"/><w:gridCol w:w="{label}"/><w:gridCol w:w="{last}"/>"#,
            "</w:tblGrid>{rows}</w:tbl>"
        ),
        width = TEXT_WIDTH,
        borders = borders,
        label = LABEL_COLUMN,
        value = VALUE_COLUMN,
        last = LAST_VALUE_COLUMN,
        rows = rows.concat()
    )
}

/// The body of `word/document.xml`: everything the print view shows, in its order.
fn body(declaration: &Declaration, binding: Option<&PaperBinding>) -> String {
    let p = PaperForm::of(declaration);
    let plain = Setting::default();
    let mut parts = vec![text_paragraph(
        plain,
        words::ATTACHMENT,
        Look {
            font: Some(HEADING_FONT.0),
            size: SIZE_HEADING,
            color: None,
        },
    )];
    if !validate(declaration).is_clean() {
        parts.push(text_paragraph(
            Setting {
                align: Some("right"),
                line: Some(LINE_HINT),
                ..plain
            },
            words::DRAFT_MARK,
            Look {
                font: Some(HEADING_FONT.0),
                size: SIZE_HINT,
                color: Some("B3261E"),
            },
        ));
    }
    parts.push(text_paragraph(
        Setting {
            align: Some("center"),
            space_before: 227,
            space_after: 340,
            line: Some(LINE_TITLE),
            ..plain
        },
        TITLE,
        Look {
            font: Some(TITLE_FONT.0),
            size: SIZE_TITLE,
            color: None,
        },
    ));
    parts.push(table(&p));
    // The seal block: right of centre, as on the paper form.
    let seal = Setting {
        indent_left: TEXT_WIDTH - 3969 - 794,
        keep_next: true,
        ..plain
    };
    parts.push(text_paragraph(
        Setting {
            space_before: 340,
            ..seal
        },
        words::SEAL,
        BODY,
    ));
    parts.push(text_paragraph(
        Setting {
            space_before: 454,
            ..seal
        },
        &format!("{}{}", words::DATE, p.declared_on),
        BODY,
    ));
    parts.push(text_paragraph(
        Setting {
            space_before: 170,
            ..plain
        },
        FOOT_NOTE,
        BODY,
    ));
    let mark = Look {
        font: Some("宋体"),
        size: SIZE_MARK,
        color: None,
    };
    if let Some(b) = binding {
        let small = Setting {
            line: Some(LINE_MARK),
            ..plain
        };
        let first = Setting {
            space_before: 283,
            keep_next: true,
            ..small
        };
        let next = Setting {
            keep_next: true,
            ..small
        };
        parts.push(paragraph(
            first,
            &[
                run(&[words::FINGERPRINT], mark),
                run(&[&b.fingerprint_display()], mark),
            ]
            .concat(),
        ));
        parts.push(paragraph(
            next,
            &[
                run(&[words::DIGEST], mark),
                run(&[&b.digest_display()], mark),
            ]
            .concat(),
        ));
        parts.push(text_paragraph(small, words::BINDING_NOTE, mark));
    }
    parts.concat()
}

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

fn document_xml(declaration: &Declaration, binding: Option<&PaperBinding>) -> String {
    format!(
        concat!(
            "{decl}\n",
            r#"<w:document xmlns:w="{w}" xmlns:r="{r}"><w:body>{body}"#,
            r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>"#,
            r#"<w:pgSz w:w="{pw}" w:h="{ph}"/>"#,
            r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="1134" w:gutter="0"/>"#,
            r#"<w:docGrid w:linePitch="312"/></w:sectPr></w:body></w:document>"#
        ),
        decl = DECLARATION,
        w = NS_W,
        r = NS_R,
        body = body(declaration, binding),
        pw = PAGE_WIDTH,
        ph = PAGE_HEIGHT,
        top = MARGIN_TOP,
        right = MARGIN_RIGHT,
        bottom = MARGIN_BOTTOM,
        left = MARGIN_LEFT,
    )
}

fn styles_xml() -> String {
    format!(
        concat!(
            "{decl}\n",
            r#"<w:styles xmlns:w="{w}"><w:docDefaults><w:rPrDefault><w:rPr>"#,
            r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{body}" w:cs="{latin}"/>"#,
            r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
            r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{line}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            "</w:styles>"
        ),
        decl = DECLARATION,
        w = NS_W,
        latin = LATIN_FONT,
        body = BODY_FONT.0,
        size = SIZE_BODY,
        line = LINE_BODY,
    )
}

/// The font table: each Chinese font with the font to use where it is missing.
fn font_table_xml() -> String {
    let fonts: String = [BODY_FONT, TITLE_FONT, HEADING_FONT, ("宋体", "SimSun")]
        .iter()
        .map(|(name, alt)| {
            format!(
                r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
                xml(name),
                xml(alt)
            )
        })
        .collect();
    format!(
        r#"{DECLARATION}
<w:fonts xmlns:w="{NS_W}">{fonts}<w:font w:name="{LATIN_FONT}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
    )
}

fn settings_xml() -> String {
    format!(
        r#"{DECLARATION}
<w:settings xmlns:w="{NS_W}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// The page number, "— 1 —", centred under the text.
fn footer_xml() -> String {
    let look = Look {
        font: Some("宋体"),
        ..BODY
    }
    .xml();
    format!(
        concat!(
            "{decl}\n",
            r#"<w:ftr xmlns:w="{w}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#,
            r#"<w:r>{look}<w:t xml:space="preserve">— </w:t></w:r>"#,
            r#"<w:fldSimple w:instr=" PAGE "><w:r>{look}<w:t>1</w:t></w:r></w:fldSimple>"#,
            r#"<w:r>{look}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
        ),
        decl = DECLARATION,
        w = NS_W,
        look = look
    )
}

fn core_xml(declaration: &Declaration) -> String {
    let cluster = cell_text(declaration.cluster_name.trim(), false);
    let title = if cluster.is_empty() {
        TITLE.to_string()
    } else {
        format!("{TITLE}（{cluster}）")
    };
    format!(
        concat!(
            "{decl}\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">"#,
            "<dc:title>{title}</dc:title><dc:creator>美镇申报</dc:creator>",
            "<dc:description>正文字体仿宋_GB2312（缺少时用仿宋），标题字体方正小标宋简体（缺少时用宋体）。</dc:description>",
            "</cp:coreProperties>"
        ),
        decl = DECLARATION,
        title = xml(&title)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// The declaration as a .docx file. `binding` is the signed file's fingerprint and digest when
/// the declaration is exactly what was signed; `None` marks the document 草稿 · 未签名.
pub fn docx(
    declaration: &Declaration,
    binding: Option<&PaperBinding>,
) -> Result<Vec<u8>, OfficeError> {
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("docProps/core.xml", core_xml(declaration)),
        ("word/document.xml", document_xml(declaration, binding)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/settings.xml", settings_xml()),
    ];
    let footer = ("word/footer1.xml", footer_xml());
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let err = |e: &dyn std::fmt::Display| OfficeError(e.to_string());
    for (name, text) in parts.iter().chain(std::iter::once(&footer)) {
        zip.start_file(*name, options).map_err(|e| err(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}
