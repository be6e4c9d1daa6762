//! Opening a session's documents: the saved copy is the truth unless the user asks.
//!
//! A session may come from someone else, and its paths may point anywhere (`/etc/…`,
//! `~/.ssh/…`). So a document opens from the copy saved in the session, except when its
//! file lies inside the session's folder and holds exactly that text (then the file is
//! read, which keeps page and paragraph origins). A file outside the folder is never
//! read, and a changed one never used, unless the user asks: `--use-current-files` on
//! the command line, "Use the file at …" in the window ([`CurrentFiles`]). Each
//! document shown from its saved copy for one of those reasons is a [`FileOffer`].

use super::{SessionFile, session_dir};
use crate::core::DocumentInput;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Which documents may be read from their files even when they lie outside the
/// session's folder or differ from the saved copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CurrentFiles {
    /// None: the saved copies are the truth (how every session opens at first).
    #[default]
    SavedCopies,
    /// Every document's file that can be read (`--use-current-files`).
    All,
    /// The files of these documents (columns, from 0), as chosen in the window.
    Only(BTreeSet<usize>),
}

impl CurrentFiles {
    /// Whether document `d`'s file may be used.
    pub fn allows(&self, d: usize) -> bool {
        match self {
            Self::SavedCopies => false,
            Self::All => true,
            Self::Only(docs) => docs.contains(&d),
        }
    }

    /// These files and document `d`'s too.
    pub fn and(&self, d: usize) -> Self {
        match self {
            Self::All => Self::All,
            Self::SavedCopies => Self::Only([d].into_iter().collect()),
            Self::Only(docs) => Self::Only(docs.iter().copied().chain([d]).collect()),
        }
    }
}

/// Why a document's file was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The file lies outside the session's folder, so it was not read at all.
    Outside,
    /// The file differs from the copy saved in the session.
    Changed,
}

/// A document shown from its saved copy whose file the user may choose instead.
#[derive(Debug, Clone, PartialEq)]
pub struct FileOffer {
    /// The document's column (from 0).
    pub doc: usize,
    /// The file the session names.
    pub path: PathBuf,
    /// Why the saved copy is shown.
    pub why: Why,
    /// The file's size on disk, when known.
    pub file_bytes: Option<u64>,
    /// When the file was last modified (`2026-11-28 04:10 UTC`), when known.
    pub modified: Option<String>,
    /// The size of the saved copy's text.
    pub saved_bytes: usize,
}

impl FileOffer {
    /// What the user is told: which document, why its saved copy is shown, and how
    /// the file differs (size, date).
    pub fn message(&self) -> String {
        let why = match self.why {
            Why::Outside => "is outside the session's folder, so it was not read",
            Why::Changed => "changed since the session was saved",
        };
        let mut file = Vec::new();
        if let Some(n) = self.file_bytes {
            file.push(bytes(n as usize));
        }
        if let Some(t) = &self.modified {
            file.push(format!("modified {t}"));
        }
        let file = if file.is_empty() { String::new() } else { format!("file: {}; ", file.join(", ")) };
        format!(
            "d{}: {} {why}; using the copy saved in the session ({file}saved copy: {})",
            self.doc + 1,
            self.path.display(),
            bytes(self.saved_bytes)
        )
    }

    /// The label of the window's action that uses the file instead.
    pub fn action_label(&self) -> String {
        format!("Use the file at {}", self.path.display())
    }
}

/// `1,234 bytes`.
fn bytes(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} bytes")
}

/// A session's documents, ready to compare, and what the user should know about them.
#[derive(Debug, Clone, Default)]
pub struct OpenedDocuments {
    /// The documents, in column order.
    pub inputs: Vec<DocumentInput>,
    /// Notices (a file gone or unreadable, a changed file used on request).
    pub notices: Vec<String>,
    /// Documents shown from their saved copy whose file the user may choose instead.
    pub offers: Vec<FileOffer>,
}

/// Where a stored path points: a relative one is taken from the session's folder.
pub fn resolve(session_path: &Path, stored: &str) -> PathBuf {
    let p = Path::new(stored);
    if p.is_absolute() { p.to_path_buf() } else { session_path.parent().unwrap_or(Path::new("")).join(p) }
}

impl SessionFile {
    /// The documents to compare. Each is its saved copy unless its file lies inside the
    /// session's folder and holds the same text, or `current` allows its file; each
    /// saved copy shown instead of a file is said (a notice or a [`FileOffer`]).
    pub fn open_documents(&self, session_path: &Path, current: &CurrentFiles) -> OpenedDocuments {
        let folder = std::fs::canonicalize(session_dir(session_path)).ok();
        let mut out = OpenedDocuments::default();
        for (d, doc) in self.documents.iter().enumerate() {
            let full = resolve(session_path, &doc.path);
            let saved = || DocumentInput::from_text(full.display().to_string(), doc.text.clone());
            let real = match std::fs::canonicalize(&full) {
                Ok(real) => real,
                Err(e) => {
                    let why =
                        if e.kind() == std::io::ErrorKind::NotFound { "file not found".into() } else { e.to_string() };
                    out.notices.push(format!("{}: {why}; using the copy saved in the session", full.display()));
                    out.inputs.push(saved());
                    continue;
                }
            };
            let inside = folder.as_ref().is_some_and(|f| real.starts_with(f));
            let offer = |why: Why| {
                let meta = std::fs::metadata(&real).ok();
                FileOffer {
                    doc: d,
                    path: full.clone(),
                    why,
                    file_bytes: meta.as_ref().map(std::fs::Metadata::len),
                    modified: meta.and_then(|m| m.modified().ok()).map(crate::export::utc_timestamp),
                    saved_bytes: doc.text.len(),
                }
            };
            if !inside && !current.allows(d) {
                out.offers.push(offer(Why::Outside));
                out.inputs.push(saved());
                continue;
            }
            match DocumentInput::load(&real) {
                Ok(mut input) => {
                    input.source = full.display().to_string();
                    if input.text == doc.text {
                        out.notices.extend(input.notices.iter().cloned());
                        out.inputs.push(input);
                    } else if current.allows(d) {
                        out.notices.extend(input.notices.iter().cloned());
                        out.notices.push(format!(
                            "{}: changed since the session was saved; compared again and corrections re-applied",
                            full.display()
                        ));
                        out.inputs.push(input);
                    } else {
                        out.offers.push(offer(Why::Changed));
                        out.inputs.push(saved());
                    }
                }
                Err(e) => {
                    out.notices.push(format!("{e}; using the copy saved in the session"));
                    out.inputs.push(saved());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_grouped_by_thousands() {
        assert_eq!(bytes(0), "0 bytes");
        assert_eq!(bytes(999), "999 bytes");
        assert_eq!(bytes(1_234), "1,234 bytes");
        assert_eq!(bytes(12_345_678), "12,345,678 bytes");
    }
}
