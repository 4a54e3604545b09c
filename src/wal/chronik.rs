//! Chronik's metadata WAL (`metadata_wal/__chronik_metadata/0/wal_0_N.log`):
//! little-endian records with magic 0xCA7E, version 2 (12-byte header, CRC-32
//! over the first 8 header bytes and the body) or version 1 (28-byte header,
//! CRC-32 over everything but the CRC field). Payloads are JSON
//! `MetadataEvent`s; older ones are bincode and shown raw.

use super::cursor::Cursor;
use super::{Damage, DamageKind, ReadOptions};
use bytes::Bytes;

pub const MAGIC: u16 = 0xCA7E;
const V2_HEADER: usize = 12;
const V1_HEADER: usize = 28;

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

pub struct ChronikReader {
    data: Bytes,
    file: String,
    pos: usize,
    opts: ReadOptions,
    done: bool,
    queued: Option<ChronikItem>,
}

enum Parse {
    Ok(ChronikRecord, usize),
    BadCrc {
        stored: u32,
        actual: u32,
        end: usize,
        record: Option<ChronikRecord>,
    },
    Torn {
        declared: u64,
        available: u64,
    },
    Bad(DamageKind, String),
}

impl ChronikReader {
    pub fn new(data: Bytes, file: String, opts: ReadOptions) -> Self {
        ChronikReader {
            data,
            file,
            pos: 0,
            opts,
            done: false,
            queued: None,
        }
    }

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

    fn parse_at(&self, p: usize) -> Parse {
        let d = &self.data[..];
        let mut c = Cursor::new(&d[p..]);
        let (Ok(magic), Ok(version)) = (c.u16_le("magic"), c.u8("version")) else {
            return Parse::Torn {
                declared: 0,
                available: (d.len() - p) as u64,
            };
        };
        if magic != MAGIC {
            return Parse::Bad(
                DamageKind::BadMagic,
                format!("magic {magic:#06x} at byte {p} (expected 0xca7e)"),
            );
        }
        let _flags = c.u8("flags");
        let Ok(length) = c.u32_le("length") else {
            return Parse::Torn {
                declared: 0,
                available: (d.len() - p) as u64,
            };
        };
        match version {
            2 => {
                let available = d.len().saturating_sub(p + V2_HEADER);
                if (length as usize) > available {
                    return Parse::Torn {
                        declared: length as u64,
                        available: available as u64,
                    };
                }
                let end = p + V2_HEADER + length as usize;
                let stored = u32::from_le_bytes(d[p + 8..p + 12].try_into().expect("4"));
                let mut h = crc32fast::Hasher::new();
                h.update(&d[p..p + 8]);
                h.update(&d[p + V2_HEADER..end]);
                let actual = h.finalize();
                let record = self.v2_body(p, end);
                if stored != actual {
                    return Parse::BadCrc {
                        stored,
                        actual,
                        end,
                        record: record.ok(),
                    };
                }
                match record {
                    Ok(r) => Parse::Ok(r, end),
                    Err(e) => Parse::Bad(DamageKind::Undecodable, e),
                }
            }
            1 => {
                if (length as usize) < V1_HEADER + 12 {
                    return Parse::Bad(
                        DamageKind::BadLength,
                        format!("V1 record at byte {p} declares length {length}"),
                    );
                }
                let available = d.len() - p;
                if length as usize > available {
                    return Parse::Torn {
                        declared: length as u64,
                        available: available as u64,
                    };
                }
                let end = p + length as usize;
                let stored = u32::from_le_bytes(d[p + 24..p + 28].try_into().expect("4"));
                let mut h = crc32fast::Hasher::new();
                h.update(&d[p..p + 24]);
                h.update(&d[p + V1_HEADER..end]);
                let actual = h.finalize();
                let record = self.v1_body(p, end);
                if stored != actual {
                    return Parse::BadCrc {
                        stored,
                        actual,
                        end,
                        record: record.ok(),
                    };
                }
                match record {
                    Ok(r) => Parse::Ok(r, end),
                    Err(e) => Parse::Bad(DamageKind::Undecodable, e),
                }
            }
            v => Parse::Bad(
                DamageKind::BadVersion,
                format!("record at byte {p} has version {v}"),
            ),
        }
    }

