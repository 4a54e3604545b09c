//! Finding the next valid batch after damage, in one linear pass: cheap
//! header checks on every byte position, the checksum only where they pass.

use super::{be_i32, be_u32, SegmentItem, SegmentReader, MAX_BATCH, PREFIX, SCAN_STEP};
use crate::wal::legacy::MIN_MESSAGE;
use crate::wal::records::HEADER;
use crate::wal::source::ReadFailure;
use crate::wal::Damage;

/// Could a batch start at the front of `h` (at file position `pos`)? Only
/// header fields are looked at — sizes, magic, attribute bits Kafka never
/// sets, counts that cannot be — so random bytes almost never reach the
/// checksum. `h` may be short near the end of the file.
pub(super) fn plausible(h: &[u8], pos: u64, file_len: u64) -> bool {
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
    pub(super) fn scan(&mut self, from: u64) -> Result<Option<u64>, ReadFailure> {
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
    pub(super) fn skip_to_next(
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
    pub(super) fn first_nonzero(&mut self, at: u64) -> Result<Option<u64>, ReadFailure> {
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
}
