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
            eprintln!("counterpart: the window is not built yet; try `counterpart report DOC...`");
            ExitCode::FAILURE
        }
    }
}
