//! Window benchmarks (divan): `cargo bench --bench ui`.
//!
//! - `frame_2x3000_middle`: one frame of the comparison view — layout and
//!   tessellation on the CPU — with two generated declarations of 3,000 sentences
//!   each (`shared/bench/gen_corpus.py`), scrolled to the middle. Target: < 8 ms.
//! - `frame_12x300` / `frame_12x300_compact`: one frame of twelve generated
//!   declarations of 300 sentences each, scrolled to the middle, in the full and the
//!   compact view. Target: < 8 ms.
//! - `first_frame_samples`: opening the app on the bundled samples until the first
//!   full frame of the comparison (reading, comparing, laying out). Target: < 1 s.

use counterpart::ui::app::{App, Settings};
mod common;

use common::generated;

fn main() {
    divan::main();
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
        ..Default::default()
    }
}

/// Runs one frame: layout, then tessellation of what it painted.
fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    let out = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

#[divan::bench(sample_count = 50)]
fn frame_2x3000_middle(bencher: divan::Bencher) {
    let mut app = App::new(generated(2, 3000), Settings::default(), None);
    app.headless = true;
    app.wait_for_comparison();
    let middle = app.lines().len() / 2;
    app.scroll_to = Some(middle);
    let ctx = egui::Context::default();
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    bencher.bench_local(|| frame(&ctx, &mut app));
}

/// One frame of twelve documents of 300 sentences, in the compact view or not.
fn frame_12x300_view(bencher: divan::Bencher, compact: bool) {
    let settings = Settings { compact, ..Settings::default() };
    let mut app = App::new(generated(12, 300), settings, None);
    app.headless = true;
    app.wait_for_comparison();
    let middle = app.lines().len() / 2;
    app.scroll_to = Some(middle);
    let ctx = egui::Context::default();
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    bencher.bench_local(|| frame(&ctx, &mut app));
}

#[divan::bench(sample_count = 50)]
fn frame_12x300(bencher: divan::Bencher) {
    frame_12x300_view(bencher, false);
}

#[divan::bench(sample_count = 50)]
fn frame_12x300_compact(bencher: divan::Bencher) {
    frame_12x300_view(bencher, true);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_frame_samples(bencher: divan::Bencher) {
    let files = counterpart::cli::bundled_samples();
    bencher.bench_local(|| {
        let mut app = App::new(files.clone(), Settings::default(), None);
        app.headless = true;
        app.wait_for_comparison();
        let ctx = egui::Context::default();
        frame(&ctx, &mut app)
    });
}
