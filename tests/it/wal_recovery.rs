//! Broker mode on Kafka partitions: what Kafka itself loads from damaged
//! segments depends on the log directory's clean-shutdown marker and
//! recovery-point checkpoint (LogLoader / LogSegment.recover), and on what
//! the coordinator can read (CoordinatorLoaderImpl).

use crate::common;

use groupctl::wal::build::{self, BatchOpts, SegmentBuilder};
use serde_json::Value;
use std::path::Path;

const T0: i64 = 1_795_168_800_000;

fn commit(p: i32, offset: i64) -> (bytes::Bytes, Option<bytes::Bytes>) {
    (
        build::offset_key("g", "t", p),
        Some(build::offset_value(offset, 0, "", T0)),
    )
}

/// A log directory with __consumer_offsets-3 in two segments (offsets 0-2 and
/// 3-5, one commit per batch, partition = offset); the second batch of the
/// first segment has a bad checksum. Returns the log dir.
fn log_dir(root: &Path) -> std::path::PathBuf {
    let part = root.join("__consumer_offsets-3");
    std::fs::create_dir_all(&part).unwrap();
    let mut seg = SegmentBuilder::new();
    let mut third = 0;
    for i in 0..3 {
        if i == 2 {
            third = seg.len();
        }
        seg.batch(&[commit(i, 10 + i as i64)], BatchOpts::default());
    }
    let mut first = seg.finish();
    // The last byte of the second batch's commit timestamp: checksum damage, readable content.
    first[third - 2] ^= 0x01;
    std::fs::write(part.join("00000000000000000000.log"), first).unwrap();
    let mut seg = SegmentBuilder::new();
    seg.next_offset = 3;
    for i in 3..6 {
        seg.batch(&[commit(i, 10 + i as i64)], BatchOpts::default());
    }
    std::fs::write(part.join("00000000000000000003.log"), seg.finish()).unwrap();
    part
}

fn replay(path: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["wal", "replay", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = common::outcome(common::groupctl().args(&args));
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}")),
    )
}

fn partitions(st: &Value) -> Vec<i64> {
    st["groups"]["g"]["offsets"]["t"]
        .as_object()
        .map(|o| o.keys().map(|k| k.parse().unwrap()).collect())
        .unwrap_or_default()
}

#[test]
fn without_checkpoints_kafka_truncates_and_deletes_later_segments() {
    let root = tempfile::tempdir().unwrap();
    let part = log_dir(root.path());
    let (code, st) = replay(&part, &[]);
    assert_eq!(code, 4);
    assert_eq!(partitions(&st), vec![0]);
    assert_eq!(st["errors"][0]["effect"], "truncates");
    assert_eq!(
        st["not_loaded_records"], 4,
        "batch 2 of segment 0 and all of segment 3"
    );
    assert!(st["recovery_rules"][1]
        .as_str()
        .unwrap()
        .contains("every segment validated"));
    let (_, st) = replay(&part, &["--salvage"]);
    assert_eq!(partitions(&st), vec![0, 2, 3, 4, 5]);
}

#[test]
fn a_recovery_point_past_the_damage_loads_the_bad_batch_as_written() {
    let root = tempfile::tempdir().unwrap();
    let part = log_dir(root.path());
    std::fs::write(
        root.path().join("recovery-point-offset-checkpoint"),
        "0\n1\n__consumer_offsets 3 4\n",
    )
    .unwrap();
    // Segment 0 is before the recovery point: not validated, read without CRC checks.
    let (code, st) = replay(&part, &[]);
    assert_eq!(code, 4, "still reported");
    assert_eq!(st["errors"][0]["effect"], "applied");
    assert_eq!(partitions(&st), vec![0, 1, 2, 3, 4, 5]);
    assert!(st["recovery_rules"][1]
        .as_str()
        .unwrap()
        .contains("segments from offset 3 on validated (unclean shutdown, recovery point 4)"));
    // After a clean shutdown nothing is validated either.
    std::fs::remove_file(root.path().join("recovery-point-offset-checkpoint")).unwrap();
    std::fs::write(root.path().join(".kafka_cleanshutdown"), "").unwrap();
    let (_, st) = replay(&part, &[]);
    assert_eq!(partitions(&st), vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn a_batch_the_coordinator_cannot_read_fails_the_load() {
    let root = tempfile::tempdir().unwrap();
    let part = root.path().join("__consumer_offsets-3");
    std::fs::create_dir_all(&part).unwrap();
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit(0, 10)], BatchOpts::default());
    let mut data = seg.finish();
    // A valid checksum around an offset commit value Kafka cannot deserialize (version 9).
    let bad = build::raw_record(
        0,
        0,
        Some(&build::offset_key("g", "t", 1)),
        Some(&[0, 9, 1, 2]),
        0,
    );
    data.extend(build::raw_batch(1, 0, T0, &[bad]));
    let mut seg = SegmentBuilder::new();
    seg.next_offset = 2;
    seg.batch(&[commit(2, 12)], BatchOpts::default());
    data.extend(seg.finish());
    std::fs::write(part.join("00000000000000000000.log"), data).unwrap();
    let (code, st) = replay(&part, &[]);
    assert_eq!(code, 4);
    assert_eq!(st["errors"][0]["effect"], "load_fails");
    assert_eq!(partitions(&st), vec![0]);
    let (_, out, err) =
        common::outcome(common::groupctl().args(["wal", "replay", part.to_str().unwrap()]));
    assert!(err.contains("the broker fails to load"), "{out}{err}");
    // Salvage keeps the undecodable record raw and applies the rest.
    let (_, st) = replay(&part, &["--salvage"]);
    assert_eq!(partitions(&st), vec![0, 2]);
    assert_eq!(st["unknown"]["record type 1"], 1);
}
