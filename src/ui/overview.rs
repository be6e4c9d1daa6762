//! The overview: a coverage matrix (documents × themes) and the similarity of each
//! pair of documents. Clicking a cell filters the table to it.

use super::app::{App, short};
use super::commands::Command;
use crate::core::Status;

/// Draws the overview window.
pub fn overview_window(ctx: &egui::Context, app: &mut App) {
    let Some(c) = app.comparison.clone() else { return };
    let mut open = app.settings.show_overview;
    egui::Window::new("Overview").open(&mut open).default_width(640.0).show(ctx, |ui| {
        ui.label("Rows per theme and document: all (shared / differing / unique). Click a cell to show those rows.");
        egui::Grid::new("coverage").striped(true).show(ui, |ui| {
            ui.strong("Theme");
            for d in 0..c.documents.len() {
                ui.strong(short(&app.title(d), 24)).on_hover_text(format!("{}: {}", c.documents[d].id, app.title(d)));
            }
            ui.end_row();
            for (t, theme) in c.taxonomy.themes.iter().enumerate() {
                ui.label(&theme.label);
                for d in 0..c.documents.len() {
                    let rows = c.rows.iter().filter(|r| r.theme == t && !r.cells[d].is_empty());
                    let (mut n, mut s, mut df, mut u) = (0, 0, 0, 0);
                    for r in rows {
                        n += r.cells[d].len();
                        match r.status {
                            Status::Shared => s += 1,
                            Status::Differing => df += 1,
                            Status::Unique => u += 1,
                        }
                    }
                    // The total counts rows, like its parts, so they add up; the
                    // commitments (a row may hold several of one document) are in the tip.
                    let total = s + df + u;
                    let text = if total == 0 { "—".to_owned() } else { format!("{total} ({s}/{df}/{u})") };
                    let resp = ui.add_enabled(total > 0, egui::Button::new(text).frame(false));
                    let tip = format!("{} in {}: {total} rows, {n} commitments", theme.label, app.title(d));
                    if resp.on_hover_text(tip).clicked() {
                        app.send(Command::FilterCell { doc: d, theme: t });
                    }
                }
                ui.end_row();
            }
        });
        ui.separator();
        ui.strong("Similarity between documents");
        egui::Grid::new("pairs").striped(true).show(ui, |ui| {
            ui.label("");
            for d in 0..c.documents.len() {
                ui.strong(short(&app.title(d), 24));
            }
            ui.end_row();
            for a in 0..c.documents.len() {
                ui.strong(short(&app.title(a), 24)).on_hover_text(app.title(a));
                for b in 0..c.documents.len() {
                    if a == b {
                        ui.weak("—");
                    } else {
                        ui.label(format!("{:.0}%", c.pair_similarity[a][b] * 100.0));
                    }
                }
                ui.end_row();
            }
        });
    });
    app.settings.show_overview = open;
}
