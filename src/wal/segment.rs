//! Kafka log segments (`NNNNNNNNNNNNNNNNNNNN.log`): record batches (magic 2,
//! CRC-32C) and legacy message sets (magic 0/1, CRC-32). Batches are framed
//! and checked here, with exact byte positions for damage reports; the
//! records of a v2 batch are decoded by kafka-protocol with a bounded
//! decompressor. A corrupt header is skipped by scanning for the next batch
//! whose CRC checks out.

use super::compress::{self, Codec};
use super::cursor::Cursor;
use super::{Damage, DamageKind, ReadOptions};
use bytes::Bytes;
use kafka_protocol::records::{Compression, RecordBatchDecoder};

/// v2 batch header up to and including recordsCount.
const V2_HEADER: usize = 61;
/// Smallest legacy message: crc + magic + attributes + key len + value len.
const LEGACY_MIN: usize = 14;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchMeta {
    pub byte_pos: u64,
    pub byte_len: u64,
    pub base_offset: i64,
    pub last_offset: i64,
    pub magic: i8,
    pub codec: Codec,
    pub transactional: bool,
    pub control: bool,
    pub producer_id: i64,
    pub producer_epoch: i16,
    pub leader_epoch: i32,
    pub max_timestamp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    pub offset: i64,
    pub timestamp: i64,
    pub key: Option<Bytes>,
    pub value: Option<Bytes>,
}

#[derive(Debug)]
pub enum SegmentItem {
    Batch(BatchMeta, Vec<LogRecord>),
    Damage(Damage),
}

pub struct SegmentReader {
    data: Bytes,
    file: String,
    pos: usize,
    opts: ReadOptions,
    done: bool,
    queued: Option<SegmentItem>,
}

impl SegmentReader {
    pub fn new(data: Bytes, file: String, opts: ReadOptions) -> Self {
        SegmentReader {
            data,
            file,
            pos: 0,
            opts,
            done: false,
            queued: None,
        }
    }

    /// With `--apply-bad-crc` a batch whose checksum does not match is used,
    /// and still reported: the damage comes first, the batch after it.
    fn crc_mismatch(&self, meta: &BatchMeta) -> Option<Damage> {
        let at = meta.byte_pos as usize;
        let b = self.data.get(at..at + meta.byte_len as usize)?;
        let (stored, actual, what) = match b.get(16) {
            Some(2) => (
                be_u32(b.get(17..21)?),
                crc32c::crc32c(b.get(21..)?),
                "CRC-32C",
            ),
            Some(0 | 1) => (
                be_u32(b.get(12..16)?),
                crc32fast::hash(b.get(16..)?),
                "CRC-32",
            ),
            _ => return None,
        };
        (stored != actual).then(|| {
            self.damage(
                DamageKind::BadCrc,
                at,
                Some(meta.base_offset),
                format!("batch at byte {at} has {what} {stored:08x}, computed {actual:08x}; applied anyway (--apply-bad-crc)"),
            )
        })
    }

    /// Bytes consumed so far (for progress).
    pub fn position(&self) -> usize {
        self.pos
    }

    fn damage(&self, kind: DamageKind, at: usize, offset: Option<i64>, detail: String) -> Damage {
        Damage {
            file: self.file.clone(),
            kind,
            byte_offset: at as u64,
            offset,
            detail,
            skipped_bytes: None,
        }
    }

    /// Is there a plausible batch (sane length, known magic, valid CRC) at `p`?
    fn valid_at(&self, p: usize) -> bool {
        let d = &self.data[..];
        let Some(head) = d.get(p..p + 17) else {
            return false;
        };
        let len = i32::from_be_bytes(head[8..12].try_into().expect("4")) as i64;
        let end = p as i64 + 12 + len;
        if len < LEGACY_MIN as i64 || end > d.len() as i64 {
            return false;
        }
        let end = end as usize;
        match head[16] {
            2 => {
                len as usize >= V2_HEADER - 12
                    && crc32c::crc32c(&d[p + 21..end]) == be_u32(&d[p + 17..p + 21])
            }
            0 | 1 => crc32fast::hash(&d[p + 16..end]) == be_u32(&d[p + 12..p + 16]),
            _ => false,
        }
    }

