//! Replay: the state a coordinator rebuilds from its log. Kafka: last write
//! wins per key, tombstones delete, transactional offsets wait for their
//! COMMIT/ABORT marker. Chronik: the same rules its `WalMetadataStore`
//! applies at start-up (group delete purges the group's offsets, topic delete
//! purges the topic's offsets). Memory is O(live keys): records are folded
//! into maps as they stream past.

use super::coordinator::{CoordinatorRecord, GroupMember, OffsetCommitValue};
use super::{Damage, Decoded, Entry, Event, Log, LogFormat, ReadOptions, SkippedFile, WalError};
use crate::model::time::format_ms;
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

/// Where `--as-of` stops the replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// Last log offset applied (inclusive).
    Offset(i64),
    /// Last record time applied (ms since the epoch, inclusive).
    Time(i64),
}

impl AsOf {
    /// A number is an offset; anything else a time (RFC 3339 or Kafka's `yyyy-MM-ddTHH:mm:ss`).
    pub fn parse(s: &str) -> Result<AsOf, String> {
        let s = s.trim();
        if let Ok(n) = s.parse::<i64>() {
            if n < 0 {
                return Err(format!("--as-of {n}: an offset cannot be negative"));
            }
            return Ok(AsOf::Offset(n));
        }
        crate::model::time::datetime_ms(s)
            .map(AsOf::Time)
            .map_err(|_| {
                format!(
                    "--as-of {s:?}: expected a log offset (4211) or a time (2026-11-20T10:00:00Z)"
                )
            })
    }

