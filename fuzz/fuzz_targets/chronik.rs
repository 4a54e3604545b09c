//! Chronik metadata WAL reader (salvage and Chronik's loader) + replay, on arbitrary bytes (body: `groupctl::wal::fuzz::chronik`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| groupctl::wal::fuzz::chronik(data));
