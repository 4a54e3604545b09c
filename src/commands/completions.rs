//! `groupctl completions SHELL`: the script, through the Printer like all output.

use super::Context;
use crate::cli::CompletionsArgs;
use crate::exit::Code;

pub fn run(ctx: &Context, args: CompletionsArgs) -> anyhow::Result<Code> {
    let mut cmd = crate::cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "groupctl", &mut script);
    ctx.printer.out(&String::from_utf8(script)?);
    Ok(Code::Ok)
}
