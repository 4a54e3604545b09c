//! Replay: the state a coordinator rebuilds from its log, folded record by
//! record as the log streams past (memory is O(live keys)). The rules live
//! by format: `kafka.rs` (offset commits, classic groups, transactions),
//! `kip848.rs` (KIP-848 consumer and share groups), `chronik.rs` (Chronik's
//! `WalMetadataStore`).

mod chronik;
mod kafka;
mod kip848;
mod pipeline;
mod state;
mod table;
#[cfg(test)]
mod tests;

pub use chronik::CHRONIK_EVENT_TYPES;
pub use state::{
    ChronikMember, EpochMember, OffsetState, Partitions, ReplayedGroup, ReplayedMember,
};

use super::coordinator::TopicId;
use super::{Damage, Decoded, Entry, Event, Log, LogFormat, ReadOptions, SkippedFile, WalError};
use crate::model::time::format_ms;
use crate::model::GroupState;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

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

/// A Chronik topic partition (Chronik's metadata log also holds its topics).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChronikPartition {
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
    pub partitions: BTreeMap<i64, ChronikPartition>,
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

/// The rebuilt coordinator state and what the replay saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CoordinatorState {
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
    pub groups: BTreeMap<String, ReplayedGroup>,
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

/// Folds events into a [`CoordinatorState`].
pub struct Replayer {
    opts: ReplayOptions,
    state: CoordinatorState,
    /// Groups while replaying; sorted into `state.groups` at the end.
    groups: table::GroupTable,
    /// Topic ids the log ties to names (offset commits since Kafka 4.0), to
    /// the topic's number in `groups`.
    topic_ids: rustc_hash::FxHashMap<TopicId, u32>,
    kafka_txns: kafka::OpenTransactions,
    chronik_txns: chronik::ChronikTransactions,
    /// Big logs: the fold runs on a second thread, fed from here.
    pipe: Option<pipeline::Pipe>,
}

/// Logs from this size on are folded on a second thread.
const PIPELINE_BYTES: u64 = 16 << 20;

impl Replayer {
    pub fn new(opts: ReplayOptions) -> Self {
        Replayer {
            opts,
            state: CoordinatorState::default(),
            groups: Default::default(),
            topic_ids: Default::default(),
            kafka_txns: Default::default(),
            chronik_txns: Default::default(),
            pipe: None,
        }
    }

    /// Record the recovery mode, its rules and skipped files in the state
    /// (before the first event: a big log is then folded on a second thread).
    pub fn describe(&mut self, log: &Log, read: &ReadOptions) {
        self.state.recovery = read.describe();
        self.state.recovery_rules = log.rules(read);
        self.state.skipped_files = log.skipped.clone();
        if log.total_bytes() >= PIPELINE_BYTES {
            self.fold_on_second_thread();
        }
    }

    /// From now on, events are folded on a second thread (the state so far goes with them).
    fn fold_on_second_thread(&mut self) {
        if self.pipe.is_some() {
            return;
        }
        let fold = std::mem::replace(self, Replayer::new(self.opts.clone()));
        match pipeline::Pipe::start(fold) {
            Ok(p) => self.pipe = Some(p),
            // No thread: fold here.
            Err(fold) => *self = *fold,
        }
    }

    fn wants(&self, group: &str) -> bool {
        self.opts.groups.is_empty() || self.opts.groups.iter().any(|g| g == group)
    }

    pub fn push(&mut self, ev: &Event<'_>) {
        if let Some(p) = &mut self.pipe {
            p.push(ev);
            return;
        }
        match ev {
            Event::FileStart { path, format, size } => {
                self.state.files.push(path.display().to_string());
                self.state.bytes += size;
                self.state.format = Some(*format);
            }
            Event::Batch { control, .. } => {
                self.state.batches += 1;
                self.state.control_batches += u64::from(*control);
            }
            Event::Damage(d) => self.state.errors.push(d.clone()),
            Event::Record(e) => self.record(e),
            Event::NotLoaded { records, .. } => self.state.not_loaded_records += records,
        }
    }

