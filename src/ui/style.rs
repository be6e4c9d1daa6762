//! Colours and sizes of the window, in one place.
//!
//! Status colours carry meaning (shared, differing, unique) and are paired with a word
//! wherever they appear, so the window reads without colour too.

use crate::core::Status;
use egui::Color32;

/// Width of the status column.
pub const STATUS_COLUMN_WIDTH: f32 = 92.0;
/// Narrowest a document column gets by itself: about 30 characters, so a line holds a
/// clause. With more documents than fit, the table scrolls sideways instead.
pub const MIN_DOC_COLUMN_WIDTH: f32 = 200.0;
/// Narrowest the user can drag a document column: a few words still fit.
pub const NARROWEST_DOC_COLUMN: f32 = 80.0;
/// Width of the grip on a column title's right edge that resizes the column.
pub const RESIZE_HANDLE_WIDTH: f32 = 8.0;
/// The compact view shows a row compactly (the most common wording once, then per
/// document what differs) from this many documents on: with two, the full text of
/// both reads as easily.
pub const COMPACT_MIN_DOCUMENTS: usize = 3;
/// Height of the column titles pinned at the top of the table.
pub const COLUMN_TITLES_HEIGHT: f32 = 28.0;
/// How far a sub-heading of a treaty's outline steps in under its heading: enough
/// to see the nesting, little enough for five levels in a narrow window.
pub const OUTLINE_INDENT: f32 = 18.0;

/// Height of a theme or section header line.
pub const HEADER_HEIGHT: f32 = 30.0;
/// Vertical padding inside a row.
pub const ROW_PADDING: f32 = 10.0;
/// Width of the side panel.
pub const SIDE_PANEL_WIDTH: f32 = 380.0;
/// Narrowest the side panel can be dragged: its buttons still fit.
pub const SIDE_PANEL_MIN_WIDTH: f32 = 200.0;
/// Most of the window's width the side panel takes, so the table keeps the rest.
pub const SIDE_PANEL_MAX_SHARE: f32 = 0.45;

/// The colour of a status, for the current light or dark mode.
pub fn status_color(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::Shared, false) => Color32::from_rgb(0x2e, 0x7d, 0x32),
        (Status::Shared, true) => Color32::from_rgb(0x81, 0xc7, 0x84),
        (Status::Differing, false) => Color32::from_rgb(0xb2, 0x6a, 0x00),
        (Status::Differing, true) => Color32::from_rgb(0xff, 0xb7, 0x4d),
        (Status::Unique, false) => Color32::from_rgb(0x6a, 0x1b, 0x9a),
        (Status::Unique, true) => Color32::from_rgb(0xce, 0x93, 0xd8),
    }
}

/// Background of a word that differs from the row's most common wording.
pub fn changed_word_background(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(0x5a, 0x45, 0x10) } else { Color32::from_rgb(0xff, 0xe0, 0x9e) }
}

/// Background of a search match.
pub fn search_match_background(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(0x1e, 0x4d, 0x8c) } else { Color32::from_rgb(0xa8, 0xd1, 0xff) }
}

/// Background of a theme or section header line.
pub fn header_background(dark: bool) -> Color32 {
    if dark { Color32::from_gray(45) } else { Color32::from_gray(228) }
}

/// Background of the selected row.
pub fn selected_background(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(0x25, 0x3a, 0x55) } else { Color32::from_rgb(0xd6, 0xe6, 0xfa) }
}
