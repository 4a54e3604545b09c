//! The whole of reset planning, over inputs already gathered: which
//! partitions of which group (the scope), where each one goes (target,
//! clamping, fallback), and every partition that cannot be planned. No I/O:
//! `commands/reset.rs` gathers committed offsets and log offsets, calls
//! `Scope::select` and `plan`, and renders.

use super::csv_file::CsvRow;
use super::plan::{
    plan_partition, GroupPlan, NoCommitFallback, PartitionState, ResetPlan, Target, PLAN_FORMAT,
};
use crate::model::TopicPartition;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// Committed offsets per group (a partition without a commit is absent).
pub type Committed = BTreeMap<String, BTreeMap<TopicPartition, i64>>;

/// What ListOffsets said per partition: the offset (None: no record at or
/// after the time asked for), or why it could not say.
pub type Listed = BTreeMap<TopicPartition, Result<Option<i64>, String>>;

/// The log offsets planning needs.
#[derive(Debug, Clone, Default)]
pub struct LogOffsets {
    pub start: Listed,
    pub end: Listed,
    /// By timestamp, for `Target::Datetime` only.
    pub by_time: Option<Listed>,
}

impl LogOffsets {
    /// Partitions whose lookup by time found an offset past the log end.
    /// A record is never past the log end, but the end may have moved since
    /// it was read: ask for it again before `reject_by_time_past_end`.
    pub fn by_time_past_end(&self) -> Vec<TopicPartition> {
        let Some(by_time) = &self.by_time else {
            return Vec::new();
        };
        by_time
            .iter()
            .filter(|(tp, found)| match (found, self.end.get(*tp)) {
                (Ok(Some(o)), Some(Ok(Some(e)))) => o > e,
                _ => false,
            })
            .map(|(tp, _)| tp.clone())
            .collect()
    }

    /// A lookup by time still past the log end is the broker's error (one
    /// that does not find offsets by time), not a target to clamp.
    pub fn reject_by_time_past_end(&mut self) {
        for tp in self.by_time_past_end() {
            let end = self.end.get(&tp).cloned();
            let by_time = self.by_time.as_mut().expect("by_time_past_end found some");
            if let (Some(Ok(Some(o))), Some(Ok(Some(e)))) = (by_time.get(&tp).cloned(), end) {
                by_time.insert(
                    tp,
                    Err(format!(
                        "the broker's lookup by time answered offset {o}, past the log end {e} (it does not find offsets by time)"
                    )),
                );
            }
        }
    }
}

/// How the user chose the partitions.
#[derive(Debug, Clone)]
pub enum Selection<'a> {
    /// `--from-file`: rows without a group apply to every group, rows with
    /// one to that group only. `file` names it in messages. `own_topics`: a
    /// row without a group goes only to the groups that have committed its
    /// topic (several groups from one 3-column file must not each be given
    /// topics they never read).
    File {
        rows: &'a [CsvRow],
        file: &'a str,
        own_topics: bool,
    },
    /// `--all-topics`: every partition the group has a committed offset for.
    AllTopics,
    /// `--topic T[:P,...]`, already checked against the cluster.
    Partitions(&'a [TopicPartition]),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanError {
    #[error("group {group} has no committed offsets, so --all-topics selects nothing; name the topics with --topic")]
    NothingCommitted { group: String },
    #[error("unknown topic or partition {partition} (from {file})")]
    UnknownPartition {
        partition: TopicPartition,
        file: String,
    },
    #[error("cannot plan {} partition(s), nothing committed: {}", .problems.len(), .problems.join("; "))]
    Unplannable { problems: Vec<String> },
}

/// Which partitions of which group are reset, with the file's offset where
/// the selection is a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    pub groups: BTreeMap<String, BTreeMap<TopicPartition, Option<i64>>>,
    /// (group, topic): rows a file gave every group, left out of a group
    /// that has not committed that topic (`own_topics`).
    pub not_its_topics: Vec<(String, String)>,
}

