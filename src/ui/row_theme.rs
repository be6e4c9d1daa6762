//! Which theme a row stands under once the user corrected some of its sentences'
//! themes, and what the window says about it.
//!
//! The engine puts a row under the theme the user gave any one of its sentences. In
//! the window a row follows the majority of its documents instead: correcting one
//! document's sentence of four leaves the row under the theme the other three share,
//! and the window says so ("Row stays under Trade: 3 of 4 documents say trade"); a
//! tie goes to the user's theme, so a two-document row moves with the correction.

use crate::core::compare::sort_rows;
use crate::core::{Comparison, Row};

/// Each document's vote for the row's theme: the theme the user gave one of its
/// sentences, else the theme of its first sentence; `None` where it lacks the row.
/// The second value says whether the vote is the user's.
fn votes(c: &Comparison, row: &Row) -> Vec<Option<(usize, bool)>> {
    row.cells
        .iter()
        .enumerate()
        .map(|(d, cell)| {
            let segs = cell.iter().filter_map(|&s| c.documents.get(d).and_then(|doc| doc.segments.get(s)));
            let mut first = None;
            for seg in segs {
                if seg.theme_by_user {
                    return Some((seg.theme, true));
                }
                first.get_or_insert((seg.theme, false));
            }
            first
        })
        .collect()
}

/// The theme most of the row's documents give it, ties to a theme the user chose,
/// then to the row's current theme; `None` when no sentence's theme was corrected
/// (the engine's choice stands).
pub fn majority_theme(c: &Comparison, row: &Row) -> Option<usize> {
    let votes = votes(c, row);
    if !votes.iter().flatten().any(|&(_, by_user)| by_user) {
        return None;
    }
    let mut tally: Vec<(usize, usize, bool)> = Vec::new();
    for &(t, by_user) in votes.iter().flatten() {
        match tally.iter_mut().find(|(x, _, _)| *x == t) {
            Some(e) => {
                e.1 += 1;
                e.2 |= by_user;
            }
            None => tally.push((t, 1, by_user)),
        }
    }
    tally.into_iter().max_by_key(|&(t, n, by_user)| (n, by_user, t == row.theme)).map(|(t, _, _)| t)
}

/// Puts every row whose sentences' themes the user corrected under the theme most of
/// its documents give it, and orders the rows again.
pub fn settle(c: &mut Comparison) {
    let mut changed = false;
    for r in 0..c.rows.len() {
        if let Some(t) = majority_theme(c, &c.rows[r])
            && t != c.rows[r].theme
        {
            c.rows[r].theme = t;
            changed = true;
        }
    }
    if changed {
        sort_rows(&mut c.rows);
        c.reindex();
    }
}

/// What happened to the row of document `d`'s sentence `s` after its theme was set to
/// `theme`: "Row moved to Energy" or "Row stays under Trade: 3 of 4 documents say
/// trade". `None` when the sentence is in no row.
pub fn notice(c: &Comparison, d: usize, s: usize, theme: usize) -> Option<String> {
    let r = c.row_of(d, s)?;
    let row = &c.rows[r];
    let label = |t: usize| c.taxonomy.themes.get(t).map_or_else(String::new, |th| th.label.clone());
    let votes = votes(c, row);
    let present = votes.iter().flatten().count();
    let agree = votes.iter().flatten().filter(|&&(t, _)| t == row.theme).count();
    let docs = if present == 1 { "document" } else { "documents" };
    Some(if row.theme == theme {
        if present > 1 && agree < present {
            format!("Row moved to {}: {agree} of {present} {docs} say {}.", label(theme), label(theme).to_lowercase())
        } else {
            format!("Row moved to {}.", label(theme))
        }
    } else {
        let say = if agree == 1 { "says" } else { "say" };
        format!(
            "Row stays under {}: {agree} of {present} {docs} {say} {}. Change their themes too to move it.",
            label(row.theme),
            label(row.theme).to_lowercase()
        )
    })
}
