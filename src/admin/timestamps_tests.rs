//! Batches encoded by kafka-protocol (as brokers write them), then cut,
//! patched and mixed the ways a Fetch answer can hold them.

use super::*;
use kafka_protocol::records::{
    Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType as WireType,
};
use proptest::prelude::*;

fn record(offset: i64, timestamp: i64) -> Record {
    Record {
        transactional: false,
        control: false,
        delete_horizon: false,
        partition_leader_epoch: 0,
        producer_id: -1,
        producer_epoch: -1,
        timestamp_type: WireType::Creation,
        offset,
        // The encoder starts a new batch where offset - sequence changes.
        sequence: offset as i32,
        timestamp,
        key: None,
        value: Some(bytes::Bytes::from(vec![b'v'; 40])),
        headers: Default::default(),
    }
}

/// One batch of records at `offsets`, timestamp 1000 + 10 * offset.
fn batch(offsets: std::ops::RangeInclusive<i64>, compression: Compression) -> Vec<u8> {
    batch_of(offsets.map(|o| record(o, ts(o))).collect(), compression)
}

fn batch_of(records: Vec<Record>, compression: Compression) -> Vec<u8> {
    let mut buf = bytes::BytesMut::new();
    let options = RecordEncodeOptions {
        version: 2,
        compression,
    };
    RecordBatchEncoder::encode(&mut buf, records.iter(), &options).unwrap();
    buf.to_vec()
}

fn ts(offset: i64) -> i64 {
    1000 + 10 * offset
}

fn found(offset: i64, timestamp: i64, kind: TimestampType, exact: bool) -> NextRecord {
    NextRecord::Found {
        offset,
        timestamp,
        kind,
        exact,
    }
}

fn create(offset: i64) -> NextRecord {
    found(offset, ts(offset), TimestampType::CreateTime, true)
}

#[test]
fn the_record_at_the_offset_in_a_plain_batch() {
    let b = batch(10..=14, Compression::None);
    assert_eq!(scan(&b, 12, &[]), create(12));
    assert_eq!(scan(&b, 10, &[]), create(10));
    assert_eq!(scan(&b, 14, &[]), create(14));
    // A fetch returns whole batches: the first record at or after the offset counts.
    assert_eq!(scan(&b, 3, &[]), create(10));
    assert_eq!(scan(&b, 15, &[]), NextRecord::NotReturned);
    assert_eq!(scan(&[], 15, &[]), NextRecord::NotReturned);
}

#[test]
fn later_batches_are_searched() {
    let mut b = batch(10..=14, Compression::None);
    b.extend(batch(15..=19, Compression::None));
    assert_eq!(scan(&b, 17, &[]), create(17));
    assert_eq!(scan(&b, 15, &[]), create(15));
}

#[test]
fn compressed_batches_with_every_codec() {
    for c in [
        Compression::Gzip,
        Compression::Snappy,
        Compression::Lz4,
        Compression::Zstd,
    ] {
        let b = batch(10..=14, c);
        assert_eq!(scan(&b, 13, &[]), create(13), "{c:?}");
    }
}

#[test]
fn a_batch_cut_short_still_answers_for_what_it_holds() {
    let b = batch(10..=14, Compression::None);
    // The header and the first records survive a cut in the middle.
    let cut = &b[..b.len() - 60];
    assert_eq!(scan(cut, 12, &[]), create(12));
    // Past the cut: the batch's first timestamp, flagged as not exact.
    let head = &b[..HEADER_V2 + 3];
    assert_eq!(scan(head, 10, &[]), create(10));
    assert_eq!(
        scan(head, 13, &[]),
        found(13, ts(10), TimestampType::CreateTime, false)
    );
    // Less than a header: nothing to read.
    assert_eq!(scan(&b[..40], 10, &[]), NextRecord::NotReturned);
}

#[test]
fn a_compressed_batch_cut_short_gives_its_first_timestamp() {
    let b = batch(10..=14, Compression::Gzip);
    let cut = &b[..b.len() - 5];
    assert_eq!(scan(cut, 10, &[]), create(10));
    assert_eq!(
        scan(cut, 12, &[]),
        found(12, ts(10), TimestampType::CreateTime, false)
    );
}

#[test]
fn log_append_time_is_the_batch_max_timestamp_for_every_record() {
    let mut b = batch(10..=14, Compression::Lz4);
    let attrs = i16::from_be_bytes([b[21], b[22]]) | LOG_APPEND_TIME;
    b[21..23].copy_from_slice(&attrs.to_be_bytes());
    b[35..43].copy_from_slice(&777_000i64.to_be_bytes());
    for offset in [10, 12, 14] {
        assert_eq!(
            scan(&b, offset, &[]),
            found(offset, 777_000, TimestampType::LogAppendTime, true)
        );
    }
    // Even with only the header in the answer.
    assert_eq!(
        scan(&b[..HEADER_V2], 11, &[]),
        found(11, 777_000, TimestampType::LogAppendTime, true)
    );
}

