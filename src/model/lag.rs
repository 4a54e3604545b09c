//! Lag per partition: log end (read_committed) minus committed offset, with
//! the cases an operator must not misread called out.

use super::{CommittedOffset, GroupDescription, Member, TopicPartition};
use serde::Serialize;
use std::collections::BTreeMap;

/// Log start/end of one partition, or why they are unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogRange {
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionLag {
    pub topic: String,
    pub partition: i32,
    pub current_offset: Option<i64>,
    /// The leader epoch the commit carried (kafka-consumer-groups.sh
    /// --verbose: LEADER-EPOCH); None when the commit had none.
    pub leader_epoch: Option<i32>,
    pub log_start_offset: Option<i64>,
    pub log_end_offset: Option<i64>,
    pub lag: Option<i64>,
    /// Records deleted (retention) before the group read them: log start - committed.
    pub behind_log_start: Option<i64>,
    pub consumer_id: Option<String>,
    pub host: Option<String>,
    pub client_id: Option<String>,
    pub error: Option<String>,
    /// Age of the next record to consume (now - its timestamp), ms; 0 when
    /// caught up; None when unknown or not read (`model::timelag`).
    pub time_lag_ms: Option<i64>,
    /// Timestamp (ms since the epoch) of the next record to consume.
    pub next_record_timestamp: Option<i64>,
    pub timestamp_type: Option<TimestampType>,
    /// Why the time lag is unknown or to be read with care.
    pub time_lag_note: Option<String>,
}

/// `message.timestamp.type` of the batch the record is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TimestampType {
    CreateTime,
    LogAppendTime,
}

impl PartitionLag {
    /// The one lag computation: log end (read_committed) minus the committed
    /// offset, never negative; records lost when the commit is before the log start.
    pub fn new(
        tp: &TopicPartition,
        current: Option<i64>,
        log: LogRange,
        member: Option<&Member>,
    ) -> PartitionLag {
        let lag = match (current, log.end) {
            (Some(c), Some(e)) => Some((e - c).max(0)),
            _ => None,
        };
        let behind = match (current, log.start) {
            (Some(c), Some(s)) if c < s => Some(s - c),
            _ => None,
        };
        PartitionLag {
            topic: tp.topic.clone(),
            partition: tp.partition,
            current_offset: current,
            leader_epoch: None,
            log_start_offset: log.start,
            log_end_offset: log.end,
            lag,
            behind_log_start: behind,
            consumer_id: member.map(|m| m.member_id.clone()),
            host: member.map(|m| m.host.clone()),
            client_id: member.map(|m| m.client_id.clone()),
            error: log.error,
            time_lag_ms: None,
            next_record_timestamp: None,
            timestamp_type: None,
            time_lag_note: None,
        }
    }

    /// Short warning for the NOTE column, if any.
    pub fn note(&self) -> Option<String> {
        if let Some(e) = &self.error {
            return Some(e.clone());
        }
        if let Some(lost) = self.behind_log_start {
            return Some(format!("behind log start: {lost} records lost"));
        }
        if let (Some(c), Some(e)) = (self.current_offset, self.log_end_offset) {
            if c > e {
                return Some(format!("committed {} past log end", c - e));
            }
        }
        self.time_lag_note.clone()
    }

    /// `note`, else `no committed offset`: for views that list partitions
    /// without a commit one by one (`offsets fetch`) rather than count them.
    pub fn note_or_uncommitted(&self) -> Option<String> {
        self.note().or_else(|| {
            self.current_offset
                .is_none()
                .then(|| "no committed offset".to_string())
        })
    }
}

/// Lag of one group: one row per partition that is assigned or has a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupLag {
    pub partitions: Vec<PartitionLag>,
    /// Sum of known lags (None when no partition has a known lag).
    pub total_lag: Option<i64>,
    pub partitions_without_commit: usize,
}

