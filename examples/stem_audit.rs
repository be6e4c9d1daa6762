//! Lists, for every term of the built-in taxonomy, the words of the given texts that
//! share one of its stems without being the term's own word: the candidates for
//! Snowball collisions (`hospitable` and `hospital`, `universal` and `universities`),
//! which `text::OVERSTEMMED` then gives a stem of their own.
//!
//! ```text
//! cargo run --release --no-default-features --example stem_audit -- FILE...
//! ```
//!
//! Prints one line per theme and stem: theme, term, the term's word, and the other
//! words with their counts.

use counterpart::core::{taxonomy::Taxonomy, text};
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    let taxonomy = Taxonomy::default();
    // stem → word → how often the texts write it
    let mut words_of: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("stem_audit: {path}: {e}");
                continue;
            }
        };
        for token in text::tokens(&text) {
            *words_of.entry(token.stem).or_default().entry(token.word).or_default() += 1;
        }
    }
    let mut seen = BTreeSet::new();
    for theme in &taxonomy.themes {
        for term in &theme.terms {
            let own: Vec<String> = text::tokens(&term.text).into_iter().map(|t| t.word).collect();
            for (i, stem) in term.stems.iter().enumerate() {
                if !seen.insert((theme.id.as_str(), stem.as_str())) {
                    continue;
                }
                let Some(words) = words_of.get(stem) else { continue };
                let others: Vec<String> =
                    words.iter().filter(|(w, _)| !own.contains(w)).map(|(w, n)| format!("{w}({n})")).collect();
                if !others.is_empty() {
                    let word = own.get(i).map(String::as_str).unwrap_or_default();
                    println!("{}\t{}\t{word}\t{}", theme.id, term.text, others.join(" "));
                }
            }
        }
    }
}
