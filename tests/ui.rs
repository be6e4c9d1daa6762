//! The window, driven headless with egui_kittest: real app state, widgets found by
//! their labels as a user finds them. No display or GPU needed.
#![cfg(feature = "gui")]

mod common;

use counterpart::core::Status;
use counterpart::core::corrections::Correction;
use counterpart::ui::app::{App, Settings};
use counterpart::ui::commands::Command;
use counterpart::ui::view::Line;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;

fn samples() -> Vec<PathBuf> {
    counterpart::cli::bundled_samples()
}

/// The app on `files`, comparison finished, in a window of the given height.
fn harness(files: Vec<PathBuf>, height: f32) -> Harness<'static, App> {
    common::window(files, 1500.0, height)
}

fn theme_headers(h: &Harness<'_, App>) -> Vec<String> {
    let app = h.state();
    let c = app.comparison.as_ref().expect("comparison");
    c.taxonomy
        .themes
        .iter()
        .enumerate()
        .filter(|(t, _)| c.rows.iter().any(|r| r.theme == *t))
        .map(|(_, th)| th.label.clone())
        .collect()
}

#[test]
fn the_samples_load_and_show_rows_under_every_theme() {
    let h = harness(samples(), 9000.0);
    let c = h.state().comparison.clone().expect("comparison");
    assert_eq!(c.documents.len(), 4);
    let themes = theme_headers(&h);
    assert!(themes.len() >= 10, "the samples cover most themes: {themes:?}");
    for label in &themes {
        h.get_by_label_contains(&format!("⏷ {label}"));
    }
    // Row text is shown: the first segment of the first document.
    let first = &c.documents[0].segments[0].text;
    assert!(h.query_by_label_contains(&first[..40]).is_some(), "{first}");
    h.get_by_label_contains("4 documents");
}

/// Opens the theme filter, ticks `theme` and closes the list.
fn tick_theme(h: &mut Harness<'static, App>, theme: &str) {
    h.get_by_label("Themes").click();
    h.run();
    h.get_by_label(theme).click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
}

#[test]
fn the_theme_filter_tells_a_screen_reader_its_name_and_its_choice() {
    let mut h = harness(samples(), 3000.0);
    // One node, named "Themes", whose value is what is selected: egui's own
    // description of the combo has the value alone, and ours must not drop it.
    let value = |h: &Harness<'static, App>| {
        h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Themes").accesskit_node().value()
    };
    assert_eq!(value(&h).as_deref(), Some("All themes"));
    tick_theme(&mut h, "Security");
    assert_eq!(value(&h).as_deref(), Some("Security"));
    // What is said on focus names the filter and its choice.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Themes").focus();
    h.step();
    let said: Vec<_> = h.output().platform_output.events.iter().map(|e| e.widget_info().clone()).collect();
    assert!(
        said.iter()
            .any(|w| w.label.as_deref() == Some("Themes") && w.current_text_value.as_deref() == Some("Security")),
        "{said:?}"
    );
}

#[test]
fn filtering_by_a_theme_hides_the_other_rows() {
    let mut h = harness(samples(), 3000.0);
    tick_theme(&mut h, "Security");
    h.get_by_label_contains("⏷ Security");
    assert!(h.query_by_label_contains("⏷ Political relations").is_none(), "other themes are hidden");
    let c = h.state().comparison.clone().expect("comparison");
    let security = c.taxonomy.index_of("security").expect("theme");
    let lines = view_lines(&mut h);
    assert!(lines.iter().all(|l| !matches!(l, Line::Row(r) if c.rows[*r].theme != security)));
}

fn view_lines(h: &mut Harness<'_, App>) -> Vec<Line> {
    h.state_mut().lines().as_ref().clone()
}

#[test]
fn next_difference_moves_the_selection_with_f8_and_the_button() {
    let mut h = harness(samples(), 1000.0);
    assert_eq!(h.state().selected, None);
    h.key_press(egui::Key::F8);
    h.run();
    let first = h.state().selected.expect("F8 selects a difference");
    let c = h.state().comparison.clone().expect("comparison");
    assert_ne!(c.rows[first].status, Status::Shared);
    h.get_by_label("⬇ Next").click();
    h.run();
    let second = h.state().selected.expect("still selected");
    assert_ne!(first, second, "the selection moved");
    h.key_press(egui::Key::F7);
    h.run();
    assert_eq!(h.state().selected, Some(first), "F7 goes back");
    // The details panel shows the selected row.
    assert!(h.get_all_by_label("Split from row").count() >= 1);
}

