//! `wal stats`: what a log holds — records and bytes per type and group,
//! offsets and time span, how much compaction could drop (records vs keys
//! still alive after replay) and every damage found.

use super::replay::{CoordinatorState, ReplayOptions, Replayer};
use super::{Damage, Decoded, Event, Log, LogFormat, ReadOptions, SkippedFile, WalError};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Count {
    pub records: u64,
    pub bytes: u64,
    pub tombstones: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileStat {
    pub path: String,
    pub format: LogFormat,
    pub bytes: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// How damage was read past (`broker` or `salvage`), and the rules applied.
    pub recovery: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recovery_rules: Vec<String>,
    pub files: Vec<FileStat>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped_files: Vec<SkippedFile>,
    pub bytes: u64,
    pub batches: u64,
    pub control_batches: u64,
    pub transactional_records: u64,
    pub records: u64,
    pub tombstones: u64,
    pub first_offset: Option<i64>,
    pub last_offset: Option<i64>,
    pub first_timestamp: Option<i64>,
    pub last_timestamp: Option<i64>,
    pub time_span_ms: Option<i64>,
    pub by_type: BTreeMap<String, Count>,
    pub by_group: BTreeMap<String, Count>,
    /// Keys still alive after replay: group metadata, committed offsets, KIP-848
    /// members and regexes; for Chronik also topics, partitions and brokers.
    pub live_keys: u64,
    pub live_groups: u64,
    pub live_offsets: u64,
    /// records / live_keys: how many times over the log repeats its live state.
    pub compaction_ratio: Option<f64>,
    pub pending_transactions: usize,
    pub damaged_bytes: u64,
    /// Intact records after damage that the broker does not load (broker mode).
    pub not_loaded_records: u64,
    pub errors: Vec<Damage>,
}

pub struct StatsBuilder {
    stats: Stats,
    replay: Replayer,
}

impl Default for StatsBuilder {
    fn default() -> Self {
        StatsBuilder {
            stats: Stats::default(),
            replay: Replayer::new(ReplayOptions::default()),
        }
    }
}

impl StatsBuilder {
    /// Record the recovery mode, its rules and skipped files.
    pub fn describe(&mut self, log: &Log, read: &ReadOptions) {
        self.replay.describe(log, read);
    }

    pub fn push(&mut self, ev: &Event<'_>) {
        let s = &mut self.stats;
        match ev {
            Event::FileStart { path, format, size } => {
                s.files.push(FileStat {
                    path: path.display().to_string(),
                    format: *format,
                    bytes: *size,
                });
            }
            Event::Damage(d) => s.damaged_bytes += d.skipped_bytes.unwrap_or(0),
            Event::Batch { .. } | Event::NotLoaded { .. } => {}
            Event::Record(e) => {
                if e.batch
                    .as_ref()
                    .is_some_and(|b| b.transactional && !b.control)
                {
                    s.transactional_records += 1;
                }
                let tombstone = is_tombstone(&e.record);
                s.tombstones += u64::from(tombstone);
                let add = |c: &mut Count| {
                    c.records += 1;
                    c.bytes += e.bytes;
                    c.tombstones += u64::from(tombstone);
                };
                let type_name = e.record.type_name();
                match s.by_type.get_mut(type_name) {
                    Some(c) => add(c),
                    None => add(s.by_type.entry(type_name.to_string()).or_default()),
                }
                if let Some(g) = e.record.group() {
                    match s.by_group.get_mut(g) {
                        Some(c) => add(c),
                        None => add(s.by_group.entry(g.to_string()).or_default()),
                    }
                }
            }
        }
        // Counts, offsets, time span and damage: the replay keeps them.
        self.replay.push(ev);
    }

    pub fn finish(self) -> Stats {
        let mut s = self.stats;
        let mut state: CoordinatorState = self.replay.finish();
        s.bytes = state.bytes;
        s.batches = state.batches;
        s.control_batches = state.control_batches;
        s.records = state.records;
        s.not_loaded_records = state.not_loaded_records;
        s.recovery = std::mem::take(&mut state.recovery);
        s.recovery_rules = std::mem::take(&mut state.recovery_rules);
        s.skipped_files = std::mem::take(&mut state.skipped_files);
        s.first_offset = state.first_offset;
        s.last_offset = state.last_offset;
        s.first_timestamp = state.first_timestamp;
        s.last_timestamp = state.last_timestamp;
        s.errors = std::mem::take(&mut state.errors);
        let mut live = 0u64;
        for g in state.groups.values() {
            let offsets = g.offset_count() as u64;
            s.live_offsets += offsets;
            live += offsets + g.regexes.len() as u64;
            if !g.deleted && g.generation.is_some() {
                s.live_groups += 1;
                live += 1;
            }
            if g.is_epoch_based() {
                // metadata, target and current assignment per member
                live += 3 * g.members.len() as u64;
            }
        }
        for t in state.topics.values() {
            live += 1 + t.partitions.len() as u64;
        }
        live += state.brokers.len() as u64;
        s.live_keys = live;
        s.compaction_ratio = (live > 0).then(|| s.records as f64 / live as f64);
        s.time_span_ms = s.first_timestamp.zip(s.last_timestamp).map(|(a, b)| b - a);
        s.pending_transactions = state.pending_transactions.len();
        s
    }
}

/// Stats of events already read.
pub fn stats<'a>(events: impl IntoIterator<Item = Event<'a>>) -> Stats {
    let mut b = StatsBuilder::default();
    for e in events {
        b.push(&e);
    }
    b.finish()
}