impl Scope {
    pub fn select(
        groups: &[String],
        selection: &Selection,
        committed: &Committed,
    ) -> Result<Scope, PlanError> {
        let mut scope = BTreeMap::new();
        let mut not_its_topics = Vec::new();
        for g in groups {
            let mine: BTreeMap<TopicPartition, Option<i64>> = match selection {
                Selection::File {
                    rows, own_topics, ..
                } => {
                    let topics: BTreeSet<&str> = committed
                        .get(g)
                        .into_iter()
                        .flat_map(|m| m.keys().map(|tp| tp.topic.as_str()))
                        .collect();
                    let mut left_out = BTreeSet::new();
                    let mine = rows
                        .iter()
                        .filter(|r| match r.group.as_deref() {
                            Some(x) => x == g,
                            None if *own_topics => {
                                let t = r.partition.topic.as_str();
                                let ok = topics.contains(t);
                                if !ok {
                                    left_out.insert(t);
                                }
                                ok
                            }
                            None => true,
                        })
                        .map(|r| (r.partition.clone(), Some(r.offset)))
                        .collect();
                    not_its_topics.extend(left_out.into_iter().map(|t| (g.clone(), t.to_string())));
                    mine
                }
                Selection::AllTopics => {
                    let tps: BTreeMap<_, _> = committed
                        .get(g)
                        .into_iter()
                        .flat_map(|m| m.keys().map(|tp| (tp.clone(), None)))
                        .collect();
                    if tps.is_empty() {
                        return Err(PlanError::NothingCommitted { group: g.clone() });
                    }
                    tps
                }
                Selection::Partitions(tps) => tps.iter().map(|tp| (tp.clone(), None)).collect(),
            };
            scope.insert(g.clone(), mine);
        }
        Ok(Scope {
            groups: scope,
            not_its_topics,
        })
    }

    /// Every partition in scope, once, in order.
    pub fn partitions(&self) -> Vec<TopicPartition> {
        let all: BTreeSet<&TopicPartition> = self.groups.values().flat_map(|m| m.keys()).collect();
        all.into_iter().cloned().collect()
    }

    /// Every topic in scope, once, in order.
    pub fn topics(&self) -> Vec<String> {
        let all: BTreeSet<&str> = self
            .groups
            .values()
            .flat_map(|m| m.keys().map(|tp| tp.topic.as_str()))
            .collect();
        all.into_iter().map(str::to_string).collect()
    }

    /// A file may name any partition: each must exist on the cluster
    /// (`known`: a topic's partitions, None for a topic that does not exist).
    pub fn check_known(
        &self,
        known: &BTreeMap<String, Option<Vec<TopicPartition>>>,
        file: &str,
    ) -> Result<(), PlanError> {
        for tp in self.groups.values().flat_map(|m| m.keys()) {
            let exists = known
                .get(&tp.topic)
                .and_then(|x| x.as_ref())
                .is_some_and(|all| all.contains(tp));
            if !exists {
                return Err(PlanError::UnknownPartition {
                    partition: tp.clone(),
                    file: file.to_string(),
                });
            }
        }
        Ok(())
    }
}

/// The plan for every partition in scope, or every reason some cannot be
/// planned (then nothing may be committed).
pub fn plan(
    target: &Target,
    fallback: Option<NoCommitFallback>,
    scope: &Scope,
    committed: &Committed,
    logs: &LogOffsets,
    created_at: String,
) -> Result<ResetPlan, PlanError> {
    let mut problems = Vec::new();
    let mut groups = Vec::new();
    for (g, tps) in &scope.groups {
        let mut rows = Vec::new();
        for (tp, requested) in tps {
            let start = listed(&logs.start, tp, &mut problems);
            let end = listed(&logs.end, tp, &mut problems);
            let by_time = match &logs.by_time {
                Some(m) => listed(m, tp, &mut problems).flatten(),
                None => None,
            };
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            let (Some(log_start), Some(log_end)) = (start, end) else {
                problems.push(format!("{tp}: the broker gave no log start/end offset"));
                continue;
            };
            let state = PartitionState {
                partition: tp.clone(),
                current: committed.get(g).and_then(|m| m.get(tp)).copied(),
                log_start,
                log_end,
                by_time,
                requested: *requested,
            };
            match plan_partition(target, &state, fallback) {
                Ok(row) => rows.push(row),
                Err(u) => problems.push(format!("{g} {}: {}", u.partition, u.reason)),
            }
        }
        groups.push(GroupPlan {
            group: g.clone(),
            partitions: rows,
        });
    }
    problems.dedup();
    if !problems.is_empty() {
        return Err(PlanError::Unplannable { problems });
    }
    Ok(ResetPlan {
        groupctl_plan: PLAN_FORMAT,
        created_at,
        target: target.describe(),
        groups,
    })
}

