//! The HTML report: one self-contained page (styles inline, no scripts, nothing
//! fetched) that opens in any browser and prints well. Title, documents and date, the
//! coverage matrix, then per theme the aligned commitments side by side with the same
//! highlighting as the window, and a legend. All document text is escaped.

use super::{ReportContext, cell_pieces};
use crate::core::Status;
use std::fmt::Write;

const STYLE: &str = r#"
:root { --shared: #2e7d32; --differing: #b26a00; --unique: #6a1b9a; --alone: #ffe09e; --partial: #fbf1d9; --rule: #d8d8d8; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "Segoe UI", Ubuntu, "Helvetica Neue", Arial, sans-serif; color: #1d1d1d; margin: 2rem auto; max-width: 1400px; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .4rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
.meta, .counts, .src { color: #666; }
ol.docs { padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .4rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f3f3f3; }
table.coverage td { white-space: nowrap; }
table.coverage small, td.status small { color: #666; }
table.rows { table-layout: fixed; }
th.status, td.status { width: 7rem; }
td.status { font-weight: 600; border-left-width: 4px; }
tr.shared td.status { color: var(--shared); border-left-color: var(--shared); }
tr.differing td.status { color: var(--differing); border-left-color: var(--differing); }
tr.unique td.status { color: var(--unique); border-left-color: var(--unique); }
td.absent { color: #aaa; }
.section { font-size: .75rem; color: #777; text-transform: none; margin-bottom: .15rem; }
mark.alone { background: var(--alone); padding: 0 .05em; }
mark.partial { background: var(--partial); padding: 0 .05em; }
tr.note td { background: #f7f9fc; font-style: italic; }
.legend { border: 1px solid var(--rule); padding: .5rem .8rem; margin: 1rem 0; }
.legend span { margin-right: 1.2rem; }
.swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin-right: .3em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the report as a self-contained HTML page.
pub fn to_html(ctx: &ReportContext<'_>) -> String {
    let c = ctx.comparison;
    let n = c.documents.len();
    let mut o = String::new();
    let _ = writeln!(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(o, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = writeln!(
        o,
        "<title>Counterpart — comparison of {n} documents</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    );
    let _ = writeln!(o, "<header>\n<h1>Comparison of {n} documents</h1>");
    let _ =
        writeln!(o, "<p class=\"meta\">Made with Counterpart on {}.</p>\n<ol class=\"docs\">", escape(&ctx.generated));
    for (d, doc) in c.documents.iter().enumerate() {
        let title = ctx.titles.get(d).unwrap_or(&doc.title);
        let _ = writeln!(
            o,
            "<li><strong>{}</strong> {} <span class=\"src\">({}, {} commitments)</span></li>",
            escape(&doc.id),
            escape(title),
            escape(&doc.source),
            doc.segments.len()
        );
    }
    let _ = writeln!(o, "</ol>");
    if !ctx.corrections.is_empty() {
        let _ = writeln!(o, "<p>{} correction(s) by the analyst are applied.</p>", ctx.corrections.len());
    }
    let _ = writeln!(o, "</header>");
    legend(&mut o);

    let _ = writeln!(o, "<h2>Coverage</h2>\n<table class=\"coverage\">\n<thead><tr><th>Theme</th>");
    for doc in &c.documents {
        let _ = write!(o, "<th>{}</th>", escape(&doc.id));
    }
    let _ = writeln!(o, "</tr></thead>\n<tbody>");
    for (t, per_doc) in ctx.coverage().iter().enumerate() {
        let _ = write!(o, "<tr><th>{}</th>", escape(&c.taxonomy.themes[t].label));
        for &(k, s, df, u) in per_doc {
            if k == 0 {
                let _ = write!(o, "<td class=\"absent\">—</td>");
            } else {
                let _ = write!(o, "<td>{k} <small>{s} shared · {df} differing · {u} unique</small></td>");
            }
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</tbody>\n</table>");

    for (t, rows, summary) in ctx.theme_groups() {
        let _ = writeln!(o, "<h2>{}</h2>\n<p class=\"counts\">{summary}</p>", escape(&c.taxonomy.themes[t].label));
        let _ = write!(o, "<table class=\"rows\">\n<thead><tr><th class=\"status\">Status</th>");
        for (d, doc) in c.documents.iter().enumerate() {
            let title = ctx.titles.get(d).unwrap_or(&doc.title);
            let _ = write!(o, "<th title=\"{}\">{}</th>", escape(title), escape(&doc.id));
        }
        let _ = writeln!(o, "</tr></thead>\n<tbody>");
        for r in rows {
            let status = r.status.id();
            let _ = write!(o, "<tr class=\"{status}\"><td class=\"status\">{status}");
            if r.status == Status::Differing {
                let _ = write!(o, "<br><small>{:.0}% alike</small>", r.similarity * 100.0);
            }
            let _ = write!(o, "</td>");
            for (d, doc) in c.documents.iter().enumerate() {
                if r.cells[d].is_empty() {
                    let _ = write!(o, "<td class=\"absent\">—</td>");
                    continue;
                }
                let _ = write!(o, "<td>");
                if let Some(section) = doc.section_of(&doc.segments[r.cells[d][0]]) {
                    let _ = write!(o, "<div class=\"section\">{}</div>", escape(section));
                }
                for (text, alone, partial) in cell_pieces(c, r, d) {
                    let t = escape(&text);
                    if alone {
                        let _ = write!(o, "<mark class=\"alone\">{t}</mark>");
                    } else if partial {
                        let _ = write!(o, "<mark class=\"partial\">{t}</mark>");
                    } else {
                        o.push_str(&t);
                    }
                }
                let _ = write!(o, "</td>");
            }
            let _ = writeln!(o, "</tr>");
            if let Some(note) = ctx.note(r) {
                let _ = writeln!(o, "<tr class=\"note\"><td colspan=\"{}\">Note: {}</td></tr>", n + 1, escape(note));
            }
        }
        let _ = writeln!(o, "</tbody>\n</table>");
    }
    let _ = writeln!(o, "</body>\n</html>");
    o
}

fn legend(o: &mut String) {
    let _ = writeln!(
        o,
        "<div class=\"legend\"><span><strong style=\"color:var(--shared)\">shared</strong> the same words in every document</span>\
         <span><strong style=\"color:var(--differing)\">differing</strong> the same commitment, worded differently</span>\
         <span><strong style=\"color:var(--unique)\">unique</strong> in one document only</span>\
         <span><i class=\"swatch\" style=\"background:var(--alone)\"></i>words that differ from the row’s consensus wording, found only in this document</span>\
         <span><i class=\"swatch\" style=\"background:var(--partial)\"></i>words that differ from the consensus but other documents share</span></div>"
    );
}
