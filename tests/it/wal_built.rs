//! Coordinator logs written with known content (`groupctl::wal::build`:
//! batches encoded by kafka-protocol) and read back through the binary:
//! every codec, transactions, tombstones, value versions, KIP-848 records,
//! bad checksums.

use crate::common;

use bytes::Bytes;
use groupctl::wal::build::{self, BatchOpts, MemberSpec, SegmentBuilder};
use kafka_protocol::records::Compression;
use serde_json::Value;
use std::path::{Path, PathBuf};

const T0: i64 = 1_795_168_800_000; // 2026-11-20T10:00:00Z

fn run(args: &[&str]) -> (i32, String, String) {
    common::outcome(common::groupctl().args(args))
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

fn replay(path: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["wal", "replay", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}")),
    )
}

fn commit(group: &str, topic: &str, p: i32, offset: i64) -> (Bytes, Option<Bytes>) {
    (
        build::offset_key(group, topic, p),
        Some(build::offset_value(offset, 3, "", T0)),
    )
}

fn at(ts: i64) -> BatchOpts {
    BatchOpts {
        timestamp: ts,
        ..Default::default()
    }
}

#[test]
fn every_codec_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut seg = SegmentBuilder::new();
    let codecs = [
        Compression::None,
        Compression::Gzip,
        Compression::Snappy,
        Compression::Lz4,
        Compression::Zstd,
    ];
    for (i, c) in codecs.iter().enumerate() {
        let recs: Vec<_> = (0..3)
            .map(|p| commit("billing", "orders", p, 100 * i as i64 + p as i64))
            .collect();
        seg.batch(
            &recs,
            BatchOpts {
                compression: *c,
                timestamp: T0 + i as i64 * 1000,
                txn: None,
            },
        );
    }
    let path = write(dir.path(), "00000000000000000000.log", &seg.finish());
    let (code, out, err) = run(&["wal", "inspect", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 15);
    assert_eq!(lines[0], "0  2026-11-20T10:00:00.000Z  offset_commit  group=billing orders-0 -> 0 (meta \"\", epoch 3, committed 2026-11-20T10:00:00.000Z)");
    assert_eq!(lines[4], "4  2026-11-20T10:00:01.001Z  [gzip]  offset_commit  group=billing orders-1 -> 101 (meta \"\", epoch 3, committed 2026-11-20T10:00:00.000Z)");
    for (i, name) in ["snappy", "lz4", "zstd"].iter().enumerate() {
        assert!(
            lines[6 + 3 * i].contains(&format!("[{name}]")),
            "{}",
            lines[6 + 3 * i]
        );
    }
    let (_, state) = replay(&path, &[]);
    let orders = &state["groups"]["billing"]["offsets"]["orders"];
    assert_eq!(
        [
            &orders["0"]["offset"],
            &orders["1"]["offset"],
            &orders["2"]["offset"]
        ],
        [400, 401, 402]
    );
    assert_eq!(state["batches"], 5);
}

