//! Word, OpenDocument, HTML and PDF files that the tests write themselves, each holding
//! the same declaration as a bundled sample: compared with the plain-text original,
//! every row must be `shared`. No document here comes from outside the project.

use counterpart::core::read::{Origin, read_bytes};
use counterpart::core::{CompareOptions, DocumentInput, Status, compare};
use std::io::Write;
use std::path::Path;

fn sample() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/az-cn-2024-strategic-partnership.txt"))
        .expect("sample")
}

#[derive(Debug, PartialEq)]
enum Block {
    Title(String),
    Heading(String),
    Numbered(String),
    Para(String),
}

/// The sample's blocks: title, Roman-numbered headings, numbered paragraphs, others.
fn blocks(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .enumerate()
        .map(|(i, b)| {
            let first = b.split_whitespace().next().unwrap_or("");
            if i == 0 {
                Block::Title(b.to_owned())
            } else if first.ends_with('.') && first.trim_end_matches('.').chars().all(|c| "IVX".contains(c)) {
                Block::Heading(b.to_owned())
            } else if first.ends_with('.') && first.trim_end_matches('.').chars().all(|c| c.is_ascii_digit()) {
                Block::Numbered(b[first.len()..].trim().to_owned())
            } else {
                Block::Para(b.to_owned())
            }
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn zip(files: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in files {
        let opts = zip::write::SimpleFileOptions::default().compression_method(if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        });
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(body.as_bytes()).expect("zip write");
    }
    w.finish().expect("zip").into_inner()
}

/// A `.docx` with heading styles, automatic numbering and a footnote.
fn docx(blocks: &[Block], footnote: Option<&str>) -> Vec<u8> {
    let run = |t: &str| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", xml_escape(t));
    let mut body = String::new();
    for b in blocks {
        body.push_str(&match b {
            Block::Title(t) => {
                format!("<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>{}</w:p>", run(&t.replace('\n', " ")))
            }
            Block::Heading(t) => format!("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>", run(t)),
            Block::Numbered(t) => {
                format!(
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
                    run(t)
                )
            }
            Block::Para(t) => t.lines().map(|l| format!("<w:p>{}</w:p>", run(l))).collect(),
        });
    }
    if footnote.is_some() {
        body.push_str("<w:p><w:r><w:t>Signed.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>");
    }
    let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let mut files = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                .to_owned(),
        ),
        (
            "word/document.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {ns}><w:body>{body}</w:body></w:document>"),
        ),
        (
            "word/numbering.xml",
            format!(
                "<w:numbering {ns}><w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>"
            ),
        ),
        (
            "word/styles.xml",
            format!(
                "<w:styles {ns}><w:style w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style><w:style w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style></w:styles>"
            ),
        ),
    ];
    if let Some(f) = footnote {
        files.push(("word/footnotes.xml", format!("<w:footnotes {ns}><w:footnote w:id=\"1\"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:footnote></w:footnotes>", xml_escape(f))));
    }
    zip(&files)
}

/// An `.odt` with headings, paragraphs and a list.
fn odt(blocks: &[Block]) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks {
        body.push_str(&match b {
            Block::Title(t) | Block::Heading(t) => {
                format!("<text:h text:outline-level=\"1\">{}</text:h>", xml_escape(&t.replace('\n', " ")))
            }
            Block::Numbered(t) => format!("<text:p>{}</text:p>", xml_escape(t)),
            Block::Para(t) => t.lines().map(|l| format!("<text:p>{}</text:p>", xml_escape(l))).collect(),
        });
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip(&[("mimetype", "application/vnd.oasis.opendocument.text".to_owned()), ("content.xml", content)])
}

/// A saved web page: menus, scripts and a footer around the article.
fn html(blocks: &[Block]) -> String {
    let mut body = String::new();
    for b in blocks {
        body.push_str(&match b {
            Block::Title(t) => format!("<h1>{}</h1>\n", xml_escape(&t.replace('\n', " "))),
            Block::Heading(t) => format!("<h2>{}</h2>\n", xml_escape(t)),
            Block::Numbered(t) => format!("<p>{}</p>\n", xml_escape(t)),
            Block::Para(t) => t.lines().map(|l| format!("<p>{}</p>\n", xml_escape(l))).collect(),
        });
    }
    format!(
        "<!DOCTYPE html><html><head><title>News</title><script>var ads = 'The Parties will buy ads.';</script><style>p {{ color: red }}</style></head>\
         <body><header><nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a></nav></header><main><article>{body}</article></main>\
         <aside>Most read: The Parties will never agree.</aside><footer>© 2024 News agency. All rights reserved.</footer></body></html>"
    )
}

