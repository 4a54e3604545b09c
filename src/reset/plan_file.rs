//! A plan file read back (`--plan FILE` without a target): input like any
//! other. It may have been edited by hand, so before anything is sent it
//! passes the checks a CSV does (no negative offset, no partition twice, no
//! group twice, names that can exist); then it is planned again as
//! `--from-file` would be, against the cluster as it is now (unknown
//! partitions refused, offsets clamped to the log with a note).

use super::csv_file::CsvRow;
use super::plan::{ResetPlan, PLAN_FORMAT};
use crate::model::TopicPartition;
use std::collections::HashSet;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlanFileError {
    #[error("{file} is not a groupctl plan: {reason}")]
    NotAPlan { file: String, reason: String },
    #[error("{file}: plan format {found} is not supported (expected {PLAN_FORMAT})")]
    Format { file: String, found: u32 },
    #[error("{file}: group {group:?} appears twice")]
    GroupTwice { file: String, group: String },
    #[error("{file}: group {group}: {partition} appears twice")]
    PartitionTwice {
        file: String,
        group: String,
        partition: TopicPartition,
    },
    #[error(
        "{file}: group {group}: {partition}: new_offset {offset} is negative (offsets are >= 0)"
    )]
    Negative {
        file: String,
        group: String,
        partition: TopicPartition,
        offset: i64,
    },
    #[error("{file}: group {group:?}: {what}")]
    BadName {
        file: String,
        group: String,
        what: String,
    },
    #[error("{file}: the plan has no partitions")]
    Empty { file: String },
}

/// Parse a plan file (a UTF-8 byte-order mark is ignored).
pub fn parse(file: &str, text: &str) -> Result<ResetPlan, PlanFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plan: ResetPlan = serde_json::from_str(text).map_err(|e| PlanFileError::NotAPlan {
        file: file.into(),
        reason: e.to_string(),
    })?;
    if plan.groupctl_plan != PLAN_FORMAT {
        return Err(PlanFileError::Format {
            file: file.into(),
            found: plan.groupctl_plan,
        });
    }
    Ok(plan)
}

/// The plan as offsets to plan again (one row per group and partition), or
/// the first thing in it no command line could have asked for.
pub fn rows(file: &str, plan: &ResetPlan) -> Result<Vec<CsvRow>, PlanFileError> {
    let mut groups = HashSet::new();
    let mut rows = Vec::new();
    for g in &plan.groups {
        let bad = |what: &str| PlanFileError::BadName {
            file: file.into(),
            group: g.group.clone(),
            what: what.into(),
        };
        if g.group.is_empty() {
            return Err(bad("the group name is empty"));
        }
        if !groups.insert(g.group.as_str()) {
            return Err(PlanFileError::GroupTwice {
                file: file.into(),
                group: g.group.clone(),
            });
        }
        let mut seen = HashSet::new();
        for r in &g.partitions {
            if r.topic.is_empty() {
                return Err(bad("a partition has an empty topic name"));
            }
            if r.partition < 0 {
                return Err(bad(&format!(
                    "{}: partition {} is negative",
                    r.topic, r.partition
                )));
            }
            let tp = r.tp();
            if r.new_offset < 0 {
                return Err(PlanFileError::Negative {
                    file: file.into(),
                    group: g.group.clone(),
                    partition: tp,
                    offset: r.new_offset,
                });
            }
            if !seen.insert(tp.clone()) {
                return Err(PlanFileError::PartitionTwice {
                    file: file.into(),
                    group: g.group.clone(),
                    partition: tp,
                });
            }
            rows.push(CsvRow {
                group: Some(g.group.clone()),
                partition: tp,
                offset: r.new_offset,
                line: rows.len() + 1,
            });
        }
    }
    if rows.is_empty() {
        return Err(PlanFileError::Empty { file: file.into() });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reset::plan::{GroupPlan, PlanRow};

    fn row(topic: &str, partition: i32, new_offset: i64) -> PlanRow {
        PlanRow {
            topic: topic.into(),
            partition,
            current_offset: Some(5),
            new_offset,
            log_start_offset: 0,
            log_end_offset: 10,
            note: None,
        }
    }

    fn plan(groups: Vec<(&str, Vec<PlanRow>)>) -> ResetPlan {
        ResetPlan {
            groupctl_plan: PLAN_FORMAT,
            created_at: "2026-12-07T10:00:00.000Z".into(),
            target: "to-earliest".into(),
            groups: groups
                .into_iter()
                .map(|(g, partitions)| GroupPlan {
                    group: g.into(),
                    partitions,
                })
                .collect(),
        }
    }

    #[test]
    fn a_valid_plan_becomes_rows_of_its_groups() {
        let p = plan(vec![
            ("a", vec![row("t", 0, 3), row("t", 1, 4)]),
            ("b", vec![row("t", 0, 7)]),
        ]);
        let rows = rows("p.json", &p).unwrap();
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.group.as_deref().unwrap(),
                    r.partition.to_string(),
                    r.offset,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a", "t-0".to_string(), 3),
                ("a", "t-1".to_string(), 4),
                ("b", "t-0".to_string(), 7)
            ]
        );
    }

    #[test]
    fn hand_edits_no_command_line_could_make_are_refused() {
        let negative = plan(vec![("a", vec![row("t", 0, -7)])]);
        assert!(matches!(
            rows("p.json", &negative),
            Err(PlanFileError::Negative { offset: -7, .. })
        ));
        let twice = plan(vec![("a", vec![row("t", 0, 1), row("t", 0, 2)])]);
        assert!(matches!(
            rows("p.json", &twice),
            Err(PlanFileError::PartitionTwice { .. })
        ));
        let group_twice = plan(vec![
            ("a", vec![row("t", 0, 1)]),
            ("a", vec![row("t", 1, 1)]),
        ]);
        assert!(matches!(
            rows("p.json", &group_twice),
            Err(PlanFileError::GroupTwice { .. })
        ));
        let empty_topic = plan(vec![("a", vec![row("", 0, 1)])]);
        assert!(matches!(
            rows("p.json", &empty_topic),
            Err(PlanFileError::BadName { .. })
        ));
        let negative_partition = plan(vec![("a", vec![row("t", -1, 1)])]);
        assert!(rows("p.json", &negative_partition).is_err());
        let nothing = plan(vec![("a", vec![])]);
        assert!(matches!(
            rows("p.json", &nothing),
            Err(PlanFileError::Empty { .. })
        ));
    }

    #[test]
    fn parse_skips_a_bom_and_checks_the_format() {
        let p = plan(vec![("a", vec![row("t", 0, 3)])]);
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(parse("p.json", &format!("\u{feff}{text}")).unwrap(), p);
        let mut old = p.clone();
        old.groupctl_plan = 99;
        let text = serde_json::to_string(&old).unwrap();
        assert!(matches!(
            parse("p.json", &text),
            Err(PlanFileError::Format { found: 99, .. })
        ));
        assert!(matches!(
            parse("p.json", "{}"),
            Err(PlanFileError::NotAPlan { .. })
        ));
    }
}
