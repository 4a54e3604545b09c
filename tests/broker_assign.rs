//! `assign --from-group` on a live group of real consumers.

mod common;
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
        eprintln!("skipped: the broker cannot describe groups");
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
