//! Sessions: the user's work on a comparison, saved as RON in a `.counterpart` file.
//!
//! A session stores decisions, not what the engine can recompute: the documents (path,
//! a content hash and a copy of the text, so it opens even when a source has moved),
//! the taxonomy, the corrections and notes (anchored to their sentences' text, so they
//! survive a source that changed), and the view. Saving writes a temporary file in the
//! same folder, flushes it and renames it over the old one: a crash or a full disk
//! leaves the previous session intact. A damaged, truncated or newer file is refused
//! with a message and changes nothing.

use crate::core::corrections::{Correction, Notes};
use crate::core::segment::fold_ws;
use crate::core::taxonomy::TaxonomyFile;
use crate::core::{Comparison, DocumentInput};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `format` field of a session file.
pub const FORMAT: &str = "counterpart-session";
/// The session format this build writes (and the newest it reads).
pub const VERSION: u32 = 1;
/// The file extension of sessions.
pub const EXTENSION: &str = "counterpart";

/// Why a session could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The file could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The session file.
        path: PathBuf,
        /// The operating system's message.
        reason: String,
    },
    /// The file is not a readable session (damaged, truncated, or another kind of file).
    #[error("{path}: not a readable Counterpart session ({reason})")]
    Damaged {
        /// The session file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The file was written by a newer Counterpart.
    #[error("{path}: written by a newer Counterpart (session format {version}; this version reads up to {VERSION})")]
    Newer {
        /// The session file.
        path: PathBuf,
        /// Its format version.
        version: u32,
    },
}

/// A session file, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionFile {
    /// Format version: the first field, so a reader can tell at once.
    pub version: u32,
    /// Always [`FORMAT`].
    pub format: String,
    /// The program that wrote it.
    pub saved_by: String,
    /// The documents, in column order.
    pub documents: Vec<SessionDocument>,
    /// The taxonomy in use.
    pub taxonomy: TaxonomyFile,
    /// The user's corrections, in the order made.
    pub corrections: Vec<AnchoredCorrection>,
    /// The user's notes on rows.
    pub notes: Vec<AnchoredNote>,
    /// Filters and view.
    pub view: ViewState,
}

/// One document of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDocument {
    /// Where it was read from: relative to the session file where possible.
    pub path: String,
    /// The column title the user gave it, if any.
    pub title: Option<String>,
    /// SHA-256 of its text, to tell whether the source changed.
    pub sha256: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// A copy of its text, used when the source has moved or is gone.
    pub text: String,
}

/// A segment named by id, with its text, to find it again after the source changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Segment id when saved (`d1.s5`).
    pub segment: String,
    /// Its text, white space folded.
    pub text: String,
}

/// A correction with anchors for each segment it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchoredCorrection {
    /// The correction as made.
    pub correction: Correction,
    /// The segments it names, with their text.
    pub anchors: Vec<Anchor>,
}

/// A note on the row holding a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchoredNote {
    /// The segment that carries the note.
    pub anchor: Anchor,
    /// The note.
    pub note: String,
}

/// Filters and view, in plain terms (the window maps them to its own types).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewState {
    /// Group rows by the sections of this document (column), or by theme when `None`.
    pub group_by_sections_of: Option<usize>,
    /// Theme ids shown (empty: all).
    pub themes: Vec<String>,
    /// Statuses hidden (`shared`, `differing`, `unique`).
    pub hidden_statuses: Vec<String>,
    /// Search text.
    pub search: String,
    /// Only rows this document (column) has.
    pub only_document: Option<usize>,
    /// Collapsed group keys.
    pub collapsed: Vec<String>,
    /// The selected row, by one of its segments.
    pub selected: Option<String>,
}

/// What the user has done, ready to save or just opened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Work {
    /// Column titles chosen by the user, per document.
    pub titles: Vec<Option<String>>,
    /// Corrections, in the order made.
    pub corrections: Vec<Correction>,
    /// Notes by segment id.
    pub notes: Notes,
    /// Filters and view.
    pub view: ViewState,
}

/// SHA-256 of a text, in hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn anchor(c: &Comparison, id: &str) -> Anchor {
    let text = c.find_segment(id).map(|(d, s)| c.documents[d].segments[s].text.clone()).unwrap_or_default();
    Anchor { segment: id.to_owned(), text }
}

