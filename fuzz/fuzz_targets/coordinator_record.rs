//! `__consumer_offsets` key/value decoders on arbitrary bytes: first byte
//! splits the input into key and value.
#![no_main]
use groupctl::wal::coordinator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((&split, rest)) = data.split_first() {
        let at = (split as usize).min(rest.len());
        let (key, value) = rest.split_at(at);
        let _ = coordinator::decode(key, Some(value));
        let _ = coordinator::decode(key, None);
    }
});
