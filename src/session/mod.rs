//! Sessions: the user's work on a comparison, saved as RON in a `.counterpart` file.
//!
//! A session stores decisions, not what the engine can recompute: the documents (path,
//! a content hash and a copy of the text), the taxonomy, the corrections and notes
//! (anchored to their sentences' text, so they survive a source that changed), and the
//! view. Sessions travel, so a session file is trusted with nothing: the saved copy of
//! each document is what opens ([`open`]); a file outside the session's folder, or one
//! that changed, is read only when the user asks ([`CurrentFiles`]); and every size in
//! the file is bounded ([`bounded`]). Saving writes a temporary file in the same folder,
//! flushes it and renames it over the old one: a crash, a kill or a full disk leaves the
//! previous session intact. A damaged, truncated, oversized or newer file is refused
//! with a message and changes nothing.

pub mod bounded;
pub mod open;

pub use open::{CurrentFiles, FileOffer, OpenedDocuments, Why};

use crate::core::corrections::{Correction, Notes};
use crate::core::segment::fold_ws;
use crate::core::taxonomy::TaxonomyFile;
use crate::core::{Comparison, DocumentInput, SegmentId};
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
    /// The file is larger than a session may be; it was not read.
    #[error("{path}: the session file is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// The session file.
        path: PathBuf,
        /// Its size, as far as it was read.
        size: u64,
        /// [`bounded::MAX_SESSION_BYTES`].
        limit: u64,
    },
    /// The work holds more than a session may (it could not be opened again).
    #[error("{path}: cannot save {count} {what}; a session holds at most {limit}")]
    TooMany {
        /// The session file.
        path: PathBuf,
        /// `documents`, `corrections` or `notes`.
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The cap.
        limit: usize,
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
    /// The documents, in column order (at most [`bounded::MAX_DOCUMENTS`]).
    #[serde(deserialize_with = "bounded::documents")]
    pub documents: Vec<SessionDocument>,
    /// The taxonomy in use.
    pub taxonomy: TaxonomyFile,
    /// The user's corrections, in the order made (at most [`bounded::MAX_CORRECTIONS`]).
    #[serde(deserialize_with = "bounded::corrections")]
    pub corrections: Vec<AnchoredCorrection>,
    /// The user's notes on rows (at most [`bounded::MAX_NOTES`]).
    #[serde(deserialize_with = "bounded::notes")]
    pub notes: Vec<AnchoredNote>,
    /// Filters and view.
    pub view: ViewState,
}

/// One document of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDocument {
    /// Where it was read from: relative to the session's folder when it lies inside it
    /// (with `/` between folders), else absolute.
    pub path: String,
    /// The column title the user gave it, if any.
    pub title: Option<String>,
    /// SHA-256 of its text, to tell whether the source changed.
    pub sha256: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// A copy of its text: what opens, unless the file is the same or the user asks for
    /// the file (at most [`crate::core::read::MAX_TEXT_BYTES`], like a file on disk).
    #[serde(deserialize_with = "bounded::saved_text")]
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
    /// The segments it names, with their text (at most [`bounded::MAX_ANCHORS`]).
    #[serde(deserialize_with = "bounded::anchors")]
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

