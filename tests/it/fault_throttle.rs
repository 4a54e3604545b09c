//! throttle_time_ms honoured per broker (issue 13 line 4, KIP-219): after an
//! answer carrying T, nothing goes to that broker before T has passed.
//! Measured in the proxy's request log.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use std::time::Duration;

/// Pairs (throttled answer, a later request on the same connection) and
/// the gap between them; panics on a request sent inside the throttle time.
fn check_gaps(log: &[LoggedRequest]) -> Vec<Duration> {
    let mut gaps = Vec::new();
    for e in log {
        let (Some(ms), Some(answered)) = (e.throttle_ms, e.responded) else {
            continue;
        };
        let wait = Duration::from_millis(ms as u64);
        for next in log
            .iter()
            .filter(|n| n.connection == e.connection && n.arrived > answered)
        {
            let gap = next.arrived - answered;
            assert!(
                gap >= wait,
                "broker {}: {:?} arrived {gap:?} after a {ms} ms throttle on {:?}",
                e.broker,
                next.api(),
                e.api()
            );
            gaps.push(gap);
        }
    }
    gaps
}

#[test]
fn no_request_reaches_a_throttled_broker_before_its_throttle_time() {
    let cluster = FaultCluster::start(3);
    let up = cluster.upstream();
    create_topic_at(up, "orders", 3);
    for p in 0..3 {
        produce_at(up, "orders", p, 5);
    }
    let mut groups = Vec::new();
    for id in cluster.ids() {
        let g = cluster.group_coordinated_by(id, "g");
        commit_at(up, &g, "orders", &[(0, 1), (1, 1), (2, 1)]);
        groups.push(g);
    }
    // With latency, requests in flight together arrive long before any
    // answer leaves: a request arriving after an answer was sent after it.
    cluster.set_latency(Duration::from_millis(20));
    cluster.broker(1).throttle(300, None);
    cluster.broker(2).throttle(600, None);
    let out = stdout_of(groupctl().args([
        "-b",
        &cluster.bootstrap(),
        "describe",
        "--all-groups",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["groups"].as_array().unwrap().len(), 3);
    for id in [1, 2] {
        let log = cluster.broker(id).requests();
        assert!(
            log.iter().any(|e| e.throttle_ms.is_some()),
            "broker {id} throttled something: {log:?}"
        );
        let gaps = check_gaps(&log);
        assert!(
            !gaps.is_empty(),
            "broker {id}: requests followed a throttled answer: {log:?}"
        );
    }
    // A broker that throttles nothing is not waited for.
    assert!(cluster
        .broker(3)
        .requests()
        .iter()
        .all(|e| e.throttle_ms.is_none()));
}
