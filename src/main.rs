//! Argument parsing and dispatch; nothing else.

#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::process::ExitCode;

use auditpanel::cli::{self, Cli, Command};
use clap::Parser;

fn main() -> ExitCode {
    let args = Cli::parse();
    // Everything written from here on passes the anonymity gate.
    cli::out::open(args.audit_dir().as_deref());
    let result = match &args.command {
        None => auditpanel::tui::run(&args.open.options()),
        Some(Command::Check(a)) => cli::check::run(a),
        Some(Command::Magtprofil(a)) => cli::magtprofil::run(a),
        Some(Command::Agreement(a)) => cli::agreement::run(a),
        Some(Command::ScoresTemplate(a)) => cli::scores::run(a),
        Some(Command::Export(a)) => cli::export::run(a),
        Some(Command::Generate(a)) => cli::generate::run(a),
        Some(Command::Status(a)) => cli::status::run(a),
        Some(Command::Anonymise(a)) => cli::anonymise::run(a),
    };
    let code = match result {
        Ok(code) => code,
        // The reader went away (`| head`): it has what it wanted.
        Err(e) if cli::is_broken_pipe(&e) => return ExitCode::SUCCESS,
        // A file that would carry an identifier was not written.
        Err(e) if cli::out::is_refusal(&e) => {
            auditpanel::errln!("auditpanel: fejl: {}", cli::error_da(&e));
            ExitCode::from(1)
        }
        Err(e) => {
            auditpanel::errln!("auditpanel: fejl: {}", cli::error_da(&e));
            ExitCode::from(2)
        }
    };
    // Something identifying reached the gate: it went out masked, and the
    // run is not a success (the audit needs `check`).
    let masked = cli::out::masked_count();
    if masked > 0 && code == ExitCode::SUCCESS {
        auditpanel::errln!(
            "auditpanel: {masked} {} et barn kan genkendes på blev maskeret i uddata; \
             kør `auditpanel check` og ret auditten",
            if masked == 1 { "værdi" } else { "værdier" }
        );
        return ExitCode::from(1);
    }
    code
}
