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

/// Parse the command line, run the command, and turn the outcome into a
/// process exit code. Errors print as one line on stderr.
pub fn run_main() -> std::process::ExitCode {
    interrupt::install();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return std::process::ExitCode::from(if e.use_stderr() {
                exit::Code::Usage as u8
            } else {
                0
            });
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
            printer.error(&exit::one_line(&err));
            exit::code_of(&err)
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
