//! Counterpart: put bilateral agreements and joint declarations side by side.
//!
//! - [`core`]: the engine — documents in, one [`core::Comparison`] out.
//! - [`export`]: reports written from a comparison (JSON, Markdown).
//! - [`cli`]: the command line.
//!
//! Only the window code names the GUI toolkit; everything here is usable headless.

pub mod cli;
pub mod core;
pub mod export;
