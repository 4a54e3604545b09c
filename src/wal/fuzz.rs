//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*`), here so that the
//! regression test (`tests/wal_fuzz_regressions.rs`) runs the very same code
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

fn all_modes(log: &Log) {
    for opts in modes() {
        let events = log
            .events(opts)
            .expect("in-memory logs cannot fail to read");
        let _ = replay::replay(events, replay::ReplayOptions::default());
    }
    let events = log.events(ReadOptions::salvage()).expect("in memory");
    let _ = stats::stats(events);
}

/// The input whole, and read in small pieces as a big file is (the window
/// logic across chunk boundaries); the two readings must agree.
fn both_ways(name: &str, data: &[u8], format: LogFormat) {
    let whole = Log::from_bytes(name, data.to_vec(), Some(format));
    all_modes(&whole);
    let chunk = 1 + data.first().map_or(0, |b| *b as usize % 97);
    let pieces = Log::from_chunks(name, data.to_vec(), Some(format), Some(chunk));
    for opts in modes() {
        let a = whole.events(opts).expect("in memory");
        let b = pieces.events(opts).expect("in memory");
        assert_eq!(
            format!("{a:?}"),
            format!("{b:?}"),
            "chunks of {chunk} bytes read differently"
        );
    }
}

/// Kafka segment reader (v2 batches, legacy message sets), replay, stats.
pub fn segment(data: &[u8]) {
    both_ways("fuzz.log", data, LogFormat::Kafka);
}

/// Chronik metadata WAL reader (salvage and Chronik's own loader), replay.
pub fn chronik(data: &[u8]) {
    both_ways("wal_0_0.log", data, LogFormat::Chronik);
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
