//! What a row knows about its wordings: which documents word it identically
//! (wording groups), which cell is the representative wording (the consensus), and,
//! per cell, the words that differ from the consensus.
//!
//! The consensus is the wording most documents share; when no wording is shared by
//! more documents than any other, it is the medoid, the cell whose words are closest
//! to all the others (by the `similar` crate's word-diff ratio). Differences are then
//! a two-way word diff of each cell against the consensus, so in twelve templated
//! statements only "19" against "20" is marked, not every word of every cell.

use crate::core::diff::{hash_chars, key_chars, key_hash, word_ranges};
use crate::core::model::PerDocument;
use crate::core::parties::Parties;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;

/// The medoid is sought among at most this many wordings (the largest groups): with
/// hundreds of documents in a row, every pair of wordings would cost a diff each.
const MEDOID_SAMPLE: usize = 12;

/// The wording facts of one row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wording {
    /// Documents grouped by identical wording (after [`wording_key`]), largest group
    /// first, ties by document order.
    pub groups: Vec<Vec<usize>>,
    /// The document whose cell is the representative wording; `None` for a row of one
    /// document.
    pub consensus: Option<usize>,
    /// Per document, the byte ranges into its text of the words that differ from the
    /// consensus cell; none for the consensus, for cells worded like it, and for
    /// documents absent from the row.
    pub differences: PerDocument<Vec<Range<usize>>>,
}

/// Normalised wording: lower-case letters and digits only, so case, white space and
/// punctuation never make two wordings differ.
pub fn wording_key(s: &str) -> String {
    key_chars(s).collect()
}

/// A cell as consensus sees it: its document text and the byte ranges of its segments.
pub struct Cell<'a> {
    /// The document's extracted text.
    pub text: &'a str,
    /// Byte ranges of the row's segments of that document, in document order.
    pub ranges: Vec<Range<usize>>,
    /// The document's parties, whose names count as the same word across documents
    /// ("Argentina will…" and "Ecuador will…" differ in nothing an analyst asks about).
    pub parties: Option<&'a Parties>,
}

/// Stands for any party name when marking differences.
const PARTY: &str = "\u{2039}party\u{203a}";

/// The units to diff and their keys: each word with its [`wording_key`] (as
/// [`key_hash`]), a possessive `’s` dropped, and each name of the document's parties as
/// one unit spanning its words, keyed as any party: "Viet Nam will …" and "Chile will …"
/// differ in no word.
fn diff_units(text: &str, words: &[Range<usize>], parties: Option<&Parties>) -> (Vec<u64>, Vec<Range<usize>>) {
    let keys: Vec<u64> = words
        .iter()
        .map(|r| {
            let w = &text[r.clone()];
            key_hash(w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w))
        })
        .collect();
    let Some(p) = parties else {
        return (keys, words.to_vec());
    };
    let party = hash_chars(PARTY.chars());
    let (mut unit_keys, mut units) = (Vec::with_capacity(keys.len()), Vec::with_capacity(words.len()));
    let mut next = 0;
    for (start, len) in p.spans_hashed(&keys) {
        unit_keys.extend_from_slice(&keys[next..start]);
        units.extend_from_slice(&words[next..start]);
        unit_keys.push(party);
        units.push(words[start].start..words[start + len - 1].end);
        next = start + len;
    }
    unit_keys.extend_from_slice(&keys[next..]);
    units.extend_from_slice(&words[next..]);
    (unit_keys, units)
}

/// Works out the wording groups, the consensus and the differences of a row.
///
/// `cells[d]` is `None` for a document absent from the row.
pub fn wording(cells: &[Option<Cell<'_>>]) -> Wording {
    let n = cells.len();
    let present: Vec<usize> = (0..n).filter(|&d| cells[d].is_some()).collect();
    let words: Vec<Vec<Range<usize>>> = cells
        .iter()
        .map(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                c.ranges.iter().flat_map(|r| word_ranges(&c.text[r.clone()], r.start)).collect()
            })
        })
        .collect();
    // Each cell's words, normalised and run together: equal for identical wordings.
    let whole: Vec<String> = cells
        .iter()
        .zip(&words)
        .map(|(c, ws)| {
            let mut whole = String::new();
            if let Some(c) = c {
                // `wording_key` of each word, without a string per word.
                for r in ws {
                    whole.extend(key_chars(&c.text[r.clone()]));
                }
            }
            whole
        })
        .collect();
    let (keys, units): (Vec<Vec<u64>>, Vec<Vec<Range<usize>>>) = cells
        .iter()
        .zip(&words)
        .map(|(c, ws)| c.as_ref().map_or_else(Default::default, |c| diff_units(c.text, ws, c.parties)))
        .unzip();

    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &d in &present {
        match groups.iter_mut().find(|g| whole[g[0]] == whole[d]) {
            Some(g) => g.push(d),
            None => groups.push(vec![d]),
        }
    }
    // Stable sort: ties keep document order (groups were opened in document order).
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));

    if present.len() < 2 {
        return Wording { groups, consensus: None, differences: PerDocument::default() };
    }
    let consensus = if groups.len() > 1 && groups[0].len() > groups[1].len() {
        groups[0][0]
    } else {
        // One wording per group, the largest groups first, at most MEDOID_SAMPLE.
        let sample: Vec<usize> = groups.iter().take(MEDOID_SAMPLE).map(|g| g[0]).collect();
        medoid(&sample, &keys)
    };
    let same_as_consensus = |d: usize| keys[d] == keys[consensus];
    let differences = present
        .iter()
        .filter(|&&d| !same_as_consensus(d))
        .map(|&d| {
            let mut in_consensus = vec![false; keys[d].len()];
            for op in capture_diff_slices(Algorithm::Patience, &keys[d], &keys[consensus]) {
                if op.tag() == DiffTag::Equal {
                    in_consensus[op.old_range()].iter_mut().for_each(|b| *b = true);
                }
            }
            let differ: Vec<Range<usize>> =
                units[d].iter().zip(in_consensus).filter(|(_, same)| !same).map(|(r, _)| r.clone()).collect();
            (d, differ)
        })
        .filter(|(_, differ)| !differ.is_empty())
        .collect();
    Wording { groups, consensus: Some(consensus), differences }
}

