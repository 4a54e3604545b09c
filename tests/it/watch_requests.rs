//! What time lag and the live view cost, counted on the fault cluster (three
//! pretend brokers in front of the real one, every request logged): one
//! Fetch per partition leader, one more round trip for `describe`, and a
//! refresh of `top` that grows with brokers, not with groups.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

const BROKERS: usize = 3;
const TOPICS: [&str; 3] = ["tl-a", "tl-b", "tl-c"];

/// Three topics of four partitions with three records each (leaders spread
/// over the brokers), and `groups` groups at offset 1 of one topic each.
fn cluster_with_lag(groups: usize) -> FaultCluster {
    let cluster = FaultCluster::start(BROKERS);
    let up = cluster.upstream().to_string();
    let mut client = raw(&up);
    for t in TOPICS {
        create_topic_at(&up, t, 4);
        for p in 0..4 {
            for _ in 0..3 {
                client.call(9, &produce_request(t, p, 1, "x")).unwrap();
            }
        }
    }
    for g in 0..groups {
        commit_at(
            &up,
            &format!("tl-g{g:02}"),
            TOPICS[g % 3],
            &[(0, 1), (1, 1), (2, 1), (3, 1)],
        );
    }
    // Slow enough that requests in flight together overlap and chains show.
    cluster.set_latency(Duration::from_millis(5));
    cluster
}

fn fetches_per_broker(log: &[LoggedRequest]) -> BTreeMap<i32, usize> {
    let mut per = BTreeMap::new();
    for e in log.iter().filter(|e| e.is(ApiKey::Fetch)) {
        *per.entry(e.broker).or_default() += 1;
    }
    per
}

fn without_fetches(log: &[LoggedRequest]) -> Vec<LoggedRequest> {
    log.iter()
        .filter(|e| !e.is(ApiKey::Fetch))
        .cloned()
        .collect()
}

/// `describe --all-groups --json` through the cluster: the document and the log.
fn describe_all(cluster: &FaultCluster) -> (Value, Vec<LoggedRequest>) {
    cluster.clear_logs();
    let out = stdout_of(groupctl().args([
        "-b",
        &cluster.bootstrap(),
        "describe",
        "--all-groups",
        "--json",
    ]));
    (serde_json::from_str(&out).unwrap(), cluster.requests())
}

#[test]
fn time_lag_of_all_groups_is_one_fetch_per_leader_and_one_more_round_trip() {
    let cluster = cluster_with_lag(24);
    let (doc, log) = describe_all(&cluster);
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 24);
    for g in groups {
        for p in g["partitions"].as_array().unwrap() {
            assert_eq!(p["lag"], 2, "{p}");
            assert!(p["time_lag_ms"].as_i64().is_some_and(|t| t >= 0), "{p}");
        }
    }
    // Every broker leads some of the 12 partitions: one Fetch each, no more.
    let per = fetches_per_broker(&log);
    assert_eq!(
        per,
        (1..=BROKERS as i32).map(|b| (b, 1)).collect(),
        "{log:#?}"
    );
    for f in log.iter().filter(|e| e.is(ApiKey::Fetch)) {
        assert!(f
            .partitions
            .iter()
            .all(|(t, p)| cluster.leader(t, *p) == f.broker));
        assert_eq!(f.proxy_error, None, "sent to the leader");
    }
    let with = dependent_round_trips(&log);
    let before = dependent_round_trips(&without_fetches(&log));
    assert!(
        with <= before + 1,
        "{with} round trips with the Fetches, {before} without"
    );

    // Groups at other offsets of the same partitions: a Fetch per offset and
    // leader, sent together, so still one more round trip.
    let up = cluster.upstream().to_string();
    commit_at(&up, "tl-x0", "tl-a", &[(0, 0), (1, 0), (2, 0), (3, 0)]);
    commit_at(&up, "tl-x2", "tl-a", &[(0, 2), (1, 2), (2, 2), (3, 2)]);
    let (doc, log) = describe_all(&cluster);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 26);
    let leaders_of_a: std::collections::BTreeSet<i32> =
        (0..4).map(|p| cluster.leader("tl-a", p)).collect();
    for (broker, n) in fetches_per_broker(&log) {
        let most = if leaders_of_a.contains(&broker) { 3 } else { 1 };
        assert!(n <= most, "broker {broker}: {n} Fetches");
    }
    let with = dependent_round_trips(&log);
    let before = dependent_round_trips(&without_fetches(&log));
    assert!(
        with <= before + 1,
        "{with} round trips with the Fetches, {before} without"
    );
}

/// Requests per API in a log.
fn per_api(log: &[LoggedRequest]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in log {
        *m.entry(format!("{:?}", e.api().unwrap())).or_default() += 1;
    }
    m
}

#[test]
fn a_refresh_of_top_costs_requests_per_broker_not_per_group() {
    let cluster = cluster_with_lag(30);
    cluster.clear_logs();
    let refreshes = 3;
    let out = stdout_of(
        groupctl()
            .args(["-b", &cluster.bootstrap(), "top", "--json"])
            .args(["--interval", "200ms", "--count", &refreshes.to_string()]),
    );
    let samples: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(samples.len(), refreshes);
    assert_eq!(samples[2]["groups"].as_array().unwrap().len(), 30);
    let counts = per_api(&cluster.requests());
    let n = |api: &str| counts.get(api).copied().unwrap_or(0);
    // ListGroups goes to every broker each refresh; everything else is
    // batched per coordinator or leader: at most one per broker per refresh
    // (two ListOffsets: log start and end), whatever the 30 groups.
    assert_eq!(n("ListGroups"), BROKERS * refreshes, "{counts:?}");
    for api in ["DescribeGroups", "OffsetFetch", "Fetch"] {
        assert!(n(api) <= BROKERS * refreshes, "{api}: {counts:?}");
        assert!(n(api) >= refreshes, "{api} each refresh: {counts:?}");
    }
    assert!(n("ListOffsets") <= 2 * BROKERS * refreshes, "{counts:?}");
    assert!(n("Metadata") <= 2 * refreshes, "{counts:?}");
    assert!(
        n("FindCoordinator") <= 1,
        "coordinators are remembered: {counts:?}"
    );
    assert!(
        n("ApiVersions") <= BROKERS + 1,
        "connections are kept: {counts:?}"
    );
}