    /// After a corrupt header at `from`: the next position with a valid batch.
    fn resync(&self, from: usize) -> Option<usize> {
        (from + 1..self.data.len().saturating_sub(LEGACY_MIN + 12)).find(|&p| self.valid_at(p))
    }

    fn skip_to_resync(
        &mut self,
        at: usize,
        kind: DamageKind,
        offset: Option<i64>,
        detail: String,
    ) -> SegmentItem {
        let mut d = self.damage(kind, at, offset, detail);
        match self.resync(at).filter(|_| !self.opts.stop_at_first_error) {
            Some(next) => {
                d.skipped_bytes = Some((next - at) as u64);
                d.detail.push_str(&format!(
                    "; skipped {} bytes to the next valid batch at byte {next}",
                    next - at
                ));
                self.pos = next;
            }
            None => {
                d.skipped_bytes = Some((self.data.len() - at) as u64);
                d.detail.push_str("; no valid batch after it");
                self.done = true;
            }
        }
        SegmentItem::Damage(d)
    }

    fn next_item(&mut self) -> Option<SegmentItem> {
        let len = self.data.len();
        let at = self.pos;
        if at >= len {
            return None;
        }
        let rest = &self.data[at..];
        if rest.iter().all(|b| *b == 0) {
            // Preallocated segment space (log.preallocate): not damage, just the end.
            self.done = true;
            return None;
        }
        if rest.len() < 12 {
            self.done = true;
            return Some(SegmentItem::Damage(self.damage(
                DamageKind::TornTail,
                at,
                None,
                format!(
                    "only {} bytes at the end, less than a batch header",
                    rest.len()
                ),
            )));
        }
        let base_offset = i64::from_be_bytes(rest[0..8].try_into().expect("8"));
        let batch_length = i32::from_be_bytes(rest[8..12].try_into().expect("4")) as i64;
        if batch_length < LEGACY_MIN as i64 || rest.len() < 17 {
            return Some(self.skip_to_resync(
                at,
                DamageKind::BadLength,
                Some(base_offset),
                format!("batch at byte {at} declares batchLength {batch_length}"),
            ));
        }
        let available = rest.len() - 12;
        let magic = rest[16] as i8;
        if !(0..=2).contains(&magic) {
            return Some(self.skip_to_resync(
                at,
                DamageKind::BadMagic,
                Some(base_offset),
                format!("batch at byte {at} has magic {magic}"),
            ));
        }
        if batch_length as u64 > available as u64 {
            if self.resync(at).is_some() {
                // A length running into later valid batches is a corrupt header, not a torn tail.
                return Some(self.skip_to_resync(
                    at,
                    DamageKind::BadLength,
                    Some(base_offset),
                    format!("batch at byte {at} declares batchLength {batch_length}, past the end of the file"),
                ));
            }
            self.done = true;
            let mut d = self.damage(
                DamageKind::TornTail,
                at,
                Some(base_offset),
                format!("batch at byte {at} declares batchLength {batch_length} but only {available} bytes follow the 12-byte prefix"),
            );
            d.skipped_bytes = Some(rest.len() as u64);
            return Some(SegmentItem::Damage(d));
        }
        let end = at + 12 + batch_length as usize;
        self.pos = end;
        let batch = self.data.slice(at..end);
        Some(if magic == 2 {
            self.v2(batch, at, base_offset)
        } else {
            self.legacy(batch, at, base_offset)
        })
    }

