//! Our Word copy stays right for WPS, which lays a table out by its `w:tblGrid` and nothing
//! else: read back with the XML crate the importer uses, every table of every copy we write
//! (clean, 草稿, signed, and the copies written again from what the importer read) has grid
//! columns adding up to its `w:tblW`, a fixed layout, cells as wide as the columns they span
//! and rows that cover the grid, a height on every row, and no field anywhere in the document
//! body (the only field in the package is the footer's page number).

use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;

use super::docx;
use crate::model::declaration::Declaration;
use crate::model::office::docx_read::read_word;
use crate::model::office::tests::zip_part;
use crate::model::paper::PaperBinding;
use crate::model::sample;

/// A cell's `w:tcW` and grid span.
type CellLayout = (Option<u32>, u32);

/// What one table of a document says about its layout.
#[derive(Debug, Default)]
struct TableLayout {
    width: Option<u32>,
    fixed: bool,
    grid: Vec<u32>,
    /// Per row: whether it has a height, and its cells.
    rows: Vec<(bool, Vec<CellLayout>)>,
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned()
        })
    })
}

fn number(e: &BytesStart, local: &str) -> Option<u32> {
    attr(e, local).and_then(|v| v.parse().ok())
}

/// Every table of a WordprocessingML part, and the names of the field elements in it.
fn layout(xml: &str) -> (Vec<TableLayout>, Vec<String>) {
    let mut reader = NsReader::from_str(xml);
    let mut tables: Vec<TableLayout> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut fields = Vec::new();
    loop {
        let event = reader.read_event().unwrap();
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if path.pop().as_deref() == Some("tbl") {
                    open.pop();
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name().as_ref().to_string();
        let parent = path.last().map(String::as_str);
        let table = open.last().map(|&i| &mut tables[i]);
        match (name.as_str(), table) {
            ("fldChar" | "fldSimple" | "instrText", _) => fields.push(name.clone()),
            ("tbl", _) => {
                tables.push(TableLayout::default());
                if !empty {
                    open.push(tables.len() - 1);
                }
            }
            ("tblW", Some(t)) if parent == Some("tblPr") => {
                assert_eq!(attr(e, "type").as_deref(), Some("dxa"));
                t.width = number(e, "w");
            }
            ("tblLayout", Some(t)) => t.fixed = attr(e, "type").as_deref() == Some("fixed"),
            ("gridCol", Some(t)) => t.grid.push(number(e, "w").unwrap()),
            ("tr", Some(t)) => t.rows.push((false, Vec::new())),
            ("trHeight", Some(t)) => {
                let height = number(e, "val").unwrap_or(0);
                if let Some(row) = t.rows.last_mut() {
                    row.0 = height > 0;
                }
            }
            ("tc", Some(t)) => {
                if let Some(row) = t.rows.last_mut() {
                    row.1.push((None, 1));
                }
            }
            ("tcW", Some(t)) => {
                if let Some(cell) = t.rows.last_mut().and_then(|r| r.1.last_mut()) {
                    cell.0 = number(e, "w");
                }
            }
            ("gridSpan", Some(t)) => {
                if let Some(cell) = t.rows.last_mut().and_then(|r| r.1.last_mut()) {
                    cell.1 = number(e, "val").unwrap();
                }
            }
            _ => {}
        }
        if !empty {
            path.push(name);
        }
    }
    (tables, fields)
}

/// The checks on one .docx of ours.
fn assert_right_for_wps(bytes: &[u8], name: &str) {
    let (tables, fields) = layout(&zip_part(bytes, "word/document.xml"));
    assert_eq!(fields, Vec::<String>::new(), "{name}: fields in the body");
    assert_eq!(tables.len(), 1, "{name}: one table");
    for table in &tables {
        let width = table.width.unwrap_or_else(|| panic!("{name}: no w:tblW"));
        assert_eq!(
            table.grid.iter().sum::<u32>(),
            width,
            "{name}: grid ≠ width"
        );
        assert!(table.fixed, "{name}: layout not fixed");
        assert!(!table.rows.is_empty(), "{name}: no rows");
        for (i, (height, cells)) in table.rows.iter().enumerate() {
            assert!(height, "{name}: row {} has no height", i + 1);
            let mut col = 0usize;
            for (cell_width, span) in cells {
                let span = *span as usize;
                let columns: u32 = table.grid[col..col + span].iter().sum();
                assert_eq!(
                    *cell_width,
                    Some(columns),
                    "{name}: row {} cell width",
                    i + 1
                );
                col += span;
            }
            assert_eq!(
                col,
                table.grid.len(),
                "{name}: row {} does not cover the grid",
                i + 1
            );
        }
    }
    let (_, footer_fields) = layout(&zip_part(bytes, "word/footer1.xml"));
    assert_eq!(
        footer_fields,
        ["fldSimple"],
        "{name}: the footer's page number"
    );
}

#[test]
fn every_word_copy_we_write_has_the_grid_wps_lays_out() {
    let binding = PaperBinding {
        fingerprint: "ab".repeat(32),
        digest: "cd".repeat(32),
    };
    let mut draft = sample::complete();
    draft.summary.clear();
    let mut many_towns = sample::complete();
    many_towns.towns = crate::model::divisions::divisions()
        .towns_of("330122")
        .map(|t| crate::model::declaration::TownRef::Listed {
            code: t.code.to_string(),
        })
        .collect();
    let copies = [
        ("clean", docx(&sample::complete(), None).unwrap()),
        ("signed", docx(&sample::complete(), Some(&binding)).unwrap()),
        ("草稿", docx(&draft, None).unwrap()),
        ("empty 草稿", docx(&Declaration::default(), None).unwrap()),
        ("many towns", docx(&many_towns, None).unwrap()),
    ];
    for (name, bytes) in &copies {
        assert_right_for_wps(bytes, name);
        // And what the importer reads from it, written again.
        let again = read_word(bytes, "copy.docx").unwrap().declaration;
        assert_right_for_wps(&docx(&again, None).unwrap(), &format!("{name}, round trip"));
    }
}

#[test]
fn the_copies_written_from_imported_files_have_the_grid_wps_lays_out() {
    let fixtures: [(&str, &[u8]); 5] = [
        (
            "template",
            include_bytes!("../../../../tests/fixtures/word/template.docx"),
        ),
        (
            "filled",
            include_bytes!("../../../../tests/fixtures/word/filled.docx"),
        ),
        (
            "filled, saved by LibreOffice",
            include_bytes!("../../../../tests/fixtures/word/filled-libreoffice.docx"),
        ),
        (
            "legacy fields",
            include_bytes!("../../../../tests/fixtures/word/legacy-fields.docx"),
        ),
        (
            "content controls",
            include_bytes!("../../../../tests/fixtures/word/content-controls.docx"),
        ),
    ];
    for (name, bytes) in fixtures {
        let import = read_word(bytes, name).unwrap();
        assert_right_for_wps(&docx(&import.declaration, None).unwrap(), name);
    }
}

#[test]
fn the_checks_see_a_broken_grid() {
    // What the checks catch: a grid that does not add up, a row without height, a field.
    let good = zip_part(
        &docx(&sample::complete(), None).unwrap(),
        "word/document.xml",
    );
    let (tables, fields) = layout(&good);
    assert!(fields.is_empty());
    assert_eq!(tables[0].grid.len(), 4);
    let broken = good
        .replacen(
            r#"<w:gridCol w:w="1559"/>"#,
            r#"<w:gridCol w:w="1500"/>"#,
            1,
        )
        .replacen("<w:trHeight", "<w:trHeightX", 1)
        .replacen("<w:r>", r#"<w:r><w:fldChar w:fldCharType="begin"/>"#, 1);
    let (tables, fields) = layout(&broken);
    assert_eq!(fields, ["fldChar"]);
    assert_ne!(tables[0].grid.iter().sum::<u32>(), tables[0].width.unwrap());
    assert!(!tables[0].rows[0].0);
}
