//! Times the Word reader natively: the filled facsimile, our own Word copy, and the worst files
//! its caps let through or refuse (a table of nothing but labels at the cell cap, a main
//! document just under its size cap, a zip bomb). Prints median and p95; asserts nothing.
//!
//! `cargo run --release --example bench_word_import`

use std::hint::black_box;
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use meizhen_shenbao::model::office::docx::docx;
use meizhen_shenbao::model::office::docx_read::{read_word, MAX_CELLS, MAX_DOCUMENT_BYTES};
use meizhen_shenbao::model::sample;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn package(document: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in [
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, options).expect("zip");
        zip.write_all(bytes).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

fn document(body: &str) -> String {
    format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#)
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

fn time(name: &str, runs: usize, bytes: &[u8]) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let _ = black_box(read_word(black_box(bytes), "bench.docx"));
            start.elapsed()
        })
        .collect();
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{name:<58} {:>9} bytes  median {:>9.3} ms  p95 {:>9.3} ms",
        bytes.len(),
        times[times.len() / 2].as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let filled = std::fs::read(format!("{root}/tests/fixtures/word/filled.docx")).expect("fixture");
    let resaved = std::fs::read(format!(
        "{root}/tests/fixtures/word/filled-libreoffice.docx"
    ))
    .expect("fixture");
    let ours = docx(&sample::complete(), None).expect("docx");
    // Labels only, as many cells as allowed (the form's labels, over and over).
    let labels = ["总协调人", "所在单位", "职务", "联系电话", "具体联系人"];
    let rows: String = (0..MAX_CELLS / 50)
        .map(|r| {
            let cells: String = (0..50)
                .map(|c| cell(labels[(r + c) % labels.len()]))
                .collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    let label_table = package(document(&format!("<w:tbl>{rows}</w:tbl>")).as_bytes());
    // Text just under the main document's cap, in paragraphs of 100 KB.
    let paragraph = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "字".repeat(34_000));
    let count = (MAX_DOCUMENT_BYTES as usize - 200) / paragraph.len();
    let big = package(document(&paragraph.repeat(count)).as_bytes());
    // A zip bomb: one byte past the cap, deflated to kilobytes.
    let bomb = package(&vec![b' '; MAX_DOCUMENT_BYTES as usize + 1]);

    time("filled facsimile (python-docx)", 200, &filled);
    time("filled facsimile saved by LibreOffice", 200, &resaved);
    time("our Word copy of the sample declaration", 200, &ours);
    time(
        &format!("{MAX_CELLS} label cells (cell cap)"),
        10,
        &label_table,
    );
    time("16 MiB main document (size cap)", 5, &big);
    time("zip bomb one byte past the cap (refused)", 5, &bomb);
}