fn segment_ids(corr: &Correction) -> Vec<&str> {
    match corr {
        Correction::SetTheme { segment, .. } | Correction::Split { segment } => vec![segment],
        Correction::Join { a, b } => vec![a, b],
    }
}

/// A path as stored: relative to the session's folder when the document is inside it.
fn stored_path(source: &str, session_dir: &Path) -> String {
    let p = Path::new(source);
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = std::fs::canonicalize(session_dir).unwrap_or_else(|_| session_dir.to_path_buf());
    match abs.strip_prefix(&dir) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => abs.to_string_lossy().into_owned(),
    }
}

impl SessionFile {
    /// Builds the file for a comparison, its documents and the user's work.
    pub fn new(session_path: &Path, inputs: &[DocumentInput], comparison: &Comparison, work: &Work) -> Self {
        let dir = session_path.parent().unwrap_or(Path::new("."));
        Self {
            version: VERSION,
            format: FORMAT.to_owned(),
            saved_by: format!("counterpart {}", env!("CARGO_PKG_VERSION")),
            documents: inputs
                .iter()
                .enumerate()
                .map(|(d, input)| SessionDocument {
                    path: stored_path(&input.source, dir),
                    title: work.titles.get(d).cloned().flatten(),
                    sha256: sha256_hex(&input.text),
                    encoding: input.encoding.to_owned(),
                    text: input.text.clone(),
                })
                .collect(),
            taxonomy: comparison.taxonomy.file.clone(),
            corrections: work
                .corrections
                .iter()
                .map(|c| AnchoredCorrection {
                    anchors: segment_ids(c).into_iter().map(|id| anchor(comparison, id)).collect(),
                    correction: c.clone(),
                })
                .collect(),
            notes: work
                .notes
                .iter()
                .filter(|(_, n)| !n.trim().is_empty())
                .map(|(id, n)| AnchoredNote { anchor: anchor(comparison, id), note: n.clone() })
                .collect(),
            view: work.view.clone(),
        }
    }

    /// The file as RON text.
    pub fn to_ron(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new().struct_names(false).indentor("  ".to_owned());
        // Serialising plain data to a string cannot fail.
        ron::ser::to_string_pretty(self, pretty).unwrap_or_default() + "\n"
    }

    /// Reads session text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, SessionError> {
        #[derive(Deserialize)]
        struct Header {
            version: u32,
            format: String,
        }
        let damaged = |reason: String| SessionError::Damaged { path: path.to_path_buf(), reason };
        let header: Header = ron::from_str(text).map_err(|e| damaged(e.to_string()))?;
        if header.format != FORMAT {
            return Err(damaged(format!("format is {:?}, not {FORMAT:?}", header.format)));
        }
        match header.version {
            v if v > VERSION => Err(SessionError::Newer { path: path.to_path_buf(), version: v }),
            // Version 1 is the current format. A later version adds a branch here that
            // reads the old layout and migrates it.
            1 => ron::from_str::<Self>(text).map_err(|e| damaged(e.to_string())),
            v => Err(damaged(format!("unknown format version {v}"))),
        }
    }

    /// Reads a session file.
    pub fn load(path: &Path) -> Result<Self, SessionError> {
        let bytes =
            std::fs::read(path).map_err(|e| SessionError::Io { path: path.to_path_buf(), reason: e.to_string() })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| SessionError::Damaged { path: path.to_path_buf(), reason: "not UTF-8 text".into() })?;
        Self::parse(&text, path)
    }

    /// Writes the session to `path` without ever leaving a half-written file there.
    pub fn save(&self, path: &Path) -> Result<(), SessionError> {
        write_atomically(path, self.to_ron().as_bytes(), |f, bytes| f.write_all(bytes))
    }

    /// The documents to compare: each source if it is still there (re-read, and noted
    /// when it changed), else the copy saved in the session. Returns them with notices
    /// for the user.
    pub fn documents(&self, session_path: &Path) -> (Vec<DocumentInput>, Vec<String>) {
        let dir = session_path.parent().unwrap_or(Path::new("."));
        let mut notices = Vec::new();
        let inputs = self
            .documents
            .iter()
            .map(|doc| {
                let p = Path::new(&doc.path);
                let full = if p.is_absolute() { p.to_path_buf() } else { dir.join(p) };
                match DocumentInput::load(&full) {
                    Ok(input) if sha256_hex(&input.text) == doc.sha256 => input,
                    Ok(input) => {
                        notices.push(format!(
                            "{}: changed since the session was saved; compared again and corrections re-applied",
                            full.display()
                        ));
                        input
                    }
                    Err(e) => {
                        notices.push(format!("{e}; using the copy saved in the session"));
                        DocumentInput::from_text(full.display().to_string(), doc.text.clone())
                    }
                }
            })
            .collect();
        (inputs, notices)
    }

    /// The user's work, re-anchored on a fresh comparison of the documents: a
    /// correction or note whose sentence is gone is listed, not dropped silently.
    pub fn work(&self, comparison: &Comparison) -> (Work, Vec<String>) {
        let mut lost = Vec::new();
        let mut corrections = Vec::new();
        for ac in &self.corrections {
            let ids: Option<Vec<String>> = ac.anchors.iter().map(|a| find_anchor(comparison, a)).collect();
            match ids.map(|ids| rebuild(&ac.correction, &ids)) {
                Some(Some(c)) => corrections.push(c),
                _ => lost.push(format!("Correction no longer applies: {}", ac.correction.describe())),
            }
        }
        let mut notes = Notes::new();
        for n in &self.notes {
            match find_anchor(comparison, &n.anchor) {
                Some(id) => {
                    notes.insert(id, n.note.clone());
                }
                None => lost.push(format!("Note no longer applies (its sentence is gone): {}", n.note)),
            }
        }
        let titles = self.documents.iter().map(|d| d.title.clone()).collect();
        (Work { titles, corrections, notes, view: self.view.clone() }, lost)
    }
}

