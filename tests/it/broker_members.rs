//! Real members and real states: groups of real clients — librdkafka
//! (confluent-kafka) and Kafka's own Java `KafkaConsumer` — with every
//! classic assignor each has (range, roundrobin, sticky, cooperative-sticky),
//! some with static membership, and KIP-848 consumer-protocol groups.
//! `describe --members`, `--state`, the default view and `list` must show the
//! member ids, client ids, hosts, instance ids, assignments and the assignor
//! the clients themselves report (their own assignment callbacks), and the
//! state the broker keeps.

use crate::common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

type Assignment = BTreeSet<(String, i64)>;

/// (member_id -> (client_id, group_instance_id, assignment)) from a ready line's `members`.
fn reported(members: &Value) -> BTreeMap<String, (String, Option<String>, Assignment)> {
    members
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            let tps: Assignment = m["assignment"]
                .as_array()
                .unwrap()
                .iter()
                .map(|tp| (tp[0].as_str().unwrap().to_string(), tp[1].as_i64().unwrap()))
                .collect();
            (
                m["member_id"].as_str().unwrap().to_string(),
                (
                    m["client_id"].as_str().unwrap().to_string(),
                    m["group_instance_id"].as_str().map(String::from),
                    tps,
                ),
            )
        })
        .collect()
}

fn described(bs: &str, group: &str, view: &[&str]) -> Value {
    let out = stdout_of(
        groupctl()
            .args(["-b", bs, "describe", group, "--json"])
            .args(view),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    v["groups"][0].clone()
}

/// What groupctl shows of the group against what its members reported.
fn check(bs: &str, group: &str, assignor: &str, group_type: &str, mine: &Value, topics: &[&str]) {
    let clients = reported(mine);
    let d = described(bs, group, &["--members"]);
    assert_eq!(d["state"], "Stable", "{d}");
    assert_eq!(d["type"], group_type, "{d}");
    assert_eq!(d["assignor"], assignor, "{d}");
    let shown: BTreeMap<String, (String, Option<String>, Assignment)> = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert_eq!(m["host"], "/127.0.0.1", "{m}");
            let tps: Assignment = m["assignment"]
                .as_array()
                .unwrap()
                .iter()
                .map(|tp| {
                    (
                        tp["topic"].as_str().unwrap().to_string(),
                        tp["partition"].as_i64().unwrap(),
                    )
                })
                .collect();
            (
                m["member_id"].as_str().unwrap().to_string(),
                (
                    m["client_id"].as_str().unwrap().to_string(),
                    m["group_instance_id"].as_str().map(String::from),
                    tps,
                ),
            )
        })
        .collect();
    assert_eq!(
        shown, clients,
        "{group}: members as the clients report them"
    );
    // Every partition of the topics is someone's, once.
    let all: usize = clients.values().map(|(_, _, a)| a.len()).sum();
    let union: Assignment = clients.values().flat_map(|(_, _, a)| a.clone()).collect();
    assert_eq!(all, union.len(), "no partition twice");
    assert!(union.iter().all(|(t, _)| topics.contains(&t.as_str())));

    // The default view names each partition's owner.
    let d = described(bs, group, &[]);
    for p in d["partitions"].as_array().unwrap() {
        let tp = (
            p["topic"].as_str().unwrap().to_string(),
            p["partition"].as_i64().unwrap(),
        );
        let owner = clients
            .iter()
            .find(|(_, (_, _, a))| a.contains(&tp))
            .map(|(id, (client, _, _))| (id.clone(), client.clone()));
        match owner {
            Some((id, client)) => {
                assert_eq!(p["consumer_id"], id.as_str(), "{p}");
                assert_eq!(p["client_id"], client.as_str(), "{p}");
            }
            None => assert!(p["consumer_id"].is_null(), "{p}"),
        }
    }

    // --state and list: the broker's state, the member count, the assignor.
    let d = described(bs, group, &["--state"]);
    assert_eq!(d["members"].as_array().unwrap().len(), clients.len());
    let v: Value = serde_json::from_str(&stdout_of(
        groupctl().args(["-b", bs, "list", "--state", "Stable", "--json"]),
    ))
    .unwrap();
    let listed = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group)
        .unwrap_or_else(|| panic!("{group} not listed as Stable: {v}"));
    assert_eq!(listed["type"], group_type);
}

