//! Kafka's classic rules (`GroupMetadataManager`, `OffsetMetadataManager`):
//! last write wins per key; a null value deletes the offset or the group;
//! offsets written in a transaction wait for their producer's COMMIT or
//! ABORT marker.

use super::state::{OffsetState, ReplayedMember};
use super::{PendingTxn, Replayer};
use crate::model::{GroupState, GroupType};
use crate::wal::coordinator::{CoordinatorRecord, OffsetCommitValue};
use std::collections::BTreeMap;

/// One pending transactional offset write (a commit or a tombstone).
#[derive(Debug, Clone)]
struct PendingOffset {
    group: String,
    topic: String,
    partition: i32,
    value: Option<OffsetState>,
}

#[derive(Debug, Default)]
pub(super) struct OpenTxn {
    producer_epoch: i16,
    first_offset: i64,
    writes: Vec<PendingOffset>,
}

/// Transactions still waiting for their marker, by producer id.
pub(super) type OpenTransactions = BTreeMap<i64, OpenTxn>;

fn offset_state(v: &OffsetCommitValue, record_offset: i64, transactional: bool) -> OffsetState {
    OffsetState {
        offset: v.offset,
        metadata: Some(v.metadata.to_string()),
        commit_timestamp: Some(v.commit_timestamp),
        // Formatted once at the end, for the offsets still alive.
        commit_time: None,
        leader_epoch: v.leader_epoch,
        expire_timestamp: v.expire_timestamp,
        record_offset,
        transactional,
    }
}

impl Replayer {
    /// A COMMIT applies the producer's pending offsets, an ABORT drops them.
    pub(super) fn marker(&mut self, producer_id: i64, commit: bool) {
        if let Some(txn) = self.kafka_txns.remove(&producer_id) {
            if commit {
                for w in txn.writes {
                    self.apply_offset(&w.group, &w.topic, w.partition, w.value, true);
                }
            }
        }
    }

    /// `txn`: the batch's transactional producer (id, epoch), if any.
    pub(super) fn coordinator(
        &mut self,
        rec: &CoordinatorRecord<'_>,
        offset: i64,
        txn: Option<(i64, i16)>,
    ) {
        match rec {
            CoordinatorRecord::OffsetCommit {
                group,
                topic,
                partition,
                value,
            } => {
                if let Some(id) = value.as_ref().and_then(|v| v.topic_id) {
                    self.topic_id(id, topic);
                }
                let value = value
                    .as_ref()
                    .map(|v| offset_state(v, offset, txn.is_some()));
                let creates = value.is_some();
                match txn {
                    Some((pid, epoch)) => {
                        let t = self.kafka_txns.entry(pid).or_insert_with(|| OpenTxn {
                            producer_epoch: epoch,
                            first_offset: offset,
                            writes: Vec::new(),
                        });
                        t.producer_epoch = epoch;
                        t.writes.push(PendingOffset {
                            group: group.to_string(),
                            topic: topic.to_string(),
                            partition: *partition,
                            value,
                        });
                        // The group exists for the coordinator as soon as it has a pending write.
                        let g = self.group(group);
                        if creates {
                            g.revive();
                        }
                        g.last_record_offset = offset;
                    }
                    None => self.apply_offset(group, topic, *partition, value, false),
                }
            }
            CoordinatorRecord::GroupMetadata { group, value } => {
                let g = self.group(group);
                g.last_record_offset = offset;
                match value {
                    Some(v) => {
                        g.group_type = Some(GroupType::Classic);
                        g.deleted = false;
                        // A loaded classic group has no members' sessions yet: Empty, or
                        // Stable with the members it will wait for.
                        g.state = Some(if v.members.is_empty() {
                            GroupState::Empty
                        } else {
                            GroupState::Stable
                        });
                        g.generation = Some(v.generation);
                        g.protocol_type = Some(v.protocol_type.clone());
                        g.protocol = v.protocol.clone();
                        g.leader = v.leader.clone();
                        g.current_state_timestamp = v.current_state_timestamp;
                        g.members = v
                            .members
                            .iter()
                            .cloned()
                            .map(ReplayedMember::Classic)
                            .collect();
                    }
                    None => {
                        g.clear_metadata();
                        g.group_type = Some(GroupType::Classic);
                        g.deleted = true;
                        g.state = Some(GroupState::Dead);
                    }
                }
            }
            CoordinatorRecord::Group {
                record_type,
                group,
                member,
                regex,
                value,
            } => {
                let g = self.group(group);
                g.last_record_offset = offset;
                super::kip848::apply(
                    g,
                    *record_type,
                    member.as_deref().map(String::from),
                    regex.as_deref().map(String::from),
                    value.clone(),
                );
            }
            CoordinatorRecord::Unknown { record_type, .. } => {
                self.count_unknown(format!("record type {record_type}"));
            }
        }
    }

    pub(super) fn kafka_pending(&self) -> Vec<PendingTxn> {
        self.kafka_txns
            .iter()
            .map(|(pid, t)| {
                let mut groups: Vec<String> = t.writes.iter().map(|w| w.group.clone()).collect();
                groups.sort();
                groups.dedup();
                PendingTxn {
                    producer_id: *pid,
                    producer_epoch: t.producer_epoch,
                    transactional_id: None,
                    state: None,
                    groups,
                    offsets: t.writes.len(),
                    first_offset: t.first_offset,
                }
            })
            .collect()
    }
}
