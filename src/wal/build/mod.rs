//! Writers of coordinator logs with known content, for tests, examples,
//! benchmarks and fuzz seeds. Record batches (any codec, transactional,
//! control) are encoded by kafka-protocol; the consumer protocol
//! subscription/assignment too. Coordinator keys and values, which
//! kafka-protocol does not have, are written here from Kafka's schemas.

use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::messages::consumer_protocol_assignment::TopicPartition as AsgTopic;
use kafka_protocol::messages::{
    ConsumerProtocolAssignment, ConsumerProtocolSubscription, TopicName,
};
use kafka_protocol::protocol::{Encodable, StrBytes};
use kafka_protocol::records::{
    Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
};

mod kip848;
pub use kip848::*;

fn str16(b: &mut BytesMut, s: &str) {
    b.put_i16(s.len() as i16);
    b.put_slice(s.as_bytes());
}

fn nullable16(b: &mut BytesMut, s: Option<&str>) {
    match s {
        Some(s) => str16(b, s),
        None => b.put_i16(-1),
    }
}

fn bytes32(b: &mut BytesMut, v: &[u8]) {
    b.put_i32(v.len() as i32);
    b.put_slice(v);
}

pub(crate) fn uvarint(b: &mut BytesMut, mut v: u64) {
    while v >= 0x80 {
        b.put_u8((v as u8) | 0x80);
        v >>= 7;
    }
    b.put_u8(v as u8);
}

pub(crate) fn compact_str(b: &mut BytesMut, s: Option<&str>) {
    match s {
        Some(s) => {
            uvarint(b, s.len() as u64 + 1);
            b.put_slice(s.as_bytes());
        }
        None => uvarint(b, 0),
    }
}

pub(crate) fn compact_array_len(b: &mut BytesMut, n: usize) {
    uvarint(b, n as u64 + 1);
}

/// Key of an offset commit (type 1).
pub fn offset_key(group: &str, topic: &str, partition: i32) -> Bytes {
    let mut b = BytesMut::with_capacity(8 + group.len() + topic.len());
    b.put_i16(1);
    str16(&mut b, group);
    str16(&mut b, topic);
    b.put_i32(partition);
    b.freeze()
}

/// OffsetCommitValue v3: offset, leader epoch, metadata, commit time.
pub fn offset_value(offset: i64, leader_epoch: i32, metadata: &str, commit_ts: i64) -> Bytes {
    let mut b = BytesMut::with_capacity(24 + metadata.len());
    b.put_i16(3);
    b.put_i64(offset);
    b.put_i32(leader_epoch);
    str16(&mut b, metadata);
    b.put_i64(commit_ts);
    b.freeze()
}

/// OffsetCommitValue v1 (with an expire timestamp).
pub fn offset_value_v1(offset: i64, metadata: &str, commit_ts: i64, expire_ts: i64) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(1);
    b.put_i64(offset);
    str16(&mut b, metadata);
    b.put_i64(commit_ts);
    b.put_i64(expire_ts);
    b.freeze()
}

/// OffsetCommitValue v4 (flexible).
pub fn offset_value_v4(offset: i64, leader_epoch: i32, metadata: &str, commit_ts: i64) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(4);
    b.put_i64(offset);
    b.put_i32(leader_epoch);
    compact_str(&mut b, Some(metadata));
    b.put_i64(commit_ts);
    uvarint(&mut b, 0);
    b.freeze()
}

/// OffsetCommitValue v4 as Kafka 4.x writes it: with the topic id (tag 0).
pub fn offset_value_v4_topic_id(
    offset: i64,
    leader_epoch: i32,
    metadata: &str,
    commit_ts: i64,
    topic_id: [u8; 16],
) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(4);
    b.put_i64(offset);
    b.put_i32(leader_epoch);
    compact_str(&mut b, Some(metadata));
    b.put_i64(commit_ts);
    uvarint(&mut b, 1);
    uvarint(&mut b, 0);
    uvarint(&mut b, 16);
    b.put_slice(&topic_id);
    b.freeze()
}

/// Key of a group record (type 2 classic metadata, 3/6 KIP-848 group-level).
pub fn group_key(record_type: i16, group: &str) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(record_type);
    str16(&mut b, group);
    b.freeze()
}

/// Key of a KIP-848 member record (types 5, 7, 8).
pub fn member_key(record_type: i16, group: &str, member: &str) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(record_type);
    str16(&mut b, group);
    str16(&mut b, member);
    b.freeze()
}

/// A classic group member for [`group_value`].
pub struct MemberSpec<'a> {
    pub member_id: &'a str,
    pub instance_id: Option<&'a str>,
    pub client_id: &'a str,
    pub host: &'a str,
    pub topics: &'a [&'a str],
    pub assignment: &'a [(&'a str, &'a [i32])],
}

fn encoded<M: Encodable>(version: i16, m: &M) -> Vec<u8> {
    let mut b = BytesMut::new();
    b.put_i16(version);
    m.encode(&mut b, version)
        .expect("consumer protocol message encodes");
    b.to_vec()
}

