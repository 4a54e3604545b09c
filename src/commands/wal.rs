use super::Context;
use crate::cli::WalCommand;
use crate::exit::Code;

pub fn run(_ctx: &Context, _cmd: WalCommand) -> anyhow::Result<Code> {
    anyhow::bail!("`wal` is not implemented yet")
}
