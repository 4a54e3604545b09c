use clap::{ArgGroup, Args, ValueEnum};
use std::path::PathBuf;

pub const ASSIGN_HELP: &str = "\
Examples:
  groupctl assign --strategy range --input scenario.json
  groupctl assign --strategy cooperative-sticky --input scenario.json --json
  groupctl assign --from-group my-group --add-member c4 --partitions orders=24
  groupctl assign --from-group my-group --strategy cooperative-sticky
  groupctl assign --from-group my-group --dump-scenario > scenario.json

Scenario JSON: {\"topics\": {\"orders\": 12}, \"members\": [{\"id\": \"c1\",
\"subscription\": [\"orders\"], \"owned\": [[\"orders\", 0]], \"generation\": 3}]}
(unknown fields are errors). Topics a member subscribes to that do not exist
get no assignment, as in Kafka, with a warning.

Exit codes: 0 ok; 2 bad flags or scenario; 4 Kafka's own assignor fails on this
scenario (the real rebalance would fail), or cooperative rebalances never settle
(the first rebalance's answer is shown, with a warning).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Strategy {
    Range,
    #[value(alias = "round-robin")]
    Roundrobin,
    Sticky,
    CooperativeSticky,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("source").required(true).args(["input", "from_group"])))]
pub struct AssignArgs {
    /// Assignor [default: the group's current one with --from-group, else range]
    #[arg(long, value_enum)]
    pub strategy: Option<Strategy>,

    /// Scenario JSON file ('-' for stdin)
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Build the scenario from this live group
    #[arg(long, value_name = "GROUP")]
    pub from_group: Option<String>,

    /// Add a member ID, optionally with its topics ID:t1,t2 (default: the group's topics)
    #[arg(long, value_name = "ID[:TOPICS]")]
    pub add_member: Vec<String>,

    /// Remove a member
    #[arg(long, value_name = "ID")]
    pub remove_member: Vec<String>,

    /// Set a topic's partition count TOPIC=N
    #[arg(long, value_name = "TOPIC=N")]
    pub partitions: Vec<String>,

    /// Print the (edited) scenario JSON and stop
    #[arg(long)]
    pub dump_scenario: bool,
}
