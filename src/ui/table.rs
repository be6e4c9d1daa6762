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

/// Column geometry: where each document column starts and how wide it is.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Left edge of the table's content (moves left as the table scrolls sideways).
    pub left: f32,
    /// Left edge of the status column, pinned to the visible left edge.
    pub pinned: f32,
    /// The visible right edge.
    pub right: f32,
    /// Width of each document column.
    pub widths: Vec<f32>,
    /// Offset of each document column from `left`.
    pub starts: Vec<f32>,
}

impl Columns {
    /// Columns of these widths, the status column first.
    pub fn new(left: f32, pinned: f32, right: f32, widths: Vec<f32>) -> Self {
        let starts = widths
            .iter()
            .scan(style::STATUS_COLUMN_WIDTH, |x, w| {
                let start = *x;
                *x += w;
                Some(start)
            })
            .collect();
        Self { left, pinned, right, widths, starts }
    }

    /// The whole width of the table.
    pub fn total(&self) -> f32 {
        style::STATUS_COLUMN_WIDTH + self.widths.iter().sum::<f32>()
    }

    fn doc_rect(&self, d: usize, top: f32, height: f32) -> Rect {
        Rect::from_min_size(egui::pos2(self.left + self.starts[d], top), vec2(self.widths[d], height))
    }

    /// A number that changes whenever a column's width does (row heights depend on them).
    fn key(&self) -> f32 {
        self.widths.iter().enumerate().map(|(d, w)| w * (d + 1) as f32).sum()
    }
}

/// The width of each document column: the user's where set, else an equal share of
/// `available`, never narrower than [`style::MIN_DOC_COLUMN_WIDTH`] (the table
/// scrolls sideways instead). A hidden column is 0 wide and not drawn.
pub fn column_widths(app: &App, n: usize, available: f32) -> Vec<f32> {
    let shown = (0..n).filter(|&d| app.column_shown(d)).count();
    let share = ((available - style::STATUS_COLUMN_WIDTH) / shown.max(1) as f32).max(style::MIN_DOC_COLUMN_WIDTH);
    (0..n)
        .map(|d| if app.column_shown(d) { app.column_widths.get(d).copied().flatten().unwrap_or(share) } else { 0.0 })
        .collect()
}

