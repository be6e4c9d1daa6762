//! The app: its state, the commands that change it, and the frame that draws it.
//!
//! Documents, the comparison, the user's work and the selection change only in
//! [`App::apply`]; drawing code pushes [`Command`]s for them. Some view-only state
//! (the filter check boxes, folded headers, dismissed messages) is edited by its
//! widget directly. The comparison itself is computed by a background [`Job`] and only
//! read here.

use super::commands::{self, Command, GroupBy};
use super::job::{Job, JobInput};
use super::view::{self, Filters, Line};
use super::{overview, side, style, table};
use crate::core::corrections::{self, Correction, Notes};
use crate::core::{CompareOptions, Comparison, DocumentInput, Status};
use crate::export::{Format, ReportContext};
use crate::session::{self, SessionFile, ViewState, Work};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// File extensions the open dialog offers.
pub const SUPPORTED_EXTENSIONS: &[&str] = crate::core::read::EXTENSIONS;

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
}

impl Default for Settings {
    fn default() -> Self {
        Self { group_by: GroupBy::Theme, show_overview: false, show_details: true, recent_sessions: Vec::new() }
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
            options: CompareOptions::default(),
            base: None,
            comparison: None,
            corrections: Vec::new(),
            notes: Notes::new(),
            session_path: None,
            dirty: false,
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
        match self.comparison.as_ref().and_then(|c| c.documents.get(d)) {
            Some(doc) => doc.title.clone(),
            None => self.documents.get(d).map(|x| x.source.clone()).unwrap_or_default(),
        }
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
            self.dirty = false;
        } else if added && self.session_path.is_some() {
            self.dirty = true;
        }
        self.reapply_corrections();
        if let Some(id) = self.pending_selection.take() {
            self.select_segment(Some(&id));
        }
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
        match SessionFile::new(&path, &self.documents, &c, &self.work()).save(&path) {
            Ok(()) => {
                self.dirty = false;
                self.remember_session(&path);
                self.messages.push(Message { text: format!("Saved {}", path.display()), error: false });
                self.session_path = Some(path);
            }
            Err(e) => self.messages.push(Message { text: e.to_string(), error: true }),
        }
    }

    fn export(&mut self, path: PathBuf) {
        let (format, path) = match Format::from_path(&path) {
            Some(f) => (f, path),
            None => (Format::Html, path.with_extension("html")),
        };
        let Some(c) = self.comparison.clone() else { return };
        let mut ctx = ReportContext::new(&c);
        ctx.notes = &self.notes;
        ctx.corrections = &self.corrections;
        ctx.titles = (0..c.documents.len()).map(|d| self.title(d)).collect();
        let text = format.write(&ctx);
        match session::write_atomically(&path, text.as_bytes(), std::io::Write::write_all) {
            Ok(()) => self
                .messages
                .push(Message { text: format!("Exported {} to {}", format.label(), path.display()), error: false }),
            Err(e) => self.messages.push(Message { text: e.to_string(), error: true }),
        }
    }

    fn reapply_corrections(&mut self) {
        let Some(base) = &self.base else { return };
        if self.corrections.is_empty() {
            self.comparison = Some(base.clone());
        } else {
            let (c, failed) = corrections::apply(base, &self.corrections);
            for &k in failed.iter().rev() {
                let gone = self.corrections.remove(k);
                self.messages
                    .push(Message { text: format!("Correction no longer applies: {}", gone.describe()), error: false });
            }
            self.comparison = Some(Arc::new(c));
        }
        self.row_heights.clear();
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::OpenDialog => {
                if self.headless {
                    self.recorded.push(Command::OpenDialog);
                } else if let Some(files) = rfd::FileDialog::new()
                    .add_filter("Declarations and sessions", &[SUPPORTED_EXTENSIONS, &[session::EXTENSION]].concat())
                    .add_filter("Declarations", SUPPORTED_EXTENSIONS)
                    .add_filter("Counterpart sessions", &[session::EXTENSION])
                    .pick_files()
                {
                    self.apply(Command::AddFiles(files));
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
                    self.dirty = true;
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
                    let mut order: Vec<usize> = (0..n).collect();
                    let moved = order.remove(from);
                    order.insert(to, moved);
                    self.dirty = true;
                    self.remap_corrections(|x| order.iter().position(|&o| o == x));
                    self.start_job(Vec::new());
                }
            }
            Command::RenameDocument { doc, title } => {
                if let Some(t) = self.titles.get_mut(doc) {
                    *t = (!title.trim().is_empty()).then(|| title.trim().to_owned());
                    self.dirty = true;
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
            Command::FocusSearch => self.focus_search = true,
            Command::Correct(corr) => {
                let follow = match &corr {
                    Correction::SetTheme { segment, .. } | Correction::Split { segment } => Some(segment.clone()),
                    Correction::Join { a, .. } => Some(a.clone()),
                };
                self.corrections.push(corr);
                self.dirty = true;
                self.reapply_corrections();
                self.select_segment(follow.as_deref());
            }
            Command::UndoCorrection => {
                if self.corrections.pop().is_some() {
                    self.dirty = true;
                    self.reapply_corrections();
                    self.selected = None;
                }
            }
            Command::SetGroupBy(g) => self.settings.group_by = g,
            Command::ToggleOverview => self.settings.show_overview = !self.settings.show_overview,
            Command::FilterCell { doc, theme } => {
                self.filters.themes = std::iter::once(theme).collect();
                self.filters.doc = Some(doc);
                self.settings.group_by = GroupBy::Theme;
            }
            Command::ClearFilters => self.filters = Filters::default(),
            Command::SaveSession => match self.session_path.clone() {
                Some(p) => self.save_session(p),
                None => self.apply(Command::SaveSessionAs),
            },
            Command::SaveSessionAs => {
                if self.headless {
                    self.recorded.push(Command::SaveSessionAs);
                } else if let Some(p) = rfd::FileDialog::new()
                    .add_filter("Counterpart session", &[session::EXTENSION])
                    .set_file_name(format!("comparison.{}", session::EXTENSION))
                    .save_file()
                {
                    self.apply(Command::SaveSessionTo(p));
                }
            }
            Command::SaveSessionTo(p) => self.save_session(p),
            Command::Export => {
                if self.headless {
                    self.recorded.push(Command::Export);
                } else {
                    let mut dialog = rfd::FileDialog::new().set_file_name("comparison.html");
                    for f in Format::ALL {
                        dialog = dialog.add_filter(f.label(), &[f.extension()]);
                    }
                    if let Some(p) = dialog.save_file() {
                        self.apply(Command::ExportTo(p));
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
                self.dirty = true;
            }
            Command::ConfirmPending { save } => {
                if save {
                    self.apply(Command::SaveSession);
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
            let (doc, seg) = id.split_once(".s")?;
            let n: usize = doc.strip_prefix('d')?.parse().ok()?;
            let to = map(n.checked_sub(1)?)?;
            Some(format!("d{}.s{seg}", to + 1))
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
        if let Some(result) = self.job.as_ref().and_then(Job::poll) {
            self.finish_job(result);
        }
        // Files dropped on the window.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if !dropped.is_empty() {
            self.send(Command::AddFiles(dropped));
        }
        // Keyboard shortcuts (text fields keep their own keys).
        for (shortcut, command) in commands::shortcuts() {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.send(command);
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
            egui::Panel::right("details").default_size(style::SIDE_PANEL_WIDTH).min_size(280.0).resizable(true).show(
                ui,
                |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| side::details_ui(ui, self));
                },
            );
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
        self.rename_dialog(&ctx);
        self.unsaved_dialog(&ctx);
        if self.job.is_some() {
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
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filters.search)
                        .id(search_id)
                        .hint_text("in all documents (Ctrl+F)")
                        .desired_width(220.0),
                )
                .labelled_by(find_label.id);
            if self.focus_search {
                search.request_focus();
                self.focus_search = false;
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
                egui::ComboBox::new("theme-filter", "Themes").selected_text(label).width(200.0).show_ui(ui, |ui| {
                    for (t, theme) in c.taxonomy.themes.iter().enumerate() {
                        let mut on = self.filters.themes.contains(&t);
                        if ui.checkbox(&mut on, &theme.label).changed() {
                            if on {
                                self.filters.themes.insert(t);
                            } else {
                                self.filters.themes.remove(&t);
                            }
                        }
                    }
                });
            }
            if self.filters.any() && ui.button("Clear filters").clicked() {
                self.send(Command::ClearFilters);
            }
            ui.separator();
            if ui.button("⬆ Previous").on_hover_text("Previous difference (F7, Alt+Up)").clicked() {
                self.send(Command::PreviousDifference);
            }
            if ui.button("⬇ Next").on_hover_text("Next difference (F8, Alt+Down)").clicked() {
                self.send(Command::NextDifference);
            }
            ui.separator();
            if ui
                .selectable_label(self.settings.show_overview, "Overview")
                .on_hover_text("Coverage of themes by document")
                .clicked()
            {
                self.send(Command::ToggleOverview);
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
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
            }
        });
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        self.file_offers_ui(ui);
        let mut dismiss = None;
        for (k, m) in self.messages.iter().enumerate() {
            let color = if m.error { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
            ui.horizontal(|ui| {
                ui.colored_label(color, if m.error { "⚠ Error:" } else { "ℹ Notice:" });
                ui.label(&m.text);
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(k);
                }
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

    fn rename_dialog(&mut self, ctx: &egui::Context) {
        let Some((doc, mut text)) = self.rename.take() else { return };
        let mut keep = true;
        egui::Window::new("Rename column").collapsible(false).resizable(false).show(ctx, |ui| {
            let edit = ui.text_edit_singleline(&mut text);
            edit.request_focus();
            ui.horizontal(|ui| {
                if ui.button("Rename").clicked() || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                {
                    self.send(Command::RenameDocument { doc, title: text.clone() });
                    keep = false;
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
        });
        if keep {
            self.rename = Some((doc, text));
        }
    }
}

/// Shortens `s` to `n` characters with an ellipsis.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n.saturating_sub(1)).collect::<String>() + "…" }
}
