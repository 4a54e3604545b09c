//! Chronik's own start-up reading of its metadata WAL
//! (`MetadataWal::read_all_wal_records`, v2.10.4): no checksum check, only
//! version 2, a zero length stops, each record as long as its body fields
//! say (the header's length is not used), and the first record it cannot
//! read ends the file.

use super::{
    event_time, le_u32, payload, v2_fields, ChronikItem, ChronikReader, ChronikRecord, MAGIC,
    MAX_RECORD, V2_HEADER,
};
use crate::wal::source::ReadFailure;
use crate::wal::{DamageKind, Effect};

impl ChronikReader {
    /// One record as Chronik's start-up reads it; the first it cannot read ends the file.
    pub(super) fn loader_item(&mut self) -> Result<Option<ChronikItem>, ReadFailure> {
        let at = self.pos;
        let len = self.w.len();
        if at >= len {
            return Ok(None);
        }
        let stop = |me: &mut Self, kind: DamageKind, why: String| {
            me.done = true;
            let mut d = me.damage(
                kind,
                at,
                None,
                format!("{why}; Chronik stops reading this file here"),
            );
            d.skipped_bytes = Some(len - at);
            d.effect = Effect::StopsFile;
            Ok(Some(ChronikItem::Damage(d)))
        };
        if !self.w.fill(at, V2_HEADER)? {
            self.done = true;
            if self.w.from(at).iter().all(|b| *b == 0) {
                return Ok(None);
            }
            return stop(
                self,
                DamageKind::TornTail,
                format!("{} bytes at the end, less than a record header", len - at),
            );
        }
        let h = self.w.get(at, V2_HEADER).to_vec();
        let magic = u16::from_le_bytes([h[0], h[1]]);
        let length = le_u32(&h[4..8]) as u64;
        if magic != MAGIC || h[2] != 2 || length == 0 {
            if h[0] == 0 && self.first_nonzero(at)?.is_none() {
                self.done = true;
                return Ok(None);
            }
            let (kind, why) = if magic != MAGIC {
                (
                    DamageKind::BadMagic,
                    format!("magic {magic:#06x} at byte {at}"),
                )
            } else if h[2] != 2 {
                (
                    DamageKind::BadVersion,
                    format!(
                        "record at byte {at} has version {} (Chronik reads only version 2)",
                        h[2]
                    ),
                )
            } else {
                (
                    DamageKind::BadLength,
                    format!("record at byte {at} declares length 0"),
                )
            };
            return stop(self, kind, why);
        }
        // The body is read field by field, whatever the header's length says.
        let want = (length as usize)
            .clamp(64, MAX_RECORD)
            .min((len - at) as usize - V2_HEADER);
        // Filled from `at`, so that a stop here can be read again from `at`.
        self.w.fill(at, V2_HEADER + want)?;
        let fields = loop {
            let body = self.w.from(at).get(V2_HEADER..).unwrap_or_default();
            match v2_fields(body) {
                Ok(f) => break Ok(f),
                Err(e)
                    if (body.len() as u64) < len - at - V2_HEADER as u64
                        && body.len() < MAX_RECORD =>
                {
                    let more = (body.len() * 2).min(MAX_RECORD);
                    self.w.fill(at, V2_HEADER + more)?;
                    let _ = e;
                }
                Err(e) => break Err(e),
            }
        };
        let (start, data_len, offset, used) = match fields {
            Ok(f) => f,
            Err(e) => {
                return stop(
                    self,
                    DamageKind::TornTail,
                    format!("record at byte {at}: {e}"),
                )
            }
        };
        let end = at + (V2_HEADER + used) as u64;
        let body = self.w.slice(at + V2_HEADER as u64, used);
        let payload = payload(body.slice(start..start + data_len));
        let record = ChronikRecord {
            byte_pos: at,
            byte_len: end - at,
            version: 2,
            offset,
            timestamp: event_time(&payload),
            payload,
        };
        self.pos = end;
        // What Chronik does not check is still damage to report.
        let stored = le_u32(&h[8..12]);
        let damage = if length != used as u64 {
            Some((DamageKind::BadLength, format!("record at byte {at} declares length {length} but its fields take {used} bytes; Chronik reads by the fields: applied")))
        } else {
            let mut hasher = crc32fast::Hasher::new();
            hasher.update(&h[..8]);
            hasher.update(&body);
            let actual = hasher.finalize();
            (actual != stored).then(|| (DamageKind::BadCrc, format!("record at byte {at} has CRC-32 {stored:08x}, computed {actual:08x}; Chronik does not check it: applied")))
        };
        match damage {
            Some((kind, why)) => {
                let mut d = self.damage(kind, at, Some(offset), why);
                d.effect = Effect::Applied;
                self.queued = Some(ChronikItem::Record(record));
                Ok(Some(ChronikItem::Damage(d)))
            }
            None => Ok(Some(ChronikItem::Record(record))),
        }
    }
}
