//! Decompression of record batches with a bound on the output, so a corrupt
//! or hostile segment cannot make us allocate without limit. Codecs as Kafka
//! writes them: gzip, snappy (xerial framing or raw), lz4 frames, zstd.

use std::io::Read;

/// Largest decompressed batch accepted (Kafka's own message limits are far below).
pub const MAX_DECOMPRESSED: usize = 256 * 1024 * 1024;
/// Beyond 4 MiB, a batch may decompress to at most this many times its size:
/// real record batches compress a few to a few dozen times; a few corrupt
/// bytes that would expand to hundreds of MB are damage, not data.
const MAX_RATIO: usize = 1024;

/// The most `compressed` bytes may decompress to.
pub fn limit_for(compressed: usize) -> usize {
    compressed
        .saturating_mul(MAX_RATIO)
        .clamp(4 << 20, MAX_DECOMPRESSED)
}

fn too_big(limit: usize) -> String {
    format!("decompresses to more than {limit} bytes")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

impl Codec {
    pub fn from_attributes(attributes: i16) -> Option<Codec> {
        match attributes & 0x7 {
            0 => Some(Codec::None),
            1 => Some(Codec::Gzip),
            2 => Some(Codec::Snappy),
            3 => Some(Codec::Lz4),
            4 => Some(Codec::Zstd),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Codec::None => "none",
            Codec::Gzip => "gzip",
            Codec::Snappy => "snappy",
            Codec::Lz4 => "lz4",
            Codec::Zstd => "zstd",
        }
    }
}

fn read_bounded(mut r: impl Read, hint: usize, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(hint.min(1 << 20));
    let n = r
        .by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if n > limit {
        return Err(too_big(limit));
    }
    Ok(out)
}

thread_local! {
    /// One zstd decompression context per thread, reused for every batch
    /// (creating one per batch costs more than decompressing a small batch).
    static ZSTD: std::cell::RefCell<Option<zstd::stream::raw::Decoder<'static>>> = const { std::cell::RefCell::new(None) };
}

fn zstd_bounded(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use zstd::stream::raw::{InBuffer, Operation, OutBuffer};
    ZSTD.with(|cell| {
        let mut slot = cell.borrow_mut();
        let dec = match slot.as_mut() {
            Some(d) => {
                d.reinit().map_err(|e| e.to_string())?;
                d
            }
            None => slot.insert(zstd::stream::raw::Decoder::new().map_err(|e| e.to_string())?),
        };
        let mut out: Vec<u8> = Vec::with_capacity((data.len() * 4).clamp(64, 1 << 20));
        let mut input = InBuffer::around(data);
        loop {
            if out.len() == out.capacity() {
                if out.len() > limit {
                    return Err(too_big(limit));
                }
                out.reserve(out.len());
            }
            let before = (input.pos(), out.len());
            let pos = out.len();
            let hint = {
                let mut ob = OutBuffer::around_pos(&mut out, pos);
                dec.run(&mut input, &mut ob).map_err(|e| e.to_string())?
            };
            if hint == 0 && input.pos() == data.len() {
                if out.len() > limit {
                    return Err(too_big(limit));
                }
                return Ok(out);
            }
            if (input.pos(), out.len()) == before && out.len() < out.capacity() {
                return Err("truncated zstd frame".into());
            }
        }
    })
}

const XERIAL_MAGIC: &[u8] = &[0x82, b'S', b'N', b'A', b'P', b'P', b'Y', 0];

fn snappy_block(block: &[u8], out: &mut Vec<u8>, limit: usize) -> Result<(), String> {
    let len = snap::raw::decompress_len(block).map_err(|e| e.to_string())?;
    if out.len() + len > limit {
        return Err(too_big(limit));
    }
    let start = out.len();
    out.resize(start + len, 0);
    snap::raw::Decoder::new()
        .decompress(block, &mut out[start..])
        .map_err(|e| e.to_string())?;
    Ok(())
}

pub fn decompress(codec: Codec, data: &[u8]) -> Result<Vec<u8>, String> {
    let limit = limit_for(data.len());
    match codec {
        Codec::None => Ok(data.to_vec()),
        Codec::Gzip => read_bounded(flate2::read::GzDecoder::new(data), data.len() * 4, limit),
        Codec::Zstd => zstd_bounded(data, limit),
        Codec::Lz4 => read_bounded(
            lz4::Decoder::new(data).map_err(|e| e.to_string())?,
            data.len() * 4,
            limit,
        ),
        Codec::Snappy => {
            let mut out = Vec::new();
            if data.starts_with(XERIAL_MAGIC) {
                // Xerial framing: 8-byte magic, two 4-byte versions, then [len][block]...
                let mut rest = data.get(16..).ok_or("truncated xerial snappy header")?;
                while !rest.is_empty() {
                    let (len, tail) = rest
                        .split_at_checked(4)
                        .ok_or("truncated xerial snappy block length")?;
                    let len = u32::from_be_bytes(len.try_into().expect("4 bytes")) as usize;
                    let (block, tail) = tail
                        .split_at_checked(len)
                        .ok_or("xerial snappy block runs past the batch")?;
                    snappy_block(block, &mut out, limit)?;
                    rest = tail;
                }
            } else {
                snappy_block(data, &mut out, limit)?;
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn round_trips_every_codec() {
        let payload: Vec<u8> = (0..5000u32).flat_map(|i| (i % 97).to_be_bytes()).collect();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&payload).unwrap();
        assert_eq!(
            decompress(Codec::Gzip, &gz.finish().unwrap()).unwrap(),
            payload
        );
        let z = zstd::encode_all(&payload[..], 3).unwrap();
        assert_eq!(decompress(Codec::Zstd, &z).unwrap(), payload);
        let mut lz = lz4::EncoderBuilder::new().build(Vec::new()).unwrap();
        lz.write_all(&payload).unwrap();
        let (lz, r) = lz.finish();
        r.unwrap();
        assert_eq!(decompress(Codec::Lz4, &lz).unwrap(), payload);
        let raw = snap::raw::Encoder::new().compress_vec(&payload).unwrap();
        assert_eq!(decompress(Codec::Snappy, &raw).unwrap(), payload);
        let mut xerial = XERIAL_MAGIC.to_vec();
        xerial.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1]);
        xerial.extend_from_slice(&(raw.len() as u32).to_be_bytes());
        xerial.extend_from_slice(&raw);
        assert_eq!(decompress(Codec::Snappy, &xerial).unwrap(), payload);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for codec in [Codec::Gzip, Codec::Snappy, Codec::Lz4, Codec::Zstd] {
            assert!(
                decompress(codec, b"\x00\x01\x02garbage").is_err(),
                "{codec:?}"
            );
        }
        // A snappy header claiming a huge output is refused before allocating.
        assert!(decompress(Codec::Snappy, &[0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }

    #[test]
    fn a_few_bytes_may_not_expand_to_hundreds_of_megabytes() {
        let zeros = vec![0u8; 8 << 20];
        for (codec, packed) in [
            (Codec::Zstd, zstd::encode_all(&zeros[..], 19).unwrap()),
            (Codec::Gzip, {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                gz.write_all(&zeros).unwrap();
                gz.finish().unwrap()
            }),
        ] {
            assert!(
                packed.len() * 1024 < zeros.len(),
                "{codec:?}: {}",
                packed.len()
            );
            let err = decompress(codec, &packed).unwrap_err();
            assert!(
                err.contains("decompresses to more than"),
                "{codec:?}: {err}"
            );
        }
        // 4 MiB are always allowed.
        let small = zstd::encode_all(&zeros[..4 << 20], 19).unwrap();
        assert_eq!(decompress(Codec::Zstd, &small).unwrap().len(), 4 << 20);
    }
}