#[test]
fn transactions_commit_abort_and_pending() {
    let dir = tempfile::tempdir().unwrap();
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[
            commit("etl", "orders", 0, 10),
            commit("etl", "orders", 1, 10),
        ],
        at(T0),
    );
    // pid 42 commits orders-0 and orders-1 in a transaction...
    seg.batch(
        &[
            commit("etl", "orders", 0, 50),
            commit("etl", "orders", 1, 50),
        ],
        BatchOpts {
            txn: Some((42, 0)),
            ..at(T0 + 1000)
        },
    );
    // ...a plain commit to orders-1 lands after the transactional write and before the marker: it wins.
    seg.batch(&[commit("etl", "orders", 1, 77)], at(T0 + 1500));
    seg.marker(42, 0, true, T0 + 2000);
    // pid 43 aborts.
    seg.batch(
        &[commit("etl", "orders", 2, 999)],
        BatchOpts {
            txn: Some((43, 1)),
            ..at(T0 + 3000)
        },
    );
    seg.marker(43, 1, false, T0 + 4000);
    // pid 44 is still open at the end of the log.
    seg.batch(
        &[commit("etl", "orders", 0, 500)],
        BatchOpts {
            txn: Some((44, 2)),
            ..at(T0 + 5000)
        },
    );
    let path = write(dir.path(), "00000000000000000000.log", &seg.finish());

    let (code, state) = replay(&path, &[]);
    assert_eq!(code, 0);
    let orders = &state["groups"]["etl"]["offsets"]["orders"];
    assert_eq!(orders["0"]["offset"], 50, "committed transaction applied");
    assert_eq!(orders["0"]["transactional"], true);
    assert_eq!(
        orders["1"]["offset"], 77,
        "later plain commit beats the older transactional write"
    );
    assert!(orders.get("2").is_none(), "aborted transaction discarded");
    assert_eq!(state["control_batches"], 2);
    let pending = state["pending_transactions"].as_array().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["producer_id"], 44);
    assert_eq!(pending[0]["offsets"], 1);
    assert_eq!(pending[0]["groups"], serde_json::json!(["etl"]));

    // Before pid 42's marker, its writes are pending.
    let (_, early) = replay(&path, &["--as-of", "3"]);
    assert_eq!(
        early["groups"]["etl"]["offsets"]["orders"]["0"]["offset"],
        10
    );
    assert_eq!(early["pending_transactions"][0]["producer_id"], 42);

    let (_, out, _) = run(&[
        "wal",
        "inspect",
        path.to_str().unwrap(),
        "--from-offset",
        "2",
        "--to-offset",
        "5",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2  2026-11-20T10:00:01.000Z  [txn pid=42 epoch=0]  offset_commit  group=etl orders-0 -> 50 (meta \"\", epoch 3, committed 2026-11-20T10:00:00.000Z)");
    assert_eq!(lines[3], "5  2026-11-20T10:00:02.000Z  [control pid=42 epoch=0]  control  COMMIT (coordinator epoch 7)");
    let (_, table, _) = run(&["wal", "replay", path.to_str().unwrap()]);
    assert!(table.contains("Pending transaction: producer 44 epoch 2 since offset 8: 1 offset write for etl not applied"), "{table}");
}

#[test]
fn tombstones_versions_and_group_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let mut seg = SegmentBuilder::new();
    let members = [MemberSpec {
        member_id: "m-1",
        instance_id: Some("pod-1"),
        client_id: "c-1",
        host: "/10.0.0.1",
        topics: &["orders"],
        assignment: &[("orders", &[0, 1])],
    }];
    seg.batch(
        &[(
            build::group_key(2, "old"),
            Some(build::group_value(4, "range", Some("m-1"), T0, &members)),
        )],
        at(T0),
    );
    seg.batch(
        &[
            (
                build::offset_key("old", "orders", 0),
                Some(build::offset_value_v1(5, "v1", T0, T0 + 86_400_000)),
            ),
            (
                build::offset_key("old", "orders", 1),
                Some(build::offset_value_v4(6, 9, "flex", T0)),
            ),
            (
                build::offset_key("old", "orders", 2),
                Some(build::offset_value(7, 1, "", T0)),
            ),
        ],
        at(T0 + 1),
    );
    seg.batch(&[(build::offset_key("old", "orders", 2), None)], at(T0 + 2));
    seg.batch(&[(build::group_key(2, "old"), None)], at(T0 + 3));
    let path = write(dir.path(), "00000000000000000000.log", &seg.finish());
    let (_, before) = replay(&path, &["--as-of", "0"]);
    let g = &before["groups"]["old"];
    assert_eq!(
        (
            g["state"].as_str(),
            g["generation"].as_i64(),
            g["protocol"].as_str()
        ),
        (Some("Stable"), Some(4), Some("range"))
    );
    assert_eq!(g["members"][0]["group_instance_id"], "pod-1");
    assert_eq!(
        g["members"][0]["subscribed_topics"],
        serde_json::json!(["orders"])
    );
    assert_eq!(
        g["members"][0]["assigned_partitions"],
        serde_json::json!({"orders": [0, 1]})
    );

    let (_, after) = replay(&path, &[]);
    let g = &after["groups"]["old"];
    assert_eq!(g["deleted"], true);
    assert_eq!(g["state"], "Dead");
    assert_eq!(g["members"], serde_json::json!([]));
    let o = &g["offsets"]["orders"];
    assert_eq!(o["0"]["expire_timestamp"], T0 + 86_400_000);
    assert_eq!(o["0"]["metadata"], "v1");
    assert_eq!(
        (o["1"]["offset"].as_i64(), o["1"]["leader_epoch"].as_i64()),
        (Some(6), Some(9))
    );
    assert!(o.get("2").is_none(), "offset tombstone applied");
    let (_, stats, _) = run(&["wal", "stats", path.to_str().unwrap(), "--json"]);
    let s: Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(s["tombstones"], 2);
    assert_eq!(s["by_type"]["group_metadata"]["tombstones"], 1);
}