    fn admits(&self, e: &Entry) -> bool {
        match *self {
            AsOf::Offset(n) => e.offset <= n,
            AsOf::Time(t) => e.timestamp.is_none_or(|ts| ts <= t),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReplayOptions {
    /// Only these groups (empty: all).
    pub groups: Vec<String>,
    pub as_of: Option<AsOf>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffsetState {
    pub offset: i64,
    /// Kafka always stores a string (often empty); Chronik may store none.
    pub metadata: Option<String>,
    pub commit_timestamp: Option<i64>,
    pub commit_time: Option<String>,
    pub leader_epoch: Option<i32>,
    pub expire_timestamp: Option<i64>,
    /// Log offset of the record that set it.
    pub record_offset: i64,
    /// Committed inside a transaction (applied by its COMMIT marker).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub transactional: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupState {
    /// classic, consumer (KIP-848), share, or unknown (offsets only).
    #[serde(rename = "type")]
    pub group_type: &'static str,
    /// As the coordinator would load it: Empty/Stable (classic), the KIP-848
    /// state from epochs, Chronik's stored state; Dead when deleted.
    pub state: Option<String>,
    pub deleted: bool,
    pub generation: Option<i32>,
    pub protocol_type: Option<String>,
    pub protocol: Option<String>,
    pub leader: Option<String>,
    pub current_state_timestamp: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// KIP-848 / share groups: the group epoch and target assignment epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_epoch: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment_epoch: Option<i32>,
    pub members: Vec<Value>,
    /// topic -> partition -> committed offset.
    pub offsets: BTreeMap<String, BTreeMap<i32, OffsetState>>,
    /// KIP-848 subscribed regular expressions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub regexes: BTreeMap<String, Value>,
    /// KIP-848 subscription metadata (record type 4/9), as stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition_metadata: Option<Value>,
    /// Share group state partition metadata (type 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_state: Option<Value>,
    /// Offset of the last record that touched this group.
    pub last_record_offset: i64,
    #[serde(skip)]
    kip848_members: BTreeMap<String, Map<String, Value>>,
}

impl GroupState {
    fn clear_metadata(&mut self) {
        let offsets = std::mem::take(&mut self.offsets);
        let last = self.last_record_offset;
        *self = GroupState {
            offsets,
            last_record_offset: last,
            group_type: self.group_type,
            ..Default::default()
        };
    }

    pub fn offset_count(&self) -> usize {
        self.offsets.values().map(BTreeMap::len).sum()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PartitionState {
    pub leader_id: Option<i64>,
    pub replicas: Vec<i64>,
    pub high_watermark: i64,
    pub log_start_offset: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TopicState {
    pub partition_count: Option<i64>,
    pub replication_factor: Option<i64>,
    pub retention_ms: Option<i64>,
    pub segment_bytes: Option<i64>,
    pub config: Value,
    pub partitions: BTreeMap<i64, PartitionState>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokerState {
    pub host: Option<String>,
    pub port: Option<i64>,
    pub rack: Option<String>,
    pub status: Option<String>,
}

/// A transaction still open at the end of the log (or at `--as-of`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingTxn {
    pub producer_id: i64,
    pub producer_epoch: i16,
    /// Chronik: the transactional id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactional_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    pub groups: Vec<String>,
    /// Offsets written and waiting for the marker.
    pub offsets: usize,
    pub first_offset: i64,
}

/// One pending transactional offset write (a commit or a tombstone).
#[derive(Debug, Clone)]
struct PendingOffset {
    group: String,
    topic: String,
    partition: i32,
    value: Option<OffsetState>,
}

#[derive(Debug, Default)]
struct OpenTxn {
    producer_epoch: i16,
    first_offset: i64,
    writes: Vec<PendingOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChronikTxn {
    pub producer_id: i64,
    pub producer_epoch: i64,
    pub state: String,
    pub groups: Vec<String>,
    pub first_offset: i64,
}

/// The rebuilt state and what the replay saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct State {
    pub format: Option<LogFormat>,
    /// How damage was read past (`broker` or `salvage`), and the rules applied.
    pub recovery: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recovery_rules: Vec<String>,
    pub files: Vec<String>,
    pub bytes: u64,
    pub batches: u64,
    pub control_batches: u64,
    pub records: u64,
    /// Records applied (within `--as-of`, matching `--group`).
    pub applied: u64,
    pub first_offset: Option<i64>,
    pub last_offset: Option<i64>,
    pub first_timestamp: Option<i64>,
    pub last_timestamp: Option<i64>,
    pub groups: BTreeMap<String, GroupState>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<String, TopicState>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub brokers: BTreeMap<i64, BrokerState>,
    pub pending_transactions: Vec<PendingTxn>,
    /// Records whose type or version is unknown (kept raw, not applied).
    pub unknown: BTreeMap<String, u64>,
    /// Chronik events its own replay does not apply (counted, not applied).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub not_applied: BTreeMap<String, u64>,
    pub errors: Vec<Damage>,
    /// Intact records after damage that the broker does not load (broker mode).
    pub not_loaded_records: u64,
    /// Files in the input that are not coordinator logs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped_files: Vec<SkippedFile>,
}

/// Folds events into a [`State`].
pub struct Replayer {
    opts: ReplayOptions,
    state: State,
    /// Groups while replaying (hash lookups); sorted into `state.groups` at the end.
    groups: rustc_hash::FxHashMap<String, GroupState>,
    txns: BTreeMap<i64, OpenTxn>,
    chronik_txns: BTreeMap<String, ChronikTxn>,
}

impl Replayer {
    pub fn new(opts: ReplayOptions) -> Self {
        Replayer {
            opts,
            state: State::default(),
            groups: Default::default(),
            txns: BTreeMap::new(),
            chronik_txns: BTreeMap::new(),
        }
    }

    /// Record the recovery mode, its rules and skipped files in the state.
    pub fn describe(&mut self, log: &Log, read: &ReadOptions) {
        self.state.recovery = read.describe();
        self.state.recovery_rules = log.rules(read);
        self.state.skipped_files = log.skipped.clone();
    }

    fn wants(&self, group: &str) -> bool {
        self.opts.groups.is_empty() || self.opts.groups.iter().any(|g| g == group)
    }

    pub fn push(&mut self, ev: Event) {
        match ev {
            Event::FileStart { path, format, size } => {
                self.state.files.push(path.display().to_string());
                self.state.bytes += size;
                self.state.format = Some(format);
            }
            Event::Batch { control, .. } => {
                self.state.batches += 1;
                self.state.control_batches += u64::from(control);
            }
            Event::Damage(d) => self.state.errors.push(d),
            Event::Record(e) => self.record(e),
            Event::NotLoaded { records, .. } => self.state.not_loaded_records += records,
        }
    }

    fn record(&mut self, e: Entry) {
        let st = &mut self.state;
        st.records += 1;
        if let Some(a) = self.opts.as_of {
            if !a.admits(&e) {
                return;
            }
        }
        st.first_offset = Some(st.first_offset.map_or(e.offset, |o| o.min(e.offset)));
        st.last_offset = Some(st.last_offset.map_or(e.offset, |o| o.max(e.offset)));
        if let Some(ts) = e.timestamp {
            st.first_timestamp = Some(st.first_timestamp.map_or(ts, |t| t.min(ts)));
            st.last_timestamp = Some(st.last_timestamp.map_or(ts, |t| t.max(ts)));
        }
        let offset = e.offset;
        let batch = e.batch.clone();
        match e.record {
            Decoded::Control { commit, .. } => {
                self.state.applied += 1;
                let pid = batch.as_ref().map_or(-1, |b| b.producer_id);
                if let Some(txn) = self.txns.remove(&pid) {
                    if commit {
                        for w in txn.writes {
                            self.apply_offset(w.group, w.topic, w.partition, w.value, true);
                        }
                    }
                }
            }
            Decoded::Coordinator(rec) => {
                if let Some(g) = rec.group() {
                    if !self.wants(g) {
                        return;
                    }
                }
                self.state.applied += 1;
                let txn = batch
                    .as_ref()
                    .filter(|b| b.transactional && b.producer_id >= 0);
                self.coordinator(
                    rec,
                    offset,
                    e.timestamp,
                    txn.map(|b| (b.producer_id, b.producer_epoch)),
                );
            }
            Decoded::Chronik {
                event_type,
                payload,
            } => self.chronik(&event_type, payload, offset, e.timestamp),
            Decoded::ChronikLegacy { .. } => {
                *self
                    .state
                    .unknown
                    .entry("legacy (bincode)".into())
                    .or_default() += 1
            }
        }
    }

    fn group(&mut self, name: &str) -> &mut GroupState {
        if !self.groups.contains_key(name) {
            self.groups.insert(
                name.to_string(),
                GroupState {
                    group_type: "unknown",
                    ..Default::default()
                },
            );
        }
        self.groups.get_mut(name).expect("just inserted")
    }

    fn apply_offset(
        &mut self,
        group: String,
        topic: String,
        partition: i32,
        value: Option<OffsetState>,
        from_txn: bool,
    ) {
        let g = self.group(&group);
        match value {
            Some(v) => {
                g.last_record_offset = g.last_record_offset.max(v.record_offset);
                let parts = match g.offsets.get_mut(&topic) {
                    Some(p) => p,
                    None => g.offsets.entry(topic).or_default(),
                };
                // A transaction's offsets replace only older commits (Kafka compares log positions).
                if from_txn {
                    if let Some(cur) = parts.get(&partition) {
                        if cur.record_offset > v.record_offset {
                            return;
                        }
                    }
                }
                parts.insert(partition, v);
            }
            None => {
                if let Some(parts) = g.offsets.get_mut(&topic) {
                    parts.remove(&partition);
                    if parts.is_empty() {
                        g.offsets.remove(&topic);
                    }
                }
            }
        }
    }

    fn coordinator(
        &mut self,
        rec: CoordinatorRecord,
        offset: i64,
        _ts: Option<i64>,
        txn: Option<(i64, i16)>,
    ) {
        match rec {
            CoordinatorRecord::OffsetCommit {
                group,
                topic,
                partition,
                value,
            } => {
                let value = value.map(|v| offset_state(v, offset, txn.is_some()));
                match txn {
                    Some((pid, epoch)) => {
                        let t = self.txns.entry(pid).or_insert_with(|| OpenTxn {
                            producer_epoch: epoch,
                            first_offset: offset,
                            writes: Vec::new(),
                        });
                        t.producer_epoch = epoch;
                        t.writes.push(PendingOffset {
                            group: group.clone(),
                            topic,
                            partition,
                            value,
                        });
                        // The group exists for the coordinator as soon as it has a pending write.
                        self.group(&group).last_record_offset = offset;
                    }
                    None => self.apply_offset(group, topic, partition, value, false),
                }
            }
            CoordinatorRecord::GroupMetadata { group, value } => {
                let g = self.group(&group);
                g.last_record_offset = offset;
                match value {
                    Some(v) => {
                        g.group_type = "classic";
                        g.deleted = false;
                        g.state = Some(
                            if v.members.is_empty() {
                                "Empty"
                            } else {
                                "Stable"
                            }
                            .to_string(),
                        );
                        g.generation = Some(v.generation);
                        g.protocol_type = Some(v.protocol_type);
                        g.protocol = v.protocol;
                        g.leader = v.leader;
                        g.current_state_timestamp = v.current_state_timestamp;
                        g.members = v.members.iter().map(member_json).collect();
                    }
                    None => {
                        g.clear_metadata();
                        g.group_type = "classic";
                        g.deleted = true;
                        g.state = Some("Dead".into());
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
                let g = self.group(&group);
                g.last_record_offset = offset;
                kip848(g, record_type, member, regex, value);
            }
            CoordinatorRecord::Unknown { record_type, .. } => {
                *self
                    .state
                    .unknown
                    .entry(format!("record type {record_type}"))
                    .or_default() += 1;
            }
        }
    }

    fn chronik(&mut self, event_type: &str, p: Value, offset: i64, ts: Option<i64>) {
        if let Some(g) = super::events::chronik_group(&p) {
            if !self.wants(g) {
                return;
            }
        }
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
                g.group_type = "classic";
                g.deleted = false;
                g.state = s(&m["state"]);
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
                    .map(|ms| ms.iter().map(chronik_member).collect())
                    .unwrap_or_default();
            }
            "ConsumerGroupDeleted" => {
                let Some(name) = s(&p["group_id"]) else {
                    return self.malformed(event_type);
                };
                let g = self.group(&name);
                g.last_record_offset = offset;
                g.clear_metadata();
                g.offsets.clear();
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
                self.apply_offset(group, topic, partition as i32, Some(v), false);
            }
            "ConsumerOffsetDeleted" => {
                let (Some(group), Some(topic), Some(partition)) =
                    (s(&p["group_id"]), s(&p["topic"]), p["partition"].as_i64())
                else {
                    return self.malformed(event_type);
                };
                self.group(&group).last_record_offset = offset;
                self.apply_offset(group, topic, partition as i32, None, false);
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
                for g in self.groups.values_mut() {
                    g.offsets.remove(&name);
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
            | "ProducerFenced" => self.chronik_txn(event_type, &p, offset),
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
            other => {
                *self
                    .state
                    .unknown
                    .entry(format!("event {other}"))
                    .or_default() += 1
            }
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

    fn partition(&mut self, topic: String, part: i64) -> &mut PartitionState {
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

    pub fn finish(mut self) -> State {
        let groups_wanted = |gs: &[String]| -> bool {
            self.opts.groups.is_empty() || gs.iter().any(|g| self.opts.groups.contains(g))
        };
        let mut pending: Vec<PendingTxn> = Vec::new();
        for (pid, t) in &self.txns {
            let mut groups: Vec<String> = t.writes.iter().map(|w| w.group.clone()).collect();
            groups.sort();
            groups.dedup();
            if groups_wanted(&groups) {
                pending.push(PendingTxn {
                    producer_id: *pid,
                    producer_epoch: t.producer_epoch,
                    transactional_id: None,
                    state: None,
                    groups,
                    offsets: t.writes.len(),
                    first_offset: t.first_offset,
                });
            }
        }
        for (id, t) in &self.chronik_txns {
            if matches!(
                t.state.as_str(),
                "Ongoing" | "PrepareCommit" | "PrepareAbort"
            ) && groups_wanted(&t.groups)
            {
                pending.push(PendingTxn {
                    producer_id: t.producer_id,
                    producer_epoch: t.producer_epoch as i16,
                    transactional_id: Some(id.clone()),
                    state: Some(t.state.clone()),
                    groups: t.groups.clone(),
                    offsets: 0,
                    first_offset: t.first_offset,
                });
            }
        }
        self.state.pending_transactions = pending;
        self.state.groups = std::mem::take(&mut self.groups).into_iter().collect();
        for g in self.state.groups.values_mut() {
            for parts in g.offsets.values_mut() {
                for o in parts.values_mut() {
                    if o.commit_time.is_none() {
                        o.commit_time = o.commit_timestamp.map(format_ms);
                    }
                }
            }
            finish_kip848(g);
            // Offsets without group metadata: a standalone consumer (assign() +
            // commit), which the coordinator shows as an Empty group.
            if g.group_type == "unknown" && !g.deleted {
                g.group_type = "offsets-only";
                g.state = Some("Empty".into());
            }
        }
        self.state
    }
}

/// Replays events already read.
pub fn replay(events: impl IntoIterator<Item = Event>, opts: ReplayOptions) -> State {
    let mut r = Replayer::new(opts);
    for e in events {
        r.push(e);
    }
    r.finish()
}

/// Reads and replays a whole log.
pub fn replay_log(log: &Log, read: ReadOptions, opts: ReplayOptions) -> Result<State, WalError> {
    let mut r = Replayer::new(opts);
    r.describe(log, &read);
    log.read(read, |e| {
        r.push(e);
        std::ops::ControlFlow::Continue(())
    })?;
    Ok(r.finish())
}

fn status(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn offset_state(v: OffsetCommitValue, record_offset: i64, transactional: bool) -> OffsetState {
    OffsetState {
        offset: v.offset,
        metadata: Some(v.metadata),
        commit_timestamp: Some(v.commit_timestamp),
        // Formatted once at the end, for the offsets still alive.
        commit_time: None,
        leader_epoch: v.leader_epoch,
        expire_timestamp: v.expire_timestamp,
        record_offset,
        transactional,
    }
}

fn member_json(m: &GroupMember) -> Value {
    serde_json::to_value(m).unwrap_or(Value::Null)
}

fn chronik_member(m: &Value) -> Value {
    let bytes = |v: &Value| -> Vec<u8> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|b| b.as_u64().map(|b| b as u8))
                    .collect()
            })
            .unwrap_or_default()
    };
    let meta = bytes(&m["metadata"]);
    let asg = bytes(&m["assignment"]);
    let subscribed = super::coordinator::subscribed_topics(&meta);
    let assigned = super::coordinator::assigned_partitions(&asg);
    serde_json::json!({
        "member_id": m["member_id"],
        "client_id": m["client_id"],
        "client_host": m["client_host"],
        "metadata_hex": super::schema::hex(&meta),
        "assignment_hex": super::schema::hex(&asg),
        "subscribed_topics": subscribed,
        "assigned_partitions": assigned,
    })
}

/// KIP-848 and share-group records (types 3-16).
fn kip848(
    g: &mut GroupState,
    record_type: i16,
    member: Option<String>,
    regex: Option<String>,
    value: Option<Value>,
) {
    let share = (9..=15).contains(&record_type);
    if g.group_type == "unknown" || g.deleted {
        g.group_type = if share { "share" } else { "consumer" };
    }
    let member_part = |g: &mut GroupState, part: &str, value: Option<Value>| {
        let Some(id) = member.clone() else { return };
        match value {
            Some(v) => {
                g.kip848_members
                    .entry(id)
                    .or_default()
                    .insert(part.to_string(), v);
            }
            None => {
                if let Some(m) = g.kip848_members.get_mut(&id) {
                    m.remove(part);
                    if m.is_empty() {
                        g.kip848_members.remove(&id);
                    }
                }
            }
        }
    };
    match record_type {
        3 | 11 => match value {
            Some(v) => {
                g.deleted = false;
                g.group_type = if share { "share" } else { "consumer" };
                g.group_epoch = v["epoch"].as_i64().map(|e| e as i32);
            }
            None => {
                g.clear_metadata();
                g.kip848_members.clear();
                g.regexes.clear();
                g.deleted = true;
                g.state = Some("Dead".into());
            }
        },
        4 | 9 => g.partition_metadata = value,
        5 | 10 => member_part(g, "metadata", value),
        6 | 12 => {
            g.assignment_epoch = value
                .and_then(|v| v["assignment_epoch"].as_i64())
                .map(|e| e as i32)
        }
        7 | 13 => member_part(g, "target_assignment", value),
        8 | 14 => member_part(g, "current_assignment", value),
        15 => g.share_state = value,
        16 => {
            if let Some(r) = regex {
                match value {
                    Some(v) => {
                        g.regexes.insert(r, v);
                    }
                    None => {
                        g.regexes.remove(&r);
                    }
                }
            }
        }
        _ => {}
    }
}

/// KIP-848 members into `members`, topic ids resolved to names, and the state
/// the new coordinator derives from epochs.
fn finish_kip848(g: &mut GroupState) {
    if g.group_type != "consumer" && g.group_type != "share" || g.deleted {
        return;
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    if let Some(topics) = g
        .partition_metadata
        .as_ref()
        .and_then(|v| v["topics"].as_array())
    {
        for t in topics {
            if let (Some(id), Some(name)) = (t["topic_id"].as_str(), t["topic_name"].as_str()) {
                names.insert(id.to_string(), name.to_string());
            }
        }
    }
    let resolve = |v: &Value| -> Value {
        let mut out = Map::new();
        for tp in v.as_array().into_iter().flatten() {
            let id = tp["topic_id"].as_str().unwrap_or_default();
            let name = names.get(id).cloned().unwrap_or_else(|| id.to_string());
            out.insert(name, tp["partitions"].clone());
        }
        Value::Object(out)
    };
    let mut reconciling = false;
    g.members = g
        .kip848_members
        .iter()
        .map(|(id, parts)| {
            let md = parts.get("metadata").cloned().unwrap_or(Value::Null);
            let cur = parts
                .get("current_assignment")
                .cloned()
                .unwrap_or(Value::Null);
            let target = parts
                .get("target_assignment")
                .cloned()
                .unwrap_or(Value::Null);
            let member_epoch = cur["member_epoch"].as_i64();
            if member_epoch.is_some_and(|e| Some(e as i32) != g.assignment_epoch) {
                reconciling = true;
            }
            serde_json::json!({
                "member_id": id,
                "instance_id": md["instance_id"],
                "rack_id": md["rack_id"],
                "client_id": md["client_id"],
                "client_host": md["client_host"],
                "subscribed_topics": md["subscribed_topic_names"],
                "subscribed_topic_regex": md["subscribed_topic_regex"],
                "server_assignor": md["server_assignor"],
                "member_epoch": member_epoch,
                "assigned_partitions": resolve(&cur["assigned_partitions"]),
                "partitions_pending_revocation": resolve(&cur["partitions_pending_revocation"]),
                "target_partitions": resolve(&target["topic_partitions"]),
            })
        })
        .collect();
    g.generation = g.group_epoch;
    g.protocol_type = Some(g.group_type.to_string());
    g.state = Some(
        if g.members.is_empty() {
            "Empty"
        } else if g.group_epoch > g.assignment_epoch {
            "Assigning"
        } else if reconciling {
            "Reconciling"
        } else {
            "Stable"
        }
        .to_string(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_parses_offsets_and_times() {
        assert_eq!(AsOf::parse("4211"), Ok(AsOf::Offset(4211)));
        assert_eq!(
            AsOf::parse("2026-11-20T10:00:00Z"),
            Ok(AsOf::Time(1_795_168_800_000))
        );
        assert!(AsOf::parse("-3").is_err());
        assert!(AsOf::parse("yesterday").is_err());
    }
}
