//! Ctrl-C during `reset-offsets --execute`, at several points against a
//! broker slowed down: before anything is sent the run ends at once with
//! nothing committed; with the commit in flight, no further request is sent,
//! the answer is awaited (up to the request timeout), exactly what was
//! committed (or is unknown) and where the backup is are printed, and the
//! exit code is 130. No temporary file is left behind in any case.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `orders` (2 partitions x 10 records) and group `g` coordinated by broker 2, committed at 7.
fn seed(cluster: &FaultCluster) -> String {
    let up = cluster.upstream();
    create_topic_at(up, "orders", 2);
    for p in 0..2 {
        produce_at(up, "orders", p, 10);
    }
    let g = cluster.group_coordinated_by(2, "g");
    commit_at(up, &g, "orders", &[(0, 7), (1, 7)]);
    g
}

fn start_reset(
    cluster: &FaultCluster,
    g: &str,
    backups: &std::path::Path,
    extra: &[&str],
) -> Child {
    pinned(Command::new(assert_cmd::cargo::cargo_bin("groupctl")))
        .args(["-b", &cluster.bootstrap()])
        .args(extra)
        .args([
            "reset-offsets",
            g,
            "--all-topics",
            "--to-earliest",
            "--execute",
        ])
        .args(["--backup-dir", backups.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn interrupt(child: &Child) {
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
}

/// Wait until broker `id` has received a request of `api`.
fn until_received(cluster: &FaultCluster, id: i32, api: ApiKey) {
    common::eventually(Duration::from_secs(20), || {
        cluster.broker(id).count(api) > 0
    });
}

fn finish(child: Child) -> (i32, String, Duration) {
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

fn temp_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn interrupted_while_planning_ends_at_once_and_commits_nothing() {
    let cluster = FaultCluster::start(2);
    let g = seed(&cluster);
    cluster.broker(2).slow_apis(
        &[ApiKey::OffsetFetch, ApiKey::DescribeGroups],
        Duration::from_secs(10),
    );
    let dir = tempfile::tempdir().unwrap();
    let child = start_reset(&cluster, &g, dir.path(), &[]);
    until_received(&cluster, 2, ApiKey::OffsetFetch);
    interrupt(&child);
    let (code, err, took) = finish(child);
    assert_eq!(code, 130, "{err}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    cluster.heal();
    assert_eq!(cluster.broker(2).count(ApiKey::OffsetCommit), 0);
    assert_eq!(
        committed_at(cluster.upstream(), &g, "orders", &[0, 1]),
        [7, 7]
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no backup, no temp file"
    );
}

#[test]
fn interrupted_with_the_commit_in_flight_says_what_was_committed() {
    let cluster = FaultCluster::start(2);
    let g = seed(&cluster);
    cluster
        .broker(2)
        .slow_apis(&[ApiKey::OffsetCommit], Duration::from_millis(1500));
    let dir = tempfile::tempdir().unwrap();
    let child = start_reset(&cluster, &g, dir.path(), &[]);
    until_received(&cluster, 2, ApiKey::OffsetCommit);
    interrupt(&child);
    let (code, err, took) = finish(child);
    assert_eq!(code, 130, "{err}");
    assert!(
        took < Duration::from_secs(5),
        "the answer was awaited, no more: {took:?}"
    );
    assert!(
        err.contains(&format!(
            "committed before the interruption: {g} orders-0 orders-1"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("the offsets replaced in {g} are in the backup ")),
        "{err}"
    );
    assert!(
        err.contains("error: interrupted: 2 offset(s) committed, 0 unknown, 0 not committed"),
        "{err}"
    );
    assert_eq!(
        committed_at(cluster.upstream(), &g, "orders", &[0, 1]),
        [0, 0]
    );
    assert_eq!(
        cluster.broker(2).count(ApiKey::OffsetCommit),
        1,
        "committed once"
    );
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn interrupted_with_an_answer_that_does_not_come_says_it_is_unknown() {
    let cluster = FaultCluster::start(2);
    let g = seed(&cluster);
    cluster
        .broker(2)
        .slow_apis(&[ApiKey::OffsetCommit], Duration::from_secs(30));
    let dir = tempfile::tempdir().unwrap();
    let child = start_reset(&cluster, &g, dir.path(), &["--request-timeout", "1s"]);
    until_received(&cluster, 2, ApiKey::OffsetCommit);
    interrupt(&child);
    let (code, err, took) = finish(child);
    assert_eq!(code, 130, "{err}");
    assert!(
        took < Duration::from_secs(3),
        "bounded by the request timeout: {took:?}"
    );
    assert!(
        err.contains(&format!(
            "sent, but no answer before the interruption (committed or not: check with offsets fetch): {g} orders-0 orders-1"
        )),
        "{err}"
    );
    assert!(err.contains("0 offset(s) committed, 2 unknown"), "{err}");
    assert_eq!(
        cluster.broker(2).count(ApiKey::OffsetCommit),
        1,
        "not sent again"
    );
    assert!(temp_files(dir.path()).is_empty());
}

/// Two resets of one group at once (issue 28 line 10): the second is refused
/// before it reads or writes anything, so the only backup holds the offsets
/// the first one actually replaced; once the first is done, a new run goes.
#[test]
fn a_second_writer_of_the_same_group_is_refused_while_the_first_runs() {
    let cluster = FaultCluster::start(2);
    let g = seed(&cluster);
    cluster
        .broker(2)
        .slow_apis(&[ApiKey::OffsetCommit], Duration::from_millis(1500));
    let dir = tempfile::tempdir().unwrap();
    let first = start_reset(&cluster, &g, dir.path(), &[]);
    until_received(&cluster, 2, ApiKey::OffsetCommit);
    let fetches = cluster.broker(2).count(ApiKey::OffsetFetch);
    let (code, _, err) = outcome(
        groupctl()
            .args(["-b", &cluster.bootstrap(), "reset-offsets", &g])
            .args(["--all-topics", "--to-latest", "--execute"])
            .args(["--backup-dir", dir.path().to_str().unwrap()]),
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!("is writing the offsets of group {g} on ")),
        "{err}"
    );
    assert_eq!(
        cluster.broker(2).count(ApiKey::OffsetFetch),
        fetches,
        "read nothing"
    );
    let (code, err, _) = finish(first);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        committed_at(cluster.upstream(), &g, "orders", &[0, 1]),
        [0, 0]
    );
    let backups: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(
        backups,
        ["orders,0,7\norders,1,7\n"],
        "one backup: what was replaced"
    );
    // The first is done: the lock is free again.
    let (code, _, err) = outcome(
        groupctl()
            .args(["-b", &cluster.bootstrap(), "reset-offsets", &g])
            .args(["--all-topics", "--to-latest", "--execute"])
            .args(["--backup-dir", dir.path().to_str().unwrap()]),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        committed_at(cluster.upstream(), &g, "orders", &[0, 1]),
        [10, 10]
    );
}