/// Text the PDF's standard font can show.
fn ascii(s: &str) -> String {
    s.replace(['“', '”'], "\"").replace(['‘', '’'], "'").replace(['–', '—'], "-")
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in text.split_whitespace() {
        let last = lines.last_mut().expect("a line");
        if !last.is_empty() && last.len() + 1 + w.len() > width {
            lines.push(w.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(w);
        }
    }
    lines
}

/// A PDF of the blocks: lines wrapped at 80 columns, a running head and page numbers.
fn pdf(blocks: &[Block], lines_per_page: usize) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut lines: Vec<String> = Vec::new();
    let mut n = 0;
    for b in blocks {
        match b {
            Block::Title(t) | Block::Heading(t) | Block::Para(t) => {
                for l in t.lines() {
                    lines.extend(wrap(&ascii(l), 80));
                }
            }
            Block::Numbered(t) => {
                n += 1;
                lines.extend(wrap(&format!("{n}. {}", ascii(t)), 80));
            }
        }
    }
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for (p, chunk) in lines.chunks(lines_per_page).enumerate() {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![12.into()]),
            Operation::new("Td", vec![50.into(), 800.into()]),
            Operation::new("Tj", vec![Object::string_literal("Azerbaijan-China Joint Declaration (unofficial text)")]),
        ];
        for l in chunk {
            ops.push(Operation::new("'", vec![Object::string_literal(l.as_str())]));
        }
        ops.push(Operation::new("'", vec![Object::string_literal(format!("Page {}", p + 1))]));
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
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

