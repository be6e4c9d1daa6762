//! Reports: snapshots of every export on the samples (with a correction and a note),
//! determinism, and HTML that document text cannot break or script.

use counterpart::core::corrections::{self, Correction, Notes};
use counterpart::core::{CompareOptions, Comparison, DocumentInput, compare};
use counterpart::export::{Format, ReportContext};
use std::path::Path;

/// The samples, by paths relative to the crate (stable on any machine), compared, with
/// one correction and one note.
fn samples() -> (Comparison, Vec<Correction>, Notes) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names =
        ["az-cn-2024-strategic-partnership.txt", "cn-kz-2024-joint-statement.txt", "cn-uz-2024-joint-statement.txt"];
    let inputs: Vec<DocumentInput> = names
        .iter()
        .map(|n| {
            let mut d = DocumentInput::load(&root.join("samples").join(n)).expect("sample");
            d.source = format!("samples/{n}");
            d
        })
        .collect();
    let base = compare(&inputs, &CompareOptions::default());
    let corrections = vec![Correction::SetTheme { segment: "d1.s2".into(), theme: "general".into() }];
    let (c, failed) = corrections::apply(&base, &corrections);
    assert!(failed.is_empty());
    let notes: Notes = [("d2.s3".to_owned(), "Compare with the 2019 statement.".to_owned())].into_iter().collect();
    (c, corrections, notes)
}

fn report(format: Format) -> String {
    let (c, corrections, notes) = samples();
    let mut ctx = ReportContext::new(&c);
    ctx.corrections = &corrections;
    ctx.notes = &notes;
    ctx.generated = "2026-11-28 09:00 UTC".into();
    format.write(&ctx)
}

#[test]
fn html_report_snapshot() {
    insta::assert_snapshot!("report.html", report(Format::Html));
}

#[test]
fn markdown_report_snapshot() {
    insta::assert_snapshot!("report.md", report(Format::Markdown));
}

#[test]
fn json_report_snapshot() {
    insta::assert_snapshot!("report.json", report(Format::Json));
}

#[test]
fn csv_report_snapshot() {
    insta::assert_snapshot!("report.csv", report(Format::Csv));
}

#[test]
fn reports_are_byte_identical_run_to_run() {
    for f in Format::ALL {
        assert_eq!(report(f), report(f), "{f:?}");
    }
}

#[test]
fn every_report_carries_the_corrections_and_notes() {
    let html = report(Format::Html);
    assert!(html.contains("Note: Compare with the 2019 statement.") && html.contains("1 correction(s) by the analyst"));
    let md = report(Format::Markdown);
    assert!(md.contains("> **Note:** Compare with the 2019 statement."));
    let json: serde_json::Value = serde_json::from_str(&report(Format::Json)).expect("json");
    assert_eq!(json["corrections"][0]["kind"], "set_theme");
    assert_eq!(json["notes"][0]["segment"], "d2.s3");
    assert!(json["rows"].as_array().expect("rows").iter().any(|r| r["note"] == "Compare with the 2019 statement."));
    let seg = &json["documents"][0]["segments"][1];
    assert_eq!((seg["theme"].as_str(), seg["theme_by_user"].as_bool()), (Some("general"), Some(true)));
    let csv = report(Format::Csv);
    assert!(csv.lines().next().expect("header").starts_with("theme,status,similarity,note,d1: JOINT DECLARATION"));
    assert!(csv.contains("Compare with the 2019 statement."));
}

/// Start tags of an HTML page, as a browser's tokenizer reads them.
fn start_tags(html: &str) -> Vec<String> {
    html5gum::Tokenizer::new(html)
        .filter_map(|t| match t {
            Ok(html5gum::Token::StartTag(tag)) => Some(String::from_utf8_lossy(&tag.name).into_owned()),
            _ => None,
        })
        .collect()
}

