//! Work running in the background: the comparison (reading files, segmenting,
//! aligning), and saving sessions and exporting reports ([`Writing`]).
//!
//! The window never waits for it. It polls [`Job::poll`] each frame, shows
//! [`Job::progress`], and can [`Job::cancel`] it. The thread asks for a repaint when
//! it is done, so the result shows without the user moving the mouse.

use crate::core::{CompareOptions, Comparison, DocumentInput, Stage, Taxonomy, compare_with_progress};
use crate::session::{CurrentFiles, FileOffer, SessionFile, Work};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};

/// What a finished job hands back.
#[derive(Debug)]
pub struct JobResult {
    /// The documents now in the comparison, in column order (those already open, then
    /// the new files that could be read).
    pub documents: Vec<DocumentInput>,
    /// One message per file that could not be read, naming it.
    pub errors: Vec<String>,
    /// The comparison, or `None` when it was cancelled.
    pub comparison: Option<Comparison>,
    /// When a session was opened: its file and the user's work, re-anchored.
    pub session: Option<(PathBuf, Work)>,
    /// Notices for the user (sources moved or changed, work that no longer applies).
    pub notices: Vec<String>,
    /// Documents of a session shown from their saved copy whose file the user may use.
    pub offers: Vec<FileOffer>,
}

/// What a job starts from.
#[derive(Debug, Clone)]
pub enum JobInput {
    /// Documents already open, and new files to read and add.
    Files {
        /// Open documents, in column order.
        documents: Vec<DocumentInput>,
        /// Files to read and add.
        new_files: Vec<PathBuf>,
    },
    /// A session file to open, and which documents' files may be read.
    Session(PathBuf, CurrentFiles),
}

/// A comparison running on its own thread.
pub struct Job {
    cancel: Arc<AtomicBool>,
    progress: Arc<Mutex<(Stage, f32)>>,
    result: Receiver<JobResult>,
}

impl Job {
    /// Starts reading and comparing.
    pub fn start(input: JobInput, options: CompareOptions, repaint: Option<egui::Context>) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Mutex::new((Stage::Segmenting, 0.0)));
        let (tx, rx) = channel();
        let (c, p) = (cancel.clone(), progress.clone());
        let work = move || {
            let report = |stage: Stage, done: f32| {
                if let Ok(mut g) = p.lock() {
                    *g = (stage, done);
                }
            };
            let result = match input {
                JobInput::Files { mut documents, new_files } => {
                    let mut errors = Vec::new();
                    let mut notices = Vec::new();
                    for path in new_files {
                        match DocumentInput::load(&path) {
                            Ok(d) => {
                                notices.extend(d.notices.iter().cloned());
                                documents.push(d);
                            }
                            Err(e) => errors.push(e.to_string()),
                        }
                    }
                    // `None` when cancelled.
                    let comparison = compare_with_progress(&documents, &options, &report, &c).ok();
                    JobResult { documents, errors, comparison, session: None, notices, offers: Vec::new() }
                }
                JobInput::Session(path, current) => open_session(&path, &current, &report, &c),
            };
            // The window may have closed meanwhile; then nobody needs the result.
            let _ = tx.send(result);
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        };
        if let Err(e) = std::thread::Builder::new().name("compare".into()).spawn(work) {
            // Could not start a thread: report it as the job's result.
            let (tx, rx2) = channel();
            let _ = tx.send(JobResult {
                documents: Vec::new(),
                errors: vec![format!("cannot start the comparison: {e}")],
                comparison: None,
                session: None,
                notices: Vec::new(),
                offers: Vec::new(),
            });
            return Self { cancel, progress, result: rx2 };
        }
        Self { cancel, progress, result: rx }
    }

    /// Asks the job to stop as soon as it can.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The stage and an overall fraction done (0..=1).
    pub fn progress(&self) -> (Stage, f32) {
        let (stage, done) = self.progress.lock().map(|g| *g).unwrap_or((Stage::Segmenting, 0.0));
        let base = match stage {
            Stage::Segmenting => 0.0,
            Stage::Aligning => 0.3,
            Stage::Diffing => 0.8,
        };
        (stage, (base + done * 0.2).min(1.0))
    }

    /// The result, once the job is done.
    pub fn poll(&self) -> Option<JobResult> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(JobResult {
                documents: Vec::new(),
                errors: vec!["the comparison stopped unexpectedly".into()],
                comparison: None,
                session: None,
                notices: Vec::new(),
                offers: Vec::new(),
            }),
        }
    }

    /// Waits for the result (tests and the command line only; never the window).
    pub fn wait(&self) -> Option<JobResult> {
        self.result.recv().ok()
    }
}

