//! KIP-848 consumer groups on Apache Kafka 4.4, beyond what
//! `kcg_side_by_side` and `broker_members` compare: reconciliation made
//! visible — a real Java member that stops polling cannot revoke what the
//! new target takes from it, so the group stays Reconciling; `describe`
//! names the partitions still to be revoked and assigned, `--watch` says
//! RECONCILING and for how long, and counts rebalances from the group epoch —
//! and writes refused while members are live.

use crate::common;
use common::*;
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::Duration;

fn describe(bs: &str, g: &str) -> Value {
    let out = stdout_of(groupctl().args(["-b", bs, "describe", g, "--members", "--json"]));
    serde_json::from_str::<Value>(&out).unwrap()["groups"][0].clone()
}

#[test]
fn a_member_slow_to_revoke_keeps_the_group_reconciling_and_says_what_is_left() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    if test_broker() != TestBroker::Kafka || !caps::consumer_groups(bs) {
        skip("KIP-848 consumer groups run on Apache Kafka 4");
        return;
    }
    let (topic, g) = (unique("k848-slow"), unique("k848-slow-g"));
    create_topic(bs, &topic, 4);
    let mut first = JavaGroup::start(bs, &g, "consumer", "uniform", 1, &[&topic], None);
    first.send("stall 0");
    // A second member (librdkafka) joins: the new target takes partitions
    // from the stalled one, which cannot revoke them.
    let mut second = Command::new(test_python())
        .arg(repo_root().join("tests/clients/kclient.py"))
        .args(["group", bs, &g, "consumer", "1", &topic])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut d = Value::Null;
    eventually(Duration::from_secs(40), || {
        d = describe(bs, &g);
        d["members"]
            .as_array()
            .is_some_and(|ms| ms.len() == 2 && ms.iter().any(|m| !m["reconciling"].is_null()))
    });
    assert_eq!(d["type"], "consumer");
    assert_ne!(d["state"], "Stable", "{d}");
    let members = d["members"].as_array().unwrap();
    let stalled = members
        .iter()
        .find(|m| m["member_id"] == first.ready["members"][0]["member_id"])
        .expect("the stalled member");
    let r = &stalled["reconciling"];
    assert!(!r.is_null(), "{d}");
    assert!(
        !r["revoke"].as_array().unwrap().is_empty(),
        "it has partitions to give up: {d}"
    );
    // What it must revoke is what its target lacks.
    let held: Vec<&Value> = stalled["assignment"].as_array().unwrap().iter().collect();
    let target: Vec<&Value> = stalled["target_assignment"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    for tp in r["revoke"].as_array().unwrap() {
        assert!(held.contains(&tp) && !target.contains(&tp), "{d}");
    }
    // The table says so too.
    let table = stdout_of(groupctl().args(["-b", bs, "describe", &g, "--members"]));
    assert!(
        table.contains("RECONCILING") && table.contains("revoke "),
        "{table}"
    );
    assert!(table.contains("reconciling (to epoch"), "{table}");

    // The live view: RECONCILING, and how long it has lasted.
    let out = stdout_of(groupctl().args([
        "-b", bs, "describe", &g, "--watch", "1s", "--count", "3", "--json",
    ]));
    let last: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let view = &last["groups"][0];
    assert_eq!(view["status"], "RECONCILING", "{last}");
    assert!(view["reconciling_ms"].as_i64().unwrap() >= 1000, "{last}");

    // Writes are refused while members are live.
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        bs,
        "reset-offsets",
        &g,
        "--topic",
        &topic,
        "--to-earliest",
        "--execute",
    ]));
    assert_eq!(code, 3, "{err}");

    // Resumed, it revokes; the group settles and nothing is left to reconcile.
    first.send("resume 0");
    eventually(Duration::from_secs(40), || {
        let d = describe(bs, &g);
        d["state"] == "Stable"
            && d["members"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["reconciling"].is_null())
    });
    drop(second.stdin.take());
    let _ = second.wait();
    first.stop();
    // Empty now: the write goes through.
    let dir = tempfile::tempdir().unwrap();
    eventually(Duration::from_secs(30), || {
        describe(bs, &g)["state"] == "Empty"
    });
    stdout_of(groupctl().args([
        "-b",
        bs,
        "reset-offsets",
        &g,
        "--topic",
        &topic,
        "--to-earliest",
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]));
}