/// `also`: further partitions to show even when neither assigned nor committed
/// (the other partitions of the topics the group consumes: a blind spot otherwise).
pub fn compute_lag(
    desc: &GroupDescription,
    committed: &BTreeMap<TopicPartition, CommittedOffset>,
    logs: &BTreeMap<TopicPartition, LogRange>,
    also: &[TopicPartition],
) -> GroupLag {
    let mut owner: BTreeMap<&TopicPartition, usize> = BTreeMap::new();
    for (i, m) in desc.members.iter().enumerate() {
        for tp in &m.assignment {
            owner.insert(tp, i);
        }
    }
    let mut all: Vec<&TopicPartition> = owner
        .keys()
        .copied()
        .chain(committed.keys())
        .chain(also)
        .collect();
    all.sort();
    all.dedup();
    let mut rows = Vec::with_capacity(all.len());
    let (mut total, mut any_lag, mut without_commit) = (0i64, false, 0usize);
    for tp in all {
        let member = owner.get(tp).map(|&i| &desc.members[i]);
        let current = committed.get(tp).map(|c| c.offset);
        let log = logs.get(tp).cloned().unwrap_or_default();
        let mut row = PartitionLag::new(tp, current, log, member);
        row.leader_epoch = committed.get(tp).and_then(|c| c.leader_epoch);
        if current.is_none() {
            without_commit += 1;
        }
        if let Some(l) = row.lag {
            total += l;
            any_lag = true;
        }
        rows.push(row);
    }
    GroupLag {
        partitions: rows,
        total_lag: any_lag.then_some(total),
        partitions_without_commit: without_commit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, tps: &[(&str, i32)]) -> Member {
        Member {
            member_id: id.into(),
            group_instance_id: None,
            client_id: format!("client-{id}"),
            host: "/10.0.0.1".into(),
            rack: None,
            subscription: vec![],
            assignment: tps
                .iter()
                .map(|(t, p)| TopicPartition::new(*t, *p))
                .collect(),
            owned: vec![],
            generation: None,
            ..Default::default()
        }
    }

    fn desc(members: Vec<Member>) -> GroupDescription {
        GroupDescription {
            group: "g".into(),
            state: crate::model::GroupState::Stable,
            group_type: crate::model::GroupType::Classic,
            protocol_type: "consumer".into(),
            assignor: "range".into(),
            coordinator: None,
            members,
            ..Default::default()
        }
    }

    fn co(o: i64) -> CommittedOffset {
        CommittedOffset {
            offset: o,
            leader_epoch: None,
            metadata: String::new(),
        }
    }

    fn range(s: i64, e: i64) -> LogRange {
        LogRange {
            start: Some(s),
            end: Some(e),
            error: None,
        }
    }

    #[test]
    fn rows_cover_assigned_and_committed_partitions() {
        let d = desc(vec![member("m1", &[("t", 0), ("t", 1)])]);
        let committed = BTreeMap::from([
            (TopicPartition::new("t", 0), co(5)),
            (TopicPartition::new("u", 0), co(3)),
        ]);
        let logs = BTreeMap::from([
            (TopicPartition::new("t", 0), range(0, 10)),
            (TopicPartition::new("t", 1), range(0, 7)),
            (TopicPartition::new("u", 0), range(0, 3)),
        ]);
        let lag = compute_lag(
            &d,
            &committed,
            &logs,
            &[TopicPartition::new("u", 0), TopicPartition::new("u", 1)],
        );
        let got: Vec<_> = lag
            .partitions
            .iter()
            .map(|r| {
                (
                    r.topic.as_str(),
                    r.partition,
                    r.current_offset,
                    r.lag,
                    r.consumer_id.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("t", 0, Some(5), Some(5), Some("m1")),
                ("t", 1, None, None, Some("m1")),
                ("u", 0, Some(3), Some(0), None),
                ("u", 1, None, None, None)
            ]
        );
        assert_eq!(lag.total_lag, Some(5));
        assert_eq!(lag.partitions_without_commit, 2);
    }

    #[test]
    fn flags_offsets_behind_log_start() {
        let d = desc(vec![]);
        let committed = BTreeMap::from([(TopicPartition::new("t", 0), co(10))]);
        let logs = BTreeMap::from([(TopicPartition::new("t", 0), range(25, 40))]);
        let lag = compute_lag(&d, &committed, &logs, &[]);
        assert_eq!(lag.partitions[0].behind_log_start, Some(15));
        assert_eq!(lag.partitions[0].lag, Some(30));
        assert_eq!(
            lag.partitions[0].note().unwrap(),
            "behind log start: 15 records lost"
        );
    }

    #[test]
    fn notes_name_lost_records_then_an_offset_past_the_end_then_a_missing_commit() {
        let tp = TopicPartition::new("t", 0);
        let at = |current, s, e| PartitionLag::new(&tp, current, range(s, e), None);
        assert_eq!(
            at(Some(3), 5, 9).note_or_uncommitted().as_deref(),
            Some("behind log start: 2 records lost")
        );
        assert_eq!(
            at(Some(12), 5, 9).note_or_uncommitted().as_deref(),
            Some("committed 3 past log end")
        );
        assert_eq!(at(Some(12), 5, 9).lag, Some(0));
        let none = at(None, 5, 9);
        assert_eq!((none.lag, none.note()), (None, None));
        assert_eq!(
            none.note_or_uncommitted().as_deref(),
            Some("no committed offset")
        );
        assert_eq!(at(Some(7), 5, 9).note_or_uncommitted(), None);
    }

    #[test]
    fn unknown_log_end_means_unknown_lag() {
        let d = desc(vec![]);
        let committed = BTreeMap::from([(TopicPartition::new("t", 0), co(1))]);
        let logs = BTreeMap::from([(
            TopicPartition::new("t", 0),
            LogRange {
                start: None,
                end: None,
                error: Some("UNKNOWN_TOPIC_OR_PARTITION".into()),
            },
        )]);
        let lag = compute_lag(&d, &committed, &logs, &[]);
        assert_eq!(lag.partitions[0].lag, None);
        assert_eq!(lag.total_lag, None);
        assert_eq!(
            lag.partitions[0].note().as_deref(),
            Some("UNKNOWN_TOPIC_OR_PARTITION")
        );
    }
}
