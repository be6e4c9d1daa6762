//! Scores the engine on the gold-labelled development sets in `../shared/eval/dev`
//! (four groups) and `../shared/eval/dev-real` (two groups of real statements) with the
//! project's scorer, and fails below today's figures: on `dev/`, mean theme accuracy
//! ≥ 0.97, alignment F1 ≥ 0.97, segmentation ≥ 0.99; on each real group the floors in
//! [`REAL_FLOORS`]; on our own groups (`eval/own`, on which nothing is tuned) those in
//! [`OWN_FLOORS`].
//!
//! The dev set is not part of this repository. Outside CI (no `CI` variable) and
//! without `../shared`, the test says it was skipped and why, and passes; in CI (`CI`
//! set, as `.ci/run` does) missing data fails it.

use counterpart::core::{CompareOptions, DocumentInput, compare};
use counterpart::export::ReportContext;
use counterpart::export::json::to_json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval")
}

/// Documents of a group, in gold order (ids a, b, c).
fn group_documents(group: &Path) -> Vec<PathBuf> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(group.join("gold.json")).expect("gold.json")).expect("json");
    let docs = gold["documents"].as_object().expect("documents");
    let mut letters: Vec<&String> = docs.keys().collect();
    letters.sort();
    letters.into_iter().map(|l| group.join(docs[l].as_str().expect("file name"))).collect()
}

fn score(report: &Path, group: &Path) -> (f64, f64, f64) {
    let out =
        Command::new("python3").arg(eval_dir().join("score.py")).arg(report).arg(group).output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "score.py failed on {}: {}{}",
        group.display(),
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().expect("summary line");
    let get = |k: &str| -> f64 {
        last.split_whitespace()
            .find_map(|p| p.strip_prefix(k).and_then(|v| v.strip_prefix('=')))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {k} in {last}"))
    };
    println!("{}: {last}", group.file_name().unwrap_or_default().to_string_lossy());
    (get("themes_acc"), get("align_f1"), get("seg"))
}

/// Why the dev-set test cannot run here, if it cannot: `None` when the data is there.
fn missing_data(eval: &Path) -> Option<String> {
    let dev = eval.join("dev");
    let scorer = eval.join("score.py");
    if !dev.is_dir() {
        return Some(format!("{} is missing: the dev set lives in ../shared, beside the repository", dev.display()));
    }
    if !scorer.is_file() {
        return Some(format!("{} is missing", scorer.display()));
    }
    if Command::new("python3").arg("--version").output().map_or(true, |o| !o.status.success()) {
        return Some("python3 (which runs the scorer) is not installed".to_owned());
    }
    None
}

/// Whether the dev-set test must run: in CI (`CI` set to anything but `false` or
/// empty), missing data is a failure, not a skip.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
}

/// Theme accuracy and alignment F1 that each real group must keep (today's figures,
/// rounded down). `trade-americas` fitted alignment went 0.862 → 0.848 over this stop's
/// two changes to the aligner (one weight for the two cosines; `mutual_min` 0.45 and no
/// theme bonus in choosing best matches), which raised its cross-validated figure
/// (0.825 → 0.864) and the mean's (0.896 → 0.917). `us-vietnam-indonesia` fitted went
/// 0.748 → 0.740 when acronyms came in and the model was refitted (one more false pair),
/// while its cross-validated figure rose (0.726 → 0.733).
const REAL_FLOORS: [(&str, f64, f64); 2] = [("trade-americas", 0.97, 0.85), ("us-vietnam-indonesia", 0.86, 0.77)];

/// Theme accuracy and alignment F1 that each of our own held-out groups must keep
/// (today's figures, rounded down). `statement-news` fell 0.952 → 0.930 when a
/// *hospitable* welcome stopped counting as `health` (the sentence now reads `general`,
/// as its gold has it, and a gap link joins it to another closing sentence).
const OWN_FLOORS: [(&str, f64, f64); 29] = [
    ("decl-article", 0.88, 0.92),
    ("decl-article-2", 0.96, 0.87),
    ("eu-agreements", 0.95, 0.97),
    ("factsheet-statement", 0.86, 0.96),
    ("news-pair", 0.93, 0.87),
    ("news-pair-2", 0.90, 0.96),
    ("news-pair-3", 0.87, 0.86),
    ("news-pair-4", 0.95, 0.88),
    ("news-pair-5", 0.89, 0.76),
    ("news-pair-6", 0.74, 0.82),
    ("news-pair-7", 0.78, 0.78),
    ("revision-2", 0.91, 0.99),
    ("statement-news", 0.93, 0.93),
    ("statements-headed", 0.98, 0.96),
    ("summit-declarations", 0.94, 0.97),
    ("three-decl-2", 0.92, 0.89),
    ("three-layouts", 0.95, 0.86),
    ("three-partners", 0.92, 0.91),
    ("trade-eight", 0.93, 0.96),
    ("trade-template", 0.95, 0.91),
    ("treaty-pair", 0.92, 0.98),
    ("treaty-pair-2", 0.89, 0.99),
    ("treaty-pair-3", 0.86, 0.98),
    ("two-years", 0.91, 0.83),
    ("two-years-2", 0.99, 0.95),
    ("two-years-3", 0.96, 0.96),
    ("two-years-4", 0.86, 0.90),
    ("two-years-5", 0.91, 0.90),
    ("zh-pair", 0.98, 0.96),
];

