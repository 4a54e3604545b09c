use clap::{Args, Subcommand};

pub const COMPLETIONS_HELP: &str = "\
Examples:
  groupctl completions bash > /etc/bash_completion.d/groupctl
  groupctl completions zsh > \"${fpath[1]}/_groupctl\"
  groupctl completions fish > ~/.config/fish/completions/groupctl.fish";

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration (flag > env > profile > default), secrets masked
    Show,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
