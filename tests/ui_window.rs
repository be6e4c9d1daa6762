//! The window for many documents, long treaties and other scripts, driven headless
//! with egui_kittest: selection and keyboard, wide comparisons, fonts, the compact
//! view and the fixes that go with them. Widgets are found by their labels.
#![cfg(feature = "gui")]

mod common;

use counterpart::ui::app::{App, Settings};
use counterpart::ui::view::Line;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn samples() -> Vec<PathBuf> {
    counterpart::cli::bundled_samples()
}

/// The app on `files`, comparison finished, in a window of the given size.
fn harness_sized(files: Vec<PathBuf>, width: f32, height: f32) -> Harness<'static, App> {
    common::window(files, width, height)
}

fn harness(files: Vec<PathBuf>, height: f32) -> Harness<'static, App> {
    harness_sized(files, 1500.0, height)
}

/// The rows the view shows, in order.
fn shown_rows(h: &mut Harness<'_, App>) -> Vec<usize> {
    h.state_mut().lines().iter().filter_map(|l| if let Line::Row(r) = l { Some(*r) } else { None }).collect()
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[test]
fn a_click_on_a_rows_text_selects_the_row() {
    let mut h = harness(samples(), 1000.0);
    let c = h.state().comparison.clone().expect("comparison");
    let rows = shown_rows(&mut h);
    // The second row shown, by the text of its first cell.
    let r = rows[1];
    let (d, s) = c.rows[r].cells.iter().enumerate().find_map(|(d, cell)| cell.first().map(|&s| (d, s))).expect("cell");
    let text = prefix(&c.documents[d].segments[s].text, 40);
    h.get_all_by_label_contains(&text).next().expect("the row's text is shown").click();
    h.run();
    assert_eq!(h.state().selected, Some(r), "clicking the words of a row selects it");
}

#[test]
fn arrows_page_keys_home_and_end_move_the_selection() {
    let mut h = harness(samples(), 900.0);
    let rows = shown_rows(&mut h);
    assert!(rows.len() > 20);
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().selected, Some(rows[0]), "Down with nothing selected selects the first row");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().selected, Some(rows[1]));
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(h.state().selected, Some(rows[0]));
    h.key_press(Key::End);
    h.run();
    assert_eq!(h.state().selected, rows.last().copied(), "End selects the last row");
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().selected, Some(rows[0]), "Home selects the first row");
    h.key_press(Key::PageDown);
    h.run();
    let at = rows.iter().position(|&r| Some(r) == h.state().selected).expect("a shown row");
    assert!(at > 1, "PageDown moves by a screenful, not one row (moved to {at})");
    h.key_press(Key::PageUp);
    h.run();
    assert_eq!(h.state().selected, Some(rows[0]), "PageUp goes back");
    // The last row is scrolled into view: its text is laid out in the window.
    h.key_press(Key::End);
    h.run();
    let c = h.state().comparison.clone().expect("comparison");
    let last = *rows.last().expect("rows");
    let (d, s) =
        c.rows[last].cells.iter().enumerate().find_map(|(d, cell)| cell.first().map(|&s| (d, s))).expect("cell");
    let text = prefix(&c.documents[d].segments[s].text, 30);
    let node = h.get_all_by_label_contains(&text).next().expect("the last row is drawn");
    assert!(node.rect().top() < 900.0, "the last row is on screen");
}

#[test]
fn find_counts_matches_enter_goes_to_the_next_and_escape_clears() {
    let mut h = harness(samples(), 1000.0);
    h.get_by_label("Find").click();
    h.run();
    h.get_by_label("Find").type_text("cooperation");
    h.run();
    let rows = shown_rows(&mut h);
    let n = rows.len();
    assert!(n > 2);
    h.get_by_label(&format!("{n} matches"));
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(&format!("1 of {n}"));
    assert_eq!(h.state().selected, Some(rows[0]));
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(&format!("2 of {n}"));
    assert_eq!(h.state().selected, Some(rows[1]), "Enter again goes to the next match");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().filters.search, "", "Escape clears Find");
    assert!(h.query_by_label_contains(&format!("of {n}")).is_none());
    assert!(shown_rows(&mut h).len() > n, "every row is back");
}

/// Twelve trade statements built on one template: each names its country in the title
/// and has its own tariff figure.
const COUNTRIES: [&str; 12] = [
    "Argentina",
    "Bangladesh",
    "Cambodia",
    "Colombia",
    "Ecuador",
    "El Salvador",
    "Guatemala",
    "Indonesia",
    "Malaysia",
    "Switzerland",
    "Thailand",
    "Vietnam",
];

