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
is flagged 'behind log start' with the number of records lost.";

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only groups in these states (comma-separated): Stable, Empty,
    /// PreparingRebalance, CompletingRebalance, Assigning, Reconciling, Dead
    #[arg(long, value_delimiter = ',', value_name = "STATE,...")]
    pub state: Vec<String>,

    /// Only groups of these types (comma-separated): classic, consumer, share, streams
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE,...")]
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
