//! Kafka log segments (`NNNNNNNNNNNNNNNNNNNN.log`): record batches (magic 2,
//! CRC-32C) and legacy message sets (magic 0/1, CRC-32), framed and checked
//! here with exact byte positions for damage reports. After damage, reading
//! resumes at the first later byte where a batch with a valid checksum
//! starts — never at a length read from the damaged header — so only the
//! damaged bytes are lost, and the scan for that byte is linear.

use super::compress::{self, Codec};
use super::legacy::{self, MIN_MESSAGE};
use super::records::{self, BatchHeader, RecordSpan, HEADER};
use super::source::{ReadFailure, Window};

mod scan;
use super::{Damage, DamageKind, Effect};
use bytes::Bytes;

/// Offset, length, partition leader epoch / CRC, magic: enough to frame an entry.
pub(crate) const PREFIX: usize = 17;
/// The most groupctl reads as one batch (Kafka's default limit is 1 MiB).
pub const MAX_BATCH: usize = 64 << 20;
/// Bytes looked at per step of the scan for the next valid batch.
pub(crate) const SCAN_STEP: usize = 64 << 10;

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
    /// The broker stamped the write time (every record reads as `max_timestamp`).
    pub log_append_time: bool,
    /// False only when a batch with a bad checksum is used anyway.
    pub crc_ok: bool,
}

/// Where a batch's record bytes are: still in the reader's window (an
/// uncompressed batch: nothing copied or counted), or decompressed.
#[derive(Debug, Clone)]
pub enum Body {
    InWindow { at: u64, len: usize },
    Owned(Bytes),
}

/// A framed, checked batch and its records (keys and values are spans of its
/// body: [`SegmentReader::body`], valid until the reader moves on).
#[derive(Debug, Clone)]
pub struct Batch {
    pub meta: BatchMeta,
    pub body: Body,
    pub records: Vec<RecordSpan>,
}

#[derive(Debug)]
pub enum SegmentItem {
    Batch(Batch),
    Damage(Damage),
}

pub struct SegmentReader {
    w: Window,
    file: String,
    pos: u64,
    apply_bad_crc: bool,
    done: bool,
    queued: Option<SegmentItem>,
    /// A record list handed back by the caller, reused for the next batch.
    spare: Vec<RecordSpan>,
}

