//! Word-level difference inside a row, for highlighting.
//!
//! Words are compared ignoring case and punctuation, with the `similar` crate's
//! Patience diff over word slices. For N documents a word of one document is *common*
//! when every other document of the row has it in the matching place; otherwise it is
//! *changed* (worded differently, or only in this document).

use crate::core::text;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::hash::Hasher;
use std::ops::Range;

/// A word of a cell's text, with how many of the other documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordMark {
    /// Byte range of the word in the document text.
    pub byte_range: Range<usize>,
    /// `true` when every other document of the row has this word here.
    pub common: bool,
    /// `true` when at least one other document has this word here (always true when
    /// `common`): the word is worded alike in some documents but not all.
    pub partial: bool,
}

/// The most other documents a cell's words are compared with.
const MAX_COMPARED: usize = 6;

/// Words of `text` (its byte range starting at `base` in the document): runs of
/// letters and digits with inner punctuation (`1.5`, `e-CMR`), as byte ranges. A Chinese
/// character or kana is a word of its own, as the engine reads it (`text::words`).
pub fn word_ranges(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_alnum_end = 0;
    // The end of a line-end hyphen's break, while the word goes on after it.
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        if start.is_some()
            && let Some((_, resume)) = text::hyphen_at_line_end(text, i)
        {
            // A word broken at a line end (`coop-` / `eration`, or the compound `long-` /
            // `term`) is one word, as the same word written on one line is.
            skip_to = resume;
        } else if text::is_ideograph(c) {
            if let Some(s) = start.take() {
                out.push(base + s..base + last_alnum_end);
            }
            out.push(base + i..base + i + c.len_utf8());
        } else if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            last_alnum_end = i + c.len_utf8();
        } else if (c.is_whitespace() || !is_inner(c))
            && let Some(s) = start.take()
        {
            out.push(base + s..base + last_alnum_end);
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + last_alnum_end);
    }
    out
}

fn is_inner(c: char) -> bool {
    matches!(c, '.' | ',' | '-' | '\'' | '’' | '/')
}

/// A text as a number: the same characters give the same number (SipHash with fixed
/// keys, so it is the same in every run). Diffs compare these rather than strings, so
/// no string is made per word: at 1,000 × 300 those allocations were half the time
/// spent on rows.
pub fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for c in chars {
        h.write_u32(c as u32);
    }
    h.finish()
}

/// The characters that make two words the same when compared: lower-case letters and
/// digits (case, white space and punctuation never make two wordings differ). One
/// definition for the status, the wording groups and the word marks.
pub fn key_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// A word's comparison key: its [`key_chars`], as [`hash_chars`].
pub fn key_hash(word: &str) -> u64 {
    hash_chars(key_chars(word))
}

fn key(doc_text: &str, r: &Range<usize>) -> u64 {
    key_hash(&doc_text[r.clone()])
}

