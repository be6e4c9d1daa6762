//! The user's corrections of the machine's analysis, and how they are applied.
//!
//! A correction names segments by id (`d1.s5`), so it can be stored in a session and
//! re-applied to a fresh comparison of the same documents. [`apply`] never changes the
//! engine's result: it returns a corrected copy, and says which corrections no longer
//! apply (a segment that is gone) instead of dropping them silently.

use crate::core::compare::{Comparison, Row, build_row, pair_similarity, sort_rows};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The user's notes: segment id → note. A note belongs to the row that holds its segment.
pub type Notes = BTreeMap<String, String>;

/// The note of a row: the first note whose segment stands in it.
pub fn row_note<'a>(c: &Comparison, row: &Row, notes: &'a Notes) -> Option<&'a str> {
    row.cells
        .iter()
        .enumerate()
        .find_map(|(d, cell)| cell.iter().find_map(|&s| notes.get(&c.documents[d].segments[s].id).map(String::as_str)))
}

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Correction {
    /// This commitment's theme is `theme` (a taxonomy id).
    SetTheme {
        /// Segment id.
        segment: String,
        /// Theme id.
        theme: String,
    },
    /// This segment is not the same commitment as the others of its row.
    Split {
        /// Segment id.
        segment: String,
    },
    /// These two segments state the same commitment: their rows become one.
    Join {
        /// One segment id.
        a: String,
        /// The other segment id.
        b: String,
    },
}

impl Correction {
    /// A short description for lists and messages.
    pub fn describe(&self) -> String {
        match self {
            Self::SetTheme { segment, theme } => format!("theme of {segment} set to {theme}"),
            Self::Split { segment } => format!("{segment} split from its row"),
            Self::Join { a, b } => format!("rows of {a} and {b} joined"),
        }
    }
}

