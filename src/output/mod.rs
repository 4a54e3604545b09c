//! Everything that writes for the user: the `Printer` handle (stdout vs
//! stderr, quiet/verbose, colour, JSON), tables and progress bars. Commands
//! never call `println!` directly.

pub mod assign;
pub mod groups;
pub mod offsets;
pub mod table;
pub mod wal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// How output is written for this invocation.
#[derive(Debug, Clone)]
pub struct Printer {
    pub json: bool,
    pub color: bool,
    pub quiet: bool,
    pub verbose: u8,
    progress: bool,
}

impl Printer {
    pub fn new(json: bool, no_color: bool, quiet: bool, verbose: u8) -> Self {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !json && !no_color && !no_color_env && std::io::stdout().is_terminal();
        colored::control::set_override(color);
        let progress = !quiet && std::io::stderr().is_terminal();
        Printer {
            json,
            color,
            quiet,
            verbose,
            progress,
        }
    }

    /// A printer that writes plain text and never shows progress (tests).
    pub fn plain() -> Self {
        colored::control::set_override(false);
        Printer {
            json: false,
            color: false,
            quiet: false,
            verbose: 0,
            progress: false,
        }
    }

    /// Write text to stdout. A closed pipe (`| head`) ends the process quietly.
    pub fn out(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let res = stdout.write_all(text.as_bytes()).and_then(|_| {
            if !text.ends_with('\n') {
                stdout.write_all(b"\n")?;
            }
            stdout.flush()
        });
        if let Err(e) = res {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }

    /// Write raw bytes to stdout without adding a newline (NDJSON streams).
    pub fn out_raw(&self, bytes: &[u8]) {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout.write_all(bytes) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }

    /// Pretty-print one JSON document to stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.out(&text);
        Ok(())
    }

    /// A warning on stderr (suppressed by -q).
    pub fn warn(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            use colored::Colorize;
            eprintln!("{} {}", "warning:".yellow().bold(), msg.as_ref());
        }
    }

    /// A note on stderr (suppressed by -q), for paths written and such.
    pub fn note(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// Diagnostics at -v.
    pub fn info(&self, msg: impl AsRef<str>) {
        if self.verbose >= 1 {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// Diagnostics at -vv.
    pub fn debug(&self, msg: impl AsRef<str>) {
        if self.verbose >= 2 {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// Ask a yes/no question on the terminal. None when stdin or stderr is not
    /// a terminal (the caller must then require --yes).
    pub fn confirm(&self, question: &str) -> Option<bool> {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return None;
        }
        eprint!("{question} [y/N] ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).is_err() {
            return Some(false);
        }
        Some(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
    }

    /// Whether progress bars are drawn (stderr is a TTY and not -q).
    pub fn shows_progress(&self) -> bool {
        self.progress
    }

    /// A progress bar on stderr; hidden when piped or quiet.
    pub fn progress(&self, len: u64, msg: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})")
                .expect("static template")
                .progress_chars("=> "),
        );
        bar.set_message(msg.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }

    /// A spinner on stderr for work of unknown length; hidden when piped or quiet.
    pub fn spinner(&self, msg: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("static template"),
        );
        bar.set_message(msg.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }
}