pub fn subscription(topics: &[&str]) -> Vec<u8> {
    let s = ConsumerProtocolSubscription::default().with_topics(
        topics
            .iter()
            .map(|t| StrBytes::from_string(t.to_string()))
            .collect(),
    );
    encoded(0, &s)
}

pub fn assignment(parts: &[(&str, &[i32])]) -> Vec<u8> {
    let a = ConsumerProtocolAssignment::default().with_assigned_partitions(
        parts
            .iter()
            .map(|(t, ps)| {
                AsgTopic::default()
                    .with_topic(TopicName(StrBytes::from_string(t.to_string())))
                    .with_partitions(ps.to_vec())
            })
            .collect(),
    );
    encoded(0, &a)
}

/// GroupMetadataValue v3 of a classic consumer group.
pub fn group_value(
    generation: i32,
    protocol: &str,
    leader: Option<&str>,
    state_ts: i64,
    members: &[MemberSpec],
) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(3);
    str16(&mut b, "consumer");
    b.put_i32(generation);
    nullable16(&mut b, Some(protocol));
    nullable16(&mut b, leader);
    b.put_i64(state_ts);
    b.put_i32(members.len() as i32);
    for m in members {
        str16(&mut b, m.member_id);
        nullable16(&mut b, m.instance_id);
        str16(&mut b, m.client_id);
        str16(&mut b, m.host);
        b.put_i32(300_000);
        b.put_i32(45_000);
        bytes32(&mut b, &subscription(m.topics));
        bytes32(&mut b, &assignment(m.assignment));
    }
    b.freeze()
}

/// How a batch is written.
#[derive(Debug, Clone, Copy)]
pub struct BatchOpts {
    pub compression: Compression,
    /// Transactional producer (id, epoch).
    pub txn: Option<(i64, i16)>,
    pub timestamp: i64,
}

impl Default for BatchOpts {
    fn default() -> Self {
        BatchOpts {
            compression: Compression::None,
            txn: None,
            timestamp: 1_736_935_200_000,
        }
    }
}

/// A `__consumer_offsets` segment being written, offsets from 0.
#[derive(Default)]
pub struct SegmentBuilder {
    buf: BytesMut,
    pub next_offset: i64,
}

impl SegmentBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    fn write(&mut self, recs: Vec<Record>, compression: Compression) {
        let opts = RecordEncodeOptions {
            version: 2,
            compression,
        };
        RecordBatchEncoder::encode(&mut self.buf, recs.iter(), &opts).expect("batch encodes");
    }

    /// One batch of (key, value) records; `None` value = tombstone.
    pub fn batch(&mut self, records: &[(Bytes, Option<Bytes>)], o: BatchOpts) -> &mut Self {
        let recs: Vec<Record> = records
            .iter()
            .enumerate()
            .map(|(i, (k, v))| {
                let offset = self.next_offset + i as i64;
                Record {
                    transactional: o.txn.is_some(),
                    control: false,
                    delete_horizon: false,
                    partition_leader_epoch: 0,
                    producer_id: o.txn.map_or(-1, |t| t.0),
                    producer_epoch: o.txn.map_or(-1, |t| t.1),
                    timestamp_type: TimestampType::Creation,
                    offset,
                    // kafka-protocol starts a new batch when offset - sequence changes.
                    sequence: i as i32,
                    timestamp: o.timestamp + i as i64,
                    key: Some(k.clone()),
                    value: v.clone(),
                    headers: Default::default(),
                }
            })
            .collect();
        self.next_offset += records.len() as i64;
        self.write(recs, o.compression);
        self
    }

    /// A COMMIT or ABORT marker for a transactional producer.
    pub fn marker(
        &mut self,
        producer_id: i64,
        producer_epoch: i16,
        commit: bool,
        timestamp: i64,
    ) -> &mut Self {
        let mut key = BytesMut::new();
        key.put_i16(0);
        key.put_i16(i16::from(commit));
        let mut value = BytesMut::new();
        value.put_i16(0);
        value.put_i32(7);
        let rec = Record {
            transactional: true,
            control: true,
            delete_horizon: false,
            partition_leader_epoch: 0,
            producer_id,
            producer_epoch,
            timestamp_type: TimestampType::Creation,
            offset: self.next_offset,
            sequence: -1,
            timestamp,
            key: Some(key.freeze()),
            value: Some(value.freeze()),
            headers: Default::default(),
        };
        self.next_offset += 1;
        self.write(vec![rec], Compression::None);
        self
    }

    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Take what was written so far (for streaming large files out).
    pub fn take(&mut self) -> Bytes {
        self.buf.split().freeze()
    }

    pub fn finish(self) -> Vec<u8> {
        self.buf.to_vec()
    }
}

