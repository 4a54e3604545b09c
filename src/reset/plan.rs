//! Reset targets, clamping and the plan (what will be committed, and what
//! was committed when the plan was made, to detect stale plans).

use crate::model::TopicPartition;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where each partition's offset goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Earliest,
    Latest,
    Offset(i64),
    ShiftBy(i64),
    /// First offset with timestamp >= this (ms since epoch).
    Datetime(i64),
    Current,
    /// Per-partition offsets from a CSV file.
    FromFile,
}

impl Target {
    pub fn describe(&self) -> String {
        match self {
            Target::Earliest => "to-earliest".into(),
            Target::Latest => "to-latest".into(),
            Target::Offset(n) => format!("to-offset {n}"),
            Target::ShiftBy(n) => format!("shift-by {n}"),
            Target::Datetime(ms) => format!("to-datetime {}", crate::model::time::format_ms(*ms)),
            Target::Current => "to-current".into(),
            Target::FromFile => "from-file".into(),
        }
    }
}

/// For partitions without a committed offset, when the target is relative to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoCommitFallback {
    Earliest,
    Latest,
}

/// What is known about one partition when planning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionState {
    pub partition: TopicPartition,
    pub current: Option<i64>,
    pub log_start: i64,
    pub log_end: i64,
    /// ListOffsets by timestamp (only for `Datetime`): None = no record at or after it.
    pub by_time: Option<i64>,
    /// The file's offset (only for `FromFile`).
    pub requested: Option<i64>,
}

/// One row of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub topic: String,
    pub partition: i32,
    /// Committed offset when the plan was made (None: no commit).
    pub current_offset: Option<i64>,
    pub new_offset: i64,
    pub log_start_offset: i64,
    pub log_end_offset: i64,
    pub note: Option<String>,
}

impl PlanRow {
    pub fn tp(&self) -> TopicPartition {
        TopicPartition::new(self.topic.clone(), self.partition)
    }

    /// new - current: negative re-reads records, positive skips them.
    pub fn delta(&self) -> Option<i64> {
        self.current_offset.map(|c| self.new_offset - c)
    }
}

/// A partition that cannot be planned, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplannable {
    pub partition: TopicPartition,
    pub reason: String,
}

pub fn plan_partition(
    target: &Target,
    s: &PartitionState,
    fallback: Option<NoCommitFallback>,
) -> Result<PlanRow, Unplannable> {
    let fail = |reason: &str| Unplannable {
        partition: s.partition.clone(),
        reason: reason.to_string(),
    };
    let from_fallback = || match fallback {
        Some(NoCommitFallback::Earliest) => Ok((
            s.log_start,
            Some("no committed offset: fallback to earliest".to_string()),
        )),
        Some(NoCommitFallback::Latest) => Ok((
            s.log_end,
            Some("no committed offset: fallback to latest".to_string()),
        )),
        None => Err(fail(
            "no committed offset to move from (add --fallback earliest|latest)",
        )),
    };
    let (raw, mut note) = match target {
        Target::Earliest => (s.log_start, None),
        Target::Latest => (s.log_end, None),
        Target::Offset(n) => (*n, None),
        Target::ShiftBy(n) => match s.current {
            Some(c) => (c.saturating_add(*n), None),
            None => from_fallback()?,
        },
        Target::Current => match s.current {
            Some(c) => (c, None),
            None => from_fallback()?,
        },
        Target::Datetime(_) => match s.by_time {
            Some(o) => (o, None),
            None => (
                s.log_end,
                Some("no record at or after the time: log end".to_string()),
            ),
        },
        Target::FromFile => (s.requested.ok_or_else(|| fail("not in the file"))?, None),
    };
    let new = raw.clamp(s.log_start, s.log_end.max(s.log_start));
    if new != raw {
        let bound = if raw < s.log_start {
            "log start"
        } else {
            "log end"
        };
        note = Some(format!("clamped to {bound} (target was {raw})"));
    } else if s.current.is_none() && note.is_none() {
        note = Some("no committed offset".to_string());
    }
    Ok(PlanRow {
        topic: s.partition.topic.clone(),
        partition: s.partition.partition,
        current_offset: s.current,
        new_offset: new,
        log_start_offset: s.log_start,
        log_end_offset: s.log_end,
        note,
    })
}

pub const PLAN_FORMAT: u32 = 1;

/// The plan file (`--plan plan.json`), also the `--json` output of a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPlan {
    pub groupctl_plan: u32,
    pub created_at: String,
    pub target: String,
    pub groups: Vec<GroupPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPlan {
    pub group: String,
    pub partitions: Vec<PlanRow>,
}