fn groups_in(dir: &Path) -> Vec<PathBuf> {
    let mut groups: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("eval dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    groups.sort();
    groups
}

fn score_group(group: &Path, tmp: &Path) -> (f64, f64, f64) {
    let inputs: Vec<DocumentInput> =
        group_documents(group).iter().map(|p| DocumentInput::load(p).expect("readable")).collect();
    let c = compare(&inputs, &CompareOptions::default());
    let report = tmp.join("report.json");
    std::fs::write(&report, to_json(&ReportContext::new(&c))).expect("write");
    score(&report, group)
}

#[test]
fn dev_set_scores_meet_the_thresholds() {
    if let Some(why) = missing_data(&eval_dir()) {
        assert!(!in_ci(), "CI is set, so the dev set must be there: {why}");
        // Straight to stderr, past the test harness's capture, so `cargo test` shows it.
        let _ = writeln!(
            std::io::stderr(),
            "skipped dev_set_scores_meet_the_thresholds: {why} (CI is not set; with CI=1 this fails)"
        );
        return;
    }
    let groups = groups_in(&eval_dir().join("dev"));
    assert!(groups.len() >= 4, "expected the four dev groups");
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut sums = (0.0, 0.0, 0.0);
    for group in &groups {
        let (t, a, s) = score_group(group, tmp.path());
        sums = (sums.0 + t, sums.1 + a, sums.2 + s);
    }
    let n = groups.len() as f64;
    let (t, a, s) = (sums.0 / n, sums.1 / n, sums.2 / n);
    println!("dev mean: themes_acc={t:.4} align_f1={a:.4} seg={s:.4}");
    assert!(t >= 0.97, "mean theme accuracy {t:.4} < 0.97");
    assert!(a >= 0.97, "mean alignment F1 {a:.4} < 0.97");
    assert!(s >= 0.99, "mean segmentation {s:.4} < 0.99");

    keeps_floors(&eval_dir().join("dev-real"), &REAL_FLOORS, tmp.path());
}

/// Groups whose gold splits sentences by another convention than ours, with the
/// segmentation they keep: `treaty-pair-2` lists each treaty preamble (the parties, the
/// recitals one a line, "Have agreed as follows:") as one sentence, where `treaty-pair`
/// and the segmenter take each recital for one.
const SEGMENTATION_EXCEPTIONS: [(&str, f64); 1] = [("treaty-pair-2", 0.97)];

/// Scores each group of `dir` named in `floors` and fails below its theme accuracy and
/// alignment F1, or below 0.99 segmentation (or its [`SEGMENTATION_EXCEPTIONS`] figure).
fn keeps_floors(dir: &Path, floors: &[(&str, f64, f64)], tmp: &Path) {
    let groups = groups_in(dir);
    for &(name, themes, align) in floors {
        let group =
            groups.iter().find(|g| g.ends_with(name)).unwrap_or_else(|| panic!("group {name} in {}", dir.display()));
        let (t, a, s) = score_group(group, tmp);
        assert!(t >= themes, "{name}: theme accuracy {t:.4} < {themes}");
        assert!(a >= align, "{name}: alignment F1 {a:.4} < {align}");
        let seg = SEGMENTATION_EXCEPTIONS.iter().find(|e| e.0 == name).map_or(0.99, |e| e.1);
        assert!(s >= seg, "{name}: segmentation {s:.4} < {seg}");
    }
}

#[test]
fn own_groups_keep_their_figures() {
    if let Some(why) = missing_data(&eval_dir()) {
        assert!(!in_ci(), "CI is set, so the scorer must be there: {why}");
        let _ = writeln!(std::io::stderr(), "skipped own_groups_keep_their_figures: {why}");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    keeps_floors(&Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/own"), &OWN_FLOORS, tmp.path());
}
