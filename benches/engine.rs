//! Engine benchmarks (divan): `cargo bench --bench engine`.
//!
//! - `two_samples`: the whole comparison of two bundled samples (≈5 KB each).
//! - `generated_2x2300`: two long treaties of 2,300 sentences (the size of the EU–Georgia
//!   and EU–Moldova association agreements); target < 1 s.
//! - `generated_100x300`: 100 generated declarations of 300 sentences each
//!   (`shared/bench/gen_corpus.py`, ≈2.7 MB); target < 2 s.
//! - `semantic_100x300`: the semantic layer alone (WordPiece and the static table's
//!   SIF-weighted vectors) for the 30,000 sentences of 100 generated declarations.
//! - `growth`: 100, 200, 300 and 1,000 declarations of 300 sentences, to show how time
//!   grows with the corpus; target for 1,000 × 300: < 30 s (< 2 GB, measured with
//!   `/usr/bin/time -v`; see README).
//!
//! Whole-process timings (including start-up) are taken with `hyperfine`; see README.

use counterpart::core::semantic::StaticModel;
use counterpart::core::{CompareOptions, DocumentInput, compare};
mod common;

use common::{generated, txt_files};
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn load(paths: &[PathBuf]) -> Vec<DocumentInput> {
    paths.iter().map(|p| DocumentInput::load(p).unwrap_or_else(|e| panic!("{e}"))).collect()
}

#[divan::bench(sample_count = 30)]
fn two_samples(bencher: divan::Bencher) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let files = txt_files(&root);
    let inputs = load(&files[..2]);
    bencher.bench(|| compare(divan::black_box(&inputs), &CompareOptions::default()));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn generated_2x2300(bencher: divan::Bencher) {
    let inputs = load(&generated(2, 2300));
    bencher.bench(|| compare(divan::black_box(&inputs), &CompareOptions::default()));
}

#[divan::bench(sample_count = 3, sample_size = 1, args = [100, 200, 300, 1000])]
fn growth(bencher: divan::Bencher, docs: usize) {
    let inputs = load(&generated(docs, 300));
    bencher.bench(|| compare(divan::black_box(&inputs), &CompareOptions::default()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn generated_100x300(bencher: divan::Bencher) {
    let inputs = load(&generated(100, 300));
    bencher.bench(|| compare(divan::black_box(&inputs), &CompareOptions::default()));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn semantic_100x300(bencher: divan::Bencher) {
    let inputs = load(&generated(100, 300));
    let sentences: Vec<Vec<&str>> =
        inputs.iter().map(|d| d.text.split_inclusive(". ").filter(|s| !s.trim().is_empty()).collect()).collect();
    let model = StaticModel::bundled().unwrap_or_else(|e| panic!("{e}"));
    bencher.bench(|| {
        let pieces: Vec<Vec<Vec<u32>>> =
            sentences.iter().map(|doc| doc.iter().map(|s| model.tokenize(s)).collect()).collect();
        model.embed(divan::black_box(&pieces))
    });
}