/// Opens a session on the job's thread: its documents, its taxonomy, its work.
fn open_session(
    path: &std::path::Path,
    current: &CurrentFiles,
    report: &dyn crate::core::Progress,
    cancel: &AtomicBool,
) -> JobResult {
    let failed = |e: String| JobResult {
        documents: Vec::new(),
        errors: vec![e],
        comparison: None,
        session: None,
        notices: Vec::new(),
        offers: Vec::new(),
    };
    let file = match SessionFile::load(path) {
        Ok(f) => f,
        Err(e) => return failed(e.to_string()),
    };
    let taxonomy = match Taxonomy::from_file(file.taxonomy.clone()) {
        Ok(t) => t,
        Err(e) => return failed(format!("{}: taxonomy: {e}", path.display())),
    };
    let opened = file.open_documents(path, current);
    let (documents, mut notices, offers) = (opened.inputs, opened.notices, opened.offers);
    let options = CompareOptions { taxonomy, ..CompareOptions::default() };
    let Ok(comparison) = compare_with_progress(&documents, &options, report, cancel) else {
        return JobResult { documents, errors: Vec::new(), comparison: None, session: None, notices, offers };
    };
    let (work, lost) = file.work(&comparison);
    notices.extend(lost);
    JobResult {
        documents,
        errors: Vec::new(),
        comparison: Some(comparison),
        session: Some((path.to_path_buf(), work)),
        notices,
        offers,
    }
}

/// What a finished [`Writing`] hands back: the message for the user, or the error.
pub type WriteResult = Result<String, String>;

/// A session being saved or a report exported on its own thread, so a large one
/// never freezes the window: the work is made (serialised, rendered) and written
/// there, and the window polls for the outcome and shows how far it got.
pub struct Writing {
    /// What is being written, for the status bar ("Saving s.counterpart").
    pub label: String,
    progress: Arc<Mutex<f32>>,
    result: Receiver<WriteResult>,
}

impl Writing {
    /// Starts `work` on a thread. It reports a fraction done (0..=1) through the
    /// function it is given and returns the message for the user or the error.
    pub fn start(
        label: String,
        work: impl FnOnce(&dyn Fn(f32)) -> WriteResult + Send + 'static,
        repaint: Option<egui::Context>,
    ) -> Self {
        let progress = Arc::new(Mutex::new(0.0));
        let (tx, rx) = channel();
        let p = progress.clone();
        let run = move || {
            let report = |done: f32| {
                if let Ok(mut g) = p.lock() {
                    *g = done.clamp(0.0, 1.0);
                }
            };
            let _ = tx.send(work(&report));
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        };
        if let Err(e) = std::thread::Builder::new().name("write".into()).spawn(run) {
            let (tx, rx2) = channel();
            let _ = tx.send(Err(format!("{label}: cannot start writing: {e}")));
            return Self { label, progress, result: rx2 };
        }
        Self { label, progress, result: rx }
    }

    /// The fraction done (0..=1).
    pub fn progress(&self) -> f32 {
        self.progress.lock().map(|g| *g).unwrap_or(0.0)
    }

    /// The outcome, once the writing is done.
    pub fn poll(&self) -> Option<WriteResult> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(format!("{}: stopped unexpectedly", self.label))),
        }
    }

    /// Waits for the outcome (tests, and saving before the window closes).
    pub fn wait(&self) -> WriteResult {
        self.result.recv().unwrap_or_else(|_| Err(format!("{}: stopped unexpectedly", self.label)))
    }
}
