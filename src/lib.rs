//! Counterpart: put bilateral agreements and joint declarations side by side.
//!
//! - [`core`]: the engine — documents in, one [`core::Comparison`] out.
//! - [`export`]: reports written from a comparison (HTML, Markdown, JSON, CSV).
//! - [`session`]: the user's work saved and opened again.
//! - [`cli`]: the command line.
//! - [`ui`]: the desktop window, the only module that names egui, eframe or rfd.
//!
//! Everything but [`ui`] is usable headless.

pub mod cli;
pub mod core;
pub mod export;
pub mod session;
#[cfg(feature = "gui")]
pub mod ui;
