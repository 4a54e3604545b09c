use super::Context;
use crate::cli::ResetArgs;
use crate::exit::Code;

pub fn run(_ctx: &Context, _args: ResetArgs) -> anyhow::Result<Code> {
    anyhow::bail!("`reset-offsets` is not implemented yet")
}
