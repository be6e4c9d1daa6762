//! The app: its state, the commands that change it, and the frame that draws it.
//!
//! State changes only in [`App::apply`]; drawing code pushes [`Command`]s. The
//! comparison itself is computed by a background [`Job`] and only read here.

use super::commands::{self, Command, GroupBy};
use super::job::Job;
use super::view::{self, Filters, Line, StatusKey};
use super::{overview, side, style, table};
use crate::core::corrections::{self, Correction};
use crate::core::{CompareOptions, Comparison, DocumentInput, Status};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// File extensions the open dialog offers.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// View settings remembered between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// How rows are grouped.
    pub group_by: GroupBy,
    /// Whether the coverage overview is open.
    pub show_overview: bool,
    /// Whether the details panel is open.
    pub show_details: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { group_by: GroupBy::Theme, show_overview: false, show_details: true }
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
    job: Option<Job>,
    /// Errors and notices shown in the window.
    pub messages: Vec<Message>,
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
            job: None,
            messages: Vec::new(),
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
        self.job = Some(Job::start(self.documents.clone(), new_files, self.options.clone(), self.repaint.clone()));
    }

    fn finish_job(&mut self, result: super::job::JobResult) {
        self.job = None;
        for e in result.errors {
            self.messages.push(Message { text: e, error: true });
        }
        let Some(c) = result.comparison else {
            self.messages
                .push(Message { text: "Comparison cancelled; the previous one is still shown.".into(), error: false });
            return;
        };
        self.titles.resize(result.documents.len(), None);
        self.documents = result.documents;
        self.base = Some(Arc::new(c));
        self.selected = None;
        self.reapply_corrections();
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
                } else if let Some(files) =
                    rfd::FileDialog::new().add_filter("Declarations", SUPPORTED_EXTENSIONS).pick_files()
                {
                    self.apply(Command::AddFiles(files));
                }
            }
            Command::AddFiles(files) => {
                if !files.is_empty() {
                    self.start_job(files);
                }
            }
            Command::RemoveDocument(d) => {
                if d < self.documents.len() {
                    self.documents.remove(d);
                    self.titles.remove(d);
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
                    self.remap_corrections(|x| order.iter().position(|&o| o == x));
                    self.start_job(Vec::new());
                }
            }
            Command::RenameDocument { doc, title } => {
                if let Some(t) = self.titles.get_mut(doc) {
                    *t = (!title.trim().is_empty()).then(|| title.trim().to_owned());
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
                self.reapply_corrections();
                self.select_segment(follow.as_deref());
            }
            Command::UndoCorrection => {
                if self.corrections.pop().is_some() {
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
            Command::SaveSession | Command::Export => {
                self.messages.push(Message {
                    text: "Saving sessions and exporting reports from the window come in the next release; \
                           use `counterpart report --json/--markdown` meanwhile."
                        .into(),
                    error: false,
                });
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

    /// Rewrites the document part of the corrections' segment ids after columns moved.
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
        let dropped = before - self.corrections.len();
        if dropped > 0 {
            self.messages.push(Message {
                text: format!("{dropped} correction(s) concerned the removed document and were dropped."),
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
                ui.separator();
                if item(ui, "Save session", Some(&commands::SAVE)).clicked() {
                    self.send(Command::SaveSession);
                }
                if item(ui, "Export…", Some(&commands::EXPORT)).clicked() {
                    self.send(Command::Export);
                }
                ui.separator();
                if item(ui, "Quit", None).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
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
            for (key, status) in [
                (StatusKey::Shared, Status::Shared),
                (StatusKey::Differing, Status::Differing),
                (StatusKey::Unique, Status::Unique),
            ] {
                let mut shown = !self.filters.hidden_statuses.contains(&key);
                let text = egui::RichText::new(status.id()).color(style::status_color(status, dark));
                if ui.checkbox(&mut shown, text).on_hover_text(format!("Show {} rows", status.id())).changed() {
                    if shown {
                        self.filters.hidden_statuses.remove(&key);
                    } else {
                        self.filters.hidden_statuses.insert(key);
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
        let mut dismiss = None;
        for (k, m) in self.messages.iter().enumerate() {
            let color = if m.error { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
            ui.horizontal(|ui| {
                ui.colored_label(color, if m.error { "⚠" } else { "ℹ" });
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