/// A Chronik V2 WAL record holding `event` (JSON), with sequence number `offset`.
pub fn chronik_record(offset: i64, event: &[u8]) -> Vec<u8> {
    let topic = b"__chronik_metadata";
    let mut body = BytesMut::new();
    body.put_u16_le(topic.len() as u16);
    body.put_slice(topic);
    body.put_i32_le(0);
    body.put_u32_le(event.len() as u32);
    body.put_slice(event);
    body.put_i64_le(offset);
    body.put_i64_le(offset);
    body.put_i32_le(1);
    let mut out = vec![0x7E, 0xCA, 2, 0];
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    let mut h = crc32fast::Hasher::new();
    h.update(&out);
    h.update(&body);
    out.extend_from_slice(&h.finalize().to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// A Chronik V1 WAL record (28-byte header) holding `value`.
pub fn chronik_record_v1(offset: i64, timestamp: i64, value: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&(-1i32).to_le_bytes());
    body.extend_from_slice(&(value.len() as i32).to_le_bytes());
    body.extend_from_slice(value);
    body.extend_from_slice(&0i32.to_le_bytes());
    let length = (28 + body.len()) as u32;
    let mut head = vec![0x7E, 0xCA, 1, 0];
    head.extend_from_slice(&length.to_le_bytes());
    head.extend_from_slice(&offset.to_le_bytes());
    head.extend_from_slice(&timestamp.to_le_bytes());
    let mut h = crc32fast::Hasher::new();
    h.update(&head);
    h.update(&body);
    head.extend_from_slice(&h.finalize().to_le_bytes());
    head.extend_from_slice(&body);
    head
}

fn varint(b: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        b.push((z as u8) | 0x80);
        z >>= 7;
    }
    b.push(z as u8);
}

/// One v2 record, written by hand so that its fields can lie (e.g. a header
/// count no record could hold): offset and timestamp deltas, key, value, and
/// a header count with no headers after it.
pub fn raw_record(
    offset_delta: i32,
    timestamp_delta: i64,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    header_count: i32,
) -> Vec<u8> {
    let mut body = vec![0u8]; // attributes
    varint(&mut body, timestamp_delta);
    varint(&mut body, offset_delta as i64);
    for field in [key, value] {
        match field {
            Some(f) => {
                varint(&mut body, f.len() as i64);
                body.extend_from_slice(f);
            }
            None => varint(&mut body, -1),
        }
    }
    varint(&mut body, header_count as i64);
    let mut rec = Vec::new();
    varint(&mut rec, body.len() as i64);
    rec.extend(body);
    rec
}

/// A v2 batch around records already encoded (uncompressed), with a valid CRC.
pub fn raw_batch(
    base_offset: i64,
    attributes: i16,
    timestamp: i64,
    records: &[Vec<u8>],
) -> Vec<u8> {
    raw_batch_times(base_offset, attributes, timestamp, timestamp, records)
}

/// The same with a base and a max timestamp (a broker stamping LogAppendTime
/// sets attribute bit 3 and the max timestamp to its own clock).
pub fn raw_batch_times(
    base_offset: i64,
    attributes: i16,
    base_timestamp: i64,
    max_timestamp: i64,
    records: &[Vec<u8>],
) -> Vec<u8> {
    let body: Vec<u8> = records.concat();
    let mut b = BytesMut::new();
    b.put_i64(base_offset);
    b.put_i32((49 + body.len()) as i32);
    b.put_i32(0); // partition leader epoch
    b.put_i8(2);
    b.put_u32(0); // CRC, below
    b.put_i16(attributes);
    b.put_i32(records.len().saturating_sub(1) as i32);
    b.put_i64(base_timestamp);
    b.put_i64(max_timestamp);
    b.put_i64(-1);
    b.put_i16(-1);
    b.put_i32(-1);
    b.put_i32(records.len() as i32);
    b.put_slice(&body);
    let crc = crc32c::crc32c(&b[21..]);
    b[17..21].copy_from_slice(&crc.to_be_bytes());
    b.to_vec()
}

/// A legacy (magic 0 or 1) log entry: offset, size, CRC-32, message.
pub fn legacy_entry(
    magic: i8,
    offset: i64,
    attributes: i8,
    timestamp: i64,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
) -> Vec<u8> {
    let mut m = BytesMut::new();
    m.put_i8(magic);
    m.put_i8(attributes);
    if magic >= 1 {
        m.put_i64(timestamp);
    }
    for field in [key, value] {
        match field {
            Some(f) => {
                m.put_i32(f.len() as i32);
                m.put_slice(f);
            }
            None => m.put_i32(-1),
        }
    }
    let mut e = BytesMut::new();
    e.put_i64(offset);
    e.put_i32((4 + m.len()) as i32);
    e.put_u32(crc32fast::hash(&m));
    e.put_slice(&m);
    e.to_vec()
}

/// A legacy compressed wrapper (gzip) around inner entries; magic 1 inner
/// offsets are relative and the wrapper carries the last absolute offset.
pub fn legacy_gzip_wrapper(
    magic: i8,
    offset: i64,
    attributes: i8,
    timestamp: i64,
    inner: &[Vec<u8>],
) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&inner.concat()).expect("in memory");
    let compressed = gz.finish().expect("in memory");
    legacy_entry(
        magic,
        offset,
        attributes | 1,
        timestamp,
        None,
        Some(&compressed),
    )
}
