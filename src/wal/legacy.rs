//! Legacy message sets (magic 0 and 1, Kafka before 0.11): one message per
//! log entry, or a compressed wrapper whose value is an inner message set.
//! Offsets and timestamps are read as Kafka's `AbstractLegacyRecordBatch`
//! reads them: magic-1 wrappers carry the last inner offset (inner offsets are
//! relative), and a LogAppendTime wrapper's timestamp is every inner record's.

use super::compress::{self, Codec};
use super::records::{RecordSpan, Span};
use crate::model::cursor::Cursor;
use bytes::Bytes;

/// crc + magic + attributes + key length + value length.
pub const MIN_MESSAGE: usize = 14;

/// A legacy entry, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyEntry {
    pub magic: i8,
    pub codec: Codec,
    /// Bit 3 of a magic-1 message: the broker's write time.
    pub log_append_time: bool,
    pub timestamp: i64,
    /// Where the records' keys and values lie: the entry itself, or the decompressed inner set.
    pub body: Bytes,
    pub records: Vec<RecordSpan>,
}

struct Message {
    magic: i8,
    attributes: i8,
    timestamp: i64,
    key: Option<Span>,
    value: Option<Span>,
}

fn nullable(c: &mut Cursor, what: &'static str, base: usize) -> Result<Option<Span>, String> {
    let n = c.i32(what).map_err(|e| e.to_string())?;
    if n < 0 {
        return Ok(None);
    }
    let start = base + c.pos();
    c.take(n as usize, what).map_err(|e| e.to_string())?;
    Ok(Some(Span {
        start: start as u32,
        len: n as u32,
    }))
}

/// One message from its magic byte to its end; spans are relative to `base`.
fn message(b: &[u8], base: usize) -> Result<Message, String> {
    let mut c = Cursor::new(b);
    let magic = c.i8("magic").map_err(|e| e.to_string())?;
    if !(0..=1).contains(&magic) {
        return Err(format!("magic {magic} in a legacy message set"));
    }
    let attributes = c.i8("attributes").map_err(|e| e.to_string())?;
    let timestamp = if magic == 1 {
        c.i64("timestamp").map_err(|e| e.to_string())?
    } else {
        -1
    };
    let key = nullable(&mut c, "key", base)?;
    let value = nullable(&mut c, "value", base)?;
    if !c.is_empty() {
        return Err(format!("{} bytes after the value", c.remaining()));
    }
    Ok(Message {
        magic,
        attributes,
        timestamp,
        key,
        value,
    })
}

fn codec(attributes: i8) -> Result<Codec, String> {
    match attributes & 7 {
        0 => Ok(Codec::None),
        1 => Ok(Codec::Gzip),
        2 => Ok(Codec::Snappy),
        3 => Ok(Codec::Lz4),
        c => Err(format!("compression codec {c} in a legacy message")),
    }
}

/// Read one log entry (offset, size, crc, message) at `offset`; the CRC was checked by the caller.
pub fn read(entry: Bytes, offset: i64) -> Result<LegacyEntry, String> {
    if entry.len() > u32::MAX as usize {
        return Err("entry too large".into());
    }
    let m = message(entry.get(16..).ok_or("shorter than a message header")?, 16)?;
    let codec = codec(m.attributes)?;
    let log_append_time = m.magic == 1 && m.attributes & 0x08 != 0;
    if codec == Codec::None {
        return Ok(LegacyEntry {
            magic: m.magic,
            codec,
            log_append_time,
            timestamp: m.timestamp,
            records: vec![RecordSpan {
                offset,
                timestamp: m.timestamp,
                key: m.key,
                value: m.value,
            }],
            body: entry,
        });
    }
    let compressed = m
        .value
        .ok_or("compressed wrapper without a value")?
        .of(&entry);
    let inner = Bytes::from(compress::decompress(codec, compressed)?);
    if inner.len() > u32::MAX as usize {
        return Err("inner message set too large".into());
    }
    let mut records = Vec::new();
    let mut c = Cursor::new(&inner);
    while !c.is_empty() {
        let inner_offset = c.i64("inner offset").map_err(|e| e.to_string())?;
        let size = c.i32("inner size").map_err(|e| e.to_string())?;
        if size < MIN_MESSAGE as i32 {
            return Err(format!("inner message size {size}"));
        }
        let start = c.pos();
        let msg = c
            .take(size as usize, "inner message")
            .map_err(|e| e.to_string())?;
        // Skip the inner CRC (Kafka does not check it when iterating a wrapper).
        let im = message(&msg[4..], start + 4)?;
        if codec_is_compressed(im.attributes) {
            return Err("a compressed message inside a compressed wrapper".into());
        }
        records.push(RecordSpan {
            offset: inner_offset,
            timestamp: if log_append_time {
                m.timestamp
            } else {
                im.timestamp
            },
            key: im.key,
            value: im.value,
        });
    }
    // Magic 1 wrappers carry the absolute offset of the last inner message; inner offsets are relative.
    if m.magic == 1 {
        if let Some(last) = records.last().map(|r| r.offset) {
            let base = offset.wrapping_sub(last);
            for r in &mut records {
                r.offset = base.wrapping_add(r.offset);
            }
        }
    }
    Ok(LegacyEntry {
        magic: m.magic,
        codec,
        log_append_time,
        timestamp: m.timestamp,
        body: inner,
        records,
    })
}

fn codec_is_compressed(attributes: i8) -> bool {
    attributes & 7 != 0
}
