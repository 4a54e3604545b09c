//! Dependent round trips (issue 13 line 7), counted from the fault
//! cluster's request log with 20 ms of latency each way: `describe
//! --all-groups` and `reset-offsets` plan + `--execute` in at most four,
//! however many groups. describe's lag takes three (ApiVersions; Metadata ∥
//! ListGroups, or FindCoordinator for named groups; DescribeGroups ∥
//! OffsetFetch ∥ ListOffsets) and its time lag the fourth (Fetch of the
//! records at the committed offsets, issue 15); reset adds OffsetCommit.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use std::time::Duration;

/// `orders` (6 partitions) and `payments` (3), 10 records a partition;
/// `n` groups spread over the brokers, committed at 3 on `orders`.
fn seed(cluster: &FaultCluster, n: usize) -> Vec<String> {
    let up = cluster.upstream();
    create_topic_at(up, "orders", 6);
    create_topic_at(up, "payments", 3);
    for p in 0..6 {
        produce_at(up, "orders", p, 10);
    }
    for p in 0..3 {
        produce_at(up, "payments", p, 10);
    }
    let commits: Vec<(i32, i64)> = (0..6).map(|p| (p, 3)).collect();
    let groups: Vec<String> = (0..n).map(|i| format!("rt-{i:02}")).collect();
    for g in &groups {
        commit_at(up, g, "orders", &commits);
    }
    cluster.set_latency(Duration::from_millis(20));
    groups
}

/// Run groupctl against the cluster; the dependent round trips it took.
fn round_trips(cluster: &FaultCluster, args: &[&str]) -> usize {
    cluster.clear_logs();
    let (code, _, err) = outcome(groupctl().args(["-b", &cluster.bootstrap()]).args(args));
    assert_eq!(code, 0, "{args:?}: {err}");
    let log = cluster.requests();
    let n = dependent_round_trips(&log);
    let apis: Vec<String> = log
        .iter()
        .map(|e| format!("{}:{:?}", e.broker, e.api().unwrap()))
        .collect();
    eprintln!("{args:?}: {n} dependent round trips: {}", apis.join(" "));
    n
}

/// ListOffsets went out with DescribeGroups and OffsetFetch (the third
/// round trip), not after their answers: the lag needs no round trip of its own.
fn assert_overlapped(log: &[LoggedRequest]) {
    let first_answer = log
        .iter()
        .filter(|e| e.is(ApiKey::OffsetFetch) || e.is(ApiKey::DescribeGroups))
        .filter_map(|e| e.responded)
        .min()
        .expect("OffsetFetch answered");
    for e in log::of(log, ApiKey::ListOffsets) {
        assert!(e.arrived < first_answer, "{e:?}");
    }
}

#[test]
fn describe_all_groups_takes_at_most_four_dependent_round_trips_for_any_number_of_groups() {
    let cluster = FaultCluster::start(3);
    let groups = seed(&cluster, 30);
    assert!(round_trips(&cluster, &["describe", "--all-groups", "--json"]) <= 4);
    assert_overlapped(&cluster.requests());
    // The four include the time lag: the groups lag, so their records were read.
    assert!(!log::of(&cluster.requests(), ApiKey::Fetch).is_empty());
    assert!(round_trips(&cluster, &["describe", "--all-groups", "--state"]) <= 3);
    assert!(round_trips(&cluster, &["describe", &groups[0], &groups[1], &groups[2]]) <= 4);
    assert_overlapped(&cluster.requests());
    assert!(round_trips(&cluster, &["list"]) <= 2);
    // Requests per step do not grow with the groups: one per broker.
    let log = cluster.requests();
    assert!(log::of(&log, ApiKey::ListGroups).len() <= 3);
    cluster.clear_logs();
    round_trips(&cluster, &["describe", "--all-groups"]);
    let log = cluster.requests();
    assert!(log::of(&log, ApiKey::DescribeGroups).len() <= 3, "{log:?}");
    assert!(log::of(&log, ApiKey::OffsetFetch).len() <= 3);
    // A broker works on one connection's requests one at a time: ListOffsets
    // use a second connection, not the one the group requests queue on.
    for fetch in log::of(&log, ApiKey::OffsetFetch) {
        for list in log::of(&log, ApiKey::ListOffsets) {
            if list.broker == fetch.broker {
                assert_ne!(list.connection, fetch.connection, "{list:?}");
            }
        }
    }
}

#[test]
fn reset_plan_and_execute_take_four_dependent_round_trips() {
    let cluster = FaultCluster::start(3);
    let groups = seed(&cluster, 3);
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().to_str().unwrap();
    let g = groups[0].as_str();
    assert!(
        round_trips(
            &cluster,
            &["reset-offsets", g, "--all-topics", "--to-latest"]
        ) <= 4
    );
    assert!(
        round_trips(
            &cluster,
            &["reset-offsets", g, "--topic", "payments", "--to-earliest"]
        ) <= 4
    );
    let csv = dir.path().join("offsets.csv");
    std::fs::write(&csv, "orders,0,5\norders,1,6\npayments,2,1\n").unwrap();
    let csv = csv.to_str().unwrap();
    assert!(round_trips(&cluster, &["reset-offsets", g, "--from-file", csv]) <= 4);
    let n = round_trips(
        &cluster,
        &[
            "reset-offsets",
            g,
            "--all-topics",
            "--to-latest",
            "--execute",
            "--backup-dir",
            backups,
        ],
    );
    assert!(n <= 4, "plan + execute: {n}");
    assert_eq!(
        committed_at(cluster.upstream(), g, "orders", &[0, 5]),
        [10, 10]
    );
    // Several groups at once, and a saved plan executed later.
    let n = round_trips(
        &cluster,
        &[
            "reset-offsets",
            &groups[1],
            &groups[2],
            "--all-topics",
            "--shift-by",
            "-1",
            "--execute",
            "--backup-dir",
            backups,
        ],
    );
    assert!(n <= 4, "two groups: {n}");
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    round_trips(
        &cluster,
        &[
            "reset-offsets",
            g,
            "--all-topics",
            "--to-earliest",
            "--plan",
            plan,
        ],
    );
    let n = round_trips(
        &cluster,
        &[
            "reset-offsets",
            g,
            "--execute",
            "--plan",
            plan,
            "--backup-dir",
            backups,
        ],
    );
    assert!(n <= 4, "saved plan: {n}");
    assert_eq!(committed_at(cluster.upstream(), g, "orders", &[0]), [0]);
}
