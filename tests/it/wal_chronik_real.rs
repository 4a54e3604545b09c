//! A real Chronik data directory (tests/fixtures/wal-chronik-real, written by
//! the broker with librdkafka clients): `wal replay` gives the committed
//! offsets and assignments the broker served, reads only the metadata WAL, and
//! on a damaged copy gives what Chronik itself loaded after a restart.

use crate::common;

use serde_json::Value;
use std::collections::BTreeMap;

fn dir(name: &str) -> String {
    common::repo_root()
        .join("tests/fixtures/wal-chronik-real")
        .join(name)
        .display()
        .to_string()
}

fn served() -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir("served.json")).unwrap()).unwrap()
}

fn replay(path: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["wal", "replay", path, "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = common::outcome(common::groupctl().args(&args));
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    (code, v)
}

/// group -> "topic:partition" -> offset, as served.json writes it (nulls left out).
fn committed(st: &Value) -> BTreeMap<String, BTreeMap<String, i64>> {
    let mut out = BTreeMap::new();
    for (g, v) in st["groups"].as_object().unwrap() {
        let mut m = BTreeMap::new();
        for (t, parts) in v["offsets"].as_object().unwrap() {
            for (p, o) in parts.as_object().unwrap() {
                m.insert(format!("{t}:{p}"), o["offset"].as_i64().unwrap());
            }
        }
        out.insert(g.clone(), m);
    }
    out
}

fn served_committed(v: &Value) -> BTreeMap<String, BTreeMap<String, i64>> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(g, parts)| {
            let m = parts
                .as_object()
                .unwrap()
                .iter()
                .filter_map(|(tp, o)| Some((tp.clone(), o.as_i64()?)))
                .collect();
            (g.clone(), m)
        })
        .collect()
}

#[test]
fn replay_gives_what_the_broker_served() {
    let want = served();
    let (code, st) = replay(&dir("data"), &[]);
    assert_eq!(code, 0, "{st}");
    assert_eq!(committed(&st), served_committed(&want["data"]["committed"]));
    // Assignments as the members' own rebalance callbacks saw them.
    let members = st["groups"]["g1"]["members"].as_array().unwrap();
    for (client, parts) in want["data"]["assignments"].as_object().unwrap() {
        let m = members
            .iter()
            .find(|m| m["client_id"] == *client)
            .unwrap_or_else(|| panic!("member {client}"));
        let mut got: Vec<(String, i64)> = Vec::new();
        for (t, ps) in m["assigned_partitions"].as_object().unwrap() {
            got.extend(
                ps.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| (t.clone(), p.as_i64().unwrap())),
            );
        }
        let want: Vec<(String, i64)> = parts
            .as_array()
            .unwrap()
            .iter()
            .map(|tp| (tp[0].as_str().unwrap().to_string(), tp[1].as_i64().unwrap()))
            .collect();
        assert_eq!(got, want, "{client}");
    }
    // Only the metadata WAL is read; the partition data WALs are listed as skipped.
    let files: Vec<&str> = st["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files
        .iter()
        .all(|f| f.contains("metadata_wal/__chronik_metadata/0/wal_0_")));
    let skipped = st["skipped_files"].as_array().unwrap();
    assert_eq!(skipped.len(), 3);
    assert!(skipped
        .iter()
        .all(|s| s["path"].as_str().unwrap().contains("/wal/orders/")));
    let (_, out, err) =
        common::outcome(common::groupctl().args(["wal", "replay", &dir("data"), "--members"]));
    assert!(
        out.contains("Skipped 3 files that are not coordinator logs"),
        "{out}{err}"
    );
    assert!(
        out.contains("orders-0,1") && out.contains("orders-2"),
        "{out}"
    );
}

#[test]
fn damaged_directory_replays_as_chronik_loaded_it() {
    let want = served();
    let (code, st) = replay(&dir("damaged"), &[]);
    assert_eq!(code, 4);
    assert_eq!(st["recovery"], "broker");
    assert_eq!(
        committed(&st),
        served_committed(&want["damaged"]["committed"])
    );
    let e = &st["errors"][0];
    assert_eq!(
        (
            e["kind"].as_str(),
            e["effect"].as_str(),
            e["byte_offset"].as_u64()
        ),
        (Some("bad_magic"), Some("stops_file"), Some(6933))
    );
    assert!(st["not_loaded_records"].as_u64().unwrap() > 0);
    // Salvage reads past the one damaged record: later commits of the same
    // partitions make the result the undamaged one.
    let (code, st) = replay(&dir("damaged"), &["--salvage"]);
    assert_eq!(code, 4);
    assert_eq!(st["recovery"], "salvage");
    assert_eq!(committed(&st), served_committed(&want["data"]["committed"]));
    assert_eq!(
        st["errors"][0]["skipped_bytes"], 360,
        "exactly the damaged record"
    );
}

#[test]
fn stats_and_inspect_name_the_mode_and_skip_data_wals() {
    let (code, out, _) =
        common::outcome(common::groupctl().args(["wal", "stats", &dir("damaged")]));
    assert_eq!(code, 4);
    assert!(out.contains("Mode:           broker"), "{out}");
    assert!(out.contains("Not loaded:"), "{out}");
    let (code, out, err) =
        common::outcome(common::groupctl().args(["wal", "inspect", &dir("data"), "--json"]));
    assert_eq!(code, 0, "{err}");
    let n = out.lines().count();
    assert_eq!(n, 45, "the 45 metadata events, nothing from the data WALs");
}
