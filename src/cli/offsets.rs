use clap::{ArgGroup, Args, Subcommand, ValueEnum};
use std::path::PathBuf;

pub const RESET_HELP: &str = "\
Scope (one or more): --all-topics | --topic T | --topic T:0,2 | --from-file F.csv
Target (exactly one): --to-earliest | --to-latest | --to-offset N | --shift-by N |
  --to-datetime TS | --by-duration D | --to-current | --from-file F.csv

Without --execute nothing is changed: the plan (CURRENT, NEW, DELTA, NOTE) is printed.
Targets are clamped to [log start, log end]; every clamp is shown as a note.
--execute re-checks that the group has no active members (exit 3 otherwise) and
first writes a backup CSV of the offsets it replaces (path printed); feed it back
with --from-file to undo.

Examples:
  groupctl reset-offsets my-group --topic orders --to-earliest
  groupctl reset-offsets my-group --topic orders:0,2 --shift-by -100 --execute
  groupctl reset-offsets my-group --all-topics --to-datetime 2026-11-20T10:00:00Z --plan plan.json
  groupctl reset-offsets --plan plan.json            # check it again, show it
  groupctl reset-offsets my-group --execute --plan plan.json
  groupctl reset-offsets my-group --from-file backup.csv --execute
  groupctl reset-offsets my-group --all-topics --to-latest --export plan.csv";

pub const DELETE_HELP: &str = "\
Examples:
  groupctl delete old-group
  groupctl delete g1 g2 --yes

The broker refuses groups that still have members (NON_EMPTY_GROUP).";

pub const DELETE_OFFSETS_HELP: &str = "\
Examples:
  groupctl delete-offsets my-group --topic orders
  groupctl delete-offsets my-group --topic orders:0,1 --yes";

#[derive(Debug, Subcommand)]
pub enum OffsetsCommand {
    /// Committed offset, metadata, leader epoch, log start/end and lag per partition
    #[command(
        after_help = "Examples:\n  groupctl offsets fetch my-group\n  groupctl offsets fetch my-group --topic orders --json"
    )]
    Fetch(OffsetsFetchArgs),

    /// Commit explicit offsets for an empty group (refused while members are active)
    #[command(
        after_help = "Examples:\n  groupctl offsets commit my-group --offset orders:0=1200 --offset orders:1=980\n  groupctl offsets commit my-group --from-file offsets.csv\n\nA backup CSV of the replaced offsets is written first (path printed)."
    )]
    Commit(OffsetsCommitArgs),
}

#[derive(Debug, Args)]
pub struct OffsetsFetchArgs {
    /// Group id
    pub group: String,
    /// Only these topics (repeatable; T or T:P,P)
    #[arg(long = "topic", value_name = "TOPIC[:P,...]")]
    pub topics: Vec<String>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("source").required(true).multiple(true).args(["offsets", "from_file"])))]
pub struct OffsetsCommitArgs {
    /// Group id
    pub group: String,
    /// Offset to commit, TOPIC:PARTITION=OFFSET (repeatable)
    #[arg(long = "offset", visible_alias = "topic", value_name = "T:P=OFFSET")]
    pub offsets: Vec<String>,
    /// CSV file of `topic,partition,offset` (or `group,topic,partition,offset`)
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// Directory for the backup CSV [default: $XDG_STATE_HOME/groupctl/backups,
    /// else ~/.local/state/groupctl/backups]
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Commit even for a group the cluster does not know (no members, no
    /// committed offsets, not listed): it is created. Without it such a
    /// group is refused, as a likely typo
    #[arg(long)]
    pub allow_new_group: bool,
    /// When the broker cannot describe a group's members (it lists the group
    /// but answers GROUP_ID_NOT_FOUND), commit anyway: you have stopped its consumers
    #[arg(long)]
    pub assume_empty: bool,
}

// GROUP or --all-groups is required except with `--execute --plan FILE`
// (the plan names its groups); commands/reset.rs checks it.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Group ids (with --execute --plan: only these groups of the plan)
    #[arg(value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Every group in the cluster (only the empty ones can be executed)
    #[arg(long, conflicts_with = "groups")]
    pub all_groups: bool,

