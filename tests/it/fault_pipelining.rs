//! Pipelining, old brokers, merging and moves (issue 13 line 6): two
//! requests in flight on one connection answered in reverse order, the
//! ApiVersions v0 fallback, `list` merging across brokers while a group
//! moves, and coordinators moving while `describe --all-groups` runs.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use serde_json::Value;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// `orders` (4 partitions, 10 records each); `groups` committed at 3 everywhere.
fn seed(cluster: &FaultCluster, groups: &[String]) {
    let up = cluster.upstream();
    create_topic_at(up, "orders", 4);
    for p in 0..4 {
        produce_at(up, "orders", p, 10);
    }
    for g in groups {
        commit_at(up, g, "orders", &[(0, 3), (1, 3), (2, 3), (3, 3)]);
    }
}

fn lag_of(v: &Value, group: &str) -> i64 {
    let g = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group)
        .unwrap_or_else(|| panic!("{group} missing: {v}"));
    assert_eq!(g["error"], Value::Null, "{g}");
    g["total_lag"].as_i64().unwrap()
}

/// Wait until `done` holds for the cluster's log (the test thread acting mid-run).
fn wait_for(cluster: &FaultCluster, what: &str, done: impl Fn(&[LoggedRequest]) -> bool) {
    let started = Instant::now();
    while !done(&cluster.requests()) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never saw {what}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn two_answers_in_flight_on_one_connection_come_back_reversed_and_each_caller_gets_its_own() {
    let cluster = FaultCluster::start(3);
    let g = cluster.group_coordinated_by(2, "g");
    seed(&cluster, std::slice::from_ref(&g));
    // Bootstrap from broker 1 only: broker 2's connection carries ApiVersions,
    // then DescribeGroups and OffsetFetch side by side.
    cluster.broker(2).reorder_next_pair();
    let v: Value = serde_json::from_str(&stdout_of(groupctl().args([
        "-b",
        &cluster.addr(1),
        "describe",
        &g,
        "--json",
    ])))
    .unwrap();
    assert_eq!(cluster.broker(2).reordered(), 1);
    assert_eq!(lag_of(&v, &g), 28);
    assert_eq!(v["groups"][0]["state"], "Empty");
    let log = cluster.broker(2).requests();
    let describe = log.iter().find(|e| e.is(ApiKey::DescribeGroups)).unwrap();
    let fetch = log.iter().find(|e| e.is(ApiKey::OffsetFetch)).unwrap();
    assert_eq!(describe.connection, fetch.connection);
    let (first, second) = if describe.arrived < fetch.arrived {
        (describe, fetch)
    } else {
        (fetch, describe)
    };
    assert!(second.arrived < first.responded.unwrap(), "both in flight");
    assert!(
        second.responded < first.responded,
        "answered in reverse order"
    );
}

#[test]
fn an_old_broker_gets_api_versions_v0() {
    let cluster = FaultCluster::start(3);
    let groups: Vec<String> = cluster
        .ids()
        .map(|id| cluster.group_coordinated_by(id, "g"))
        .collect();
    seed(&cluster, &groups);
    for id in cluster.ids() {
        cluster.broker(id).old_api_versions(Some(0));
    }
    let v: Value = serde_json::from_str(&stdout_of(groupctl().args([
        "-b",
        &cluster.bootstrap(),
        "describe",
        "--all-groups",
        "--json",
    ])))
    .unwrap();
    for g in &groups {
        assert_eq!(lag_of(&v, g), 28);
    }
    // Every connection asked v3, was told UNSUPPORTED_VERSION, and spoke v0.
    let log = cluster.requests();
    let connections: std::collections::BTreeSet<u64> = log.iter().map(|e| e.connection).collect();
    for c in connections {
        let handshakes: Vec<(i16, Option<i16>)> = log
            .iter()
            .filter(|e| e.connection == c && e.is(ApiKey::ApiVersions))
            .map(|e| (e.version, e.proxy_error))
            .collect();
        assert_eq!(handshakes, [(3, Some(35)), (0, None)], "connection {c}");
    }
}

#[test]
fn list_merges_every_broker_and_a_group_listed_twice_while_moving_once() {
    let cluster = FaultCluster::start(3);
    let groups: Vec<String> = cluster
        .ids()
        .flat_map(|id| {
            [
                cluster.group_coordinated_by(id, "a"),
                cluster.group_coordinated_by(id, "b"),
            ]
        })
        .collect();
    seed(&cluster, &groups);
    cluster.set_latency(Duration::from_millis(40));
    let moving = &groups[0];
    assert_eq!(cluster.coordinator(moving), 1);
    // Broker 1 (the bootstrap) answers first; brokers 2 and 3 are asked after
    // Metadata names them. The group moves to 2 in between: both list it.
    let child = common::pinned(std::process::Command::new(assert_cmd::cargo::cargo_bin(
        "groupctl",
    )))
    .args(["-b", &cluster.addr(1), "list", "--json"])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    wait_for(&cluster, "broker 1's ListGroups answered", |log| {
        log.iter()
            .any(|e| e.broker == 1 && e.is(ApiKey::ListGroups) && e.responded.is_some())
    });
    cluster.move_coordinator(moving, 2);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    let mut want: Vec<&str> = groups.iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(listed, want, "every group once, sorted");
    let listed_by: Vec<i32> = cluster
        .requests()
        .iter()
        .filter(|e| e.is(ApiKey::ListGroups))
        .map(|e| e.broker)
        .collect();
    assert_eq!(
        listed_by.len(),
        3,
        "one ListGroups per broker: {listed_by:?}"
    );
}

#[test]
fn coordinators_moving_under_a_describe_of_many_groups_are_followed() {
    let cluster = FaultCluster::start(3);
    let groups: Vec<String> = (0..60).map(|i| format!("load-{i:02}")).collect();
    seed(&cluster, &groups);
    cluster.set_latency(Duration::from_millis(100));
    let child = common::pinned(std::process::Command::new(assert_cmd::cargo::cargo_bin(
        "groupctl",
    )))
    .args([
        "-b",
        &cluster.bootstrap(),
        "describe",
        "--all-groups",
        "--json",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Once every broker has listed its groups, every group moves on.
    wait_for(&cluster, "three ListGroups answered", |log| {
        log.iter()
            .filter(|e| e.is(ApiKey::ListGroups) && e.responded.is_some())
            .count()
            == 3
    });
    for g in &groups {
        let to = cluster.coordinator(g) % 3 + 1;
        cluster.move_coordinator(g, to);
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["groups"].as_array().unwrap().len(), 60);
    for g in &groups {
        assert_eq!(lag_of(&v, g), 28);
    }
    let log = cluster.requests();
    let refused = log
        .iter()
        .filter(|e| e.is(ApiKey::DescribeGroups) && e.proxy_error == Some(NOT_COORDINATOR))
        .count();
    assert!(refused > 0, "the old coordinators refused: {log:?}");
    assert!(!log::of(&log, ApiKey::FindCoordinator).is_empty());
    // Each group was described and fetched at its new coordinator.
    for e in log.iter().filter(|e| {
        (e.is(ApiKey::DescribeGroups) || e.is(ApiKey::OffsetFetch)) && e.proxy_error.is_none()
    }) {
        for g in &e.groups {
            assert_eq!(cluster.coordinator(g), e.broker, "{g}");
        }
    }
}
