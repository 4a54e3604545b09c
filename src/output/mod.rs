//! Everything that writes for the user: the `Printer` handle (stdout vs
//! stderr, quiet/verbose, colour, JSON, the `Lines` stream for long output,
//! the -vv trace sink), tables and progress bars. Nothing else in groupctl
//! writes to stdout or stderr, so every write can hide the progress bars
//! first and a closed pipe is seen in one place.

pub mod assign;
pub mod groups;
pub mod offsets;
pub mod table;
pub mod wal;
pub mod watch;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The reader of stdout went away (`| head`): stop producing; the run
    /// ends quietly with exit 0.
    #[error("stdout was closed by its reader")]
    Closed,
    #[error("cannot write to stdout: {0}")]
    Write(std::io::Error),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// A sink for `-vv` trace lines, for layers that cannot import `output/`
/// (`kafka/` takes it as a plain callback).
pub type TraceSink = Arc<dyn Fn(&str) + Send + Sync>;

/// How output is written for this invocation. Cheap to clone: clones share
/// the progress bars and what is known about stdout.
#[derive(Clone)]
pub struct Printer {
    pub json: bool,
    pub color: bool,
    pub quiet: bool,
    pub verbose: u8,
    progress: bool,
    shared: Arc<Shared>,
}

struct Shared {
    /// Every progress bar on stderr, so that any write can hide them first.
    bars: MultiProgress,
    /// stdout is a terminal: assumed to be the one the bars are drawn on.
    stdout_tty: bool,
    /// The reader of stdout went away: later writes are dropped.
    closed: AtomicBool,
    /// The first other failure to write stdout (a full disk), reported at exit.
    failure: Mutex<Option<String>>,
    /// What stdout has had: nothing, text, a JSON document or a line stream
    /// (`WROTE_*`); decides how a failure is told to a `--json` reader.
    wrote: AtomicU8,
}

const WROTE_NOTHING: u8 = 0;
const WROTE_TEXT: u8 = 1;
const WROTE_DOCUMENT: u8 = 2;
const WROTE_LINES: u8 = 3;

impl Printer {
    pub fn new(json: bool, no_color: bool, quiet: bool, verbose: u8) -> Self {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let stdout_tty = std::io::stdout().is_terminal();
        let color = !json && !no_color && !no_color_env && stdout_tty;
        colored::control::set_override(color);
        let progress = !quiet && std::io::stderr().is_terminal();
        let target = if progress {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Printer {
            json,
            color,
            quiet,
            verbose,
            progress,
            shared: Arc::new(Shared {
                bars: MultiProgress::with_draw_target(target),
                stdout_tty,
                closed: AtomicBool::new(false),
                failure: Mutex::new(None),
                wrote: AtomicU8::new(WROTE_NOTHING),
            }),
        }
    }

    /// Write text to stdout, adding the final newline if it has none. A
    /// closed pipe or a failed write is remembered for the exit code (see
    /// `stdout_closed`, `write_failure`); later output is then dropped.
    pub fn out(&self, text: &str) {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend_from_slice(text.as_bytes());
        if !text.ends_with('\n') {
            bytes.push(b'\n');
        }
        let _ = self.write_stdout(&bytes);
        self.wrote(WROTE_TEXT);
    }

    fn wrote(&self, what: u8) {
        self.shared.wrote.fetch_max(what, Ordering::Relaxed);
    }

    /// Pretty-print one JSON document to stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), OutputError> {
        let text = serde_json::to_string_pretty(value)?;
        self.out(&text);
        self.wrote(WROTE_DOCUMENT);
        Ok(())
    }

