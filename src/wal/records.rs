//! The inside of a record batch v2 (magic 2), read in place: the 61-byte
//! header and the records, whose keys and values stay where they are (a
//! span into the batch's record bytes). Every count and length is checked
//! against the bytes left before it is used, and the checks are Kafka's own
//! (`DefaultRecord.readFrom`, `DefaultRecordBatch`): a record must use exactly
//! the bytes it declares, a batch exactly its record count.

use crate::model::cursor::{Cursor, Short};

/// Bytes of a v2 batch header, up to and including the record count.
pub const HEADER: usize = 61;
/// The smallest record: length, attributes, timestamp and offset deltas, key
/// and value lengths, header count — one byte each.
const MIN_RECORD: usize = 7;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error(transparent)]
    Short(#[from] Short),
    #[error("{0}")]
    Invalid(String),
}

fn invalid<T>(msg: String) -> Result<T, RecordError> {
    Err(RecordError::Invalid(msg))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchHeader {
    pub base_offset: i64,
    pub batch_length: i32,
    pub leader_epoch: i32,
    pub magic: i8,
    pub crc: u32,
    pub attributes: i16,
    pub last_offset_delta: i32,
    pub base_timestamp: i64,
    pub max_timestamp: i64,
    pub producer_id: i64,
    pub producer_epoch: i16,
    pub base_sequence: i32,
    pub record_count: i32,
}

impl BatchHeader {
    pub fn parse(b: &[u8]) -> Result<BatchHeader, Short> {
        let mut c = Cursor::new(b);
        Ok(BatchHeader {
            base_offset: c.i64("base offset")?,
            batch_length: c.i32("batch length")?,
            leader_epoch: c.i32("partition leader epoch")?,
            magic: c.i8("magic")?,
            crc: c.u32("crc")?,
            attributes: c.i16("attributes")?,
            last_offset_delta: c.i32("last offset delta")?,
            base_timestamp: c.i64("base timestamp")?,
            max_timestamp: c.i64("max timestamp")?,
            producer_id: c.i64("producer id")?,
            producer_epoch: c.i16("producer epoch")?,
            base_sequence: c.i32("base sequence")?,
            record_count: c.i32("record count")?,
        })
    }

    /// Bits 0-2 of the attributes.
    pub fn codec_id(&self) -> i16 {
        self.attributes & 7
    }

    /// Bit 3: the broker stamped the write time; every record then reads as `max_timestamp`.
    pub fn log_append_time(&self) -> bool {
        self.attributes & 0x08 != 0
    }

    pub fn transactional(&self) -> bool {
        self.attributes & 0x10 != 0
    }

    pub fn control(&self) -> bool {
        self.attributes & 0x20 != 0
    }

    pub fn last_offset(&self) -> i64 {
        self.base_offset.wrapping_add(self.last_offset_delta as i64)
    }
}

/// Where a key or value lies in the record bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    pub fn of<'a>(&self, body: &'a [u8]) -> &'a [u8] {
        body.get(self.start as usize..(self.start as usize).saturating_add(self.len as usize))
            .unwrap_or_default()
    }
}

/// One record: its offset, its timestamp as Kafka reads it, key and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSpan {
    pub offset: i64,
    pub timestamp: i64,
    pub key: Option<Span>,
    pub value: Option<Span>,
}

fn nullable(c: &mut Cursor, what: &'static str, base: usize) -> Result<Option<Span>, RecordError> {
    let n = c.varint(what)?;
    if n < -1 {
        return invalid(format!("{what} length {n}"));
    }
    if n == -1 {
        return Ok(None);
    }
    let start = base + c.pos();
    c.take(n as usize, what)?;
    Ok(Some(Span {
        start: start as u32,
        len: n as u32,
    }))
}

