//! Shell completions and man pages, generated from the clap definition.
//! They are checked in under `completions/` and `man/`; `tests/it/docs_fresh.rs`
//! fails when they are stale (`cargo run --example gen_docs` rewrites them).

use clap_complete::Shell;
use std::collections::BTreeMap;

/// Every generated file: path relative to the repository root -> content.
pub fn generate() -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut cmd = crate::cli::command();
    cmd.build();
    for (shell, file) in [
        (Shell::Bash, "groupctl.bash"),
        (Shell::Zsh, "_groupctl"),
        (Shell::Fish, "groupctl.fish"),
        (Shell::PowerShell, "_groupctl.ps1"),
        (Shell::Elvish, "groupctl.elv"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd.clone(), "groupctl", &mut buf);
        out.insert(format!("completions/{file}"), buf);
    }
    man_pages(&cmd, "groupctl", &mut out);
    out
}

fn man_pages(cmd: &clap::Command, name: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    let page = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .expect("render to memory");
    out.insert(format!("man/{name}.1"), buf);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}
