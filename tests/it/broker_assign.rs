//! `assign --from-group` on a live group of real consumers.

use crate::common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

type Sets = BTreeMap<String, BTreeSet<(String, i64)>>;

fn sets(v: &serde_json::Value) -> Sets {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(m, l)| {
            let s = l
                .as_array()
                .unwrap()
                .iter()
                .map(|tp| (tp[0].as_str().unwrap().to_string(), tp[1].as_i64().unwrap()))
                .collect();
            (m.clone(), s)
        })
        .collect()
}

#[test]
fn range_on_a_live_three_member_group_matches_the_real_assignment() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (orders, payments, live) = (unique("orders"), unique("payments"), unique("live"));
    create_topic(bs, &orders, 7);
    create_topic(bs, &payments, 4);
    for p in 0..7 {
        produce(bs, &orders, p, 2);
    }
    for p in 0..4 {
        produce(bs, &payments, p, 2);
    }
    let runner = GroupRunner::start(bs, &live, "range", 3, &[&orders, &payments]);
    if !caps::describes_groups(bs, &live) {
        // The members and their subscriptions come from DescribeGroups.
        return;
    }
    // The consumers commit as they consume, so the group's topics are visible.
    let mut out = String::new();
    for _ in 0..50 {
        let o = groupctl()
            .args(["-b", bs])
            .args([
                "assign",
                "--from-group",
                &live,
                "--strategy",
                "range",
                "--json",
            ])
            .output()
            .unwrap();
        out = String::from_utf8(o.stdout).unwrap();
        if o.status.success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let v: serde_json::Value = serde_json::from_str(&out).expect("assign --from-group output");
    let computed = sets(&v["assignment"]);
    let actual = sets(&runner.assignments);
    assert_eq!(computed.len(), 3);
    assert_eq!(
        computed, actual,
        "groupctl's range assignment must equal what the live consumers were given"
    );
    runner.stop();
}

/// A live cooperative-sticky group of real librdkafka consumers. Where the
/// broker describes members fully (Apache Kafka), the group at rest must keep
/// its assignment: nobody joins or leaves, so Kafka's sticky assignor moves
/// nothing. Tansu sends no member metadata or assignments: groupctl then says
/// so, infers the subscriptions from the committed offsets, and the answer is
/// a fresh assignment of the live members.
#[test]
fn cooperative_sticky_on_a_live_group() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (orders, payments, group) = (unique("orders"), unique("payments"), unique("coop"));
    create_topic(bs, &orders, 6);
    create_topic(bs, &payments, 3);
    for p in 0..6 {
        produce(bs, &orders, p, 1);
    }
    for p in 0..3 {
        produce(bs, &payments, p, 1);
    }
    let runner = GroupRunner::start(bs, &group, "cooperative-sticky", 3, &[&orders, &payments]);
    if !caps::describes_groups(bs, &group) {
        // The members and their subscriptions come from DescribeGroups.
        return;
    }
    let live = sets(&runner.assignments);
    assert_eq!(live.len(), 3);
    let mut out = None;
    for _ in 0..50 {
        let o = groupctl()
            .args([
                "-b",
                bs,
                "assign",
                "--from-group",
                &group,
                "--strategy",
                "cooperative-sticky",
                "--json",
            ])
            .output()
            .unwrap();
        if o.status.success() {
            out = Some((o.stdout, String::from_utf8_lossy(&o.stderr).into_owned()));
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let (stdout, stderr) = out.expect("assign --from-group on the live group");
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let result = sets(&v["final"]);
    let members: BTreeSet<&String> = result.keys().collect();
    assert_eq!(
        members,
        live.keys().collect::<BTreeSet<_>>(),
        "the live members"
    );
    let all: Vec<&(String, i64)> = result.values().flatten().collect();
    let distinct: BTreeSet<&(String, i64)> = all.iter().copied().collect();
    assert_eq!(
        (all.len(), distinct.len()),
        (9, 9),
        "every partition once: {result:?}"
    );
    assert!(
        result.values().all(|s| s.len() == 3),
        "balanced: {result:?}"
    );
    if stderr.contains("sent no member metadata") {
        // Who owns what is unknown: a fresh assignment of all nine partitions.
        assert_eq!(v["summary"]["newly_assigned"], 9, "{stderr}");
    } else {
        // Members described fully: the group at rest keeps what it has.
        assert_eq!(result, live, "nothing moves in a group at rest");
        assert_eq!(v["moves"], serde_json::json!([]));
    }
    runner.stop();
}
