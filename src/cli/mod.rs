//! Command-line definitions (clap derive) and nothing else. `--help`, the
//! man pages under `man/` and the completions under `completions/` are all
//! generated from these types.

mod assign;
mod groups;
mod misc;
mod offsets;
mod wal;
mod watch;

pub use assign::*;
pub use groups::*;
pub use misc::*;
pub use offsets::*;
pub use wal::*;
pub use watch::*;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  runtime failure (broker error, group/topic not found, unreachable)
  2  usage error (bad flags, malformed input file)
  3  refused for safety (active group, stale plan, declined confirmation)
  4  data problem found (damaged log records, partial results)
  5  threshold breached (describe/top --fail-on, --max-time-lag)";

#[derive(Debug, Parser)]
#[command(
    name = "groupctl",
    version,
    about = "Inspect, reset and replay Kafka consumer groups",
    long_about = "groupctl: the on-call tool for Kafka consumer groups.\n\n\
        Lists and describes groups with lag against any Kafka-protocol broker, \
        previews and applies offset resets safely (dry run by default), computes \
        partition assignments offline with Apache Kafka parity, and dumps or replays \
        a group coordinator's log (__consumer_offsets segments, Chronik metadata WAL).",
    after_help = EXIT_CODES_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER)
    /// [default: the profile's, else localhost:9092]
    #[arg(short = 'b', long, global = true, value_name = "HOST:PORT,...")]
    pub bootstrap_server: Option<String>,

    /// PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)
    #[arg(
        long,
        global = true,
        value_name = "PROTOCOL",
        help_heading = "Security"
    )]
    pub security_protocol: Option<String>,

    /// PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)
    #[arg(
        long,
        global = true,
        value_name = "MECHANISM",
        help_heading = "Security"
    )]
    pub sasl_mechanism: Option<String>,

    /// SASL user name (env GROUPCTL_SASL_USERNAME); the password only from
    /// GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag
    #[arg(long, global = true, value_name = "USER", help_heading = "Security")]
    pub sasl_username: Option<String>,

    /// PEM file of the CA(s) that sign the brokers' certificates [default: system roots]
    #[arg(long, global = true, value_name = "FILE", help_heading = "Security")]
    pub ssl_ca: Option<PathBuf>,

    /// PEM client certificate (chain) for mutual TLS
    #[arg(long, global = true, value_name = "FILE", help_heading = "Security")]
    pub ssl_cert: Option<PathBuf>,

    /// PEM private key of the client certificate (unencrypted)
    #[arg(long, global = true, value_name = "FILE", help_heading = "Security")]
    pub ssl_key: Option<PathBuf>,

    /// Do not verify broker certificates at all (warns on every run; for test clusters only)
    #[arg(long, global = true, help_heading = "Security")]
    pub insecure_skip_verify: bool,

    /// Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)
    #[arg(long, global = true, value_name = "FILE")]
    pub command_config: Option<PathBuf>,

    /// Profile from ~/.config/groupctl/config.toml
    #[arg(long, global = true, env = "GROUPCTL_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]
    #[arg(long, global = true, value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,

    /// Give up connecting to one broker after this (TCP and TLS; as
    /// socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]
    #[arg(long, global = true, value_parser = parse_duration, value_name = "DURATION")]
    pub connect_timeout: Option<Duration>,

    /// Give up on one request to one broker after this, the ApiVersions
    /// handshake included; the broker is then skipped for the rest of the run
    /// and the answer is partial (as request.timeout.ms; env
    /// GROUPCTL_REQUEST_TIMEOUT) [default: 5s]
    #[arg(long, global = true, value_parser = parse_duration, value_name = "DURATION")]
    pub request_timeout: Option<Duration>,

    /// Only see groups and topics starting with this prefix, shown without it
    /// (the view a tenant has through a multi-tenant proxy)
    #[arg(long, global = true, value_name = "PREFIX")]
    pub tenant_prefix: Option<String>,

    /// Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables
    #[arg(long, global = true)]
    pub json: bool,

    /// Never colour output (also: NO_COLOR=1)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// More diagnostics on stderr (-vv: every request, with a request counter)
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Only errors on stderr; no progress bars or warnings
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List consumer groups on every broker
    #[command(after_help = LIST_HELP)]
    List(ListArgs),

    /// Describe groups: per-partition offsets and lag, members, or state
    #[command(after_help = DESCRIBE_HELP)]
    Describe(DescribeArgs),

    /// All groups live, sorted by time lag: rates, ETA to zero lag, status, events
    #[command(after_help = TOP_HELP)]
    Top(TopArgs),

    /// Fetch or commit committed offsets
    #[command(subcommand)]
    Offsets(OffsetsCommand),

    /// Reset committed offsets (dry run unless --execute)
    #[command(after_help = RESET_HELP)]
    ResetOffsets(ResetArgs),

    /// Delete groups (must be empty)
    #[command(after_help = DELETE_HELP)]
    Delete(DeleteArgs),

    /// Delete committed offsets of a group for some topics/partitions
    #[command(after_help = DELETE_OFFSETS_HELP)]
    DeleteOffsets(DeleteOffsetsArgs),

    /// Compute a partition assignment offline (what-if), with Kafka parity
    #[command(after_help = ASSIGN_HELP)]
    Assign(AssignArgs),

    /// Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL
    #[command(subcommand)]
    Wal(WalCommand),

    /// Show configuration
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print shell completions
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
}

/// Parse `30s`, `1m`, `500ms` or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    humantime::parse_duration(s)
        .map_err(|e| format!("invalid duration {s:?}: {e} (try 30s, 2m, 500ms)"))
}

/// The clap command, for generators (man pages, completions) and tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
