//! Exit codes, and errors as the one line a failed run prints (at the command edge).
//!
//! 0 ok · 1 runtime failure (broker error, not found) · 2 usage error ·
//! 3 refused for safety · 4 data problem found (damaged log, partial results) ·
//! 5 threshold breached (`--fail-on`, `--max-time-lag`) · 130 interrupted
//! while committing (what was committed is listed first).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Code {
    Ok = 0,
    Runtime = 1,
    Usage = 2,
    Refused = 3,
    Data = 4,
    /// An alert threshold was breached: the run worked, the groups did not.
    Breached = 5,
    /// Interrupted (Ctrl-C) while writing, after saying what was written.
    Interrupted = 130,
}

impl Code {
    /// The word `--json` error documents use for it.
    pub fn kind(self) -> &'static str {
        match self {
            Code::Ok => "ok",
            Code::Runtime => "runtime",
            Code::Usage => "usage",
            Code::Refused => "refused",
            Code::Data => "data",
            Code::Breached => "breached",
            Code::Interrupted => "interrupted",
        }
    }
}

/// An error that carries its own exit code. Commands return it (wrapped in
/// `anyhow::Error`) when the code is not the default runtime failure.
#[derive(Debug)]
pub struct Exit {
    pub code: Code,
    pub message: String,
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// A usage error (exit 2): bad flag combination or malformed input file.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: Code::Usage,
        message: message.into(),
    }
    .into()
}

/// Refused for safety (exit 3): active group, stale plan.
pub fn refused(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: Code::Refused,
        message: message.into(),
    }
    .into()
}

/// A data problem (exit 4): damaged log, partial results.
pub fn data(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: Code::Data,
        message: message.into(),
    }
    .into()
}

/// A threshold breached (exit 5): `--fail-on`, `--max-time-lag`.
pub fn breached(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: Code::Breached,
        message: message.into(),
    }
    .into()
}

/// Interrupted by the user mid-write (exit 130), after reporting what was done.
pub fn interrupted(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: Code::Interrupted,
        message: message.into(),
    }
    .into()
}

/// The exit code of an error: the first `Exit` in its chain, else 1.
pub fn code_of(err: &anyhow::Error) -> Code {
    err.chain()
        .find_map(|e| e.downcast_ref::<Exit>().map(|x| x.code))
        .unwrap_or(Code::Runtime)
}

/// An error as a single line: `outer: inner: root`.
pub fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace('\n', " ")
}
