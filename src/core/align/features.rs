//! What the aligner knows of each segment: a TF-IDF vector of content-word stems, its
//! theme, its place in the document and the proper names it mentions.
//!
//! Stop words are dropped and the document's own party names are folded into one
//! token, so "Azerbaijan supports…" and "Kazakhstan supports…" read alike. IDF is taken
//! over all segments of the comparison: template words weigh little, and the object of
//! a commitment (the *Trans-Caspian* corridor, not the *North–South* one) weighs much.

use crate::core::align::acronyms::Acronyms;
use crate::core::fast_hash::FxHashMap as HashMap;
use crate::core::parties::Parties;
use crate::core::semantic::DenseVec;
use crate::core::sparse::SparseVec;
use crate::core::text;
use rayon::prelude::*;
use std::collections::HashSet;

/// A segment as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// L2-normalised TF-IDF vector.
    pub vector: SparseVec,
    /// Primary theme index.
    pub theme: usize,
    /// Position in its document, 0.0 (start) to 1.0 (end).
    pub position: f32,
    /// Proper names it mentions (lower case, sorted), other than its parties.
    pub names: Vec<String>,
    /// Its meaning, from the static semantic table (empty when the table is missing).
    pub semantic: DenseVec,
}

/// Whether two segments name different things: each mentions proper names the other
/// lacks, more of them than the names they share. Such sentences may share a template
/// ("support the development of the … corridor") but not a commitment.
pub fn names_conflict(a: &Features, b: &Features) -> bool {
    let only = |x: &[String], y: &[String]| x.iter().filter(|n| y.binary_search(n).is_err()).count();
    let shared = a.names.iter().filter(|n| b.names.binary_search(n).is_ok()).count();
    let (only_a, only_b) = (only(&a.names, &b.names), only(&b.names, &a.names));
    only_a > 0 && only_b > 0 && shared < only_a.min(only_b)
}

/// What the aligner reads of a segment: its content-word stems, with the document's
/// party names folded into one token (the TF-IDF vector's terms), and its words for the
/// semantic vector: all of them (SIF weighting makes little of function words) but the
/// party names, so "Azerbaijan supports…" and "Kazakhstan supports…" mean the same.
///
/// A name that an acronym of the comparison stands for ([`Acronyms`]) is read with the
/// acronym as well: "the World Trade Organization" as "the WTO World Trade Organization".
pub fn segment_terms(raw: &str, parties: &Parties, acronyms: &Acronyms) -> (Vec<String>, String) {
    let words = text::figures_as_digits(text::words(raw));
    let spans = parties.spans(&words);
    let mut stems = Vec::with_capacity(words.len());
    let mut plain = String::with_capacity(raw.len());
    let mut i = 0;
    let mut k = 0;
    while i < words.len() {
        if let Some(&(_, len)) = spans.get(k).filter(|(s, _)| *s == i) {
            stems.push("\u{2039}party\u{203a}".to_owned());
            i += len;
            k += 1;
            continue;
        }
        if let Some((_, acronym)) = acronyms.name_at(&words[i..]) {
            stems.push(text::stem(acronym));
        }
        if !plain.is_empty() {
            plain.push(' ');
        }
        plain.push_str(&words[i]);
        let w = text::normalise_spelling(&words[i]);
        if !text::is_stopword(&w) {
            stems.push(text::stem(&w));
        }
        i += 1;
    }
    (stems, plain)
}

/// IDF-weighted, normalised vectors from token lists (one list per segment, per document).
pub fn vectorise(docs: &[Vec<Vec<String>>]) -> Vec<Vec<SparseVec>> {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut total = 0usize;
    for seg in docs.iter().flatten() {
        total += 1;
        let mut seen: Vec<u32> = Vec::new();
        for t in seg {
            let next = ids.len() as u32;
            let id = *ids.entry(t.as_str()).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
            }
            if !seen.contains(&id) {
                seen.push(id);
                df[id as usize] += 1;
            }
        }
    }
    let idf: Vec<f32> = df.iter().map(|&d| ((total as f32 + 1.0) / (d as f32 + 1.0)).ln() + 1.0).collect();
    docs.iter()
        .map(|doc| {
            doc.iter()
                .map(|seg| {
                    let tf = SparseVec::from_entries(seg.iter().map(|t| (ids[t.as_str()], 1.0)).collect());
                    SparseVec::from_entries(
                        tf.entries().iter().map(|&(id, n)| (id, (1.0 + n.ln()) * idf[id as usize])).collect(),
                    )
                    .normalised()
                })
                .collect()
        })
        .collect()
}

/// Words before a leader's name: the capitalised words after them name a person who
/// stands for a party.
const LEADER_TITLES: &[&str] = &[
    "chairman",
    "chancellor",
    "dr",
    "emir",
    "excellency",
    "highness",
    "king",
    "majesty",
    "minister",
    "mr",
    "mrs",
    "ms",
    "premier",
    "president",
    "prince",
    "queen",
    "secretary",
    "sultan",
];