fn twelve_statements(dir: &std::path::Path) -> Vec<PathBuf> {
    COUNTRIES
        .iter()
        .enumerate()
        .map(|(k, country)| {
            let text = format!(
                "Joint Statement on Framework for a United States-{country} Agreement on Reciprocal Trade\n\n\
                 1. Tariffs\n\n\
                 The United States will apply a reciprocal tariff of {} percent on goods originating in {country}.\n\n\
                 {country} will eliminate tariffs on U.S. machinery, medical devices and chemicals.\n\n\
                 2. Digital trade\n\n\
                 The countries will refrain from imposing customs duties on electronic transmissions.\n\n\
                 3. Standards\n\n\
                 {country} will accept U.S. vehicles built to federal motor vehicle safety standards.\n",
                10 + k
            );
            let path = dir.join(format!("statement-{k:02}.txt"));
            std::fs::write(&path, text).expect("write");
            path
        })
        .collect()
}

#[test]
fn twelve_documents_get_telling_titles_and_the_last_column_is_reached_by_scrolling_sideways() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_sized(twelve_statements(dir.path()), 1400.0, 880.0);
    assert_eq!(h.state().comparison.as_ref().map(|c| c.documents.len()), Some(12));
    for country in &COUNTRIES[..3] {
        h.get_by_label(country);
    }
    let status_before = h.get_by_label("Status").rect();
    assert!(h.query_by_label("Vietnam").is_none(), "with twelve documents the last column is off screen");
    // Shift + mouse wheel over the table scrolls it sideways.
    h.event(egui::Event::PointerMoved(egui::pos2(400.0, 400.0)));
    for _ in 0..40 {
        h.event_modifiers(
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -200.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::SHIFT,
            },
            egui::Modifiers::SHIFT,
        );
        h.run();
    }

    let last = h.get_by_label("Vietnam").rect();
    assert!(last.right() < 1400.0, "the last column is in view: {last:?}");
    assert!(h.query_by_label("Argentina").is_none(), "the first columns scrolled away");
    let status = h.get_by_label("Status").rect();
    assert!((status.left() - status_before.left()).abs() < 1.0, "the status column stays pinned");
}

#[test]
fn a_column_is_resized_by_dragging_the_edge_of_its_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_sized(twelve_statements(dir.path())[..3].to_vec(), 1400.0, 880.0);
    let second = h.get_by_label("Bangladesh").rect();
    let before = second.left();
    // The grip is on the right edge of the first column (the titles sit 6 points in
    // from their column's edge): drag it 150 points right.
    let x = second.left() - 6.0;
    let y = second.center().y;
    h.event(egui::Event::PointerMoved(egui::pos2(x, y)));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x, y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(egui::pos2(x + 15.0 * k as f32, y)));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x + 150.0, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let after = h.get_by_label("Bangladesh").rect().left();
    assert!(after > before + 100.0, "the second column moved right as the first widened: {before} → {after}");
}

#[test]
fn a_column_is_renamed_in_place_enter_keeps_and_escape_cancels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(twelve_statements(dir.path())[..3].to_vec(), 900.0);
    h.get_by_label("Argentina").click_secondary();
    h.run();
    h.get_by_label("Rename…").click();
    h.run();
    h.get_by_label("Title:").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Title:").type_text("Buenos Aires 2025");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().title(0), "Buenos Aires 2025");
    h.get_by_label("Buenos Aires 2025");
    assert!(h.query_by_label("Title:").is_none(), "the field is gone");
    // Escape leaves the title as it was.
    h.get_by_label("Cambodia").click_secondary();
    h.run();
    h.get_by_label("Rename…").click();
    h.run();
    h.get_by_label("Title:").type_text(" typo");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().title(2), "Cambodia");
    // The same titles in the Overview and in reports.
    h.get_by_label("Overview").click();
    h.run();
    assert!(h.get_all_by_label("Buenos Aires 2025").count() >= 2, "the overview uses the column titles");
    let out = dir.path().join("report.md");
    h.state_mut().apply(counterpart::ui::commands::Command::ExportTo(out.clone()));
    h.state_mut().wait_for_writes();
    let md = std::fs::read_to_string(&out).expect("report");
    assert!(md.contains("Buenos Aires 2025") && md.contains("Cambodia"), "{md}");
}