/// Applies corrections in order to a copy of `base`. Returns the corrected comparison
/// and the indices of the corrections that could not be applied.
pub fn apply(base: &Comparison, corrections: &[Correction]) -> (Comparison, Vec<usize>) {
    let mut c = base.clone();
    let mut failed = Vec::new();
    // Rows as groups of (doc, seg), rebuilt once at the end.
    let mut groups: Vec<Vec<(usize, usize)>> = c
        .rows
        .iter()
        .map(|r| r.cells.iter().enumerate().flat_map(|(d, cell)| cell.iter().map(move |&s| (d, s))).collect())
        .collect();
    // The engine's confidence per row; a row the user split off or joined is the
    // user's decision (confidence 1).
    let mut confidence: Vec<f32> = c.rows.iter().map(|r| r.confidence).collect();
    let group_of =
        |groups: &Vec<Vec<(usize, usize)>>, key: (usize, usize)| groups.iter().position(|g| g.contains(&key));
    for (k, corr) in corrections.iter().enumerate() {
        let ok = match corr {
            Correction::SetTheme { segment, theme } => match (c.find_segment(segment), c.taxonomy.index_of(theme)) {
                (Some((d, s)), Some(t)) => {
                    let seg = &mut c.documents[d].segments[s];
                    seg.theme = t;
                    seg.theme_by_user = true;
                    true
                }
                _ => false,
            },
            Correction::Split { segment } => match c.find_segment(segment) {
                Some(key) => match group_of(&groups, key) {
                    Some(g) if groups[g].len() > 1 => {
                        groups[g].retain(|x| *x != key);
                        groups.push(vec![key]);
                        confidence.push(1.0);
                        true
                    }
                    _ => false,
                },
                None => false,
            },
            Correction::Join { a, b } => match (c.find_segment(a), c.find_segment(b)) {
                (Some(ka), Some(kb)) => match (group_of(&groups, ka), group_of(&groups, kb)) {
                    (Some(ga), Some(gb)) if ga != gb => {
                        let moved = std::mem::take(&mut groups[gb]);
                        groups[ga].extend(moved);
                        groups.remove(gb);
                        confidence[ga] = 1.0;
                        confidence.remove(gb);
                        true
                    }
                    _ => false,
                },
                _ => false,
            },
        };
        if !ok {
            failed.push(k);
        }
    }
    c.rows = groups
        .iter()
        .zip(&confidence)
        .filter(|(g, _)| !g.is_empty())
        .map(|(g, &conf)| build_row(g, &c.documents, &c.vectors, &c.taxonomy, conf))
        .collect();
    sort_rows(&mut c.rows);
    c.reindex();
    c.pair_similarity = pair_similarity(&c.documents, &c.rows);
    (c, failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{CompareOptions, DocumentInput, Status, compare};

    fn sample() -> Comparison {
        let a = "Declaration A and B\n\nThe Parties will combat terrorism and extremism. The Parties will expand trade in goods.";
        let b = "Declaration A and C\n\nThe Parties will combat terrorism and separatism. Culture days will be held.";
        compare(
            &[DocumentInput::from_text("a.txt", a), DocumentInput::from_text("b.txt", b)],
            &CompareOptions::default(),
        )
    }

    #[test]
    fn set_theme_moves_the_row_to_that_theme() {
        let base = sample();
        let (c, failed) = apply(&base, &[Correction::SetTheme { segment: "d1.s2".into(), theme: "culture".into() }]);
        assert!(failed.is_empty());
        let r = c.row_of(0, 1).expect("row");
        assert_eq!(c.taxonomy.themes[c.rows[r].theme].id, "culture");
        assert_ne!(base.rows[base.row_of(0, 1).expect("row")].theme, c.rows[r].theme);
    }

    #[test]
    fn a_row_follows_the_majority_of_its_segments_themes() {
        let t = |n: &str| format!("Declaration {n}\n\nThe Parties will combat terrorism and extremism.");
        let base = compare(
            &[
                DocumentInput::from_text("a.txt", t("A")),
                DocumentInput::from_text("b.txt", t("B")),
                DocumentInput::from_text("c.txt", t("C")),
            ],
            &CompareOptions::default(),
        );
        let theme = |c: &Comparison| c.taxonomy.themes[c.rows[c.row_of(0, 0).expect("row")].theme].id.clone();
        assert_eq!(theme(&base), "security");
        // One of three segments corrected: the row stays, that segment keeps its theme.
        let one = [Correction::SetTheme { segment: "d1.s1".into(), theme: "culture".into() }];
        let (c, _) = apply(&base, &one);
        assert_eq!(theme(&c), "security");
        assert_eq!(c.taxonomy.themes[c.documents[0].segments[0].theme].id, "culture");
        // Two of three: the majority moves it.
        let two = [one[0].clone(), Correction::SetTheme { segment: "d2.s1".into(), theme: "culture".into() }];
        assert_eq!(theme(&apply(&base, &two).0), "culture");
    }

    #[test]
    fn split_makes_the_segment_unique_and_join_puts_it_back() {
        let base = sample();
        let r = base.row_of(0, 0).expect("row");
        assert_eq!(base.rows[r].status, Status::Differing, "terrorism sentences are paired");
        let (c, _) = apply(&base, &[Correction::Split { segment: "d2.s1".into() }]);
        assert_eq!(c.rows[c.row_of(0, 0).expect("row")].status, Status::Unique);
        assert_eq!(c.rows[c.row_of(1, 0).expect("row")].status, Status::Unique);
        let (c, failed) = apply(
            &base,
            &[Correction::Split { segment: "d2.s1".into() }, Correction::Join { a: "d1.s1".into(), b: "d2.s1".into() }],
        );
        assert!(failed.is_empty());
        assert_eq!(c.row_of(0, 0), c.row_of(1, 0));
    }

    #[test]
    fn corrections_that_no_longer_apply_are_reported() {
        let base = sample();
        let (_, failed) = apply(
            &base,
            &[
                Correction::SetTheme { segment: "d9.s1".into(), theme: "trade".into() },
                Correction::SetTheme { segment: "d1.s1".into(), theme: "no-such-theme".into() },
                Correction::Split { segment: "d1.s2".into() },
            ],
        );
        assert_eq!(failed, vec![0, 1, 2], "the last: d1.s2 is alone in its row already");
    }
}
