//! Everything the window can be asked to do, as data.
//!
//! Whatever changes the documents, the comparison, the user's work (corrections,
//! notes, column titles), the files on disk or the selection is a [`Command`]: widgets
//! push one and [`App::apply`](super::app::App::apply) carries it out once per frame.
//! Menus, shortcuts and tests all go through the same commands. Some view-only
//! state — the filter check boxes, dismissed messages — is edited by
//! its widget directly.

use crate::core::corrections::Correction;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// How rows are grouped in the comparison view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GroupBy {
    /// Under theme headers, in taxonomy order.
    Theme,
    /// Under the section headings of one document (its index), with the matching
    /// passages of the others beside it.
    Sections(usize),
}

/// How far [`Command::MoveSelection`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The row above.
    Up,
    /// The row below.
    Down,
    /// A screenful up.
    PageUp,
    /// A screenful down.
    PageDown,
    /// The first row.
    First,
    /// The last row.
    Last,
}

/// A request to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show the native dialog to open documents.
    OpenDialog,
    /// Add these files to the comparison.
    AddFiles(Vec<PathBuf>),
    /// Remove the document at this column.
    RemoveDocument(usize),
    /// Move a column.
    MoveDocument {
        /// Current column.
        from: usize,
        /// New column.
        to: usize,
    },
    /// Rename a column (an empty title restores the document's own).
    RenameDocument {
        /// Column.
        doc: usize,
        /// New title.
        title: String,
    },
    /// Show or hide a document's column; a hidden one stays in the comparison, the
    /// Overview and the reports. The last column shown stays.
    ShowColumn {
        /// Column.
        doc: usize,
        /// Whether it is shown.
        shown: bool,
    },
    /// Set a column's width (`None` gives it its share of the window again).
    SetColumnWidth {
        /// Column.
        doc: usize,
        /// Width in points.
        width: Option<f32>,
    },
    /// Stop the comparison running in the background.
    CancelJob,
    /// Select the next row that is not shared.
    NextDifference,
    /// Select the previous row that is not shared.
    PreviousDifference,
    /// Select a row (by index into the comparison's rows), or none.
    Select(Option<usize>),
    /// Move the selection through the rows shown and scroll to it.
    MoveSelection(Step),
    /// Set the text to find.
    SetSearch(String),
    /// Select the next row that matches the text to find (wraps around).
    NextMatch,
    /// Empty the Find field.
    ClearSearch,
    /// Put the keyboard focus in the search field.
    FocusSearch,
    /// Apply a correction to the machine's analysis.
    Correct(Correction),
    /// Take back the last correction.
    UndoCorrection,
    /// Make again the last correction taken back.
    RedoCorrection,
    /// Group rows by theme or by a document's sections.
    SetGroupBy(GroupBy),
    /// Fold or unfold one group header (a theme, or a section with all under it).
    SetCollapsed {
        /// The header's key.
        key: String,
        /// Whether its rows are hidden.
        collapsed: bool,
    },
    /// Fold every group header.
    CollapseAll,
    /// Unfold every group header.
    ExpandAll,
    /// Scroll to the first section (of the document the rows are grouped by) whose
    /// heading matches this text, unfolding what hides it.
    GoToSection(String),
    /// Show or hide the coverage overview.
    ToggleOverview,
    /// Switch the compact view of rows of many documents on or off.
    ToggleCompact,
    /// Show or hide the details panel.
    ToggleDetails,
    /// Show only rows of this theme that this document has (a coverage-matrix cell).
    FilterCell {
        /// Document column.
        doc: usize,
        /// Theme index.
        theme: usize,
    },
    /// Show (or stop showing only) one theme's rows.
    SetThemeFilter {
        /// Theme index.
        theme: usize,
        /// Whether the theme is among those shown.
        on: bool,
    },
    /// Show the rows of every document again (undoes a coverage-matrix cell's filter).
    ClearDocumentFilter,
    /// Show every row again.
    ClearFilters,
    /// Save the session to its file (asks for one the first time).
    SaveSession,
    /// Ask where to save the session.
    SaveSessionAs,
    /// Save the session to this file.
    SaveSessionTo(PathBuf),
    /// Open a saved session (asks first when there are unsaved changes).
    OpenSession(PathBuf),
    /// Open the session again reading this document's (column's) file instead of the
    /// copy saved in it: the file lies outside the session's folder or changed.
    UseCurrentFile(usize),
    /// Ask where to export a report.
    Export,
    /// Export a report to this file (the format follows the extension).
    ExportTo(PathBuf),
    /// Set the note of the row holding this segment (empty removes it).
    SetNote {
        /// Segment id.
        segment: String,
        /// The note.
        text: String,
    },
    /// Carry out the command waiting for the user's answer about unsaved changes,
    /// saving first when `save` is true.
    ConfirmPending {
        /// Save before going on.
        save: bool,
    },
    /// Forget the command waiting for the user's answer.
    CancelPending,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
}

/// Ctrl+O: open documents.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+F: find.
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// F8: next difference.
pub const NEXT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F8);
/// F7: previous difference.
pub const PREVIOUS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F7);
/// Alt+↓: next difference.
pub const NEXT_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown);
/// Alt+↑: previous difference.
pub const PREVIOUS_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp);
/// Ctrl+S: save session.
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
/// Ctrl+E: export a report.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Ctrl+Z: undo the last correction.
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Ctrl+Shift+Z: redo the correction last undone.
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Ctrl+Y: redo, as on Windows.
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// Keys that move the selection. They are only read when no text field has the
/// keyboard (a text field uses them to move its cursor), and after the Alt+arrow
/// shortcuts above, which they would otherwise shadow.
pub fn navigation_keys() -> [(KeyboardShortcut, Command); 8] {
    let key = |k| KeyboardShortcut::new(Modifiers::NONE, k);
    [
        (key(Key::ArrowUp), Command::MoveSelection(Step::Up)),
        (key(Key::ArrowDown), Command::MoveSelection(Step::Down)),
        (key(Key::PageUp), Command::MoveSelection(Step::PageUp)),
        (key(Key::PageDown), Command::MoveSelection(Step::PageDown)),
        (key(Key::Home), Command::MoveSelection(Step::First)),
        (key(Key::End), Command::MoveSelection(Step::Last)),
        (KeyboardShortcut::new(Modifiers::COMMAND, Key::Home), Command::MoveSelection(Step::First)),
        (KeyboardShortcut::new(Modifiers::COMMAND, Key::End), Command::MoveSelection(Step::Last)),
    ]
}

/// Shortcuts and the commands they send, in the order they are checked.
///
/// Redo comes before Undo: Ctrl+Z also matches Ctrl+Shift+Z (extra Shift is ignored).
pub fn shortcuts() -> [(KeyboardShortcut, Command); 11] {
    [
        (OPEN, Command::OpenDialog),
        (FIND, Command::FocusSearch),
        (NEXT, Command::NextDifference),
        (PREVIOUS, Command::PreviousDifference),
        (NEXT_ALT, Command::NextDifference),
        (PREVIOUS_ALT, Command::PreviousDifference),
        (SAVE, Command::SaveSession),
        (EXPORT, Command::Export),
        (REDO, Command::RedoCorrection),
        (REDO_Y, Command::RedoCorrection),
        (UNDO, Command::UndoCorrection),
    ]
}
