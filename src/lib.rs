//! groupctl: the on-call tool for Kafka consumer groups.
//!
//! Flow is one-directional: `cli` (clap definitions) -> `commands` (gather ->
//! compute -> render) -> `admin` (typed operations) -> `kafka` (wire). The
//! pure cores `assign` and `wal` never touch the network.

pub mod admin;
pub mod assign;
pub mod cli;
pub mod commands;
pub mod config;
pub mod docs;
pub mod exit;
pub mod files;
pub mod interrupt;
pub mod kafka;
pub mod model;
pub mod output;
pub mod reset;
pub mod wal;

use clap::Parser;

/// Whether `--json` is among the arguments (before a `--`): a usage error
/// then still prints a JSON document.
fn json_asked() -> bool {
    std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json")
}

/// Parse the command line, run the command, and turn the outcome into a
/// process exit code. Errors print as one line on stderr.
pub fn run_main() -> std::process::ExitCode {
    interrupt::install();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            if !e.use_stderr() {
                return std::process::ExitCode::SUCCESS;
            }
            if json_asked() {
                let message = e.kind().as_str().unwrap_or("invalid arguments");
                let first = e.to_string();
                let first = first
                    .lines()
                    .next()
                    .unwrap_or(message)
                    .trim_start_matches("error: ");
                output::Printer::new(true, true, true, 0).json_error(
                    "usage",
                    first,
                    exit::Code::Usage as u8,
                );
            }
            return std::process::ExitCode::from(exit::Code::Usage as u8);
        }
    };
    let g = &cli.global;
    let printer = output::Printer::new(g.json, g.no_color, g.quiet, g.verbose);
    let result = commands::run(cli, &printer);
    // The reader of stdout went away (`| head`): it has what it wanted.
    if printer.stdout_closed() {
        return std::process::ExitCode::SUCCESS;
    }
    let code = match result {
        Err(err) => {
            let line = exit::one_line(&err);
            let code = exit::code_of(&err);
            printer.error(&line);
            // A breached threshold is a judgement on complete output, not a failure to give it.
            if code != exit::Code::Breached {
                printer.json_error(code.kind(), &line, code as u8);
            }
            code
        }
        Ok(code) => match printer.write_failure() {
            Some(e) => {
                printer.error(&format!("cannot write to stdout: {e}"));
                exit::Code::Runtime
            }
            None => code,
        },
    };
    std::process::ExitCode::from(code as u8)
}
