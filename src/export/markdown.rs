//! The Markdown report: the same content as the HTML report — documents, the coverage
//! matrix, then per theme the aligned commitments of each document with their status,
//! the words that differ from the row's consensus wording in **bold** (in *italics*
//! when other documents share them), and the user's notes.

use super::{ReportContext, cell_pieces};
use crate::core::{Row, Status};
use std::fmt::Write;

/// Writes the report as Markdown.
pub fn to_markdown(ctx: &ReportContext<'_>) -> String {
    let c = ctx.comparison;
    let mut out = String::new();
    let _ = writeln!(out, "# Comparison of {} documents\n", c.documents.len());
    let _ = writeln!(out, "Made with Counterpart on {}.\n", ctx.generated);
    for (d, doc) in c.documents.iter().enumerate() {
        let title = ctx.titles.get(d).unwrap_or(&doc.title);
        let _ = writeln!(
            out,
            "- **{}** — {} (`{}`, {} commitments)",
            doc.id,
            escape(title),
            escape(&doc.source),
            doc.segments.len()
        );
    }
    if !ctx.corrections.is_empty() {
        let _ = writeln!(out, "\n{} correction(s) by the analyst are applied.", ctx.corrections.len());
    }
    let _ = writeln!(
        out,
        "\n**Legend.** *shared* — the same words in every document; *differing* — the same commitment worded \
         differently: words that differ from the row's consensus wording in **bold** (in *italics* when other \
         documents share them); *unique* — in one document only.\n"
    );
    // Coverage matrix.
    let _ = writeln!(out, "## Coverage\n");
    let _ = write!(out, "| Theme |");
    for doc in &c.documents {
        let _ = write!(out, " {} |", doc.id);
    }
    let _ = write!(out, "\n|---|");
    for _ in &c.documents {
        let _ = write!(out, "---|");
    }
    let _ = writeln!(out);
    for (t, per_doc) in ctx.coverage().iter().enumerate() {
        let _ = write!(out, "| {} |", escape(&c.taxonomy.themes[t].label));
        for &(n, s, df, u) in per_doc {
            if n == 0 {
                let _ = write!(out, " — |");
            } else {
                let _ = write!(out, " {n} ({s} shared, {df} differing, {u} unique) |");
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out);
    for (t, rows, summary) in ctx.theme_groups() {
        let _ = writeln!(out, "## {}\n\n{summary}\n", escape(&c.taxonomy.themes[t].label));
        for r in rows {
            if r.status == Status::Unique {
                let _ = writeln!(out, "### unique\n");
            } else {
                let _ = writeln!(out, "### {} (similarity {:.2})\n", r.status.id(), r.similarity);
            }
            for (d, doc) in c.documents.iter().enumerate() {
                if r.cells[d].is_empty() {
                    continue;
                }
                let section = doc
                    .section_of(&doc.segments[r.cells[d][0]])
                    .map(|s| format!(" _({})_", escape(s)))
                    .unwrap_or_default();
                let _ = writeln!(out, "- **{}**{section}: {}", doc.id, cell_text(ctx, r, d));
            }
            if let Some(note) = ctx.note(r) {
                let _ = writeln!(out, "\n> **Note:** {}", escape(note));
            }
            let _ = writeln!(out);
        }
    }
    out
}

fn cell_text(ctx: &ReportContext<'_>, r: &Row, d: usize) -> String {
    let mut out = String::new();
    for (text, alone, partial) in cell_pieces(ctx.comparison, r, d) {
        let t = escape(&text);
        if alone {
            let _ = write!(out, "**{t}**");
        } else if partial {
            let _ = write!(out, "*{t}*");
        } else {
            out.push_str(&t);
        }
    }
    out
}

/// Escapes characters Markdown would read as markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
