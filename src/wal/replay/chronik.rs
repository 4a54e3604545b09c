//! Chronik's rules: what its `WalMetadataStore` applies at start-up from
//! the metadata WAL (a group delete purges the group's offsets, a topic
//! delete purges the topic's offsets); topics, partitions and brokers are
//! rebuilt too. Events it does not apply are counted, not applied.

use super::state::{ChronikMember, OffsetState, ReplayedMember};
use super::{BrokerState, ChronikPartition, PendingTxn, Replayer};
use crate::model::{GroupState, GroupType};
use crate::wal::coordinator::{assigned_partitions, subscribed_topics};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Every Chronik `MetadataEvent` type (`wal inspect --type` accepts them).
pub const CHRONIK_EVENT_TYPES: &[&str] = &[
    "TopicCreated",
    "TopicUpdated",
    "TopicDeleted",
    "SegmentCreated",
    "SegmentDeleted",
    "ParquetSegmentCreated",
    "ParquetSegmentDeleted",
    "BrokerRegistered",
    "BrokerStatusChanged",
    "BrokerRemoved",
    "PartitionAssigned",
    "PartitionReassigned",
    "ConsumerGroupCreated",
    "ConsumerGroupUpdated",
    "ConsumerGroupDeleted",
    "OffsetCommitted",
    "OffsetsReset",
    "ConsumerOffsetDeleted",
    "HighWatermarkUpdated",
    "LogStartOffsetUpdated",
    "TransactionalOffsetCommit",
    "BeginTransaction",
    "AddPartitionsToTransaction",
    "AddOffsetsToTransaction",
    "PrepareCommit",
    "PrepareAbort",
    "CommitTransaction",
    "AbortTransaction",
    "ProducerFenced",
    "ConfigUpdated",
    "ConfigDeleted",
    "SnapshotCreated",
    "SnapshotDeleted",
    "MigrationStarted",
    "MigrationCompleted",
    "legacy",
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct ChronikTxn {
    pub producer_id: i64,
    pub producer_epoch: i64,
    pub state: String,
    pub groups: Vec<String>,
    pub first_offset: i64,
}

/// By transactional id.
pub(super) type ChronikTransactions = BTreeMap<String, ChronikTxn>;

fn status(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A member as Chronik stores it: ids, and the consumer-protocol bytes as JSON arrays.
fn chronik_member(m: &Value) -> ChronikMember {
    let bytes = |v: &Value| -> Vec<u8> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|b| b.as_u64().map(|b| b as u8))
                    .collect()
            })
            .unwrap_or_default()
    };
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let metadata = bytes(&m["metadata"]);
    let assignment = bytes(&m["assignment"]);
    ChronikMember {
        member_id: s(&m["member_id"]),
        client_id: s(&m["client_id"]),
        client_host: s(&m["client_host"]),
        subscribed_topics: subscribed_topics(&metadata),
        assigned_partitions: assigned_partitions(&assignment),
        metadata,
        assignment,
    }
}

