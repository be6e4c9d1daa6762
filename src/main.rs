//! The `counterpart` binary: parses the command line and hands over.

use clap::Parser;
use counterpart::cli::{self, Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Report(r)) => match cli::report(&r) {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("counterpart: {e:#}");
                ExitCode::FAILURE
            }
        },
        None => {
            // Until the window lands, show the comparison of the given files (or the
            // bundled samples) on the terminal.
            let docs = if args.files.is_empty() { cli::bundled_samples() } else { args.files };
            let r = cli::ReportArgs { json: None, markdown: None, taxonomy: None, docs };
            match cli::report(&r) {
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
    }
}
