//! Kafka segment reader + replay + stats, every recovery mode, on arbitrary bytes (body: `groupctl::wal::fuzz::segment`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| groupctl::wal::fuzz::segment(data));
