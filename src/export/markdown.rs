//! The Markdown report: per theme, the aligned commitments of each document, their
//! status, and the words that differ in **bold**.

use crate::core::{Comparison, Row, Status};
use std::fmt::Write;

/// Writes the comparison as a readable Markdown report.
pub fn to_markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Comparison of {} documents\n", c.documents.len());
    for d in &c.documents {
        let _ = writeln!(
            out,
            "- **{}** — {} (`{}`, {} commitments)",
            d.id,
            escape(&d.title),
            escape(&d.source),
            d.segments.len()
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Status: **shared** — the same words; **differing** — the same commitment worded differently (changed words in **bold**); **unique** — in one document only.\n"
    );
    for (t, theme) in c.taxonomy.themes.iter().enumerate() {
        let rows: Vec<&Row> = c.rows.iter().filter(|r| r.theme == t).collect();
        if rows.is_empty() {
            continue;
        }
        let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
        let _ = writeln!(
            out,
            "## {}\n\n{} rows: {} shared, {} differing, {} unique\n",
            escape(&theme.label),
            rows.len(),
            count(Status::Shared),
            count(Status::Differing),
            count(Status::Unique)
        );
        for r in rows {
            let _ = writeln!(out, "### {} (similarity {:.2})\n", r.status.id(), r.similarity);
            for (d, doc) in c.documents.iter().enumerate() {
                if r.cells[d].is_empty() {
                    continue;
                }
                let _ = writeln!(out, "- **{}**: {}", doc.id, cell_text(c, r, d));
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// The text of document `d`'s cell, changed words in bold when the row differs.
fn cell_text(c: &Comparison, r: &Row, d: usize) -> String {
    let doc = &c.documents[d];
    let mut parts = Vec::new();
    for &s in &r.cells[d] {
        let seg = &doc.segments[s];
        if r.words[d].is_empty() {
            parts.push(escape(&seg.text));
            continue;
        }
        let mut out = String::new();
        let mut at = seg.byte_range.start;
        for w in r.words[d]
            .iter()
            .filter(|w| w.byte_range.start >= seg.byte_range.start && w.byte_range.end <= seg.byte_range.end)
        {
            out.push_str(&escape(&doc.text[at..w.byte_range.start]));
            let word = escape(&doc.text[w.byte_range.clone()]);
            if w.common {
                out.push_str(&word)
            } else {
                let _ = write!(out, "**{word}**");
            }
            at = w.byte_range.end;
        }
        out.push_str(&escape(&doc.text[at..seg.byte_range.end]));
        parts.push(crate::core::segment::fold_ws(&out));
    }
    parts.join(" ")
}

/// Escapes characters Markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