/// Proper names of each segment of each document: capitalised words after the first
/// word that are not country names and that no document of the comparison ever writes
/// in lower case (so `Corridor` in a title-cased name is not a name, but `Caspian` is).
/// A name that only one document writes is that document's own, like its party names
/// (its leaders, its cities: "Widodo" in one statement, "Nguyen Phu Trong" in the
/// other), and is dropped: it cannot tell apart two commitments of different documents.
/// So is a leader's name after a title (`President Biden`), which stands for a party
/// even when both documents write it, and the title itself.
pub fn proper_names(texts: &[Vec<&str>], whole_texts: &[&str]) -> Vec<Vec<Vec<String>>> {
    let mut lower: HashSet<String> = HashSet::new();
    for t in whole_texts {
        for w in t.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(w.to_owned());
            }
        }
    }
    let countries = Parties::every_country();
    let mut names: Vec<Vec<Vec<String>>> = texts
        .par_iter()
        .map(|segments| {
            segments
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    let mut party = vec![false; words.len()];
                    for (start, len) in countries.spans(&lowered) {
                        party[start..start + len].iter_mut().for_each(|x| *x = true);
                    }
                    // A leader's name stands for a party, as the country's name does:
                    // `President Biden`, `General Secretary Nguyen Phu Trong`.
                    let mut k = 0;
                    while k < words.len() {
                        k += 1;
                        if !LEADER_TITLES.contains(&lowered[k - 1].as_str()) {
                            continue;
                        }
                        // The title is no name either: "President" tells no two
                        // commitments apart.
                        party[k - 1] = true;
                        while k < words.len()
                            && words[k].chars().next().is_some_and(char::is_uppercase)
                            && !LEADER_TITLES.contains(&lowered[k].as_str())
                        {
                            party[k] = true;
                            k += 1;
                        }
                    }
                    let mut names: Vec<String> = words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .filter(|&(k, w)| {
                            !party[k]
                                && w.chars().next().is_some_and(char::is_uppercase)
                                && w.chars().skip(1).any(char::is_lowercase)
                                && !lower.contains(&lowered[k])
                        })
                        .map(|(k, _)| lowered[k].clone())
                        .collect();
                    names.sort();
                    names.dedup();
                    names
                })
                .collect()
        })
        .collect();
    let mut documents_writing: HashMap<String, usize> = HashMap::default();
    for doc in &names {
        let mut own: Vec<&String> = doc.iter().flatten().collect();
        own.sort_unstable();
        own.dedup();
        for n in own {
            *documents_writing.entry(n.clone()).or_insert(0) += 1;
        }
    }
    for seg in names.iter_mut().flatten() {
        seg.retain(|n| documents_writing.get(n).is_some_and(|&c| c > 1));
    }
    names
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_conflict_only_when_each_names_something_the_other_does_not() {
        let f =
            |names: &[&str]| Features { names: names.iter().map(|s| s.to_string()).collect(), ..Features::default() };
        assert!(names_conflict(&f(&["caspian", "trans"]), &f(&["north", "south"])));
        assert!(names_conflict(&f(&["caspian", "international", "trans"]), &f(&["international", "north", "south"])));
        assert!(!names_conflict(
            &f(&["baku", "caucasus", "ceyhan", "tbilisi"]),
            &f(&["baku", "ceyhan", "southern", "tbilisi"])
        ));
        assert!(!names_conflict(&f(&["osh"]), &f(&[])));
    }

    #[test]
    fn a_name_only_one_document_writes_is_its_own_and_not_a_name_to_tell_apart() {
        let a = "Leaders met in Hanoi. President Trong welcomed the Mekong initiative.";
        let b = "Leaders met in Jakarta. President Widodo welcomed the Mekong initiative.";
        let names = proper_names(&[vec![a], vec![b]], &[a, b]);
        assert_eq!(names[0][0], vec!["mekong"]);
        assert_eq!(names[1][0], vec!["mekong"]);
    }

    #[test]
    fn a_leaders_name_after_a_title_is_not_a_name_to_tell_apart() {
        // Both statements have the United States as a party, so both write "Biden".
        let a = "President Biden welcomed the ASEAN Outlook. The Leaders met President Biden again.";
        let b = "The leaders welcomed the Mekong Outlook. President Biden thanked Prime Minister Anwar Ibrahim.";
        let names = proper_names(&[vec![a], vec![b]], &[a, b]);
        // `biden` is gone from both, and so is the title: `president` is no name.
        assert_eq!(names[0][0], vec!["outlook"]);
        assert_eq!(names[1][0], vec!["outlook"]);
    }

    #[test]
    fn a_name_and_the_acronym_another_document_writes_share_a_term() {
        let a = "China supports the early accession of Uzbekistan to the WTO.";
        let b = "The Union supports the accession of Azerbaijan to the World Trade Organization.";
        let acronyms = Acronyms::learn(&[a, b]);
        let terms = |t: &str, acr: &Acronyms| segment_terms(t, &Parties::detect(None, t), acr).0;
        let shared = |acr: &Acronyms| {
            let (ta, tb) = (terms(a, acr), terms(b, acr));
            let mut both: Vec<String> = ta.into_iter().filter(|t| tb.contains(t)).collect();
            both.sort();
            both.dedup();
            both
        };
        let without = shared(&Acronyms::default());
        let with: Vec<String> = shared(&acronyms).into_iter().filter(|t| !without.contains(t)).collect();
        assert_eq!(with, vec![text::stem("wto")], "shared without the acronyms: {without:?}");
        // The name keeps its own words.
        assert!(terms(b, &acronyms).contains(&text::stem("organization")));
    }

    #[test]
    fn rare_words_weigh_more_than_template_words() {
        let t = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let v = vectorise(&[vec![t("support corridor caspian")], vec![t("support corridor north")]]);
        let w = |d: usize, term: u32| v[d][0].entries().iter().find(|e| e.0 == term).map(|e| e.1);
        assert!(w(0, 2) > w(0, 0), "caspian (in one segment) outweighs support (in both)");
    }
}
