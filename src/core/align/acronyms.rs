//! Acronyms and the names they stand for, learnt from the comparison's own text.
//!
//! One statement writes "the WTO", another "the World Trade Organization"; one news
//! report "the U.N.", the declaration it reports "the United Nations". To the words
//! these share nothing. An acronym is matched to a name when some document of the
//! comparison writes the acronym in capitals and some document (the same or another)
//! writes a run of capitalised words whose initials spell it ("Belt and Road Initiative"
//! → BRI, with `and`, `of`, `for`, `the`, `on`, `in` allowed between them). Where a
//! segment writes the name, the aligner reads the acronym as well, as one more term: the
//! name keeps its own words ("Fulbright University Vietnam" still says *university*),
//! and the acronym's words are not spread into sentences that only write the acronym
//! ("United Nations" would stem to *nation*, as "national" does).
//!
//! Nothing is listed by hand: what an acronym means is what the documents say it means.
//! An acronym whose initials fit two different names in the comparison ("DC":
//! *Department of Commerce*, *Defense Cooperation*) is ambiguous and left as it is.

use crate::core::fast_hash::FxHashMap;
use crate::core::text;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Longest acronym read, in letters: longer capitals are words set in capitals
/// ("PARTNERSHIP" in a heading), not acronyms.
const MAX_LETTERS: usize = 6;

/// Lower-case words allowed inside a name without giving a letter of its acronym.
const CONNECTORS: [&str; 6] = ["of", "and", "for", "the", "on", "in"];

/// The acronyms of a comparison and the names they stand for.
#[derive(Debug, Clone, Default)]
pub struct Acronyms {
    /// Acronym (lower case, no dots) → the lower-case words of its name.
    names: HashMap<String, Vec<String>>,
    /// First word of a name → (the name's words, its acronym), longest name first.
    by_first: FxHashMap<String, Vec<(Vec<String>, String)>>,
}

impl Acronyms {
    /// Learns the acronyms that the documents `texts` write and spell out.
    pub fn learn(texts: &[&str]) -> Self {
        let mut in_capitals: HashSet<String> = texts.par_iter().map(|t| written(t)).flatten().collect();
        // A word some text writes in lower case is a word set in capitals ("TRADE AND
        // INVESTMENT" in a heading), not an acronym.
        let words: HashSet<String> = texts
            .par_iter()
            .map(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && in_capitals.contains(*w))
                    .map(str::to_owned)
                    .collect::<HashSet<String>>()
            })
            .flatten()
            .collect();
        in_capitals.retain(|a| !words.contains(a));
        if in_capitals.is_empty() {
            return Self::default();
        }
        // In double-spaced text a hard wrap inside a name leaves a blank line.
        let found: Vec<Vec<(String, Vec<String>)>> = texts
            .par_iter()
            .map(|t| spelt_out(t, &in_capitals, if crate::core::segment::double_spaced(t) { 2 } else { 1 }))
            .collect();
        let mut names: HashMap<String, Option<Vec<String>>> = HashMap::new();
        for (key, name) in found.iter().flatten() {
            match names.get_mut(key) {
                None => {
                    names.insert(key.clone(), Some(name.clone()));
                }
                // Two names for one acronym: ambiguous.
                Some(known) if known.as_ref() != Some(name) => *known = None,
                Some(_) => {}
            }
        }
        let names: HashMap<String, Vec<String>> = names.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();
        let mut by_first: FxHashMap<String, Vec<(Vec<String>, String)>> = FxHashMap::default();
        for (key, name) in &names {
            if let Some(first) = name.first() {
                by_first.entry(first.clone()).or_default().push((name.clone(), key.clone()));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.1.cmp(&b.1)));
        }
        Self { names, by_first }
    }

    /// Whether no acronym was learnt.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// When `words` (lower case, as [`crate::core::text::words`] gives them) begin with a
    /// name an acronym stands for: the name's length in words, and the acronym.
    pub fn name_at(&self, words: &[String]) -> Option<(usize, &str)> {
        if self.by_first.is_empty() {
            return None;
        }
        let list = self.by_first.get(words.first()?)?;
        list.iter().find(|(name, _)| words.starts_with(name)).map(|(name, key)| (name.len(), key.as_str()))
    }

    /// The words of the name `acronym` (lower case, no dots) stands for.
    pub fn name_of(&self, acronym: &str) -> Option<&[String]> {
        self.names.get(acronym).map(Vec::as_slice)
    }
}

/// The acronyms `text` writes: two to six capitals (`WTO`), or single capitals each
/// followed by a dot (`U.N.`), as lower case without dots. Roman numerals (`II`, `XIV`)
/// number things and are not acronyms.
fn written(text: &str) -> HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter_map(|w| {
            let w = w.trim_end_matches('.');
            let dotted =
                w.contains('.') && w.split('.').all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
            let capitals = (2..=MAX_LETTERS).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
            let roman = w.chars().all(|c| "IVXLCDM".contains(c));
            ((dotted || capitals) && !roman).then(|| w.replace('.', "").to_lowercase())
        })
        .collect()
}

