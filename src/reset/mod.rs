//! Pure planning for `reset-offsets` and `offsets commit`: argument parsing,
//! the Apache tool's CSV format, targets with clamping, the scope and plan of
//! a whole reset over gathered inputs (`planner`), plan files.

pub mod csv_file;
pub mod names;
pub mod parse;
pub mod plan;
pub mod plan_file;
pub mod planner;

pub use csv_file::{CsvError, CsvRow};
pub use parse::{ParseError, TopicScope};
pub use plan::{
    GroupPlan, Moved, NoCommitFallback, PartitionState, PlanRow, ResetPlan, Target, Unplannable,
};
pub use plan_file::PlanFileError;
pub use planner::{plan, Committed, Listed, LogOffsets, PlanError, Scope, Selection};
