//! `__consumer_offsets` key and value decoders, on arbitrary bytes (body: `groupctl::wal::fuzz::coordinator_record`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| groupctl::wal::fuzz::coordinator_record(data));
