//! How fast batches alone are read over a segment file in the page cache,
//! nothing else: groupctl's framing + CRC-32C + its zero-copy record iterator,
//! and the same batches through kafka-protocol's `RecordBatchDecoder`.
//! `cargo run --release --example decode_ceiling -- FILE` (see BENCHMARKS.md).

use groupctl::wal::segment::{SegmentItem, SegmentReader};
use groupctl::wal::source::Window;

fn main() {
    let path = std::env::args().nth(1).expect("decode_ceiling FILE");
    let size = std::fs::metadata(&path).unwrap().len();
    let t = std::time::Instant::now();
    let mut records = 0usize;
    let mut spans = Vec::new();
    let window = Window::open(path.as_ref(), size).unwrap();
    for item in SegmentReader::new(window, path.clone(), false) {
        if let SegmentItem::Batch(b) = item.unwrap() {
            records += b.records.len();
            if spans.len() < 200_000 {
                spans.push((b.meta.byte_pos, b.meta.byte_len));
            }
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "groupctl reader: {records} records, {size} bytes in {s:.3} s: {:.0} MB/s",
        size as f64 / s / 1e6
    );
    // kafka-protocol on the first batches (it decodes whole batches into owned records).
    let data = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let (mut n, mut bytes) = (0usize, 0u64);
    for (pos, len) in &spans {
        let mut b = bytes::Bytes::copy_from_slice(&data[*pos as usize..(*pos + *len) as usize]);
        bytes += len;
        n += kafka_protocol::records::RecordBatchDecoder::decode(&mut b)
            .map(|s| s.records.len())
            .unwrap_or(0);
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "kafka-protocol RecordBatchDecoder: {n} records, {bytes} bytes in {s:.3} s: {:.0} MB/s",
        bytes as f64 / s / 1e6
    );
}