impl Replayer {
    pub(super) fn chronik(&mut self, event_type: &str, p: &Value, offset: i64, ts: Option<i64>) {
        self.state.applied += 1;
        let s = |v: &Value| v.as_str().map(String::from);
        match event_type {
            "ConsumerGroupCreated" | "ConsumerGroupUpdated" => {
                let m = &p["metadata"];
                let Some(name) = s(&m["group_id"]) else {
                    return self.malformed(event_type);
                };
                let g = self.group(&name);
                g.last_record_offset = offset;
                g.group_type = Some(GroupType::Classic);
                g.deleted = false;
                g.state = s(&m["state"]).map(|x| GroupState::parse(&x));
                g.generation = m["generation_id"].as_i64().map(|x| x as i32);
                g.protocol_type = s(&m["protocol_type"]).filter(|x| !x.is_empty());
                g.protocol = s(&m["protocol"]).filter(|x| !x.is_empty());
                g.leader = s(&m["leader"])
                    .filter(|x| !x.is_empty())
                    .or_else(|| s(&m["leader_id"]));
                g.created_at = s(&m["created_at"]);
                g.updated_at = s(&m["updated_at"]);
                g.members = m["members"]
                    .as_array()
                    .map(|ms| {
                        ms.iter()
                            .map(|m| ReplayedMember::Chronik(chronik_member(m)))
                            .collect()
                    })
                    .unwrap_or_default();
            }
            "ConsumerGroupDeleted" => {
                let Some(name) = s(&p["group_id"]) else {
                    return self.malformed(event_type);
                };
                let (g, offsets) = self.groups.get_or_insert(&name);
                g.last_record_offset = offset;
                g.clear_metadata();
                offsets.clear();
                g.deleted = true;
            }
            "OffsetCommitted" => {
                let o = &p["offset"];
                let (Some(group), Some(topic), Some(partition), Some(off)) = (
                    s(&o["group_id"]),
                    s(&o["topic"]),
                    o["partition"].as_i64(),
                    o["offset"].as_i64(),
                ) else {
                    return self.malformed(event_type);
                };
                let commit_time = s(&o["commit_timestamp"]);
                let v = OffsetState {
                    offset: off,
                    metadata: s(&o["metadata"]),
                    commit_timestamp: commit_time
                        .as_deref()
                        .and_then(crate::model::time::rfc3339_ms)
                        .or(ts),
                    commit_time,
                    leader_epoch: None,
                    expire_timestamp: None,
                    record_offset: offset,
                    transactional: false,
                };
                self.apply_offset(&group, &topic, partition as i32, Some(v), false);
            }
            "ConsumerOffsetDeleted" => {
                let (Some(group), Some(topic), Some(partition)) =
                    (s(&p["group_id"]), s(&p["topic"]), p["partition"].as_i64())
                else {
                    return self.malformed(event_type);
                };
                self.group(&group).last_record_offset = offset;
                self.apply_offset(&group, &topic, partition as i32, None, false);
            }
            "TopicCreated" | "TopicUpdated" => {
                let Some(name) = s(&p["name"]) else {
                    return self.malformed(event_type);
                };
                let c = &p["config"];
                let t = self.state.topics.entry(name).or_default();
                t.partition_count = c["partition_count"].as_i64();
                t.replication_factor = c["replication_factor"].as_i64();
                t.retention_ms = c["retention_ms"].as_i64();
                t.segment_bytes = c["segment_bytes"].as_i64();
                t.config = c
                    .get("config")
                    .cloned()
                    .unwrap_or(Value::Object(Map::new()));
            }
            "TopicDeleted" => {
                let Some(name) = s(&p["name"]) else {
                    return self.malformed(event_type);
                };
                self.state.topics.remove(&name);
                if let Some(t) = self.groups.topics.find(&name) {
                    for (_, offsets) in self.groups.values_mut() {
                        offsets.retain(|(topic, _), _| *topic != t);
                    }
                }
            }
            "PartitionAssigned" => {
                let a = &p["assignment"];
                let (Some(topic), Some(part)) = (s(&a["topic"]), a["partition"].as_i64()) else {
                    return self.malformed(event_type);
                };
                let ps = self.partition(topic, part);
                ps.leader_id = a["leader_id"].as_i64().or(a["broker_id"]
                    .as_i64()
                    .filter(|_| a["is_leader"] == Value::Bool(true)));
                ps.replicas = a["replicas"]
                    .as_array()
                    .map(|r| r.iter().filter_map(Value::as_i64).collect())
                    .unwrap_or_default();
            }
            "PartitionReassigned" => {
                let (Some(topic), Some(part), Some(from), Some(to)) = (
                    s(&p["topic"]),
                    p["partition"].as_i64(),
                    p["from_broker"].as_i64(),
                    p["to_broker"].as_i64(),
                ) else {
                    return self.malformed(event_type);
                };
                let ps = self.partition(topic, part);
                for r in ps.replicas.iter_mut().filter(|r| **r == from) {
                    *r = to;
                }
                if ps.leader_id == Some(from) {
                    ps.leader_id = Some(to);
                }
            }
            "HighWatermarkUpdated" => {
                let (Some(topic), Some(part), Some(hw)) = (
                    s(&p["topic"]),
                    p["partition"].as_i64(),
                    p["new_watermark"].as_i64(),
                ) else {
                    return self.malformed(event_type);
                };
                self.partition(topic, part).high_watermark = hw;
            }
            "LogStartOffsetUpdated" => {
                let (Some(topic), Some(part), Some(lso)) = (
                    s(&p["topic"]),
                    p["partition"].as_i64(),
                    p["new_log_start_offset"].as_i64(),
                ) else {
                    return self.malformed(event_type);
                };
                let ps = self.partition(topic, part);
                ps.log_start_offset = ps.log_start_offset.max(lso);
            }
            "BrokerRegistered" => {
                let m = &p["metadata"];
                let Some(id) = m["broker_id"].as_i64() else {
                    return self.malformed(event_type);
                };
                self.state.brokers.insert(
                    id,
                    BrokerState {
                        host: s(&m["host"]),
                        port: m["port"].as_i64(),
                        rack: s(&m["rack"]),
                        status: status(&m["status"]),
                    },
                );
            }
            "BrokerStatusChanged" => {
                let Some(id) = p["broker_id"].as_i64() else {
                    return self.malformed(event_type);
                };
                if let Some(b) = self.state.brokers.get_mut(&id) {
                    b.status = status(&p["status"]);
                }
            }
            "BrokerRemoved" => {
                let Some(id) = p["broker_id"].as_i64() else {
                    return self.malformed(event_type);
                };
                self.state.brokers.remove(&id);
            }
            "BeginTransaction"
            | "AddPartitionsToTransaction"
            | "AddOffsetsToTransaction"
            | "PrepareCommit"
            | "PrepareAbort"
            | "CommitTransaction"
            | "AbortTransaction"
            | "ProducerFenced" => self.chronik_txn(event_type, p, offset),
            // Chronik's replay leaves these out of group state (its WalMetadataStore ignores them).
            "OffsetsReset" | "TransactionalOffsetCommit" => {
                *self
                    .state
                    .not_applied
                    .entry(event_type.to_string())
                    .or_default() += 1;
            }
            // Storage and cluster bookkeeping: known, nothing to do with groups.
            "SegmentCreated"
            | "SegmentDeleted"
            | "ParquetSegmentCreated"
            | "ParquetSegmentDeleted"
            | "ConfigUpdated"
            | "ConfigDeleted"
            | "SnapshotCreated"
            | "SnapshotDeleted"
            | "MigrationStarted"
            | "MigrationCompleted" => {}
            other => self.count_unknown(format!("event {other}")),
        }
    }

