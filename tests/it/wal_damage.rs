//! Damaged logs: every truncation and byte flip of the shared fixtures, and
//! random damage (proptest), is read without a panic; intact records before
//! the damage are always kept.

use groupctl::wal::replay::{replay, ReplayOptions};
use groupctl::wal::stats::stats;
use groupctl::wal::{Event, Log, LogFormat, ReadOptions, Recovery};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/wal/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn events(log: &Log, opts: ReadOptions) -> Vec<Event<'static>> {
    log.events(opts)
        .expect("in-memory logs cannot fail to read")
}

fn offsets_with(data: &[u8], forced: Option<LogFormat>, opts: ReadOptions) -> (Vec<i64>, usize) {
    let log = Log::from_bytes("f", data.to_vec(), forced);
    let mut offs = Vec::new();
    let mut damage = 0;
    for e in events(&log, opts) {
        match e {
            Event::Record(r) => offs.push(r.offset),
            Event::Damage(_) => damage += 1,
            _ => {}
        }
    }
    (offs, damage)
}

fn offsets(data: &[u8], forced: Option<LogFormat>) -> (Vec<i64>, usize) {
    offsets_with(data, forced, ReadOptions::salvage())
}

/// Byte position where each record's batch/record ends, from an intact read.
fn ends(data: &[u8]) -> Vec<(i64, u64)> {
    let log = Log::from_bytes("f", data.to_vec(), None);
    let mut out = Vec::new();
    let mut pending: Vec<i64> = Vec::new();
    let mut last_pos = None;
    for e in events(&log, ReadOptions::salvage()) {
        match e {
            Event::Batch { bytes, .. } => {
                pending.clear();
                last_pos = Some(bytes);
            }
            Event::Record(r) => out.push((r.offset, r.byte_pos + last_pos.unwrap())),
            _ => {}
        }
    }
    out
}

#[test]
fn every_truncation_keeps_what_came_before() {
    for name in ["offsets-basic.log", "chronik-basic.wal"] {
        let data = fixture(name);
        let full = ends(&data);
        for cut in 0..data.len() {
            let (got, damage) = offsets(&data[..cut], None);
            // A torn tail: the broker keeps the same records.
            let (broker, _) = offsets_with(&data[..cut], None, ReadOptions::default());
            assert_eq!(broker, got, "{name} cut at {cut}: broker mode");
            let want: Vec<i64> = full
                .iter()
                .filter(|(_, end)| *end as usize <= cut)
                .map(|(o, _)| *o)
                .collect();
            assert_eq!(got, want, "{name} cut at {cut}");
            let last_end = full
                .iter()
                .map(|(_, e)| *e as usize)
                .filter(|e| *e <= cut)
                .max()
                .unwrap_or(0);
            // A tail of zeros is preallocation padding, not a torn record.
            let clean = data[last_end..cut].iter().all(|b| *b == 0);
            assert_eq!(damage > 0, !clean, "{name} cut at {cut}: damage {damage}");
        }
    }
}

#[test]
fn every_single_byte_flip_is_survived_and_mostly_detected() {
    for name in ["offsets-basic.log", "chronik-basic.wal"] {
        let data = fixture(name);
        let (all, _) = offsets(&data, None);
        let mut undetected = 0;
        for i in 0..data.len() {
            let mut d = data.clone();
            d[i] ^= 0x5a;
            let (got, damage) = offsets(&d, None);
            // Replay and stats must survive it too.
            let log = Log::from_bytes("f", d.clone(), None);
            let _ = replay(
                events(&log, ReadOptions::default()),
                ReplayOptions::default(),
            );
            let _ = stats(events(
                &log,
                ReadOptions {
                    apply_bad_crc: true,
                    ..ReadOptions::salvage()
                },
            ));
            if damage == 0 {
                undetected += 1;
                assert_eq!(
                    got.len(),
                    all.len(),
                    "{name} flip at {i}: records lost without a report"
                );
            }
        }
        // Only bytes outside the checksummed range (Kafka: base offset, length, leader epoch, magic/crc fields) can go unnoticed.
        assert!(
            undetected < data.len() / 5,
            "{name}: {undetected} of {} flips unnoticed",
            data.len()
        );
    }
}

#[test]
fn garbage_and_forced_format_mismatch() {
    let (got, damage) = offsets(b"\x7e\xca\x02\x00\xff\xff\xff\xff\x00\x00\x00\x00", None);
    assert!(got.is_empty() && damage > 0);
    let (got, damage) = offsets(&fixture("chronik-basic.wal"), Some(LogFormat::Kafka));
    assert!(got.is_empty() && damage > 0);
    let (got, damage) = offsets(&fixture("offsets-basic.log"), Some(LogFormat::Chronik));
    assert!(got.is_empty() && damage > 0);
    let (got, damage) = offsets(&[0u8; 4096], None);
    assert!(
        got.is_empty(),
        "zero padding at the end of a preallocated segment is not a record"
    );
    assert_eq!(damage, 0, "and not damage either");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_damage_never_panics(
        which in 0usize..2,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in any::<prop::sample::Index>(),
        junk in proptest::collection::vec(any::<u8>(), 0..64),
        junk_at in any::<prop::sample::Index>(),
        opts in (any::<bool>(), any::<bool>(), any::<bool>()),
    ) {
        let mut d = fixture(["offsets-basic.log", "chronik-basic.wal"][which]);
        for (i, b) in flips {
            let i = i.index(d.len());
            d[i] ^= b;
        }
        let at = junk_at.index(d.len());
        d.splice(at..at, junk);
        d.truncate(cut.index(d.len() + 1));
        let log = Log::from_bytes("f", d, None);
        let recovery = if opts.2 { Recovery::Broker } else { Recovery::Salvage };
        let opts = ReadOptions { recovery, apply_bad_crc: opts.0, stop_at_first_error: opts.1 };
        let st = replay(events(&log, opts), ReplayOptions::default());
        prop_assert!(st.records <= 64);
        let _ = stats(events(&log, opts));
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048), chronik in any::<bool>()) {
        let mut data = data;
        if chronik && data.len() >= 2 {
            data[0] = 0x7e;
            data[1] = 0xca;
        }
        let log = Log::from_bytes("f", data, None);
        let _ = replay(events(&log, ReadOptions::default()), ReplayOptions::default());
        let _ = replay(events(&log, ReadOptions::salvage()), ReplayOptions::default());
    }
}
