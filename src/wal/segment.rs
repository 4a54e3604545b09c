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
use super::{Damage, DamageKind, Effect};
use bytes::Bytes;

/// Offset, length, partition leader epoch / CRC, magic: enough to frame an entry.
const PREFIX: usize = 17;
/// The most groupctl reads as one batch (Kafka's default limit is 1 MiB).
pub const MAX_BATCH: usize = 64 << 20;
/// Bytes looked at per step of the scan for the next valid batch.
const SCAN_STEP: usize = 64 << 10;

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

/// A framed, checked batch and its records (keys and values are spans of `body`).
#[derive(Debug, Clone)]
pub struct Batch {
    pub meta: BatchMeta,
    /// The record bytes (decompressed), or the legacy entry.
    pub body: Bytes,
    pub records: Vec<RecordSpan>,
}

impl Batch {
    pub fn key(&self, r: &RecordSpan) -> Option<&[u8]> {
        r.key.map(|s| s.of(&self.body))
    }

    pub fn value(&self, r: &RecordSpan) -> Option<&[u8]> {
        r.value.map(|s| s.of(&self.body))
    }
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
}

fn be_u32(b: &[u8]) -> u32 {
    b.get(..4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn be_i32(b: &[u8]) -> i32 {
    be_u32(b) as i32
}

/// Could a batch start at the front of `h` (at file position `pos`)? Only
/// header fields are looked at — sizes, magic, attribute bits Kafka never
/// sets, counts that cannot be — so random bytes almost never reach the
/// checksum. `h` may be short near the end of the file.
fn plausible(h: &[u8], pos: u64, file_len: u64) -> bool {
    if h.len() < PREFIX {
        return false;
    }
    let magic = h[16];
    if magic > 2 {
        return false;
    }
    let len = be_i32(&h[8..12]);
    if len < MIN_MESSAGE as i32 || len as usize > MAX_BATCH || pos + 12 + len as u64 > file_len {
        return false;
    }
    let len = len as usize;
    if magic == 2 {
        if len < HEADER - 12 || h.len() < HEADER {
            return false;
        }
        let attributes = i16::from_be_bytes([h[21], h[22]]);
        let count = be_i32(&h[57..61]) as i64;
        let last_delta = be_i32(&h[23..27]) as i64;
        return attributes & !0x7f == 0
            && attributes & 7 <= 4
            && last_delta >= 0
            && (0..=last_delta + 1).contains(&count)
            && (attributes & 7 != 0 || count * 7 <= (len - (HEADER - 12)) as i64);
    }
    // Legacy: attribute bits beyond the codec (and timestamp type in v1) are
    // never set, and key and value lengths add up to the message size exactly.
    let attributes = h[17];
    let allowed = if magic == 0 { 0x07 } else { 0x0f };
    if attributes & !allowed != 0 || attributes & 7 > 3 {
        return false;
    }
    let fixed = if magic == 0 { 14 } else { 22 };
    let key_at = 12 + fixed - 8;
    let Some(k) = h.get(key_at..key_at + 4).map(be_i32) else {
        return true;
    };
    if k < -1 || fixed + k.max(0) as usize > len {
        return false;
    }
    let value_at = key_at + 4 + k.max(0) as usize;
    match h.get(value_at..value_at + 4).map(be_i32) {
        Some(v) => v >= -1 && fixed + k.max(0) as usize + v.max(0) as usize == len,
        None => true,
    }
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
        }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Go on from `at` (not before the last position read) reading everything intact.
    pub fn restart_at(&mut self, at: u64, apply_bad_crc: bool) {
        self.pos = at;
        self.apply_bad_crc = apply_bad_crc;
        self.queued = None;
        self.done = false;
    }

    fn damage(&self, kind: DamageKind, at: u64, offset: Option<i64>, detail: String) -> Damage {
        Damage {
            file: self.file.clone(),
            kind,
            byte_offset: at,
            offset,
            detail,
            skipped_bytes: None,
            effect: Effect::Skipped,
            past_end: false,
        }
    }

    /// Is there a batch with a valid checksum at `q`? (`q` passed [`plausible`].)
    fn verify(&mut self, q: u64) -> Result<bool, ReadFailure> {
        let h = self.w.get(q, PREFIX);
        let len = be_i32(&h[8..12]) as usize;
        let magic = h[16];
        if !self.w.fill(q, 12 + len)? {
            return Ok(false);
        }
        let b = self.w.get(q, 12 + len);
        Ok(match magic {
            2 => b.len() >= HEADER && crc32c::crc32c(&b[21..]) == be_u32(&b[17..21]),
            _ => crc32fast::hash(&b[16..]) == be_u32(&b[12..16]),
        })
    }

    /// The first position after `from` where a batch with a valid checksum starts.
    fn scan(&mut self, from: u64) -> Result<Option<u64>, ReadFailure> {
        let len = self.w.len();
        let mut p = from;
        while p + PREFIX as u64 <= len {
            self.w.fill(p, SCAN_STEP.min((len - p) as usize))?;
            let (candidate, scanned) = {
                let buf = self.w.from(p);
                // Positions whose header is wholly in view; near the end of the file, all.
                let stop = if p + buf.len() as u64 >= len {
                    buf.len()
                } else {
                    buf.len().saturating_sub(HEADER)
                };
                let found = (0..stop).find(|&i| plausible(&buf[i..], p + i as u64, len));
                (found, stop.max(1))
            };
            match candidate {
                Some(i) => {
                    let q = p + i as u64;
                    if self.verify(q)? {
                        return Ok(Some(q));
                    }
                    p = q + 1;
                }
                None => p += scanned as u64,
            }
        }
        Ok(None)
    }

    /// Damage at `at`, then on at the next valid batch (or to the end).
    fn skip_to_next(
        &mut self,
        mut d: Damage,
        resume_from: u64,
    ) -> Result<SegmentItem, ReadFailure> {
        let at = d.byte_offset;
        match self.scan(resume_from)? {
            Some(next) => {
                d.skipped_bytes = Some(next - at);
                d.detail.push_str(&format!(
                    "; skipped {} bytes to the next valid batch at byte {next}",
                    next - at
                ));
                self.pos = next;
            }
            None => {
                d.skipped_bytes = Some(self.w.len() - at);
                d.detail.push_str("; no valid batch after it");
                self.done = true;
            }
        }
        Ok(SegmentItem::Damage(d))
    }

    /// First non-zero byte at or after `at` (None: zeros to the end).
    fn first_nonzero(&mut self, at: u64) -> Result<Option<u64>, ReadFailure> {
        let len = self.w.len();
        let mut p = at;
        while p < len {
            self.w.fill(p, SCAN_STEP.min((len - p) as usize))?;
            let buf = self.w.from(p);
            if buf.is_empty() {
                break;
            }
            if let Some(i) = buf.iter().position(|b| *b != 0) {
                return Ok(Some(p + i as u64));
            }
            // Keep a little overlap so a batch starting just before the zeros end is still in view.
            p += buf.len().saturating_sub(16).max(1) as u64;
        }
        Ok(None)
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
        let bytes = self.w.slice(at, 12 + length);
        let Ok(h) = BatchHeader::parse(&bytes) else {
            return Ok(None);
        };
        let actual = crc32c::crc32c(&bytes[21..]);
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
        let raw = bytes.slice(HEADER..);
        let body = match codec {
            Codec::None => Ok(raw),
            c => compress::decompress(c, &raw).map(Bytes::from),
        };
        let mut spans = Vec::new();
        let decoded = body.map_err(|e| e.to_string()).and_then(|body| {
            records::read(&body, &h, &mut spans)
                .map(|()| body)
                .map_err(|e| e.to_string())
        });
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
                    body: e.body,
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
                let at = self.pos;
                let mut d = self.damage(
                    DamageKind::FileChanged,
                    at,
                    None,
                    format!(
                        "the file shrank from {expected} to {now} bytes while it was being read"
                    ),
                );
                d.skipped_bytes = Some(expected.saturating_sub(at));
                d.effect = Effect::StopsFile;
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
mod tests {
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
                SegmentItem::Batch(b) => {
                    Some(b.records.iter().map(|r| r.offset).collect::<Vec<_>>())
                }
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
}
