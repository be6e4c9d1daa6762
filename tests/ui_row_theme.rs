//! Correcting one document's theme in a row, driven headless with egui_kittest: the
//! row follows the majority of its documents and the window says where it went.
//! Widgets are found by their labels.
#![cfg(feature = "gui")]

mod common;

use counterpart::ui::app::App;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const TRADE: &str = "The Parties will expand trade in goods and services and remove customs barriers.";

/// `n` statements sharing one trade sentence, each with a line of its own.
fn statements(dir: &Path, n: usize) -> Vec<PathBuf> {
    let names = ["Argentina", "Bangladesh", "Chile", "Denmark"];
    names[..n]
        .iter()
        .map(|name| {
            let p = dir.join(format!("{}.txt", name.to_lowercase()));
            let text = format!(
                "Joint Statement of {name} and the Union\n\n{TRADE} The Parties will hold a summit in {name}.\n"
            );
            std::fs::write(&p, text).expect("write statement");
            p
        })
        .collect()
}

fn harness(files: Vec<PathBuf>) -> Harness<'static, App> {
    common::window(files, 1500.0, 1000.0)
}

/// Selects the trade row and sets the first document's sentence to Energy through
/// the details panel; returns the theme label the row is under afterwards.
fn correct_first_to_energy(h: &mut Harness<'_, App>) -> String {
    h.get_all_by_label_contains("expand trade in goods").next().expect("the trade row").click();
    h.run();
    let r = h.state().selected.expect("selected");
    let c = h.state().comparison.clone().expect("comparison");
    assert_eq!(c.taxonomy.themes[c.rows[r].theme].id, "trade");
    h.get_all_by_label("Theme").next().expect("a theme list in the details").click();
    h.run();
    h.get_by_label("Energy").click();
    h.run();
    let c = h.state().comparison.clone().expect("comparison");
    let (d, s) = c.find_segment("d1.s1").expect("segment");
    let r = c.row_of(d, s).expect("row");
    c.taxonomy.themes[c.rows[r].theme].label.clone()
}

#[test]
fn one_cell_of_four_corrected_leaves_the_row_with_the_majority_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(statements(dir.path(), 4));
    let under = correct_first_to_energy(&mut h);
    assert_eq!(under, "Trade", "three of four documents still say trade");
    h.get_by_label_contains("Row stays under Trade: 3 of 4 documents say trade.");
    let c = h.state().comparison.clone().expect("comparison");
    let (d, s) = c.find_segment("d1.s1").expect("segment");
    assert_eq!(c.taxonomy.themes[c.documents[d].segments[s].theme].id, "energy", "the sentence keeps its theme");
}

#[test]
fn one_cell_of_two_corrected_moves_the_row_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(statements(dir.path(), 2));
    let under = correct_first_to_energy(&mut h);
    assert_eq!(under, "Energy", "a tie goes to the user's choice");
    h.get_by_label_contains("Row moved to Energy");
}
