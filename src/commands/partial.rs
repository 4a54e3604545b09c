//! The one rule for commands that act on many items (groups, partitions,
//! brokers) when some of them fail:
//!
//! - none failed: exit 0;
//! - all failed: the first failure is the error line (exit 1), the others
//!   are warnings;
//! - some failed: every failure is a warning, then one summary error line
//!   (exit 4, a partial result).

use crate::exit::{self, Code};
use crate::output::Printer;

/// What a many-item command did.
#[derive(Debug, Default)]
pub struct Tally {
    /// Items that succeeded.
    pub done: usize,
    pub failed: Vec<Failure>,
}

/// One failed item: what it is (None when `why` names it) and why it failed.
#[derive(Debug, Clone)]
pub struct Failure {
    pub item: Option<String>,
    pub why: String,
}

impl Failure {
    pub fn new(item: impl Into<String>, why: impl Into<String>) -> Self {
        Failure {
            item: Some(item.into()),
            why: why.into(),
        }
    }

    /// A failure whose reason already names the item.
    pub fn named(why: impl Into<String>) -> Self {
        Failure {
            item: None,
            why: why.into(),
        }
    }

    fn line(&self) -> String {
        match &self.item {
            Some(item) => format!("{item}: {}", self.why),
            None => self.why.clone(),
        }
    }
}

impl Tally {
    /// The exit status by the rule above. `none_done` prefixes the reason
    /// when nothing succeeded (`nothing deleted: ...`), else the whole line
    /// is the error; `summary` is the line for a partial result.
    pub fn settle(
        self,
        printer: &Printer,
        none_done: Option<&str>,
        summary: impl FnOnce(&Tally) -> String,
    ) -> anyhow::Result<Code> {
        let Some((first, rest)) = self.failed.split_first() else {
            return Ok(Code::Ok);
        };
        if self.done == 0 {
            for f in rest {
                printer.warn(f.line());
            }
            return Err(match none_done {
                Some(prefix) => anyhow::anyhow!("{prefix}: {}", first.why),
                None => anyhow::anyhow!("{}", first.line()),
            });
        }
        for f in &self.failed {
            printer.warn(f.line());
        }
        Err(exit::data(summary(&self)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(done: usize, failed: &[(&str, &str)]) -> Tally {
        Tally {
            done,
            failed: failed.iter().map(|(i, w)| Failure::new(*i, *w)).collect(),
        }
    }

    #[test]
    fn none_all_or_some() {
        let p = Printer::new(false, true, true, 0);
        let summary = |t: &Tally| format!("{} done, {} failed", t.done, t.failed.len());
        assert_eq!(tally(3, &[]).settle(&p, None, summary).unwrap(), Code::Ok);
        let failed = [("a", "gone"), ("b", "gone")];
        let all = tally(0, &failed).settle(&p, Some("nothing deleted"), summary);
        let all = all.unwrap_err();
        assert_eq!(exit::code_of(&all), Code::Runtime);
        assert_eq!(all.to_string(), "nothing deleted: gone");
        let all = tally(0, &failed).settle(&p, None, summary).unwrap_err();
        assert_eq!(all.to_string(), "a: gone");
        let some = tally(2, &[("a", "gone")]).settle(&p, None, summary);
        let some = some.unwrap_err();
        assert_eq!(exit::code_of(&some), Code::Data);
        assert_eq!(some.to_string(), "2 done, 1 failed");
    }
}
