//! The desktop window (egui + eframe). The only part of Counterpart that names the
//! GUI toolkit: it reads the engine's `Comparison` and sends commands.

pub mod app;
pub mod commands;
pub mod find;
pub mod fonts;
pub mod job;
pub mod outline;
pub mod overview;
pub mod row_theme;
pub mod side;
pub mod style;
pub mod table;
mod trust;
pub mod view;

use app::{App, Settings};
use std::path::PathBuf;

/// The app icon, shipped in `assets/`.
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// Key under which view settings are stored between runs.
const SETTINGS_KEY: &str = "counterpart-settings";

/// The eframe wrapper around [`App`]: persistence and the frame callback.
struct Window {
    app: App,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.app.settings);
    }
}

/// Opens the window comparing `files`.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Counterpart")
        .with_app_id("counterpart")
        .with_inner_size([1400.0, 880.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions { viewport, persist_window: true, ..Default::default() };
    eframe::run_native(
        "Counterpart",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc.storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default();
            Ok(Box::new(Window { app: App::new(files, settings, Some(cc.egui_ctx.clone())) }))
        }),
    )
}
