//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*`), here so that the
//! regression test (`tests/it/wal_fuzz_regressions.rs`) runs the very same code
//! on every saved input. Each reads arbitrary bytes every way groupctl can;
//! the only failure is a panic (or a runaway allocation).

use super::{coordinator, replay, stats, Log, LogFormat, ReadOptions};
use crate::model::consumer_protocol;

fn modes() -> [ReadOptions; 3] {
    [
        ReadOptions::default(),
        ReadOptions::salvage(),
        ReadOptions {
            apply_bad_crc: true,
            ..ReadOptions::salvage()
        },
    ]
}

/// The first byte chooses how the rest is read: the recovery mode, whether
/// it is also read in small pieces (as a big file is, across read chunks —
/// both readings must agree), whether stats run too.
fn read_every_way(name: &str, data: &[u8], format: LogFormat) {
    let Some((&how, data)) = data.split_first() else {
        return;
    };
    let opts = modes()[how as usize % 3];
    let log = Log::from_bytes(name, data.to_vec(), Some(format));
    let events = log
        .events(opts)
        .expect("in-memory logs cannot fail to read");
    if how & 0x80 != 0 {
        let chunk = 1 + (how as usize >> 2) % 32;
        let pieces = Log::from_chunks(name, data.to_vec(), Some(format), Some(chunk));
        let again = pieces.events(opts).expect("in memory");
        assert!(
            events == again,
            "read in {chunk}-byte chunks, the events differ"
        );
    }
    if how & 0x40 != 0 {
        let _ = stats::stats(log.events(opts).expect("in memory"));
    }
    let _ = replay::replay(events, replay::ReplayOptions::default());
}

/// Kafka segment reader (v2 batches, legacy message sets), replay, stats.
pub fn segment(data: &[u8]) {
    read_every_way("fuzz.log", data, LogFormat::Kafka);
}

/// Chronik metadata WAL reader (salvage and Chronik's own loader), replay.
pub fn chronik(data: &[u8]) {
    read_every_way("wal_0_0.log", data, LogFormat::Chronik);
}

/// `__consumer_offsets` key and value decoders: the first byte splits the input.
pub fn coordinator_record(data: &[u8]) {
    if let Some((&split, rest)) = data.split_first() {
        let at = (split as usize).min(rest.len());
        let (key, value) = rest.split_at(at);
        let _ = coordinator::decode(key, Some(value));
        let _ = coordinator::decode(key, None);
    }
}

/// Consumer-protocol subscription and assignment decoders.
pub fn consumer_protocol(data: &[u8]) {
    let _ = consumer_protocol::decode_subscription(data);
    let _ = consumer_protocol::decode_assignment(data);
}

/// A fuzz target's body.
pub type Body = fn(&[u8]);

/// Target name -> body, for the regression test.
pub const TARGETS: [(&str, Body); 4] = [
    ("segment", segment),
    ("chronik", chronik),
    ("coordinator_record", coordinator_record),
    ("consumer_protocol", consumer_protocol),
];
