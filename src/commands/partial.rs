//! The one rule for commands that act on many items (groups, partitions,
//! brokers) when some of them fail:
//!
//! - none failed: exit 0;
//! - one item, and it failed: that failure is the error line (exit 1);
//! - all of several failed: every failure is a warning, then one summary
//!   error line (exit 1);
//! - some failed: every failure is a warning, then one summary error line
//!   (exit 4, a partial result).
//!
//! So a failure has the same severity whichever item it hits: a warning
//! line per failed item, and one error line that says how the run ended.

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

/// A broker that did not answer ListGroups: the groups it coordinates are
/// missing from `list` and `describe --all-groups`.
pub fn broker_missing(id: i32, e: &impl std::fmt::Display) -> Failure {
    Failure::named(format!(
        "{e}; the groups broker {id} coordinates are missing"
    ))
}

impl Tally {
    /// The exit status by the rule above. `none_done` prefixes the error
    /// line when nothing succeeded (`nothing deleted: ...`); `summary` says
    /// what failed of how many (the error line after the warnings).
    pub fn settle(
        self,
        printer: &Printer,
        none_done: Option<&str>,
        summary: impl FnOnce(&Tally) -> String,
    ) -> anyhow::Result<Code> {
        let Some((first, rest)) = self.failed.split_first() else {
            return Ok(Code::Ok);
        };
        if self.done == 0 && rest.is_empty() {
            return Err(match none_done {
                Some(prefix) => anyhow::anyhow!("{prefix}: {}", first.why),
                None => anyhow::anyhow!("{}", first.line()),
            });
        }
        for f in &self.failed {
            printer.warn(f.line());
        }
        if self.done == 0 {
            return Err(match none_done {
                Some(prefix) => anyhow::anyhow!("{prefix}: {}", summary(&self)),
                None => anyhow::anyhow!("{}", summary(&self)),
            });
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
        let one = tally(0, &[("a", "gone")]).settle(&p, Some("nothing deleted"), summary);
        let one = one.unwrap_err();
        assert_eq!(exit::code_of(&one), Code::Runtime);
        assert_eq!(one.to_string(), "nothing deleted: gone");
        let one = tally(0, &[("a", "gone")]).settle(&p, None, summary);
        assert_eq!(one.unwrap_err().to_string(), "a: gone");
        // Several failed: each is a warning, the error line sums up.
        let failed = [("a", "gone"), ("b", "gone")];
        let all = tally(0, &failed).settle(&p, Some("nothing deleted"), summary);
        let all = all.unwrap_err();
        assert_eq!(exit::code_of(&all), Code::Runtime);
        assert_eq!(all.to_string(), "nothing deleted: 0 done, 2 failed");
        let all = tally(0, &failed).settle(&p, None, summary).unwrap_err();
        assert_eq!(all.to_string(), "0 done, 2 failed");
        let some = tally(2, &[("a", "gone")]).settle(&p, None, summary);
        let some = some.unwrap_err();
        assert_eq!(exit::code_of(&some), Code::Data);
        assert_eq!(some.to_string(), "2 done, 1 failed");
    }
}
