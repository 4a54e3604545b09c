use super::Context;
use crate::cli::OffsetsCommand;
use crate::exit::Code;

pub fn run(_ctx: &Context, _cmd: OffsetsCommand) -> anyhow::Result<Code> {
    anyhow::bail!("`offsets` is not implemented yet")
}
