use super::Context;
use crate::cli::CompletionsArgs;
use crate::exit::Code;

pub fn run(_ctx: &Context, args: CompletionsArgs) -> anyhow::Result<Code> {
    let mut cmd = crate::cli::command();
    clap_complete::generate(args.shell, &mut cmd, "groupctl", &mut std::io::stdout());
    Ok(Code::Ok)
}
