//! The comparison table: one column per document, rows aligned across them, grouped
//! under headers. Only the lines in view are laid out: heights of the others are
//! estimated from their length (and remembered once measured), so thousands of rows
//! scroll smoothly.

use super::app::{App, short};
use super::commands::Command;
use super::style;
use super::view::Line;
use crate::core::{Comparison, Row, Status};
use egui::text::LayoutJob;
use egui::{Align, Color32, FontId, Rect, Sense, TextFormat, UiBuilder, vec2};
use std::ops::Range;

/// Column geometry for the current width.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// Left edge of the table.
    pub left: f32,
    /// Width of each document column.
    pub doc_width: f32,
}

impl Columns {
    fn doc_rect(&self, d: usize, top: f32, height: f32) -> Rect {
        let x = self.left + style::STATUS_COLUMN_WIDTH + d as f32 * self.doc_width;
        Rect::from_min_size(egui::pos2(x, top), vec2(self.doc_width, height))
    }
}

/// Draws the table of the app's comparison.
pub fn comparison_ui(ui: &mut egui::Ui, app: &mut App) {
    let Some(c) = app.comparison.clone() else { return };
    let lines = app.lines();
    let n = c.documents.len().max(1);
    let width = ui.available_width();
    let doc_width = ((width - style::STATUS_COLUMN_WIDTH) / n as f32).max(style::MIN_DOC_COLUMN_WIDTH);
    header_ui(ui, app, &c, doc_width);
    ui.separator();
    if lines.is_empty() {
        ui.label("No rows match the filters.");
        return;
    }
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let char_width = body * 0.5;
    let heights: Vec<f32> = lines
        .iter()
        .map(|l| match l {
            Line::Header { .. } => style::HEADER_HEIGHT,
            Line::Row(r) => app
                .row_heights
                .get(r)
                .filter(|(w, _)| (*w - doc_width).abs() < 0.5)
                .map(|(_, h)| *h)
                .unwrap_or_else(|| estimate_height(&c, &c.rows[*r], doc_width, char_width, body, small)),
        })
        .collect();
    let mut offsets = Vec::with_capacity(heights.len() + 1);
    let mut y = 0.0;
    for h in &heights {
        offsets.push(y);
        y += h;
    }
    offsets.push(y);
    let total = y;
    let scroll_to = app.scroll_to.take();
    egui::ScrollArea::vertical().auto_shrink(false).show_viewport(ui, |ui, viewport| {
        ui.set_min_height(total);
        let origin = ui.max_rect().min;
        let cols = Columns { left: origin.x, doc_width };
        if let Some(i) = scroll_to {
            let r = Rect::from_min_size(origin + vec2(0.0, offsets[i]), vec2(width, heights[i]));
            ui.scroll_to_rect(r, Some(Align::Center));
        }
        let first = offsets.partition_point(|&o| o < viewport.min.y).saturating_sub(1);
        let last = offsets.partition_point(|&o| o < viewport.max.y).min(lines.len());
        for i in first..last {
            let top = origin.y + offsets[i];
            let rect = Rect::from_min_size(egui::pos2(origin.x, top), vec2(width, heights[i]));
            match &lines[i] {
                Line::Header { key, label, counts, rows, collapsed } => {
                    header_line_ui(ui, app, rect, key, label, counts, *rows, *collapsed);
                }
                Line::Row(r) => {
                    let measured = row_ui(ui, app, &c, *r, rect, cols);
                    if (measured - heights[i]).abs() > 1.0 {
                        app.row_heights.insert(*r, (doc_width, measured));
                        ui.ctx().request_repaint();
                    }
                }
            }
        }
    });
}

/// A rough height for a row not yet laid out.
fn estimate_height(c: &Comparison, row: &Row, doc_width: f32, char_width: f32, body: f32, small: f32) -> f32 {
    let per_line = ((doc_width - 16.0) / char_width).max(10.0);
    let tallest = row
        .cells
        .iter()
        .enumerate()
        .map(|(d, cell)| {
            let chars: usize = cell.iter().map(|&s| c.documents[d].segments[s].text.chars().count() + 1).sum();
            (chars as f32 / per_line).ceil() * body
        })
        .fold(0.0, f32::max);
    tallest + small + style::ROW_PADDING * 2.0
}

