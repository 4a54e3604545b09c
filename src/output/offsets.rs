//! Tables for `offsets fetch` and reset plans.

use super::table;
use crate::model::{CommittedOffset, PartitionLag};
use crate::reset::ResetPlan;
use serde::Serialize;

fn dash<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "-".into())
}

/// `+5` (skips records), `-10` (re-reads), `0`, or `-` when there was no commit.
pub fn signed(d: Option<i64>) -> String {
    match d {
        Some(d) if d > 0 => format!("+{d}"),
        Some(d) => d.to_string(),
        None => "-".into(),
    }
}

pub fn plan(p: &ResetPlan) -> String {
    let mut t = table::new(&[
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "NEW-OFFSET",
        "DELTA",
        "NOTE",
    ]);
    for g in &p.groups {
        for r in &g.partitions {
            t.add_row(vec![
                g.group.clone(),
                r.topic.clone(),
                r.partition.to_string(),
                dash(r.current_offset),
                r.new_offset.to_string(),
                signed(r.delta()),
                r.note.clone().unwrap_or_default(),
            ]);
        }
    }
    table::render(&t)
}

/// One row of `offsets fetch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FetchedOffset {
    pub topic: String,
    pub partition: i32,
    pub committed_offset: Option<i64>,
    pub leader_epoch: Option<i32>,
    pub metadata: Option<String>,
    pub log_start_offset: Option<i64>,
    pub log_end_offset: Option<i64>,
    pub lag: Option<i64>,
    pub note: Option<String>,
}

impl FetchedOffset {
    /// The row of a partition: its lag and note (as `model::lag` computes
    /// them) with the commit's epoch and metadata.
    pub fn new(lag: PartitionLag, committed: Option<&CommittedOffset>) -> FetchedOffset {
        FetchedOffset {
            note: lag.note_or_uncommitted(),
            topic: lag.topic,
            partition: lag.partition,
            committed_offset: lag.current_offset,
            leader_epoch: committed.and_then(|c| c.leader_epoch),
            metadata: committed.map(|c| c.metadata.clone()),
            log_start_offset: lag.log_start_offset,
            log_end_offset: lag.log_end_offset,
            lag: lag.lag,
        }
    }
}

pub fn fetched(group: &str, rows: &[FetchedOffset]) -> String {
    let mut t = table::new(&[
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LEADER-EPOCH",
        "METADATA",
        "LOG-START-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "NOTE",
    ]);
    for r in rows {
        t.add_row(vec![
            group.to_string(),
            r.topic.clone(),
            r.partition.to_string(),
            dash(r.committed_offset),
            dash(r.leader_epoch),
            r.metadata
                .clone()
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "-".into()),
            dash(r.log_start_offset),
            dash(r.log_end_offset),
            dash(r.lag),
            r.note.clone().unwrap_or_default(),
        ]);
    }
    table::render(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reset::{GroupPlan, PlanRow};

    #[test]
    fn plan_table() {
        let row = |p, cur, new, note: Option<&str>| PlanRow {
            topic: "orders".into(),
            partition: p,
            current_offset: cur,
            new_offset: new,
            log_start_offset: 0,
            log_end_offset: 100,
            note: note.map(String::from),
        };
        let p = ResetPlan {
            groupctl_plan: 1,
            created_at: "2026-11-25T00:00:00.000Z".into(),
            target: "to-earliest".into(),
            groups: vec![GroupPlan {
                group: "billing".into(),
                partitions: vec![
                    row(0, Some(40), 0, None),
                    row(1, None, 0, Some("no committed offset")),
                    row(
                        2,
                        Some(10),
                        100,
                        Some("clamped to log end (target was 500)"),
                    ),
                ],
            }],
        };
        insta::assert_snapshot!(plan(&p));
    }
}