#[test]
fn the_live_view_counts_rebalances_from_the_group_epoch() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    if test_broker() != TestBroker::Kafka || !caps::consumer_groups(bs) {
        skip("KIP-848 consumer groups run on Apache Kafka 4");
        return;
    }
    let (topic, g) = (unique("k848-epochs"), unique("k848-epochs-g"));
    create_topic(bs, &topic, 2);
    let first = GroupRunner::start(bs, &g, "consumer", 1, &[&topic]);
    let mut watch = std::process::Command::new(assert_cmd::cargo::cargo_bin("groupctl"));
    let watch = pinned(std::mem::replace(&mut watch, Command::new("true")))
        .args([
            "-b", bs, "describe", &g, "--watch", "1s", "--count", "8", "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let second = GroupRunner::start(bs, &g, "consumer", 1, &[&topic]);
    let out = watch.wait_with_output().unwrap();
    second.stop();
    first.stop();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let last = lines.last().unwrap();
    let epochs: Vec<&Value> = lines
        .iter()
        .flat_map(|l| l["events"].as_array().unwrap().iter())
        .filter(|e| e["event"] == "epoch")
        .collect();
    assert!(!epochs.is_empty(), "{lines:?}");
    let rose: i64 = epochs
        .iter()
        .map(|e| e["to"].as_i64().unwrap() - e["from"].as_i64().unwrap())
        .sum();
    assert_eq!(last["groups"][0]["rebalances"], rose, "{last}");
    assert!(rose >= 1);
}

/// The online upgrade path: a classic group (librdkafka, range) that a
/// consumer-protocol member joins becomes a consumer group with both kinds
/// of member (Kafka's default migration policy); `describe` shows each
/// member's type (UPGRADED false for the classic ones) and, once the classic
/// members leave, a plain consumer group.
#[test]
fn classic_and_consumer_members_in_one_group_are_shown_right() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    if test_broker() != TestBroker::Kafka || !caps::consumer_groups(bs) {
        skip("KIP-848 consumer groups run on Apache Kafka 4");
        return;
    }
    let (topic, g) = (unique("k848-mixed"), unique("k848-mixed-g"));
    create_topic(bs, &topic, 4);
    let classic = GroupRunner::start(bs, &g, "range", 2, &[&topic]);
    assert_eq!(describe(bs, &g)["type"], "classic");
    let upgraded = GroupRunner::start(bs, &g, "consumer", 1, &[&topic]);
    let mut d = Value::Null;
    eventually(Duration::from_secs(40), || {
        d = describe(bs, &g);
        d["type"] == "consumer" && d["members"].as_array().is_some_and(|m| m.len() == 3)
    });
    let types: Vec<&str> = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["member_type"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(types.iter().filter(|t| **t == "classic").count(), 2, "{d}");
    assert_eq!(types.iter().filter(|t| **t == "consumer").count(), 1, "{d}");
    let table = stdout_of(groupctl().args(["-b", bs, "-v", "describe", &g, "--members"]));
    assert!(table.contains("UPGRADED"), "{table}");
    assert_eq!(
        table.matches(" false ").count() + table.matches(" false\n").count(),
        2,
        "{table}"
    );
    // The classic members leave: a consumer group of consumer members.
    classic.stop();
    eventually(Duration::from_secs(40), || {
        let d = describe(bs, &g);
        d["type"] == "consumer"
            && d["members"]
                .as_array()
                .is_some_and(|m| m.len() == 1 && m[0]["member_type"] == "consumer")
    });
    upgraded.stop();
}