    fn v2_body(&self, p: usize, end: usize) -> Result<ChronikRecord, String> {
        let body = &self.data[p + V2_HEADER..end];
        let mut c = Cursor::new(body);
        let e = |x: super::cursor::Short| x.to_string();
        let topic_len = c.u16_le("topic length").map_err(e)? as usize;
        c.take(topic_len, "topic").map_err(e)?;
        let _partition = c.i32_le("partition").map_err(e)?;
        let data_len = c.u32_le("data length").map_err(e)? as usize;
        let start = p + V2_HEADER + c.pos();
        c.take(data_len, "data").map_err(e)?;
        let data = self.data.slice(start..start + data_len);
        let base_offset = c.i64_le("base offset").map_err(e)?;
        let _last = c.i64_le("last offset").map_err(e)?;
        let _count = c.i32_le("record count").map_err(e)?;
        let payload = payload(data);
        let timestamp = match &payload {
            Payload::Event(ev) => ev["timestamp"].as_str().and_then(rfc3339_ms),
            Payload::Legacy(_) => None,
        };
        Ok(ChronikRecord {
            byte_pos: p as u64,
            byte_len: (end - p) as u64,
            version: 2,
            offset: base_offset,
            timestamp,
            payload,
        })
    }

    fn v1_body(&self, p: usize, end: usize) -> Result<ChronikRecord, String> {
        let d = &self.data[..];
        let offset = i64::from_le_bytes(d[p + 8..p + 16].try_into().expect("8"));
        let timestamp = i64::from_le_bytes(d[p + 16..p + 24].try_into().expect("8"));
        let mut c = Cursor::new(&d[p + V1_HEADER..end]);
        let e = |x: super::cursor::Short| x.to_string();
        let key_len = c.i32_le("key length").map_err(e)?;
        if key_len > 0 {
            c.take(key_len as usize, "key").map_err(e)?;
        }
        let value_len = c.i32_le("value length").map_err(e)?;
        if value_len < 0 {
            return Err(format!("negative value length {value_len}"));
        }
        let start = p + V1_HEADER + c.pos();
        c.take(value_len as usize, "value").map_err(e)?;
        let data = self.data.slice(start..start + value_len as usize);
        let payload = payload(data);
        let ts = match &payload {
            Payload::Event(ev) => ev["timestamp"]
                .as_str()
                .and_then(rfc3339_ms)
                .or(Some(timestamp)),
            Payload::Legacy(_) => Some(timestamp),
        };
        Ok(ChronikRecord {
            byte_pos: p as u64,
            byte_len: (end - p) as u64,
            version: 1,
            offset,
            timestamp: ts,
            payload,
        })
    }

    /// The next position after `from` where a record with a valid CRC starts.
    fn resync(&self, from: usize) -> Option<usize> {
        let d = &self.data[..];
        (from + 1..d.len().saturating_sub(V2_HEADER))
            .filter(|&p| d[p] == 0x7E && d[p + 1] == 0xCA)
            .find(|&p| matches!(self.parse_at(p), Parse::Ok(..)))
    }

    fn next_item(&mut self) -> Option<ChronikItem> {
        let at = self.pos;
        if at >= self.data.len() {
            return None;
        }
        match self.parse_at(at) {
            Parse::Ok(r, end) => {
                self.pos = end;
                Some(ChronikItem::Record(r))
            }
            Parse::BadCrc {
                stored,
                actual,
                end,
                record,
            } => {
                self.pos = end;
                let off = record.as_ref().map(|r| r.offset);
                let mut how = "skipped";
                if self.opts.apply_bad_crc {
                    if let Some(r) = record {
                        // Reported first, then used, as Chronik's reader would.
                        self.queued = Some(ChronikItem::Record(r));
                        how = "applied anyway (--apply-bad-crc)";
                    }
                }
                Some(ChronikItem::Damage(self.damage(
                    DamageKind::BadCrc,
                    at,
                    off,
                    format!(
                        "record at byte {at} has CRC-32 {stored:08x}, computed {actual:08x}; {how}"
                    ),
                )))
            }
            Parse::Torn {
                declared,
                available,
            } => {
                if let Some(next) = self.resync(at) {
                    let mut d = self.damage(DamageKind::BadLength, at, None, format!("record at byte {at} declares body length {declared}, past the end of the file"));
                    d.skipped_bytes = Some((next - at) as u64);
                    self.pos = next;
                    return Some(ChronikItem::Damage(d));
                }
                self.done = true;
                let detail = if declared == 0 {
                    format!("only {available} bytes at the end, less than a record header")
                } else {
                    format!("record at byte {at} declares body length {declared} but only {available} bytes follow the 12-byte header")
                };
                let mut d = self.damage(DamageKind::TornTail, at, None, detail);
                d.skipped_bytes = Some((self.data.len() - at) as u64);
                Some(ChronikItem::Damage(d))
            }
            Parse::Bad(kind, detail) => {
                let mut d = self.damage(kind, at, None, detail);
                match self.resync(at).filter(|_| !self.opts.stop_at_first_error) {
                    Some(next) => {
                        d.detail.push_str(&format!(
                            "; skipped {} bytes to the next valid record at byte {next}",
                            next - at
                        ));
                        d.skipped_bytes = Some((next - at) as u64);
                        self.pos = next;
                    }
                    None => {
                        d.detail.push_str("; no valid record after it");
                        d.skipped_bytes = Some((self.data.len() - at) as u64);
                        self.done = true;
                    }
                }
                Some(ChronikItem::Damage(d))
            }
        }
    }
}

