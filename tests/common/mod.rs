//! Shared by the window tests: the app on some files, headless, its comparison
//! finished, in an egui_kittest harness of the given size.
#![cfg(feature = "gui")]

use counterpart::ui::app::{App, Settings};
use egui_kittest::Harness;
use std::path::PathBuf;

/// The window on `files` at `width` × `height`, after its first frames.
pub fn window(files: Vec<PathBuf>, width: f32, height: f32) -> Harness<'static, App> {
    let mut app = App::new(files, Settings::default(), None);
    app.headless = true;
    app.wait_for_comparison();
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}
