//! The `counterpart` binary: parses the command line and hands over.

use clap::Parser;
use counterpart::cli::{self, Cli, Command, ReportArgs};
use std::process::ExitCode;

/// mimalloc, for the aligner's millions of small allocations (`benches/`, ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Report(r)) => run_report(&r),
        // The window, on the given files or the bundled samples.
        None => {
            let files = if args.files.is_empty() { cli::bundled_samples() } else { args.files };
            open_window(files)
        }
    }
}

/// Runs a report, printing its output or the error; the exit code says which.
fn run_report(args: &ReportArgs) -> ExitCode {
    match cli::report(args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("counterpart: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(files: Vec<std::path::PathBuf>) -> ExitCode {
    match counterpart::ui::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("counterpart: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<std::path::PathBuf>) -> ExitCode {
    eprintln!("counterpart: built without the window (feature `gui`); use `counterpart report`");
    ExitCode::FAILURE
}
