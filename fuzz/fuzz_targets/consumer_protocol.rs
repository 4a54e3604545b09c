//! consumer-protocol subscription and assignment decoders, on arbitrary bytes (body: `groupctl::wal::fuzz::consumer_protocol`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| groupctl::wal::fuzz::consumer_protocol(data));