#[test]
fn kip848_consumer_group_state() {
    let dir = tempfile::tempdir().unwrap();
    let topic_id = [7u8; 16];
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[
            (
                build::group_key(3, "new"),
                Some(build::consumer_group_epoch(5)),
            ),
            (
                build::group_key(4, "new"),
                Some(build::partition_metadata(&[(topic_id, "orders", 4)])),
            ),
            (
                build::member_key(5, "new", "m-a"),
                Some(build::consumer_member_metadata(
                    "c-a",
                    "/10.0.0.9",
                    &["orders"],
                    Some("uniform"),
                )),
            ),
            (
                build::member_key(5, "new", "m-b"),
                Some(build::consumer_member_metadata(
                    "c-b",
                    "/10.0.0.8",
                    &["orders"],
                    None,
                )),
            ),
            (
                build::group_key(6, "new"),
                Some(build::target_assignment_epoch(5)),
            ),
            (
                build::member_key(8, "new", "m-a"),
                Some(build::current_assignment(5, &[(topic_id, &[0, 1])])),
            ),
            (
                build::member_key(8, "new", "m-b"),
                Some(build::current_assignment(5, &[(topic_id, &[2, 3])])),
            ),
        ],
        at(T0),
    );
    seg.batch(
        &[(
            build::group_key(3, "new"),
            Some(build::consumer_group_epoch(6)),
        )],
        at(T0 + 1),
    );
    let path = write(dir.path(), "00000000000000000000.log", &seg.finish());
    let (_, st) = replay(&path, &["--as-of", "6"]);
    let g = &st["groups"]["new"];
    assert_eq!(g["type"], "consumer");
    assert_eq!(g["state"], "Stable");
    assert_eq!(g["group_epoch"], 5);
    assert_eq!(g["members"].as_array().unwrap().len(), 2);
    assert_eq!(g["members"][0]["member_id"], "m-a");
    assert_eq!(g["members"][0]["client_id"], "c-a");
    assert_eq!(g["members"][0]["server_assignor"], "uniform");
    assert_eq!(
        g["members"][0]["assigned_partitions"],
        serde_json::json!({"orders": [0, 1]})
    );
    assert_eq!(
        g["members"][1]["assigned_partitions"],
        serde_json::json!({"orders": [2, 3]})
    );
    let (_, st) = replay(&path, &[]);
    assert_eq!(
        st["groups"]["new"]["state"], "Assigning",
        "group epoch 6 > assignment epoch 5"
    );
    let (_, out, _) = run(&[
        "wal",
        "inspect",
        path.to_str().unwrap(),
        "--type",
        "consumer_group_metadata",
    ]);
    assert_eq!(
        out.lines().nth(1).unwrap(),
        "7  2026-11-20T10:00:00.001Z  consumer_group_metadata  group=new -> {\"epoch\":6}"
    );
}

