//! The app: its state, the commands that change it, and the frame that draws it.
//!
//! Documents, the comparison, the user's work and the selection change only in
//! [`App::apply`]; drawing code pushes [`Command`]s for them. Some view-only state
//! (the filter check boxes, folded headers, dismissed messages) is edited by its
//! widget directly. The comparison itself is computed by a background [`Job`] and only
//! read here.

use super::commands::{self, Command, GroupBy, Step};
use super::job::{Job, JobInput, WriteResult, Writing};
use super::view::{self, Filters, Line};
use super::{fonts, outline, overview, row_theme, side, style, table};
use crate::core::corrections::{self, Correction, Notes};
use crate::core::{CompareOptions, Comparison, DocumentInput, SegmentId, Status};
use crate::export::{Format, ReportContext};
use crate::session::{self, SessionFile, ViewState, Work};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// File extensions the open dialog offers.
pub const SUPPORTED_EXTENSIONS: &[&str] = crate::core::read::EXTENSIONS;

/// Rows PageUp/PageDown move before the table has been drawn once.
const DEFAULT_PAGE_ROWS: usize = 10;

/// How many recent sessions the File menu lists.
const RECENT_SESSIONS: usize = 8;

/// View settings remembered between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// How rows are grouped.
    pub group_by: GroupBy,
    /// Whether the coverage overview is open.
    pub show_overview: bool,
    /// Whether the details panel is open.
    pub show_details: bool,
    /// Sessions opened or saved lately, newest first.
    #[serde(default)]
    pub recent_sessions: Vec<PathBuf>,
    /// Whether rows of many documents show their most common wording once and, per
    /// document, only what differs.
    #[serde(default)]
    pub compact: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            group_by: GroupBy::Theme,
            show_overview: false,
            show_details: true,
            recent_sessions: Vec::new(),
            compact: false,
        }
    }
}

/// A message shown in the window (errors and notices), never a crash.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The text, naming the file when there is one.
    pub text: String,
    /// Whether it is an error (else a notice).
    pub error: bool,
}

/// The whole state of the window.
pub struct App {
    /// Open documents, in column order.
    pub documents: Vec<DocumentInput>,
    /// Column titles chosen by the user, parallel to `documents`.
    pub titles: Vec<Option<String>>,
    /// Short titles made from the documents' own (what tells them apart), used where
    /// the user chose none; the reports use the same.
    short_titles: Vec<String>,
    /// Column widths the user dragged, parallel to `documents` (`None`: a fair share).
    pub column_widths: Vec<Option<f32>>,
    /// Scroll the table back to its top-left corner on the next frame (a new comparison).
    pub(crate) reset_scroll: bool,
    /// Whether the fonts were checked against the comparison's scripts.
    fonts_checked: bool,
    /// Whether the window said that a script has no font (it says so once).
    missing_font_told: bool,
    /// Font providers to install before the first frame is drawn, asked for the
    /// characters the window's own fonts lack. Empty in the window (eframe installs the
    /// system's); tests put their own here.
    pub font_providers: Vec<Arc<dyn egui::FontProvider>>,
    options: CompareOptions,
    base: Option<Arc<Comparison>>,
    /// The comparison as shown: the engine's result with the user's corrections.
    pub comparison: Option<Arc<Comparison>>,
    /// The user's corrections, in the order made.
    pub corrections: Vec<Correction>,
    /// The user's notes, by segment id.
    pub notes: Notes,
    /// The session file this work was opened from or saved to.
    pub session_path: Option<PathBuf>,
    /// Whether there is work not yet saved.
    pub dirty: bool,
    /// The work as last saved or opened (`None`: never saved), to tell whether undoing
    /// brought it back there.
    saved: Option<Snapshot>,
    /// Corrections taken back, the last one first to redo.
    pub redo: Vec<Correction>,
    /// Commands that open native dialogs report that no dialog could be opened (tests
    /// of a desktop without one).
    pub no_dialogs: bool,
    /// A command waiting for the user's answer about unsaved changes.
    pub pending_confirm: Option<Command>,
    quit_confirmed: bool,
    window_title: String,
    job: Option<Job>,
    /// Errors and notices shown in the window.
    pub messages: Vec<Message>,
    /// Documents of the open session shown from their saved copy, whose file may be used.
    pub file_offers: Vec<crate::session::FileOffer>,
    /// Which documents' files the open session was opened with.
    pub current_files: crate::session::CurrentFiles,
    /// Row filters.
    pub filters: Filters,
    /// View settings (remembered).
    pub settings: Settings,
    /// Collapsed group keys.
    pub collapsed: BTreeSet<String>,
    /// Selected row (index into the shown comparison's rows).
    pub selected: Option<usize>,
    /// Line to scroll into view on the next frame.
    pub scroll_to: Option<usize>,
    /// Scroll `scroll_to` only as far as needed (keyboard moves) instead of centring it.
    pub(crate) scroll_gently: bool,
    /// Scroll `scroll_to` to the top of the table (a section gone to, its rows below it).
    pub(crate) scroll_to_top: bool,
    /// Sessions being saved and reports exported in the background, with what a save
    /// needs when it is done.
    writes: Vec<(Writing, Option<SaveDone>)>,
    /// Documents (by source) whose columns are hidden: still compared and reported.
    pub hidden_columns: BTreeSet<String>,
    /// What is typed in the "Go to section" field.
    pub section_query: String,
    /// How many rows the table showed last frame: the step of PageUp and PageDown.
    pub(crate) page_rows: usize,
    pending: Vec<Command>,
    focus_search: bool,
    repaint: Option<egui::Context>,
    /// The rename dialog: column and the title being typed.
    pub rename: Option<(usize, String)>,
    /// Commands that would open native dialogs are recorded here instead when set
    /// (tests run without a desktop).
    pub headless: bool,
    /// Commands recorded while headless.
    pub recorded: Vec<Command>,
    lines_cache: Option<LinesCache>,
    pending_selection: Option<String>,
    /// Measured row heights: row → (column width, height).
    pub(crate) row_heights: std::collections::HashMap<usize, (f32, f32)>,
}

/// A session save under way: where, and the work as it was when the save began (what
/// the file will hold, so the unsaved marker is right even if the user went on).
struct SaveDone {
    path: PathBuf,
    snapshot: Snapshot,
}

/// What makes the work differ from a saved session: documents, titles, corrections, notes.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    sources: Vec<String>,
    titles: Vec<(usize, String)>,
    corrections: Vec<Correction>,
    notes: Notes,
}