/// The text of an HTML page, entities decoded, as a browser shows it.
fn text_content(html: &str) -> String {
    html5gum::Tokenizer::new(html)
        .filter_map(|t| match t {
            Ok(html5gum::Token::String(s)) => Some(String::from_utf8_lossy(&s).into_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn document_markup_in_the_html_report_is_text_not_elements() {
    let hostile = "Hostile <script>alert(1)</script> Declaration\n\n\
        The Parties will <b>combat</b> terrorism </td></tr></table><img src=x onerror=alert(2)> & \"extremism\".\n\n\
        The Parties' <style>body{display:none}</style> trade will grow <!-- comment --> <iframe src=\"http://e\">.";
    let plain =
        "Plain Declaration\n\nThe Parties will combat terrorism and extremism.\n\nThe Parties will expand trade.";
    let c = compare(
        &[DocumentInput::from_text("<evil>.txt", hostile), DocumentInput::from_text("plain.txt", plain)],
        &CompareOptions::default(),
    );
    let html = Format::Html.write(&ReportContext::new(&c));
    let tags = start_tags(&html);
    for bad in ["script", "img", "iframe", "b"] {
        assert!(!tags.iter().any(|t| t == bad), "<{bad}> from the document became an element");
    }
    assert_eq!(tags.iter().filter(|t| *t == "style").count(), 1, "only the report's own style element");
    assert_eq!(tags.iter().filter(|t| *t == "table").count(), html.matches("<table").count());
    // The markup is still there, as text a reader sees.
    let text = text_content(&html);
    assert!(text.contains("Hostile <script>alert(1)</script> Declaration"), "{text}");
    assert!(text.contains("</td></tr></table><img src=x onerror=alert(2)> & \"extremism\""));
}

/// The Markdown report of two documents given as text, with a fixed date.
fn markdown_of_two(a: &str, b: &str) -> String {
    let inputs = [DocumentInput::from_text("a.txt", a), DocumentInput::from_text("b.txt", b)];
    let c = compare(&inputs, &CompareOptions::default());
    let mut ctx = ReportContext::new(&c);
    ctx.generated = "2026-12-02 09:00 UTC".into();
    Format::Markdown.write(&ctx)
}

#[test]
fn a_cell_reads_without_the_page_number_and_header_inside_its_sentence() {
    // Text copied from a PDF: the sentence runs over a page break, with a page number
    // and a running header between its halves. The report's cell reads it whole, and
    // only the figure that differs is marked (the row is differing, not for the page).
    let a = "Statement A\n\nJoint Statement 2024\n\nThe Parties will raise mutual trade to USD 5 billion\n\n- 2 -\n\n\
             Joint Statement 2024\n\nby the year 2030.\n\nThe Parties will meet every year in the capitals.\n";
    let b = "Statement B\n\nThe Parties will raise mutual trade to USD 7 billion by the year 2030.\n\n\
             The Parties will meet every year in the capitals.\n";
    let md = markdown_of_two(a, b);
    assert!(md.contains("USD 5 billion by the year 2030."), "{md}");
    assert!(md.contains("USD **7** billion by the year 2030."), "{md}");
    assert!(!md.contains("Joint Statement 2024") && !md.contains("- 2 -"), "{md}");
}

#[test]
fn a_cell_reads_the_words_a_line_end_hyphen_broke_whole() {
    // Text copied from a typeset page: `coop-` / `eration` is one word, `long-` / `term`
    // the compound the other statement writes on one line, `Trans-` / `Caspian` a
    // compound before a capital. The report reads them whole, and they are no difference.
    let a = "Statement A\n\nThe Parties will deepen long-\nterm coop-\neration on the Trans-\nCaspian route and raise trade to USD 5\n\
             billion.\n\nThe Parties will meet every year.\n";
    let b = "Statement B\n\nThe Parties will deepen long-term cooperation on the Trans-Caspian route and raise trade to USD 7 billion.\n\n\
             The Parties will meet every year.\n";
    let md = markdown_of_two(a, b);
    assert!(md.contains("**d1**: The Parties will deepen long-term cooperation on the Trans-Caspian route and raise trade to USD 5 billion."), "{md}");
    // Against it, only the figure differs.
    assert!(md.contains("**d2**: The Parties will deepen long-term cooperation on the Trans-Caspian route and raise trade to USD **7** billion."), "{md}");
}

#[test]
fn touching_changed_characters_are_marked_as_one_run() {
    // Each Chinese character is a word; two changed ones side by side must come out as
    // one bold run (`**双边**`), not as `**双****边**`, which Markdown misreads.
    let a = "甲\n\n双方同意扩大贸易规模，力争到2030年贸易额达到400亿美元。\n";
    let b = "乙\n\n双方同意扩大贸易规模，力争到2030年双边贸易额达到200亿美元。\n";
    let md = markdown_of_two(a, b);
    assert!(md.contains("**双边**"), "{md}");
    assert!(!md.contains("****"), "{md}");
}

#[test]
fn with_ten_or_more_documents_cells_are_listed_in_id_order() {
    // Ids sort as text ("d1" < "d10" < "d11" < "d2"), not by document number: the
    // order a `BTreeMap` keyed by id gave, which readers of earlier reports had.
    let inputs: Vec<DocumentInput> = (0..11)
        .map(|k| {
            DocumentInput::from_text(format!("doc{k}.txt"), format!("The Parties will expand trade in grain {k}."))
        })
        .collect();
    let c = compare(&inputs, &CompareOptions::default());
    let json = Format::Json.write(&ReportContext::new(&c));
    let start = json.find("\"cells\": {").expect("a row with cells");
    let end = start + json[start..].find('}').expect("end of cells");
    let keys: Vec<&str> = json[start..end].split('"').filter(|k| k.starts_with('d') && !k.contains('.')).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys.len(), 11, "{keys:?}");
    assert_eq!(keys, sorted);
    assert_eq!(&keys[..3], &["d1", "d10", "d11"]);
}