/// What ListOffsets said for `tp`; a failure is noted as a problem.
fn listed(m: &Listed, tp: &TopicPartition, problems: &mut Vec<String>) -> Option<Option<i64>> {
    match m.get(tp) {
        Some(Ok(o)) => Some(*o),
        Some(Err(e)) => {
            problems.push(format!("{tp}: {e}"));
            None
        }
        None => {
            problems.push(format!("{tp}: no answer"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tp(t: &str, p: i32) -> TopicPartition {
        TopicPartition::new(t, p)
    }

    fn row(group: Option<&str>, t: &str, p: i32, offset: i64) -> CsvRow {
        CsvRow {
            group: group.map(String::from),
            partition: tp(t, p),
            offset,
            line: 1,
        }
    }

    fn logs(ranges: &[(TopicPartition, i64, i64)]) -> LogOffsets {
        LogOffsets {
            start: ranges
                .iter()
                .map(|(tp, s, _)| (tp.clone(), Ok(Some(*s))))
                .collect(),
            end: ranges
                .iter()
                .map(|(tp, _, e)| (tp.clone(), Ok(Some(*e))))
                .collect(),
            by_time: None,
        }
    }

    fn groups(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn file_rows_apply_to_their_group_or_to_all() {
        let rows = [
            row(None, "t", 0, 5),
            row(Some("a"), "t", 1, 6),
            row(Some("b"), "u", 0, 7),
        ];
        let sel = Selection::File {
            rows: &rows,
            file: "f.csv",
            own_topics: false,
        };
        let scope = Scope::select(&groups(&["a", "b"]), &sel, &Committed::new()).unwrap();
        assert_eq!(
            scope.groups["a"],
            BTreeMap::from([(tp("t", 0), Some(5)), (tp("t", 1), Some(6))])
        );
        assert_eq!(
            scope.groups["b"],
            BTreeMap::from([(tp("t", 0), Some(5)), (tp("u", 0), Some(7))])
        );
        assert_eq!(scope.partitions(), [tp("t", 0), tp("t", 1), tp("u", 0)]);
        assert_eq!(scope.topics(), ["t", "u"]);
    }

    #[test]
    fn rows_for_every_group_go_only_to_groups_that_read_the_topic() {
        let rows = [
            row(None, "t", 0, 5),
            row(None, "u", 0, 6),
            row(Some("b"), "u", 1, 7),
        ];
        let committed = Committed::from([
            ("a".to_string(), BTreeMap::from([(tp("t", 0), 1)])),
            ("b".to_string(), BTreeMap::from([(tp("t", 3), 1)])),
        ]);
        let sel = Selection::File {
            rows: &rows,
            file: "f.csv",
            own_topics: true,
        };
        let scope = Scope::select(&groups(&["a", "b", "c"]), &sel, &committed).unwrap();
        assert_eq!(scope.groups["a"], BTreeMap::from([(tp("t", 0), Some(5))]));
        // b read t (another partition) and is named for u-1: u-0 is not its topic.
        assert_eq!(
            scope.groups["b"],
            BTreeMap::from([(tp("t", 0), Some(5)), (tp("u", 1), Some(7))])
        );
        assert!(scope.groups["c"].is_empty());
        assert_eq!(
            scope.not_its_topics,
            [
                ("a".to_string(), "u".to_string()),
                ("b".to_string(), "u".to_string()),
                ("c".to_string(), "t".to_string()),
                ("c".to_string(), "u".to_string())
            ]
        );
    }

    #[test]
    fn all_topics_is_what_the_group_committed_and_nothing_is_an_error() {
        let committed = Committed::from([(
            "a".to_string(),
            BTreeMap::from([(tp("t", 2), 9), (tp("u", 0), 1)]),
        )]);
        let scope = Scope::select(&groups(&["a"]), &Selection::AllTopics, &committed).unwrap();
        assert_eq!(scope.partitions(), [tp("t", 2), tp("u", 0)]);
        let e = Scope::select(&groups(&["a", "b"]), &Selection::AllTopics, &committed);
        assert_eq!(
            e.unwrap_err().to_string(),
            "group b has no committed offsets, so --all-topics selects nothing; name the topics with --topic"
        );
    }

    #[test]
    fn a_file_partition_the_cluster_lacks_is_an_error() {
        let rows = [row(None, "t", 0, 5), row(None, "t", 3, 5)];
        let sel = Selection::File {
            rows: &rows,
            file: "f.csv",
            own_topics: false,
        };
        let scope = Scope::select(&groups(&["a"]), &sel, &Committed::new()).unwrap();
        let known = BTreeMap::from([("t".to_string(), Some(vec![tp("t", 0), tp("t", 1)]))]);
        assert_eq!(
            scope.check_known(&known, "f.csv").unwrap_err().to_string(),
            "unknown topic or partition t-3 (from f.csv)"
        );
        let gone = BTreeMap::from([("t".to_string(), None)]);
        assert!(scope.check_known(&gone, "f.csv").is_err());
    }

    #[test]
    fn every_problem_is_reported_and_nothing_is_planned() {
        let tps = [tp("t", 0), tp("t", 1), tp("t", 2)];
        let scope = Scope::select(
            &groups(&["a"]),
            &Selection::Partitions(&tps),
            &Committed::new(),
        )
        .unwrap();
        let mut l = logs(&[(tp("t", 0), 0, 10), (tp("t", 1), 0, 10)]);
        l.end
            .insert(tp("t", 1), Err("NOT_LEADER_OR_FOLLOWER".into()));
        let e = plan(
            &Target::ShiftBy(1),
            None,
            &scope,
            &Committed::new(),
            &l,
            "now".into(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            PlanError::Unplannable {
                problems: vec![
                    "a t-0: no committed offset to move from (add --fallback earliest|latest)"
                        .into(),
                    "t-1: NOT_LEADER_OR_FOLLOWER".into(),
                    // Both log ends missing: said once.
                    "t-2: no answer".into(),
                ],
            }
        );
        assert!(
            e.to_string().starts_with("cannot plan 3 partition(s)"),
            "{e}"
        );
    }

    #[test]
    fn by_time_picks_the_found_offset_or_the_log_end() {
        let tps = [tp("t", 0), tp("t", 1)];
        let scope = Scope::select(
            &groups(&["a"]),
            &Selection::Partitions(&tps),
            &Committed::new(),
        )
        .unwrap();
        let mut l = logs(&[(tp("t", 0), 0, 10), (tp("t", 1), 0, 20)]);
        l.by_time = Some(BTreeMap::from([
            (tp("t", 0), Ok(Some(4))),
            (tp("t", 1), Ok(None)),
        ]));
        let p = plan(
            &Target::Datetime(0),
            None,
            &scope,
            &Committed::new(),
            &l,
            "now".into(),
        )
        .unwrap();
        let new: Vec<i64> = p.groups[0]
            .partitions
            .iter()
            .map(|r| r.new_offset)
            .collect();
        assert_eq!(new, [4, 20]);
    }

    #[test]
    fn a_lookup_by_time_past_the_log_end_is_the_brokers_error() {
        let tps = [tp("t", 0), tp("t", 1)];
        let scope = Scope::select(
            &groups(&["a"]),
            &Selection::Partitions(&tps),
            &Committed::new(),
        )
        .unwrap();
        let mut l = logs(&[(tp("t", 0), 0, 10), (tp("t", 1), 0, 10)]);
        l.by_time = Some(BTreeMap::from([
            (tp("t", 0), Ok(Some(500))),
            (tp("t", 1), Ok(Some(4))),
        ]));
        assert_eq!(l.by_time_past_end(), [tp("t", 0)]);
        l.reject_by_time_past_end();
        assert!(l.by_time_past_end().is_empty());
        let e = plan(
            &Target::Datetime(0),
            None,
            &scope,
            &Committed::new(),
            &l,
            "now".into(),
        );
        assert_eq!(
            e.unwrap_err(),
            PlanError::Unplannable {
                problems: vec![
                    "t-0: the broker's lookup by time answered offset 500, past the log end 10 (it does not find offsets by time)"
                        .into()
                ]
            }
        );
    }

    /// Groups, partitions, commits and log ranges, all consistent.
    fn world() -> impl Strategy<Value = (Vec<String>, Committed, Vec<(TopicPartition, i64, i64)>)> {
        let ranges = proptest::collection::btree_map(
            (0u8..3, 0i32..4).prop_map(|(t, p)| tp(&format!("t{t}"), p)),
            (0i64..1000, 0i64..1000),
            1..8,
        );
        (1usize..4, ranges).prop_flat_map(|(n, ranges)| {
            let tps: Vec<TopicPartition> = ranges.keys().cloned().collect();
            let commits = proptest::collection::vec(
                proptest::collection::btree_map(proptest::sample::select(tps), 0i64..3000, 0..6),
                n,
            );
            let ranges: Vec<_> = ranges
                .into_iter()
                .map(|(tp, (s, len))| (tp, s, s + len))
                .collect();
            (commits, Just(ranges)).prop_map(|(commits, ranges)| {
                let groups: Vec<String> = (0..commits.len()).map(|i| format!("g{i}")).collect();
                let committed = groups.iter().cloned().zip(commits).collect();
                (groups, committed, ranges)
            })
        })
    }

    fn target() -> impl Strategy<Value = Target> {
        prop_oneof![
            Just(Target::Earliest),
            Just(Target::Latest),
            Just(Target::Current),
            (0i64..3000).prop_map(Target::Offset),
            (-3000i64..3000).prop_map(Target::ShiftBy),
        ]
    }

    proptest! {
        #[test]
        fn with_full_answers_every_scoped_partition_is_planned_once_within_its_log(
            (groups, committed, ranges) in world(),
            target in target(),
            all_topics in any::<bool>(),
        ) {
            let tps: Vec<TopicPartition> = ranges.iter().map(|(tp, _, _)| tp.clone()).collect();
            let sel = if all_topics { Selection::AllTopics } else { Selection::Partitions(&tps) };
            let scope = match Scope::select(&groups, &sel, &committed) {
                Ok(s) => s,
                Err(PlanError::NothingCommitted { group }) => {
                    prop_assert!(all_topics && committed[&group].is_empty());
                    return Ok(());
                }
                Err(e) => return Err(TestCaseError::fail(e.to_string())),
            };
            let p = plan(&target, Some(NoCommitFallback::Earliest), &scope, &committed, &logs(&ranges), "now".into())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(p.groups.len(), groups.len());
            for gp in &p.groups {
                let planned: Vec<TopicPartition> = gp.partitions.iter().map(|r| r.tp()).collect();
                let scoped: Vec<TopicPartition> = scope.groups[&gp.group].keys().cloned().collect();
                prop_assert_eq!(planned, scoped);
                for r in &gp.partitions {
                    let (_, s, e) = ranges.iter().find(|(tp, _, _)| *tp == r.tp()).unwrap();
                    prop_assert!(r.new_offset >= *s && r.new_offset <= *e);
                    prop_assert_eq!((r.log_start_offset, r.log_end_offset), (*s, *e));
                    prop_assert_eq!(r.current_offset, committed[&gp.group].get(&r.tp()).copied());
                }
            }
        }

        #[test]
        fn any_missing_log_offset_means_no_plan_and_names_the_partition(
            (groups, committed, ranges) in world(),
            target in target(),
            broken in any::<proptest::sample::Index>(),
        ) {
            let tps: Vec<TopicPartition> = ranges.iter().map(|(tp, _, _)| tp.clone()).collect();
            let scope = Scope::select(&groups, &Selection::Partitions(&tps), &committed).unwrap();
            let mut l = logs(&ranges);
            let victim = broken.get(&tps).clone();
            l.start.insert(victim.clone(), Err("LEADER_NOT_AVAILABLE".into()));
            let e = plan(&target, Some(NoCommitFallback::Latest), &scope, &committed, &l, "now".into())
                .unwrap_err();
            let PlanError::Unplannable { problems } = e else {
                return Err(TestCaseError::fail("not Unplannable"));
            };
            let expected = format!("{victim}: LEADER_NOT_AVAILABLE");
            prop_assert!(problems.contains(&expected));
        }
    }
}