/// What a native file dialog gave.
enum Picked<T> {
    /// The user chose.
    Chosen(T),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// A native dialog that returns in less time than this never showed: nobody picks or
/// cancels that fast, while a missing portal or display answers at once.
const DIALOG_NEVER_SHOWN: std::time::Duration = std::time::Duration::from_millis(150);

/// Runs a native dialog, telling a cancel from a dialog that could not be shown.
fn run_dialog<T>(no_dialogs: bool, dialog: impl FnOnce() -> Option<T>) -> Picked<T> {
    if no_dialogs {
        return Picked::Unavailable;
    }
    let start = std::time::Instant::now();
    match dialog() {
        Some(x) => Picked::Chosen(x),
        None if start.elapsed() < DIALOG_NEVER_SHOWN => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

struct LinesCache {
    comparison: *const Comparison,
    filters: Filters,
    group_by: GroupBy,
    collapsed: BTreeSet<String>,
    lines: Arc<Vec<Line>>,
}

impl App {
    /// A new app that starts comparing `files` (the bundled samples when empty).
    pub fn new(files: Vec<PathBuf>, settings: Settings, repaint: Option<egui::Context>) -> Self {
        let mut app = Self {
            documents: Vec::new(),
            titles: Vec::new(),
            short_titles: Vec::new(),
            column_widths: Vec::new(),
            reset_scroll: false,
            fonts_checked: false,
            missing_font_told: false,
            font_providers: Vec::new(),
            options: CompareOptions::default(),
            base: None,
            comparison: None,
            corrections: Vec::new(),
            notes: Notes::new(),
            session_path: None,
            dirty: false,
            saved: None,
            redo: Vec::new(),
            no_dialogs: false,
            pending_confirm: None,
            quit_confirmed: false,
            window_title: String::new(),
            job: None,
            messages: Vec::new(),
            file_offers: Vec::new(),
            current_files: Default::default(),
            filters: Filters::default(),
            settings,
            collapsed: BTreeSet::new(),
            selected: None,
            scroll_to: None,
            scroll_gently: false,
            scroll_to_top: false,
            section_query: String::new(),
            hidden_columns: BTreeSet::new(),
            writes: Vec::new(),
            page_rows: DEFAULT_PAGE_ROWS,
            pending: Vec::new(),
            focus_search: false,
            repaint,
            rename: None,
            headless: false,
            recorded: Vec::new(),
            lines_cache: None,
            pending_selection: None,
            row_heights: Default::default(),
        };
        if !files.is_empty() {
            app.apply(Command::AddFiles(files));
        }
        app
    }

    /// Whether a comparison is running.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Blocks until the running comparison is done (tests only; the window polls).
    pub fn wait_for_comparison(&mut self) {
        if let Some(result) = self.job.as_ref().and_then(Job::wait) {
            self.finish_job(result);
        }
    }

    /// Queues a command for the end of the frame.
    pub fn send(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// The column title of document `d`.
    pub fn title(&self, d: usize) -> String {
        if let Some(Some(t)) = self.titles.get(d) {
            return t.clone();
        }
        match self.short_titles.get(d) {
            Some(t) => t.clone(),
            None => self.documents.get(d).map(|x| x.source.clone()).unwrap_or_default(),
        }
    }

    /// Whether document `d`'s column is shown (hidden ones stay in the comparison).
    pub fn column_shown(&self, d: usize) -> bool {
        self.documents.get(d).is_none_or(|doc| !self.hidden_columns.contains(&doc.source))
    }

    /// The lines of the comparison view (cached until filters or data change).
    pub fn lines(&mut self) -> Arc<Vec<Line>> {
        let Some(c) = self.comparison.clone() else { return Arc::new(Vec::new()) };
        let key = Arc::as_ptr(&c);
        if let Some(cache) = &self.lines_cache
            && cache.comparison == key
            && cache.filters == self.filters
            && cache.group_by == self.settings.group_by
            && cache.collapsed == self.collapsed
        {
            return cache.lines.clone();
        }
        let lines = Arc::new(view::lines(&c, &self.filters, self.settings.group_by, &self.collapsed));
        self.lines_cache = Some(LinesCache {
            comparison: key,
            filters: self.filters.clone(),
            group_by: self.settings.group_by,
            collapsed: self.collapsed.clone(),
            lines: lines.clone(),
        });
        lines
    }

    fn start_job(&mut self, new_files: Vec<PathBuf>) {
        if let Some(old) = self.job.take() {
            old.cancel();
        }
        let input = JobInput::Files { documents: self.documents.clone(), new_files };
        self.job = Some(Job::start(input, self.options.clone(), self.repaint.clone()));
    }

    fn finish_job(&mut self, result: super::job::JobResult) {
        self.job = None;
        for e in result.errors {
            self.messages.push(Message { text: e, error: true });
        }
        for n in result.notices {
            self.messages.push(Message { text: n, error: false });
        }
        let Some(c) = result.comparison else {
            if self.messages.iter().all(|m| !m.error) {
                self.messages.push(Message {
                    text: "Comparison cancelled; the previous one is still shown.".into(),
                    error: false,
                });
            }
            return;
        };
        self.file_offers = result.offers;
        self.options.taxonomy = c.taxonomy.clone();
        let added = result.documents.len() != self.documents.len();
        self.forget_view_of_other_documents(&result.documents);
        self.fonts_checked = false;
        self.titles.resize(result.documents.len(), None);
        self.documents = result.documents;
        self.base = Some(Arc::new(c));
        self.selected = None;
        if let Some((path, work)) = result.session {
            self.titles = work.titles.clone();
            self.titles.resize(self.documents.len(), None);
            self.corrections = work.corrections;
            self.notes = work.notes;
            self.apply_view_state(&work.view);
            self.remember_session(&path);
            self.session_path = Some(path);
            self.redo.clear();
            self.mark_saved();
        } else if added && self.session_path.is_some() {
            self.dirty = true;
        }
        self.reapply_corrections();
        if let Some(id) = self.pending_selection.take() {
            self.select_segment(Some(&id));
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            sources: self.documents.iter().map(|d| d.source.clone()).collect(),
            titles: self.titles.iter().enumerate().filter_map(|(d, t)| Some((d, t.clone()?))).collect(),
            corrections: self.corrections.clone(),
            notes: self.notes.clone(),
        }
    }

    /// The work was saved (or opened) as it is now.
    fn mark_saved(&mut self) {
        self.saved = Some(self.snapshot());
        self.dirty = false;
    }

    /// The work changed: it is unsaved unless it is back to what was saved (never
    /// saved: unless there is no work left).
    fn work_changed(&mut self) {
        let now = self.snapshot();
        self.dirty = match &self.saved {
            Some(saved) => *saved != now,
            None => !(now.titles.is_empty() && now.corrections.is_empty() && now.notes.is_empty()),
        };
    }

    /// A sentence, quoted and shortened, by its segment id (the id itself when it is gone).
    fn quote(&self, id: &str) -> String {
        [self.comparison.as_ref(), self.base.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|c| c.find_segment(id).map(|(d, s)| c.documents[d].segments[s].text.clone()))
            .map_or_else(|| id.to_owned(), |t| format!("“{}”", short(&t, 80)))
    }

    /// A correction in words, quoting its sentences.
    fn describe(&self, correction: &Correction) -> String {
        match correction {
            Correction::SetTheme { segment, theme } => format!("theme of {} set to {theme}", self.quote(segment)),
            Correction::Split { segment } => format!("{} split from its row", self.quote(segment)),
            Correction::Join { a, b } => format!("rows of {} and {} joined", self.quote(a), self.quote(b)),
        }
    }

    /// A message that no file dialog could be shown, and what to do instead.
    fn no_dialog(&mut self, what: &str) {
        self.messages.push(Message {
            text: format!(
                "No file dialog could be opened to {what} (this desktop has no file chooser portal). \
                 Drop files on the window to open them, or use `counterpart report` on the command line."
            ),
            error: true,
        });
    }

    /// View state that belongs to the documents shown (where the table is scrolled,
    /// the document whose sections group the rows, folded groups, column widths) does
    /// not carry over to other documents.
    fn forget_view_of_other_documents(&mut self, next: &[DocumentInput]) {
        let before: Vec<&str> = self.documents.iter().map(|d| d.source.as_str()).collect();
        let after: Vec<&str> = next.iter().map(|d| d.source.as_str()).collect();
        if before == after {
            return;
        }
        self.reset_scroll = true;
        if let GroupBy::Sections(d) = self.settings.group_by
            && (before.get(d) != after.get(d) || after.get(d).is_none())
        {
            self.settings.group_by = GroupBy::Theme;
        }
        if self.filters.doc.is_some_and(|d| before.get(d) != after.get(d)) {
            self.filters.doc = None;
        }
        self.collapsed.retain(|k| k.starts_with("theme:"));
        self.hidden_columns.retain(|s| after.contains(&s.as_str()));
        self.column_widths = after
            .iter()
            .map(|s| before.iter().position(|b| b == s).and_then(|k| self.column_widths.get(k).copied().flatten()))
            .collect();
        self.rename = None;
    }

    fn remember_session(&mut self, path: &std::path::Path) {
        let recent = &mut self.settings.recent_sessions;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(RECENT_SESSIONS);
    }

    /// The user's work as a session stores it.
    pub fn work(&self) -> Work {
        Work {
            titles: self.titles.clone(),
            corrections: self.corrections.clone(),
            notes: self.notes.clone(),
            view: self.view_state(),
        }
    }

    /// The view as a session stores it.
    pub fn view_state(&self) -> ViewState {
        let tax = self.comparison.as_ref().map(|c| &c.taxonomy);
        let selected = self.selected.and_then(|r| {
            let c = self.comparison.as_ref()?;
            let row = c.rows.get(r)?;
            row.cells
                .iter()
                .enumerate()
                .find_map(|(d, cell)| cell.first().map(|&s| c.documents[d].segments[s].id.clone()))
        });
        ViewState {
            group_by_sections_of: match self.settings.group_by {
                GroupBy::Theme => None,
                GroupBy::Sections(d) => Some(d),
            },
            themes: self
                .filters
                .themes
                .iter()
                .filter_map(|&t| tax.and_then(|x| x.themes.get(t)).map(|th| th.id.clone()))
                .collect(),
            hidden_statuses: self.filters.hidden_statuses.iter().map(|s| s.id().to_owned()).collect(),
            search: self.filters.search.clone(),
            only_document: self.filters.doc,
            collapsed: self.collapsed.iter().cloned().collect(),
            selected,
        }
    }

    fn apply_view_state(&mut self, v: &ViewState) {
        self.settings.group_by =
            v.group_by_sections_of.filter(|&d| d < self.documents.len()).map_or(GroupBy::Theme, GroupBy::Sections);
        let tax = self.base.as_ref().map(|c| c.taxonomy.clone()).unwrap_or_default();
        self.filters = Filters {
            themes: v.themes.iter().filter_map(|id| tax.index_of(id)).collect(),
            hidden_statuses: v
                .hidden_statuses
                .iter()
                .filter_map(|s| [Status::Shared, Status::Differing, Status::Unique].into_iter().find(|k| k.id() == s))
                .collect(),
            search: v.search.clone(),
            doc: v.only_document.filter(|&d| d < self.documents.len()),
        };
        self.collapsed = v.collapsed.iter().cloned().collect();
        self.pending_selection = v.selected.clone();
    }

    fn save_session(&mut self, path: PathBuf) {
        let path = if path.extension().is_none() { path.with_extension(session::EXTENSION) } else { path };
        let Some(c) = self.base.clone() else {
            self.messages.push(Message { text: "Nothing to save yet: open documents first.".into(), error: false });
            return;
        };
        let (documents, work) = (self.documents.clone(), self.work());
        let done = SaveDone { path: path.clone(), snapshot: self.snapshot() };
        let label = format!("Saving {}", file_name(&path));
        let write = move |progress: &dyn Fn(f32)| -> WriteResult {
            let file = SessionFile::new(&path, &documents, &c, &work);
            progress(WRITE_MADE);
            file.save(&path).map_err(|e| e.to_string())?;
            Ok(format!("Saved {}", path.display()))
        };
        self.writes.push((Writing::start(label, write, self.repaint.clone()), Some(done)));
    }

    fn export(&mut self, path: PathBuf) {
        let (format, path) = match Format::from_path(&path) {
            Some(f) => (f, path),
            None => (Format::Html, path.with_extension("html")),
        };
        let Some(c) = self.comparison.clone() else { return };
        let (notes, corrections) = (self.notes.clone(), self.corrections.clone());
        let titles: Vec<String> = (0..c.documents.len()).map(|d| self.title(d)).collect();
        let label = format!("Exporting {}", file_name(&path));
        let write = move |progress: &dyn Fn(f32)| -> WriteResult {
            let mut ctx = ReportContext::new(&c);
            ctx.notes = &notes;
            ctx.corrections = &corrections;
            ctx.titles = titles;
            let text = format.write(&ctx);
            progress(WRITE_MADE);
            session::write_atomically(&path, text.as_bytes(), std::io::Write::write_all).map_err(|e| e.to_string())?;
            Ok(format!("Exported {} to {}", format.label(), path.display()))
        };
        self.writes.push((Writing::start(label, write, self.repaint.clone()), None));
    }

    /// Takes in the saves and exports that are done: says so, or what went wrong.
    fn finish_writes(&mut self, wait: bool) {
        let mut k = 0;
        while k < self.writes.len() {
            let outcome = if wait { Some(self.writes[k].0.wait()) } else { self.writes[k].0.poll() };
            let Some(outcome) = outcome else {
                k += 1;
                continue;
            };
            let (_, save) = self.writes.remove(k);
            match outcome {
                Ok(text) => {
                    if let Some(done) = save {
                        self.saved = Some(done.snapshot);
                        self.remember_session(&done.path);
                        self.session_path = Some(done.path);
                        self.work_changed();
                    }
                    self.messages.push(Message { text, error: false });
                }
                Err(text) => self.messages.push(Message { text, error: true }),
            }
        }
    }

    /// Waits for every save and export under way and takes in their outcome.
    pub fn wait_for_writes(&mut self) {
        self.finish_writes(true);
    }

    /// Whether a session is being saved or a report exported.
    pub fn is_writing(&self) -> bool {
        !self.writes.is_empty()
    }

    fn reapply_corrections(&mut self) {
        let Some(base) = &self.base else { return };
        if self.corrections.is_empty() {
            self.comparison = Some(base.clone());
        } else {
            let (c, failed) = corrections::apply(base, &self.corrections);
            for &k in failed.iter().rev() {
                let gone = self.corrections.remove(k);
                let text = format!("Correction no longer applies: {}", self.describe(&gone));
                self.messages.push(Message { text, error: false });
            }
            let mut c = c;
            row_theme::settle(&mut c);
            self.comparison = Some(Arc::new(c));
        }
        if let Some(c) = &self.comparison {
            let titles: Vec<&str> = c.documents.iter().map(|d| d.title.as_str()).collect();
            let sources: Vec<&str> = c.documents.iter().map(|d| d.source.as_str()).collect();
            self.short_titles = crate::core::titles::short_titles(&titles, &sources);
        }
        self.row_heights.clear();
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::OpenDialog => {
                if self.headless {
                    self.recorded.push(Command::OpenDialog);
                } else {
                    match run_dialog(self.no_dialogs, || {
                        rfd::FileDialog::new()
                            .add_filter(
                                "Declarations and sessions",
                                &[SUPPORTED_EXTENSIONS, &[session::EXTENSION]].concat(),
                            )
                            .add_filter("Declarations", SUPPORTED_EXTENSIONS)
                            .add_filter("Counterpart sessions", &[session::EXTENSION])
                            .pick_files()
                    }) {
                        Picked::Chosen(files) => self.apply(Command::AddFiles(files)),
                        Picked::Cancelled => {}
                        Picked::Unavailable => self.no_dialog("choose documents"),
                    }
                }
            }
            Command::AddFiles(files) => {
                let (sessions, documents): (Vec<PathBuf>, Vec<PathBuf>) =
                    files.into_iter().partition(|p| p.extension().is_some_and(|e| e == session::EXTENSION));
                if let Some(s) = sessions.into_iter().next() {
                    self.apply(Command::OpenSession(s));
                } else if !documents.is_empty() {
                    self.start_job(documents);
                }
            }
            Command::OpenSession(path) => {
                if self.dirty {
                    self.pending_confirm = Some(Command::OpenSession(path));
                } else {
                    if let Some(old) = self.job.take() {
                        old.cancel();
                    }
                    self.current_files = Default::default();
                    let input = JobInput::Session(path, Default::default());
                    self.job = Some(Job::start(input, self.options.clone(), self.repaint.clone()));
                }
            }
            Command::UseCurrentFile(d) => {
                if self.dirty {
                    self.pending_confirm = Some(Command::UseCurrentFile(d));
                } else if let Some(path) = self.session_path.clone() {
                    if let Some(old) = self.job.take() {
                        old.cancel();
                    }
                    self.current_files = self.current_files.and(d);
                    let input = JobInput::Session(path, self.current_files.clone());
                    self.job = Some(Job::start(input, self.options.clone(), self.repaint.clone()));
                }
            }
            Command::RemoveDocument(d) => {
                if d < self.documents.len() {
                    self.documents.remove(d);
                    self.titles.remove(d);
                    if d < self.column_widths.len() {
                        self.column_widths.remove(d);
                    }
                    self.work_changed();
                    self.remap_corrections(|x| match x.cmp(&d) {
                        std::cmp::Ordering::Less => Some(x),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(x - 1),
                    });
                    self.start_job(Vec::new());
                }
            }
            Command::MoveDocument { from, to } => {
                let n = self.documents.len();
                if from < n && to < n && from != to {
                    let doc = self.documents.remove(from);
                    self.documents.insert(to, doc);
                    let t = self.titles.remove(from);
                    self.titles.insert(to, t);
                    self.column_widths.resize(n, None);
                    let w = self.column_widths.remove(from);
                    self.column_widths.insert(to, w);
                    let mut order: Vec<usize> = (0..n).collect();
                    let moved = order.remove(from);
                    order.insert(to, moved);
                    self.work_changed();
                    self.remap_corrections(|x| order.iter().position(|&o| o == x));
                    self.start_job(Vec::new());
                }
            }
            Command::RenameDocument { doc, title } => {
                if let Some(t) = self.titles.get_mut(doc) {
                    *t = (!title.trim().is_empty()).then(|| title.trim().to_owned());
                    self.work_changed();
                }
            }
            Command::SetColumnWidth { doc, width } => {
                if doc < self.documents.len() {
                    self.column_widths.resize(self.documents.len(), None);
                    self.column_widths[doc] = width.map(|w| w.max(style::NARROWEST_DOC_COLUMN));
                }
            }
            Command::CancelJob => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
            }
            Command::NextDifference | Command::PreviousDifference => {
                let forward = command == Command::NextDifference;
                let lines = self.lines();
                let Some(c) = self.comparison.clone() else { return };
                let from = self.selected.and_then(|r| lines.iter().position(|l| *l == Line::Row(r)));
                if let Some(i) = view::next_difference(&c, &lines, from, forward)
                    && let Line::Row(r) = lines[i]
                {
                    self.selected = Some(r);
                    self.scroll_to = Some(i);
                }
            }
            Command::Select(r) => self.selected = r,
            Command::MoveSelection(step) => self.move_selection(step),
            Command::SetSearch(text) => self.filters.search = text,
            Command::NextMatch => {
                if !super::find::is_blank(&self.filters.search) {
                    let rows = self.shown_rows();
                    let next = match self.selected.and_then(|r| rows.iter().position(|&(_, x)| x == r)) {
                        Some(k) => (k + 1) % rows.len().max(1),
                        None => 0,
                    };
                    if let Some(&(line, r)) = rows.get(next) {
                        self.selected = Some(r);
                        self.scroll_to = Some(line);
                    }
                }
            }
            Command::ClearSearch => self.filters.search.clear(),
            Command::FocusSearch => self.focus_search = true,
            Command::Correct(corr) => {
                let follow = Some(segment_of(&corr).to_owned());
                let theme_set = match &corr {
                    Correction::SetTheme { segment, theme } => Some((segment.clone(), theme.clone())),
                    _ => None,
                };
                self.corrections.push(corr);
                self.redo.clear();
                self.work_changed();
                self.reapply_corrections();
                self.select_segment(follow.as_deref());
                // Say where the row went: with the sentence, or staying with the others.
                if let (Some((segment, theme)), Some(c)) = (theme_set, self.comparison.clone())
                    && let (Some((d, s)), Some(t)) = (c.find_segment(&segment), c.taxonomy.index_of(&theme))
                    && let Some(text) = row_theme::notice(&c, d, s, t)
                {
                    self.messages.push(Message { text, error: false });
                }
            }
            Command::UndoCorrection => {
                if let Some(undone) = self.corrections.pop() {
                    self.work_changed();
                    self.reapply_corrections();
                    // The selection stays on the row the correction was about.
                    self.select_segment(Some(segment_of(&undone)));
                    self.redo.push(undone);
                }
            }
            Command::RedoCorrection => {
                if let Some(again) = self.redo.pop() {
                    self.corrections.push(again.clone());
                    self.work_changed();
                    self.reapply_corrections();
                    self.select_segment(Some(segment_of(&again)));
                }
            }
            Command::SetGroupBy(g) => self.settings.group_by = g,
            Command::ShowColumn { doc, shown } => {
                if let Some(source) = self.documents.get(doc).map(|x| x.source.clone()) {
                    let others_shown = (0..self.documents.len()).any(|d| d != doc && self.column_shown(d));
                    if shown {
                        self.hidden_columns.remove(&source);
                    } else if others_shown {
                        self.hidden_columns.insert(source);
                    }
                    self.row_heights.clear();
                }
            }
            Command::SetCollapsed { key, collapsed } => {
                if collapsed {
                    self.collapsed.insert(key);
                } else {
                    self.collapsed.remove(&key);
                }
            }
            Command::CollapseAll => {
                if let Some(c) = self.comparison.clone() {
                    self.collapsed.extend(view::all_group_keys(&c, &self.filters, self.settings.group_by));
                }
            }
            Command::ExpandAll => self.collapsed.clear(),
            Command::GoToSection(query) => self.go_to_section(&query),
            Command::ToggleOverview => self.settings.show_overview = !self.settings.show_overview,
            Command::ToggleCompact => {
                self.settings.compact = !self.settings.compact;
                self.row_heights.clear();
            }
            Command::ToggleDetails => self.settings.show_details = !self.settings.show_details,
            Command::FilterCell { doc, theme } => {
                self.filters.themes = std::iter::once(theme).collect();
                self.filters.doc = Some(doc);
                self.settings.group_by = GroupBy::Theme;
                // The overview would cover the rows it just picked.
                self.settings.show_overview = false;
            }
            Command::SetThemeFilter { theme, on } => {
                if on {
                    self.filters.themes.insert(theme);
                } else {
                    self.filters.themes.remove(&theme);
                }
            }
            Command::ClearDocumentFilter => self.filters.doc = None,
            Command::ClearFilters => self.filters = Filters::default(),
            Command::SaveSession => match self.session_path.clone() {
                Some(p) => self.save_session(p),
                None => self.apply(Command::SaveSessionAs),
            },
            Command::SaveSessionAs => {
                if self.headless {
                    self.recorded.push(Command::SaveSessionAs);
                } else {
                    match run_dialog(self.no_dialogs, || {
                        rfd::FileDialog::new()
                            .add_filter("Counterpart session", &[session::EXTENSION])
                            .set_file_name(format!("comparison.{}", session::EXTENSION))
                            .save_file()
                    }) {
                        Picked::Chosen(p) => self.apply(Command::SaveSessionTo(p)),
                        Picked::Cancelled => {}
                        Picked::Unavailable => self.no_dialog("save the session"),
                    }
                }
            }
            Command::SaveSessionTo(p) => self.save_session(p),
            Command::Export => {
                if self.headless {
                    self.recorded.push(Command::Export);
                } else {
                    match run_dialog(self.no_dialogs, || {
                        let mut dialog = rfd::FileDialog::new().set_file_name("comparison.html");
                        for f in Format::ALL {
                            dialog = dialog.add_filter(f.label(), &[f.extension()]);
                        }
                        dialog.save_file()
                    }) {
                        Picked::Chosen(p) => self.apply(Command::ExportTo(p)),
                        Picked::Cancelled => {}
                        Picked::Unavailable => self.no_dialog("export a report"),
                    }
                }
            }
            Command::ExportTo(p) => self.export(p),
            Command::SetNote { segment, text } => {
                if text.trim().is_empty() {
                    self.notes.remove(&segment);
                } else {
                    self.notes.insert(segment, text);
                }
                self.work_changed();
            }
            Command::ConfirmPending { save } => {
                if save {
                    self.apply(Command::SaveSession);
                    // What comes next (quitting, opening another) needs the save done.
                    self.wait_for_writes();
                }
                // Saving may need a file name the user did not give: then stay.
                if !save || !self.dirty {
                    self.dirty = false;
                    if let Some(cmd) = self.pending_confirm.take() {
                        self.apply(cmd);
                    }
                }
            }
            Command::CancelPending => self.pending_confirm = None,
            Command::Quit => {
                // A save or export under way finishes before the window closes.
                self.wait_for_writes();
                if self.dirty {
                    self.pending_confirm = Some(Command::Quit);
                } else {
                    self.quit_confirmed = true;
                    if let Some(ctx) = &self.repaint {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
        }
    }

    /// The rows the view shows, in order: (line index, row index).
    pub fn shown_rows(&mut self) -> Vec<(usize, usize)> {
        self.lines()
            .iter()
            .enumerate()
            .filter_map(|(i, l)| if let Line::Row(r) = l { Some((i, *r)) } else { None })
            .collect()
    }

    /// Where the selection is among the rows that match the text to find, and how
    /// many match: `(position from 1, count)`; `None` when nothing is being found.
    pub fn match_position(&mut self) -> Option<(Option<usize>, usize)> {
        if super::find::is_blank(&self.filters.search) {
            return None;
        }
        let rows = self.shown_rows();
        let at = self.selected.and_then(|r| rows.iter().position(|&(_, x)| x == r)).map(|k| k + 1);
        Some((at, rows.len()))
    }

    fn move_selection(&mut self, step: Step) {
        let rows = self.shown_rows();
        let Some(last) = rows.len().checked_sub(1) else { return };
        let page = self.page_rows.max(1);
        let at = self.selected.and_then(|r| rows.iter().position(|&(_, x)| x == r));
        let to = match (step, at) {
            (Step::Last, _) => last,
            (Step::First, _) | (_, None) => 0,
            (Step::Up, Some(k)) => k.saturating_sub(1),
            (Step::Down, Some(k)) => (k + 1).min(last),
            (Step::PageUp, Some(k)) => k.saturating_sub(page),
            (Step::PageDown, Some(k)) => (k + page).min(last),
        };
        let (line, r) = rows[to];
        self.selected = Some(r);
        self.scroll_to = Some(line);
        self.scroll_gently = true;
    }

    /// Scrolls to the first section of the grouping document whose heading matches
    /// `query`, unfolding the headings above it; says so when none does.
    fn go_to_section(&mut self, query: &str) {
        let Some(c) = self.comparison.clone() else { return };
        let GroupBy::Sections(d) = self.settings.group_by else {
            self.messages.push(Message {
                text: "Go to section works when rows are grouped by a document's sections (View menu).".into(),
                error: false,
            });
            return;
        };
        let Some(doc) = c.documents.get(d) else { return };
        let Some(s) = outline::find_section(&doc.sections, query) else {
            let text = format!("No section of {} matches “{}”.", self.title(d), query.trim());
            self.messages.push(Message { text, error: false });
            return;
        };
        for key in view::section_ancestors(&c, d, s) {
            self.collapsed.remove(&key);
        }
        let key = view::section_key(d, Some(s));
        let lines = self.lines();
        match lines.iter().position(|l| matches!(l, Line::Header { key: k, .. } if *k == key)) {
            Some(i) => {
                self.scroll_to = Some(i);
                self.scroll_to_top = true;
            }
            None => {
                let text = format!("“{}” has no rows the filters show.", short(&doc.sections[s].text, 60));
                self.messages.push(Message { text, error: false });
            }
        }
    }

    /// Selects the row holding a segment and scrolls to it.
    fn select_segment(&mut self, id: Option<&str>) {
        let Some(c) = self.comparison.clone() else { return };
        let row = id.and_then(|id| c.find_segment(id)).and_then(|(d, s)| c.row_of(d, s));
        self.selected = row;
        if let Some(r) = row {
            let lines = self.lines();
            self.scroll_to = lines.iter().position(|l| *l == Line::Row(r));
        }
    }

    /// Rewrites the document part of the corrections' and notes' segment ids after
    /// columns moved or one was removed.
    fn remap_corrections(&mut self, map: impl Fn(usize) -> Option<usize>) {
        let remap = |id: &str| -> Option<String> {
            let SegmentId { doc, seg } = SegmentId::parse(id)?;
            Some(SegmentId { doc: map(doc)?, seg }.to_string())
        };
        let before = self.corrections.len();
        self.corrections = std::mem::take(&mut self.corrections)
            .into_iter()
            .filter_map(|c| match c {
                Correction::SetTheme { segment, theme } => {
                    Some(Correction::SetTheme { segment: remap(&segment)?, theme })
                }
                Correction::Split { segment } => Some(Correction::Split { segment: remap(&segment)? }),
                Correction::Join { a, b } => Some(Correction::Join { a: remap(&a)?, b: remap(&b)? }),
            })
            .collect();
        let notes_before = self.notes.len();
        self.notes = std::mem::take(&mut self.notes).into_iter().filter_map(|(id, n)| Some((remap(&id)?, n))).collect();
        let dropped = before - self.corrections.len() + notes_before - self.notes.len();
        if dropped > 0 {
            self.messages.push(Message {
                text: format!("{dropped} correction(s) or note(s) concerned the removed document and were dropped."),
                error: false,
            });
        }
    }

    /// Draws one frame and carries out what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        for provider in std::mem::take(&mut self.font_providers) {
            ctx.add_font_provider(provider);
        }
        if let Some(result) = self.job.as_ref().and_then(Job::poll) {
            self.finish_job(result);
        }
        self.finish_writes(false);
        // Files dropped on the window.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if !dropped.is_empty() {
            self.send(Command::AddFiles(dropped));
        }
        if let Some(c) = self.comparison.clone()
            && !self.fonts_checked
        {
            self.fonts_checked = true;
            if !self.missing_font_told
                && let Some(d) = fonts::undrawable_document(&ctx, &c)
            {
                self.missing_font_told = true;
                self.messages.push(Message { text: fonts::missing_font_notice(&self.title(d)), error: false });
            }
        }
        // Keyboard shortcuts (text fields keep their own keys).
        for (shortcut, command) in commands::shortcuts() {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.send(command);
            }
        }
        if !ctx.egui_wants_keyboard_input() {
            for (shortcut, command) in commands::navigation_keys() {
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    self.send(command);
                }
            }
        }

        // Closing the window with unsaved work asks first.
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending_confirm = Some(Command::Quit);
        }
        let title = format!(
            "{}{} — Counterpart",
            if self.dirty { "• " } else { "" },
            self.session_path
                .as_ref()
                .and_then(|p| p.file_stem())
                .map_or("Untitled comparison".into(), |s| s.to_string_lossy().into_owned())
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.settings.show_details {
            let widest = (ui.available_width() * style::SIDE_PANEL_MAX_SHARE).max(style::SIDE_PANEL_MIN_WIDTH);
            egui::Panel::right("details")
                .default_size(style::SIDE_PANEL_WIDTH.min(widest))
                .min_size(style::SIDE_PANEL_MIN_WIDTH)
                .max_size(widest)
                .resizable(true)
                .show(ui, |ui| {
                    if ui.small_button("Hide details ⏵").on_hover_text("Give the table the whole width").clicked() {
                        self.send(Command::ToggleDetails);
                    }
                    egui::ScrollArea::vertical().show(ui, |ui| side::details_ui(ui, self));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.messages_ui(ui);
            if self.comparison.is_some() {
                table::comparison_ui(ui, self);
            } else {
                self.welcome_ui(ui);
            }
        });
        if self.settings.show_overview {
            overview::overview_window(&ctx, self);
        }
        self.unsaved_dialog(&ctx);
        if self.job.is_some() || self.is_writing() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        for command in std::mem::take(&mut self.pending) {
            self.apply(command);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let item = |ui: &mut egui::Ui, label: &str, shortcut: Option<&egui::KeyboardShortcut>| {
            let mut b = egui::Button::new(label);
            if let Some(s) = shortcut {
                b = b.shortcut_text(ctx.format_shortcut(s));
            }
            ui.add(b)
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if item(ui, "Open…", Some(&commands::OPEN)).clicked() {
                    self.send(Command::OpenDialog);
                }
                let recent = self.settings.recent_sessions.clone();
                ui.add_enabled_ui(!recent.is_empty(), |ui| {
                    ui.menu_button("Recent sessions", |ui| {
                        for p in recent {
                            let name = p
                                .file_name()
                                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
                            if ui.button(name).on_hover_text(p.display().to_string()).clicked() {
                                self.send(Command::OpenSession(p));
                            }
                        }
                    });
                });
                ui.separator();
                if item(ui, "Save session", Some(&commands::SAVE)).clicked() {
                    self.send(Command::SaveSession);
                }
                if item(ui, "Save session as…", None).clicked() {
                    self.send(Command::SaveSessionAs);
                }
                if item(ui, "Export…", Some(&commands::EXPORT)).clicked() {
                    self.send(Command::Export);
                }
                ui.separator();
                if item(ui, "Quit", None).clicked() {
                    self.send(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        !self.corrections.is_empty(),
                        egui::Button::new("Undo correction").shortcut_text(ctx.format_shortcut(&commands::UNDO)),
                    )
                    .clicked()
                {
                    self.send(Command::UndoCorrection);
                }
                if ui
                    .add_enabled(
                        !self.redo.is_empty(),
                        egui::Button::new("Redo correction").shortcut_text(ctx.format_shortcut(&commands::REDO)),
                    )
                    .clicked()
                {
                    self.send(Command::RedoCorrection);
                }
                if item(ui, "Find", Some(&commands::FIND)).clicked() {
                    self.send(Command::FocusSearch);
                }
            });
            ui.menu_button("View", |ui| {
                if item(ui, "Next difference", Some(&commands::NEXT)).clicked() {
                    self.send(Command::NextDifference);
                }
                if item(ui, "Previous difference", Some(&commands::PREVIOUS)).clicked() {
                    self.send(Command::PreviousDifference);
                }
                ui.separator();
                if ui.radio(self.settings.group_by == GroupBy::Theme, "Group by theme").clicked() {
                    self.send(Command::SetGroupBy(GroupBy::Theme));
                }
                for d in 0..self.documents.len() {
                    let label = format!("Group by sections of d{} · {}", d + 1, short(&self.title(d), 40));
                    if ui.radio(self.settings.group_by == GroupBy::Sections(d), label).clicked() {
                        self.send(Command::SetGroupBy(GroupBy::Sections(d)));
                    }
                }
                ui.separator();
                ui.checkbox(&mut self.settings.show_overview, "Overview");
                ui.checkbox(&mut self.settings.show_details, "Details panel");
            });
            self.columns_menu(ui);
        });
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) {
        let dark = ui.visuals().dark_mode;
        ui.horizontal_wrapped(|ui| {
            if ui.button("Open…").on_hover_text("Open declarations to compare (Ctrl+O)").clicked() {
                self.send(Command::OpenDialog);
            }
            ui.separator();
            let search_id = egui::Id::unique("counterpart-search");
            let find_label = ui.label("Find");
            let mut text = self.filters.search.clone();
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id(search_id)
                        .hint_text("in all documents (Ctrl+F)")
                        .desired_width(170.0),
                )
                .labelled_by(find_label.id)
                .on_hover_text("Enter: next match · Escape: clear");
            if search.changed() {
                self.send(Command::SetSearch(text));
            }
            if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.send(Command::NextMatch);
                search.request_focus();
            }
            if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.send(Command::ClearSearch);
            }
            if self.focus_search {
                search.request_focus();
                self.focus_search = false;
            }
            match self.match_position() {
                Some((_, 0)) => {
                    ui.label("No matches");
                }
                Some((Some(at), n)) => {
                    ui.label(format!("{at} of {n}"));
                }
                Some((None, n)) => {
                    ui.label(format!("{n} {}", if n == 1 { "match" } else { "matches" }));
                }
                None => {}
            }
            ui.separator();
            for status in [Status::Shared, Status::Differing, Status::Unique] {
                let mut shown = !self.filters.hidden_statuses.contains(&status);
                let text = egui::RichText::new(status.id()).color(style::status_color(status, dark));
                if ui.checkbox(&mut shown, text).on_hover_text(format!("Show {} rows", status.id())).changed() {
                    if shown {
                        self.filters.hidden_statuses.remove(&status);
                    } else {
                        self.filters.hidden_statuses.insert(status);
                    }
                }
            }
            ui.separator();
            if let Some(c) = self.comparison.clone() {
                let label = match self.filters.themes.len() {
                    0 => "All themes".to_owned(),
                    1 => self
                        .filters
                        .themes
                        .iter()
                        .next()
                        .map(|&t| c.taxonomy.themes[t].label.clone())
                        .unwrap_or_default(),
                    n => format!("{n} themes"),
                };
                // Ticking a theme keeps the list open (it closes on a click outside).
                // Its selected text ("All themes", "3 themes") says what it is, so the
                // name "Themes" is for screen readers only: the toolbar then fits on
                // one line at 1,400 px with Find and "Clear filters" showing.
                let combo = egui::ComboBox::from_id_salt("theme-filter")
                    .selected_text(label.clone())
                    .width(160.0)
                    .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                    .show_ui(ui, |ui| {
                        for (t, theme) in c.taxonomy.themes.iter().enumerate() {
                            let mut on = self.filters.themes.contains(&t);
                            if ui.checkbox(&mut on, &theme.label).changed() {
                                self.send(Command::SetThemeFilter { theme: t, on });
                            }
                        }
                    });
                // The name and the selected text, both: egui describes the combo with
                // its value alone, and a description given here replaces its own.
                combo.response.widget_info(|| {
                    let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Themes");
                    info.current_text_value = Some(label.clone());
                    info
                });
                combo.response.on_hover_text("Show only the rows of the themes ticked here");
                // The filters in force, each a chip that removes itself.
                if let Some(d) = self.filters.doc {
                    let chip = format!("Only {} ×", short(&self.title(d), 30));
                    if ui.button(chip).on_hover_text("Show the rows of every document").clicked() {
                        self.send(Command::ClearDocumentFilter);
                    }
                }
                if self.filters.themes.len() > 1 || self.filters.doc.is_some() {
                    for t in self.filters.themes.clone() {
                        let chip = format!("{} ×", c.taxonomy.themes[t].label);
                        if ui.button(chip).on_hover_text("Stop showing only this theme").clicked() {
                            self.send(Command::SetThemeFilter { theme: t, on: false });
                        }
                    }
                }
            }
            if self.filters.any() && ui.button("Clear filters").clicked() {
                self.send(Command::ClearFilters);
            }
            ui.separator();
            self.outline_tools(ui);
            ui.separator();
            if ui.button("⬆ Previous").on_hover_text("Previous difference (F7, Alt+Up)").clicked() {
                self.send(Command::PreviousDifference);
            }
            if ui.button("⬇ Next").on_hover_text("Next difference (F8, Alt+Down)").clicked() {
                self.send(Command::NextDifference);
            }
            ui.separator();
            if ui
                .selectable_label(self.settings.compact, "Compact")
                .on_hover_text(
                    "Rows of three or more documents: the most common wording once, then per document only what differs",
                )
                .clicked()
            {
                self.send(Command::ToggleCompact);
            }
            if !self.settings.show_details && ui.button("Show details").clicked() {
                self.send(Command::ToggleDetails);
            }
            if ui
                .selectable_label(self.settings.show_overview, "Overview")
                .on_hover_text("Coverage of themes by document")
                .clicked()
            {
                self.send(Command::ToggleOverview);
            }
        });
    }

    /// Which documents are shown, and in what order: a check box per document (a
    /// hidden one stays in the comparison, the Overview and the reports) and arrows to
    /// move it. The last column shown cannot be hidden.
    fn columns_menu(&mut self, ui: &mut egui::Ui) {
        // Ticking columns keeps the menu open (it closes on a click outside).
        let config =
            egui::containers::menu::MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new("Columns").config(config).ui(ui, |ui| {
            let n = self.documents.len();
            let shown = (0..n).filter(|&d| self.column_shown(d)).count();
            for d in 0..n {
                ui.horizontal(|ui| {
                    let mut on = self.column_shown(d);
                    let label = format!("d{} · {}", d + 1, short(&self.title(d), 40));
                    let lone = on && shown <= 1;
                    let r = ui.add_enabled(!lone, egui::Checkbox::new(&mut on, label));
                    if r.on_hover_text("Hidden documents stay in the comparison and the reports").changed() {
                        self.send(Command::ShowColumn { doc: d, shown: on });
                    }
                    if ui.add_enabled(d > 0, egui::Button::new("◀").small()).on_hover_text("Move left").clicked() {
                        self.send(Command::MoveDocument { from: d, to: d - 1 });
                    }
                    if ui.add_enabled(d + 1 < n, egui::Button::new("▶").small()).on_hover_text("Move right").clicked()
                    {
                        self.send(Command::MoveDocument { from: d, to: d + 1 });
                    }
                });
            }
            if shown < n && ui.button("Show all columns").clicked() {
                for d in 0..n {
                    self.send(Command::ShowColumn { doc: d, shown: true });
                }
            }
        });
    }

    /// "Collapse all", "Expand all" and, when rows follow a document's sections, the
    /// "Go to section" field (Enter or Go scrolls to the first heading that matches).
    fn outline_tools(&mut self, ui: &mut egui::Ui) {
        if ui.button("Collapse all").on_hover_text("Fold every heading").clicked() {
            self.send(Command::CollapseAll);
        }
        if ui.button("Expand all").on_hover_text("Unfold every heading").clicked() {
            self.send(Command::ExpandAll);
        }
        if !matches!(self.settings.group_by, GroupBy::Sections(_)) {
            return;
        }
        let label = ui.label("Go to section");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.section_query)
                    .hint_text("Article 12, chapter 3…")
                    .desired_width(140.0),
            )
            .labelled_by(label.id)
            .on_hover_text("A heading's number or words; Enter goes there");
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Go").clicked() || entered) && !self.section_query.trim().is_empty() {
            self.send(Command::GoToSection(self.section_query.clone()));
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for (w, _) in &self.writes {
                ui.add(
                    egui::ProgressBar::new(w.progress())
                        .desired_width(160.0)
                        .animate(true)
                        .text(format!("{}…", w.label)),
                );
            }
            if let Some(job) = &self.job {
                let (stage, done) = job.progress();
                ui.add(egui::ProgressBar::new(done).desired_width(200.0).text(format!("{stage:?}…")));
                if ui.button("Cancel").on_hover_text("Stop the comparison").clicked() {
                    self.send(Command::CancelJob);
                }
            }
            if let Some(c) = &self.comparison {
                let count = |s: Status| c.rows.iter().filter(|r| r.status == s).count();
                ui.label(format!(
                    "{} documents · {} rows: {} shared, {} differing, {} unique",
                    c.documents.len(),
                    c.rows.len(),
                    count(Status::Shared),
                    count(Status::Differing),
                    count(Status::Unique)
                ));
                if !self.corrections.is_empty() {
                    ui.label(format!("· {} correction(s)", self.corrections.len()));
                }
                // What the highlight colours mean.
                ui.separator();
                let dark = ui.visuals().dark_mode;
                let swatch = |text: &str, color| egui::RichText::new(text).background_color(color);
                ui.label(swatch("differs from the most common wording", style::changed_word_background(dark)));
                ui.label(swatch("matches Find", style::search_match_background(dark)));
            }
        });
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        self.file_offers_ui(ui);
        let mut dismiss = None;
        for (k, m) in self.messages.iter().enumerate() {
            let color = if m.error { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
            // Dismiss before the text, and the text wrapped to the width left: a long
            // message neither pushes the button under the details panel nor widens
            // the table.
            ui.horizontal(|ui| {
                ui.colored_label(color, if m.error { "⚠ Error:" } else { "ℹ Notice:" });
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(k);
                }
                ui.add(egui::Label::new(&m.text).wrap());
            });
        }
        if let Some(k) = dismiss {
            self.messages.remove(k);
        }
        if !self.messages.is_empty() {
            ui.separator();
        }
    }

    fn welcome_ui(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            if self.job.is_some() {
                ui.heading("Comparing…");
                ui.spinner();
            } else {
                ui.heading("Counterpart");
                ui.label("Open two or more declarations to see them side by side, aligned by theme.");
                ui.add_space(12.0);
                if ui.button("Open declarations…").clicked() {
                    self.send(Command::OpenDialog);
                }
                ui.label("or drop files on this window");
            }
        });
    }

    fn unsaved_dialog(&mut self, ctx: &egui::Context) {
        if self.pending_confirm.is_none() {
            return;
        }
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.heading("Save changes to this comparison?");
            ui.label("Your corrections, notes and column titles will be lost if you don't save them.");
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    self.send(Command::ConfirmPending { save: true });
                }
                if ui.button("Don't save").clicked() {
                    self.send(Command::ConfirmPending { save: false });
                }
                if ui.button("Cancel").clicked() {
                    self.send(Command::CancelPending);
                }
            });
        });
    }
}

/// How far a save or export has got once its bytes are made (serialised or rendered);
/// writing them to disk is the rest.
const WRITE_MADE: f32 = 0.6;

/// The file name of `path`, for short messages.
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The sentence a correction is about (the first of a join): the selection follows it.
fn segment_of(correction: &Correction) -> &str {
    match correction {
        Correction::SetTheme { segment, .. } | Correction::Split { segment } => segment,
        Correction::Join { a, .. } => a,
    }
}

/// Shortens `s` to `n` characters with an ellipsis.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n.saturating_sub(1)).collect::<String>() + "…" }
}
