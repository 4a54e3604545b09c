//! Pure planning for `reset-offsets` and `offsets commit`: argument parsing,
//! the Apache tool's CSV format, targets with clamping, plan files.

pub mod csv_file;
pub mod parse;
pub mod plan;

pub use csv_file::{CsvError, CsvRow};
pub use parse::{ParseError, TopicScope};
pub use plan::{
    GroupPlan, Moved, NoCommitFallback, PartitionState, PlanRow, ResetPlan, Target, Unplannable,
};
