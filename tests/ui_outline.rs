//! A long treaty read by its outline, driven headless with egui_kittest: rows grouped
//! by one document's titles › chapters › articles, folded and unfolded all at once,
//! and "Go to section" scrolling to an article deep in the text. Widgets are found
//! by their labels.
#![cfg(feature = "gui")]

mod common;

use counterpart::ui::app::App;
use counterpart::ui::view::Line;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// Articles in the generated treaty, as many as a long association agreement has.
const ARTICLES: usize = 430;
/// Articles per chapter, and chapters per title.
const PER_CHAPTER: usize = 12;
const PER_TITLE: usize = 6;

const TOPICS: &[&str] = &[
    "fisheries",
    "customs",
    "energy",
    "migration",
    "research",
    "tourism",
    "transport",
    "health",
    "culture",
    "statistics",
    "banking",
    "agriculture",
    "education",
    "justice",
    "environment",
    "competition",
    "water",
    "standards",
    "aviation",
    "shipping",
];

/// A treaty of [`ARTICLES`] articles under chapters under titles; `figure` changes
/// one number in every article so the two versions differ a little.
fn treaty(figure: usize) -> String {
    let mut t = String::from("ASSOCIATION AGREEMENT BETWEEN THE UNION AND THE REPUBLIC\n\n");
    for a in 1..=ARTICLES {
        let chapter = (a - 1) / PER_CHAPTER + 1;
        if (a - 1).is_multiple_of(PER_CHAPTER) {
            if (chapter - 1).is_multiple_of(PER_TITLE) {
                t.push_str(&format!("TITLE {}\nProvisions Part {}\n\n", (chapter - 1) / PER_TITLE + 1, chapter));
            }
            t.push_str(&format!("CHAPTER {chapter}\nCooperation Area {chapter}\n\n"));
        }
        let topic = TOPICS[a % TOPICS.len()];
        let other = TOPICS[(a / TOPICS.len()) % TOPICS.len()];
        t.push_str(&format!(
            "Article {a}\nMatter {a}\n\nThe Parties shall cooperate on {topic} and {other} under programme {a} with {} experts.\n\n",
            a + figure
        ));
    }
    t
}

fn treaties(dir: &Path) -> Vec<PathBuf> {
    [("union.txt", 0), ("republic.txt", 3)]
        .into_iter()
        .map(|(name, figure)| {
            let p = dir.join(name);
            std::fs::write(&p, treaty(figure)).expect("write treaty");
            p
        })
        .collect()
}

/// The app on the two treaties, rows grouped by the first one's sections.
fn outline_harness(dir: &Path) -> Harness<'static, App> {
    let mut h = common::window(treaties(dir), 1400.0, 900.0);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Group by sections of d1").click();
    h.run();
    h
}

/// The headers the view shows: (label, depth, collapsed).
fn headers(h: &mut Harness<'_, App>) -> Vec<(String, usize, bool)> {
    h.state_mut()
        .lines()
        .iter()
        .filter_map(|l| match l {
            Line::Header { label, depth, collapsed, .. } => Some((label.clone(), *depth, *collapsed)),
            Line::Row(_) => None,
        })
        .collect()
}

fn row_count(h: &mut Harness<'_, App>) -> usize {
    h.state_mut().lines().iter().filter(|l| matches!(l, Line::Row(_))).count()
}

#[test]
fn a_long_treaty_is_an_outline_of_titles_chapters_and_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = outline_harness(dir.path());
    let all = headers(&mut h);
    let depth_of = |prefix: &str| all.iter().find(|(l, _, _)| l.starts_with(prefix)).map(|x| x.1);
    assert_eq!(depth_of("TITLE 1"), Some(0), "{:?}", &all[..6]);
    assert_eq!(depth_of("CHAPTER 1."), Some(1));
    assert_eq!(depth_of("Article 1."), Some(2));
    assert_eq!(depth_of("Article 430."), Some(2));
    let articles = all.iter().filter(|(l, _, _)| l.starts_with("Article ")).count();
    assert_eq!(articles, ARTICLES, "every article is a heading of the outline");
    let rows = row_count(&mut h);
    assert!(rows >= ARTICLES);

    // Collapse all: only the titles are left, each counting every row under it.
    h.get_by_label("Collapse all").click();
    h.run();
    let folded = headers(&mut h);
    let titles = ARTICLES.div_ceil(PER_CHAPTER * PER_TITLE);
    assert_eq!(folded.len(), titles, "{folded:?}");
    assert!(folded.iter().all(|(l, d, c)| l.starts_with("TITLE") && *d == 0 && *c));
    assert_eq!(row_count(&mut h), 0);
    let counted: usize =
        h.state_mut().lines().iter().map(|l| if let Line::Header { rows, .. } = l { *rows } else { 0 }).sum();
    assert_eq!(counted, rows, "a folded title counts the rows of everything under it");
    assert!(h.query_by_label_contains("Article 1.").is_none());

    // Unfolding one title shows its chapters (still folded); the other titles stay folded.
    h.get_by_label_contains("TITLE 2.").click();
    h.run();
    let after = headers(&mut h);
    assert!(after.iter().any(|(l, d, _)| l.starts_with("CHAPTER 7.") && *d == 1), "{after:?}");
    assert!(!after.iter().any(|(l, _, _)| l.starts_with("CHAPTER 1.")), "other titles stay folded");

    // Expand all: everything is back.
    h.get_by_label("Expand all").click();
    h.run();
    assert_eq!(row_count(&mut h), rows);
    assert_eq!(headers(&mut h).len(), all.len());
}

#[test]
fn go_to_section_unfolds_and_scrolls_to_an_article_deep_in_the_treaty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = outline_harness(dir.path());
    assert!(h.query_by_label_contains("Article 400.").is_none(), "far below the first screen");
    h.get_by_label("Collapse all").click();
    h.run();
    h.get_by_label("Go to section").click();
    h.run();
    h.get_by_label("Go to section").type_text("article 40");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    // "article 40" is Article 40, not Article 400; its title and chapter unfold.
    let node = h.get_by_label_contains("Article 40. Matter 40");
    let top = node.rect().top();
    assert!(top > 0.0 && top < 900.0, "Article 40 is on screen (at {top})");
    let shown = headers(&mut h);
    assert!(shown.iter().any(|(l, _, c)| l.starts_with("TITLE 1.") && !c));
    assert!(shown.iter().any(|(l, _, c)| l.starts_with("CHAPTER 4.") && !c));

    h.state_mut().section_query = "Article 400".into();
    h.get_by_label("Go").click();
    h.run();
    h.run();
    let top = h.get_by_label_contains("Article 400.").rect().top();
    assert!(top > 0.0 && top < 900.0, "Article 400 is on screen (at {top})");

    // Nothing matches: said in words.
    h.state_mut().section_query = "fisheries protocol".into();
    h.get_by_label("Go").click();
    h.run();
    h.get_by_label_contains("No section of");
}
