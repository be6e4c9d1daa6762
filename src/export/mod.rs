//! Exports: a [`Comparison`](crate::core::Comparison) written out as a report.
//!
//! Each format is one module and only reads the comparison. None of them names the
//! window toolkit.

pub mod json;
pub mod markdown;