    /// With `--json`, a failed run still gives its reader one JSON document:
    /// `{"error": {"kind", "message", "exit_code"}}`, unless the command
    /// already printed its document (which names its errors); after a line
    /// stream (NDJSON), one more line. Without `--json`, nothing.
    pub fn json_error(&self, kind: &str, message: &str, exit_code: u8) {
        if !self.json {
            return;
        }
        let doc = serde_json::json!({"error": {"kind": kind, "message": message, "exit_code": exit_code}});
        match self.shared.wrote.load(Ordering::Relaxed) {
            WROTE_DOCUMENT => {}
            WROTE_LINES => self.out(&doc.to_string()),
            _ => {
                let _ = self.json(&doc);
            }
        }
    }

    /// Stream many lines to stdout (see `Lines`).
    pub fn lines(&self) -> Lines<'_> {
        Lines {
            printer: self,
            buf: Vec::with_capacity(Lines::CHUNK),
            since: Instant::now(),
        }
    }

    /// A warning on stderr (suppressed by -q).
    pub fn warn(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            use colored::Colorize;
            self.to_stderr(&format!("{} {}", "warning:".yellow().bold(), msg.as_ref()));
        }
    }

    /// A note on stderr (suppressed by -q), for paths written and such.
    pub fn note(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            self.to_stderr(msg.as_ref());
        }
    }

    /// Diagnostics at -v.
    pub fn info(&self, msg: impl AsRef<str>) {
        if self.verbose >= 1 {
            self.to_stderr(msg.as_ref());
        }
    }

    /// A trace line at -vv (every request).
    pub fn trace(&self, msg: &str) {
        if self.verbose >= 2 {
            self.to_stderr(msg);
        }
    }

    /// `trace` as a sink for the layers below, or None below -vv (nothing is formatted then).
    pub fn trace_sink(&self) -> Option<TraceSink> {
        let printer = self.clone();
        (self.verbose >= 2).then(|| Arc::new(move |line: &str| printer.trace(line)) as TraceSink)
    }

    /// The one error line of a failed run: `error: ...`, never suppressed.
    pub fn error(&self, msg: &str) {
        use colored::Colorize;
        self.to_stderr(&format!("{} {}", "error:".red().bold(), msg));
    }

    /// Whether the reader of stdout went away (`| head`).
    pub fn stdout_closed(&self) -> bool {
        self.shared.closed.load(Ordering::Relaxed)
    }

    /// The first failure to write stdout other than a closed pipe.
    pub fn write_failure(&self) -> Option<String> {
        self.shared.failure.lock().expect("failure lock").clone()
    }

    /// Ask a yes/no question on the terminal. None when stdin or stderr is not
    /// a terminal (the caller must then require --yes).
    pub fn confirm(&self, question: &str) -> Option<bool> {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return None;
        }
        self.on_stderr(|| {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "{question} [y/N] ");
            let _ = err.flush();
        });
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
        let bar = self.shared.bars.add(ProgressBar::new(len));
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
        let bar = self.shared.bars.add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("static template"),
        );
        bar.set_message(msg.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }

    /// Run `write` with the progress bars hidden, then draw them again below.
    fn on_stderr<R>(&self, write: impl FnOnce() -> R) -> R {
        if self.progress {
            self.shared.bars.suspend(write)
        } else {
            write()
        }
    }

    fn to_stderr(&self, line: &str) {
        self.on_stderr(|| {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        });
    }

    /// The one place stdout is written. The bars are hidden while it is,
    /// when stdout is the terminal they are drawn on.
    fn write_stdout(&self, bytes: &[u8]) -> Result<(), OutputError> {
        let shared = &self.shared;
        if shared.closed.load(Ordering::Relaxed) {
            return Err(OutputError::Closed);
        }
        let write = || {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes).and_then(|_| stdout.flush())
        };
        let res = if shared.stdout_tty {
            self.on_stderr(write)
        } else {
            write()
        };
        match res {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                shared.closed.store(true, Ordering::Relaxed);
                Err(OutputError::Closed)
            }
            Err(e) => {
                let mut failure = shared.failure.lock().expect("failure lock");
                failure.get_or_insert_with(|| e.to_string());
                Err(OutputError::Write(e))
            }
        }
    }
}

