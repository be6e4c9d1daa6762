//! Documents of a session shown from their saved copy: one notice each, with the
//! action that uses the file instead.
//!
//! A session may come from someone else, so its documents open from the copies saved in
//! it (see [`crate::session::open`]). When a document's file lies outside the session's
//! folder or changed, the window says so, with the path, the file's size and date and
//! the saved copy's size, and offers "Use the file at PATH", which sends
//! [`Command::UseCurrentFile`]. "Keep the saved copy" only hides the notice.

use super::app::App;
use super::commands::Command;

impl App {
    /// Draws one notice per document offered; called where the window's messages are.
    pub(super) fn file_offers_ui(&mut self, ui: &mut egui::Ui) {
        if self.file_offers.is_empty() {
            return;
        }
        let (mut use_file, mut keep) = (None, None);
        for (k, offer) in self.file_offers.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "ℹ Notice:");
                ui.label(offer.message());
                if ui.button(offer.action_label()).on_hover_text("Compare the file as it is now instead").clicked() {
                    use_file = Some(offer.doc);
                }
                if ui.small_button("Keep the saved copy").clicked() {
                    keep = Some(k);
                }
            });
        }
        if let Some(d) = use_file {
            self.send(Command::UseCurrentFile(d));
        }
        if let Some(k) = keep {
            self.file_offers.remove(k);
        }
        ui.separator();
    }
}
