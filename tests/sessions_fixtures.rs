//! Session files written by each released format keep loading.
//!
//! `tests/sessions/v1-samples.counterpart` was written by session format 1 (set
//! `COUNTERPART_WRITE_FIXTURES=1` to write it again — only when adding a new format's
//! fixture, never to make an old one pass).

use counterpart::cli::open_session;
use counterpart::core::corrections::Correction;
use counterpart::core::{CompareOptions, DocumentInput, compare};
use counterpart::session::{CurrentFiles, SessionFile, ViewState, Work};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sessions/v1-samples.counterpart")
}

fn write_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = ["az-cn-2024-strategic-partnership.txt", "cn-kz-2024-joint-statement.txt"];
    let inputs: Vec<DocumentInput> =
        names.iter().map(|n| DocumentInput::load(&root.join("samples").join(n)).expect("sample")).collect();
    let c = compare(&inputs, &CompareOptions::default());
    let work = Work {
        titles: vec![Some("Azerbaijan–China 2024".into()), None],
        corrections: vec![
            Correction::SetTheme { segment: "d1.s2".into(), theme: "general".into() },
            Correction::Split { segment: "d2.s4".into() },
        ],
        notes: [("d1.s5".to_owned(), "One-China wording differs.".to_owned())].into_iter().collect(),
        view: ViewState { search: "corridor".into(), ..ViewState::default() },
    };
    let path = fixture();
    let mut file = SessionFile::new(&path, &inputs, &c, &work);
    // Paths relative to the fixture, so it opens in any clone.
    for (d, n) in file.documents.iter_mut().zip(names) {
        d.path = format!("../../samples/{n}");
    }
    file.save(&path).expect("write fixture");
}

#[test]
fn format_1_sessions_keep_loading() {
    if std::env::var_os("COUNTERPART_WRITE_FIXTURES").is_some() {
        write_fixture();
    }
    // Its documents lie outside its folder (`../../samples/`): asked for, they are read.
    let p = open_session(&fixture(), &CurrentFiles::All).expect("the v1 fixture opens");
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(p.comparison.documents.len(), 2);
    assert_eq!(p.work.titles[0].as_deref(), Some("Azerbaijan–China 2024"));
    assert_eq!(p.work.corrections.len(), 2);
    assert_eq!(p.work.notes.values().next().map(String::as_str), Some("One-China wording differs."));
    assert_eq!(p.work.view.search, "corridor");
    let (d, s) = p.comparison.find_segment("d1.s2").expect("segment");
    assert!(p.comparison.documents[d].segments[s].theme_by_user);
    // Not asked for, they are not read: the saved copies open, with a notice each.
    let q = open_session(&fixture(), &CurrentFiles::SavedCopies).expect("opens");
    assert_eq!(q.notices.len(), 2, "{:?}", q.notices);
    assert!(q.notices.iter().all(|n| n.contains("is outside the session's folder, so it was not read")));
    assert_eq!(q.comparison.rows, p.comparison.rows, "the saved copies are the same texts");
}

#[test]
fn a_format_1_session_whose_sources_are_gone_opens_from_its_copies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("moved.counterpart");
    std::fs::copy(fixture(), &copy).expect("copy");
    let p = open_session(&copy, &CurrentFiles::All).expect("opens");
    assert_eq!(p.notices.len(), 2, "{:?}", p.notices);
    assert!(p.notices.iter().all(|n| n.contains("using the copy saved in the session")));
    assert_eq!(p.work.corrections.len(), 2, "corrections still apply to the saved copies");
}