#[test]
fn aborted_transactions_and_markers_are_skipped() {
    let txn = |o: i64| Record {
        transactional: true,
        producer_id: 7,
        producer_epoch: 0,
        ..record(o, ts(o))
    };
    let mut marker = txn(12);
    marker.control = true;
    let mut b = batch_of(vec![txn(10), txn(11)], Compression::None);
    b.extend(batch_of(vec![marker], Compression::None));
    b.extend(batch(13..=14, Compression::None));
    // Aborted: a read_committed consumer's next record is 13.
    assert_eq!(scan(&b, 10, &[(7, 10)]), create(13));
    // Committed: the transaction's records are consumed.
    assert_eq!(scan(&b, 10, &[]), create(10));
    // A marker is never a record to consume.
    assert_eq!(scan(&b, 12, &[]), create(13));
    // Another producer's abort does not hide producer 7's records.
    assert_eq!(scan(&b, 10, &[(8, 10)]), create(10));
}

#[test]
fn records_compacted_away_move_on_to_the_next_batch() {
    // The cleaner keeps a batch's last offset delta when it drops its last records.
    let mut b = batch(10..=11, Compression::None);
    b[23..27].copy_from_slice(&4i32.to_be_bytes());
    b.extend(batch(15..=16, Compression::None));
    assert_eq!(scan(&b, 13, &[]), create(15));
    assert_eq!(scan(&b, 11, &[]), create(11));
}

/// A v0/v1 message: offset, size, crc, magic, attributes, [timestamp], key, value.
fn legacy_message(offset: i64, magic: u8, attrs: u8, timestamp: i64) -> Vec<u8> {
    let mut body = vec![0, 0, 0, 0, magic, attrs];
    if magic == 1 {
        body.extend(timestamp.to_be_bytes());
    }
    body.extend((-1i32).to_be_bytes());
    body.extend(1i32.to_be_bytes());
    body.push(b'v');
    let mut m = offset.to_be_bytes().to_vec();
    m.extend((body.len() as i32).to_be_bytes());
    m.extend(body);
    m
}

#[test]
fn old_message_formats() {
    let mut b = legacy_message(4, 1, 0, 5_000);
    b.extend(legacy_message(5, 1, 0x08, 6_000));
    assert_eq!(
        scan(&b, 4, &[]),
        found(4, 5_000, TimestampType::CreateTime, true)
    );
    assert_eq!(
        scan(&b, 5, &[]),
        found(5, 6_000, TimestampType::LogAppendTime, true)
    );
    // A compressed wrapper carries the newest inner CreateTime only.
    assert_eq!(
        scan(&legacy_message(9, 1, 0x01, 7_000), 8, &[]),
        found(8, 7_000, TimestampType::CreateTime, false)
    );
    assert_eq!(
        scan(&legacy_message(4, 0, 0, 0), 4, &[]),
        NextRecord::NoTimestamp
    );
}

#[test]
fn zigzag_varints() {
    assert_eq!(varint(&[0x00], 0), Some((0, 1)));
    assert_eq!(varint(&[0x01], 0), Some((-1, 1)));
    assert_eq!(varint(&[0x02], 0), Some((1, 1)));
    assert_eq!(varint(&[0xac, 0x02], 0), Some((150, 2)));
    assert_eq!(varint(&[0x80], 0), None);
    assert_eq!(varint(&[0xff; 11], 0), None);
}

proptest! {
    #[test]
    fn never_panics_on_damaged_answers(
        cut in 0usize..400,
        flips in proptest::collection::vec((0usize..400, any::<u8>()), 0..6),
        offset in 0i64..30,
    ) {
        let mut b = batch(10..=14, Compression::None);
        b.extend(batch(15..=17, Compression::Gzip));
        for (at, byte) in flips {
            if let Some(x) = b.get_mut(at) {
                *x = byte;
            }
        }
        b.truncate(cut.min(b.len()));
        let _ = scan(&b, offset, &[(1, 0)]);
    }

    #[test]
    fn every_offset_of_intact_batches_is_found(offset in 0i64..=19) {
        let mut b = batch(5..=9, Compression::None);
        b.extend(batch(10..=19, Compression::Snappy));
        prop_assert_eq!(scan(&b, offset, &[]), create(offset.max(5)));
    }
}
