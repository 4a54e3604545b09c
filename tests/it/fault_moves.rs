//! Coordinator and leader moves (issue 13 line 3): NOT_COORDINATOR,
//! COORDINATOR_LOAD_IN_PROGRESS and NOT_LEADER_OR_FOLLOWER for a few
//! responses; groupctl re-discovers and succeeds within the deadline, and
//! writes happen once.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use serde_json::Value;

/// `orders` (4 partitions, 10 records each) and group `g` coordinated by
/// broker 2, committed at 3 on every partition.
fn seed(cluster: &FaultCluster) -> String {
    let up = cluster.upstream();
    create_topic_at(up, "orders", 4);
    for p in 0..4 {
        produce_at(up, "orders", p, 10);
    }
    let g = cluster.group_coordinated_by(2, "g");
    commit_at(up, &g, "orders", &[(0, 3), (1, 3), (2, 3), (3, 3)]);
    g
}

fn json_of(cmd: &mut assert_cmd::Command) -> Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

/// Requests of `api` the proxy passed on to the real broker (not answered itself).
fn forwarded(cluster: &FaultCluster, api: ApiKey) -> usize {
    log::of(&cluster.requests(), api)
        .iter()
        .filter(|e| e.proxy_error.is_none())
        .count()
}

#[test]
fn describe_rediscovers_coordinator_and_leaders() {
    let cluster = FaultCluster::start(3);
    let g = seed(&cluster);
    let coordinator = cluster.broker(2);
    coordinator.fail_next(2, &[ApiKey::DescribeGroups], ResponseError::NotCoordinator);
    coordinator.fail_next(
        2,
        &[ApiKey::OffsetFetch],
        ResponseError::CoordinatorLoadInProgress,
    );
    let leader = cluster.leader("orders", 0);
    cluster.broker(leader).fail_next(
        2,
        &[ApiKey::ListOffsets],
        ResponseError::NotLeaderOrFollower,
    );
    let v = json_of(groupctl().args(["-b", &cluster.bootstrap(), "describe", &g, "--json"]));
    let r = &v["groups"][0];
    assert_eq!(r["error"], Value::Null, "{r}");
    assert_eq!(r["state"], "Empty");
    assert_eq!(r["total_lag"], 28);
    for p in r["partitions"].as_array().unwrap() {
        assert_eq!(
            (&p["log_end_offset"], &p["error"]),
            (&10.into(), &Value::Null)
        );
    }
    assert_eq!(coordinator.pending_failures(), 0);
    assert_eq!(cluster.broker(leader).pending_failures(), 0);
    let log = cluster.requests();
    // NOT_COORDINATOR sent it back to FindCoordinator; NOT_LEADER_OR_FOLLOWER to Metadata.
    assert!(log::of(&log, ApiKey::FindCoordinator).len() >= 2, "{log:?}");
    assert!(log::of(&log, ApiKey::Metadata).len() >= 2, "{log:?}");
}

#[test]
fn offsets_fetch_waits_out_a_loading_coordinator() {
    let cluster = FaultCluster::start(3);
    let g = seed(&cluster);
    cluster.broker(2).fail_next(
        3,
        &[ApiKey::OffsetFetch],
        ResponseError::CoordinatorLoadInProgress,
    );
    let v =
        json_of(groupctl().args(["-b", &cluster.bootstrap(), "offsets", "fetch", &g, "--json"]));
    assert_eq!(v["partitions"].as_array().unwrap().len(), 4);
    assert_eq!(v["partitions"][0]["lag"], 7);
    // Loading is not a move: asked again at the same coordinator, four times in all.
    assert_eq!(cluster.broker(2).count(ApiKey::OffsetFetch), 4);
}

#[test]
fn reset_execute_commits_once_through_coordinator_errors() {
    let cluster = FaultCluster::start(3);
    let g = seed(&cluster);
    let b2 = cluster.broker(2);
    b2.fail_next(1, &[ApiKey::OffsetCommit], ResponseError::NotCoordinator);
    b2.fail_next(
        1,
        &[ApiKey::OffsetCommit],
        ResponseError::CoordinatorLoadInProgress,
    );
    b2.fail_next(1, &[ApiKey::DescribeGroups], ResponseError::NotCoordinator);
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &cluster.bootstrap(),
        "reset-offsets",
        &g,
        "--all-topics",
        "--to-latest",
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("committed 4 offset(s)"), "{err}");
    assert_eq!(
        committed_at(cluster.upstream(), &g, "orders", &[0, 1, 2, 3]),
        [10, 10, 10, 10]
    );
    assert_eq!(b2.pending_failures(), 0);
    assert_eq!(
        forwarded(&cluster, ApiKey::OffsetCommit),
        1,
        "the refused commits changed nothing; the accepted one was sent once"
    );
}

#[test]
fn a_reset_that_half_applies_says_which_partitions_were_not_committed() {
    let cluster = FaultCluster::start(3);
    let g2 = seed(&cluster);
    let g1 = cluster.group_coordinated_by(1, "g");
    let up = cluster.upstream();
    commit_at(up, &g1, "orders", &[(0, 3), (1, 3), (2, 3), (3, 3)]);
    // g2's coordinator refuses every commit (not retriable): g1 goes through.
    cluster.broker(2).fail_next(
        100,
        &[ApiKey::OffsetCommit],
        ResponseError::GroupAuthorizationFailed,
    );
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = outcome(groupctl().args([
        "-b",
        &cluster.bootstrap(),
        "reset-offsets",
        &g1,
        &g2,
        "--all-topics",
        "--to-latest",
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(code, 4, "partial: {err}");
    assert_eq!(committed_at(up, &g1, "orders", &[0, 1, 2, 3]), [10; 4]);
    assert_eq!(committed_at(up, &g2, "orders", &[0, 1, 2, 3]), [3; 4]);
    for p in 0..4 {
        assert!(
            err.contains(&format!(
                "{g2} orders-{p}: not committed: GROUP_AUTHORIZATION_FAILED"
            )),
            "{err}"
        );
    }
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["result"]["committed"], 4);
    assert_eq!(v["result"]["failed"].as_array().unwrap().len(), 4);
    assert!(
        err.lines()
            .last()
            .unwrap()
            .contains("4 offset(s) committed, 4 failed"),
        "{err}"
    );
}

#[test]
fn delete_rediscovers_the_coordinator() {
    let cluster = FaultCluster::start(3);
    let g = seed(&cluster);
    let b2 = cluster.broker(2);
    b2.fail_next(1, &[ApiKey::DeleteGroups], ResponseError::NotCoordinator);
    b2.fail_next(
        1,
        &[ApiKey::DeleteGroups],
        ResponseError::CoordinatorLoadInProgress,
    );
    let out = stdout_of(groupctl().args(["-b", &cluster.bootstrap(), "delete", &g, "--yes"]));
    assert_eq!(out, format!("deleted group {g}\n"));
    assert_eq!(
        committed_at(cluster.upstream(), &g, "orders", &[0]),
        [-1],
        "its offsets are gone"
    );
    assert_eq!(b2.pending_failures(), 0);
    assert_eq!(forwarded(&cluster, ApiKey::DeleteGroups), 1);
}