    fn record(&mut self, e: &Entry<'_>) {
        let st = &mut self.state;
        st.records += 1;
        if let Some(a) = self.opts.as_of {
            if !a.admits(e) {
                return;
            }
        }
        st.first_offset = Some(st.first_offset.map_or(e.offset, |o| o.min(e.offset)));
        st.last_offset = Some(st.last_offset.map_or(e.offset, |o| o.max(e.offset)));
        if let Some(ts) = e.timestamp {
            st.first_timestamp = Some(st.first_timestamp.map_or(ts, |t| t.min(ts)));
            st.last_timestamp = Some(st.last_timestamp.map_or(ts, |t| t.max(ts)));
        }
        if let Some(g) = e.record.group() {
            if !self.wants(g) {
                return;
            }
        }
        let (offset, timestamp) = (e.offset, e.timestamp);
        match &e.record {
            Decoded::Control { commit, .. } => {
                self.state.applied += 1;
                let pid = e.batch.as_ref().map_or(-1, |b| b.producer_id);
                self.marker(pid, *commit);
            }
            Decoded::Coordinator(rec) => {
                self.state.applied += 1;
                let txn = e
                    .batch
                    .as_ref()
                    .filter(|b| b.transactional && b.producer_id >= 0)
                    .map(|b| (b.producer_id, b.producer_epoch));
                self.coordinator(rec, offset, txn);
            }
            Decoded::Chronik {
                event_type,
                payload,
            } => self.chronik(event_type, payload, offset, timestamp),
            Decoded::ChronikLegacy { .. } => self.count_unknown("legacy (bincode)".into()),
        }
    }

    fn count_unknown(&mut self, what: String) {
        *self.state.unknown.entry(what).or_default() += 1;
    }

    fn group(&mut self, name: &str) -> &mut ReplayedGroup {
        self.groups.get_or_insert(name).0
    }

    /// Set (or with `None`, delete) one committed offset.
    fn apply_offset(
        &mut self,
        group: &str,
        topic: &str,
        partition: i32,
        value: Option<OffsetState>,
        from_txn: bool,
    ) {
        let key = (self.groups.topics.id(topic), partition);
        let (g, offsets) = self.groups.get_or_insert(group);
        match value {
            Some(v) => {
                g.revive();
                g.last_record_offset = g.last_record_offset.max(v.record_offset);
                // A transaction's offsets replace only older commits (Kafka compares log positions).
                if from_txn
                    && offsets
                        .get(&key)
                        .is_some_and(|c| c.record_offset > v.record_offset)
                {
                    return;
                }
                offsets.insert(key, v);
            }
            None => {
                offsets.remove(&key);
            }
        }
    }

    /// Remember the topic an offset commit names by id.
    fn topic_id(&mut self, id: TopicId, topic: &str) {
        if !self.topic_ids.contains_key(&id) {
            let n = self.groups.topics.id(topic);
            self.topic_ids.insert(id, n);
        }
    }

    /// Topic ids (as Kafka prints them) to names.
    fn topic_names(&self) -> BTreeMap<String, String> {
        self.topic_ids
            .iter()
            .map(|(id, n)| (id.to_string(), self.groups.topics.name(*n).to_string()))
            .collect()
    }

    pub fn finish(mut self) -> CoordinatorState {
        if let Some(p) = self.pipe.take() {
            return p.finish().finish();
        }
        let mut pending = self.kafka_pending();
        pending.extend(self.chronik_pending());
        let wanted = |gs: &[String]| -> bool {
            self.opts.groups.is_empty() || gs.iter().any(|g| self.opts.groups.contains(g))
        };
        pending.retain(|p| wanted(&p.groups));
        self.state.pending_transactions = pending;
        let known = self.topic_names();
        self.state.groups = std::mem::take(&mut self.groups).into_sorted();
        for g in self.state.groups.values_mut() {
            for parts in g.offsets.values_mut() {
                for o in parts.values_mut() {
                    if o.commit_time.is_none() {
                        o.commit_time = o.commit_timestamp.map(format_ms);
                    }
                }
            }
            kip848::finish(g, &known);
            // Offsets without group metadata: a standalone consumer (assign() +
            // commit), which the coordinator shows as an Empty group.
            if g.group_type.is_none() && !g.deleted {
                g.state = Some(GroupState::Empty);
            }
        }
        self.state
    }
}

/// Replays events already read.
pub fn replay<'a>(
    events: impl IntoIterator<Item = Event<'a>>,
    opts: ReplayOptions,
) -> CoordinatorState {
    let mut r = Replayer::new(opts);
    for e in events {
        r.push(&e);
    }
    r.finish()
}

/// Reads and replays a whole log.
pub fn replay_log(
    log: &Log,
    read: ReadOptions,
    opts: ReplayOptions,
) -> Result<CoordinatorState, WalError> {
    let mut r = Replayer::new(opts);
    r.describe(log, &read);
    log.read(read, |e| {
        r.push(e);
        std::ops::ControlFlow::Continue(())
    })?;
    Ok(r.finish())
}
