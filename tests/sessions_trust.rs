//! Issue 12: a session from someone else is safe to open.
//!
//! Runs the `counterpart` binary as a user would on sessions whose paths point outside
//! their folder, whose files changed, that moved with their folder, and that were made
//! hostile (huge, many documents, deeply nested, wrong types, truncated): each opens from
//! its saved copies or is refused with a message, never reading a file the user did not
//! choose, never crashing, within a memory bound.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const A: &str = "Declaration of Aland and Borduria\n\nThe Parties will combat terrorism and extremism. \
                 The Parties will expand trade in goods.\n";
const B: &str = "Declaration of Aland and Carpathia\n\nThe Parties will combat terrorism and separatism. \
                 Culture days will be held in both capitals.\n";

fn run_in(dir: &Path, args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_counterpart")).current_dir(dir).args(args).output().expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `a.txt` and `b.txt` in `dir`, saved as `s.counterpart` beside them (a bare file
/// name, as a user types it); returns the session's path.
fn saved_session(dir: &Path) -> PathBuf {
    std::fs::write(dir.join("a.txt"), A).expect("write");
    std::fs::write(dir.join("b.txt"), B).expect("write");
    let o = run_in(
        dir,
        &["report".as_ref(), "a.txt".as_ref(), "b.txt".as_ref(), "--save-session".as_ref(), "s.counterpart".as_ref()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join("s.counterpart")
}

fn markdown_of(dir: &Path, session: &Path, extra: &[&str]) -> (String, String) {
    let out = dir.join("r.md");
    let _ = std::fs::remove_file(&out);
    let mut args: Vec<&OsStr> =
        vec!["report".as_ref(), "--session".as_ref(), session.as_os_str(), "--markdown".as_ref(), out.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    (std::fs::read_to_string(&out).expect("report written"), stderr(&o))
}

#[test]
fn issue_12_a_session_pointing_outside_its_folder_reports_the_saved_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let session = saved_session(dir.path());
    let text = std::fs::read_to_string(&session).expect("session");
    assert!(text.contains("path: \"a.txt\"") && text.contains("path: \"b.txt\""), "paths relative to the session");

    // The exploit of the issue, with a file of ours standing in for /etc/os-release.
    let secret = elsewhere.path().join("os-release");
    std::fs::write(&secret, "NAME=\"Secret Linux\"\nThe Parties will publish SECRET-TOKEN-42.\n").expect("write");
    let hostile = text.replace("path: \"b.txt\"", &format!("path: {:?}", secret.display().to_string()));
    std::fs::write(&session, hostile).expect("write");

    let (md, err) = markdown_of(dir.path(), &session, &[]);
    let said = format!(
        "counterpart: notice: d2: {} is outside the session's folder, so it was not read; using the copy saved in the session",
        secret.display()
    );
    assert!(err.contains(&said), "{err}");
    assert!(err.contains("--use-current-files uses the file"), "{err}");
    assert!(!md.contains("SECRET-TOKEN-42"), "the report carries the saved copy, not the file");
    assert!(md.contains("Culture days will be held in both capitals"), "{md}");

    // Asked for, the file is read.
    let (md, err) = markdown_of(dir.path(), &session, &["--use-current-files"]);
    assert!(md.contains("SECRET-TOKEN-42"));
    assert!(err.contains("changed since the session was saved; compared again and corrections re-applied"), "{err}");
}

#[test]
fn a_changed_file_opens_from_the_saved_copy_until_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = saved_session(dir.path());
    std::fs::write(dir.path().join("a.txt"), A.replace("trade in goods", "trade in services")).expect("write");
    let (md, err) = markdown_of(dir.path(), &session, &[]);
    assert!(md.contains("trade in goods") && !md.contains("trade in services"), "{md}");
    let said = format!(
        "d1: {} changed since the session was saved; using the copy saved in the session (file: ",
        dir.path().join("a.txt").display()
    );
    assert!(err.contains(&said), "{err}");
    assert!(err.contains(" bytes, modified 20") && err.contains(&format!("saved copy: {} bytes)", A.len())), "{err}");
    // The flow users had before, one flag away.
    let (md, err) = markdown_of(dir.path(), &session, &["--use-current-files"]);
    assert!(md.contains("trade in services"), "{md}");
    assert!(
        err.contains("a.txt: changed since the session was saved; compared again and corrections re-applied"),
        "{err}"
    );
}

#[test]
fn use_current_files_needs_a_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o =
        run_in(dir.path(), &["report".as_ref(), "--use-current-files".as_ref(), "a.txt".as_ref(), "b.txt".as_ref()]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o), "counterpart: --use-current-files goes with --session FILE.counterpart\n");
}