    fn v2(&self, batch: Bytes, at: usize, base_offset: i64) -> SegmentItem {
        if batch.len() < V2_HEADER {
            return SegmentItem::Damage(self.damage(
                DamageKind::BadLength,
                at,
                Some(base_offset),
                format!(
                    "v2 batch of {} bytes is shorter than its header",
                    batch.len()
                ),
            ));
        }
        let stored = be_u32(&batch[17..21]);
        let actual = crc32c::crc32c(&batch[21..]);
        if stored != actual && !self.opts.apply_bad_crc {
            return SegmentItem::Damage(self.damage(
                DamageKind::BadCrc,
                at,
                Some(base_offset),
                format!(
                    "batch at byte {at} has CRC-32C {stored:08x}, computed {actual:08x}; skipped"
                ),
            ));
        }
        let mut c = Cursor::new(&batch[12..]);
        let leader_epoch = c.i32("leader epoch").unwrap_or(-1);
        let _ = c.i8("magic");
        let _ = c.u32("crc");
        let attributes = c.i16("attributes").unwrap_or(0);
        let last_delta = c.i32("last offset delta").unwrap_or(0);
        let _base_ts = c.i64("base timestamp");
        let max_timestamp = c.i64("max timestamp").unwrap_or(-1);
        let producer_id = c.i64("producer id").unwrap_or(-1);
        let producer_epoch = c.i16("producer epoch").unwrap_or(-1);
        let _seq = c.i32("base sequence");
        let record_count = c.i32("records count").unwrap_or(0);
        let Some(codec) = Codec::from_attributes(attributes) else {
            return SegmentItem::Damage(self.damage(
                DamageKind::Undecodable,
                at,
                Some(base_offset),
                format!("unknown compression codec {}", attributes & 7),
            ));
        };
        let meta = BatchMeta {
            byte_pos: at as u64,
            byte_len: batch.len() as u64,
            base_offset,
            last_offset: base_offset + last_delta as i64,
            magic: 2,
            codec,
            transactional: attributes & 0x10 != 0,
            control: attributes & 0x20 != 0,
            producer_id,
            producer_epoch,
            leader_epoch,
            max_timestamp,
        };
        if record_count < 0 {
            return SegmentItem::Damage(self.damage(
                DamageKind::Undecodable,
                at,
                Some(base_offset),
                format!("negative record count {record_count}"),
            ));
        }
        let decompress = |buf: &mut Bytes, _: Compression| -> anyhow::Result<Bytes> {
            let out = match codec {
                Codec::None => buf.clone(),
                c => Bytes::from(compress::decompress(c, buf).map_err(anyhow::Error::msg)?),
            };
            // Each record takes at least 7 bytes: refuse counts the data cannot hold before the crate reserves them.
            if record_count as usize > out.len() / 7 + 1 {
                anyhow::bail!("{record_count} records cannot fit in {} bytes", out.len());
            }
            Ok(out)
        };
        // The crate verifies the CRC itself; with --apply-bad-crc, hand it a batch with the CRC fixed.
        let mut input = if stored != actual {
            let mut v = batch.to_vec();
            v[17..21].copy_from_slice(&actual.to_be_bytes());
            Bytes::from(v)
        } else {
            batch
        };
        match RecordBatchDecoder::decode_with_custom_compression(&mut input, Some(decompress)) {
            Ok(set) => {
                let records = set
                    .records
                    .into_iter()
                    .map(|r| LogRecord {
                        offset: r.offset,
                        timestamp: r.timestamp,
                        key: r.key,
                        value: r.value,
                    })
                    .collect();
                SegmentItem::Batch(meta, records)
            }
            Err(e) => SegmentItem::Damage(self.damage(
                DamageKind::Undecodable,
                at,
                Some(base_offset),
                format!("records of batch at byte {at} do not decode: {e}"),
            )),
        }
    }

    fn legacy(&self, batch: Bytes, at: usize, offset: i64) -> SegmentItem {
        let stored = be_u32(&batch[12..16]);
        let actual = crc32fast::hash(&batch[16..]);
        if stored != actual && !self.opts.apply_bad_crc {
            return SegmentItem::Damage(self.damage(
                DamageKind::BadCrc,
                at,
                Some(offset),
                format!(
                    "message at byte {at} has CRC-32 {stored:08x}, computed {actual:08x}; skipped"
                ),
            ));
        }
        match legacy_message(&batch[16..], offset, 0) {
            Ok((meta_magic, codec, ts_log_append, ts, records)) => {
                let last = records.last().map(|r| r.offset).unwrap_or(offset);
                let meta = BatchMeta {
                    byte_pos: at as u64,
                    byte_len: batch.len() as u64,
                    base_offset: records.first().map(|r| r.offset).unwrap_or(offset),
                    last_offset: last,
                    magic: meta_magic,
                    codec,
                    transactional: false,
                    control: false,
                    producer_id: -1,
                    producer_epoch: -1,
                    leader_epoch: -1,
                    max_timestamp: if ts_log_append {
                        ts
                    } else {
                        records.iter().map(|r| r.timestamp).max().unwrap_or(ts)
                    },
                };
                SegmentItem::Batch(meta, records)
            }
            Err(e) => SegmentItem::Damage(self.damage(
                DamageKind::Undecodable,
                at,
                Some(offset),
                format!("message at byte {at}: {e}"),
            )),
        }
    }
}

