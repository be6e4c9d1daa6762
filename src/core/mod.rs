//! The comparison engine: documents in, one [`Comparison`] out.
//!
//! The stages, in the order a document goes through them:
//! [`read`] (bytes → text) → [`segment`] (title, sections, commitments) →
//! [`classify`] (themes, with evidence) → [`align`] (rows across N documents) →
//! [`diff`] (word marks inside differing rows). [`compare()`] runs them all.
//! Nothing here names the window toolkit: the CLI, the window and the exporters
//! only read the `Comparison`.

pub mod align;
pub mod classify;
pub mod compare;
pub mod corrections;
pub mod diff;
pub mod parties;
pub mod read;
pub mod segment;
pub mod taxonomy;
pub mod text;

pub use compare::{
    Cancelled, CompareOptions, Comparison, Document, DocumentInput, Progress, Row, Segment, Stage, Status, compare,
    compare_with_progress,
};
pub use taxonomy::Taxonomy;
