//! The comparison running in the background: reading files, segmenting, aligning.
//!
//! The window never waits for it. It polls [`Job::poll`] each frame, shows
//! [`Job::progress`], and can [`Job::cancel`] it. The thread asks for a repaint when
//! it is done, so the result shows without the user moving the mouse.

use crate::core::{CompareOptions, Comparison, DocumentInput, Stage, compare_with_progress};
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
}

/// A comparison running on its own thread.
pub struct Job {
    cancel: Arc<AtomicBool>,
    progress: Arc<Mutex<(Stage, f32)>>,
    result: Receiver<JobResult>,
}

impl Job {
    /// Starts reading `new_files` and comparing them with `documents`.
    pub fn start(
        documents: Vec<DocumentInput>,
        new_files: Vec<PathBuf>,
        options: CompareOptions,
        repaint: Option<egui::Context>,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Mutex::new((Stage::Segmenting, 0.0)));
        let (tx, rx) = channel();
        let (c, p) = (cancel.clone(), progress.clone());
        let work = move || {
            let mut documents = documents;
            let mut errors = Vec::new();
            for path in new_files {
                match DocumentInput::load(&path) {
                    Ok(d) => documents.push(d),
                    Err(e) => errors.push(e.to_string()),
                }
            }
            let report = |stage: Stage, done: f32| {
                if let Ok(mut g) = p.lock() {
                    *g = (stage, done);
                }
            };
            // `None` when cancelled.
            let comparison = compare_with_progress(&documents, &options, &report, &c).ok();
            // The window may have closed meanwhile; then nobody needs the result.
            let _ = tx.send(JobResult { documents, errors, comparison });
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
            });
            return Self { cancel, progress, result: rx2 };
        }
        Self { cancel, progress, result: rx }
    }

    /// Asks the job to stop as soon as it can.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancel was asked.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
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
            }),
        }
    }

    /// Waits for the result (tests and the command line only; never the window).
    pub fn wait(&self) -> Option<JobResult> {
        self.result.recv().ok()
    }
}
