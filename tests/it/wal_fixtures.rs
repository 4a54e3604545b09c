//! The shared coordinator-log fixtures (`tests/fixtures/wal`, copied from
//! `../shared/data/wal`) replayed through the binary and compared fact by
//! fact with their `*.expected.json`.

use crate::common;

use serde_json::Value;

fn run(args: &[&str]) -> (i32, String, String) {
    common::outcome(common::groupctl().args(args))
}

fn expected(name: &str) -> Value {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/wal/{name}.expected.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn replay(path: &str) -> (i32, Value) {
    let (code, out, err) = run(&["wal", "replay", path, "--json"]);
    assert!(code == 0 || code == 4, "exit {code}: {err}");
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
    )
}

/// Every fact of the expected group is in ours (field names shared by both layouts).
fn check_group(name: &str, want: &Value, got: &Value) {
    let ctx = |f: &str| format!("group {name}: {f}");
    for f in [
        "generation",
        "protocol_type",
        "protocol",
        "leader",
        "deleted",
        "current_state_timestamp",
        "created_at",
        "updated_at",
    ] {
        if let Some(w) = want.get(f) {
            assert_eq!(got.get(f).unwrap_or(&Value::Null), w, "{}", ctx(f));
        }
    }
    if let Some(w) = want.get("state") {
        if !w.is_null() {
            assert_eq!(&got["state"], w, "{}", ctx("state"));
        }
    }
    let wm = want["members"].as_array().unwrap();
    let gm = got["members"].as_array().unwrap();
    assert_eq!(gm.len(), wm.len(), "{}", ctx("member count"));
    for (w, g) in wm.iter().zip(gm) {
        for (k, v) in w.as_object().unwrap() {
            assert_eq!(
                &g[k],
                v,
                "{}",
                ctx(&format!("member {} {k}", w["member_id"]))
            );
        }
    }
    let wo = want["offsets"].as_object().unwrap();
    let go = got["offsets"].as_object().unwrap();
    assert_eq!(
        go.keys().collect::<Vec<_>>(),
        wo.keys().collect::<Vec<_>>(),
        "{}",
        ctx("topics with offsets")
    );
    for (topic, parts) in wo {
        let gp = go[topic].as_object().unwrap();
        assert_eq!(
            gp.keys().collect::<Vec<_>>(),
            parts.as_object().unwrap().keys().collect::<Vec<_>>(),
            "{}",
            ctx(topic)
        );
        for (p, w) in parts.as_object().unwrap() {
            for f in [
                "offset",
                "metadata",
                "commit_timestamp",
                "leader_epoch",
                "expire_timestamp",
            ] {
                if let Some(v) = w.get(f) {
                    assert_eq!(&gp[p][f], v, "{}", ctx(&format!("{topic}-{p} {f}")));
                }
            }
        }
    }
}

fn check(path: &str, name: &str) {
    let want = expected(name);
    let (code, got) = replay(path);
    let wg = want["groups"].as_object().unwrap();
    let gg = got["groups"].as_object().unwrap();
    assert_eq!(
        gg.keys().collect::<Vec<_>>(),
        wg.keys().collect::<Vec<_>>(),
        "{name}: groups"
    );
    for (g, w) in wg {
        check_group(g, w, &gg[g]);
    }
    for f in ["batches", "records", "control_batches", "last_offset"] {
        if let Some(w) = want.get(f) {
            assert_eq!(&got[f], w, "{name}: {f}");
        }
    }
    if let Some(topics) = want.get("topics") {
        for (t, w) in topics.as_object().unwrap() {
            for f in [
                "partition_count",
                "replication_factor",
                "retention_ms",
                "segment_bytes",
                "config",
            ] {
                assert_eq!(&got["topics"][t][f], &w[f], "{name}: topic {t} {f}");
            }
            for (p, wp) in w["partitions"].as_object().unwrap() {
                for f in ["leader_id", "replicas", "high_watermark"] {
                    assert_eq!(
                        &got["topics"][t]["partitions"][p][f], &wp[f],
                        "{name}: {t}-{p} {f}"
                    );
                }
            }
        }
    }
    if let Some(brokers) = want.get("brokers") {
        for (id, w) in brokers.as_object().unwrap() {
            for f in ["host", "port", "status"] {
                assert_eq!(&got["brokers"][id][f], &w[f], "{name}: broker {id} {f}");
            }
        }
    }
    let we = want["errors"].as_array().unwrap();
    let ge = got["errors"].as_array().unwrap();
    assert_eq!(ge.len(), we.len(), "{name}: errors {ge:?}");
    for (w, g) in we.iter().zip(ge) {
        assert_eq!(g["kind"], w["kind"], "{name}: error kind");
        assert_eq!(g["byte_offset"], w["byte_offset"], "{name}: error position");
        if let Some(o) = w.get("base_offset") {
            assert_eq!(&g["offset"], o, "{name}: error offset");
        }
    }
    assert_eq!(code, if we.is_empty() { 0 } else { 4 }, "{name}: exit code");
    // The same event types, in order, through `inspect --json`.
    if let Some(types) = want.get("event_types") {
        let (_, out, _) = run(&["wal", "inspect", path, "--json"]);
        let got: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["type"] != "damage")
            .map(|v| v["type"].clone())
            .collect();
        assert_eq!(&Value::Array(got), types, "{name}: event types");
    }
}