/// The document whose words are closest to all others' (sum of word-diff ratios);
/// ties go to the earlier document.
fn medoid(present: &[usize], keys: &[Vec<u64>]) -> usize {
    let mut best = (present[0], f32::MIN);
    for &d in present {
        let total: f32 = present.iter().filter(|&&e| e != d).map(|&e| ratio(&keys[d], &keys[e])).sum();
        if total > best.1 {
            best = (d, total);
        }
    }
    best.0
}

/// Share of words two wordings have in common, in order: 2 × equal / (len a + len b).
fn ratio(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let equal: usize = capture_diff_slices(Algorithm::Patience, a, b)
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    2.0 * equal as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn cells<'a>(texts: &[Option<&'a str>]) -> Vec<Option<Cell<'a>>> {
        texts.iter().map(|t| t.map(|t| Cell { text: t, ranges: vec![0..t.len()], parties: None })).collect()
    }

    /// Whole-text cells, each document with its parties.
    fn party_cells<'a>(texts: &[Option<&'a str>], parties: &'a [Parties]) -> Vec<Option<Cell<'a>>> {
        texts
            .iter()
            .zip(parties)
            .map(|(t, p)| t.map(|t| Cell { text: t, ranges: vec![0..t.len()], parties: Some(p) }))
            .collect()
    }

    fn diff_words(w: &Wording, texts: &[Option<&str>], d: usize) -> Vec<String> {
        w.differences.get(d).into_iter().flatten().map(|r| texts[d].expect("present")[r.clone()].to_owned()).collect()
    }

    #[test]
    fn three_alike_and_one_different_give_two_groups_and_only_the_figure_differs() {
        let t = [
            Some("The reciprocal tariff rate will be 10 percent."),
            Some("The reciprocal tariff rate will be 19 percent."),
            Some("the reciprocal tariff rate will be 10 percent"),
            Some("The reciprocal tariff rate will be 10 percent."),
        ];
        let w = wording(&cells(&t));
        assert_eq!(w.groups, vec![vec![0, 2, 3], vec![1]]);
        assert_eq!(w.consensus, Some(0));
        assert_eq!(diff_words(&w, &t, 1), vec!["19"]);
        assert!([0, 2, 3].iter().all(|&d| w.differences.get(d).is_none()));
    }

    #[test]
    fn with_no_majority_the_medoid_is_the_consensus() {
        let t = [
            Some("Tariffs on beef will fall to 15 percent by 2026."),
            Some("Tariffs on beef will fall to 19 percent by 2026."),
            Some("Tariffs on beef and pork will fall to 19 percent by 2027 in stages."),
        ];
        let w = wording(&cells(&t));
        assert_eq!(w.groups.len(), 3);
        assert_eq!(w.consensus, Some(1), "the middle wording is closest to both others");
        assert_eq!(diff_words(&w, &t, 0), vec!["15"]);
        assert_eq!(diff_words(&w, &t, 2), vec!["and", "pork", "2027", "in", "stages"]);
    }

    #[test]
    fn the_parties_names_are_not_differences() {
        let t = [
            Some("Argentina will apply a tariff of 10 percent to Argentina’s imports."),
            Some("Kazakhstan will apply a tariff of 15 percent to Kazakhstan’s imports."),
        ];
        let parties = [
            Parties::detect(Some("United States and Argentina"), ""),
            Parties::detect(Some("United States and Kazakhstan"), ""),
        ];
        let w = wording(&party_cells(&t, &parties));
        assert_eq!(w.groups.len(), 2, "the wordings differ, so the row is not shared");
        let other = 1 - w.consensus.expect("consensus");
        assert_eq!(diff_words(&w, &t, other).len(), 1, "{:?}", diff_words(&w, &t, other));
    }

    #[test]
    fn a_party_named_in_two_words_is_one_party() {
        let t = [
            Some("Chile will eliminate tariffs on 98 per cent."),
            Some("Viet Nam will eliminate tariffs on 92 per cent."),
        ];
        let parties = [
            Parties::detect(Some("European Union and Chile"), ""),
            Parties::detect(Some("European Union and Viet Nam"), ""),
        ];
        let w = wording(&party_cells(&t, &parties));
        for d in 0..2 {
            let words = diff_words(&w, &t, d);
            assert!(words.iter().all(|x| x.chars().all(|c| c.is_ascii_digit())), "{words:?}");
        }
    }

    #[test]
    fn absent_documents_have_no_differences_and_a_lone_cell_no_consensus() {
        let t = [Some("Only here."), None];
        let w = wording(&cells(&t));
        assert_eq!(w.consensus, None);
        assert_eq!(w.groups, vec![vec![0]]);
        assert_eq!(w.differences.iter().count(), 0);
    }
}