/// Draws the table of the app's comparison.
pub fn comparison_ui(ui: &mut egui::Ui, app: &mut App) {
    let Some(c) = app.comparison.clone() else { return };
    let lines = app.lines();
    let n = c.documents.len();
    let width = ui.available_width();
    let widths = column_widths(app, n, width);
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let char_width = body * 0.5;
    let layout_key = Columns::new(0.0, 0.0, 0.0, widths.clone()).key();
    let heights: Vec<f32> = lines
        .iter()
        .map(|l| match l {
            Line::Header { .. } => style::HEADER_HEIGHT,
            Line::Row(r) => app
                .row_heights
                .get(r)
                .filter(|(k, _)| (*k - layout_key).abs() < 0.5)
                .map(|(_, h)| *h)
                .unwrap_or_else(|| estimate_height(&c, &c.rows[*r], &widths, char_width, body, small)),
        })
        .collect();
    let mut offsets = Vec::with_capacity(heights.len() + 1);
    let mut y = style::COLUMN_TITLES_HEIGHT;
    for h in &heights {
        offsets.push(y);
        y += h;
    }
    offsets.push(y);
    let total = y;
    let scroll_to = app.scroll_to.take();
    let gently = std::mem::take(&mut app.scroll_gently);
    let to_top = std::mem::take(&mut app.scroll_to_top);
    let mut area = egui::ScrollArea::both().auto_shrink(false);
    if app.reset_scroll {
        app.reset_scroll = false;
        area = area.vertical_scroll_offset(0.0).horizontal_scroll_offset(0.0);
    }
    area.show_viewport(ui, |ui, viewport| {
        let content_width = Columns::new(0.0, 0.0, 0.0, widths.clone()).total();
        ui.set_min_size(vec2(content_width, total));
        // Text in the rows is not selectable: a click anywhere on a row selects the row
        // (the details panel has the text to copy).
        ui.style_mut().interaction.selectable_labels = false;
        let origin = ui.max_rect().min;
        let visible = Rect::from_min_size(origin + viewport.min.to_vec2(), viewport.size());
        let cols = Columns::new(origin.x, visible.left(), visible.right(), widths.clone());
        if let Some(i) = scroll_to.filter(|&i| i < heights.len()) {
            // Only up and down: the rect spans the visible width, and starts a title
            // row higher so the pinned titles do not cover it.
            let r = Rect::from_min_size(
                egui::pos2(visible.left(), origin.y + offsets[i] - style::COLUMN_TITLES_HEIGHT),
                vec2(visible.width(), heights[i] + style::COLUMN_TITLES_HEIGHT),
            );
            let align = if to_top {
                Some(Align::Min)
            } else if gently {
                None
            } else {
                Some(Align::Center)
            };
            ui.scroll_to_rect(r, align);
        }
        if lines.is_empty() {
            let at = Rect::from_min_size(
                visible.min + vec2(8.0, style::COLUMN_TITLES_HEIGHT + 8.0),
                vec2(visible.width(), 40.0),
            );
            ui.put(at, egui::Label::new("No rows match the filters."));
        }
        let first = offsets.partition_point(|&o| o <= viewport.min.y).saturating_sub(1);
        let last = offsets.partition_point(|&o| o < viewport.max.y).min(lines.len());
        app.page_rows =
            lines[first..last].iter().filter(|l| matches!(l, Line::Row(_))).count().saturating_sub(1).max(1);
        for i in first..last {
            let top = origin.y + offsets[i];
            match &lines[i] {
                Line::Header { key, label, counts, rows, collapsed, depth } => {
                    // Group headers stay in view when the table scrolls sideways.
                    let rect = Rect::from_min_size(egui::pos2(visible.left(), top), vec2(visible.width(), heights[i]));
                    header_line_ui(ui, app, rect, key, label, counts, *rows, *collapsed, *depth);
                }
                Line::Row(r) => {
                    let rect = Rect::from_min_size(egui::pos2(origin.x, top), vec2(content_width, heights[i]));
                    let measured = row_ui(ui, app, &c, *r, rect, &cols);
                    if (measured - heights[i]).abs() > 1.0 {
                        app.row_heights.insert(*r, (layout_key, measured));
                        ui.ctx().request_repaint();
                    }
                }
            }
        }
        let titles = Rect::from_min_size(visible.min, vec2(visible.width(), style::COLUMN_TITLES_HEIGHT));
        column_titles_ui(ui, app, &c, titles, &cols);
    });
}

/// A rough height for a row not yet laid out.
fn estimate_height(c: &Comparison, row: &Row, widths: &[f32], char_width: f32, body: f32, small: f32) -> f32 {
    let tallest = row
        .cells
        .iter()
        .enumerate()
        .filter(|(d, _)| widths.get(*d).is_none_or(|&w| w > 0.0))
        .map(|(d, cell)| {
            let per_line = ((widths.get(d).copied().unwrap_or(200.0) - 16.0) / char_width).max(10.0);
            let chars: usize = cell.iter().map(|&s| c.documents[d].segments[s].text.chars().count() + 1).sum();
            (chars as f32 / per_line).ceil() * body
        })
        .fold(0.0, f32::max);
    tallest + small + style::ROW_PADDING * 2.0
}

