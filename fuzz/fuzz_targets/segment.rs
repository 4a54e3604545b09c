//! Kafka segment reader + replay + stats on arbitrary bytes.
#![no_main]
use groupctl::wal::{replay, stats, Log, LogFormat, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let log = Log::from_bytes("fuzz.log", data.to_vec(), Some(LogFormat::Kafka));
    for opts in [
        ReadOptions::default(),
        ReadOptions {
            apply_bad_crc: true,
            stop_at_first_error: false,
        },
    ] {
        let _ = replay::replay(log.events(opts), replay::ReplayOptions::default());
    }
    let _ = stats::stats(log.events(ReadOptions::default()));
});