#[test]
fn offsets_basic() {
    check("tests/fixtures/wal/offsets-basic.log", "offsets-basic");
}

#[test]
fn offsets_torn() {
    check("tests/fixtures/wal/offsets-torn.log", "offsets-torn");
}

#[test]
fn chronik_basic() {
    check("tests/fixtures/wal/chronik-basic.wal", "chronik-basic");
}

#[test]
fn chronik_torn() {
    check("tests/fixtures/wal/chronik-torn.wal", "chronik-torn");
}

#[test]
fn chronik_data_dir_is_found_and_replayed() {
    check("tests/fixtures/wal/chronik-data", "chronik-basic");
    check(
        "tests/fixtures/wal/chronik-data/metadata_wal",
        "chronik-basic",
    );
}

#[test]
fn inspect_lines_are_exact() {
    let (code, out, err) = run(&[
        "wal",
        "inspect",
        "tests/fixtures/wal/offsets-basic.log",
        "--group",
        "analytics",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        "4  2025-01-15T10:00:03.000Z  group_metadata  group=analytics -> generation 1, consumer/cooperative-sticky, \
         leader analytics-worker-1-3b9d2f70-44e1-4e0a-a8c5-7f61d02b9c04, 1 member; \
         analytics-worker-1-3b9d2f70-44e1-4e0a-a8c5-7f61d02b9c04 (analytics-worker-1 /10.0.2.21) [clicks-0]"
    );
    assert_eq!(
        lines[2],
        "13  2025-01-15T10:00:09.000Z  offset_commit  group=analytics clicks-0 -> 1500 (meta \"checkpoint-b\", epoch 2, committed 2025-01-15T10:00:09.000Z)"
    );
    let (_, out, _) = run(&[
        "wal",
        "inspect",
        "tests/fixtures/wal/offsets-basic.log",
        "--topic",
        "payments",
        "--from-offset",
        "9",
        "--to-offset",
        "12",
    ]);
    let offsets: Vec<&str> = out.lines().map(|l| l.split("  ").next().unwrap()).collect();
    assert_eq!(offsets, ["9", "12"]);
    let (_, out, _) = run(&[
        "wal",
        "inspect",
        "tests/fixtures/wal/chronik-basic.wal",
        "--type",
        "ConsumerOffsetDeleted",
    ]);
    assert_eq!(out, "20  2025-01-15T10:00:20.123Z  ConsumerOffsetDeleted  group=payments-service orders-2 -> (deleted)\n");
    let (_, out, _) = run(&[
        "wal",
        "inspect",
        "tests/fixtures/wal/chronik-basic.wal",
        "--since",
        "2025-01-15T10:00:21Z",
        "--until",
        "2025-01-15T10:00:23Z",
        "--json",
    ]);
    let types: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(types, ["ConsumerGroupUpdated", "ConsumerGroupDeleted"]);
}

#[test]
fn torn_tail_is_reported_in_place_with_exit_4() {
    let (code, out, err) = run(&["wal", "inspect", "tests/fixtures/wal/offsets-torn.log"]);
    assert_eq!(code, 4);
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with(
            "!! torn_tail in tests/fixtures/wal/offsets-torn.log at byte 2555 (offset 14):"
        ),
        "{last}"
    );
    assert_eq!(
        out.lines().count(),
        15,
        "14 intact records and the damage line"
    );
    assert!(err.contains("exit code 4"), "{err}");
}

