//! Argument parsing and dispatch; nothing else.

use std::process::ExitCode;

use auditpanel::cli::{self, Cli, Command};
use clap::Parser;

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match &args.command {
        None => auditpanel::tui::run(&args.open.options()),
        Some(Command::Check(a)) => cli::check::run(a),
        Some(Command::Magtprofil(a)) => cli::magtprofil::run(a),
        Some(Command::Agreement(a)) => cli::agreement::run(a),
        Some(Command::ScoresTemplate(a)) => cli::scores::run(a),
        Some(Command::Export(a)) => cli::export::run(a),
        Some(Command::Generate(a)) => cli::generate::run(a),
        Some(Command::Status(a)) => cli::status::run(a),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`| head`): it has what it wanted.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("auditpanel: fejl: {}", cli::error_da(&e));
            ExitCode::from(2)
        }
    }
}