#[test]
fn bad_crc_is_skipped_reported_and_the_rest_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1)], at(T0));
    let second_at = seg.len();
    seg.batch(&[commit("g", "t", 1, 2)], at(T0 + 1));
    seg.batch(&[commit("g", "t", 2, 3)], at(T0 + 2));
    let mut data = seg.finish();
    let last = data.len() - 1;
    data[second_at + 70] ^= 0xff; // inside the second batch's records
    let path = write(dir.path(), "00000000000000000000.log", &data);
    // What Kafka loads: its log recovery truncates at the bad batch.
    let (code, st) = replay(&path, &[]);
    assert_eq!(code, 4);
    assert_eq!(st["recovery"], "broker");
    assert_eq!(
        (
            st["errors"][0]["kind"].as_str(),
            st["errors"][0]["effect"].as_str()
        ),
        (Some("bad_crc"), Some("truncates"))
    );
    assert_eq!(st["not_loaded_records"], 1, "the intact third batch");
    let t = &st["groups"]["g"]["offsets"]["t"];
    assert_eq!(
        (t["0"]["offset"].as_i64(), t.get("1"), t.get("2")),
        (Some(1), None, None)
    );
    // Salvage: every intact batch.
    let (code, st) = replay(&path, &["--salvage"]);
    assert_eq!(code, 4);
    assert_eq!(st["errors"][0]["kind"], "bad_crc");
    assert_eq!(st["errors"][0]["byte_offset"], second_at);
    assert_eq!(st["errors"][0]["offset"], 1);
    let t = &st["groups"]["g"]["offsets"]["t"];
    assert_eq!(
        (
            t["0"]["offset"].as_i64(),
            t.get("1"),
            t["2"]["offset"].as_i64()
        ),
        (Some(1), None, Some(3))
    );
    let (code, st) = replay(&path, &["--stop-at-first-error"]);
    assert_eq!(code, 4);
    assert!(
        st["groups"]["g"]["offsets"]["t"].get("2").is_none(),
        "stopped at the damage"
    );
    // A torn last byte too: no valid batch follows the bad one, so one damaged
    // place runs to the end; the first batch is kept.
    let path = write(
        dir.path(),
        "torn.log",
        &std::fs::read(&path).unwrap()[..last],
    );
    let (code, st) = replay(&path, &["--format", "kafka", "--salvage"]);
    assert_eq!(code, 4);
    assert_eq!(st["errors"].as_array().unwrap().len(), 1);
    assert_eq!(st["errors"][0]["skipped_bytes"], last - second_at);
    assert_eq!(st["groups"]["g"]["offsets"]["t"]["0"]["offset"], 1);
    // Kafka stops at the first damage: what follows is not even looked at.
    let (_, st) = replay(&path, &["--format", "kafka"]);
    assert_eq!(st["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn chronik_bad_crc_skipped_or_applied() {
    let dir = tempfile::tempdir().unwrap();
    let ev = |seq: i64, off: i64| {
        let json = format!(
            r#"{{"event_id":"e{seq}","timestamp":"2026-11-20T10:00:0{seq}Z","version":1,"created_by_node":1,"payload":{{"type":"OffsetCommitted","offset":{{"group_id":"g","topic":"t","partition":0,"offset":{off},"metadata":null,"commit_timestamp":"2026-11-20T10:00:0{seq}Z"}}}}}}"#
        );
        build::chronik_record(seq, json.as_bytes())
    };
    let mut data = ev(0, 10);
    let second = data.len();
    data.extend(ev(1, 20));
    data.extend(ev(2, 30));
    let third = data.len() - ev(2, 30).len();
    // Corrupt the third record's offset digits: "30" -> "31" (CRC no longer matches).
    let pos = third
        + data[third..]
            .windows(10)
            .position(|w| w == b"offset\":30")
            .unwrap()
        + 9;
    data[pos] = b'1';
    let path = write(dir.path(), "wal_0_0.log", &data);
    // Chronik itself does not check checksums: it loads the damaged record.
    let (code, st) = replay(&path, &[]);
    assert_eq!(code, 4, "still reported");
    assert_eq!(st["errors"][0]["effect"], "applied");
    assert_eq!(st["groups"]["g"]["offsets"]["t"]["0"]["offset"], 31);
    let (code, st) = replay(&path, &["--salvage"]);
    assert_eq!(code, 4);
    assert_eq!(st["errors"][0]["kind"], "bad_crc");
    assert_eq!(st["errors"][0]["byte_offset"], third);
    assert_eq!(st["groups"]["g"]["offsets"]["t"]["0"]["offset"], 20);
    let (code, st) = replay(&path, &["--apply-bad-crc"]);
    assert_eq!(code, 4, "still reported");
    assert_eq!(
        st["groups"]["g"]["offsets"]["t"]["0"]["offset"], 31,
        "applied as Chronik would"
    );
    assert!(second > 0);
}

#[test]
fn log_append_time_is_the_batch_time_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1)], at(T0));
    let mut data = seg.finish();
    // The producer's times are T0+1s and T0+1.5s; the broker stamped T0+60s (LogAppendTime).
    let recs: Vec<Vec<u8>> = [(1, 0), (2, 500)]
        .iter()
        .map(|&(p, dt)| {
            let (k, v) = commit("g", "t", p, 10 + p as i64);
            build::raw_record(p - 1, dt, Some(&k), v.as_deref(), 0)
        })
        .collect();
    data.extend(build::raw_batch_times(
        1,
        0x08,
        T0 + 1000,
        T0 + 60_000,
        &recs,
    ));
    let path = write(dir.path(), "00000000000000000000.log", &data);
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["wal", "inspect", p]);
    assert_eq!(code, 0, "{err}");
    let times: Vec<&str> = out.lines().map(|l| l.split("  ").nth(1).unwrap()).collect();
    assert_eq!(
        times,
        vec![
            "2026-11-20T10:00:00.000Z",
            "2026-11-20T10:01:00.000Z",
            "2026-11-20T10:01:00.000Z"
        ]
    );
    let (_, out, _) = run(&["wal", "inspect", p, "--until", "2026-11-20T10:00:30Z"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, st) = replay(&path, &["--as-of", "2026-11-20T10:00:30Z"]);
    assert!(st["groups"]["g"]["offsets"]["t"].get("1").is_none());
    let (_, out, _) = run(&["wal", "stats", p, "--json"]);
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["time_span_ms"], 60_000);
}
