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
pub mod kafka;
pub mod model;
pub mod output;
pub mod reset;
pub mod wal;

use clap::Parser;

/// Parse the command line, run the command, and turn the outcome into a
/// process exit code. Errors print as one line on stderr.
pub fn run_main() -> std::process::ExitCode {
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
    let code = match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let code = exit::code_of(&err);
            exit::print_error(&err);
            code
        }
    };
    std::process::ExitCode::from(code as u8)
}
