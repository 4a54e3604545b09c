use super::Context;
use crate::cli::DescribeArgs;
use crate::exit::Code;

pub fn run(_ctx: &Context, _args: DescribeArgs) -> anyhow::Result<Code> {
    anyhow::bail!("`describe` is not implemented yet")
}