    // --- scope ---
    /// Every topic the group has committed offsets for
    #[arg(long, help_heading = "Scope")]
    pub all_topics: bool,
    /// Topic, or topic with partitions T:0,2,5 (repeatable)
    #[arg(long = "topic", value_name = "TOPIC[:P,...]", help_heading = "Scope")]
    pub topics: Vec<String>,

    // --- target ---
    /// Log start offset
    #[arg(long, help_heading = "Target")]
    pub to_earliest: bool,
    /// Log end offset
    #[arg(long, help_heading = "Target")]
    pub to_latest: bool,
    /// This offset
    // Negative numbers are taken so that groupctl, not clap, says what is wrong with them.
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Target"
    )]
    pub to_offset: Option<i64>,
    /// Committed offset + N (N may be negative)
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Target"
    )]
    pub shift_by: Option<i64>,
    /// First offset with timestamp >= TS (RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS[zone])
    #[arg(long, value_name = "TS", help_heading = "Target")]
    pub to_datetime: Option<String>,
    /// As --to-datetime now minus D (PnDTnHnMnS, or 90m, 2h, 1d)
    #[arg(long, value_name = "D", help_heading = "Target")]
    pub by_duration: Option<String>,
    /// The committed offset (materialises offsets as they are)
    #[arg(long, help_heading = "Target")]
    pub to_current: bool,
    /// CSV of offsets (`topic,partition,offset` or `group,topic,partition,offset`); also the scope
    #[arg(long, value_name = "FILE", help_heading = "Target")]
    pub from_file: Option<PathBuf>,

    /// With several groups (or --all-groups) and a CSV without a group column:
    /// give each group offsets also for topics it has never committed (by
    /// default such rows go only to the groups that read the topic)
    #[arg(long, help_heading = "Target")]
    pub allow_new_topics: bool,

    /// For --shift-by/--to-current: where partitions without a committed offset go
    #[arg(long, value_enum, value_name = "WHERE", help_heading = "Target")]
    pub fallback: Option<Fallback>,

    // --- mode ---
    /// Only show the plan (the default)
    #[arg(long, conflicts_with = "execute", help_heading = "Mode")]
    pub dry_run: bool,
    /// Commit the plan
    #[arg(long, help_heading = "Mode")]
    pub execute: bool,
    /// Write the plan as CSV in kafka-consumer-groups.sh format
    #[arg(long, value_name = "FILE", help_heading = "Mode")]
    pub export: Option<PathBuf>,
    /// With a target: write the plan (with offsets at planning time) here.
    /// Without one: read this plan, check it as input (no negative offset, no
    /// partition twice, every partition on the cluster, offsets clamped to the
    /// log with a note) and show it, or commit it with --execute (refused if
    /// offsets moved since)
    #[arg(long, value_name = "FILE", help_heading = "Mode")]
    pub plan: Option<PathBuf>,
    /// Execute a stale plan anyway
    #[arg(long, requires = "execute", help_heading = "Mode")]
    pub force: bool,
    /// Commit even for a group the cluster does not know (no members, no
    /// committed offsets, not listed): it is created. Without it such a
    /// group is refused, as a likely typo
    #[arg(long, help_heading = "Mode")]
    pub allow_new_group: bool,
    /// When the broker cannot describe a group's members (it lists the group
    /// but answers GROUP_ID_NOT_FOUND), commit anyway: you have stopped its consumers
    #[arg(long, help_heading = "Mode")]
    pub assume_empty: bool,
    /// Directory for the backup CSV written before --execute [default:
    /// $XDG_STATE_HOME/groupctl/backups, else ~/.local/state/groupctl/backups]
    #[arg(long, value_name = "DIR", help_heading = "Mode")]
    pub backup_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Fallback {
    Earliest,
    Latest,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Group ids
    #[arg(value_name = "GROUP", required = true)]
    pub groups: Vec<String>,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct DeleteOffsetsArgs {
    /// Group id
    pub group: String,
    /// Topic, or topic with partitions T:0,2 (repeatable)
    #[arg(long = "topic", value_name = "TOPIC[:P,...]", required = true)]
    pub topics: Vec<String>,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
}