/// A command line for the user to copy: each word shell-quoted (a group
/// named ` spaced ` or `#hash` stays one word). The `names` (positional
/// arguments) go between `before` and `after`, or after `--` at the end when
/// one starts with `-` (so that it is not read as a flag).
pub fn command_line(before: &[&str], names: &[&str], after: &[&str]) -> String {
    let quote = |w: &&str| {
        shlex::try_quote(w)
            .map(|q| q.into_owned())
            .unwrap_or_else(|_| w.replace('\0', ""))
    };
    let words: Vec<String> = if names.iter().any(|w| w.starts_with('-')) {
        let mut w: Vec<String> = before.iter().chain(after).map(quote).collect();
        w.push("--".into());
        w.extend(names.iter().map(quote));
        w
    } else {
        before.iter().chain(names).chain(after).map(quote).collect()
    };
    words.join(" ")
}

/// Streaming output for commands that write many lines (`wal inspect`,
/// NDJSON). Lines are collected and written in chunks: at 64 KiB, and on a
/// terminal also every 100 ms so that a slow producer still shows its lines
/// promptly. While a chunk is written to the terminal the progress bars are
/// drawn on, they are hidden and then drawn again below it, so no bar is ever
/// drawn over output.
///
/// ```ignore
/// let mut out = ctx.printer.lines();
/// for record in records {
///     // Err(Closed) once the reader of stdout has gone (`| head`): stop there,
///     // with `?` the run then ends quietly with exit 0.
///     out.line(&render(&record))?;
/// }
/// out.finish()?;
/// ```
///
/// Dropping a `Lines` writes what is left, ignoring failures; `finish` reports them.
pub struct Lines<'p> {
    printer: &'p Printer,
    buf: Vec<u8>,
    since: Instant,
}

impl Lines<'_> {
    const CHUNK: usize = 64 << 10;
    const TERMINAL_EVERY: Duration = Duration::from_millis(100);

    /// Add one line (without its newline).
    pub fn line(&mut self, text: &str) -> Result<(), OutputError> {
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.push(b'\n');
        let due = self.buf.len() >= Self::CHUNK
            || (self.printer.shared.stdout_tty && self.since.elapsed() >= Self::TERMINAL_EVERY);
        if due {
            self.flush()?;
        }
        Ok(())
    }

    /// Write what is collected so far.
    pub fn flush(&mut self) -> Result<(), OutputError> {
        self.since = Instant::now();
        if self.buf.is_empty() {
            return Ok(());
        }
        let res = self.printer.write_stdout(&self.buf);
        self.buf.clear();
        self.printer.wrote(WROTE_LINES);
        res
    }

    /// Write the rest and report whether all of it went out.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.flush()
    }
}

impl Drop for Lines<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_commands_are_shell_quoted() {
        let undo = |g: &str| {
            command_line(
                &["groupctl", "reset-offsets"],
                &[g],
                &["--from-file", "/tmp/b.csv", "--execute"],
            )
        };
        assert_eq!(
            undo("billing"),
            "groupctl reset-offsets billing --from-file /tmp/b.csv --execute"
        );
        assert_eq!(
            undo(" spaced "),
            "groupctl reset-offsets ' spaced ' --from-file /tmp/b.csv --execute"
        );
        assert_eq!(
            undo("#hash"),
            "groupctl reset-offsets '#hash' --from-file /tmp/b.csv --execute"
        );
        assert_eq!(
            undo("-dash"),
            "groupctl reset-offsets --from-file /tmp/b.csv --execute -- -dash"
        );
        assert_eq!(
            command_line(&["groupctl", "x"], &["it's"], &["--plan", "my plan.json"]),
            "groupctl x \"it's\" --plan 'my plan.json'"
        );
    }

    #[test]
    fn trace_sink_only_at_vv() {
        assert!(Printer::new(false, true, false, 1).trace_sink().is_none());
        assert!(Printer::new(false, true, false, 2).trace_sink().is_some());
    }
}