/// Column headers: document titles, with a menu to rename, move and remove.
fn header_ui(ui: &mut egui::Ui, app: &mut App, c: &Comparison, doc_width: f32) {
    ui.horizontal(|ui| {
        ui.allocate_ui(vec2(style::STATUS_COLUMN_WIDTH - ui.spacing().item_spacing.x, 20.0), |ui| {
            ui.strong("Status");
        });
        let n = c.documents.len();
        for d in 0..n {
            ui.allocate_ui(vec2(doc_width - ui.spacing().item_spacing.x, 20.0), |ui| {
                ui.set_width(doc_width - ui.spacing().item_spacing.x);
                let title = app.title(d);
                let r = ui
                    .add(
                        egui::Label::new(
                            egui::RichText::new(format!("{}  {}", c.documents[d].id, short(&title, 60))).strong(),
                        )
                        .truncate()
                        .sense(Sense::click()),
                    )
                    .on_hover_text(format!(
                        "{title}\n{}\nRight-click to rename, move or remove.",
                        c.documents[d].source
                    ));
                r.context_menu(|ui| {
                    if ui.button("Rename…").clicked() {
                        app.rename = Some((d, title.clone()));
                        ui.close();
                    }
                    if ui.add_enabled(d > 0, egui::Button::new("Move left")).clicked() {
                        app.send(Command::MoveDocument { from: d, to: d - 1 });
                        ui.close();
                    }
                    if ui.add_enabled(d + 1 < n, egui::Button::new("Move right")).clicked() {
                        app.send(Command::MoveDocument { from: d, to: d + 1 });
                        ui.close();
                    }
                    if ui.button("Remove").clicked() {
                        app.send(Command::RemoveDocument(d));
                        ui.close();
                    }
                });
            });
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn header_line_ui(
    ui: &mut egui::Ui,
    app: &mut App,
    rect: Rect,
    key: &str,
    label: &str,
    counts: &[usize],
    rows: usize,
    collapsed: bool,
) {
    let dark = ui.visuals().dark_mode;
    let inner = rect.shrink2(vec2(0.0, 2.0));
    ui.painter().rect_filled(inner, 3.0, style::header_background(dark));
    ui.scope_builder(UiBuilder::new().max_rect(inner.shrink2(vec2(6.0, 3.0))), |ui| {
        ui.horizontal_centered(|ui| {
            let arrow = if collapsed { "⏵" } else { "⏷" };
            let resp = ui.add(egui::Button::new(egui::RichText::new(format!("{arrow} {label}")).strong()).frame(false));
            if resp.on_hover_text(if collapsed { "Show these rows" } else { "Hide these rows" }).clicked() {
                if collapsed {
                    app.collapsed.remove(key);
                } else {
                    app.collapsed.insert(key.to_owned());
                }
            }
            let per_doc: Vec<String> = counts.iter().enumerate().map(|(d, n)| format!("d{}: {n}", d + 1)).collect();
            let noun = if rows == 1 { "row" } else { "rows" };
            ui.weak(format!("{rows} {noun} · {}", per_doc.join(" · ")));
        });
    });
}

/// Draws one row; returns the height it needed.
fn row_ui(ui: &mut egui::Ui, app: &mut App, c: &Comparison, r: usize, rect: Rect, cols: Columns) -> f32 {
    let row = &c.rows[r];
    let dark = ui.visuals().dark_mode;
    let selected = app.selected == Some(r);
    let id = ui.scope_id().with(("row", r));
    let response = ui.interact(rect, id, Sense::click());
    if selected {
        ui.painter().rect_filled(rect, 2.0, style::selected_background(dark));
    } else if response.hovered() {
        ui.painter().rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    }
    // Status column: a coloured bar and the word.
    let color = style::status_color(row.status, dark);
    let bar = Rect::from_min_size(rect.min + vec2(2.0, 4.0), vec2(4.0, rect.height() - 8.0));
    ui.painter().rect_filled(bar, 1.0, color);
    let status_rect =
        Rect::from_min_size(rect.min + vec2(12.0, style::ROW_PADDING), vec2(style::STATUS_COLUMN_WIDTH - 14.0, 40.0));
    ui.scope_builder(UiBuilder::new().max_rect(status_rect), |ui| {
        ui.label(egui::RichText::new(row.status.id()).color(color).strong());
        if row.status == Status::Differing {
            ui.weak(format!("{:.0}% alike", row.similarity * 100.0));
        }
    });
    let search = app.filters.search.trim().to_lowercase();
    let mut tallest: f32 = 0.0;
    for (d, cell) in row.cells.iter().enumerate() {
        let cell_rect = cols.doc_rect(d, rect.top() + style::ROW_PADDING, rect.height()).shrink2(vec2(6.0, 0.0));
        let used = ui
            .scope_builder(UiBuilder::new().max_rect(cell_rect), |ui| {
                if cell.is_empty() {
                    ui.weak("—");
                    return;
                }
                let doc = &c.documents[d];
                let first = &doc.segments[cell[0]];
                let place = match (doc.section_of(first), first.origin) {
                    (Some(s), Some(o)) => Some(format!("{} · {o}", short(s, 70))),
                    (Some(s), None) => Some(short(s, 80)),
                    (None, Some(o)) => Some(o.to_string()),
                    (None, None) => None,
                };
                if let Some(place) = place {
                    ui.label(egui::RichText::new(place).small().weak());
                }
                let job = cell_job(ui, c, row, d, &search, cell_rect.width());
                ui.label(job);
            })
            .response
            .rect;
        tallest = tallest.max(used.height());
    }
    if response.clicked() {
        app.send(Command::Select(if selected { None } else { Some(r) }));
    }
    tallest + style::ROW_PADDING * 2.0
}

/// The text of a cell as a layout job: changed words and search matches highlighted.
pub fn cell_job(ui: &egui::Ui, c: &Comparison, row: &Row, d: usize, search: &str, width: f32) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) * 0.95);
    let text_color = ui.visuals().text_color();
    let doc = &c.documents[d];
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    // Words only this document has are highlighted strongly; words some (not all)
    // others share, faintly; words every document shares, not at all.
    let changed: Vec<Range<usize>> = row.words[d].iter().filter(|w| !w.common).map(|w| w.byte_range.clone()).collect();
    let alone: Vec<Range<usize>> = row.words[d].iter().filter(|w| !w.partial).map(|w| w.byte_range.clone()).collect();
    for (k, &s) in row.cells[d].iter().enumerate() {
        let seg = &doc.segments[s];
        if k > 0 {
            job.append(" ", 0.0, TextFormat::simple(font.clone(), text_color));
        }
        let text = &doc.text[seg.byte_range.clone()];
        let base = seg.byte_range.start;
        let matches: Vec<Range<usize>> = if search.is_empty() { Vec::new() } else { find_all_ci(text, search) };
        // Split the segment at every boundary of a changed word or match.
        let mut cuts: Vec<usize> = vec![0, text.len()];
        for r in changed.iter().filter(|r| r.start >= base && r.end <= base + text.len()) {
            cuts.push(r.start - base);
            cuts.push(r.end - base);
        }
        for r in &matches {
            cuts.push(r.start);
            cuts.push(r.end);
        }
        cuts.retain(|&x| text.is_char_boundary(x));
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let piece: String = text[a..b].split_whitespace().collect::<Vec<_>>().join(" ");
            let piece = if text[a..b].starts_with(char::is_whitespace) { format!(" {piece}") } else { piece };
            let piece = if text[a..b].ends_with(char::is_whitespace) && !piece.ends_with(' ') {
                format!("{piece} ")
            } else {
                piece
            };
            let is_changed = changed.iter().any(|r| r.start <= base + a && base + b <= r.end);
            let is_alone = alone.iter().any(|r| r.start <= base + a && base + b <= r.end);
            let is_match = matches.iter().any(|r| r.start <= a && b <= r.end);
            let background = if is_match {
                style::search_match_background(dark)
            } else if is_alone {
                style::changed_word_background(dark)
            } else if is_changed {
                style::partly_shared_word_background(dark)
            } else {
                Color32::TRANSPARENT
            };
            job.append(
                &piece,
                0.0,
                TextFormat { font_id: font.clone(), color: text_color, background, ..Default::default() },
            );
        }
    }
    job
}

/// Byte ranges of case-insensitive matches of `needle` (already lower case) in `hay`.
fn find_all_ci(hay: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let lower = hay.to_lowercase();
    if lower.len() != hay.len() {
        // Lower-casing changed byte lengths (rare scripts): no highlight rather than a wrong one.
        return Vec::new();
    }
    lower.match_indices(needle).map(|(i, m)| i..i + m.len()).collect()
}
