//! Chronik's metadata WAL (`metadata_wal/__chronik_metadata/0/wal_0_N.log`):
//! little-endian records with magic 0xCA7E, version 2 (12-byte header, CRC-32
//! over the first 8 header bytes and the body) or version 1 (28-byte header,
//! CRC-32 over everything but the CRC field). Payloads are JSON
//! `MetadataEvent`s; older ones are bincode and shown raw.
//!
//! Two ways to read a file. [`ChronikMode::Salvage`] checks every checksum and
//! length and, after damage, resumes at the next record whose checksum holds.
//! [`ChronikMode::Loader`] reads as Chronik itself does at start-up
//! (`MetadataWal::read_all_wal_records`, v2.10.4): no checksum check, only
//! version 2, the header's length only checked for zero, each record as long
//! as its body fields say, and the first record it cannot read ends the file.

use super::source::{ReadFailure, Window};

mod loader;
use super::{Damage, DamageKind, Effect};
use crate::model::cursor::Cursor;
use bytes::Bytes;

pub const MAGIC: u16 = 0xCA7E;
const V2_HEADER: usize = 12;
const V1_HEADER: usize = 28;
/// Largest record read (Chronik's metadata events are a few KB).
const MAX_RECORD: usize = 64 << 20;
const SCAN_STEP: usize = 64 << 10;

#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A JSON MetadataEvent.
    Event(serde_json::Value),
    /// Not JSON (legacy bincode): kept raw.
    Legacy(Bytes),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChronikRecord {
    pub byte_pos: u64,
    pub byte_len: u64,
    pub version: u8,
    pub offset: i64,
    pub timestamp: Option<i64>,
    pub payload: Payload,
}

