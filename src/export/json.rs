//! The JSON report (`counterpart-report`, version 1), exactly as specified in
//! `shared/spec/report-json.md`. Other tools read this file: fields may be added,
//! never removed or changed in meaning.

use crate::core::{Comparison, Status};
use serde::Serialize;

/// The report's `format` field.
pub const FORMAT: &str = "counterpart-report";
/// The report's `version` field.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    format: &'static str,
    version: u32,
    themes: Vec<ThemeOut<'a>>,
    documents: Vec<DocumentOut<'a>>,
    rows: Vec<RowOut<'a>>,
}

#[derive(Serialize)]
struct ThemeOut<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    segments: Vec<SegmentOut<'a>>,
}

#[derive(Serialize)]
struct SegmentOut<'a> {
    id: &'a str,
    section: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
    theme: &'a str,
    themes: Vec<ScoreOut<'a>>,
}

#[derive(Serialize)]
struct ScoreOut<'a> {
    id: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct RowOut<'a> {
    theme: &'a str,
    status: &'static str,
    similarity: f64,
    /// Document id → segment ids; a `BTreeMap` so the output is deterministic.
    cells: std::collections::BTreeMap<&'a str, Vec<&'a str>>,
}

/// Rounds to 4 decimals, so reports are stable and readable.
fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// Writes the comparison as the JSON report.
pub fn to_json(c: &Comparison) -> String {
    let tax = &c.taxonomy;
    let report = Report {
        format: FORMAT,
        version: VERSION,
        themes: tax.themes.iter().map(|t| ThemeOut { id: &t.id, label: &t.label }).collect(),
        documents: c
            .documents
            .iter()
            .map(|d| DocumentOut {
                id: &d.id,
                title: &d.title,
                source: &d.source,
                segments: d
                    .segments
                    .iter()
                    .map(|s| SegmentOut {
                        id: &s.id,
                        section: d.section_of(s),
                        start: s.byte_range.start,
                        end: s.byte_range.end,
                        text: &s.text,
                        theme: &tax.themes[s.theme].id,
                        themes: s
                            .scores
                            .iter()
                            .map(|&(t, w)| ScoreOut { id: &tax.themes[t].id, score: round(w) })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        rows: c
            .rows
            .iter()
            .map(|r| RowOut {
                theme: &tax.themes[r.theme].id,
                status: r.status.id(),
                similarity: if r.status == Status::Shared { 1.0 } else { round(r.similarity) },
                cells: c
                    .documents
                    .iter()
                    .zip(&r.cells)
                    .map(|(d, cell)| (d.id.as_str(), cell.iter().map(|&s| d.segments[s].id.as_str()).collect()))
                    .collect(),
            })
            .collect(),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
