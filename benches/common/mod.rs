//! Shared by the benchmarks: the generated corpus, made once under `target/` with the
//! project's generator (`shared/bench/gen_corpus.py`).

use std::path::{Path, PathBuf};

/// The `.txt` files of a folder, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// `docs` generated declarations of `sentences` sentences each.
pub fn generated(docs: usize, sentences: usize) -> Vec<PathBuf> {
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