#[test]
fn twelve_statements_get_their_country_as_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs: Vec<_> = twelve_statements(dir.path())
        .iter()
        .map(|p| counterpart::core::DocumentInput::load(p).expect("document"))
        .collect();
    let c = counterpart::core::compare(&inputs, &counterpart::core::CompareOptions::default());
    let titles: Vec<&str> = c.documents.iter().map(|d| d.title.as_str()).collect();
    let sources: Vec<&str> = c.documents.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(counterpart::core::titles::short_titles(&titles, &sources), COUNTRIES);
}

/// A statement in Chinese, and its English counterpart.
fn chinese_pair(dir: &std::path::Path) -> Vec<PathBuf> {
    let zh = dir.join("zh.txt");
    std::fs::write(
        &zh,
        "中华人民共和国和美利坚合众国联合声明\n\n一、贸易\n\n双方将加强贸易和投资合作。\n\n二、文化\n\n双方将扩大人文交流。\n",
    )
    .expect("write");
    let en = dir.join("en.txt");
    std::fs::write(
        &en,
        "Joint Statement of the United States and Viet Nam\n\n1. Trade\n\nThe Parties will strengthen trade and investment cooperation.\n",
    )
    .expect("write");
    vec![zh, en]
}

/// Where Debian and Ubuntu put CJK fonts (fonts-droid-fallback, fonts-noto-cjk,
/// fonts-wqy-microhei).
const CJK_FONT_FILES: [&str; 3] = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];

fn font_notice_count(h: &Harness<'_, App>) -> usize {
    h.state().messages.iter().filter(|m| m.text.contains("Chinese, Japanese or Korean")).count()
}

#[test]
fn chinese_text_is_laid_out_with_a_system_font() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(chinese_pair(dir.path()), Settings::default(), None);
    app.headless = true;
    app.wait_for_comparison();
    // kittest's harness panics on any glyph no font has. The window gets CJK fonts
    // from egui's font providers (eframe's `system_fonts`); here one that knows the
    // usual CJK font files stands in for the system's.
    let Some(font) = CJK_FONT_FILES.iter().find_map(|p| std::fs::read(p).ok()) else {
        assert!(std::env::var_os("CI").is_none(), "CI installs fonts-droid-fallback (.ci/run)");
        eprintln!("no CJK font installed: skipped (apt-get install fonts-droid-fallback)");
        return;
    };
    let font = std::sync::Arc::new(font);
    let provider = move |request: &egui::FallbackRequest<'_>| {
        request
            .cluster
            .chars()
            .next()
            .filter(|&c| counterpart::ui::fonts::is_cjk(c))
            .map(|_| egui::FontInsert::new("cjk", egui::FontData::from_owned(font.as_ref().clone()), Vec::new()))
    };
    app.font_providers.push(std::sync::Arc::new(provider));
    let mut h =
        Harness::builder().with_size(egui::vec2(1400.0, 900.0)).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label_contains("双方将加强贸易和投资合作");
    assert_eq!(font_notice_count(&h), 0, "{:?}", h.state().messages);
}

#[test]
fn chinese_text_without_a_font_is_explained_once_in_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(chinese_pair(dir.path()), Settings::default(), None);
    app.headless = true;
    app.wait_for_comparison();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label_contains("has Chinese, Japanese or Korean text, but no font on this computer");
    h.run();
    assert_eq!(font_notice_count(&h), 1, "said once");
}

#[test]
fn the_compact_view_shows_the_common_wording_once_and_each_documents_figure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(twelve_statements(dir.path())[..4].to_vec(), 1200.0);
    let c = h.state().comparison.clone().expect("comparison");
    // The tariff row: Bangladesh's own figure differs from the common wording.
    let r = c
        .rows
        .iter()
        .position(|row| {
            row.cells.iter().filter(|x| !x.is_empty()).count() == 4
                && row.cells[1].iter().any(|&s| c.documents[1].segments[s].text.contains("11 percent"))
        })
        .expect("the tariff row has all four statements");
    let words = counterpart::ui::table::differing_words(&c, &c.rows[r], 1);
    assert!(words.iter().any(|w| w.contains("11")), "Bangladesh's figure differs: {words:?}");
    let figure = words.join(" … ");
    h.get_by_label("differs from the most common wording");
    assert!(h.query_by_label(&figure).is_none(), "the full view shows whole sentences");
    h.get_by_label("Compact").click();
    h.run();
    assert!(h.state().settings.compact);
    h.get_by_label(&figure);
    assert!(h.get_all_by_label_contains("Most common wording (").count() >= 1);
}

