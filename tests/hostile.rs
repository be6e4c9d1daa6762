//! Hostile and broken input: every file here gets a clear one-line message naming it
//! (or, where the content is legitimately readable, a bounded result) — never a panic,
//! a hang or unbounded memory.

use counterpart::core::read::{MAX_FILE_BYTES, Origin, ReadError, read_bytes, read_file};
use counterpart::core::segment::{MAX_SEGMENT_BYTES, segment};
use std::io::Write;
use std::path::Path;

fn zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in files {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(body.len() > u32::MAX as usize / 2);
        w.start_file(*name, opts).expect("entry");
        w.write_all(body).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

fn docx_with(document_xml: &str) -> Vec<u8> {
    zip(&[("word/document.xml", document_xml.as_bytes().to_vec())])
}

fn one_line(e: &ReadError, name: &str) -> String {
    let m = e.to_string();
    assert!(m.starts_with(name), "the message names the file: {m}");
    assert!(!m.contains('\n'), "one line: {m}");
    m
}

#[test]
fn random_bytes_under_every_name_are_refused() {
    let random: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8).collect();
    for name in ["r.txt", "r.md", "r.pdf", "r.docx", "r.odt", "r.html"] {
        let e = read_bytes(Path::new(name), &random).expect_err(name);
        one_line(&e, name);
    }
}

#[test]
fn a_truncated_or_corrupt_zip_is_refused() {
    let good = docx_with(
        "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>The Parties agree.</w:t></w:r></w:p></w:body></w:document>",
    );
    assert!(read_bytes(Path::new("ok.docx"), &good).is_ok());
    let e = read_bytes(Path::new("cut.docx"), &good[..good.len() / 2]).expect_err("truncated");
    assert!(one_line(&e, "cut.docx").contains("not a readable Word (.docx) file"), "{e}");
    let mut flipped = good.clone();
    let mid = flipped.len() / 3;
    flipped[mid..mid + 40].iter_mut().for_each(|b| *b ^= 0x5a);
    if let Err(e) = read_bytes(Path::new("bad.odt"), &flipped) {
        one_line(&e, "bad.odt");
    }
    let e =
        read_bytes(Path::new("empty.docx"), &zip(&[("other.xml", b"<x/>".to_vec())])).expect_err("no document part");
    assert!(one_line(&e, "empty.docx").contains("word/document.xml is missing"));
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // document.xml expands to 80 MB of spaces from a file of well under 1 MB.
    let mut xml = b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(xml.len() + 80 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bomb = zip(&[("word/document.xml", xml)]);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let e = read_bytes(Path::new("bomb.docx"), &bomb).expect_err("bomb");
    assert!(matches!(e, ReadError::Limit { .. }), "{e}");
    assert!(one_line(&e, "bomb.docx").contains("exceeds the limit of 64 MiB"));
}

#[test]
fn entity_expansion_is_not_performed() {
    let mut dtd = String::from("<!DOCTYPE w:document [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">", format!("&{prev};").repeat(10)));
    }
    dtd.push(']');
    dtd.push('>');
    let xml = format!(
        "<?xml version=\"1.0\"?>{dtd}<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>The Parties agree &lol9; today.</w:t></w:r></w:p></w:body></w:document>"
    );
    match read_bytes(Path::new("laughs.docx"), &docx_with(&xml)) {
        Ok(t) => assert!(t.text.len() < 200, "entities were expanded: {} bytes", t.text.len()),
        Err(e) => {
            one_line(&e, "laughs.docx");
        }
    }
}

fn pdf_doc(pages: usize, text: bool) -> lopdf::Document {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids: Vec<Object> = Vec::new();
    for p in 0..pages {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("Td", vec![50.into(), 800.into()]),
        ];
        if text {
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(format!("The Parties agree on point {}.", p + 1))],
            ));
        } else {
            ops.push(Operation::new("re", vec![0.into(), 0.into(), 100.into(), 100.into()]));
        }
        ops.push(Operation::new("ET", vec![]));
        let content_id =
            doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("content")));
        kids.push(
            doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id }).into(),
        );
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