/// The column titles, pinned to the top of the table: each document's title (double-
/// click or right-click to rename, move or remove), with a handle on its right edge
/// to resize the column.
fn column_titles_ui(ui: &mut egui::Ui, app: &mut App, c: &Comparison, rect: Rect, cols: &Columns) {
    // Covers the rows scrolled under it, and takes clicks on its background.
    ui.painter().rect_filled(rect, 0.0, ui.visuals().panel_fill);
    ui.interact(rect, ui.scope_id().with("column-titles"), Sense::click());
    let inner = |r: Rect| r.shrink2(vec2(6.0, 4.0)).intersect(rect);
    let status =
        Rect::from_min_size(egui::pos2(cols.pinned, rect.top()), vec2(style::STATUS_COLUMN_WIDTH, rect.height()));
    let n = c.documents.len();
    for d in 0..n {
        let cell = cols.doc_rect(d, rect.top(), rect.height());
        if cols.widths[d] <= 0.0 || !cell.intersects(rect) {
            continue;
        }
        let title = app.title(d);
        let renaming = app.rename.as_ref().is_some_and(|(doc, _)| *doc == d);
        pinned_ui(ui, inner(cell), |ui| {
            ui.set_clip_rect(inner(cell));
            if renaming {
                rename_ui(ui, app, d);
                return;
            }
            let r = ui
                .add(egui::Label::new(egui::RichText::new(&title).strong()).truncate().sense(Sense::click()))
                .on_hover_text(format!(
                    "{title}\n{}\n{}\nDouble-click to rename; right-click to move or remove. Drag the column's right edge to resize it.",
                    c.documents[d].title, c.documents[d].source
                ));
            if r.double_clicked() {
                app.rename = Some((d, title.clone()));
            }
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
        // The resize handle on the column's right edge.
        let edge = Rect::from_center_size(
            egui::pos2(cell.right(), cell.center().y),
            vec2(style::RESIZE_HANDLE_WIDTH, rect.height()),
        );
        if edge.left() > status.right() {
            let handle = ui.interact(edge, ui.scope_id().with(("resize-column", d)), Sense::drag());
            let handle = handle.on_hover_cursor(egui::CursorIcon::ResizeColumn);
            let stroke = if handle.hovered() || handle.dragged() {
                ui.visuals().widgets.active.fg_stroke
            } else {
                ui.visuals().widgets.noninteractive.bg_stroke
            };
            ui.painter().vline(cell.right(), rect.y_range(), stroke);
            if handle.dragged() {
                let width = (cols.widths[d] + handle.drag_delta().x).max(style::NARROWEST_DOC_COLUMN);
                app.send(Command::SetColumnWidth { doc: d, width: Some(width) });
            }
            if handle.double_clicked() {
                app.send(Command::SetColumnWidth { doc: d, width: None });
            }
        }
    }
    // The status column's title, over whatever scrolled under it.
    ui.painter().rect_filled(status, 0.0, ui.visuals().panel_fill);
    pinned_ui(ui, inner(status), |ui| {
        ui.strong("Status");
    });
    ui.painter().hline(rect.x_range(), rect.bottom(), ui.visuals().widgets.noninteractive.bg_stroke);
}

/// The field to rename column `d`, in place of its title: Enter (or clicking away)
/// keeps the new title, Escape the old one.
fn rename_ui(ui: &mut egui::Ui, app: &mut App, d: usize) {
    let Some((_, text)) = app.rename.as_mut() else { return };
    let label = ui.label("Title:");
    let edit = ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label.id);
    if !edit.has_focus() && !edit.lost_focus() {
        edit.request_focus();
    }
    if edit.lost_focus() {
        let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if let Some((_, title)) = app.rename.take()
            && !cancelled
        {
            app.send(Command::RenameDocument { doc: d, title });
        }
    }
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
    depth: usize,
) {
    let dark = ui.visuals().dark_mode;
    // Sub-headings of an outline step in under their heading.
    let indent = (depth as f32 * style::OUTLINE_INDENT).min(rect.width() / 2.0);
    let inner = Rect::from_min_max(rect.min + vec2(indent, 0.0), rect.max).shrink2(vec2(0.0, 2.0));
    ui.painter().rect_filled(inner, 3.0, style::header_background(dark));
    pinned_ui(ui, inner.shrink2(vec2(6.0, 3.0)), |ui| {
        ui.horizontal_centered(|ui| {
            let arrow = if collapsed { "⏵" } else { "⏷" };
            let resp = ui.add(egui::Button::new(egui::RichText::new(format!("{arrow} {label}")).strong()).frame(false));
            if resp.on_hover_text(if collapsed { "Show these rows" } else { "Hide these rows" }).clicked() {
                app.send(Command::SetCollapsed { key: key.to_owned(), collapsed: !collapsed });
            }
            let per_doc: Vec<String> =
                counts.iter().enumerate().map(|(d, n)| format!("{}: {n}", short(&app.title(d), 24))).collect();
            let noun = if rows == 1 { "row" } else { "rows" };
            ui.weak(format!("{rows} {noun} · {}", per_doc.join(" · ")));
        });
    });
}

/// Draws into `rect` without growing the table: for what stays in view as the table
/// scrolls sideways (titles, the status column, group headers), which would
/// otherwise widen the table each time it scrolls.
fn pinned_ui<R>(ui: &mut egui::Ui, rect: Rect, draw: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
    draw(&mut child)
}

/// Draws one row; returns the height it needed.
fn row_ui(ui: &mut egui::Ui, app: &mut App, c: &Comparison, r: usize, rect: Rect, cols: &Columns) -> f32 {
    let row = &c.rows[r];
    let dark = ui.visuals().dark_mode;
    let selected = app.selected == Some(r);
    // The background goes under the text but depends on the hover, known only once
    // the row's click area is registered after the text (so it is on top and a click
    // on the text selects the row).
    let background = ui.painter().add(egui::Shape::Noop);
    let search = app.filters.search.trim().to_owned();
    let mut tallest: f32 = 0.0;
    let compact = compact_consensus(app, row);
    let mut top = rect.top() + style::ROW_PADDING;
    if let Some(k) = compact {
        // The most common wording once, across the visible width; under it, per
        // document, only what differs from it.
        let line = Rect::from_min_max(
            egui::pos2(cols.pinned + style::STATUS_COLUMN_WIDTH + 6.0, top),
            egui::pos2(cols.right - 6.0, rect.bottom()),
        );
        let used = pinned_ui(ui, line, |ui| {
            let shared = row.wording_groups.iter().find(|g| g.contains(&k)).map_or(1, Vec::len);
            let present = row.cells.iter().filter(|c| !c.is_empty()).count();
            ui.label(
                egui::RichText::new(format!("Most common wording ({shared} of {present}), as in {}:", app.title(k)))
                    .small()
                    .weak(),
            );
            let job = cell_job(ui, c, row, k, &search, line.width());
            ui.label(job);
            ui.min_rect()
        });
        top = used.bottom() + style::ROW_PADDING / 2.0;
        tallest = top - rect.top() - style::ROW_PADDING;
    }
    let cells_top = top;
    for (d, cell) in row.cells.iter().enumerate() {
        if cols.widths.get(d).is_none_or(|&w| w <= 0.0) {
            continue;
        }
        let cell_rect = cols.doc_rect(d, cells_top, rect.height()).shrink2(vec2(6.0, 0.0));
        if compact.is_some() {
            let used = ui
                .scope_builder(UiBuilder::new().max_rect(cell_rect), |ui| compact_cell_ui(ui, c, row, d))
                .response
                .rect;
            tallest = tallest.max(used.bottom() - rect.top() - style::ROW_PADDING);
            continue;
        }
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
                    ui.add(egui::Label::new(egui::RichText::new(place).small().weak()).selectable(false));
                }
                let job = cell_job(ui, c, row, d, &search, cell_rect.width());
                ui.add(egui::Label::new(job).selectable(false));
            })
            .response
            .rect;
        tallest = tallest.max(used.height());
    }
    let id = ui.scope_id().with(("row", r));
    let response = ui.interact(rect, id, Sense::click());
    let fill = if selected {
        Some(style::selected_background(dark))
    } else if response.hovered() {
        Some(ui.visuals().faint_bg_color)
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter().set(background, egui::epaint::RectShape::filled(rect, 2.0, fill));
    }
    // Status column, pinned at the left edge over the cells scrolled under it: a
    // coloured bar and the word.
    let pinned =
        Rect::from_min_size(egui::pos2(cols.pinned, rect.top()), vec2(style::STATUS_COLUMN_WIDTH, rect.height()));
    ui.painter().rect_filled(pinned, 0.0, ui.visuals().panel_fill);
    if let Some(fill) = fill {
        ui.painter().rect_filled(pinned, 2.0, fill);
    }
    let color = style::status_color(row.status, dark);
    let bar = Rect::from_min_size(pinned.min + vec2(2.0, 4.0), vec2(4.0, rect.height() - 8.0));
    ui.painter().rect_filled(bar, 1.0, color);
    let status_rect =
        Rect::from_min_size(pinned.min + vec2(12.0, style::ROW_PADDING), vec2(style::STATUS_COLUMN_WIDTH - 14.0, 40.0));
    pinned_ui(ui, status_rect, |ui| {
        ui.label(egui::RichText::new(row.status.id()).color(color).strong());
        if row.status == Status::Differing {
            ui.weak(format!("{:.0}% alike", row.similarity * 100.0));
        }
    });
    if response.clicked() {
        app.send(Command::Select(if selected { None } else { Some(r) }));
    }
    tallest + style::ROW_PADDING * 2.0
}

