use super::*;
use crate::wal::build::{chronik_record as v2, chronik_record_v1 as v1};

fn read_mode(data: Vec<u8>, mode: ChronikMode) -> Vec<ChronikItem> {
    ChronikReader::new(Window::from_bytes(Bytes::from(data)), "w".into(), mode)
        .map(|r| r.unwrap())
        .collect()
}

fn read(data: Vec<u8>) -> Vec<ChronikItem> {
    read_mode(
        data,
        ChronikMode::Salvage {
            apply_bad_crc: false,
        },
    )
}

fn offsets(items: &[ChronikItem]) -> Vec<i64> {
    items
        .iter()
        .filter_map(|i| match i {
            ChronikItem::Record(r) => Some(r.offset),
            _ => None,
        })
        .collect()
}

const EV: &[u8] =
    br#"{"timestamp":"2025-01-15T10:00:00.123Z","payload":{"type":"TopicDeleted","name":"t"}}"#;

#[test]
fn reads_v2_v1_and_legacy_payloads() {
    let mut data = v2(0, EV);
    data.extend(v1(1, 42, EV));
    data.extend(v2(2, b"\x01\x02bincode"));
    let items = read(data);
    assert_eq!(items.len(), 3);
    match &items[0] {
        ChronikItem::Record(r) => {
            assert_eq!(
                (r.version, r.offset, r.timestamp),
                (2, 0, Some(1736935200123))
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&items[1], ChronikItem::Record(r) if r.version == 1 && r.offset == 1));
    assert!(matches!(
        &items[2],
        ChronikItem::Record(ChronikRecord {
            payload: Payload::Legacy(_),
            ..
        })
    ));
}

#[test]
fn bad_crc_is_skipped_and_reading_goes_on() {
    let mut a = v2(0, EV);
    let n = a.len();
    a[n - 30] ^= 0xff;
    a.extend(v2(1, EV));
    let items = read(a);
    assert!(
        matches!(&items[0], ChronikItem::Damage(d) if d.kind == DamageKind::BadCrc && d.byte_offset == 0 && d.skipped_bytes == Some(n as u64))
    );
    assert_eq!(offsets(&items), vec![1]);
}

#[test]
fn garbage_between_records_resyncs() {
    let mut a = v2(0, EV);
    let first = a.len();
    a.extend_from_slice(b"garbage garbage");
    a.extend(v2(1, EV));
    let items = read(a);
    assert_eq!(items.len(), 3);
    match &items[1] {
        ChronikItem::Damage(d) => {
            assert_eq!(
                (d.kind, d.byte_offset, d.skipped_bytes),
                (DamageKind::BadMagic, first as u64, Some(15))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(offsets(&items), vec![0, 1]);
}

#[test]
fn torn_tail_keeps_what_came_before() {
    let mut a = v2(0, EV);
    let first = a.len();
    let b = v2(1, EV);
    a.extend_from_slice(&b[..b.len() / 2]);
    let items = read(a);
    assert!(matches!(&items[0], ChronikItem::Record(_)));
    assert!(
        matches!(&items[1], ChronikItem::Damage(d) if d.kind == DamageKind::TornTail && d.byte_offset == first as u64)
    );
}

#[test]
fn a_header_cut_after_8_to_11_bytes_is_a_torn_tail() {
    for cut in 0..12 {
        let mut a = v2(0, EV);
        let mut hdr = vec![0x7E, 0xCA, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        hdr.truncate(cut);
        a.extend_from_slice(&hdr);
        for mode in [
            ChronikMode::Loader,
            ChronikMode::Salvage {
                apply_bad_crc: true,
            },
        ] {
            let items = read_mode(a.clone(), mode);
            assert_eq!(offsets(&items), vec![0], "cut {cut}");
            assert_eq!(
                items.len(),
                if cut == 0 { 1 } else { 2 },
                "cut {cut} {mode:?}"
            );
        }
    }
}

#[test]
fn loader_applies_bad_checksums_and_stops_at_v1_or_garbage() {
    let mut a = v2(0, EV);
    let n = a.len();
    a[n - 30] ^= 0xff; // payload byte: CRC fails, fields fine
    a.extend(v2(1, EV));
    let v1_at = a.len();
    a.extend(v1(2, 42, EV));
    a.extend(v2(3, EV));
    let items = read_mode(a, ChronikMode::Loader);
    assert_eq!(offsets(&items), vec![0, 1]);
    let effects: Vec<(DamageKind, Effect, u64)> = items
        .iter()
        .filter_map(|i| match i {
            ChronikItem::Damage(d) => Some((d.kind, d.effect, d.byte_offset)),
            _ => None,
        })
        .collect();
    assert_eq!(
        effects,
        vec![
            (DamageKind::BadCrc, Effect::Applied, 0),
            (DamageKind::BadVersion, Effect::StopsFile, v1_at as u64)
        ]
    );
}

#[test]
fn loader_reads_by_the_fields_not_the_length() {
    let mut a = v2(0, EV);
    a[4] ^= 0x01; // length off by one: Chronik does not care
    a.extend(v2(1, EV));
    let items = read_mode(a.clone(), ChronikMode::Loader);
    assert_eq!(offsets(&items), vec![0, 1]);
    // Salvage trusts neither: the damaged record is skipped.
    assert_eq!(offsets(&read(a)), vec![1]);
}