/// Every name `text` spells out whose initials make one of the acronyms `written`, with
/// that acronym: each stretch of two to six capitalised words (connectors allowed between
/// them) within a run of such words separated only by spaces, hyphens or a hard wrap (up to `wrap_breaks`
/// line breaks: one, two in double-spaced text). The name's words are as [`text::words`] gives them, as the
/// aligner reads segments.
fn spelt_out(text: &str, written: &HashSet<String>, wrap_breaks: usize) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<(String, Vec<String>)>| {
        // A connector at the end is not part of the name.
        while run.last().is_some_and(|w| CONNECTORS.contains(w)) {
            run.pop();
        }
        let capitals: Vec<usize> = (0..run.len()).filter(|&k| !CONNECTORS.contains(&run[k])).collect();
        for (a, &start) in capitals.iter().enumerate() {
            for &end in capitals.iter().skip(a + 1).take(MAX_LETTERS - 1) {
                let words = &run[start..=end];
                let key: String = words
                    .iter()
                    .filter(|w| !CONNECTORS.contains(w))
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect();
                if written.contains(&key) {
                    out.push((key, text::words(&words.join(" "))));
                }
            }
        }
        run.clear();
    };
    let mut rest = text;
    loop {
        let start = rest.find(char::is_alphabetic);
        let Some(start) = start else { break };
        let gap = &rest[..start];
        let tail = &rest[start..];
        let end = tail.find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’')).unwrap_or(tail.len());
        let word = tail[..end].trim_end_matches(['\'', '’']);
        rest = &tail[end..];
        // A single line break is a hard wrap inside the name ("the Shanghai" /
        // "Cooperation Organisation"); a blank line ends it.
        let wrapped = gap.matches('\n').count() <= wrap_breaks;
        if !(wrapped && gap.chars().all(|c| matches!(c, ' ' | '-' | '\u{2010}' | '\u{2013}' | '\n' | '\r' | '\t'))) {
            flush(&mut run, &mut out);
        }
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        if capitalised || (!run.is_empty() && CONNECTORS.contains(&word)) {
            run.push(word);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_one_document_writes_takes_the_name_another_spells_out() {
        let a = "China supports the early accession of Uzbekistan to the WTO.";
        let b = "The Parties support the World Trade Organization. They back the Belt and Road Initiative.";
        let c = "The BRI and the U.N. were discussed, with the United Nations and the People’s Liberation Army (PLA).";
        let acr = Acronyms::learn(&[a, b, c]);
        let name = |k: &str| acr.name_of(k).map(|n| n.join(" "));
        assert_eq!(name("wto").as_deref(), Some("world trade organization"));
        assert_eq!(name("bri").as_deref(), Some("belt and road initiative"));
        assert_eq!(name("un").as_deref(), Some("united nations"));
        // Runs of capitals nobody writes as an acronym are not learnt.
        assert_eq!(name("pstw"), None);
        let words = |t: &str| t.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(acr.name_at(&words("world trade organization at its core")), Some((3, "wto")));
        assert_eq!(acr.name_at(&words("world trade")), None);
        // A name with a possessive is read as the aligner reads the segment's words.
        assert_eq!(acr.name_at(&text::words("the People's Liberation Army")[1..]), Some((3, "pla")));
        assert_eq!(acr.name_at(&words("the world trade organization")), None, "only where the name begins");
    }

    #[test]
    fn a_name_broken_by_a_hard_wrap_is_still_spelt_out() {
        let a = "The Parties will coordinate in the SCO.";
        let b = "The Parties will strengthen coordination within the Shanghai\nCooperation Organisation.";
        assert_eq!(
            Acronyms::learn(&[a, b]).name_of("sco").map(|n| n.join(" ")).as_deref(),
            Some("shanghai cooperation organisation")
        );
        // A blank line ends a name: a heading is not the start of the next paragraph's.
        let b = "Shanghai\n\nCooperation Organisation members met.";
        assert_eq!(Acronyms::learn(&[a, b]).name_of("sco"), None);
        // Unless the text is double-spaced: there one blank line is a line break.
        let wrapped = "The Parties will meet every year and will strengthen, as they agreed,\ncoordination within the Shanghai\nCooperation Organisation and other bodies of which\nboth are members, and they will hold, in turn,\nconsultations in the capitals.\n";
        let b = format!("{}\n\n\n{}", wrapped.replace('\n', "\n\n"), wrapped.replace('\n', "\n\n"));
        assert!(crate::core::segment::double_spaced(&b));
        assert_eq!(
            Acronyms::learn(&[a, &b]).name_of("sco").map(|n| n.join(" ")).as_deref(),
            Some("shanghai cooperation organisation")
        );
    }

    #[test]
    fn an_acronym_with_two_names_and_roman_numerals_are_left_alone() {
        let a = "The DC will meet. See Chapter II and the International Import Expo.";
        let b = "The Department of Commerce and the Defense Cooperation office agreed.";
        let acr = Acronyms::learn(&[a, b]);
        assert_eq!(acr.name_of("dc"), None, "two names fit DC");
        assert_eq!(acr.name_of("ii"), None, "a Roman numeral");
        let c = "TRADE AND INVESTMENT. The Agreement on National Development and trade.";
        assert_eq!(Acronyms::learn(&[c]).name_of("and"), None, "a word set in capitals");
        assert!(acr.is_empty());
    }

    #[test]
    fn a_name_does_not_run_across_punctuation() {
        // "Kazakhstan. Trade Organization" is no name: the full stop ends the run.
        let acr = Acronyms::learn(&["Visit to Kazakhstan. Trade Organization rules apply.", "The KTO met."]);
        assert_eq!(acr.name_of("kto"), None);
    }
}