/// The consensus document of a row the compact view shows compactly: a row of at
/// least [`style::COMPACT_MIN_DOCUMENTS`] documents, in the compact view.
fn compact_consensus(app: &App, row: &Row) -> Option<usize> {
    let present = row.cells.iter().filter(|c| !c.is_empty()).count();
    if !app.settings.compact || present < style::COMPACT_MIN_DOCUMENTS {
        return None;
    }
    row.consensus
}

/// What a document's cell shows in the compact view: the words that differ from the
/// row's most common wording ("19", "El Salvador"), "same" when it has none, "—"
/// when the document lacks the row.
fn compact_cell_ui(ui: &mut egui::Ui, c: &Comparison, row: &Row, d: usize) {
    if row.cells[d].is_empty() {
        ui.weak("—");
        return;
    }
    let words = differing_words(c, row, d);
    if words.is_empty() {
        ui.weak("same");
        return;
    }
    let dark = ui.visuals().dark_mode;
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) * 0.95);
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            job.append(" … ", 0.0, TextFormat::simple(font.clone(), ui.visuals().weak_text_color()));
        }
        let format = TextFormat {
            font_id: font.clone(),
            color: ui.visuals().strong_text_color(),
            background: style::changed_word_background(dark),
            ..Default::default()
        };
        job.append(w, 0.0, format);
    }
    ui.label(job);
}

