//! The command line: `counterpart report …` writes reports without a window.
//!
//! Errors go to stderr, one line each naming the file, and the exit code is non-zero.

use crate::core::{CompareOptions, Comparison, DocumentInput, Status, Taxonomy, compare};
use crate::export;
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Compare bilateral agreements and joint declarations side by side.
#[derive(Debug, Parser)]
#[command(name = "counterpart", version, about)]
pub struct Cli {
    /// What to do; with none, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Documents to open in the window (the bundled samples when none are given).
    pub files: Vec<PathBuf>,
}

/// A command-line action.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare documents and write reports (a summary on the terminal when no output is named).
    Report(ReportArgs),
}

/// Arguments of `counterpart report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Write the JSON report (format `counterpart-report`, version 1) to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the Markdown report to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Use the theme taxonomy in FILE instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// The documents to compare (two or more).
    #[arg(value_name = "DOC", required = true)]
    pub docs: Vec<PathBuf>,
}

/// The bundled sample declarations: `samples/*.txt` in the working directory, or in
/// the source tree the binary was built from.
pub fn bundled_samples() -> Vec<PathBuf> {
    let here = PathBuf::from("samples");
    let dir = if here.is_dir() { here } else { Path::new(env!("CARGO_MANIFEST_DIR")).join("samples") };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs `counterpart report`; returns the text to print on stdout.
pub fn report(args: &ReportArgs) -> Result<String> {
    let taxonomy = match &args.taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default(),
    };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in &args.docs {
        match DocumentInput::load(p) {
            Ok(d) => inputs.push(d),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!(errors.join("\n"));
    }
    if inputs.len() < 2 {
        bail!("give at least two documents to compare");
    }
    let comparison = compare(&inputs, &CompareOptions { taxonomy, ..CompareOptions::default() });
    if let Some(path) = &args.json {
        write(path, &export::json::to_json(&comparison))?;
    }
    if let Some(path) = &args.markdown {
        write(path, &export::markdown::to_markdown(&comparison))?;
    }
    if args.json.is_none() && args.markdown.is_none() {
        return Ok(summary(&comparison));
    }
    Ok(String::new())
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("{}: cannot write", path.display()))
}

/// A short summary of a comparison for the terminal.
pub fn summary(c: &Comparison) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for d in &c.documents {
        let _ = writeln!(out, "{}  {}  ({} commitments, {})", d.id, d.title, d.segments.len(), d.source);
    }
    let count = |s: Status| c.rows.iter().filter(|r| r.status == s).count();
    let _ = writeln!(
        out,
        "\n{} rows: {} shared, {} differing, {} unique\n",
        c.rows.len(),
        count(Status::Shared),
        count(Status::Differing),
        count(Status::Unique)
    );
    let _ = writeln!(out, "{:<48} {:>6} {:>6} {:>9} {:>6}", "theme", "rows", "shared", "differing", "unique");
    for (t, theme) in c.taxonomy.themes.iter().enumerate() {
        let rows: Vec<_> = c.rows.iter().filter(|r| r.theme == t).collect();
        if rows.is_empty() {
            continue;
        }
        let n = |s: Status| rows.iter().filter(|r| r.status == s).count();
        let _ = writeln!(
            out,
            "{:<48} {:>6} {:>6} {:>9} {:>6}",
            theme.label,
            rows.len(),
            n(Status::Shared),
            n(Status::Differing),
            n(Status::Unique)
        );
    }
    out
}
