//! Party names: which countries a document is between, so that alignment can treat
//! them as interchangeable ("Azerbaijan supports…" ≈ "Kazakhstan supports…").
//!
//! The gazetteer is `assets/countries.txt`. A document's parties are the countries its
//! title names; without a title that names two, the countries it mentions most. A region
//! (`Central Asia`) is a party only where the title names it: a region is what
//! documents talk about, and counted in the body it would push out a party.

use crate::core::text;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The gazetteer, as shipped in `assets/countries.txt`.
pub const COUNTRIES: &str = include_str!("../../assets/countries.txt");

/// One country: the word sequences that name it.
#[derive(Debug, Clone)]
struct Country {
    names: Vec<Vec<String>>,
    /// A region (`region:` in the gazetteer): a party only where a title names it.
    region: bool,
}

/// What marks a region's line in the gazetteer.
const REGION: &str = "region:";

fn gazetteer() -> &'static Vec<Country> {
    static G: OnceLock<Vec<Country>> = OnceLock::new();
    G.get_or_init(|| {
        COUNTRIES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (region, l) = match l.strip_prefix(REGION) {
                    Some(rest) => (true, rest),
                    None => (false, l),
                };
                Country { names: l.split('|').map(text::words).filter(|w| !w.is_empty()).collect(), region }
            })
            .collect()
    })
}

/// The name sequences (lower-case words) of the parties of a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parties {
    /// Every word sequence that names one of the parties.
    names: Vec<Vec<String>>,
    /// For each first word of a name, the names (indices) that begin with it: the whole
    /// gazetteer has hundreds of names, and every sentence of a corpus is searched for them.
    by_first: HashMap<String, Vec<usize>>,
    /// The names as the rows compare words: each word as [`crate::core::diff::hash_chars`].
    hashed: Vec<Vec<u64>>,
}

impl Parties {
    /// Finds the parties of a document from its title and body text.
    pub fn detect(title: Option<&str>, body: &str) -> Self {
        let g = gazetteer();
        let mut chosen: Vec<usize> = Vec::new();
        if let Some(t) = title {
            let words = text::words(t);
            for (i, c) in g.iter().enumerate() {
                if c.names.iter().any(|n| contains_seq(&words, n)) {
                    chosen.push(i);
                }
            }
        }
        if chosen.len() < 2 {
            let words = text::words(body);
            let mut counts: HashMap<usize, usize> = HashMap::new();
            for (i, c) in g.iter().enumerate() {
                if c.region {
                    continue;
                }
                let n: usize = c.names.iter().map(|n| count_seq(&words, n)).sum();
                if n > 0 && !chosen.contains(&i) {
                    counts.insert(i, n);
                }
            }
            let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (i, _) in ranked.into_iter().take(2 - chosen.len()) {
                chosen.push(i);
            }
        }
        Self::new(chosen.iter().flat_map(|&i| g[i].names.iter().cloned()).collect())
    }

    /// Every country of the gazetteer: for telling country names from other names.
    pub fn every_country() -> Self {
        Self::new(gazetteer().iter().flat_map(|c| c.names.iter().cloned()).collect())
    }

    fn new(names: Vec<Vec<String>>) -> Self {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, n) in names.iter().enumerate() {
            if let Some(first) = n.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        let hashed =
            names.iter().map(|n| n.iter().map(|w| crate::core::diff::hash_chars(w.chars())).collect()).collect();
        Self { names, by_first, hashed }
    }

    /// Positions (start, length) in `words` where a party is named.
    pub fn spans<S: AsRef<str>>(&self, words: &[S]) -> Vec<(usize, usize)> {
        longest_spans(words.len(), |i| {
            let named = self.by_first.get(words[i].as_ref()).into_iter().flatten().map(|&k| &self.names[k]);
            named
                .filter(|n| n.len() <= words.len() - i && n.iter().zip(&words[i..]).all(|(a, b)| a == b.as_ref()))
                .map(Vec::len)
                .max()
        })
    }

    /// [`Parties::spans`] over words given as numbers ([`crate::core::diff::hash_chars`]
    /// of each word's text).
    pub fn spans_hashed(&self, words: &[u64]) -> Vec<(usize, usize)> {
        longest_spans(words.len(), |i| self.hashed.iter().filter(|n| words[i..].starts_with(n)).map(Vec::len).max())
    }
}

/// Left to right over `n` words, the longest name at each position (`longest_at`), then
/// on after it: (start, length) of each.
fn longest_spans(n: usize, longest_at: impl Fn(usize) -> Option<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        match longest_at(i) {
            Some(len) if len > 0 => {
                out.push((i, len));
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    count_seq(hay, needle) > 0
}

fn count_seq(hay: &[String], needle: &[String]) -> usize {
    if needle.is_empty() || needle.len() > hay.len() {
        return 0;
    }
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_names_are_found_the_same_in_words_and_in_their_numbers() {
        // As the rows compare them: each word's key, as a string and as a number.
        let p = Parties::detect(Some("Joint Statement of the United States of America and Viet Nam"), "");
        let w = text::words("The United States and Viet Nam welcome the visit of the U.S. Secretary of State");
        let keys: Vec<String> = w.iter().map(|x| crate::core::consensus::wording_key(x)).collect();
        let hashed: Vec<u64> = w.iter().map(|x| crate::core::diff::key_hash(x)).collect();
        assert!(p.spans(&keys).len() >= 2, "{:?}", p.spans(&keys));
        assert_eq!(p.spans_hashed(&hashed), p.spans(&keys));
    }

    #[test]
    fn names_with_one_first_word_are_each_found() {
        // "United States" and "United Kingdom" share their first word, by which names
        // are looked up.
        let p = Parties::detect(Some("Joint Statement of the United States and the United Kingdom"), "");
        let w = text::words("The United States of America and the United Kingdom");
        assert_eq!(p.spans(&w), vec![(1, 2), (7, 2)], "{w:?}");
    }

    #[test]
    fn parties_come_from_the_title() {
        let p = Parties::detect(
            Some("Joint Declaration between the Republic of Azerbaijan and the People's Republic of China"),
            "",
        );
        let w = text::words("The Azerbaijani side supports China and Armenia");
        let spans = p.spans(&w);
        assert_eq!(spans, vec![(1, 1), (4, 1)], "Armenia is not a party");
    }

    #[test]
    fn without_a_title_the_most_mentioned_countries_are_parties() {
        let p = Parties::detect(None, "Kazakhstan and China agree. Kazakhstan thanks China. Russia is mentioned once.");
        let w = text::words("Kazakhstan China Russia");
        assert_eq!(p.spans(&w).len(), 2);
    }

    #[test]
    fn a_region_is_a_party_only_where_the_title_names_it() {
        // The summit of China and the Central Asian states: its title names both.
        let summit = Parties::detect(Some("Xi'an Declaration of the China–Central Asia Summit"), "");
        assert_eq!(summit.spans(&text::words("China and Central Asia")), vec![(0, 1), (2, 2)]);
        // A report of a Korea–Turkmenistan visit that talks about Central Asia more than it
        // names Korea: the region is what it talks about, not a party.
        let body = "Korea and Turkmenistan met. Central Asia, Central Asia and Central Asia. Turkmenistan agreed.";
        let report = Parties::detect(None, body);
        assert_eq!(report.spans(&text::words("Korea Turkmenistan Central Asia")), vec![(0, 1), (1, 1)]);
    }
}