#[test]
fn undo_keeps_the_selection_redo_makes_it_again_and_the_unsaved_marker_follows() {
    let mut h = harness(samples(), 1200.0);
    h.key_press(Key::F8);
    h.run();
    h.get_all_by_label("Split from row").next().expect("button").click();
    h.run();
    assert_eq!(h.state().corrections.len(), 1);
    assert!(h.state().dirty);
    let selected = h.state().selected;
    assert!(selected.is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().corrections.is_empty());
    assert!(!h.state().dirty, "everything was undone: nothing is unsaved");
    assert!(h.state().selected.is_some(), "undo keeps a row selected");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().corrections.len(), 1, "Ctrl+Shift+Z redoes");
    assert!(h.state().dirty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().corrections.len(), 1, "Ctrl+Y redoes");
    // Saved, then changed and undone: back to the saved state.
    let dir = tempfile::tempdir().expect("tempdir");
    h.state_mut().apply(counterpart::ui::commands::Command::SaveSessionTo(dir.path().join("s.counterpart")));
    h.state_mut().wait_for_writes();
    assert!(!h.state().dirty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().dirty, "undoing a saved correction is a change");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(!h.state().dirty, "redoing it is the saved state again");
}

#[test]
fn a_file_dialog_that_cannot_open_says_so() {
    let mut app = App::new(samples(), Settings::default(), None);
    app.no_dialogs = true;
    app.wait_for_comparison();
    let mut h =
        Harness::builder().with_size(egui::vec2(1500.0, 1000.0)).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label("Open…").click();
    h.run();
    h.get_by_label_contains("No file dialog could be opened to choose documents");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label_contains("No file dialog could be opened to export a report");
}

#[test]
fn the_details_panel_hides_and_comes_back() {
    let mut h = harness(samples(), 1000.0);
    h.get_by_label("Hide details ⏵").click();
    h.run();
    assert!(!h.state().settings.show_details);
    assert!(h.query_by_label("Hide details ⏵").is_none());
    h.get_by_label("Show details").click();
    h.run();
    assert!(h.state().settings.show_details);
}

#[test]
fn the_theme_list_stays_open_while_ticking_themes() {
    let mut h = harness(samples(), 3000.0);
    h.get_by_label("Themes").click();
    h.run();
    h.get_by_label("Security").click();
    h.run();
    // Still open: its next check box is there to tick (it may be scrolled inside the list).
    h.get_by_label("Health").click_accesskit();
    h.run();
    assert_eq!(h.state().filters.themes.len(), 2, "the second tick landed in the still-open list");
}

#[test]
fn view_state_of_other_documents_does_not_carry_over() {
    // Grouped by the sections of a document of an earlier run.
    let settings = Settings { group_by: counterpart::ui::commands::GroupBy::Sections(0), ..Settings::default() };
    let mut app = App::new(samples()[..2].to_vec(), settings, None);
    app.headless = true;
    app.wait_for_comparison();
    assert_eq!(app.settings.group_by, counterpart::ui::commands::GroupBy::Theme);
    let mut h =
        Harness::builder().with_size(egui::vec2(1500.0, 900.0)).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    // Scrolled to the end, then other documents come in: the table starts at the top.
    h.key_press(Key::End);
    h.run();
    h.state_mut().apply(counterpart::ui::commands::Command::AddFiles(samples()[2..3].to_vec()));
    h.state_mut().wait_for_comparison();
    h.run();
    let first = shown_rows(&mut h)[0];
    let c = h.state().comparison.clone().expect("comparison");
    let (d, s) =
        c.rows[first].cells.iter().enumerate().find_map(|(d, cell)| cell.first().map(|&s| (d, s))).expect("cell");
    let text = prefix(&c.documents[d].segments[s].text, 30);
    let node = h.get_all_by_label_contains(&text).next().expect("the first row is drawn");
    assert!(node.rect().top() < 300.0, "the new comparison opens at its top: {:?}", node.rect());
}

#[test]
fn a_correction_that_no_longer_applies_quotes_its_sentence() {
    let mut h = harness(samples(), 1000.0);
    let c = h.state().comparison.clone().expect("comparison");
    let sentence = c.documents[0].segments[1].text.clone();
    let id = c.documents[0].segments[1].id.clone();
    h.state_mut().apply(counterpart::ui::commands::Command::Correct(
        counterpart::core::corrections::Correction::SetTheme { segment: id.clone(), theme: "no-such-theme".into() },
    ));
    h.run();
    let notice = h
        .state()
        .messages
        .iter()
        .find(|m| m.text.starts_with("Correction no longer applies"))
        .expect("a notice")
        .text
        .clone();
    assert!(notice.contains(&prefix(&sentence, 40)), "the sentence is quoted: {notice}");
    assert!(!notice.contains(&id), "no internal id: {notice}");
}
