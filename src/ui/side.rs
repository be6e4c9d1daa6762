//! The details panel: the selected row's paragraphs in full, theme scores and the
//! words that decided them, and the controls to correct the machine.

use super::app::{App, short};
use super::commands::Command;
use super::style;
use super::view::Line;
use crate::core::Status;
use crate::core::classify::EvidenceSource;
use crate::core::corrections::Correction;

/// Draws the details of the selected row.
pub fn details_ui(ui: &mut egui::Ui, app: &mut App) {
    let Some(c) = app.comparison.clone() else { return };
    let Some(r) = app.selected.filter(|&r| r < c.rows.len()) else {
        ui.heading("Details");
        ui.label("Select a row to see each document's paragraph, the theme scores and what decided them.");
        return;
    };
    let row = &c.rows[r];
    let dark = ui.visuals().dark_mode;
    ui.heading("Details");
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(row.status.id()).color(style::status_color(row.status, dark)).strong());
        ui.label(format!("· {}", c.taxonomy.themes[row.theme].label));
        if row.status != Status::Unique {
            ui.label(format!("· similarity {:.0}%", row.similarity * 100.0));
        }
    });
    // The row's note, kept on the first segment that has one (else the row's first).
    let docs = &c.documents;
    let ids: Vec<String> = row
        .cells
        .iter()
        .enumerate()
        .flat_map(|(d, cell)| cell.iter().map(move |&s| docs[d].segments[s].id.clone()))
        .collect();
    let key = ids.iter().find(|id| app.notes.contains_key(*id)).or(ids.first()).cloned();
    if let Some(key) = key {
        let mut note = app.notes.get(&key).cloned().unwrap_or_default();
        let label = ui.label("Note");
        let edit = ui
            .add(
                egui::TextEdit::multiline(&mut note)
                    .hint_text("Your note on this row")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if edit.changed() {
            app.send(Command::SetNote { segment: key, text: note });
        }
    }
    ui.separator();
    for (d, cell) in row.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let doc = &c.documents[d];
        ui.label(egui::RichText::new(format!("{}  {}", doc.id, short(&app.title(d), 70))).strong());
        if let Some(section) = doc.section_of(&doc.segments[cell[0]]) {
            ui.weak(section);
        }
        // The whole paragraph, the row's sentences in bold.
        let para = doc.segments[cell[0]].paragraph;
        let mut job = egui::text::LayoutJob::default();
        job.wrap.max_width = ui.available_width();
        let body = egui::TextStyle::Body.resolve(ui.style());
        for (s, seg) in doc.segments.iter().enumerate().filter(|(_, x)| x.paragraph == para) {
            let in_row = cell.contains(&s);
            let fmt = egui::TextFormat {
                font_id: body.clone(),
                color: if in_row { ui.visuals().strong_text_color() } else { ui.visuals().weak_text_color() },
                background: if in_row { style::selected_background(dark) } else { egui::Color32::TRANSPARENT },
                ..Default::default()
            };
            job.append(&seg.text, 0.0, fmt);
            job.append(" ", 0.0, egui::TextFormat::default());
        }
        ui.label(job);
        for &s in cell {
            let seg = &doc.segments[s];
            ui.horizontal_wrapped(|ui| {
                let scores: Vec<String> = seg
                    .scores
                    .iter()
                    .take(3)
                    .map(|&(t, w)| format!("{} {:.0}%", c.taxonomy.themes[t].label, w * 100.0))
                    .collect();
                ui.weak(format!("{}: {}", seg.id, scores.join(", ")));
                if seg.theme_by_user {
                    ui.weak("(theme set by you)");
                }
            });
            let deciding: Vec<String> = seg
                .evidence
                .iter()
                .filter(|e| e.theme == seg.theme)
                .map(|e| match e.source {
                    EvidenceSource::Sentence => format!("“{}”", e.term),
                    EvidenceSource::Heading => e.term.to_string(),
                    EvidenceSource::Neighbours => "neighbouring sentences".to_owned(),
                    EvidenceSource::Section => "the rest of its section".to_owned(),
                })
                .collect();
            if !deciding.is_empty() {
                ui.weak(format!("Decided by: {}", deciding.join(", ")));
            }
            ui.horizontal(|ui| {
                let mut theme = seg.theme;
                egui::ComboBox::new(("theme", &seg.id), "Theme")
                    .selected_text(c.taxonomy.themes[theme].label.clone())
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for (t, th) in c.taxonomy.themes.iter().enumerate() {
                            ui.selectable_value(&mut theme, t, &th.label);
                        }
                    })
                    .response
                    .on_hover_text("Change this commitment's theme");
                if theme != seg.theme {
                    app.send(Command::Correct(Correction::SetTheme {
                        segment: seg.id.clone(),
                        theme: c.taxonomy.themes[theme].id.clone(),
                    }));
                }
                let alone = row.cells.iter().map(Vec::len).sum::<usize>() <= 1;
                if ui
                    .add_enabled(!alone, egui::Button::new("Split from row"))
                    .on_hover_text("This is not the same commitment as the others in the row")
                    .clicked()
                {
                    app.send(Command::Correct(Correction::Split { segment: seg.id.clone() }));
                }
            });
        }
        ui.separator();
    }
    // Joining with a neighbouring row of the view.
    let lines = app.lines();
    let here = lines.iter().position(|l| *l == Line::Row(r));
    let neighbour = |forward: bool| -> Option<usize> {
        let i = here?;
        let mut k = i;
        loop {
            k = if forward { k.checked_add(1)? } else { k.checked_sub(1)? };
            match lines.get(k)? {
                Line::Row(x) => return Some(*x),
                Line::Header { .. } => continue,
            }
        }
    };
    let first_segment = |row_index: usize| -> Option<String> {
        let row = &c.rows[row_index];
        row.cells.iter().enumerate().find_map(|(d, cell)| cell.first().map(|&s| c.documents[d].segments[s].id.clone()))
    };
    ui.horizontal(|ui| {
        for (label, forward) in [("Join with row above", false), ("Join with row below", true)] {
            let other = neighbour(forward);
            let resp = ui
                .add_enabled(other.is_some(), egui::Button::new(label))
                .on_hover_text("These rows state the same commitment");
            if resp.clicked()
                && let (Some(a), Some(b)) = (first_segment(r), other.and_then(first_segment))
            {
                app.send(Command::Correct(Correction::Join { a, b }));
            }
        }
    });
}