impl Iterator for SegmentReader {
    type Item = SegmentItem;

    fn next(&mut self) -> Option<SegmentItem> {
        if let Some(q) = self.queued.take() {
            return Some(q);
        }
        if self.done {
            return None;
        }
        let mut item = self.next_item();
        if self.opts.apply_bad_crc {
            if let Some(SegmentItem::Batch(meta, _)) = &item {
                if let Some(d) = self.crc_mismatch(meta) {
                    self.queued = item.take();
                    item = Some(SegmentItem::Damage(d));
                }
            }
        }
        if let Some(SegmentItem::Damage(_)) = &item {
            if self.opts.stop_at_first_error {
                self.done = true;
            }
        }
        item
    }
}

fn be_u32(b: &[u8]) -> u32 {
    u32::from_be_bytes(b[..4].try_into().expect("4 bytes"))
}

fn bytes_field(c: &mut Cursor, what: &'static str) -> Result<Option<Bytes>, String> {
    let n = c.i32(what).map_err(|e| e.to_string())?;
    if n < 0 {
        return Ok(None);
    }
    Ok(Some(Bytes::copy_from_slice(
        c.take(n as usize, what).map_err(|e| e.to_string())?,
    )))
}

/// One legacy message (after its crc): magic, attributes, [timestamp], key,
/// value; a compressed wrapper's value is an inner message set.
/// Returns (magic, codec, timestamp is log-append, timestamp, records).
fn legacy_message(
    msg: &[u8],
    offset: i64,
    depth: u8,
) -> Result<(i8, Codec, bool, i64, Vec<LogRecord>), String> {
    let mut c = Cursor::new(msg);
    let magic = c.i8("magic").map_err(|e| e.to_string())?;
    let attributes = c.i8("attributes").map_err(|e| e.to_string())?;
    let timestamp = if magic >= 1 {
        c.i64("timestamp").map_err(|e| e.to_string())?
    } else {
        -1
    };
    let key = bytes_field(&mut c, "key")?;
    let value = bytes_field(&mut c, "value")?;
    let codec = Codec::from_attributes(attributes as i16 & 7)
        .ok_or_else(|| format!("unknown codec {}", attributes & 7))?;
    let log_append = attributes & 0x08 != 0;
    if codec == Codec::None {
        return Ok((
            magic,
            codec,
            log_append,
            timestamp,
            vec![LogRecord {
                offset,
                timestamp,
                key,
                value,
            }],
        ));
    }
    if depth > 0 {
        return Err("nested compressed message".into());
    }
    let inner = compress::decompress(codec, value.as_deref().unwrap_or_default())?;
    let mut records = Vec::new();
    let mut ic = Cursor::new(&inner);
    while !ic.is_empty() {
        let inner_offset = ic.i64("inner offset").map_err(|e| e.to_string())?;
        let size = ic.i32("inner size").map_err(|e| e.to_string())?;
        if size < LEGACY_MIN as i32 {
            return Err(format!("inner message size {size}"));
        }
        let m = ic
            .take(size as usize, "inner message")
            .map_err(|e| e.to_string())?;
        let (_, _, _, ts, mut recs) = legacy_message(&m[4..], inner_offset, depth + 1)?;
        for r in &mut recs {
            if log_append {
                r.timestamp = timestamp;
            } else if r.timestamp < 0 {
                r.timestamp = ts;
            }
        }
        records.extend(recs);
    }
    // Magic 1 wrappers carry the last absolute offset; inner offsets are relative.
    if magic >= 1 {
        if let Some(last_rel) = records.last().map(|r| r.offset) {
            for r in &mut records {
                r.offset += offset - last_rel;
            }
        }
    }
    Ok((magic, codec, log_append, timestamp, records))
}