/// The folder a session file lies in (`.` for a bare file name).
pub fn session_dir(session_path: &Path) -> &Path {
    session_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
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
        let dir = session_dir(session_path);
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
        let header: Header = bounded::from_ron(text).map_err(damaged)?;
        if header.format != FORMAT {
            return Err(damaged(format!("format is {:?}, not {FORMAT:?}", header.format)));
        }
        match header.version {
            v if v > VERSION => Err(SessionError::Newer { path: path.to_path_buf(), version: v }),
            // Version 1 is the current format. A later version adds a branch here that
            // reads the old layout and migrates it.
            1 => bounded::from_ron::<Self>(text).map_err(damaged),
            v => Err(damaged(format!("unknown format version {v}"))),
        }
    }

    /// Reads a session file: its size is checked first, and no more than
    /// [`bounded::MAX_SESSION_BYTES`] is ever read (a device or a growing file included).
    pub fn load(path: &Path) -> Result<Self, SessionError> {
        use std::io::Read;
        let io = |e: std::io::Error| SessionError::Io { path: path.to_path_buf(), reason: e.to_string() };
        let limit = bounded::MAX_SESSION_BYTES;
        let too_large = |size| SessionError::TooLarge { path: path.to_path_buf(), size, limit };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            return Err(SessionError::Damaged { path: path.to_path_buf(), reason: "it is a folder".into() });
        }
        if meta.len() > limit {
            return Err(too_large(meta.len()));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes)).map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| SessionError::Damaged { path: path.to_path_buf(), reason: "not UTF-8 text".into() })?;
        Self::parse(&text, path)
    }

    /// Writes the session to `path` without ever leaving a half-written file there.
    /// A session too large to open again is refused rather than written.
    pub fn save(&self, path: &Path) -> Result<(), SessionError> {
        for (what, count, limit) in [
            ("documents", self.documents.len(), bounded::MAX_DOCUMENTS),
            ("corrections", self.corrections.len(), bounded::MAX_CORRECTIONS),
            ("notes", self.notes.len(), bounded::MAX_NOTES),
        ] {
            if count > limit {
                return Err(SessionError::TooMany { path: path.to_path_buf(), what, count, limit });
            }
        }
        let text = self.to_ron();
        if text.len() as u64 > bounded::MAX_SESSION_BYTES {
            return Err(SessionError::TooLarge {
                path: path.to_path_buf(),
                size: text.len() as u64,
                limit: bounded::MAX_SESSION_BYTES,
            });
        }
        write_atomically(path, text.as_bytes(), |f, bytes| f.write_all(bytes))
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
    let d = c.document_index(SegmentId::parse(&a.segment)?.doc)?;
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

/// How old a temporary file of an earlier save must be before it counts as left over
/// where we cannot ask whether its process still runs: a save takes well under a minute.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The temporary file a save of `path` by process `pid` writes first.
fn temp_path(dir: &Path, name: &str, pid: u32) -> PathBuf {
    dir.join(format!(".{name}.{pid}.tmp"))
}

/// Removes temporary files an earlier save of the same file left behind when its
/// process was killed: those whose process is gone (Linux) or that are older than
/// [`STALE_TEMP_AGE`]. A save still running in another process keeps its file.
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    let proc_fs = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let gone = proc_fs && !Path::new("/proc").join(pid.to_string()).exists();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if gone || old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to a temporary file beside `path` with `write`, flushes it to disk
/// and renames it over `path`. If anything fails, `path` is untouched and the
/// temporary file is removed; one left by a killed save is removed by the next.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), SessionError> {
    let io = |e: std::io::Error| SessionError::Io { path: path.to_path_buf(), reason: format!("cannot save: {e}") };
    let dir = session_dir(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "session".into());
    remove_stale_temps(dir, &name);
    let tmp = temp_path(dir, &name, std::process::id());
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
        let o = file.open_documents(&path, &CurrentFiles::SavedCopies);
        assert!(o.notices.is_empty() && o.offers.is_empty(), "{:?} {:?}", o.notices, o.offers);
        let docs = o.inputs;
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
        let o = SessionFile::load(&path).unwrap().open_documents(&path, &CurrentFiles::SavedCopies);
        let (docs, notices) = (o.inputs, o.notices);
        assert_eq!(docs[0].text, inputs[0].text);
        assert!(notices[0].contains("a.txt: file not found; using the copy saved in the session"), "{notices:?}");
    }

    #[test]
    fn a_changed_source_opens_from_the_saved_copy_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        SessionFile::new(&path, &inputs, &c, &work()).save(&path).unwrap();
        std::fs::write(dir.path().join("a.txt"), "Declaration A and B\n\nThe Parties met in Baku.").unwrap();
        let o = SessionFile::load(&path).unwrap().open_documents(&path, &CurrentFiles::SavedCopies);
        assert_eq!(o.inputs[0].text, inputs[0].text, "the saved copy is the truth");
        assert_eq!(o.inputs[1].text, inputs[1].text);
        assert!(o.notices.is_empty(), "{:?}", o.notices);
        assert_eq!(o.offers.len(), 1);
        let offer = &o.offers[0];
        assert_eq!((offer.doc, offer.why), (0, Why::Changed));
        let m = offer.message();
        assert!(m.starts_with("d1: ") && m.contains("a.txt changed since the session was saved"), "{m}");
        assert!(m.contains("using the copy saved in the session (file: 45 bytes, modified "), "{m}");
        assert!(m.contains(&format!("saved copy: {} bytes", inputs[0].text.len())), "{m}");
        assert!(offer.action_label().starts_with("Use the file at ") && offer.action_label().ends_with("a.txt"));
        // Asked for this document only: its file is used.
        let only = CurrentFiles::Only([0].into_iter().collect());
        let o = SessionFile::load(&path).unwrap().open_documents(&path, &only);
        assert!(o.inputs[0].text.contains("met in Baku") && o.offers.is_empty());
    }

    #[test]
    fn a_file_outside_the_session_folder_is_not_read_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let folder = dir.path().join("session");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("s.counterpart");
        let mut file = SessionFile::new(&path, &inputs, &c, &work());
        assert!(Path::new(&file.documents[0].path).is_absolute(), "outside the folder: absolute");
        let secret = elsewhere.path().join("secret.txt");
        std::fs::write(&secret, "The Parties will share the secret.").unwrap();
        file.documents[1].path = secret.display().to_string();
        // A relative path climbing out of the folder: not read, even though the same.
        file.documents[0].path = "../a.txt".into();
        file.save(&path).unwrap();
        let o = SessionFile::load(&path).unwrap().open_documents(&path, &CurrentFiles::SavedCopies);
        assert_eq!(o.inputs[0].text, inputs[0].text);
        assert_eq!(o.inputs[1].text, inputs[1].text);
        assert!(o.offers.iter().all(|f| f.why == Why::Outside), "{:?}", o.offers);
        assert_eq!(o.offers.len(), 2);
        assert!(o.offers[1].message().contains("secret.txt is outside the session's folder, so it was not read"));
        let o = SessionFile::load(&path).unwrap().open_documents(&path, &CurrentFiles::All);
        assert!(o.inputs[1].text.contains("share the secret"), "read when asked");
        assert!(o.notices.iter().any(|n| n.contains("secret.txt: changed since the session was saved")));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_folder_pointing_out_counts_as_outside() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        SessionFile::new(&path, &inputs, &c, &work()).save(&path).unwrap();
        let secret = elsewhere.path().join("secret.txt");
        std::fs::write(&secret, std::fs::read(dir.path().join("b.txt")).unwrap()).unwrap();
        std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        std::os::unix::fs::symlink(&secret, dir.path().join("b.txt")).unwrap();
        let o = SessionFile::load(&path).unwrap().open_documents(&path, &CurrentFiles::SavedCopies);
        assert_eq!(o.offers.len(), 1, "{:?}", o.offers);
        assert_eq!((o.offers[0].doc, o.offers[0].why), (1, Why::Outside));
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
        let o = file.open_documents(&path, &CurrentFiles::All);
        let (docs, notices) = (o.inputs, o.notices);
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
    fn a_temporary_file_left_by_a_killed_save_is_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.counterpart");
        // Process ids above the kernel's maximum (2^22) never run.
        let dead = temp_path(dir.path(), "s.counterpart", 4_999_999);
        std::fs::write(&dead, "half a sess").unwrap();
        let alive = temp_path(dir.path(), "s.counterpart", std::process::id() + 1);
        std::fs::write(&alive, "a save running elsewhere").unwrap();
        let old = temp_path(dir.path(), "s.counterpart", 1);
        std::fs::write(&old, "left long ago").unwrap();
        let long_ago = std::time::SystemTime::now() - 2 * STALE_TEMP_AGE;
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(long_ago).unwrap();
        let other = temp_path(dir.path(), "other.counterpart", 4_999_999);
        std::fs::write(&other, "another file's save").unwrap();
        write_atomically(&path, b"new", std::io::Write::write_all).unwrap();
        assert!(!dead.exists(), "a dead process's temporary file is removed");
        assert!(!old.exists(), "an old temporary file is removed");
        assert!(other.exists(), "another file's temporary files are not touched");
        let linux = Path::new("/proc/self").exists();
        assert_eq!(alive.exists(), !linux || Path::new("/proc").join((std::process::id() + 1).to_string()).exists());
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn a_bare_session_file_name_stores_relative_paths() {
        assert_eq!(session_dir(Path::new("s.counterpart")), Path::new("."));
        assert_eq!(session_dir(Path::new("/a/s.counterpart")), Path::new("/a"));
        assert_eq!(open::resolve(Path::new("s.counterpart"), "a.txt"), Path::new("a.txt"));
        assert_eq!(open::resolve(Path::new("x/s.counterpart"), "sub/a.txt"), Path::new("x/sub/a.txt"));
        assert_eq!(open::resolve(Path::new("x/s.counterpart"), "/etc/os-release"), Path::new("/etc/os-release"));
    }

    /// A small valid session's text, to break in various ways.
    fn valid_text(dir: &Path) -> String {
        let (inputs, c) = setup(dir);
        SessionFile::new(&dir.join("s.counterpart"), &inputs, &c, &work()).to_ron()
    }

    #[test]
    fn deep_nesting_is_refused_in_the_users_words() {
        let dir = tempfile::tempdir().unwrap();
        let text = valid_text(dir.path());
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let hostile = text.replacen("  documents:", &format!("  extra:\n{deep},\n  documents:"), 1);
        let e = SessionFile::parse(&hostile, Path::new("s.counterpart")).unwrap_err().to_string();
        // `(`, version, format, saved_by, `extra:`, then the brackets on line 6.
        assert!(e.contains("nested too deeply at line 6"), "{e}");
        assert!(!e.contains("ron::") && !e.contains("recursion"), "{e}");
    }

    #[test]
    fn wrong_types_and_truncation_are_refused_in_the_users_words() {
        let dir = tempfile::tempdir().unwrap();
        let text = valid_text(dir.path());
        let p = Path::new("s.counterpart");
        let cases = [
            (text.replacen("version: 1", "version: \"1\"", 1), "at line 2: expected a whole number"),
            (text.replacen("documents: [", "documents: \"a.txt\", x: [", 1), "expected a list in [brackets]"),
            (text.replacen("sha256: \"", "sha256: 12, x: \"", 1), "expected text in \"quotes\""),
            (text.replacen("title: Some(\"Alpha\")", "title: Some(7)", 1), "expected text in \"quotes\""),
            (text[..text.len() * 2 / 3].to_owned(), "the file ends too early"),
            (text.replacen("  notes: [", "  notes: [(),", 1), "the field `anchor` is missing"),
            (text.replacen("Split(", "Merge(", 1), "\"Merge\" is not one of the kinds allowed there"),
        ];
        for (hostile, want) in cases {
            let e = SessionFile::parse(&hostile, p).unwrap_err().to_string();
            assert!(e.starts_with("s.counterpart: not a readable Counterpart session ("), "{e}");
            assert!(e.contains(want), "{want:?} not in {e:?}");
            assert!(e.contains("line "), "{e}");
        }
    }

    #[test]
    fn too_many_documents_corrections_notes_or_anchors_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = valid_text(dir.path());
        let p = Path::new("s.counterpart");
        let doc = "(path: \"x.txt\", title: None, sha256: \"\", encoding: \"UTF-8\", text: \"x\"),";
        let note = "(anchor: (segment: \"d1.s1\", text: \"x\"), note: \"n\"),";
        let corr = "(correction: Split(segment: \"d1.s1\"), anchors: []),";
        let anchor = "(segment: \"d1.s1\", text: \"x\"),";
        let cases = [
            ("documents: [", doc, bounded::MAX_DOCUMENTS, "more than 200 documents; a session holds at most 200"),
            ("notes: [", note, bounded::MAX_NOTES, "more than 10000 notes"),
            ("corrections: [", corr, bounded::MAX_CORRECTIONS, "more than 10000 corrections"),
            ("anchors: [", anchor, bounded::MAX_ANCHORS, "more than 2 segments in one correction"),
        ];
        for (at, item, max, want) in cases {
            let hostile = text.replacen(at, &format!("{at}{}", item.repeat(max + 1)), 1);
            let e = SessionFile::parse(&hostile, p).unwrap_err().to_string();
            assert!(e.contains(want), "{want:?} not in {e:?}");
            // At the cap it still opens (documents beyond the sample's own do not matter here).
            let fits = text.replacen(at, &format!("{at}{}", item.repeat(max - 2)), 1);
            assert!(SessionFile::parse(&fits, p).is_ok(), "{max} {at}");
        }
    }

    #[test]
    fn work_too_large_to_open_again_is_not_saved() {
        let dir = tempfile::tempdir().unwrap();
        let (inputs, c) = setup(dir.path());
        let path = dir.path().join("s.counterpart");
        let mut file = SessionFile::new(&path, &inputs, &c, &work());
        file.documents = vec![file.documents[0].clone(); bounded::MAX_DOCUMENTS + 1];
        let e = file.save(&path).unwrap_err().to_string();
        assert!(e.ends_with("s.counterpart: cannot save 201 documents; a session holds at most 200"), "{e}");
        assert!(!path.exists());
    }

    #[test]
    fn a_saved_text_larger_than_a_file_may_be_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = valid_text(dir.path());
        let big = "a".repeat(crate::core::read::MAX_TEXT_BYTES + 1);
        let hostile = text.replacen("text: \"", &format!("text: \"{big}"), 1);
        let e = SessionFile::parse(&hostile, Path::new("s.counterpart")).unwrap_err().to_string();
        assert!(e.contains("a document's saved text is 671"), "{e}");
        assert!(e.contains("bytes; the limit is 67108864 bytes, as for a file"), "{e}");
    }

    #[test]
    fn a_file_larger_than_a_session_may_be_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.counterpart");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(bounded::MAX_SESSION_BYTES + 1).unwrap(); // sparse: no disk used
        let e = SessionFile::load(&path).unwrap_err();
        assert!(matches!(e, SessionError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("the session file is 150994945 bytes; the limit is 150994944 bytes"), "{e}");
        #[cfg(unix)]
        {
            // A device reports no size: reading stops at the limit.
            let e = SessionFile::load(Path::new("/dev/zero")).unwrap_err();
            assert!(matches!(e, SessionError::TooLarge { .. }), "{e}");
        }
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
