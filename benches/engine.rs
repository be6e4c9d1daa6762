//! Engine benchmarks (divan): `cargo bench --bench engine`.
//!
//! - `two_samples`: the whole comparison of two bundled samples (≈5 KB each).
//! - `generated_100x300`: 100 generated declarations of 300 sentences each
//!   (`shared/bench/gen_corpus.py`, ≈2.7 MB), the load target of the engine.
//!
//! Whole-process timings (including start-up) are taken with `hyperfine`; see README.

use counterpart::core::{CompareOptions, DocumentInput, compare};
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn load(paths: &[PathBuf]) -> Vec<DocumentInput> {
    paths.iter().map(|p| DocumentInput::load(p).unwrap_or_else(|e| panic!("{e}"))).collect()
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The generated corpus, made once under `target/` with the shared generator.
fn generated(docs: usize, sentences: usize) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(format!("target/bench-corpus-{docs}x{sentences}"));
    if txt_files(&dir).len() != docs {
        let status = std::process::Command::new("python3")
            .arg(root.join("../shared/bench/gen_corpus.py"))
            .arg(&dir)
            .args(["--docs", &docs.to_string(), "--sentences", &sentences.to_string()])
            .status()
            .expect("python3 runs the corpus generator");
        assert!(status.success());
    }
    txt_files(&dir)
}

#[divan::bench(sample_count = 30)]
fn two_samples(bencher: divan::Bencher) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let files = txt_files(&root);
    let inputs = load(&files[..2]);
    bencher.bench(|| compare(divan::black_box(&inputs), &CompareOptions::default()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn generated_100x300(bencher: divan::Bencher) {
    let inputs = load(&generated(100, 300));
    bencher.bench(|| compare(divan::black_box(&inputs), &CompareOptions::default()));
}
