use super::Context;
use crate::cli::AssignArgs;
use crate::exit::Code;

pub fn run(_ctx: &Context, _args: AssignArgs) -> anyhow::Result<Code> {
    anyhow::bail!("`assign` is not implemented yet")
}