#[test]
fn sessions_move_with_their_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    std::fs::create_dir_all(work.join("sub")).expect("mkdir");
    std::fs::write(work.join("a.txt"), A).expect("write");
    std::fs::write(work.join("sub/b.txt"), B).expect("write");
    // Saved from elsewhere, with absolute paths given: still stored relative.
    let session = work.join("s.counterpart");
    let (a, b) = (work.join("a.txt"), work.join("sub/b.txt"));
    let o = run_in(
        root.path(),
        &["report".as_ref(), a.as_os_str(), b.as_os_str(), "--save-session".as_ref(), session.as_os_str()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&session).expect("session");
    assert!(text.contains("path: \"a.txt\"") && text.contains("path: \"sub/b.txt\""), "{text}");

    let moved = root.path().join("moved");
    std::fs::rename(&work, &moved).expect("move the folder");
    // The old place now holds other files: they must not be read.
    std::fs::create_dir_all(work.join("sub")).expect("mkdir");
    std::fs::write(work.join("a.txt"), "The Parties will do something else entirely.").expect("write");
    let out = root.path().join("r.json");
    let o = run_in(
        root.path(),
        &[
            "report".as_ref(),
            "--session".as_ref(),
            moved.join("s.counterpart").as_os_str(),
            "--json".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("counterpart:"),
        "no notice: the files beside the moved session are found and unchanged: {}",
        stderr(&o)
    );
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("json")).expect("json");
    let sources: Vec<&str> =
        r["documents"].as_array().expect("documents").iter().filter_map(|d| d["source"].as_str()).collect();
    assert_eq!(sources, [moved.join("a.txt").display().to_string(), moved.join("sub/b.txt").display().to_string()]);
}

/// Virtual memory allowed to the binary opening a hostile session: a debug build's
/// own mappings plus room for one session at its size limit, far below what the
/// unbounded reads of these files would need.
const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;

/// Runs `counterpart report --session FILE` under a memory limit.
fn open_bounded(dir: &Path, session: &Path) -> Output {
    let script = format!("ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" report --session \"$1\"");
    Command::new("sh")
        .current_dir(dir)
        .args([OsStr::new("-c"), script.as_ref(), env!("CARGO_BIN_EXE_counterpart").as_ref(), session.as_os_str()])
        .output()
        .expect("sh runs")
}

/// Writes `head`, then `unit` `count` times, then `tail` (never all in memory).
fn write_with(path: &Path, head: &str, unit: &str, count: usize, tail: &str) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    f.write_all(head.as_bytes()).expect("write");
    for _ in 0..count {
        f.write_all(unit.as_bytes()).expect("write");
    }
    f.write_all(tail.as_bytes()).expect("write");
    f.flush().expect("flush");
}

#[test]
fn hostile_sessions_are_refused_with_a_message_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(saved_session(dir.path())).expect("session");
    let (head, tail) = text.split_at(text.find("text: \"").expect("a saved text") + "text: \"".len());
    let (docs_head, docs_tail) = text.split_at(text.find("documents: [").expect("documents") + "documents: [".len());
    let doc = "(path: \"x.txt\", title: None, sha256: \"\", encoding: \"UTF-8\", text: \"The Parties agree.\"),\n";
    let p = |name: &str| dir.path().join(name);

    // 100 MB of text in one document (with line breaks, so the parser must unescape).
    let sentence = "The Parties will cooperate.\\n";
    let sentences = 100_000_000 / (sentence.len() - 1) + 1;
    write_with(&p("huge-text.counterpart"), head, sentence, sentences, tail);
    let huge = format!(
        "at line 11: a document's saved text is {} bytes; the limit is 67108864 bytes, as for a file",
        sentences * (sentence.len() - 1) + A.len()
    );
    // 100,000 documents.
    write_with(&p("many.counterpart"), docs_head, doc, 100_000, docs_tail);
    // Brackets nested a million deep, in a field a reader skips.
    let deep = text.replacen("  documents:", "  padding: [[[[[[[[[[[[[[[[[[[[[[", 1);
    write_with(&p("deep.counterpart"), &deep[..deep.find("[[[").expect("[")], "[", 1_000_000, "");
    // Wrong types.
    std::fs::write(p("types.counterpart"), text.replacen("documents: [", "documents: \"a.txt\", x: [", 1))
        .expect("write");
    // Truncated half way.
    // (At a character boundary: the taxonomy saved in the session holds Chinese and
    // Japanese terms.)
    let half = (0..=text.len() / 2).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
    std::fs::write(p("cut.counterpart"), &text[..half]).expect("write");
    // Larger than a session may be (sparse: no disk used).
    std::fs::File::create(p("giant.counterpart")).and_then(|f| f.set_len(1 << 30)).expect("sparse file");

    let cases = [
        ("huge-text.counterpart", huge.as_str()),
        ("many.counterpart", "more than 200 documents; a session holds at most 200"),
        ("deep.counterpart", "nested too deeply at line "),
        ("types.counterpart", "expected a list in [brackets]"),
        ("cut.counterpart", "the file ends too early"),
        ("giant.counterpart", "giant.counterpart: the session file is 1073741824 bytes; the limit is"),
    ];
    for (name, want) in cases {
        let started = std::time::Instant::now();
        let o = open_bounded(dir.path(), &p(name));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: refused with exit code 1, not a crash: {err}");
        assert!(err.starts_with(&format!("counterpart: {}", p(name).display())), "{name}: names the file: {err}");
        assert!(err.contains(want), "{name}: {want:?} not in {err:?}");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        for parser_words in ["ron::", "recursion_limit", "panicked", "memory allocation"] {
            assert!(!err.contains(parser_words), "{name}: {err}");
        }
        eprintln!("{name}: refused in {:.2?}: {err}", started.elapsed());
    }
}
