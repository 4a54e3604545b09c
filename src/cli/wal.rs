use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum WalCommand {
    /// One line per record: offset, time, batch info, decoded key -> value
    #[command(
        after_help = "Examples:\n  groupctl wal inspect data/meta.wal\n  groupctl wal inspect /var/kafka/__consumer_offsets-12/ --group billing\n  groupctl wal inspect 00000000000000000000.log --json | jq ."
    )]
    Inspect(WalInspectArgs),

    /// Rebuild the state the coordinator would have: groups, members, committed offsets
    #[command(
        after_help = "Examples:\n  groupctl wal replay __consumer_offsets-12/\n  groupctl wal replay data/ --group billing --as-of 2026-11-20T10:00:00Z\n  groupctl wal replay seg.log --group billing --export-offsets billing.csv\n  groupctl reset-offsets billing --from-file billing.csv --execute"
    )]
    Replay(WalReplayArgs),

    /// Counts per record type and group, bytes, time span, compaction ratio, damage
    #[command(
        after_help = "Examples:\n  groupctl wal stats /var/kafka/__consumer_offsets-12/\n  groupctl wal stats data/meta.wal --json | jq .by_type\n\nExit code 4 when the log is damaged (every damaged place is listed)."
    )]
    Stats(WalStatsArgs),

    /// Which __consumer_offsets partition holds a group
    #[command(after_help = "Example:\n  groupctl wal locate billing --partitions 50")]
    Locate(WalLocateArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WalFormat {
    Kafka,
    Chronik,
}

#[derive(Debug, Args)]
pub struct WalInputArgs {
    /// A log file, a partition directory, or a data directory
    #[arg(value_name = "FILE|DIR")]
    pub path: PathBuf,
    /// Force the format instead of auto-detecting it
    #[arg(long, value_enum)]
    pub format: Option<WalFormat>,
    /// Read every intact record past damage, not what the broker itself would load (the default)
    #[arg(long)]
    pub salvage: bool,
    /// Salvage, and also use records whose checksum does not match
    #[arg(long)]
    pub apply_bad_crc: bool,
    /// Salvage up to the first damage only
    #[arg(long)]
    pub stop_at_first_error: bool,
}

#[derive(Debug, Args)]
pub struct WalFilterArgs {
    /// Only records of this group (repeatable)
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WalInspectArgs {
    #[command(flatten)]
    pub input: WalInputArgs,
    #[command(flatten)]
    pub filter: WalFilterArgs,
    /// Only offset records of this topic
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Only records of this type (offset_commit, group_metadata, ...; repeatable)
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// First offset to show
    #[arg(long, value_name = "N")]
    pub from_offset: Option<i64>,
    /// Last offset to show
    #[arg(long, value_name = "N")]
    pub to_offset: Option<i64>,
    /// Only records at or after this time (RFC 3339)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only records before this time (RFC 3339)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct WalReplayArgs {
    #[command(flatten)]
    pub input: WalInputArgs,
    #[command(flatten)]
    pub filter: WalFilterArgs,
    /// Stop replay at this offset (inclusive) or time (RFC 3339)
    #[arg(long, value_name = "OFFSET|TIME")]
    pub as_of: Option<String>,
    /// Write committed offsets as CSV for `reset-offsets --from-file`
    #[arg(long, value_name = "FILE")]
    pub export_offsets: Option<PathBuf>,
    /// Also list members and their assignments (default with a single --group)
    #[arg(long)]
    pub members: bool,
}

#[derive(Debug, Args)]
pub struct WalStatsArgs {
    #[command(flatten)]
    pub input: WalInputArgs,
}

#[derive(Debug, Args)]
pub struct WalLocateArgs {
    /// Group id
    pub group: String,
    /// Number of __consumer_offsets partitions (offsets.topic.num.partitions)
    #[arg(long, default_value_t = 50)]
    pub partitions: u32,
}
