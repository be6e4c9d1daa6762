//! The command line: `counterpart report …` writes reports without a window.
//!
//! Errors go to stderr, one line each naming the file, and the exit code is non-zero.

use crate::core::corrections;
use crate::core::{CompareOptions, Comparison, DocumentInput, Status, Taxonomy, compare};
use crate::export::{Format, ReportContext};
use crate::session::{CurrentFiles, SessionFile};
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
    /// Documents, or one session (`.counterpart`), to open in the window (the bundled
    /// samples when none are given).
    pub files: Vec<PathBuf>,
}

/// A command-line action.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare documents and write reports (a summary on the terminal when no output is named).
    Report(ReportArgs),
}

/// Arguments of `counterpart report`.
#[derive(Debug, Default, clap::Args)]
pub struct ReportArgs {
    /// Write the JSON report (format `counterpart-report`, version 1) to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the Markdown report to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Write the self-contained HTML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write the CSV table (one line per row) to FILE.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Use the theme taxonomy in FILE instead of the built-in one.
    #[arg(long, value_name = "FILE", conflicts_with = "session")]
    pub taxonomy: Option<PathBuf>,
    /// Report on a saved session (its documents, taxonomy, corrections and notes).
    #[arg(long, value_name = "FILE.counterpart", conflicts_with = "docs")]
    pub session: Option<PathBuf>,
    /// With --session: read each document's file even when it lies outside the session's
    /// folder or differs from the copy saved in the session (by default the saved copy is used).
    #[arg(long)]
    pub use_current_files: bool,
    /// Also save the comparison as a session the window can open.
    #[arg(long, value_name = "FILE.counterpart")]
    pub save_session: Option<PathBuf>,
    /// The date shown in report headers (default: now, in UTC).
    #[arg(long, value_name = "TEXT")]
    pub date: Option<String>,
    /// Accepted for scripts that ask for the fast engine: Counterpart has one engine,
    /// the lexical score with the static semantic table (ARCHITECTURE.md says why the
    /// full encoder is not used), and it is already the fast one. The report is the same.
    #[arg(long)]
    pub fast: bool,
    /// Print how long each stage of the engine took, on stderr.
    #[arg(long)]
    pub debug_timing: bool,
    /// Write every candidate pair the aligner weighed, with the pair model's features
    /// and probability, to FILE (JSON lines; a tuning aid, see tools/tune.py).
    #[arg(long, value_name = "FILE", hide = true)]
    pub debug_pairs: Option<PathBuf>,
    /// Read the aligner's options (thresholds and pair-model weights) from FILE (JSON;
    /// a tuning aid, see tools/tune.py).
    #[arg(long, value_name = "FILE", hide = true)]
    pub align_options: Option<PathBuf>,
    /// The documents to compare (two or more), unless --session is given.
    #[arg(value_name = "DOC", required_unless_present = "session")]
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

/// A comparison ready to report: documents, the corrected comparison and the user's work.
pub struct Prepared {
    /// The documents, in column order.
    pub inputs: Vec<DocumentInput>,
    /// The comparison with corrections applied.
    pub comparison: Comparison,
    /// Titles, corrections, notes and view.
    pub work: crate::session::Work,
    /// Notices for the user (sources moved or changed, corrections that no longer apply).
    pub notices: Vec<String>,
}

/// Loads documents (or a session) and compares them.
pub fn prepare(args: &ReportArgs) -> Result<Prepared> {
    if let Some(path) = &args.session {
        let current = if args.use_current_files { CurrentFiles::All } else { CurrentFiles::SavedCopies };
        return open_session(path, &current);
    }
    if args.use_current_files {
        bail!("--use-current-files goes with --session FILE.counterpart");
    }
    let taxonomy = match &args.taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default(),
    };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut notices = Vec::new();
    for p in &args.docs {
        match DocumentInput::load(p) {
            Ok(d) => {
                notices.extend(d.notices.iter().cloned());
                inputs.push(d);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!(errors.join("\n"));
    }
    if inputs.len() < 2 {
        bail!("give at least two documents to compare");
    }
    let mut options = CompareOptions { taxonomy, ..CompareOptions::default() };
    if let Some(p) = &args.align_options {
        let text = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
        options.align = serde_json::from_str(&text).with_context(|| format!("{}: not aligner options", p.display()))?;
    }
    let comparison = run_engine(&inputs, &options, args)?;
    Ok(Prepared { inputs, comparison, work: crate::session::Work::default(), notices })
}

/// Runs the engine, with the debugging outputs the arguments ask for.
fn run_engine(inputs: &[DocumentInput], options: &CompareOptions, args: &ReportArgs) -> Result<Comparison> {
    let start = std::time::Instant::now();
    // The last stage and fraction printed: a line per stage and per tenth of it.
    let last = std::sync::Mutex::new(None::<(crate::core::Stage, f32)>);
    let progress = |stage: crate::core::Stage, done: f32| {
        if args.debug_timing
            && let Ok(mut last) = last.lock()
            && last.is_none_or(|(s, d)| s != stage || done >= d + 0.1)
        {
            eprintln!(
                "counterpart: timing: {stage:?} {:.0}% at {:.3} s{}",
                done * 100.0,
                start.elapsed().as_secs_f64(),
                resident_memory()
            );
            *last = Some((stage, done));
        }
    };
    let (comparison, pairs) = if args.debug_pairs.is_some() {
        crate::core::compare_with_pairs(inputs, options, &progress)
    } else {
        let never = std::sync::atomic::AtomicBool::new(false);
        let c = crate::core::compare_with_progress(inputs, options, &progress, &never)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        (c, Vec::new())
    };
    if args.debug_timing {
        eprintln!("counterpart: timing: done at {:.3} s{}", start.elapsed().as_secs_f64(), resident_memory());
    }
    if let Some(path) = &args.debug_pairs {
        let mut out = String::new();
        for p in &pairs {
            out.push_str(&serde_json::to_string(p)?);
            out.push('\n');
        }
        write(path, &out)?;
    }
    Ok(comparison)
}

/// Opens a session file: its documents compared again, its work re-applied. Each
/// document is the copy saved in the session unless `current` allows its file (see
/// [`SessionFile::open_documents`]); a saved copy used instead of a file is noticed.
pub fn open_session(path: &Path, current: &CurrentFiles) -> Result<Prepared> {
    let file = SessionFile::load(path)?;
    let taxonomy =
        Taxonomy::from_file(file.taxonomy.clone()).map_err(|e| anyhow::anyhow!("{}: taxonomy: {e}", path.display()))?;
    let opened = file.open_documents(path, current);
    let inputs = opened.inputs;
    let mut notices = opened.notices;
    notices.extend(opened.offers.iter().map(|o| format!("{}; --use-current-files uses the file", o.message())));
    let base = compare(&inputs, &CompareOptions { taxonomy, ..CompareOptions::default() });
    let (work, lost) = file.work(&base);
    notices.extend(lost);
    let (comparison, failed) = corrections::apply(&base, &work.corrections);
    for k in failed {
        notices.push(format!("Correction no longer applies: {}", work.corrections[k].describe()));
    }
    Ok(Prepared { inputs, comparison, work, notices })
}

/// Runs `counterpart report`; returns the text to print on stdout. Notices (a moved
/// source, a correction that no longer applies) go to stderr.
pub fn report(args: &ReportArgs) -> Result<String> {
    let p = prepare(args)?;
    for n in &p.notices {
        eprintln!("counterpart: notice: {n}");
    }
    let titles: Vec<String> = p
        .comparison
        .documents
        .iter()
        .enumerate()
        .map(|(d, doc)| p.work.titles.get(d).cloned().flatten().unwrap_or_else(|| doc.title.clone()))
        .collect();
    let mut ctx = ReportContext::new(&p.comparison);
    ctx.notes = &p.work.notes;
    ctx.corrections = &p.work.corrections;
    ctx.titles = titles;
    if let Some(date) = &args.date {
        ctx.generated = date.clone();
    }
    let outputs = [
        (&args.json, Format::Json),
        (&args.markdown, Format::Markdown),
        (&args.html, Format::Html),
        (&args.csv, Format::Csv),
    ];
    for (path, format) in outputs {
        if let Some(path) = path {
            crate::session::write_atomically(path, &[], |f, _| format.write_to(&ctx, f))?;
        }
    }
    if let Some(path) = &args.save_session {
        SessionFile::new(path, &p.inputs, &p.comparison, &p.work).save(path)?;
    }
    let out = if outputs.iter().all(|(p, _)| p.is_none()) && args.save_session.is_none() {
        summary(&p.comparison)
    } else {
        String::new()
    };
    drop(ctx);
    // Freeing a corpus's comparison (millions of small allocations) takes about a
    // second at 1,000 × 300; the caller need not wait for it: the process may exit first.
    // A small one is freed at once (a thread costs more than it saves there).
    let segments: usize = p.comparison.documents.iter().map(|d| d.segments.len()).sum();
    if segments > FREE_IN_BACKGROUND_SEGMENTS {
        // Without a thread to spare, it is freed here, as a small one is.
        let _ = std::thread::Builder::new().name("free".into()).spawn(move || drop(p));
    }
    Ok(out)
}

/// Above this many segments, `report` frees the comparison on a thread of its own: at
/// 1,000 × 300 (300,000 segments) freeing took 1.0 s, while for the two samples (about
/// 100) a thread costs more than it saves.
const FREE_IN_BACKGROUND_SEGMENTS: usize = 20_000;

/// Writes an export atomically (a temporary file renamed over `path`): a report that
/// was there stays whole until the new one is complete, even if the process is killed.
fn write(path: &Path, text: &str) -> Result<()> {
    crate::session::write_atomically(path, text.as_bytes(), std::io::Write::write_all)
        .with_context(|| format!("{}: cannot write", path.display()))
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

/// ", N MB resident (peak M MB)" where the system tells (Linux), for `--debug-timing`.
fn resident_memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(", {} MB resident (peak {} MB)", now / 1024, peak / 1024),
        _ => String::new(),
    }
}

#[cfg(test)]
mod write_tests {
    use super::write;

    /// An export replaces the report's file as a whole (a new file renamed over it)
    /// rather than rewriting it in place: another name for the old file keeps the old
    /// report, and no temporary file is left.
    #[test]
    fn exports_replace_the_file_whole_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = dir.path().join("report.html");
        std::fs::write(&report, "old report").expect("old");
        let other_name = dir.path().join("kept.html");
        std::fs::hard_link(&report, &other_name).expect("hard link");
        write(&report, "new report").expect("written");
        assert_eq!(std::fs::read_to_string(&report).expect("read"), "new report");
        assert_eq!(std::fs::read_to_string(&other_name).expect("read"), "old report", "not rewritten in place");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