/// Compares a converted file with the plain original; every row must be shared.
fn assert_all_shared(original: &str, name: &str, bytes: &[u8]) -> counterpart::core::Comparison {
    let t = read_bytes(Path::new(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    let converted = DocumentInput {
        source: name.to_owned(),
        text: t.text,
        encoding: t.encoding,
        notices: t.notices,
        origins: t.origins,
    };
    let c = compare(&[DocumentInput::from_text("original.txt", original), converted], &CompareOptions::default());
    let bad: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.status != Status::Shared)
        .map(|r| {
            r.cells
                .iter()
                .enumerate()
                .flat_map(|(d, cell)| cell.iter().map(move |&s| (d, s)))
                .map(|(d, s)| format!("d{}: {}", d + 1, c.documents[d].segments[s].text))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert!(bad.is_empty(), "{name}: {} rows not shared:\n{}", bad.len(), bad.join("\n"));
    assert_eq!(c.documents[0].segments.len(), c.documents[1].segments.len(), "{name}");
    c
}

#[test]
fn a_word_file_compares_as_its_plain_text() {
    let text = sample();
    let c = assert_all_shared(&text, "decl.docx", &docx(&blocks(&text), None));
    let doc = &c.documents[1];
    assert!(doc.sections.iter().any(|h| h.text == "I. POLITICAL RELATIONS"), "headings from styles");
    assert_eq!(
        doc.title,
        "JOINT DECLARATION between the Republic of Azerbaijan and the People's Republic of China on the Establishment of a Strategic Partnership"
    );
    assert!(doc.text.contains("\n\n1. The Parties"), "numbering rendered as text");
    assert!(matches!(doc.segments[3].origin, Some(Origin::Paragraph(_))), "segments know their paragraph");
}

#[test]
fn word_footnotes_are_kept_apart_from_the_body() {
    let text = sample();
    let t = read_bytes(Path::new("f.docx"), &docx(&blocks(&text), Some("The Russian text prevails."))).expect("docx");
    let (body, notes) = t.text.split_once("# Footnotes").expect("a footnotes section");
    assert!(!body.contains("Russian text prevails") && notes.contains("The Russian text prevails."));
}

#[test]
fn an_opendocument_file_compares_as_its_plain_text() {
    let text = sample();
    assert_all_shared(&text, "decl.odt", &odt(&blocks(&text)));
}

#[test]
fn a_saved_web_page_compares_as_its_plain_text() {
    let text = sample();
    let c = assert_all_shared(&text, "decl.html", html(&blocks(&text)).as_bytes());
    let page = &c.documents[1].text;
    assert!(
        !page.contains("Home")
            && !page.contains("ads")
            && !page.contains("All rights reserved")
            && !page.contains("never agree")
    );
}

#[test]
fn a_pdf_compares_as_its_plain_text_with_pages_known() {
    let text = ascii(&sample());
    let c = assert_all_shared(&text, "decl.pdf", &pdf(&blocks(&text), 30));
    let doc = &c.documents[1];
    assert!(
        !doc.text.contains("unofficial text") && !doc.text.contains("Page 2"),
        "running heads and page numbers removed"
    );
    let last = doc.segments.last().expect("segments");
    assert!(matches!(last.origin, Some(Origin::Page(n)) if n >= 2), "{:?}", last.origin);
}

/// Writes the seed corpus of the fuzz targets (`fuzz/corpus/`), from the same builders,
/// when `COUNTERPART_WRITE_FUZZ_SEEDS` is set.
#[test]
fn fuzz_seeds_are_written_on_request() {
    if std::env::var_os("COUNTERPART_WRITE_FUZZ_SEEDS").is_none() {
        return;
    }
    let text = sample();
    let short: Vec<Block> = blocks(&text).into_iter().take(6).collect();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = corpus.join(target);
        std::fs::create_dir_all(&dir).expect("corpus dir");
        std::fs::write(dir.join(name), bytes).expect("seed");
    };
    let plain: String = text.split("\n\n").take(6).collect::<Vec<_>>().join("\n\n");
    write("read_text", "seed-declaration.txt", plain.as_bytes());
    write(
        "read_text",
        "seed-windows-1252.txt",
        b"The Parties welcome the \x93C\xf4te d\x92Ivoire\x94 initiative \x96 and more.",
    );
    write("segment", "seed-declaration.txt", plain.as_bytes());
    write("read_docx", "seed.docx", &docx(&short, Some("A footnote.")));
    write("read_odt", "seed.odt", &odt(&short));
    write("read_pdf", "seed.pdf", &pdf(&short, 10));
    write("read_html", "seed.html", html(&short).as_bytes());
}

/// A page set in two columns, lines placed with `Td` (no line operators): the left
/// column is read before the right one.
#[test]
fn a_two_column_pdf_is_read_column_by_column() {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let left = "The Parties will strengthen cooperation in combating terrorism, separatism and extremism and will exchange information on threats to the security of either Party.";
    let right = "The Parties will expand trade in goods and services, simplify customs procedures and hold joint exhibitions in their capitals every year.";
    let mut ops = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 10.into()])];
    ops.push(Operation::new("Tm", vec![1.into(), 0.into(), 0.into(), 1.into(), 50.into(), 800.into()]));
    ops.push(Operation::new(
        "Tj",
        vec![Object::string_literal(
            "JOINT STATEMENT ON COOPERATION BETWEEN THE TWO STATES SIGNED IN THE CAPITAL TODAY BY BOTH",
        )],
    ));
    let (l, r) = (wrap(left, 40), wrap(right, 40));
    for (k, (x, lines)) in [(50, &l), (320, &r)].into_iter().enumerate() {
        for (i, line) in lines.iter().enumerate() {
            let y = 770 - 12 * i as i64;
            ops.push(Operation::new("Tm", vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()]));
            ops.push(Operation::new("Tj", vec![Object::string_literal(line.as_str())]));
        }
        let _ = k;
    }
    ops.push(Operation::new("ET", vec![]));
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content_id =
        doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("content")));
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1, "Resources" => resources_id },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("pdf");
    let t = read_bytes(Path::new("columns.pdf"), &bytes).expect("readable");
    let folded = t.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(folded.contains(left), "{folded}");
    assert!(folded.contains(right), "{folded}");
    assert!(folded.find(left) < folded.find(right));
}
