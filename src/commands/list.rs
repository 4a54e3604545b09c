use super::Context;
use crate::cli::ListArgs;
use crate::exit::Code;

pub fn run(_ctx: &Context, _args: ListArgs) -> anyhow::Result<Code> {
    anyhow::bail!("`list` is not implemented yet")
}
