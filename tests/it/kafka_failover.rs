//! Failures on a real cluster: three Apache Kafka 4.4 brokers (KRaft, every
//! node a voter, internal topics replicated three times), one broker killed
//! with SIGKILL at a time. The coordinator of a group dies: `describe`,
//! `offsets fetch` and `reset-offsets --execute` find the new one and succeed
//! within the deadline, committing once. A partition leader dies: `describe`
//! shows `-` with a NOTE for its partitions (exit 4), the full answer once
//! leadership has moved; restarted, the broker is back in the cluster view.
//! (The proxy-based fault cluster covers latency, black holes, throttling and
//! reordering.)

use crate::common;
use common::kafka::{KafkaCluster, KafkaOptions};
use common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

fn cluster() -> Option<KafkaCluster> {
    if test_broker() != TestBroker::Kafka {
        skip("the three-broker failover tests start Apache Kafka themselves");
        return None;
    }
    Some(KafkaCluster::start(&KafkaOptions {
        brokers: 3,
        fast_failover: true,
        ..KafkaOptions::default()
    }))
}

/// `orders` (6 partitions, replicated on all three) with 10 records each;
/// group `g` committed at 4 everywhere.
fn seed(bs: &str) -> (String, String) {
    let (topic, g) = (unique("fo-orders"), unique("fo-g"));
    create_replicated_topic(bs, &topic, 6, 3);
    for p in 0..6 {
        produce(bs, &topic, p, 10);
    }
    let all: Vec<(&str, i32, i64)> = (0..6).map(|p| (topic.as_str(), p, 4)).collect();
    commit(bs, &g, &all);
    (topic, g)
}

fn run(bs: &str, args: &[&str]) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let (code, out, err) = outcome(groupctl().args(["-b", bs, "--timeout", "30s"]).args(args));
    (code, out, err, started.elapsed())
}

#[test]
fn the_coordinator_dies_and_every_command_finds_the_next_one() {
    let Some(c) = cluster() else { return };
    let bs = c.bootstrap().to_string();
    let (topic, g) = seed(&bs);
    let (dead, _) = caps::coordinator(&bs, &g);
    c.signal_node(dead, "KILL");
    // The others, for bootstrapping: the dead one refuses connections.
    let alive: Vec<String> = (1..=3)
        .filter(|id| *id != dead)
        .map(|id| format!("127.0.0.1:{}", c.node(id)["port"]))
        .collect();
    let bs_alive = alive.join(",");

    // The group's state and offsets come from the new coordinator. The dead
    // broker also led partitions: a read reports those as unknown (exit 4)
    // until their leaders move.
    let (code, out, err, took) = run(&bs_alive, &["describe", &g, "--json"]);
    assert!(code == 0 || code == 4, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = &v["groups"][0];
    assert_eq!(d["state"], "Empty", "{out}");
    let rows = d["partitions"].as_array().unwrap();
    assert_eq!(rows.len(), 6, "{out}");
    for p in rows {
        assert_eq!(p["current_offset"], 4, "{p}");
        if !p["error"].is_null() {
            assert!(
                p["error"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("broker {dead}")),
                "{p}"
            );
        }
    }
    assert!(took < Duration::from_secs(30), "{took:?}");

    let (code, out, err, _) = run(&bs_alive, &["offsets", "fetch", &g, "--json"]);
    assert!(code == 0 || code == 4, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["partitions"].as_array().unwrap();
    assert_eq!(rows.len(), 6, "{out}");
    assert!(rows.iter().all(|p| p["committed_offset"] == 4), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let (code, _, err, _) = run(
        &bs_alive,
        &[
            "reset-offsets",
            &g,
            "--all-topics",
            "--to-earliest",
            "--execute",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("committed 6 offset(s)"), "{err}");
    let parts: Vec<(&str, i32)> = (0..6).map(|p| (topic.as_str(), p)).collect();
    assert_eq!(committed(&bs_alive, &g, &parts), vec![Some(0); 6]);
    assert_ne!(
        caps::coordinator(&bs_alive, &g).0,
        dead,
        "the coordinator moved"
    );

    // Back: the cluster view heals.
    c.restart_node(dead);
    common::eventually(Duration::from_secs(60), || {
        let (code, out, _, _) = run(&bs, &["describe", &g, "--json"]);
        code == 0 && out.contains("\"total_lag\": 60")
    });
}

#[test]
fn a_partition_leader_dies_mid_describe_and_the_answer_heals() {
    let Some(c) = cluster() else { return };
    let bs = c.bootstrap().to_string();
    let (topic, g) = seed(&bs);
    let (coordinator, _) = caps::coordinator(&bs, &g);
    let leaders = caps::leaders(&bs, &topic);
    let victim = (1..=3)
        .find(|id| *id != coordinator && leaders.iter().any(|(_, l)| l == id))
        .expect("a leader that does not coordinate the group");
    let led: Vec<i64> = leaders
        .iter()
        .filter(|(_, l)| *l == victim)
        .map(|(p, _)| *p as i64)
        .collect();
    let bs_alive: String = (1..=3)
        .filter(|id| *id != victim)
        .map(|id| format!("127.0.0.1:{}", c.node(id)["port"]))
        .collect::<Vec<_>>()
        .join(",");
    c.signal_node(victim, "KILL");

    // At once, before the controller fences it: its partitions are unknown.
    let (code, out, err, _) = run(
        &bs_alive,
        &["describe", &g, "--json", "--request-timeout", "2s"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["groups"][0]["partitions"].as_array().unwrap().clone();
    let unknown: Vec<i64> = rows
        .iter()
        .filter(|p| p["log_end_offset"].is_null())
        .map(|p| p["partition"].as_i64().unwrap())
        .collect();
    if unknown.is_empty() {
        // The controller was faster than this run: leadership had moved already.
        assert_eq!(code, 0, "{err}");
    } else {
        assert_eq!(code, 4, "{err}");
        assert_eq!(unknown, led, "{out}");
        for p in rows.iter().filter(|p| p["log_end_offset"].is_null()) {
            assert!(p["error"].as_str().is_some_and(|e| !e.is_empty()), "{p}");
            assert!(p["lag"].is_null());
        }
        let (_, table, _, _) = run(&bs_alive, &["describe", &g, "--request-timeout", "2s"]);
        assert!(table.contains("NOTE") || table.contains(" - "), "{table}");
    }

    // Once leadership has moved: the full answer.
    common::eventually(Duration::from_secs(60), || {
        let (code, out, _, _) = run(&bs_alive, &["describe", &g, "--json"]);
        code == 0 && out.contains("\"total_lag\": 36")
    });

    // Restarted: three brokers again, and every partition answers from its leader.
    c.restart_node(victim);
    common::eventually(Duration::from_secs(60), || {
        let (code, out, _, _) = run(&bs, &["describe", &g, "--state", "--json"]);
        code == 0 && out.contains("\"state\": \"Empty\"")
    });
    let (code, _, err, _) = run(&bs, &["-v", "describe", &g]);
    assert_eq!(code, 0, "{err}");
}
