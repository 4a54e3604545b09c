use clap::{Args, Subcommand};

pub const COMPLETIONS_HELP: &str = "\
Examples:
  groupctl completions bash > /etc/bash_completion.d/groupctl
  groupctl completions zsh > \"${fpath[1]}/_groupctl\"
  groupctl completions fish > ~/.config/fish/completions/groupctl.fish";

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration and where each value comes from, secrets masked
    #[command(
        after_help = "Precedence: flag > --command-config file > environment > profile > default.\nConfig file: $GROUPCTL_CONFIG, else $XDG_CONFIG_HOME/groupctl/config.toml, else ~/.config/groupctl/config.toml.\n\nExamples:\n  groupctl config show\n  groupctl --profile prod config show --json"
    )]
    Show,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
