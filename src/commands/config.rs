use super::Context;
use crate::cli::ConfigCommand;
use crate::exit::Code;

pub fn run(_ctx: &Context, _cmd: ConfigCommand) -> anyhow::Result<Code> {
    anyhow::bail!("`config show` is not implemented yet")
}
