//! Prints the built-in taxonomy's evidence for each sentence given: which terms matched,
//! for which theme, and with what weight (the sentence's own words only, no context).
//! For reading a theme the classifier got wrong.
//!
//! ```text
//! cargo run --release --no-default-features --example theme_evidence -- "SENTENCE" ...
//! ```

use counterpart::core::{classify, taxonomy::Taxonomy};

fn main() {
    let taxonomy = Taxonomy::default();
    for text in std::env::args().skip(1) {
        let (_, evidence) = classify::term_scores(&taxonomy, &text);
        println!("{text}");
        for e in &evidence {
            println!("  {:<13} {:>5.2}  {}", taxonomy.themes[e.theme].id, e.weight, e.term);
        }
    }
}
