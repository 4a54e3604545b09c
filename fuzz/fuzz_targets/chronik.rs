//! Chronik metadata WAL reader + replay on arbitrary bytes.
#![no_main]
use groupctl::wal::{replay, Log, LogFormat, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let log = Log::from_bytes("wal_0_0.log", data.to_vec(), Some(LogFormat::Chronik));
    for opts in [
        ReadOptions::default(),
        ReadOptions {
            apply_bad_crc: true,
            stop_at_first_error: false,
        },
    ] {
        let _ = replay::replay(log.events(opts), replay::ReplayOptions::default());
    }
});