pub(crate) fn be_u32(b: &[u8]) -> u32 {
    b.get(..4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

pub(crate) fn be_i32(b: &[u8]) -> i32 {
    be_u32(b) as i32
}

impl SegmentReader {
    pub fn new(w: Window, file: String, apply_bad_crc: bool) -> Self {
        SegmentReader {
            w,
            file,
            pos: 0,
            apply_bad_crc,
            done: false,
            queued: None,
            spare: Vec::new(),
        }
    }

    /// The record bytes of a batch this reader just returned.
    pub fn body<'s>(&'s self, b: &'s Batch) -> &'s [u8] {
        match &b.body {
            Body::InWindow { at, len } => self.w.get(*at, *len),
            Body::Owned(bytes) => bytes,
        }
    }

    /// Give a batch's record list back once done with it (saves an allocation per batch).
    pub fn recycle(&mut self, mut records: Vec<RecordSpan>) {
        records.clear();
        self.spare = records;
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Go on from `at` reading everything intact (from where the window
    /// still reaches if `at` was let go).
    pub fn restart_at(&mut self, at: u64, apply_bad_crc: bool) {
        self.pos = at.max(self.w.base());
        self.apply_bad_crc = apply_bad_crc;
        self.queued = None;
        self.done = false;
    }

    fn damage(&self, kind: DamageKind, at: u64, offset: Option<i64>, detail: String) -> Damage {
        Damage::new(&self.file, kind, at, offset, detail)
    }

    fn next_item(&mut self) -> Result<Option<SegmentItem>, ReadFailure> {
        let at = self.pos;
        let len = self.w.len();
        if at >= len {
            return Ok(None);
        }
        if !self.w.fill(at, PREFIX)? {
            let rest = len - at;
            self.done = true;
            if self.w.from(at).iter().all(|b| *b == 0) {
                return Ok(None);
            }
            let mut d = self.damage(
                DamageKind::TornTail,
                at,
                None,
                format!("only {rest} bytes at the end, less than a batch header"),
            );
            d.skipped_bytes = Some(rest);
            return Ok(Some(SegmentItem::Damage(d)));
        }
        let h = self.w.get(at, PREFIX);
        let base_offset = i64::from_be_bytes(h[0..8].try_into().unwrap_or_default());
        let length = be_i32(&h[8..12]);
        let magic = h[16] as i8;
        if h[..12].iter().all(|b| *b == 0) {
            // Preallocated segment space (log.preallocate) is zeros to the end: not damage.
            match self.first_nonzero(at)? {
                None => {
                    self.done = true;
                    return Ok(None);
                }
                Some(z) => {
                    let d = self.damage(
                        DamageKind::BadLength,
                        at,
                        None,
                        format!("zero bytes from byte {at} to {z}"),
                    );
                    let from = (at + 1).max(z.saturating_sub(12));
                    return self.skip_to_next(d, from).map(Some);
                }
            }
        }
        if length < MIN_MESSAGE as i32 {
            let d = self.damage(
                DamageKind::BadLength,
                at,
                Some(base_offset),
                format!("batch at byte {at} declares batchLength {length}"),
            );
            return self.skip_to_next(d, at + 1).map(Some);
        }
        if !(0..=2).contains(&magic) {
            let d = self.damage(
                DamageKind::BadMagic,
                at,
                Some(base_offset),
                format!("batch at byte {at} has magic {magic}"),
            );
            return self.skip_to_next(d, at + 1).map(Some);
        }
        let length = length as usize;
        let available = len - at - 12;
        if length as u64 > available || length > MAX_BATCH {
            let why = if length > MAX_BATCH {
                format!("batch at byte {at} declares batchLength {length}, more than the {MAX_BATCH} bytes groupctl reads")
            } else {
                format!("batch at byte {at} declares batchLength {length} but only {available} bytes follow the 12-byte prefix")
            };
            return match self.scan(at + 1)? {
                // A length running into later valid batches is a corrupt header, not a torn tail.
                Some(_) => {
                    let mut d = self.damage(DamageKind::BadLength, at, Some(base_offset), why);
                    d.past_end = length as u64 > available;
                    self.skip_to_next(d, at + 1).map(Some)
                }
                None => {
                    self.done = true;
                    let mut d = self.damage(DamageKind::TornTail, at, Some(base_offset), why);
                    d.skipped_bytes = Some(len - at);
                    d.past_end = true;
                    Ok(Some(SegmentItem::Damage(d)))
                }
            };
        }
        if !self.w.fill(at, 12 + length)? {
            // Cannot happen for a length within the file; treat as a torn tail.
            self.done = true;
            let mut d = self.damage(
                DamageKind::TornTail,
                at,
                Some(base_offset),
                "truncated batch".into(),
            );
            d.skipped_bytes = Some(len - at);
            return Ok(Some(SegmentItem::Damage(d)));
        }
        if magic == 2 {
            self.v2(at, length, base_offset)
        } else {
            self.legacy(at, length, base_offset)
        }
    }

    /// A batch that frames but cannot be used: with a valid checksum its
    /// length is proven and only it is skipped; otherwise scan from the next byte.
    fn unusable(
        &mut self,
        crc_ok: bool,
        d: Damage,
        end: u64,
    ) -> Result<Option<SegmentItem>, ReadFailure> {
        if crc_ok {
            let mut d = d;
            d.skipped_bytes = Some(end - d.byte_offset);
            self.pos = end;
            return Ok(Some(SegmentItem::Damage(d)));
        }
        // Applying bad checksums, and this one does not decode either: it is checksum damage.
        let mut d = d;
        d.kind = DamageKind::BadCrc;
        d.detail = format!("bad checksum, and {}", d.detail);
        let from = d.byte_offset + 1;
        self.skip_to_next(d, from).map(Some)
    }

    fn v2(
        &mut self,
        at: u64,
        length: usize,
        base_offset: i64,
    ) -> Result<Option<SegmentItem>, ReadFailure> {
        let end = at + 12 + length as u64;
        if 12 + length < HEADER {
            let d = self.damage(
                DamageKind::BadLength,
                at,
                Some(base_offset),
                format!(
                    "v2 batch of {} bytes is shorter than its {HEADER}-byte header",
                    12 + length
                ),
            );
            return self.skip_to_next(d, at + 1).map(Some);
        }
        let (h, actual) = {
            let bytes = self.w.get(at, 12 + length);
            let Ok(h) = BatchHeader::parse(bytes) else {
                return Ok(None);
            };
            (h, crc32c::crc32c(&bytes[21..]))
        };
        let crc_ok = actual == h.crc;
        if !crc_ok && !self.apply_bad_crc {
            let d = self.damage(
                DamageKind::BadCrc,
                at,
                Some(base_offset),
                format!(
                    "batch at byte {at} has CRC-32C {:08x}, computed {actual:08x}",
                    h.crc
                ),
            );
            return self.skip_to_next(d, at + 1).map(Some);
        }
        let Some(codec) = Codec::from_attributes(h.attributes) else {
            let d = self.damage(
                DamageKind::Undecodable,
                at,
                Some(base_offset),
                format!(
                    "batch at byte {at} has unknown compression codec {}",
                    h.codec_id()
                ),
            );
            return self.unusable(crc_ok, d, end);
        };
        let mut spans = std::mem::take(&mut self.spare);
        let raw_at = at + HEADER as u64;
        let raw = self.w.get(raw_at, 12 + length - HEADER);
        let decoded = match codec {
            Codec::None => records::read(raw, &h, &mut spans)
                .map(|()| Body::InWindow {
                    at: raw_at,
                    len: raw.len(),
                })
                .map_err(|e| e.to_string()),
            c => compress::decompress(c, raw).and_then(|v| {
                records::read(&v, &h, &mut spans).map_err(|e| e.to_string())?;
                Ok(Body::Owned(Bytes::from(v)))
            }),
        };
        let body = match decoded {
            Ok(b) => b,
            Err(e) => {
                let d = self.damage(
                    DamageKind::Undecodable,
                    at,
                    Some(base_offset),
                    format!("records of batch at byte {at} do not decode: {e}"),
                );
                return self.unusable(crc_ok, d, end);
            }
        };
        self.pos = end;
        let batch = Batch {
            meta: BatchMeta {
                byte_pos: at,
                byte_len: end - at,
                base_offset,
                last_offset: h.last_offset(),
                magic: 2,
                codec,
                transactional: h.transactional(),
                control: h.control(),
                producer_id: h.producer_id,
                producer_epoch: h.producer_epoch,
                leader_epoch: h.leader_epoch,
                max_timestamp: h.max_timestamp,
                log_append_time: h.log_append_time(),
                crc_ok,
            },
            body,
            records: spans,
        };
        Ok(Some(self.with_crc_report(batch, h.crc, actual, "CRC-32C")))
    }

    /// A batch used despite its checksum (--apply-bad-crc) comes after its damage report.
    fn with_crc_report(
        &mut self,
        batch: Batch,
        stored: u32,
        actual: u32,
        what: &str,
    ) -> SegmentItem {
        if batch.meta.crc_ok {
            return SegmentItem::Batch(batch);
        }
        let at = batch.meta.byte_pos;
        let mut d = self.damage(
            DamageKind::BadCrc,
            at,
            Some(batch.meta.base_offset),
            format!(
                "batch at byte {at} has {what} {stored:08x}, computed {actual:08x}; applied anyway"
            ),
        );
        d.effect = Effect::Applied;
        self.queued = Some(SegmentItem::Batch(batch));
        SegmentItem::Damage(d)
    }

    fn legacy(
        &mut self,
        at: u64,
        length: usize,
        offset: i64,
    ) -> Result<Option<SegmentItem>, ReadFailure> {
        let end = at + 12 + length as u64;
        let bytes = self.w.slice(at, 12 + length);
        let stored = be_u32(&bytes[12..16]);
        let actual = crc32fast::hash(&bytes[16..]);
        let crc_ok = stored == actual;
        if !crc_ok && !self.apply_bad_crc {
            let d = self.damage(
                DamageKind::BadCrc,
                at,
                Some(offset),
                format!("message at byte {at} has CRC-32 {stored:08x}, computed {actual:08x}"),
            );
            return self.skip_to_next(d, at + 1).map(Some);
        }
        match legacy::read(bytes, offset) {
            Ok(e) => {
                self.pos = end;
                let first = e.records.first().map_or(offset, |r| r.offset);
                let last = e.records.last().map_or(offset, |r| r.offset);
                let max_ts = e
                    .records
                    .iter()
                    .map(|r| r.timestamp)
                    .max()
                    .unwrap_or(e.timestamp);
                let batch = Batch {
                    meta: BatchMeta {
                        byte_pos: at,
                        byte_len: end - at,
                        base_offset: first,
                        last_offset: last,
                        magic: e.magic,
                        codec: e.codec,
                        transactional: false,
                        control: false,
                        producer_id: -1,
                        producer_epoch: -1,
                        leader_epoch: -1,
                        max_timestamp: if e.log_append_time {
                            e.timestamp
                        } else {
                            max_ts
                        },
                        log_append_time: e.log_append_time,
                        crc_ok,
                    },
                    body: Body::Owned(e.body),
                    records: e.records,
                };
                Ok(Some(self.with_crc_report(batch, stored, actual, "CRC-32")))
            }
            Err(e) => {
                let d = self.damage(
                    DamageKind::Undecodable,
                    at,
                    Some(offset),
                    format!("message at byte {at}: {e}"),
                );
                self.unusable(crc_ok, d, end)
            }
        }
    }
}

impl Iterator for SegmentReader {
    type Item = Result<SegmentItem, ReadFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(q) = self.queued.take() {
            return Some(Ok(q));
        }
        if self.done {
            return None;
        }
        match self.next_item() {
            Ok(item) => {
                if item.is_none() {
                    self.done = true;
                }
                item.map(Ok)
            }
            Err(ReadFailure::Shrunk { expected, now }) => {
                self.done = true;
                let d = Damage::file_shrank(&self.file, self.pos, expected, now);
                Some(Ok(SegmentItem::Damage(d)))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests;