fn topics(bs: &str, name: &str) -> (String, String) {
    let (a, b) = (unique(&format!("{name}-a")), unique(&format!("{name}-b")));
    create_topic(bs, &a, 3);
    create_topic(bs, &b, 2);
    (a, b)
}

fn librdkafka(strategy: &str, instance: bool) {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    if test_broker() == TestBroker::Tansu {
        skip("Tansu sends no member metadata (client id, host, assignments)");
        return;
    }
    let (a, b) = topics(bs, "mem-rd");
    let group = unique(&format!("mem-rd-{strategy}"));
    let prefix = format!("{group}-static-");
    let runner = GroupRunner::start_with(
        bs,
        &group,
        strategy,
        3,
        &[&a, &b],
        instance.then_some(prefix.as_str()),
    );
    check(bs, &group, strategy, "classic", &runner.members, &[&a, &b]);
    runner.stop();
}

fn java(protocol: &str, assignor: &str, instance: bool) {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    if test_broker() != TestBroker::Kafka {
        skip("the Java client groups run on Apache Kafka");
        return;
    }
    if protocol == "consumer" && !caps::consumer_groups(bs) {
        return;
    }
    let (a, b) = topics(bs, "mem-java");
    let group = unique(&format!("mem-java-{assignor}"));
    let prefix = format!("{group}-static-");
    let g = JavaGroup::start(
        bs,
        &group,
        protocol,
        assignor,
        3,
        &[&a, &b],
        instance.then_some(prefix.as_str()),
    );
    let group_type = if protocol == "consumer" {
        "consumer"
    } else {
        "classic"
    };
    check(
        bs,
        &group,
        assignor,
        group_type,
        &g.ready["members"],
        &[&a, &b],
    );
    g.stop();
}

#[test]
fn librdkafka_range() {
    librdkafka("range", false);
}

#[test]
fn librdkafka_roundrobin_static_members() {
    librdkafka("roundrobin", true);
}

#[test]
fn librdkafka_cooperative_sticky() {
    librdkafka("cooperative-sticky", false);
}

#[test]
fn java_range_static_members() {
    java("classic", "range", true);
}

#[test]
fn java_roundrobin() {
    java("classic", "roundrobin", false);
}

#[test]
fn java_sticky() {
    java("classic", "sticky", false);
}

#[test]
fn java_cooperative_sticky() {
    java("classic", "cooperative-sticky", false);
}

#[test]
fn java_consumer_protocol_uniform() {
    java("consumer", "uniform", false);
}

#[test]
fn librdkafka_consumer_protocol() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    if test_broker() != TestBroker::Kafka || !caps::consumer_groups(bs) {
        skip("KIP-848 consumer groups run on Apache Kafka 4");
        return;
    }
    let (a, b) = topics(bs, "mem-848");
    let group = unique("mem-rd-848");
    let runner = GroupRunner::start(bs, &group, "consumer", 3, &[&a, &b]);
    check(
        bs,
        &group,
        "uniform",
        "consumer",
        &runner.members,
        &[&a, &b],
    );
    // The epochs agree with the target: every member reconciled.
    let d = described(bs, &group, &["--members"]);
    let epoch = d["group_epoch"].as_i64().unwrap();
    assert_eq!(d["assignment_epoch"], epoch, "{d}");
    for m in d["members"].as_array().unwrap() {
        assert_eq!(m["member_epoch"], epoch, "{m}");
        assert_eq!(m["target_assignment"], m["assignment"], "{m}");
        assert_eq!(m["member_type"], "consumer", "{m}");
    }
    runner.stop();
}
