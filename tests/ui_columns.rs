//! Choosing which documents are shown, and in what order, from the Columns menu,
//! driven headless with egui_kittest: a hidden column stays in the comparison and in
//! the reports; and a notice that stays usable beside the details panel in a small
//! window. Widgets are found by their labels.
#![cfg(feature = "gui")]

mod common;

use counterpart::ui::app::{App, Settings};
use counterpart::ui::commands::Command;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

fn statements(dir: &Path) -> Vec<PathBuf> {
    ["Argentina", "Bangladesh", "Chile"]
        .iter()
        .map(|name| {
            let p = dir.join(format!("{}.txt", name.to_lowercase()));
            let text = format!(
                "Joint Statement of {name} and the Union\n\nThe Parties will expand trade in goods and services. The Parties will hold a summit in {name}.\n"
            );
            std::fs::write(&p, text).expect("write statement");
            p
        })
        .collect()
}

fn harness(files: Vec<PathBuf>) -> Harness<'static, App> {
    common::window(files, 1500.0, 900.0)
}

#[test]
fn a_column_hidden_from_the_columns_menu_stays_in_the_comparison_and_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(statements(dir.path()));
    assert_eq!(h.state().title(1), "Bangladesh");
    h.get_by_label("Bangladesh");
    assert!(h.query_by_label_contains("summit in Bangladesh").is_some());

    h.get_by_label("Columns").click();
    h.run();
    h.get_by_label("d2 · Bangladesh").click();
    h.run();
    assert!(!h.state().column_shown(1));
    h.get_by_label("d2 · Bangladesh");
    assert!(h.query_by_label("Bangladesh").is_none(), "its column title is gone");
    assert!(h.query_by_label_contains("summit in Bangladesh").is_none(), "and its text");
    assert!(h.query_by_label_contains("summit in Chile").is_some(), "the others stay");
    assert_eq!(h.state().comparison.as_ref().map(|c| c.documents.len()), Some(3), "still compared");

    // The report still has it.
    let out = dir.path().join("report.md");
    h.state_mut().apply(Command::ExportTo(out.clone()));
    h.state_mut().wait_for_writes();
    let report = std::fs::read_to_string(&out).expect("report written");
    assert!(report.contains("**d2** — Bangladesh"), "hidden columns stay in reports: {report}");
    assert!(report.contains("- **d2**: The Parties will hold a summit in"), "with their text: {report}");

    // The menu stays open while ticking; the last two cannot both go: hiding
    // Argentina leaves Chile, which stays.
    h.get_by_label("d1 · Argentina").click();
    h.run();
    h.get_by_label("d3 · Chile").click();
    h.run();
    assert!(h.state().column_shown(2), "the last column shown stays");

    h.get_by_label("Show all columns").click();
    h.run();
    assert!((0..3).all(|d| h.state().column_shown(d)));
}

#[test]
fn a_column_is_moved_from_the_columns_menu() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(statements(dir.path()));
    h.get_by_label("Columns").click();
    h.run();
    h.get_all_by_label("▶").next().expect("move right").click();
    h.run();
    h.state_mut().wait_for_comparison();
    h.run();
    assert_eq!(h.state().title(0), "Bangladesh");
    assert_eq!(h.state().title(1), "Argentina");
}

#[test]
fn a_notices_dismiss_button_stays_clear_of_the_details_panel_in_a_small_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(statements(dir.path()), Settings::default(), None);
    app.headless = true;
    app.wait_for_comparison();
    app.settings.show_details = true;
    let long = "Correction no longer applies: “The Parties will expand trade in goods and services and remove the customs barriers that remain between them by the end of the decade, in line with their commitments.”";
    app.messages.push(counterpart::ui::app::Message { text: long.to_owned(), error: false });
    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    let panel_left = h.get_by_label("Hide details ⏵").rect().left();
    let dismiss = h.get_by_label("Dismiss").rect();
    assert!(dismiss.right() <= panel_left, "Dismiss ({dismiss:?}) is left of the details panel ({panel_left})");
    assert!(dismiss.bottom() <= 600.0);
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().messages.is_empty(), "the notice is gone");
}

/// Runs frames until the window has taken in every save and export (at most ~5 s).
fn run_until_written(h: &mut Harness<'_, App>) {
    for _ in 0..500 {
        // One frame at a time: while writing, the window asks for frames to poll.
        h.step();
        if !h.state().is_writing() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the write never finished");
}

#[test]
fn saving_and_exporting_run_off_the_window_thread_and_report_when_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(statements(dir.path()));
    h.state_mut().apply(Command::RenameDocument { doc: 0, title: "AR".into() });
    assert!(h.state().dirty);
    let session = dir.path().join("s.counterpart");
    let report = dir.path().join("r.html");
    h.state_mut().apply(Command::SaveSessionTo(session.clone()));
    h.state_mut().apply(Command::ExportTo(report.clone()));
    // The commands return at once; the window takes the outcome in on a later frame.
    assert!(h.state().is_writing(), "saving and exporting run in the background");
    assert!(h.state().dirty, "not saved until the file is written");
    run_until_written(&mut h);
    assert!(!h.state().dirty, "saved");
    assert_eq!(h.state().session_path.as_deref(), Some(session.as_path()));
    h.get_by_label_contains("Saved ");
    h.get_by_label_contains("Exported HTML report to");
    assert!(std::fs::read_to_string(&report).expect("report").contains("AR"));

    // A failed save says why and leaves the work unsaved.
    h.state_mut().apply(Command::RenameDocument { doc: 0, title: "ARG".into() });
    h.state_mut().apply(Command::SaveSessionTo(dir.path().join("missing").join("s.counterpart")));
    run_until_written(&mut h);
    assert!(h.state().dirty);
    assert!(h.state().messages.iter().any(|m| m.error), "{:?}", h.state().messages);
}