#[test]
fn as_of_offset_and_time() {
    let (_, got) = replay_args(&["tests/fixtures/wal/offsets-basic.log", "--as-of", "7"]);
    assert_eq!(
        got["groups"]["payments-service"]["offsets"]["orders"]["0"]["offset"],
        150
    );
    assert_eq!(got["groups"]["payments-service"]["generation"], 1);
    assert!(got["groups"]["payments-service"]["offsets"]
        .get("payments")
        .is_none());
    let (_, got) = replay_args(&[
        "tests/fixtures/wal/chronik-basic.wal",
        "--as-of",
        "2025-01-15T10:00:16.5Z",
    ]);
    assert_eq!(
        got["groups"]["payments-service"]["offsets"]["orders"]["0"]["offset"],
        150
    );
    assert_eq!(got["groups"]["analytics"]["deleted"], false);
    assert_eq!(
        got["groups"]["analytics"]["offsets"]["payments"]["0"]["offset"],
        10
    );
    let (code, _, err) = run(&[
        "wal",
        "replay",
        "tests/fixtures/wal/chronik-basic.wal",
        "--as-of",
        "last tuesday",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--as-of"), "{err}");
}

fn replay_args(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["wal", "replay", "--json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert!(code == 0 || code == 4, "{err}");
    (code, serde_json::from_str(&out).unwrap())
}

#[test]
fn export_offsets_round_trips_through_the_reset_csv_reader() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.csv");
    let (code, _, err) = run(&[
        "wal",
        "replay",
        "tests/fixtures/wal/offsets-basic.log",
        "--group",
        "payments-service",
        "--export-offsets",
        one.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("groupctl reset-offsets payments-service --from-file"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&one).unwrap(),
        "orders,0,180\norders,1,260\norders,2,75\npayments,0,11\n"
    );
    let all = dir.path().join("all.csv");
    let (code, _, _) = run(&[
        "wal",
        "replay",
        "tests/fixtures/wal/chronik-basic.wal",
        "--export-offsets",
        all.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&all).unwrap(),
        "payments-service,orders,0,180\npayments-service,orders,1,260\n"
    );
}

#[test]
fn stats_counts_types_groups_and_damage() {
    let (code, out, err) = run(&[
        "wal",
        "stats",
        "tests/fixtures/wal/offsets-torn.log",
        "--json",
    ]);
    assert_eq!(code, 4, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["records"], 14);
    assert_eq!(s["batches"], 9);
    assert_eq!(s["by_type"]["offset_commit"]["records"], 11);
    assert_eq!(s["by_type"]["group_metadata"]["records"], 3);
    assert_eq!(s["by_group"]["payments-service"]["records"], 9);
    assert_eq!(s["live_offsets"], 7);
    assert_eq!(s["live_groups"], 2);
    assert_eq!(s["live_keys"], 9);
    assert_eq!(s["time_span_ms"], 8000);
    assert_eq!(s["errors"][0]["kind"], "torn_tail");
    let (code, out, _) = run(&["wal", "stats", "tests/fixtures/wal/chronik-basic.wal"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Records:        24 (2 tombstones, 0 transactional)"),
        "{out}"
    );
}

#[test]
fn locate_uses_kafka_partitioning() {
    let (code, out, _) = run(&["wal", "locate", "test-group"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "test-group  __consumer_offsets-12  (partition 12 of 50)\n"
    );
    let (_, out, _) = run(&["wal", "locate", "test-group", "--partitions", "7", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["partition"], 627_841_412 % 7);
    let (code, _, err) = run(&["wal", "locate", "g", "--partitions", "0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bad_inputs_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["wal", "inspect", "/no/such/file.log"]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, _, err) = run(&["wal", "replay", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("no coordinator log files found"), "{err}");
    let garbage = dir.path().join("garbage.log");
    std::fs::write(
        &garbage,
        b"this is not a log at all, just some text that goes on and on for a while\n",
    )
    .unwrap();
    let (code, out, err) = run(&["wal", "inspect", garbage.to_str().unwrap()]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(out.starts_with("!! "), "{out}");
    let (code, _, err) = run(&[
        "wal",
        "inspect",
        "tests/fixtures/wal/offsets-basic.log",
        "--type",
        "offset_comit",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown record type"), "{err}");
}