fn save(mut doc: lopdf::Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

#[test]
fn a_pdf_of_two_thousand_pages_is_read_with_its_pages() {
    let bytes = save(pdf_doc(2000, true));
    let t = read_bytes(Path::new("long.pdf"), &bytes).expect("readable");
    assert!(t.text.contains("point 2000."));
    assert_eq!(t.origins.last().map(|o| o.1), Some(Origin::Page(2000)));
}

#[test]
fn a_scanned_pdf_says_to_run_ocr() {
    let e = read_bytes(Path::new("scan.pdf"), &save(pdf_doc(3, false))).expect_err("no text");
    assert!(one_line(&e, "scan.pdf").contains("run OCR"), "{e}");
}

#[test]
fn a_truncated_pdf_and_a_looping_page_tree_end_politely() {
    let bytes = save(pdf_doc(5, true));
    for cut in [bytes.len() / 2, bytes.len() / 5, 20] {
        if let Err(e) = read_bytes(Path::new("cut.pdf"), &bytes[..cut]) {
            one_line(&e, "cut.pdf");
        }
    }
    // A page tree whose Kids contain the tree itself.
    let mut doc = pdf_doc(2, true);
    let root = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(lopdf::Object::as_reference).expect("pages id");
    if let Ok(lopdf::Object::Dictionary(pages)) = doc.get_object_mut(root) {
        pages.set("Kids", vec![lopdf::Object::Reference(root), lopdf::Object::Reference(root)]);
    }
    match read_bytes(Path::new("loop.pdf"), &save(doc)) {
        Ok(t) => assert!(t.text.len() < 10_000),
        Err(e) => {
            one_line(&e, "loop.pdf");
        }
    }
}

#[test]
fn html_nested_a_hundred_thousand_levels_is_read() {
    let depth = 100_000;
    let html = format!(
        "<html><body>{}<p>The Parties agree.</p>{}</body></html>",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let t = read_bytes(Path::new("deep.html"), html.as_bytes()).expect("readable");
    assert_eq!(t.text, "The Parties agree.");
}

#[test]
fn a_fifty_megabyte_line_is_segmented_in_bounded_pieces() {
    let line = "lorem ipsum ".repeat(50 * 1024 * 1024 / 12);
    let t = read_bytes(Path::new("line.txt"), line.as_bytes()).expect("text");
    let s = segment(&t.text);
    assert!(s.segments.len() > 3000);
    assert!(s.segments.iter().all(|x| x.byte_range.len() <= MAX_SEGMENT_BYTES));
}

#[test]
fn a_paragraph_of_a_hundred_thousand_lines_is_segmented_in_linear_time() {
    // Every line a dashed item or a wrapped line of one paragraph, with no blank line:
    // looking ahead to the paragraph's end from each line would take quadratic time.
    let items = "- an item that ends without a stop\n".repeat(100_000);
    let s = segment(&items);
    assert_eq!(s.segments.len(), 100_000);
    let wrapped = "the parties will cooperate\n".repeat(100_000);
    let s = segment(&format!("Title\n\n{wrapped}."));
    assert!(!s.segments.is_empty() && s.segments.iter().all(|x| x.byte_range.len() <= MAX_SEGMENT_BYTES));
    // Without blank lines, under a title in capitals: each line once asked whether the
    // title block ends there, by reading the whole block so far.
    let s = segment(&format!("TITLE\n{wrapped}The End\nof it."));
    assert!(!s.segments.is_empty() && s.segments.iter().all(|x| x.byte_range.len() <= MAX_SEGMENT_BYTES));
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("huge.txt");
    std::fs::File::create(&big).and_then(|f| f.set_len(200 * 1024 * 1024)).expect("sparse file");
    let e = read_file(&big).expect_err("too large");
    assert!(matches!(e, ReadError::TooLarge { limit, .. } if limit == MAX_FILE_BYTES));
    assert!(e.to_string().contains("huge.txt: the file is 209715200 bytes; the limit is 67108864 bytes"), "{e}");
}

#[test]
fn an_encrypted_pdf_says_what_to_do() {
    let mut doc = pdf_doc(2, true);
    let id = lopdf::Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V1 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        permissions: lopdf::Permissions::PRINTABLE,
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let e = read_bytes(Path::new("locked.pdf"), &save(doc)).expect_err("encrypted");
    assert!(matches!(e, ReadError::Encrypted { .. }), "{e}");
    assert!(one_line(&e, "locked.pdf").contains("encrypted"));
}