#[derive(Debug)]
pub enum ChronikItem {
    Record(ChronikRecord),
    Damage(Damage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChronikMode {
    Salvage { apply_bad_crc: bool },
    Loader,
}

pub struct ChronikReader {
    w: Window,
    file: String,
    pos: u64,
    mode: ChronikMode,
    done: bool,
    queued: Option<ChronikItem>,
}

enum Parse {
    Ok(ChronikRecord, u64),
    BadCrc {
        stored: u32,
        actual: u32,
        end: u64,
        record: Option<ChronikRecord>,
    },
    Torn {
        declared: u64,
        available: u64,
    },
    Bad(DamageKind, String),
}

fn le_u32(b: &[u8]) -> u32 {
    b.get(..4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The V2 body: topic, partition, data, base offset, last offset, record count.
/// Returns the payload's place in `body` and the base offset, and how many bytes the fields took.
fn v2_fields(body: &[u8]) -> Result<(usize, usize, i64, usize), String> {
    let mut c = Cursor::new(body);
    let e = |x: crate::model::cursor::Short| x.to_string();
    let topic_len = c.u16_le("topic length").map_err(e)? as usize;
    let topic = c.take(topic_len, "topic").map_err(e)?;
    std::str::from_utf8(topic).map_err(|_| "topic is not UTF-8".to_string())?;
    let _partition = c.i32_le("partition").map_err(e)?;
    let data_len = c.u32_le("data length").map_err(e)? as usize;
    let start = c.pos();
    c.take(data_len, "data").map_err(e)?;
    let base_offset = c.i64_le("base offset").map_err(e)?;
    let _last = c.i64_le("last offset").map_err(e)?;
    let _count = c.i32_le("record count").map_err(e)?;
    Ok((start, data_len, base_offset, c.pos()))
}

fn payload(data: Bytes) -> Payload {
    if data.first() == Some(&b'{') {
        if let Ok(v) = serde_json::from_slice(&data) {
            return Payload::Event(v);
        }
    }
    Payload::Legacy(data)
}

fn event_time(p: &Payload) -> Option<i64> {
    match p {
        Payload::Event(ev) => ev["timestamp"]
            .as_str()
            .and_then(crate::model::time::rfc3339_ms),
        Payload::Legacy(_) => None,
    }
}

impl ChronikReader {
    pub fn new(w: Window, file: String, mode: ChronikMode) -> Self {
        ChronikReader {
            w,
            file,
            pos: 0,
            mode,
            done: false,
            queued: None,
        }
    }

    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Go on from `at` in another mode (from where the window still reaches
    /// if `at` was let go).
    pub fn restart_at(&mut self, at: u64, mode: ChronikMode) {
        self.pos = at.max(self.w.base());
        self.mode = mode;
        self.queued = None;
        self.done = false;
    }

    fn damage(&self, kind: DamageKind, at: u64, offset: Option<i64>, detail: String) -> Damage {
        Damage::new(&self.file, kind, at, offset, detail)
    }

    fn v2_record(&self, p: u64, end: u64) -> Result<ChronikRecord, String> {
        let body = self
            .w
            .slice(p + V2_HEADER as u64, (end - p) as usize - V2_HEADER);
        let (start, len, base_offset, _) = v2_fields(&body)?;
        let payload = payload(body.slice(start..start + len));
        Ok(ChronikRecord {
            byte_pos: p,
            byte_len: end - p,
            version: 2,
            offset: base_offset,
            timestamp: event_time(&payload),
            payload,
        })
    }

    fn v1_record(&self, p: u64, end: u64) -> Result<ChronikRecord, String> {
        let rec = self.w.slice(p, (end - p) as usize);
        let mut h = Cursor::new(&rec[8..]);
        let e = |x: crate::model::cursor::Short| x.to_string();
        let offset = h.i64_le("offset").map_err(e)?;
        let timestamp = h.i64_le("timestamp").map_err(e)?;
        let mut c = Cursor::new(&rec[V1_HEADER..]);
        let key_len = c.i32_le("key length").map_err(e)?;
        if key_len > 0 {
            c.take(key_len as usize, "key").map_err(e)?;
        }
        let value_len = c.i32_le("value length").map_err(e)?;
        if value_len < 0 {
            return Err(format!("negative value length {value_len}"));
        }
        let start = V1_HEADER + c.pos();
        c.take(value_len as usize, "value").map_err(e)?;
        let payload = payload(rec.slice(start..start + value_len as usize));
        Ok(ChronikRecord {
            byte_pos: p,
            byte_len: end - p,
            version: 1,
            offset,
            timestamp: event_time(&payload).or(Some(timestamp)),
            payload,
        })
    }

    fn parse_at(&mut self, p: u64) -> Result<Parse, ReadFailure> {
        let left = self.w.len() - p;
        if !self.w.fill(p, V2_HEADER)? {
            return Ok(Parse::Torn {
                declared: 0,
                available: left,
            });
        }
        let h = self.w.get(p, V2_HEADER);
        let magic = u16::from_le_bytes([h[0], h[1]]);
        let version = h[2];
        let length = le_u32(&h[4..8]) as u64;
        let stored = le_u32(&h[8..12]);
        if magic != MAGIC {
            return Ok(Parse::Bad(
                DamageKind::BadMagic,
                format!("magic {magic:#06x} at byte {p} (expected 0xca7e)"),
            ));
        }
        let (end, crc_from) = match version {
            2 => {
                if length > left - V2_HEADER as u64 {
                    return Ok(Parse::Torn {
                        declared: length,
                        available: left - V2_HEADER as u64,
                    });
                }
                (p + V2_HEADER as u64 + length, V2_HEADER)
            }
            1 => {
                if length < (V1_HEADER + 8) as u64 {
                    return Ok(Parse::Bad(
                        DamageKind::BadLength,
                        format!("V1 record at byte {p} declares length {length}"),
                    ));
                }
                if length > left {
                    return Ok(Parse::Torn {
                        declared: length,
                        available: left,
                    });
                }
                (p + length, V1_HEADER)
            }
            v => {
                return Ok(Parse::Bad(
                    DamageKind::BadVersion,
                    format!("record at byte {p} has version {v}"),
                ))
            }
        };
        if (end - p) as usize > MAX_RECORD {
            return Ok(Parse::Bad(
                DamageKind::BadLength,
                format!("record at byte {p} declares {} bytes, more than the {MAX_RECORD} groupctl reads", end - p),
            ));
        }
        if !self.w.fill(p, (end - p) as usize)? {
            return Ok(Parse::Torn {
                declared: length,
                available: left,
            });
        }
        let rec = self.w.get(p, (end - p) as usize);
        let stored = if version == 1 {
            le_u32(&rec[24..28])
        } else {
            stored
        };
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&rec[..if version == 1 { 24 } else { 8 }]);
        hasher.update(&rec[crc_from..]);
        let actual = hasher.finalize();
        let record = if version == 2 {
            self.v2_record(p, end)
        } else {
            self.v1_record(p, end)
        };
        if stored != actual {
            return Ok(Parse::BadCrc {
                stored,
                actual,
                end,
                record: record.ok(),
            });
        }
        Ok(match record {
            Ok(r) => Parse::Ok(r, end),
            Err(e) => Parse::Bad(DamageKind::Undecodable, e),
        })
    }

    /// The next position after `from` where a record with a valid checksum starts.
    fn scan(&mut self, from: u64) -> Result<Option<u64>, ReadFailure> {
        let len = self.w.len();
        let mut p = from;
        while p + V2_HEADER as u64 <= len {
            self.w.fill(p, SCAN_STEP.min((len - p) as usize))?;
            let (candidate, scanned) = {
                let buf = self.w.from(p);
                let stop = buf.len().saturating_sub(2).max(1);
                let found = (0..stop).find(|&i| {
                    buf[i] == 0x7E
                        && buf[i + 1] == 0xCA
                        && matches!(buf.get(i + 2), Some(1 | 2) | None)
                });
                (found, stop)
            };
            match candidate {
                Some(i) => {
                    let q = p + i as u64;
                    if let Parse::Ok(..) = self.parse_at(q)? {
                        return Ok(Some(q));
                    }
                    p = q + 1;
                }
                None => p += scanned as u64,
            }
        }
        Ok(None)
    }

    /// Damage at its byte, then on at the next valid record at or after `from` (or to the end).
    fn skip_to_next(&mut self, mut d: Damage, from: u64) -> Result<ChronikItem, ReadFailure> {
        let at = d.byte_offset;
        match self.scan(from)? {
            Some(next) => {
                d.detail.push_str(&format!(
                    "; skipped {} bytes to the next valid record at byte {next}",
                    next - at
                ));
                d.skipped_bytes = Some(next - at);
                self.pos = next;
            }
            None => {
                d.detail.push_str("; no valid record after it");
                d.skipped_bytes = Some(self.w.len() - at);
                self.done = true;
            }
        }
        Ok(ChronikItem::Damage(d))
    }

    fn salvage_item(&mut self, apply_bad_crc: bool) -> Result<Option<ChronikItem>, ReadFailure> {
        let at = self.pos;
        let len = self.w.len();
        if at >= len {
            return Ok(None);
        }
        Ok(Some(match self.parse_at(at)? {
            Parse::Ok(r, end) => {
                self.pos = end;
                ChronikItem::Record(r)
            }
            Parse::BadCrc {
                stored,
                actual,
                end,
                record,
            } => {
                let off = record.as_ref().map(|r| r.offset);
                let mut d = self.damage(
                    DamageKind::BadCrc,
                    at,
                    off,
                    format!("record at byte {at} has CRC-32 {stored:08x}, computed {actual:08x}"),
                );
                match record.filter(|_| apply_bad_crc) {
                    Some(r) => {
                        // Reported first, then used, as Chronik's reader would.
                        d.detail.push_str("; applied anyway");
                        d.effect = Effect::Applied;
                        self.pos = end;
                        self.queued = Some(ChronikItem::Record(r));
                        ChronikItem::Damage(d)
                    }
                    None => self.skip_to_next(d, at + 1)?,
                }
            }
            Parse::Torn {
                declared,
                available,
            } => {
                if self.w.from(at).first() == Some(&0) {
                    // Zeros (preallocated space) to the end are not damage.
                    match self.first_nonzero(at)? {
                        None => {
                            self.done = true;
                            return Ok(None);
                        }
                        Some(z) => {
                            let d = self.damage(
                                DamageKind::BadMagic,
                                at,
                                None,
                                format!("zero bytes from byte {at} to {z}"),
                            );
                            return Ok(Some(self.skip_to_next(d, z)?));
                        }
                    }
                }
                if self.scan(at + 1)?.is_some() {
                    let d = self.damage(
                        DamageKind::BadLength,
                        at,
                        None,
                        format!("record at byte {at} declares body length {declared}, past the end of the file"),
                    );
                    self.skip_to_next(d, at + 1)?
                } else {
                    self.done = true;
                    let detail = if declared == 0 {
                        format!("only {available} bytes at the end, less than a record header")
                    } else {
                        format!("record at byte {at} declares body length {declared} but only {available} bytes follow the 12-byte header")
                    };
                    let mut d = self.damage(DamageKind::TornTail, at, None, detail);
                    d.skipped_bytes = Some(len - at);
                    ChronikItem::Damage(d)
                }
            }
            Parse::Bad(kind, detail) => {
                let d = self.damage(kind, at, None, detail);
                self.skip_to_next(d, at + 1)?
            }
        }))
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
            p += buf.len() as u64;
        }
        Ok(None)
    }
}

impl Iterator for ChronikReader {
    type Item = Result<ChronikItem, ReadFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(q) = self.queued.take() {
            return Some(Ok(q));
        }
        if self.done {
            return None;
        }
        let item = match self.mode {
            ChronikMode::Salvage { apply_bad_crc } => self.salvage_item(apply_bad_crc),
            ChronikMode::Loader => self.loader_item(),
        };
        match item {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(i)) => Some(Ok(i)),
            Err(ReadFailure::Shrunk { expected, now }) => {
                self.done = true;
                let d = Damage::file_shrank(&self.file, self.pos, expected, now);
                Some(Ok(ChronikItem::Damage(d)))
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
