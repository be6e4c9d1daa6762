//! The JSON report (`counterpart-report`, version 1), exactly as specified in
//! `shared/spec/report-json.md`. Other tools read this file: fields may be added,
//! never removed or changed in meaning. Added here: the user's corrections and notes
//! (`corrections`, `notes`, a row's `note`, a segment's `theme_by_user`, a document's
//! `column_title`). The row fields of the spec's "Additions" (`confidence`,
//! `wording_groups`, `consensus`, `differences`) are written for every row.

use super::ReportContext;
use crate::core::Status;
use crate::core::corrections::Correction;
use crate::core::{Comparison, Row};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::io::Write;

/// The report's `format` field.
pub const FORMAT: &str = "counterpart-report";
/// The report's `version` field.
pub const VERSION: u32 = 1;

/// Serialises what a closure's iterator yields as a JSON array, without collecting it:
/// the report of a thousand-document corpus is built as it is written.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// Serialises the (key, value) pairs a closure's iterator yields as a JSON object,
/// without collecting them.
struct Map<F>(F);

impl<F, I, K, V> Serialize for Map<F>
where
    F: Fn() -> I,
    I: Iterator<Item = (K, V)>,
    K: Serialize,
    V: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map((self.0)())
    }
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
struct DocumentOut<'a, S> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    column_title: Option<&'a str>,
    segments: S,
}

#[derive(Serialize)]
struct SegmentOut<'a, T> {
    id: &'a str,
    section: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
    theme: &'a str,
    themes: T,
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

/// One row as the report writes it: cells keyed by every document's id (in document
/// id order, as a `BTreeMap` would), then the spec's "Additions".
struct RowOut<'a> {
    ctx: &'a ReportContext<'a>,
    row: &'a Row,
    /// The documents in id order ([`by_id`]), worked out once for all rows.
    order: &'a [usize],
}

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, r) = (self.ctx.comparison, self.row);
        let id = |d: usize| c.documents[d].id.as_str();
        let mut st = s.serialize_struct("Row", 9)?;
        st.serialize_field("theme", &c.taxonomy.themes[r.theme].id)?;
        st.serialize_field("status", r.status.id())?;
        st.serialize_field("similarity", &if r.status == Status::Shared { 1.0 } else { round(r.similarity) })?;
        st.serialize_field(
            "cells",
            &Map(|| {
                self.order.iter().map(|&d| {
                    let cell = r.cells.get(d).map_or(&[][..], Vec::as_slice);
                    (id(d), Seq(move || cell.iter().map(move |&k| &c.documents[d].segments[k].id)))
                })
            }),
        )?;
        st.serialize_field("note", &self.ctx.note(r))?;
        st.serialize_field("confidence", &round(r.confidence))?;
        st.serialize_field(
            "wording_groups",
            &Seq(|| r.wording_groups.iter().map(|g| Seq(move || g.iter().map(move |&d| id(d))))),
        )?;
        st.serialize_field("consensus", &r.consensus.map(id))?;
        st.serialize_field(
            "differences",
            &Map(|| {
                // The documents that have the row, in id order.
                self.order.iter().filter(|&&d| r.cells.get(d).is_some_and(|cell| !cell.is_empty())).map(|&d| {
                    (id(d), Seq(move || r.differences.get(d).into_iter().flatten().map(|x| [x.start, x.end])))
                })
            }),
        )?;
        st.end()
    }
}

/// The documents in the order of their ids (as a `BTreeMap` keyed by id lists them),
/// so that a report is the same whatever map type writes it.
fn by_id(c: &Comparison) -> Vec<usize> {
    let mut order: Vec<usize> = (0..c.documents.len()).collect();
    order.sort_by(|&a, &b| c.documents[a].id.cmp(&c.documents[b].id));
    order
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
/// of megabytes, and neither the text nor the report's structure is held whole in
/// memory beside the comparison.
pub fn write_json(ctx: &ReportContext<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, &ReportOut { ctx })?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The whole report, serialised field by field as it is written.
struct ReportOut<'a> {
    ctx: &'a ReportContext<'a>,
}

impl Serialize for ReportOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ctx = self.ctx;
        let c = ctx.comparison;
        let tax = &c.taxonomy;
        let mut st = s.serialize_struct("Report", 7)?;
        st.serialize_field("format", FORMAT)?;
        st.serialize_field("version", &VERSION)?;
        st.serialize_field("themes", &Seq(|| tax.themes.iter().map(|t| ThemeOut { id: &t.id, label: &t.label })))?;
        st.serialize_field(
            "documents",
            &Seq(|| {
                c.documents.iter().enumerate().map(|(k, d)| DocumentOut {
                    id: &d.id,
                    title: &d.title,
                    source: &d.source,
                    column_title: ctx.titles.get(k).map(String::as_str).filter(|t| *t != d.title),
                    segments: Seq(move || {
                        d.segments.iter().map(move |s| SegmentOut {
                            id: &s.id,
                            section: d.section_of(s),
                            start: s.byte_range.start,
                            end: s.byte_range.end,
                            text: &s.text,
                            theme: &tax.themes[s.theme].id,
                            themes: Seq(move || {
                                s.scores.iter().map(move |&(t, w)| ScoreOut { id: &tax.themes[t].id, score: round(w) })
                            }),
                            theme_by_user: s.theme_by_user,
                            origin: s.origin.map(|o| o.to_string()),
                            label: s.label.as_deref(),
                        })
                    }),
                })
            }),
        )?;
        let order = by_id(c);
        st.serialize_field("rows", &Seq(|| c.rows.iter().map(|row| RowOut { ctx, row, order: &order })))?;
        st.serialize_field(
            "corrections",
            &Seq(|| {
                ctx.corrections.iter().map(|corr| match corr {
                    Correction::SetTheme { segment, theme } => {
                        CorrectionOut { kind: "set_theme", segments: vec![segment], theme: Some(theme) }
                    }
                    Correction::Split { segment } => {
                        CorrectionOut { kind: "split", segments: vec![segment], theme: None }
                    }
                    Correction::Join { a, b } => CorrectionOut { kind: "join", segments: vec![a, b], theme: None },
                })
            }),
        )?;
        st.serialize_field("notes", &Seq(|| ctx.notes.iter().map(|(segment, text)| NoteOut { segment, text })))?;
        st.end()
    }
}