#[test]
fn changing_a_theme_says_where_the_row_goes() {
    let mut h = harness(samples(), 1200.0);
    h.key_press(egui::Key::F8);
    h.run();
    let c = h.state().comparison.clone().expect("comparison");
    let r = h.state().selected.expect("selected");
    let (d, s) =
        c.rows[r].cells.iter().enumerate().find_map(|(d, cell)| cell.first().map(|&s| (d, s))).expect("segment");
    let seg = &c.documents[d].segments[s];
    let target =
        if seg.theme == c.taxonomy.index_of("health").expect("health") { "Agriculture and food" } else { "Health" };
    // The first theme box in the details panel belongs to that segment.
    h.get_all_by_label("Theme").next().expect("theme box").click();
    h.run();
    h.get_by_label(target).click_accesskit();
    h.run();
    let app = h.state();
    let c2 = app.comparison.as_ref().expect("comparison");
    assert_eq!(app.corrections.len(), 1);
    let row = c2.row_of(d, s).expect("row");
    assert_eq!(c2.taxonomy.themes[c2.documents[d].segments[s].theme].label, target, "the sentence is under {target}");
    // The row follows the majority of its documents, and the window says where it went.
    let under = &c2.taxonomy.themes[c2.rows[row].theme].label;
    assert_eq!(counterpart::ui::row_theme::majority_theme(c2, &c2.rows[row]), Some(c2.rows[row].theme));
    assert!(
        app.messages.iter().any(|m| m.text.starts_with(&format!("Row moved to {under}"))
            || m.text.starts_with(&format!("Row stays under {under}"))),
        "{:?}",
        app.messages
    );
    assert_eq!(app.selected, Some(row), "the selection follows the row");
}

#[test]
fn a_bad_file_shows_an_error_and_the_others_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("random.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 7]).expect("write");
    let fake_pdf = dir.path().join("fake.pdf");
    std::fs::write(&fake_pdf, b"%PDF-1.7\n1 0 obj << /Type /Catalog").expect("write");
    let fake_docx = dir.path().join("fake.docx");
    std::fs::write(&fake_docx, b"PK\x03\x04 not really a zip").expect("write");
    let mut files = samples();
    files.extend([bad, fake_pdf, fake_docx]);
    let h = harness(files, 1000.0);
    h.get_by_label_contains("random.txt: not a text document");
    h.get_by_label_contains("fake.pdf: not a readable PDF file");
    h.get_by_label_contains("fake.docx: not a readable Word (.docx) file");
    let c = h.state().comparison.clone().expect("the other documents are compared");
    assert_eq!(c.documents.len(), 4);
}

#[test]
fn a_legacy_encoding_is_shown_as_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let legacy = dir.path().join("legacy.txt");
    std::fs::write(
        &legacy,
        b"The Parties welcome the \x93C\xf4te d\x92Ivoire\x94 initiative \x96 and the r\xe9sum\xe9 of talks.",
    )
    .expect("write");
    let mut files = samples();
    files.push(legacy);
    let h = harness(files, 1000.0);
    h.get_by_label("ℹ Notice:");
    h.get_by_label_contains("legacy.txt: not UTF-8; read as windows-1252");
    assert!(h.query_by_label("⚠ Error:").is_none(), "a notice is not an error");
}

#[test]
fn a_sentence_run_over_a_page_break_reads_without_its_page_number_and_header() {
    // Text copied from a PDF: a page number and a running header inside a sentence.
    let dir = tempfile::tempdir().expect("tempdir");
    let paged = dir.path().join("paged.txt");
    let plain = dir.path().join("plain.txt");
    std::fs::write(
        &paged,
        "Statement A\n\nJoint Statement 2024\n\nThe Parties will develop the digital economy between their\n\n- 2 -\n\n\
         Joint Statement 2024\n\nsmall and medium-sized enterprises.\n\nThe Parties will meet every year in the capitals.\n",
    )
    .expect("write");
    std::fs::write(
        &plain,
        "Statement B\n\nThe Parties will develop the digital economy between their small and medium-sized \
         enterprises.\n\nThe Parties will meet every year in the capitals.\n",
    )
    .expect("write");
    let h = harness(vec![paged, plain], 800.0);
    let sentence = "The Parties will develop the digital economy between their small and medium-sized enterprises.";
    assert_eq!(h.query_all_by_label(sentence).count(), 2, "both cells read the whole sentence");
    assert!(h.query_by_label_contains("- 2 -").is_none(), "no page number in a cell");
    let app = h.state();
    let c = app.comparison.as_ref().expect("comparison");
    assert!(c.rows.iter().any(|r| r.status == Status::Shared && r.cells.iter().all(|cell| cell.len() == 1)));
}

