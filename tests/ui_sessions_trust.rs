//! Issue 12 in the window: a session whose document changed, or points outside its
//! folder, opens from the saved copy with a notice per document, and "Use the file at
//! PATH" reads the file. Driven headless with egui_kittest, widgets found by label.
#![cfg(feature = "gui")]

mod common;

use counterpart::core::DocumentInput;
use counterpart::core::{CompareOptions, compare};
use counterpart::session::{SessionFile, Work};
use counterpart::ui::app::App;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

const A: &str = "Declaration of Aland and Borduria\n\nThe Parties will combat terrorism and extremism. \
                 The Parties will expand trade in goods.\n";
const B: &str = "Declaration of Aland and Carpathia\n\nThe Parties will combat terrorism and separatism. \
                 Culture days will be held in both capitals.\n";

/// The window on `session`, comparison finished.
fn open(session: &Path) -> Harness<'static, App> {
    common::window(vec![session.to_path_buf()], 1500.0, 900.0)
}

fn text_of(h: &Harness<'_, App>, d: usize) -> String {
    h.state().documents[d].text.clone()
}

#[test]
fn a_changed_document_opens_from_its_saved_copy_and_one_click_uses_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.txt"), elsewhere.path().join("b.txt"));
    std::fs::write(&a, A).expect("write");
    std::fs::write(&b, B).expect("write");
    let inputs = vec![DocumentInput::load(&a).expect("a"), DocumentInput::load(&b).expect("b")];
    let c = compare(&inputs, &CompareOptions::default());
    let session = dir.path().join("s.counterpart");
    SessionFile::new(&session, &inputs, &c, &Work::default()).save(&session).expect("save");
    std::fs::write(&a, A.replace("trade in goods", "trade in services")).expect("change a.txt");
    std::fs::write(&b, B.replace("Culture days", "Film weeks")).expect("change b.txt");

    let mut h = open(&session);
    assert_eq!(text_of(&h, 0), A, "the saved copy is shown");
    assert_eq!(text_of(&h, 1), B, "a file outside the session's folder is not read");
    h.get_by_label_contains(&format!("d1: {} changed since the session was saved", a.display()));
    h.get_by_label_contains(&format!("d2: {} is outside the session's folder, so it was not read", b.display()));
    h.get_by_label_contains(&format!("saved copy: {} bytes", A.len()));
    assert_eq!(h.get_all_by_label_contains("bytes, modified 20").count(), 2, "size and date of each file");

    h.get_by_label(&format!("Use the file at {}", a.display())).click();
    h.run();
    h.state_mut().wait_for_comparison();
    h.run();
    assert!(text_of(&h, 0).contains("trade in services"), "the file is used");
    assert_eq!(text_of(&h, 1), B, "the other document keeps its saved copy");
    assert!(h.query_by_label(&format!("Use the file at {}", a.display())).is_none());
    let notices: Vec<String> = h.state().messages.iter().map(|m| m.text.clone()).collect();
    assert!(
        notices.iter().any(|n| n.contains("a.txt: changed since the session was saved; compared again")),
        "{notices:?}"
    );

    // The second document too: the first stays on its file.
    h.get_by_label(&format!("Use the file at {}", b.display())).click();
    h.run();
    h.state_mut().wait_for_comparison();
    h.run();
    assert!(text_of(&h, 0).contains("trade in services"));
    assert!(text_of(&h, 1).contains("Film weeks"));
    assert!(h.state().file_offers.is_empty());
}

#[test]
fn keeping_the_saved_copy_hides_the_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, A).expect("write");
    std::fs::write(&b, B).expect("write");
    let inputs = vec![DocumentInput::load(&a).expect("a"), DocumentInput::load(&b).expect("b")];
    let c = compare(&inputs, &CompareOptions::default());
    let session = dir.path().join("s.counterpart");
    SessionFile::new(&session, &inputs, &c, &Work::default()).save(&session).expect("save");
    std::fs::write(&b, "Something else entirely.").expect("change b.txt");
    let mut h = open(&session);
    h.get_by_label("Keep the saved copy").click();
    h.run();
    assert!(h.query_by_label(&format!("Use the file at {}", b.display())).is_none());
    assert_eq!(text_of(&h, 1), B);
}