    fn chronik_txn(&mut self, event_type: &str, p: &Value, offset: i64) {
        let Some(id) = p["transactional_id"].as_str() else {
            return self.malformed(event_type);
        };
        let pid = p["producer_id"]
            .as_i64()
            .or(p["new_producer_id"].as_i64())
            .unwrap_or(-1);
        let epoch = p["producer_epoch"]
            .as_i64()
            .or(p["new_producer_epoch"].as_i64())
            .unwrap_or(-1);
        let t = self
            .chronik_txns
            .entry(id.to_string())
            .or_insert_with(|| ChronikTxn {
                producer_id: pid,
                producer_epoch: epoch,
                state: "Empty".into(),
                groups: Vec::new(),
                first_offset: offset,
            });
        t.producer_id = pid;
        t.producer_epoch = epoch;
        match event_type {
            "BeginTransaction" => {
                t.state = "Empty".into();
                t.groups.clear();
            }
            "AddPartitionsToTransaction" | "AddOffsetsToTransaction" => {
                if t.state == "Empty" || t.state.starts_with("Complete") {
                    t.state = "Ongoing".into();
                    t.first_offset = offset;
                }
                if let Some(g) = p["group_id"].as_str() {
                    if !t.groups.iter().any(|x| x == g) {
                        t.groups.push(g.to_string());
                    }
                }
            }
            "PrepareCommit" => t.state = "PrepareCommit".into(),
            "PrepareAbort" => t.state = "PrepareAbort".into(),
            "CommitTransaction" => {
                t.state = "CompleteCommit".into();
                t.groups.clear();
            }
            "AbortTransaction" => {
                t.state = "CompleteAbort".into();
                t.groups.clear();
            }
            _ => {}
        }
    }

    fn partition(&mut self, topic: String, part: i64) -> &mut ChronikPartition {
        self.state
            .topics
            .entry(topic)
            .or_default()
            .partitions
            .entry(part)
            .or_default()
    }

    fn malformed(&mut self, event_type: &str) {
        self.state.applied -= 1;
        *self
            .state
            .unknown
            .entry(format!("malformed {event_type}"))
            .or_default() += 1;
    }

    pub(super) fn chronik_pending(&self) -> Vec<PendingTxn> {
        self.chronik_txns
            .iter()
            .filter(|(_, t)| {
                matches!(
                    t.state.as_str(),
                    "Ongoing" | "PrepareCommit" | "PrepareAbort"
                )
            })
            .map(|(id, t)| PendingTxn {
                producer_id: t.producer_id,
                producer_epoch: t.producer_epoch as i16,
                transactional_id: Some(id.clone()),
                state: Some(t.state.clone()),
                groups: t.groups.clone(),
                offsets: 0,
                first_offset: t.first_offset,
            })
            .collect()
    }
}
