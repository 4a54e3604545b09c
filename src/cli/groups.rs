use clap::{ArgGroup, Args, ValueEnum};

pub const LIST_HELP: &str = "\
Examples:
  groupctl list
  groupctl list --state Stable,Empty --type consumer,classic
  groupctl list --json | jq -r '.groups[].group'

ListGroups goes to every broker in parallel; results are merged.";

pub const DESCRIBE_HELP: &str = "\
Examples:
  groupctl describe my-group
  groupctl describe my-group --json
  groupctl describe --all-groups --state
  groupctl describe my-group other-group --members

Lag = log-end offset (read_committed) - committed offset. A partition without a
committed offset shows '-'; one whose committed offset is below the log start
is flagged 'behind log start' with the number of records lost. TIME-LAG is the
age of the next record to consume (its timestamp, read with Fetch: needs READ
on the topic); '-' when caught up, '?' when unknown (see NOTE).

Live view (--watch [INTERVAL], default 5s; put the groups before it):
  groupctl describe orders --watch
  groupctl describe orders billing --watch 2s --window 1m
  groupctl describe orders --watch 1s --count 10 --json

Alerts (exit 5 when breached; status rules: groupctl top --help):
  groupctl describe orders --fail-on STOPPED,REBALANCING --max-time-lag 5m
A single sample (no --watch) can tell OK, STOPPED and REBALANCING; LAGGING,
STALLED and REWOUND need samples over time (--watch with --count).";

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only groups in these states (comma-separated, any case): Stable, Empty,
    /// PreparingRebalance, CompletingRebalance, Assigning, Reconciling, NotReady, Dead
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "STATE,...",
        ignore_case = true,
        value_parser = [
            "Stable", "Empty", "PreparingRebalance", "CompletingRebalance",
            "Assigning", "Reconciling", "NotReady", "Dead",
        ],
        hide_possible_values = true
    )]
    pub state: Vec<String>,

    /// Only groups of these types (comma-separated): classic, consumer, share, streams
    #[arg(
        long = "type",
        value_delimiter = ',',
        value_name = "TYPE,...",
        ignore_case = true,
        value_parser = ["classic", "consumer", "share", "streams"],
        hide_possible_values = true
    )]
    pub group_type: Vec<String>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(["groups", "all_groups"])))]
pub struct DescribeArgs {
    /// Group ids to describe
    #[arg(value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Describe every group in the cluster
    #[arg(long, conflicts_with = "groups")]
    pub all_groups: bool,

    /// What to show
    #[command(flatten)]
    pub view: DescribeViewArgs,

    /// Refresh in place every INTERVAL [default: 5s]: lag, time lag, consume
    /// and produce rates, ETA to zero lag, status and events (JSON lines when
    /// not on a terminal)
    #[arg(
        long,
        value_name = "INTERVAL",
        num_args = 0..=1,
        require_equals = false,
        default_missing_value = "5s",
        value_parser = super::parse_interval,
        conflicts_with_all = ["members", "state"],
        help_heading = "Live view"
    )]
    pub watch: Option<std::time::Duration>,

    #[command(flatten, next_help_heading = "Live view")]
    pub live: super::LiveArgs,

    #[command(flatten, next_help_heading = "Alerts")]
    pub alerts: super::AlertArgs,
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct DescribeViewArgs {
    /// Per-partition committed offset, log end and lag (default)
    #[arg(long)]
    pub offsets: bool,
    /// Members with their client id, host and assigned partitions
    #[arg(long)]
    pub members: bool,
    /// Group state, coordinator, assignor and member count
    #[arg(long)]
    pub state: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DescribeView {
    Offsets,
    Members,
    State,
}

impl DescribeViewArgs {
    pub fn view(&self) -> DescribeView {
        if self.members {
            DescribeView::Members
        } else if self.state {
            DescribeView::State
        } else {
            DescribeView::Offsets
        }
    }
}
