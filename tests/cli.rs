//! Runs the `counterpart` binary as a user would and checks what it writes against
//! the JSON report contract (`shared/spec/report-json.md`).

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_counterpart"))
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn report_on(files: &[PathBuf]) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("r.json");
    let mut args: Vec<&std::ffi::OsStr> = vec!["report".as_ref(), "--json".as_ref(), out.as_os_str()];
    args.extend(files.iter().map(|p| p.as_os_str()));
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(&out).expect("report written")).expect("valid JSON")
}

#[test]
fn samples_are_at_least_four_declarations() {
    assert!(samples().len() >= 4);
}

#[test]
fn json_report_on_the_samples_keeps_the_contract() {
    let files = samples();
    let r = report_on(&files);
    assert_eq!(r["format"], "counterpart-report");
    assert_eq!(r["version"], 1);
    let theme_ids: Vec<&str> =
        r["themes"].as_array().expect("themes").iter().map(|t| t["id"].as_str().expect("id")).collect();
    assert_eq!(theme_ids.len(), 13);
    assert!(r["themes"].as_array().expect("themes").iter().all(|t| t["label"].is_string()));

    let docs = r["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), files.len());
    let mut seg_doc: HashMap<String, String> = HashMap::new();
    for (d, path) in docs.iter().zip(&files) {
        let id = d["id"].as_str().expect("doc id").to_owned();
        assert!(d["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert_eq!(Path::new(d["source"].as_str().expect("source")).file_name(), path.file_name());
        let bytes = std::fs::read(path).expect("sample");
        let segs = d["segments"].as_array().expect("segments");
        assert!(segs.len() > 20, "{id} has only {} segments", segs.len());
        let mut last_end = 0;
        for s in segs {
            let sid = s["id"].as_str().expect("segment id").to_owned();
            let (start, end) = (s["start"].as_u64().expect("start") as usize, s["end"].as_u64().expect("end") as usize);
            assert!(start >= last_end && start < end && end <= bytes.len(), "{sid}: {start}..{end}");
            last_end = end;
            let slice = std::str::from_utf8(&bytes[start..end]).expect("byte range on character boundaries");
            let fold = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold(slice), fold(s["text"].as_str().expect("text")), "{sid}");
            let theme = s["theme"].as_str().expect("theme");
            assert!(theme_ids.contains(&theme), "{sid}: {theme}");
            let scores = s["themes"].as_array().expect("themes");
            assert_eq!(scores[0]["id"], theme, "{sid}: primary theme is the best score");
            let vals: Vec<f64> = scores.iter().map(|x| x["score"].as_f64().expect("score")).collect();
            assert!(vals.windows(2).all(|w| w[0] >= w[1]), "{sid}: scores highest first");
            assert!(s["section"].is_null() || s["section"].is_string());
            assert!(seg_doc.insert(sid, id.clone()).is_none(), "segment ids unique");
        }
    }

    let mut seen: HashSet<String> = HashSet::new();
    let mut last_theme = 0;
    for row in r["rows"].as_array().expect("rows") {
        let theme = theme_ids.iter().position(|t| *t == row["theme"]).expect("row theme in taxonomy");
        assert!(theme >= last_theme, "rows ordered by theme");
        last_theme = theme;
        let sim = row["similarity"].as_f64().expect("similarity");
        assert!((0.0..=1.0).contains(&sim));
        let cells = row["cells"].as_object().expect("cells");
        assert_eq!(cells.len(), docs.len(), "every document has a cell");
        let mut present = 0;
        for (doc, ids) in cells {
            let ids = ids.as_array().expect("cell list");
            present += usize::from(!ids.is_empty());
            for id in ids {
                let id = id.as_str().expect("segment id");
                assert_eq!(seg_doc.get(id), Some(doc), "{id} belongs to {doc}");
                assert!(seen.insert(id.to_owned()), "{id} in two rows");
            }
        }
        match row["status"].as_str().expect("status") {
            "unique" => assert_eq!(present, 1),
            "shared" | "differing" => assert!(present >= 2),
            other => panic!("bad status {other}"),
        }
    }
    assert_eq!(seen.len(), seg_doc.len(), "every segment is in a row");
    let statuses: HashSet<&str> =
        r["rows"].as_array().expect("rows").iter().filter_map(|r| r["status"].as_str()).collect();
    assert_eq!(statuses.len(), 3, "the samples show shared, differing and unique rows: {statuses:?}");
}

#[test]
fn fast_is_accepted_and_gives_the_same_report() {
    // Scripts written for a two-mode engine pass `--fast`; there is one engine, so the
    // report must be the one without the flag (the date is fixed so the bytes compare).
    let dir = tempfile::tempdir().expect("tempdir");
    let files = samples();
    let write = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args: Vec<&std::ffi::OsStr> =
            vec!["report".as_ref(), "--date".as_ref(), "2026-01-01".as_ref(), "--json".as_ref(), out.as_os_str()];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        args.extend(files.iter().map(|p| p.as_os_str()));
        let o = run(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(&out).expect("report written")
    };
    assert_eq!(write("plain.json", &[]), write("fast.json", &["--fast"]));
}

#[test]
fn markdown_report_and_terminal_summary() {
    let files = samples();
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("r.md");
    let o =
        run(&["report".as_ref(), "--markdown".as_ref(), md.as_os_str(), files[0].as_os_str(), files[1].as_os_str()]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(&md).expect("markdown written");
    assert!(text.starts_with("# Comparison of 2 documents"));
    assert!(text.contains("## Political relations"));
    assert!(text.contains("**"), "changed words are marked");
    let o = run(&["report".as_ref(), files[0].as_os_str(), files[1].as_os_str()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && stdout.contains("rows:") && stdout.contains("Security"), "{stdout}");
}

#[test]
fn unreadable_files_fail_with_a_message_naming_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin_file = dir.path().join("random.txt");
    std::fs::write(&bin_file, [0u8, 159, 146, 150, 0, 1, 2, 255]).expect("write");
    let missing = dir.path().join("missing.txt");
    let o = run(&[
        "report".as_ref(),
        samples()[0].as_os_str(),
        bin_file.as_os_str(),
        missing.as_os_str(),
        dir.path().as_os_str(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("random.txt: not a text document"), "{err}");
    assert!(err.contains("missing.txt: file not found"), "{err}");
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn a_legacy_encoding_is_reported_as_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let legacy = dir.path().join("legacy.txt");
    std::fs::write(
        &legacy,
        b"The Parties welcome the \x93C\xf4te d\x92Ivoire\x94 initiative \x96 and the r\xe9sum\xe9 of talks.",
    )
    .expect("write");
    let o = run(&["report".as_ref(), samples()[0].as_os_str(), legacy.as_os_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("counterpart: notice: ") && err.contains("legacy.txt: not UTF-8; read as windows-1252"),
        "{err}"
    );
}

#[test]
fn one_document_is_not_a_comparison() {
    let o = run(&["report".as_ref(), samples()[0].as_os_str()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("at least two documents"));
}

#[test]
fn custom_taxonomy_is_used_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tax = dir.path().join("tax.ron");
    std::fs::write(
        &tax,
        r#"(version: 1, fallback: "other", themes: [(id: "sec", label: "Security", terms: ["terrorism"]), (id: "other", label: "Other", terms: [])])"#,
    )
    .expect("write");
    let out = dir.path().join("r.json");
    let files = samples();
    let o = run(&[
        "report".as_ref(),
        "--taxonomy".as_ref(),
        tax.as_os_str(),
        "--json".as_ref(),
        out.as_os_str(),
        files[0].as_os_str(),
        files[1].as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("json")).expect("json");
    let ids: Vec<&str> = r["themes"].as_array().expect("themes").iter().filter_map(|t| t["id"].as_str()).collect();
    assert_eq!(ids, ["sec", "other"]);

    std::fs::write(&tax, "(version: 1, themes: oops").expect("write");
    let o =
        run(&["report".as_ref(), "--taxonomy".as_ref(), tax.as_os_str(), files[0].as_os_str(), files[1].as_os_str()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("tax.ron: not a valid taxonomy"));
}

#[test]
fn a_saved_session_exports_every_format_identically_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("work.counterpart");
    let files = samples();
    let mut args: Vec<&std::ffi::OsStr> = vec!["report".as_ref(), "--save-session".as_ref(), session.as_os_str()];
    args.extend(files.iter().map(|p| p.as_os_str()));
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&session).expect("session written").starts_with("(\n  version: 1,"));
    let export = |tag: &str| -> Vec<Vec<u8>> {
        let outs: Vec<std::path::PathBuf> =
            ["html", "md", "json", "csv"].iter().map(|e| dir.path().join(format!("{tag}.{e}"))).collect();
        let o = run(&[
            "report".as_ref(),
            "--session".as_ref(),
            session.as_os_str(),
            "--date".as_ref(),
            "2026-11-28".as_ref(),
            "--html".as_ref(),
            outs[0].as_os_str(),
            "--markdown".as_ref(),
            outs[1].as_os_str(),
            "--json".as_ref(),
            outs[2].as_os_str(),
            "--csv".as_ref(),
            outs[3].as_os_str(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        outs.iter().map(|p| std::fs::read(p).expect("report written")).collect()
    };
    let first = export("a");
    let second = export("b");
    assert_eq!(first, second, "byte-identical reports");
    assert!(first[0].starts_with(b"<!DOCTYPE html>"));
    assert!(String::from_utf8_lossy(&first[1]).contains("Made with Counterpart on 2026-11-28."));
}

#[test]
fn a_damaged_session_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.counterpart");
    std::fs::write(&bad, "(version: 1, format: \"counterpart-session\", documents: [").expect("write");
    let o = run(&["report".as_ref(), "--session".as_ref(), bad.as_os_str()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.counterpart: not a readable Counterpart session"));
}
