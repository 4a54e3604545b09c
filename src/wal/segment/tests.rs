use super::scan::plausible;
use super::*;
use crate::wal::build::{self, BatchOpts, SegmentBuilder};

fn read(data: Vec<u8>) -> Vec<SegmentItem> {
    SegmentReader::new(Window::from_bytes(Bytes::from(data)), "f".into(), false)
        .map(|r| r.unwrap())
        .collect()
}

fn offsets(items: &[SegmentItem]) -> Vec<i64> {
    items
        .iter()
        .filter_map(|i| match i {
            SegmentItem::Batch(b) => Some(b.records.iter().map(|r| r.offset).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn damages(items: &[SegmentItem]) -> Vec<(DamageKind, u64, Option<u64>)> {
    items
        .iter()
        .filter_map(|i| match i {
            SegmentItem::Damage(d) => Some((d.kind, d.byte_offset, d.skipped_bytes)),
            _ => None,
        })
        .collect()
}

/// Five one-record batches; returns the bytes and where each batch starts.
fn five() -> (Vec<u8>, Vec<usize>) {
    let mut seg = SegmentBuilder::new();
    let mut starts = Vec::new();
    for i in 0..5 {
        starts.push(seg.len());
        seg.batch(
            &[(
                build::offset_key("g", "t", 0),
                Some(build::offset_value(i, 0, "", 0)),
            )],
            BatchOpts::default(),
        );
    }
    (seg.finish(), starts)
}

#[test]
fn a_flipped_length_bit_loses_only_that_batch() {
    let (mut data, starts) = five();
    data[starts[1] + 11] ^= 0x01;
    let items = read(data);
    assert_eq!(offsets(&items), vec![0, 2, 3, 4]);
    let size = (starts[2] - starts[1]) as u64;
    assert_eq!(
        damages(&items),
        vec![(DamageKind::BadCrc, starts[1] as u64, Some(size))]
    );
}

#[test]
fn a_length_pointing_past_the_end_is_not_a_torn_tail_when_batches_follow() {
    let (mut data, starts) = five();
    data[starts[1] + 8] = 0x7f;
    let items = read(data);
    assert_eq!(offsets(&items), vec![0, 2, 3, 4]);
    let d = damages(&items);
    assert_eq!(
        (d[0].0, d[0].2),
        (DamageKind::BadLength, Some((starts[2] - starts[1]) as u64))
    );
}

#[test]
fn garbage_inserted_before_a_batch_loses_nothing() {
    let (data, starts) = five();
    let mut g = data[..starts[2]].to_vec();
    g.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
    g.extend_from_slice(&data[starts[2]..]);
    let items = read(g);
    assert_eq!(offsets(&items), vec![0, 1, 2, 3, 4]);
    assert_eq!(
        damages(&items),
        vec![(DamageKind::BadLength, starts[2] as u64, Some(4))]
    );
}

#[test]
fn torn_tail_and_zero_padding() {
    let (data, starts) = five();
    let items = read(data[..starts[4] + 30].to_vec());
    assert_eq!(offsets(&items), vec![0, 1, 2, 3]);
    assert_eq!(
        damages(&items),
        vec![(DamageKind::TornTail, starts[4] as u64, Some(30))]
    );
    let mut padded = data.clone();
    padded.extend(vec![0u8; 100_000]);
    let items = read(padded);
    assert_eq!((offsets(&items).len(), damages(&items).len()), (5, 0));
    // Zeros, then something again: damage, and the batch after the zeros is read.
    let mut z = data[..starts[1]].to_vec();
    z.extend(vec![0u8; 1000]);
    z.extend_from_slice(&data[starts[1]..]);
    let items = read(z);
    assert_eq!(offsets(&items), vec![0, 1, 2, 3, 4]);
    assert_eq!(
        damages(&items),
        vec![(DamageKind::BadLength, starts[1] as u64, Some(1000))]
    );
}

#[test]
fn random_bytes_are_scanned_in_linear_time() {
    let mut data = vec![0u8; 8 << 20];
    let mut x = 0x2545F4914F6CDD1Du64;
    for b in &mut data {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let (good, _) = five();
    data.extend_from_slice(&good);
    let t = std::time::Instant::now();
    let items = read(data);
    assert_eq!(offsets(&items), vec![0, 1, 2, 3, 4]);
    // Generous even for a debug build on a loaded machine; release is ~50x faster.
    assert!(t.elapsed().as_secs_f64() < 20.0, "{:?}", t.elapsed());
}

#[test]
fn plausible_rejects_what_kafka_never_writes() {
    let (data, starts) = five();
    let h = &data[starts[1]..];
    assert!(plausible(h, 0, data.len() as u64));
    let mut bad = h[..HEADER].to_vec();
    bad[21] = 0x80; // attribute bit 15
    assert!(!plausible(&bad, 0, data.len() as u64));
    let mut bad = h[..HEADER].to_vec();
    bad[57..61].copy_from_slice(&5i32.to_be_bytes()); // 5 records, last offset delta 0
    assert!(!plausible(&bad, 0, data.len() as u64));
    assert!(
        !plausible(h, data.len() as u64 - 10, data.len() as u64),
        "runs past the end"
    );
}