/// Reads a whole log and counts it.
pub fn stats_log(log: &Log, read: ReadOptions) -> Result<Stats, WalError> {
    let mut b = StatsBuilder::default();
    b.describe(log, &read);
    log.read(read, |e| {
        b.push(e);
        std::ops::ControlFlow::Continue(())
    })?;
    Ok(b.finish())
}

pub fn is_tombstone(d: &Decoded) -> bool {
    use super::coordinator::CoordinatorRecord as C;
    match d {
        Decoded::Coordinator(C::OffsetCommit { value, .. }) => value.is_none(),
        Decoded::Coordinator(C::GroupMetadata { value, .. }) => value.is_none(),
        Decoded::Coordinator(C::Group { value, .. }) => value.is_none(),
        Decoded::Chronik { event_type, .. } => {
            event_type.ends_with("Deleted") || event_type == "BrokerRemoved"
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wal::build::{self, BatchOpts, SegmentBuilder};

    #[test]
    fn counts_types_groups_tombstones_live_keys_and_damage() {
        let mut seg = SegmentBuilder::new();
        let c = |g: &str, p: i32, o: i64| {
            (
                build::offset_key(g, "t", p),
                Some(build::offset_value(o, 0, "", 1_000)),
            )
        };
        seg.batch(
            &[c("a", 0, 1), c("a", 0, 2), c("a", 1, 3)],
            BatchOpts::default(),
        );
        seg.batch(
            &[(build::offset_key("a", "t", 1), None), c("b", 0, 9)],
            BatchOpts {
                timestamp: 61_000,
                ..Default::default()
            },
        );
        seg.batch(
            &[(
                build::group_key(2, "b"),
                Some(build::group_value(1, "range", None, 0, &[])),
            )],
            BatchOpts::default(),
        );
        seg.batch(
            &[c("c", 0, 4)],
            BatchOpts {
                txn: Some((5, 0)),
                ..Default::default()
            },
        );
        let mut data = seg.finish();
        data.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let log = Log::from_bytes("t.log", data, None);
        let s = stats_log(&log, ReadOptions::salvage()).unwrap();
        assert_eq!(
            (s.batches, s.records, s.tombstones, s.transactional_records),
            (4, 7, 1, 1)
        );
        assert_eq!(s.by_type["offset_commit"].records, 6);
        assert_eq!(s.by_type["group_metadata"].records, 1);
        assert_eq!(
            (s.by_group["a"].records, s.by_group["a"].tombstones),
            (4, 1)
        );
        // Live: offsets a/t-0 and b/t-0 (c's is still pending in its transaction), group b.
        assert_eq!((s.live_offsets, s.live_groups, s.live_keys), (2, 1, 3));
        assert_eq!(s.compaction_ratio, Some(7.0 / 3.0));
        assert_eq!(s.pending_transactions, 1);
        // Batch times: the default one (and +1 ms per record), and 61 s after the epoch.
        let t0 = BatchOpts::default().timestamp;
        assert_eq!(
            (s.first_timestamp, s.last_timestamp),
            (Some(61_000), Some(t0 + 2))
        );
        assert_eq!(s.time_span_ms, Some(t0 + 2 - 61_000));
        assert_eq!((s.errors.len(), s.damaged_bytes), (1, 13));
        assert_eq!(s.recovery, "salvage");
    }
}
