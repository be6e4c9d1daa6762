//! The comparison engine: documents in, one [`Comparison`] out.
//!
//! The stages, in the order a document goes through them:
//! [`read`] (bytes → text) → [`segment`] (title, sections, commitments) →
//! [`classify`] (themes, with evidence) → [`align`] (rows across N documents) →
//! [`consensus`] and [`diff`] (what each row's wordings share and where they differ). [`compare()`] runs them all.
//! Nothing here names the window toolkit: the CLI, the window and the exporters
//! only read the `Comparison`.

pub mod align;
pub mod classify;
pub mod compare;
pub mod consensus;
pub mod corrections;
pub mod diff;
pub mod fast_hash;
pub mod model;
pub mod parties;
pub mod read;
pub mod segment;
pub mod semantic;
pub mod sparse;
pub mod taxonomy;
pub mod text;
pub mod titles;

pub use compare::{compare, compare_with_pairs, compare_with_progress};
pub use model::{
    Cancelled, CompareOptions, Comparison, Document, DocumentInput, PerDocument, Progress, Row, Segment, SegmentId,
    Stage, Status,
};
pub use taxonomy::Taxonomy;
