//! The live view (`top`, `describe --watch`) and alert flags.

use super::parse_duration;
use clap::{Args, ValueEnum};
use std::time::Duration;

pub const TOP_HELP: &str = "\
Examples:
  groupctl top
  groupctl top --interval 2s --window 30s
  groupctl top --count 1 --fail-on STOPPED,STALLED --max-time-lag 10m   # cron / CI check
  groupctl top --json | jq -c '.groups[] | {group, status, eta_ms}'

On a terminal the view refreshes in place (q or Ctrl-C quits); with --json, or
when stdout is not a terminal, one JSON line per sample. Each refresh costs a
few requests per broker, however many groups there are.

Status, per partition over the window (first match): REWOUND the committed
offset moved back; OK lag is 0; STOPPED lag > 0, no members, offset not moving;
STALLED lag > 0, members, offset unchanged for a whole window; LAGGING lag grew
over the window; OK lag > 0 and not growing while the offset advances. A group
is REWOUND if a partition is, else REBALANCING when its state or members
changed within the window, else its worst partition.";

#[derive(Debug, Args)]
pub struct TopArgs {
    /// Refresh every INTERVAL (e.g. 2s, 500ms)
    #[arg(long, default_value = "5s", value_parser = parse_interval, value_name = "INTERVAL")]
    pub interval: Duration,

    #[command(flatten)]
    pub live: LiveArgs,

    #[command(flatten)]
    pub alerts: AlertArgs,
}

/// How long a live view runs and over what it judges.
#[derive(Debug, Clone, Args)]
pub struct LiveArgs {
    /// Stop after N samples [default: until q or Ctrl-C]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Rates, ETA and status are judged over this sliding window
    /// [default: 12 intervals]
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub window: Option<Duration>,
}

/// Thresholds that make the run exit 5, for scripts.
#[derive(Debug, Clone, Args)]
pub struct AlertArgs {
    /// Exit 5 when a group or partition is in one of these statuses
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "STATUS,...",
        ignore_case = true
    )]
    pub fail_on: Vec<StatusArg>,

    /// Exit 5 when a group's time lag (age of its oldest next record) is over this, e.g. 5m
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub max_time_lag: Option<Duration>,
}

/// A status of the live view, as `--fail-on` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatusArg {
    Ok,
    Lagging,
    Stalled,
    Stopped,
    Rewound,
    Rebalancing,
}

/// An interval: a duration of at least 100 ms.
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s).map_err(|_| {
        format!("invalid interval {s:?} (try 5s, 500ms; put the groups before --watch, or write --watch=5s)")
    })?;
    if d < Duration::from_millis(100) {
        return Err(format!("interval {s:?} is too short (at least 100ms)"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_interval("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_interval("orders")
            .unwrap_err()
            .contains("groups before --watch"));
        assert!(parse_interval("10ms").unwrap_err().contains("too short"));
    }
}
