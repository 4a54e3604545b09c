//! How fast the mandated record-batch decoder alone goes over a segment:
//! framing + CRC-32C + kafka-protocol's RecordBatchDecoder, nothing else.
//! `cargo run --release --example decode_ceiling -- FILE` (see BENCHMARKS.md).

use groupctl::wal::segment::{SegmentItem, SegmentReader};
use groupctl::wal::ReadOptions;

fn main() {
    let path = std::env::args().nth(1).expect("decode_ceiling FILE");
    let data = bytes::Bytes::from(std::fs::read(&path).unwrap());
    let size = data.len();
    let t = std::time::Instant::now();
    let mut records = 0usize;
    for item in SegmentReader::new(data, path.clone(), ReadOptions::default()) {
        if let SegmentItem::Batch(_, recs) = item {
            records += recs.len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{records} records, {size} bytes in {s:.3} s: {:.0} MB/s",
        size as f64 / s / 1e6
    );
}
