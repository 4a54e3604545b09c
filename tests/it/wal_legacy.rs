//! Legacy message sets (magic 0 and 1, Kafka before 0.11), written by
//! `wal::build` as old brokers laid them out, read back through the binary:
//! absolute and relative inner offsets, create and log-append times,
//! compressed wrappers, bad checksums, nested compression.

use crate::common;

use groupctl::wal::build;
use serde_json::Value;
use std::path::{Path, PathBuf};

const T: i64 = 1_500_000_000_000; // 2017-07-14T02:40:00Z

fn commit_v1(group: &str, p: i32, offset: i64) -> (Vec<u8>, Vec<u8>) {
    (
        build::offset_key(group, "orders", p).to_vec(),
        build::offset_value_v1(offset, "", T, T + 86_400_000).to_vec(),
    )
}

fn write(dir: &Path, data: &[u8]) -> PathBuf {
    let p = dir.join("00000000000000000000.log");
    std::fs::write(&p, data).unwrap();
    p
}

fn inspect(path: &Path, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["wal", "inspect", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = common::outcome(common::groupctl().args(&args));
    let lines = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l} {err}")))
        .collect();
    (code, lines)
}

fn offsets_and_times(lines: &[Value]) -> Vec<(i64, Option<i64>)> {
    lines
        .iter()
        .filter(|l| l["type"] != "damage")
        .map(|l| (l["offset"].as_i64().unwrap(), l["timestamp"].as_i64()))
        .collect()
}

#[test]
fn magic_0_and_1_messages_and_wrappers() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = Vec::new();
    // Magic 0: no timestamps.
    for (i, p) in [0, 1].into_iter().enumerate() {
        let (k, v) = commit_v1("old", p, 100 + p as i64);
        log.extend(build::legacy_entry(0, i as i64, 0, -1, Some(&k), Some(&v)));
    }
    // Magic 1, create time.
    let (k, v) = commit_v1("old", 2, 102);
    log.extend(build::legacy_entry(1, 2, 0, T + 5, Some(&k), Some(&v)));
    // Magic 1 gzip wrapper: inner offsets relative, the wrapper holds the last absolute one.
    let inner: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            let (k, v) = commit_v1("wrapped", i, 200 + i as i64);
            build::legacy_entry(1, i as i64, 0, T + 10 + i as i64, Some(&k), Some(&v))
        })
        .collect();
    log.extend(build::legacy_gzip_wrapper(1, 5, 0, T + 20, &inner));
    // The same with LogAppendTime on the wrapper: every inner record gets the wrapper's time.
    let inner: Vec<Vec<u8>> = (0..2)
        .map(|i| {
            let (k, v) = commit_v1("appended", i, 300 + i as i64);
            build::legacy_entry(1, i as i64, 0, T + 30 + i as i64, Some(&k), Some(&v))
        })
        .collect();
    log.extend(build::legacy_gzip_wrapper(1, 7, 0x08, T + 99, &inner));
    // Magic 0 gzip wrapper: inner offsets are absolute.
    let inner: Vec<Vec<u8>> = (0..2)
        .map(|i| {
            let (k, v) = commit_v1("zero", i, 400 + i as i64);
            build::legacy_entry(0, 8 + i as i64, 0, -1, Some(&k), Some(&v))
        })
        .collect();
    log.extend(build::legacy_gzip_wrapper(0, 9, 0, -1, &inner));
    let path = write(dir.path(), &log);
    let (code, lines) = inspect(&path, &[]);
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(
        offsets_and_times(&lines),
        vec![
            (0, None),
            (1, None),
            (2, Some(T + 5)),
            (3, Some(T + 10)),
            (4, Some(T + 11)),
            (5, Some(T + 12)),
            (6, Some(T + 99)),
            (7, Some(T + 99)),
            (8, None),
            (9, None),
        ]
    );
    assert_eq!(lines[0]["batch"]["magic"], 0);
    assert_eq!(lines[3]["batch"]["compression"], "gzip");
    assert_eq!(lines[6]["batch"]["log_append_time"], true);
    // The records decode as offset commits (value v1 with an expiry).
    let r = &lines[4]["record"];
    assert_eq!(
        (r["group"].as_str(), r["partition"].as_i64()),
        (Some("wrapped"), Some(1))
    );
    assert_eq!(r["value"]["offset"], 201);
    assert_eq!(r["value"]["expire_timestamp"], T + 86_400_000);
    let (code, out, _) = common::outcome(common::groupctl().args([
        "wal",
        "replay",
        path.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(code, 0);
    let st: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        st["groups"]["zero"]["offsets"]["orders"]["1"]["offset"],
        401
    );
    assert_eq!(
        st["groups"]["appended"]["offsets"]["orders"]["0"]["offset"],
        300
    );
}

#[test]
fn legacy_damage_bad_crc_and_nested_compression() {
    let dir = tempfile::tempdir().unwrap();
    let entries: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            let (k, v) = commit_v1("g", i, 10 + i as i64);
            build::legacy_entry(1, i as i64, 0, T, Some(&k), Some(&v))
        })
        .collect();
    let mut bad = entries[1].clone();
    let n = bad.len();
    bad[n - 3] ^= 0xff; // inside the value: the CRC-32 no longer matches
    let log = [entries[0].clone(), bad, entries[2].clone()].concat();
    let path = write(dir.path(), &log);
    let (code, lines) = inspect(&path, &["--salvage"]);
    assert_eq!(code, 4);
    assert_eq!(
        offsets_and_times(&lines)
            .iter()
            .map(|x| x.0)
            .collect::<Vec<_>>(),
        vec![0, 2]
    );
    let d = lines.iter().find(|l| l["type"] == "damage").unwrap();
    assert_eq!(
        (d["kind"].as_str(), d["skipped_bytes"].as_u64()),
        (Some("bad_crc"), Some(n as u64))
    );
    // Kafka's recovery truncates there.
    let (_, lines) = inspect(&path, &[]);
    assert_eq!(offsets_and_times(&lines).len(), 1);
    // A compressed message inside a compressed wrapper is refused, the rest read.
    let inner = build::legacy_gzip_wrapper(1, 0, 0, T, &[entries[0].clone()]);
    let nested = build::legacy_gzip_wrapper(1, 3, 0, T, &[inner]);
    let log = [nested, entries[2].clone()].concat();
    let path = write(dir.path(), &log);
    let (code, lines) = inspect(&path, &["--salvage"]);
    assert_eq!(code, 4);
    let d = lines.iter().find(|l| l["type"] == "damage").unwrap();
    assert_eq!(d["kind"], "undecodable");
    assert!(d["detail"]
        .as_str()
        .unwrap()
        .contains("inside a compressed wrapper"));
    assert_eq!(
        offsets_and_times(&lines)
            .iter()
            .map(|x| x.0)
            .collect::<Vec<_>>(),
        vec![2]
    );
}