#[test]
fn a_word_broken_by_a_line_end_hyphen_reads_whole_in_its_cell() {
    // Text copied from a typeset page: `coop-` / `eration` is the typesetter's hyphen,
    // `long-` / `term` the compound's own (the other statement writes `long-term`).
    let dir = tempfile::tempdir().expect("tempdir");
    let typeset = dir.path().join("typeset.txt");
    let plain = dir.path().join("plain.txt");
    std::fs::write(&typeset, "Statement A\n\nThe Parties will deepen long-\nterm coop-\neration in energy.\n\nThe Parties will meet every year.\n")
        .expect("write");
    std::fs::write(&plain, "Statement B\n\nThe Parties will deepen long-term cooperation in energy.\n\nThe Parties will meet every year.\n")
        .expect("write");
    let h = harness(vec![typeset, plain], 800.0);
    let sentence = "The Parties will deepen long-term cooperation in energy.";
    assert_eq!(h.query_all_by_label(sentence).count(), 2, "both cells read the words whole");
    let app = h.state();
    let c = app.comparison.as_ref().expect("comparison");
    assert!(c.rows.iter().any(|r| r.status == Status::Shared && r.cells.iter().all(|cell| cell.len() == 1)));
}

#[test]
fn open_asks_for_the_native_dialog() {
    let mut h = harness(samples(), 1000.0);
    h.get_by_label("Open…").click();
    h.run();
    assert_eq!(h.state().recorded, vec![Command::OpenDialog]);
}

#[test]
fn find_takes_a_space_for_a_hyphen() {
    let mut h = harness(samples(), 1000.0);
    h.get_by_label("Find").click();
    h.run();
    h.get_by_label("Find").type_text("trans caspian");
    h.run();
    let spaced = view_lines(&mut h);
    assert!(spaced.iter().any(|l| matches!(l, Line::Row(_))), "the samples speak of the Trans-Caspian route");
    assert!(h.query_by_label("No matches").is_none());
    h.get_by_label("Clear filters").click();
    h.run();
    h.get_by_label("Find").click();
    h.run();
    h.get_by_label("Find").type_text("Trans-Caspian");
    h.run();
    assert_eq!(view_lines(&mut h), spaced, "the same rows, however the query is hyphenated");
}

#[test]
fn the_toolbar_stays_on_one_line_at_1400_px_with_find_and_clear_filters() {
    let mut h = common::window(samples(), 1400.0, 900.0);
    h.get_by_label("Find").click();
    h.run();
    h.get_by_label("Find").type_text("trans caspian");
    h.run();
    h.get_by_label("Clear filters");
    let open = h.get_by_label("Open…").rect();
    let overview = h.get_by_label("Overview").rect();
    assert!(
        (overview.center().y - open.center().y).abs() < 1.0,
        "the last button wrapped onto a second line: {open:?} {overview:?}"
    );
}

#[test]
fn search_filters_rows_and_a_cell_of_the_overview_filters_to_it() {
    let mut h = harness(samples(), 1000.0);
    let before = view_lines(&mut h).len();
    h.get_by_label("Find").click();
    h.run();
    h.get_by_label("Find").type_text("Trans-Caspian");
    h.run();
    let lines = view_lines(&mut h);
    assert!(lines.len() < before && lines.iter().any(|l| matches!(l, Line::Row(_))), "{} of {before}", lines.len());
    h.get_by_label("Clear filters").click();
    h.run();
    assert_eq!(view_lines(&mut h).len(), before);
    h.get_by_label("Overview").click();
    h.run();
    h.get_by_label_contains("Similarity between documents");
    // Click a coverage cell whose label no other cell has: the table keeps only that
    // theme's rows that this document has.
    let c = h.state().comparison.clone().expect("comparison");
    let mut cells: Vec<(usize, usize, String)> = Vec::new();
    for t in 0..c.taxonomy.themes.len() {
        for d in 0..c.documents.len() {
            let rows: Vec<_> = c.rows.iter().filter(|r| r.theme == t && !r.cells[d].is_empty()).collect();
            let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
            // The total is the sum of its parts: rows, shared / differing / unique.
            let n = rows.len();
            if n > 0 {
                let label =
                    format!("{n} ({}/{}/{})", count(Status::Shared), count(Status::Differing), count(Status::Unique));
                cells.push((t, d, label));
            }
        }
    }
    let (theme, doc, label) = cells
        .iter()
        .find(|(_, _, l)| cells.iter().filter(|(_, _, m)| m == l).count() == 1)
        .cloned()
        .expect("a coverage cell with a label of its own");
    h.get_by_label(&label).click();
    h.run();
    let lines = view_lines(&mut h);
    let rows: Vec<usize> = lines.iter().filter_map(|l| if let Line::Row(r) = l { Some(*r) } else { None }).collect();
    assert!(!rows.is_empty(), "the cell {label} shows its rows");
    assert!(
        rows.iter().all(|&r| c.rows[r].theme == theme && !c.rows[r].cells[doc].is_empty()),
        "only rows of theme {theme} in document {doc} are left"
    );
    // The overview closed so the rows show, and the filter is a chip that removes itself.
    assert!(!h.state().settings.show_overview, "the overview no longer covers the rows");
    let title = h.state().title(doc);
    h.get_by_label_contains(&format!("Only {}", &title[..title.len().min(10)])).click();
    h.run();
    assert_eq!(h.state().filters.doc, None, "the chip removed the document filter");
}

