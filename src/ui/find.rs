//! Find as a reader means it: case does not matter, a hyphen, a dash and any run of
//! white space between words are the same gap ("Five Point" finds "Five-Point" and
//! "five–point"), curly quotes and apostrophes match straight ones, and a word that a
//! hyphen at a line end broke (`fundament-` / `al`) is found whole.
//!
//! Both the text and the query are folded into units (lower-case characters and one
//! unit per gap), each unit remembering the bytes of the text it came from, so a
//! match found among the units maps back to exact byte ranges of the text, in any
//! script, even where lower-casing changes a character's length.

use crate::core::text::{LineEndHyphen, hyphen_at_line_end};
use std::ops::Range;

/// The unit that stands for a gap between words.
const GAP: char = ' ';

/// Characters that separate words the same way as a space: hyphens and dashes.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Straight forms of curly quotes and apostrophes.
fn straighten(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        c => c,
    }
}

/// A character's lower case as Find compares it: Greek final sigma is sigma, since
/// lower-casing `Σ` on its own never gives `ς`.
fn fold_case(c: char) -> impl Iterator<Item = char> {
    straighten(c).to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// The soft hyphen: a line-break hint left in text taken from PDFs, invisible, and
/// no part of a word or a gap.
const SOFT_HYPHEN: char = '\u{00AD}';

/// A text folded into units, each with the byte range of the text it stands for.
struct Folded {
    units: Vec<char>,
    spans: Vec<Range<usize>>,
}

fn fold(s: &str) -> Folded {
    let mut units = Vec::with_capacity(s.len());
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(s.len());
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        let end = i + c.len_utf8();
        // The typesetter's hyphen at a line end (`fundament-` / `al`) is no gap: part of
        // the unit before it, as a soft hyphen is. A compound's own hyphen is a gap.
        if let Some((LineEndHyphen::Word, resume)) = hyphen_at_line_end(s, i) {
            if let Some(span) = spans.last_mut() {
                span.end = resume;
            }
            skip_to = resume;
            continue;
        }
        if c == SOFT_HYPHEN {
            // Part of the unit before it, so a match spanning it maps to whole bytes.
            if let Some(span) = spans.last_mut() {
                span.end = end;
            }
            continue;
        }
        if is_gap(c) {
            match (units.last(), spans.last_mut()) {
                (Some(&GAP), Some(span)) => span.end = end,
                _ => {
                    units.push(GAP);
                    spans.push(i..end);
                }
            }
            continue;
        }
        for l in fold_case(c) {
            units.push(l);
            spans.push(i..end);
        }
    }
    Folded { units, spans }
}

/// The query's units, without gaps at either end; empty when it has no words.
fn needle_units(needle: &str) -> Vec<char> {
    let mut units = fold(needle).units;
    while units.last() == Some(&GAP) {
        units.pop();
    }
    let lead = units.iter().take_while(|&&u| u == GAP).count();
    units.drain(..lead);
    units
}

/// Byte ranges of `hay` where `needle` is found (see the module docs for what counts
/// as equal), left to right, not overlapping. An empty or blank needle finds nothing.
pub fn find_all(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = needle_units(needle);
    if needle.is_empty() {
        return Vec::new();
    }
    let hay = fold(hay);
    let mut out = Vec::new();
    let mut at = 0;
    while at + needle.len() <= hay.units.len() {
        if hay.units[at..at + needle.len()] == needle[..] {
            out.push(hay.spans[at].start..hay.spans[at + needle.len() - 1].end);
            at += needle.len();
        } else {
            at += 1;
        }
    }
    out
}

/// Whether a query has nothing to find: empty, or only white space, hyphens and dashes.
/// Find is off then, rather than finding nothing.
pub fn is_blank(needle: &str) -> bool {
    needle_units(needle).is_empty()
}

/// Whether `needle` is found in `hay` (see [`find_all`]).
pub fn contains(hay: &str, needle: &str) -> bool {
    let needle = needle_units(needle);
    !needle.is_empty() && fold(hay).units.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(hay: &'a str, needle: &str) -> Vec<&'a str> {
        find_all(hay, needle).into_iter().map(|r| &hay[r]).collect()
    }

    #[test]
    fn a_word_broken_by_a_line_end_hyphen_is_found_whole() {
        // As the cells read it: `fundament-` / `al` is `fundamental`; a compound broken
        // after its own hyphen (marked) or before a capital keeps its gap.
        let hay = "the fundament-\nal principles of long-\tterm and Trans-\nCaspian routes";
        assert_eq!(found(hay, "fundamental principles"), vec!["fundament-\nal principles"]);
        assert_eq!(found(hay, "long-term"), vec!["long-\tterm"]);
        assert_eq!(found(hay, "Trans-Caspian"), vec!["Trans-\nCaspian"]);
        assert!(!contains(hay, "longterm"));
    }

    #[test]
    fn a_space_finds_a_hyphen_or_a_dash_and_the_reverse() {
        let hay = "the ASEAN Five-Point Consensus and a five–point plan";
        assert_eq!(found(hay, "Five Point"), vec!["Five-Point", "five–point"]);
        assert!(contains("ASEAN’s Five Point Consensus", "five-point"));
        assert!(!contains("the fivepoint plan", "five point"), "a gap is not nothing");
    }

    #[test]
    fn runs_of_white_space_are_one_gap_and_case_does_not_matter() {
        assert_eq!(
            found("Culture\n   Centres and culture centres", "CULTURE centres"),
            vec!["Culture\n   Centres", "culture centres"]
        );
    }

    #[test]
    fn curly_apostrophes_match_straight_ones() {
        assert_eq!(found("Indonesia’s role", "indonesia's"), vec!["Indonesia’s"]);
    }

    #[test]
    fn ranges_are_bytes_of_the_text_even_where_lower_case_changes_length() {
        // 'İ' lower-cases to two characters; the match still maps to whole characters.
        let hay = "İstanbul and Ankara";
        assert_eq!(found(hay, "ankara"), vec!["Ankara"]);
        assert_eq!(found(hay, "i̇stanbul"), vec!["İstanbul"]);
    }

    #[test]
    fn a_blank_query_finds_nothing_and_says_so() {
        assert!(find_all("a - b", " - ").is_empty());
        assert!(!contains("anything", "  "));
        assert!(is_blank(" – ") && is_blank("") && !is_blank("-a"));
    }

    #[test]
    fn greek_final_sigma_matches_across_case() {
        assert_eq!(found("ΟΔΟΣ and οδος", "οδος"), vec!["ΟΔΟΣ", "οδος"]);
        assert!(contains("η οδος", "ΟΔΟΣ"));
    }

    #[test]
    fn a_soft_hyphen_is_invisible_to_find() {
        let hay = "trans\u{00AD}port corridor";
        assert_eq!(found(hay, "transport"), vec!["trans\u{00AD}port"]);
    }
}
