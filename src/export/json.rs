//! The JSON report (`counterpart-report`, version 1), exactly as specified in
//! `shared/spec/report-json.md`. Other tools read this file: fields may be added,
//! never removed or changed in meaning. Added here: the user's corrections and notes
//! (`corrections`, `notes`, a row's `note`, a segment's `theme_by_user`, a document's
//! `column_title`). The row fields of the spec's "Additions" (`confidence`,
//! `wording_groups`, `consensus`, `differences`) are written for every row.

use super::ReportContext;
use crate::core::Status;
use crate::core::corrections::Correction;
use serde::Serialize;
use std::io::Write;

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
    corrections: Vec<CorrectionOut<'a>>,
    notes: Vec<NoteOut<'a>>,
}

#[derive(Serialize)]
struct CorrectionOut<'a> {
    kind: &'static str,
    segments: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    theme: Option<&'a str>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    segment: &'a str,
    text: &'a str,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    column_title: Option<&'a str>,
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
    theme_by_user: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
    /// The paragraph or item number that stood before the sentence; omitted when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
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
    note: Option<&'a str>,
    confidence: f64,
    wording_groups: Vec<Vec<&'a str>>,
    consensus: Option<&'a str>,
    /// Document id → byte ranges of the words that differ from the consensus.
    differences: std::collections::BTreeMap<&'a str, Vec<[usize; 2]>>,
}

/// Rounds to 4 decimals, so reports are stable and readable.
fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// Writes the comparison as the JSON report.
pub fn to_json(ctx: &ReportContext<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and serde_json writes UTF-8.
    write_json(ctx, &mut out).unwrap_or_default();
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the JSON report to `w` as it is serialised: a corpus's report can be hundreds
/// of megabytes, and held whole in memory beside the comparison it would double the
/// process's peak.
pub fn write_json(ctx: &ReportContext<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let report = report(ctx);
    let mut w = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, &report)?;
    w.write_all(b"\n")?;
    w.flush()
}

fn report<'a>(ctx: &'a ReportContext<'a>) -> Report<'a> {
    let c = ctx.comparison;
    let tax = &c.taxonomy;
    Report {
        format: FORMAT,
        version: VERSION,
        themes: tax.themes.iter().map(|t| ThemeOut { id: &t.id, label: &t.label }).collect(),
        documents: c
            .documents
            .iter()
            .enumerate()
            .map(|(k, d)| DocumentOut {
                id: &d.id,
                title: &d.title,
                source: &d.source,
                column_title: ctx.titles.get(k).map(String::as_str).filter(|t| *t != d.title),
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
                        theme_by_user: s.theme_by_user,
                        origin: s.origin.map(|o| o.to_string()),
                        label: s.label.as_deref(),
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
                note: ctx.note(r),
                confidence: round(r.confidence),
                wording_groups: r
                    .wording_groups
                    .iter()
                    .map(|g| g.iter().map(|&d| c.documents[d].id.as_str()).collect())
                    .collect(),
                consensus: r.consensus.map(|d| c.documents[d].id.as_str()),
                differences: r
                    .present()
                    .map(|d| (c.documents[d].id.as_str(), r.differences[d].iter().map(|x| [x.start, x.end]).collect()))
                    .collect(),
            })
            .collect(),
        corrections: ctx
            .corrections
            .iter()
            .map(|corr| match corr {
                Correction::SetTheme { segment, theme } => {
                    CorrectionOut { kind: "set_theme", segments: vec![segment], theme: Some(theme) }
                }
                Correction::Split { segment } => CorrectionOut { kind: "split", segments: vec![segment], theme: None },
                Correction::Join { a, b } => CorrectionOut { kind: "join", segments: vec![a, b], theme: None },
            })
            .collect(),
        notes: ctx.notes.iter().map(|(segment, text)| NoteOut { segment, text }).collect(),
    }
}