/// Runs [`samples_from_the_current_directory`] in a fresh process whose working
/// directory holds no `samples/` folder.
#[test]
fn samples_are_found_from_any_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "samples_from_the_current_directory", "--ignored", "--test-threads=1"])
        .current_dir(dir.path())
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("1 passed"), "the child test ran: {stdout}");
}

#[test]
#[ignore = "run by samples_are_found_from_any_directory from a directory without samples/"]
fn samples_from_the_current_directory() {
    let files = samples();
    assert_eq!(files.len(), 4, "{files:?} from {:?}", std::env::current_dir());
    assert!(files.iter().all(|p| p.is_file()), "{files:?}");
}

#[test]
fn columns_can_be_removed_moved_and_renamed() {
    let mut h = harness(samples(), 1000.0);
    let titles: Vec<String> = (0..4).map(|d| h.state().title(d)).collect();
    h.state_mut().apply(Command::SetNote { segment: "d1.s2".into(), text: "Check this.".into() });
    let noted = h
        .state()
        .comparison
        .as_ref()
        .and_then(|c| c.find_segment("d1.s2").map(|(d, s)| c.documents[d].segments[s].text.clone()));
    h.state_mut().apply(Command::MoveDocument { from: 0, to: 1 });
    h.state_mut().wait_for_comparison();
    h.run();
    assert_eq!(h.state().title(1), titles[0], "the first column moved right");
    let c = h.state().comparison.clone().expect("comparison");
    let (id, _) = h.state().notes.iter().next().expect("the note is kept");
    let (d, s) = c.find_segment(id).expect("segment");
    assert_eq!(Some(c.documents[d].segments[s].text.clone()), noted, "the note follows its sentence to the new column");
    h.state_mut().apply(Command::RenameDocument { doc: 1, title: "Baku–Beijing 2024".into() });
    h.run();
    h.get_by_label("Baku–Beijing 2024");
    h.state_mut().apply(Command::RemoveDocument(0));
    h.state_mut().wait_for_comparison();
    h.run();
    let c = h.state().comparison.clone().expect("comparison");
    assert_eq!(c.documents.len(), 3);
    assert_eq!(h.state().title(0), "Baku–Beijing 2024", "the renamed column keeps its title");
}

#[test]
fn grouping_by_the_sections_of_a_document_shows_its_outline() {
    let mut h = harness(samples(), 3000.0);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Group by sections of d1 ·").click();
    h.run();
    h.get_by_label_contains("⏷ I. POLITICAL RELATIONS");
    h.get_by_label_contains("⏷ II. SECURITY COOPERATION");
    assert!(h.query_by_label_contains("⏷ Political relations").is_none(), "no theme headers");
}

#[test]
fn a_long_comparison_shows_progress_keeps_the_window_responsive_and_can_be_cancelled() {
    // Two agreements of about 500 KB each: the samples, repeated.
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = samples()[..2]
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let text = std::fs::read_to_string(p).expect("sample");
            let big = dir.path().join(format!("big-{k}.txt"));
            std::fs::write(&big, text.repeat(100)).expect("write");
            big
        })
        .collect();
    let mut app = App::new(files, Settings::default(), None);
    app.headless = true;
    let mut h =
        Harness::builder().with_size(egui::vec2(1500.0, 800.0)).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.step();
    assert!(h.state().is_busy(), "the frame returned while the comparison runs");
    h.get_by_label("Comparing…");
    h.get_by_label("Cancel").click();
    h.step();
    h.state_mut().wait_for_comparison();
    h.step();
    let app = h.state();
    assert!(!app.is_busy());
    assert!(app.comparison.is_none(), "cancelled before it finished");
    assert!(app.messages.iter().any(|m| m.text.contains("cancelled")));
}