/// Read the `h.record_count` records of `body` (the record bytes, decompressed)
/// into `out`. All or nothing: on error `out` holds what was read before.
pub fn read(body: &[u8], h: &BatchHeader, out: &mut Vec<RecordSpan>) -> Result<(), RecordError> {
    if h.record_count < 0 {
        return invalid(format!("negative record count {}", h.record_count));
    }
    let count = h.record_count as usize;
    if count.saturating_mul(MIN_RECORD) > body.len() {
        return invalid(format!(
            "{count} records cannot fit in {} bytes",
            body.len()
        ));
    }
    if body.len() > u32::MAX as usize {
        return invalid(format!("{} bytes of records", body.len()));
    }
    out.reserve(count);
    let log_append = h.log_append_time().then_some(h.max_timestamp);
    let mut c = Cursor::new(body);
    for _ in 0..count {
        let size = c.varint("record length")?;
        if size < 0 {
            return invalid(format!("record length {size}"));
        }
        let start = c.pos();
        let mut r = Cursor::new(c.take(size as usize, "record")?);
        let _attributes = r.i8("record attributes")?;
        let ts_delta = r.varlong("timestamp delta")?;
        let offset_delta = r.varint("offset delta")?;
        let key = nullable(&mut r, "key", start)?;
        let value = nullable(&mut r, "value", start)?;
        let headers = r.varint("header count")?;
        // A header takes at least two bytes (key and value lengths).
        if headers < 0 || headers as usize > r.remaining() / 2 {
            return invalid(format!(
                "header count {headers} in a record with {} bytes left",
                r.remaining()
            ));
        }
        for _ in 0..headers {
            let n = r.varint("header key length")?;
            if n < 0 {
                return invalid(format!("header key length {n}"));
            }
            r.take(n as usize, "header key")?;
            nullable(&mut r, "header value", 0)?;
        }
        if !r.is_empty() {
            return invalid(format!(
                "record declares {size} bytes but uses {}",
                size as usize - r.remaining()
            ));
        }
        out.push(RecordSpan {
            offset: h.base_offset.wrapping_add(offset_delta as i64),
            timestamp: log_append.unwrap_or(h.base_timestamp.wrapping_add(ts_delta)),
            key,
            value,
        });
    }
    if !c.is_empty() {
        return invalid(format!(
            "{} bytes left after the batch's {count} records",
            c.remaining()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::{BufMut, Bytes, BytesMut};
    use kafka_protocol::protocol::StrBytes;
    use kafka_protocol::records::{
        Compression, Record, RecordBatchDecoder, RecordBatchEncoder, RecordEncodeOptions,
        TimestampType,
    };
    use proptest::prelude::*;

    /// Offset, timestamp, key, value.
    type Rec = (i64, i64, Option<Vec<u8>>, Option<Vec<u8>>);

    fn decode_ours(batch: &[u8]) -> Result<(BatchHeader, Vec<Rec>), String> {
        let h = BatchHeader::parse(batch).map_err(|e| e.to_string())?;
        let codec = crate::wal::compress::Codec::from_attributes(h.attributes).ok_or("codec")?;
        let raw = &batch[HEADER..];
        let body = crate::wal::compress::decompress(codec, raw)?;
        let mut out = Vec::new();
        read(&body, &h, &mut out).map_err(|e| e.to_string())?;
        Ok((
            h,
            out.iter()
                .map(|r| {
                    (
                        r.offset,
                        r.timestamp,
                        r.key.map(|s| s.of(&body).to_vec()),
                        r.value.map(|s| s.of(&body).to_vec()),
                    )
                })
                .collect(),
        ))
    }

    fn encode(records: &[Record], compression: Compression) -> Vec<u8> {
        let mut buf = BytesMut::new();
        RecordBatchEncoder::encode(
            &mut buf,
            records.iter(),
            &RecordEncodeOptions {
                version: 2,
                compression,
            },
        )
        .unwrap();
        buf.to_vec()
    }

    fn record(
        offset: i64,
        ts: i64,
        key: Option<Vec<u8>>,
        value: Option<Vec<u8>>,
        headers: usize,
    ) -> Record {
        let mut h = kafka_protocol::indexmap::IndexMap::new();
        for i in 0..headers {
            h.insert(
                StrBytes::from_string(format!("h{i}")),
                (i % 2 == 0).then(|| Bytes::from(vec![i as u8; i])),
            );
        }
        Record {
            transactional: false,
            control: false,
            delete_horizon: false,
            partition_leader_epoch: 3,
            producer_id: -1,
            producer_epoch: -1,
            timestamp_type: TimestampType::Creation,
            offset,
            sequence: offset as i32,
            timestamp: ts,
            key: key.map(Bytes::from),
            value: value.map(Bytes::from),
            headers: h,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// On every batch kafka-protocol writes, our reader and kafka-protocol's
        /// `RecordBatchDecoder` see the same offsets, timestamps, keys and values.
        #[test]
        fn agrees_with_kafka_protocol(
            base in 0i64..1_000_000,
            ts in 0i64..2_000_000_000_000,
            recs in proptest::collection::vec((
                proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40)),
                proptest::option::of(proptest::collection::vec(any::<u8>(), 0..200)),
                0usize..3,
                0i64..10_000,
            ), 1..20),
            codec in 0usize..5,
        ) {
            let compression = [Compression::None, Compression::Gzip, Compression::Snappy, Compression::Lz4, Compression::Zstd][codec];
            let records: Vec<Record> = recs.iter().enumerate()
                .map(|(i, (k, v, h, dt))| record(base + i as i64, ts + dt, k.clone(), v.clone(), *h))
                .collect();
            let bytes = encode(&records, compression);
            let theirs = RecordBatchDecoder::decode(&mut Bytes::from(bytes.clone())).unwrap();
            let (h, ours) = decode_ours(&bytes).unwrap();
            prop_assert_eq!(h.record_count as usize, theirs.records.len());
            prop_assert_eq!(ours.len(), theirs.records.len());
            for (o, t) in ours.iter().zip(&theirs.records) {
                prop_assert_eq!(o.0, t.offset);
                prop_assert_eq!(o.1, t.timestamp);
                prop_assert_eq!(o.2.as_deref(), t.key.as_deref());
                prop_assert_eq!(o.3.as_deref(), t.value.as_deref());
            }
        }

        /// Damaged record bytes: an error or records, never a panic, and never
        /// more records than the batch declares.
        #[test]
        fn damaged_records_never_panic(
            body in proptest::collection::vec(any::<u8>(), 0..300),
            count in -2i32..100,
        ) {
            let mut h = BatchHeader::parse(&[0u8; HEADER]).unwrap();
            h.record_count = count;
            let mut out = Vec::new();
            if read(&body, &h, &mut out).is_ok() {
                prop_assert_eq!(out.len(), count as usize);
            }
            prop_assert!(out.len() <= count.max(0) as usize);
        }
    }

    #[test]
    fn log_append_time_gives_every_record_the_batch_max_timestamp() {
        let recs = [
            record(0, 1_000, Some(b"k".to_vec()), None, 0),
            record(1, 1_005, None, Some(b"v".to_vec()), 0),
        ];
        let mut bytes = encode(&recs, Compression::None);
        // Set the timestamp-type bit and a broker time, as the broker does (CRC recomputed).
        bytes[22] |= 0x08;
        bytes[35..43].copy_from_slice(&2_000i64.to_be_bytes());
        let crc = crc32c::crc32c(&bytes[21..]);
        bytes[17..21].copy_from_slice(&crc.to_be_bytes());
        let (h, ours) = decode_ours(&bytes).unwrap();
        assert!(h.log_append_time());
        assert_eq!(
            ours.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![2_000, 2_000]
        );
    }

    #[test]
    fn a_header_count_of_two_billion_is_refused_without_allocating() {
        // One record: length, attrs, ts delta, offset delta, null key, null value, headers = i32::MAX.
        let mut rec = BytesMut::new();
        rec.put_slice(&[0, 0, 0, 0x01, 0x01]);
        rec.put_slice(&[0xfe, 0xff, 0xff, 0xff, 0x0f]);
        let mut body = vec![(rec.len() as u8) << 1];
        body.extend_from_slice(&rec);
        let mut h = BatchHeader::parse(&[0u8; HEADER]).unwrap();
        h.record_count = 1;
        let mut out = Vec::new();
        let err = read(&body, &h, &mut out).unwrap_err();
        assert!(err.to_string().contains("header count 2147483647"), "{err}");
        h.record_count = i32::MAX;
        assert!(read(&body, &h, &mut out)
            .unwrap_err()
            .to_string()
            .contains("cannot fit"));
    }

    #[test]
    fn a_record_must_use_exactly_its_declared_bytes() {
        let bytes = encode(
            &[record(0, 5, Some(b"k".to_vec()), Some(b"v".to_vec()), 0)],
            Compression::None,
        );
        let mut body = bytes[HEADER..].to_vec();
        // Declare one byte more, and supply it: Kafka refuses such a record.
        body[0] += 2;
        body.push(0);
        let mut h = BatchHeader::parse(&bytes).unwrap();
        h.record_count = 1;
        assert!(read(&body, &h, &mut Vec::new())
            .unwrap_err()
            .to_string()
            .contains("declares"));
        // Bytes after the declared records.
        let mut body = bytes[HEADER..].to_vec();
        body.push(0);
        assert!(read(&body, &h, &mut Vec::new())
            .unwrap_err()
            .to_string()
            .contains("left after"));
    }
}
