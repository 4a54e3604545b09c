use super::Context;
use crate::cli::{DeleteArgs, DeleteOffsetsArgs};
use crate::exit::Code;

pub fn run_delete(_ctx: &Context, _args: DeleteArgs) -> anyhow::Result<Code> {
    anyhow::bail!("`delete` is not implemented yet")
}

pub fn run_delete_offsets(_ctx: &Context, _args: DeleteOffsetsArgs) -> anyhow::Result<Code> {
    anyhow::bail!("`delete-offsets` is not implemented yet")
}