/// The runs of words of document `d`'s cell that differ from the row's consensus,
/// neighbouring words joined into one run.
pub fn differing_words(c: &Comparison, row: &Row, d: usize) -> Vec<String> {
    let Some(doc) = c.documents.get(d) else { return Vec::new() };
    let mut ranges: Vec<Range<usize>> = row.differences.get(d).cloned().unwrap_or_default();
    ranges.retain(|r| r.start <= r.end && doc.text.get(r.clone()).is_some());
    ranges.sort_by_key(|r| r.start);
    let mut runs: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match runs.last_mut() {
            // Only white space or punctuation between them: one run.
            Some(last)
                if doc.text.get(last.end..r.start).is_some_and(|gap| gap.chars().all(|ch| !ch.is_alphanumeric())) =>
            {
                last.end = last.end.max(r.end);
            }
            _ => runs.push(r),
        }
    }
    runs.iter().map(|r| doc.text[r.clone()].split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The text of a cell as a layout job: changed words and search matches highlighted.
pub fn cell_job(ui: &egui::Ui, c: &Comparison, row: &Row, d: usize, search: &str, width: f32) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) * 0.95);
    let text_color = ui.visuals().text_color();
    let doc = &c.documents[d];
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    // Against the row's consensus wording: the words that differ from it are
    // highlighted, and nothing in the consensus cell or in cells worded like it. Rows
    // without a consensus (one document) highlight nothing but search matches.
    let changed: &[Range<usize>] = row.differences.get(d).map_or(&[], Vec::as_slice);
    for (k, &s) in row.cells[d].iter().enumerate() {
        let seg = &doc.segments[s];
        if k > 0 {
            job.append(" ", 0.0, TextFormat::simple(font.clone(), text_color));
        }
        // Read as the sentence reads: without a page number or running header that a
        // page break left inside it.
        let text = &doc.words_text()[seg.byte_range.clone()];
        let base = seg.byte_range.start;
        let matches: Vec<Range<usize>> =
            if search.is_empty() { Vec::new() } else { super::find::find_all(text, search) };
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
            let piece = crate::core::text::fold_for_reading(&text[a..b]);
            let piece = if text[a..b].starts_with(char::is_whitespace) { format!(" {piece}") } else { piece };
            let piece = if text[a..b].ends_with(char::is_whitespace) && !piece.ends_with(' ') {
                format!("{piece} ")
            } else {
                piece
            };
            let is_changed = changed.iter().any(|r| r.start <= base + a && base + b <= r.end);
            let is_match = matches.iter().any(|r| r.start <= a && b <= r.end);
            let background = if is_match {
                style::search_match_background(dark)
            } else if is_changed {
                style::changed_word_background(dark)
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