impl Iterator for ChronikReader {
    type Item = ChronikItem;

    fn next(&mut self) -> Option<ChronikItem> {
        if let Some(q) = self.queued.take() {
            return Some(q);
        }
        if self.done {
            return None;
        }
        let item = self.next_item();
        if let Some(ChronikItem::Damage(_)) = &item {
            if self.opts.stop_at_first_error {
                self.done = true;
            }
        }
        item
    }
}

fn payload(data: Bytes) -> Payload {
    if data.first() == Some(&b'{') {
        if let Ok(v) = serde_json::from_slice(&data) {
            return Payload::Event(v);
        }
    }
    Payload::Legacy(data)
}

pub fn rfc3339_ms(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.timestamp_millis())
}

#[cfg(test)]
pub(crate) mod build {
    //! Writes Chronik records for tests.

    pub fn v2(offset: i64, json: &[u8]) -> Vec<u8> {
        let topic = b"__chronik_metadata";
        let mut body = Vec::new();
        body.extend_from_slice(&(topic.len() as u16).to_le_bytes());
        body.extend_from_slice(topic);
        body.extend_from_slice(&0i32.to_le_bytes());
        body.extend_from_slice(&(json.len() as u32).to_le_bytes());
        body.extend_from_slice(json);
        body.extend_from_slice(&offset.to_le_bytes());
        body.extend_from_slice(&offset.to_le_bytes());
        body.extend_from_slice(&1i32.to_le_bytes());
        let mut head = vec![0x7E, 0xCA, 2, 0];
        head.extend_from_slice(&(body.len() as u32).to_le_bytes());
        let mut h = crc32fast::Hasher::new();
        h.update(&head);
        h.update(&body);
        head.extend_from_slice(&h.finalize().to_le_bytes());
        head.extend_from_slice(&body);
        head
    }

    pub fn v1(offset: i64, timestamp: i64, value: &[u8]) -> Vec<u8> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: Vec<u8>) -> Vec<ChronikItem> {
        ChronikReader::new(Bytes::from(data), "w".into(), ReadOptions::default()).collect()
    }

    const EV: &[u8] =
        br#"{"timestamp":"2025-01-15T10:00:00.123Z","payload":{"type":"TopicDeleted","name":"t"}}"#;

    #[test]
    fn reads_v2_v1_and_legacy_payloads() {
        let mut data = build::v2(0, EV);
        data.extend(build::v1(1, 42, EV));
        data.extend(build::v2(2, b"\x01\x02bincode"));
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
        let mut a = build::v2(0, EV);
        let n = a.len();
        a[n - 5] ^= 0xff;
        a.extend(build::v2(1, EV));
        let items = read(a);
        assert!(
            matches!(&items[0], ChronikItem::Damage(d) if d.kind == DamageKind::BadCrc && d.byte_offset == 0)
        );
        assert!(matches!(&items[1], ChronikItem::Record(r) if r.offset == 1));
    }

    #[test]
    fn garbage_between_records_resyncs() {
        let mut a = build::v2(0, EV);
        let first = a.len();
        a.extend_from_slice(b"garbage garbage");
        a.extend(build::v2(1, EV));
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
        assert!(matches!(&items[2], ChronikItem::Record(r) if r.offset == 1));
    }

    #[test]
    fn torn_tail_keeps_what_came_before() {
        let mut a = build::v2(0, EV);
        let first = a.len();
        let b = build::v2(1, EV);
        a.extend_from_slice(&b[..b.len() / 2]);
        let items = read(a);
        assert!(matches!(&items[0], ChronikItem::Record(_)));
        assert!(
            matches!(&items[1], ChronikItem::Damage(d) if d.kind == DamageKind::TornTail && d.byte_offset == first as u64)
        );
    }
}