impl GroupPlan {
    pub fn offsets(&self) -> BTreeMap<TopicPartition, i64> {
        self.partitions
            .iter()
            .map(|r| (r.tp(), r.new_offset))
            .collect()
    }
}

/// A partition whose committed offset moved since the plan was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub partition: TopicPartition,
    pub planned: Option<i64>,
    pub now: Option<i64>,
}

pub fn stale_partitions(plan: &GroupPlan, now: &BTreeMap<TopicPartition, i64>) -> Vec<Moved> {
    plan.partitions
        .iter()
        .filter_map(|r| {
            let tp = r.tp();
            let cur = now.get(&tp).copied();
            (cur != r.current_offset).then_some(Moved {
                partition: tp,
                planned: r.current_offset,
                now: cur,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn st(current: Option<i64>, start: i64, end: i64) -> PartitionState {
        PartitionState {
            partition: TopicPartition::new("t", 0),
            current,
            log_start: start,
            log_end: end,
            by_time: None,
            requested: None,
        }
    }

    fn new(target: Target, s: &PartitionState) -> (i64, Option<String>) {
        let r = plan_partition(&target, s, None).unwrap();
        (r.new_offset, r.note)
    }

    #[test]
    fn targets() {
        let s = st(Some(50), 10, 100);
        assert_eq!(new(Target::Earliest, &s), (10, None));
        assert_eq!(new(Target::Latest, &s), (100, None));
        assert_eq!(new(Target::Offset(42), &s), (42, None));
        assert_eq!(new(Target::ShiftBy(-5), &s), (45, None));
        assert_eq!(new(Target::Current, &s), (50, None));
        let mut t = s.clone();
        t.by_time = Some(77);
        assert_eq!(new(Target::Datetime(0), &t), (77, None));
        assert_eq!(
            new(Target::Datetime(0), &s),
            (100, Some("no record at or after the time: log end".into()))
        );
        t.requested = Some(60);
        assert_eq!(new(Target::FromFile, &t), (60, None));
    }

    #[test]
    fn clamps_with_a_note() {
        let s = st(Some(50), 10, 100);
        assert_eq!(
            new(Target::Offset(500), &s),
            (100, Some("clamped to log end (target was 500)".into()))
        );
        assert_eq!(
            new(Target::ShiftBy(-45), &s),
            (10, Some("clamped to log start (target was 5)".into()))
        );
        assert_eq!(new(Target::ShiftBy(i64::MAX), &s).0, 100);
    }

    #[test]
    fn no_commit_needs_a_fallback_for_relative_targets() {
        let s = st(None, 10, 100);
        let e = plan_partition(&Target::ShiftBy(1), &s, None).unwrap_err();
        assert!(e.reason.contains("--fallback"));
        assert!(plan_partition(&Target::Current, &s, None).is_err());
        let r = plan_partition(&Target::ShiftBy(1), &s, Some(NoCommitFallback::Latest)).unwrap();
        assert_eq!(r.new_offset, 100);
        assert_eq!(
            new(Target::Earliest, &s),
            (10, Some("no committed offset".into()))
        );
    }

    #[test]
    fn staleness() {
        let plan = GroupPlan {
            group: "g".into(),
            partitions: vec![
                plan_partition(&Target::Earliest, &st(Some(50), 0, 100), None).unwrap(),
            ],
        };
        let same = BTreeMap::from([(TopicPartition::new("t", 0), 50)]);
        assert!(stale_partitions(&plan, &same).is_empty());
        let moved = BTreeMap::from([(TopicPartition::new("t", 0), 60)]);
        assert_eq!(stale_partitions(&plan, &moved)[0].now, Some(60));
        assert_eq!(stale_partitions(&plan, &BTreeMap::new())[0].now, None);
    }

    proptest! {
        #[test]
        fn new_offset_always_within_log_range(
            cur in proptest::option::of(0i64..1_000_000), start in 0i64..1000, len in 0i64..1000,
            n in -2_000_000i64..2_000_000, kind in 0u8..5,
        ) {
            let s = st(cur, start, start + len);
            let target = match kind { 0 => Target::Offset(n.abs()), 1 => Target::ShiftBy(n), 2 => Target::Earliest, 3 => Target::Latest, _ => Target::Current };
            if let Ok(r) = plan_partition(&target, &s, Some(NoCommitFallback::Earliest)) {
                prop_assert!(r.new_offset >= start && r.new_offset <= start + len);
                let clamped = r.note.as_deref().is_some_and(|n| n.starts_with("clamped"));
                if let Target::Offset(v) = target { prop_assert_eq!(clamped, v < start || v > start + len); }
            }
        }
    }
}
