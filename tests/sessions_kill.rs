//! Saves survive a kill (issue 12): a child process saves a session over and over and
//! is killed (SIGKILL on Unix) at random moments; after each kill the session file is
//! the complete old or the complete new one, and temporary files never pile up.

use counterpart::core::Taxonomy;
use counterpart::session::{FORMAT, SessionDocument, SessionFile, VERSION, ViewState, sha256_hex, write_atomically};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Set for the child: the session file it saves to.
const CHILD_ENV: &str = "COUNTERPART_KILL_TEST_SESSION";
/// Set for the child: the generation the file holds, so it need not read it first.
const FROM_ENV: &str = "COUNTERPART_KILL_TEST_FROM";
/// How many times the child is killed.
const ROUNDS: usize = 40;
/// Size of the saved text: large enough that a save takes a while, so kills land in it.
const TEXT_BYTES: usize = 512 * 1024;

/// Generation `g` of the session: every line of its text names `g`.
fn session(g: u64) -> SessionFile {
    let line = format!("Generation {g}: the Parties will cooperate closely.\n");
    let text = line.repeat(TEXT_BYTES / line.len());
    SessionFile {
        version: VERSION,
        format: FORMAT.to_owned(),
        saved_by: "kill test".to_owned(),
        documents: vec![SessionDocument {
            path: "a.txt".to_owned(),
            title: None,
            sha256: sha256_hex(&text),
            encoding: "UTF-8".to_owned(),
            text,
        }],
        taxonomy: Taxonomy::default().file,
        corrections: Vec::new(),
        notes: Vec::new(),
        view: ViewState::default(),
    }
}

/// The generation of a complete session file; panics on anything else.
fn generation(path: &Path) -> u64 {
    let file = SessionFile::load(path).unwrap_or_else(|e| panic!("not a complete session after a kill: {e}"));
    let doc = &file.documents[0];
    assert_eq!(sha256_hex(&doc.text), doc.sha256, "text and hash from the same save");
    let first = doc.text.lines().next().expect("a line");
    assert!(doc.text.lines().all(|l| l == first), "one generation throughout, never a mix");
    first.trim_start_matches("Generation ").split(':').next().and_then(|g| g.parse().ok()).expect("generation")
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

/// Not a test on its own: in the child, saves new generations until killed. Every
/// other save goes through `SessionFile::save`; the others write the same bytes
/// through the same `write_atomically` slowly, so that many kills land mid-write.
#[test]
fn saving_child() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else { return };
    let mut g: u64 = std::env::var(FROM_ENV).ok().and_then(|g| g.parse().ok()).expect("generation");
    loop {
        g += 1;
        if g.is_multiple_of(2) {
            session(g).save(&path).expect("save");
        } else {
            let slowly = |f: &mut std::fs::File, bytes: &[u8]| {
                for chunk in bytes.chunks(32 * 1024) {
                    f.write_all(chunk)?;
                    std::thread::sleep(Duration::from_millis(2));
                }
                Ok(())
            };
            write_atomically(&path, session(g).to_ron().as_bytes(), slowly).expect("save");
        }
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.counterpart");
    session(0).save(&path).expect("first save");
    // A small xorshift, seeded from the clock: different moments on each run.
    let mut seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1;
    let mut random = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut last, mut left_temp) = (0, 0);
    for _ in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "saving_child", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .env(FROM_ENV, last.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        std::thread::sleep(Duration::from_millis(20 + random(400)));
        child.kill().expect("kill");
        child.wait().expect("reaped");
        let g = generation(&path);
        assert!(g >= last, "generations only move forward ({last} then {g})");
        last = g;
        let temps = temp_files(dir.path());
        assert!(temps.len() <= 1, "temporary files pile up: {temps:?}");
        left_temp += temps.len();
    }
    eprintln!("{ROUNDS} kills: {last} saves completed, {left_temp} kills left a half-written temporary file");
    assert!(last >= ROUNDS as u64 / 2, "the child saved between kills ({last} saves)");
    // The next save cleans up after the last kill.
    session(last + 1).save(&path).expect("save");
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
    assert_eq!(generation(&path), last + 1);
}
