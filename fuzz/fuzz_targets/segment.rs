//! Kafka segment reader + replay + stats on arbitrary bytes, in every mode.
#![no_main]
use groupctl::wal::{replay, stats, Log, LogFormat, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let log = Log::from_bytes("fuzz.log", data.to_vec(), Some(LogFormat::Kafka));
    for opts in [
        ReadOptions::default(),
        ReadOptions::salvage(),
        ReadOptions {
            apply_bad_crc: true,
            ..ReadOptions::salvage()
        },
    ] {
        let events = log.events(opts).expect("in memory");
        let _ = replay::replay(events, replay::ReplayOptions::default());
    }
    let _ = stats::stats(log.events(ReadOptions::salvage()).expect("in memory"));
});