/// The segment an anchor names now: the same id with the same text, else a segment of
/// the same document with that text.
fn find_anchor(c: &Comparison, a: &Anchor) -> Option<String> {
    if let Some((d, s)) = c.find_segment(&a.segment)
        && fold_ws(&c.documents[d].segments[s].text) == fold_ws(&a.text)
    {
        return Some(a.segment.clone());
    }
    let doc = a.segment.split_once(".s").map(|(d, _)| d)?;
    let d = c.documents.iter().position(|x| x.id == doc)?;
    c.documents[d].segments.iter().find(|s| fold_ws(&s.text) == fold_ws(&a.text)).map(|s| s.id.clone())
}

fn rebuild(c: &Correction, ids: &[String]) -> Option<Correction> {
    Some(match c {
        Correction::SetTheme { theme, .. } => {
            Correction::SetTheme { segment: ids.first()?.clone(), theme: theme.clone() }
        }
        Correction::Split { .. } => Correction::Split { segment: ids.first()?.clone() },
        Correction::Join { .. } => Correction::Join { a: ids.first()?.clone(), b: ids.get(1)?.clone() },
    })
}

/// Writes `bytes` to a temporary file beside `path` with `write`, flushes it to disk
/// and renames it over `path`. If anything fails, `path` is untouched and the
/// temporary file is removed.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), SessionError> {
    let io = |e: std::io::Error| SessionError::Io { path: path.to_path_buf(), reason: format!("cannot save: {e}") };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "session".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        write(&mut f, bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::corrections;
    use crate::core::{CompareOptions, compare};

    fn setup(dir: &Path) -> (Vec<DocumentInput>, Comparison) {
        let a = dir.join("a.txt");
        let b = dir.join("b.txt");
        std::fs::write(&a, "Declaration A and B\n\nThe Parties will combat terrorism and extremism. The Parties will expand trade in goods.").unwrap();
        std::fs::write(
            &b,
            "Declaration A and C\n\nThe Parties will combat terrorism and separatism. Culture days will be held.",
        )
        .unwrap();
        let inputs = vec![DocumentInput::load(&a).unwrap(), DocumentInput::load(&b).unwrap()];
        let c = compare(&inputs, &CompareOptions::default());
        (inputs, c)
    }

    fn work() -> Work {
        Work {
            titles: vec![Some("Alpha".into()), None],
            corrections: vec![
                Correction::SetTheme { segment: "d1.s2".into(), theme: "culture".into() },
                Correction::Split { segment: "d2.s1".into() },
            ],
            notes: [("d1.s1".to_owned(), "Check the Russian text.".to_owned())].into_iter().collect(),
            view: ViewState { search: "terror".into(), group_by_sections_of: Some(1), ..ViewState::default() },
        }
    }

    #[test]
    fn save_and_open_give_back_the_same_work() {
        let dir = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        SessionFile::new(&path, &inputs, &c, &work()).save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("(\n  version: 1,"), "{}", &text[..40]);
        assert!(text.contains("path: \"a.txt\""), "paths are relative to the session");
        let file = SessionFile::load(&path).unwrap();
        let (docs, notices) = file.documents(&path);
        assert!(notices.is_empty(), "{notices:?}");
        let c2 = compare(&docs, &CompareOptions::default());
        let (w, lost) = file.work(&c2);
        assert!(lost.is_empty());
        assert_eq!(w, work());
        let (a, _) = corrections::apply(&c, &work().corrections);
        let (b, _) = corrections::apply(&c2, &w.corrections);
        assert_eq!(a.rows, b.rows);
    }

    #[test]
    fn a_moved_source_opens_from_the_saved_copy_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        SessionFile::new(&path, &inputs, &c, &work()).save(&path).unwrap();
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        let (docs, notices) = SessionFile::load(&path).unwrap().documents(&path);
        assert_eq!(docs[0].text, inputs[0].text);
        assert!(notices[0].contains("a.txt: file not found; using the copy saved in the session"), "{notices:?}");
    }

    #[test]
    fn a_changed_source_is_compared_again_and_lost_corrections_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        SessionFile::new(&path, &inputs, &c, &work()).save(&path).unwrap();
        // The trade sentence is gone; a new first sentence shifts the ids.
        std::fs::write(
            dir.path().join("a.txt"),
            "Declaration A and B\n\nThe Parties met in Baku. The Parties will combat terrorism and extremism.",
        )
        .unwrap();
        let file = SessionFile::load(&path).unwrap();
        let (docs, notices) = file.documents(&path);
        assert!(notices[0].contains("changed since the session was saved"), "{notices:?}");
        let c2 = compare(&docs, &CompareOptions::default());
        let (w, lost) = file.work(&c2);
        assert_eq!(lost, vec!["Correction no longer applies: theme of d1.s2 set to culture".to_owned()]);
        assert_eq!(w.corrections, vec![Correction::Split { segment: "d2.s1".into() }]);
        assert_eq!(
            w.notes.get("d1.s2").map(String::as_str),
            Some("Check the Russian text."),
            "the note followed its sentence"
        );
    }

    #[test]
    fn a_save_that_fails_half_way_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.counterpart");
        std::fs::write(&path, "old session").unwrap();
        let r = write_atomically(&path, b"new session, much longer", |f, bytes| {
            f.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(r.unwrap_err().to_string().contains("cannot save: disk full"));
        assert_eq!(std::fs::read(&path).unwrap(), b"old session");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }

    #[test]
    fn damaged_truncated_newer_and_foreign_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        let text = SessionFile::new(&path, &inputs, &c, &work()).to_ron();
        let p = Path::new("s.counterpart");
        let e = SessionFile::parse(&text[..text.len() / 2], p).unwrap_err();
        assert!(e.to_string().starts_with("s.counterpart: not a readable Counterpart session"), "{e}");
        let e = SessionFile::parse(&text.replacen("version: 1", "version: 7", 1), p).unwrap_err();
        assert!(matches!(e, SessionError::Newer { version: 7, .. }), "{e}");
        assert!(e.to_string().contains("written by a newer Counterpart"));
        let e = SessionFile::parse(&text.replacen("documents:", "documents: 5, x:", 1), p).unwrap_err();
        assert!(matches!(e, SessionError::Damaged { .. }));
        let e = SessionFile::parse("(version: 1, format: \"something-else\")", p).unwrap_err();
        assert!(e.to_string().contains("not \"counterpart-session\""), "{e}");
        std::fs::write(&path, [0xffu8, 0xfe, 0]).unwrap();
        assert!(matches!(SessionFile::load(&path), Err(SessionError::Damaged { .. })));
    }
}
