//! One module per subcommand: gather -> compute -> render.

pub mod activity;
pub mod apply;
pub mod assign;
pub mod committed;
pub mod completions;
pub mod config;
pub mod delete;
pub mod describe;
pub mod gather;
pub mod list;
pub mod offsets;
pub mod partial;
pub mod reset;
pub mod reset_gather;
pub mod session;
pub mod top;
pub mod wal;
pub mod watch;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::exit::Code;
use crate::output::Printer;

/// What every command gets: the global flags and the printer.
pub struct Context {
    pub global: GlobalArgs,
    pub printer: Printer,
}

impl Context {
    /// Connect (lazily) for commands that talk to brokers; offline commands never build a runtime.
    pub fn session(&self) -> anyhow::Result<session::Session> {
        session::Session::open(self)
    }
}

pub fn run(cli: Cli, printer: &Printer) -> anyhow::Result<Code> {
    let ctx = Context {
        global: cli.global,
        printer: printer.clone(),
    };
    match cli.command {
        Command::List(args) => list::run(&ctx, args),
        Command::Describe(args) => describe::run(&ctx, args),
        Command::Top(args) => top::run(&ctx, args),
        Command::Offsets(cmd) => offsets::run(&ctx, cmd),
        Command::ResetOffsets(args) => reset::run(&ctx, args),
        Command::Delete(args) => delete::run_delete(&ctx, args),
        Command::DeleteOffsets(args) => delete::run_delete_offsets(&ctx, args),
        Command::Assign(args) => assign::run(&ctx, args),
        Command::Wal(cmd) => wal::run(&ctx, cmd),
        Command::Config(cmd) => config::run(&ctx, cmd),
        Command::Completions(args) => completions::run(&ctx, args),
    }
}