#[test]
fn a_correction_and_a_note_survive_save_and_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("work.counterpart");
    let mut h = harness(samples(), 1200.0);
    h.key_press(egui::Key::F8);
    h.run();
    let target = "Health";
    h.get_all_by_label("Theme").next().expect("theme box").click();
    h.run();
    h.get_by_label(target).click_accesskit();
    h.run();
    h.get_by_label("Note").click();
    h.run();
    h.get_by_label("Note").type_text("Ask the embassy.");
    h.run();
    assert!(h.state().dirty, "unsaved work is tracked");
    h.state_mut().apply(Command::SaveSessionTo(session.clone()));
    h.state_mut().wait_for_writes();
    h.run();
    assert!(!h.state().dirty);
    let corrections = h.state().corrections.clone();
    assert_eq!(corrections.len(), 1);

    // A fresh window opening the session shows the correction and the note.
    let mut h2 = harness(vec![session.clone()], 1200.0);
    let app = h2.state();
    assert_eq!(app.corrections, corrections);
    assert_eq!(app.session_path.as_deref(), Some(session.as_path()));
    assert_eq!(app.notes.values().next().map(String::as_str), Some("Ask the embassy."));
    let c = app.comparison.clone().expect("comparison");
    let Correction::SetTheme { segment, .. } = &corrections[0] else { panic!("a theme correction") };
    let (d, s) = c.find_segment(segment).expect("segment");
    let row = c.row_of(d, s).expect("row");
    assert_eq!(c.taxonomy.themes[c.documents[d].segments[s].theme].label, target);
    assert_eq!(app.selected, Some(row), "the selection is restored");
    h2.run();
    assert_eq!(
        h2.get_by_label("Note").value().as_deref(),
        Some("Ask the embassy."),
        "the note shows in the details panel"
    );
}

#[test]
fn closing_with_unsaved_work_asks_first() {
    let mut h = harness(samples(), 1000.0);
    h.key_press(egui::Key::F8);
    h.run();
    h.get_all_by_label("Split from row").next().expect("button").click();
    h.run();
    assert!(h.state().dirty);
    h.state_mut().apply(Command::Quit);
    h.run();
    h.get_by_label("Save changes to this comparison?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().pending_confirm.is_none() && h.state().dirty, "cancel keeps the work open");
    h.state_mut().apply(Command::OpenSession(PathBuf::from("other.counterpart")));
    h.run();
    assert_eq!(h.state().pending_confirm, Some(Command::OpenSession(PathBuf::from("other.counterpart"))));
}

#[test]
fn save_and_export_ask_for_a_file() {
    let mut h = harness(samples(), 1000.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert_eq!(h.state().recorded, vec![Command::SaveSessionAs, Command::Export]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.html");
    h.state_mut().apply(Command::ExportTo(out.clone()));
    h.state_mut().wait_for_writes();
    h.run();
    let html = std::fs::read_to_string(&out).expect("exported");
    assert!(html.starts_with("<!DOCTYPE html>"));
    h.get_by_label_contains("Exported HTML report to");
}

#[test]
fn the_details_say_when_the_rest_of_the_section_decided_the_theme() {
    // The second sentence names no theme and its heading neither: the section's other
    // sentence (the UN) decides it, and the details panel says so in words.
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, second: &str| {
        let p = dir.path().join(name);
        let text = format!(
            "Joint Statement\n\nFostering Peace Beyond Our Shores\n\n\
             The leaders reaffirm their support for the United Nations Charter.\n\n{second}\n"
        );
        std::fs::write(&p, text).expect("write");
        p
    };
    let a = write("a.txt", "The two leaders exchanged views on the ongoing crisis.");
    let b = write("b.txt", "The two leaders discussed the ongoing crisis at length.");
    let mut h = harness(vec![a, b], 1000.0);
    h.key_press(egui::Key::F8);
    h.run();
    let row = h.state().selected.expect("F8 selects the differing row");
    let c = h.state().comparison.clone().expect("comparison");
    assert_eq!(c.taxonomy.themes[c.rows[row].theme].id, "multilateral");
    h.get_all_by_label_contains("the rest of its section").next().expect("the details name the section as the reason");
}
