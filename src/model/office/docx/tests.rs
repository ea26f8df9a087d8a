//! Tests of `model::office::docx`: the Word document's parts, cells and marks.

use super::*;
use crate::model::sample;

fn part(bytes: &[u8], name: &str) -> String {
    super::super::tests::zip_part(bytes, name)
}

fn binding() -> PaperBinding {
    PaperBinding {
        fingerprint: "ab".repeat(32),
        digest: "cd".repeat(32),
    }
}

#[test]
fn the_document_holds_every_cell_of_the_paper_form() {
    let d = sample::complete();
    let bytes = docx(&d, Some(&binding())).unwrap();
    let doc = part(&bytes, "word/document.xml");
    let paper = PaperForm::of(&d);
    let mut expected: Vec<String> = vec![
        TITLE.into(),
        words::ATTACHMENT.into(),
        paper.cluster_name.clone(),
        paper.applicant.clone(),
        words::SEAL.into(),
        FOOT_NOTE.into(),
        binding().fingerprint_display(),
        binding().digest_display(),
    ];
    expected.extend(paper.towns.iter().cloned());
    expected.extend(paper.summary.iter().cloned());
    expected.extend(paper.stage_results.iter().cloned());
    for r in &paper.rows {
        expected.push(r.left.clone());
        expected.push(r.right.clone());
        expected.extend(r.left_label.iter().map(|l| l.to_string()));
    }
    for text in expected {
        assert!(doc.contains(&xml(&text)), "missing {text:?}");
    }
    assert!(!doc.contains(&format!(">{}<", words::DRAFT_MARK)));
    // Labels keep the paper form's line breaks.
    assert!(doc.contains(r#"工作专班</w:t><w:br/><w:t xml:space="preserve">成立时间"#));
}

#[test]
fn a_complete_unsigned_declaration_is_clean_and_one_with_errors_is_a_draft() {
    let clean = part(
        &docx(&sample::complete(), None).unwrap(),
        "word/document.xml",
    );
    assert!(!clean.contains(&xml(words::DRAFT_MARK)));
    assert!(!clean.contains(words::FINGERPRINT));
    let mut incomplete = sample::complete();
    incomplete.summary.clear();
    let draft = part(&docx(&incomplete, None).unwrap(), "word/document.xml");
    assert!(draft.contains(&xml(words::DRAFT_MARK)));
    assert!(!draft.contains(words::FINGERPRINT));
}

#[test]
fn page_margins_and_fonts_follow_the_standard() {
    let bytes = docx(&Declaration::default(), None).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));
    assert!(part(&bytes, "word/styles.xml").contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert_eq!(
        LABEL_COLUMN * 2 + VALUE_COLUMN + LAST_VALUE_COLUMN,
        TEXT_WIDTH
    );
}

#[test]
fn text_that_looks_like_markup_stays_text() {
    let mut d = sample::complete();
    d.cluster_name = "<w:p>&\"美镇\"\u{7}圈</w:p>".into();
    let doc = part(&docx(&d, None).unwrap(), "word/document.xml");
    assert!(doc.contains("&lt;w:p&gt;&amp;&quot;美镇&quot;圈&lt;/w:p&gt;"));
}