/// Marks the words of each cell of a row.
///
/// `cells[k]` is (document text, byte ranges of the segments of that document in the
/// row); documents without segments in the row are left out by the caller. Returns, for
/// each cell, its words with their marks.
pub fn mark_words(cells: &[(&str, Vec<Range<usize>>)]) -> Vec<Vec<WordMark>> {
    let words: Vec<Vec<Range<usize>>> = cells
        .iter()
        .map(|(text, ranges)| ranges.iter().flat_map(|r| word_ranges(&text[r.clone()], r.start)).collect())
        .collect();
    let keys: Vec<Vec<u64>> =
        cells.iter().zip(&words).map(|((text, _), ws)| ws.iter().map(|r| key(text, r)).collect()).collect();
    let mut common: Vec<Vec<bool>> = words.iter().map(|w| vec![true; w.len()]).collect();
    let mut partial: Vec<Vec<bool>> = words.iter().map(|w| vec![false; w.len()]).collect();
    // With many documents, each is compared with the next few (cyclically): enough to
    // see which words differ, without N² diffs per row.
    let n = cells.len();
    let others = (n.saturating_sub(1)).min(MAX_COMPARED);
    for i in 0..n {
        for j in (1..=others).map(|k| (i + k) % n) {
            // Identical wordings (most cells of a templated row) need no diff.
            let same = keys[i] == keys[j];
            let mut in_both = vec![same; keys[i].len()];
            if !same {
                for op in capture_diff_slices(Algorithm::Patience, &keys[i], &keys[j]) {
                    if op.tag() == DiffTag::Equal {
                        in_both[op.old_range()].iter_mut().for_each(|b| *b = true);
                    }
                }
            }
            for ((c, p), b) in common[i].iter_mut().zip(partial[i].iter_mut()).zip(in_both) {
                *c &= b;
                *p |= b;
            }
        }
    }
    words
        .into_iter()
        .zip(common.into_iter().zip(partial))
        .map(|(ws, (cs, ps))| {
            ws.into_iter()
                .zip(cs.into_iter().zip(ps))
                .map(|(byte_range, (common, partial))| WordMark { byte_range, common, partial: partial || common })
                .collect()
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn changed(marks: &[WordMark], text: &str) -> Vec<String> {
        marks.iter().filter(|m| !m.common).map(|m| text[m.byte_range.clone()].to_owned()).collect()
    }

    #[test]
    fn changed_figures_are_marked_and_shared_words_are_not() {
        let a = "Raise trade to USD 20 billion by 2025.";
        let b = "Raise trade to USD 40 billion by 2025.";
        let m = mark_words(&[(a, vec![0..a.len()]), (b, vec![0..b.len()])]);
        assert_eq!(changed(&m[0], a), vec!["20"]);
        assert_eq!(changed(&m[1], b), vec!["40"]);
    }

    #[test]
    fn case_and_punctuation_are_ignored() {
        let a = "The Parties, together, agree.";
        let b = "the parties together agree";
        let m = mark_words(&[(a, vec![0..a.len()]), (b, vec![0..b.len()])]);
        assert!(m.iter().flatten().all(|w| w.common));
    }

    #[test]
    fn with_three_documents_a_word_missing_from_one_is_changed() {
        let a = "Trade and energy.";
        let b = "Trade and energy.";
        let c = "Trade.";
        let m = mark_words(&[(a, vec![0..a.len()]), (b, vec![0..b.len()]), (c, vec![0..c.len()])]);
        assert_eq!(changed(&m[0], a), vec!["and", "energy"]);
        assert!(changed(&m[2], c).is_empty());
        assert!(m[0].iter().all(|w| w.partial), "document b has every word of a");
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_the_word_written_whole() {
        // `coop-` / `eration` is a typesetter's hyphen, `long-` + COMPOUND_BREAK + `term`
        // a compound's: each is one word, worded as on one line.
        let a = "Long-term coop-\neration in well-\nknown fields.";
        let b = "Long-\tterm cooperation in wellknown fields.";
        let s: Vec<&str> = word_ranges(a, 0).into_iter().map(|r| &a[r]).collect();
        assert_eq!(s, vec!["Long-term", "coop-\neration", "in", "well-\nknown", "fields"]);
        let m = mark_words(&[(a, vec![0..a.len()]), (b, vec![0..b.len()])]);
        assert!(m.iter().flatten().all(|w| w.common), "{m:?}");
        // A compound broken before a capital is one word too; a hyphen before a
        // paragraph break ends the word.
        let c = "trade-\n\nwise Baku-\nTbilisi";
        let s: Vec<&str> = word_ranges(c, 0).into_iter().map(|r| &c[r]).collect();
        assert_eq!(s, vec!["trade", "wise", "Baku-\nTbilisi"]);
    }

    #[test]
    fn words_keep_byte_ranges_into_the_document() {
        let t = "xx Bakı–Tbilisi 1.5 bn.";
        let w = word_ranges(&t[3..], 3);
        let s: Vec<&str> = w.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(s, vec!["Bakı", "Tbilisi", "1.5", "bn"]);
    }
}
