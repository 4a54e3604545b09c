//! Offsets at the protocol level: OffsetFetch names the partitions whenever
//! the command knows them (a broker may answer the all-topics form with
//! nothing, as Chronik 2.10 does), lag is read with read_committed
//! ListOffsets, a commit below the log start gets its note, and a commit
//! the broker rejects for some partitions lists each of them.

use crate::common;
use common::responder::*;
use common::{groupctl, outcome};
use kafka_protocol::messages::describe_groups_response::DescribedGroup;
use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::offset_commit_response::{
    OffsetCommitResponsePartition, OffsetCommitResponseTopic,
};
use kafka_protocol::messages::offset_fetch_response::{
    OffsetFetchResponseGroup, OffsetFetchResponsePartitions, OffsetFetchResponseTopics,
};
use kafka_protocol::messages::*;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// What one OffsetFetch asked for: None = all topics, else (topic, partition)s.
type Asked = Option<Vec<(String, i32)>>;

/// Committed offsets of `orders` (v8+), logging what each request named.
/// With `named_only`, the all-topics form is answered with nothing.
/// With `first_only`, a batched request is answered for its first group only.
fn offset_fetch(
    req: &Request,
    commits: &BTreeMap<i32, i64>,
    (named_only, first_only): (bool, bool),
    log: &Mutex<Vec<Asked>>,
) -> Reply {
    let r: OffsetFetchRequest = req.decode();
    assert!(req.version >= 8, "the responder speaks v8+ only");
    let answered = if first_only { 1 } else { r.groups.len() };
    let groups = r
        .groups
        .iter()
        .take(answered)
        .map(|g| {
            let asked: Asked = g.topics.as_ref().map(|ts| {
                ts.iter()
                    .flat_map(|t| {
                        t.partition_indexes
                            .iter()
                            .map(|p| (t.name.0.to_string(), *p))
                    })
                    .collect()
            });
            log.lock().unwrap().push(asked.clone());
            let all = || commits.keys().map(|p| ("orders".to_string(), *p)).collect();
            let listed: Vec<(String, i32)> = match asked {
                Some(a) => a,
                None if named_only => vec![],
                None => all(),
            };
            let topics = listed
                .into_iter()
                .map(|(t, p)| {
                    let o = if t == "orders" {
                        commits.get(&p).copied().unwrap_or(-1)
                    } else {
                        -1
                    };
                    OffsetFetchResponseTopics::default()
                        .with_name(TopicName(sb(&t)))
                        .with_partitions(vec![OffsetFetchResponsePartitions::default()
                            .with_partition_index(p)
                            .with_committed_offset(o)
                            .with_metadata(Some(sb("")))])
                })
                .collect();
            OffsetFetchResponseGroup::default()
                .with_group_id(g.group_id.clone())
                .with_topics(topics)
        })
        .collect();
    reply(
        &OffsetFetchResponse::default().with_groups(groups),
        req.version,
    )
}

fn empty_group(req: &Request) -> Reply {
    let d: DescribeGroupsRequest = req.decode();
    let groups = d
        .groups
        .iter()
        .map(|g| {
            DescribedGroup::default()
                .with_group_id(g.clone())
                .with_group_state(sb("Empty"))
                .with_protocol_type(sb("consumer"))
        })
        .collect();
    reply(
        &DescribeGroupsResponse::default().with_groups(groups),
        req.version,
    )
}

/// Commits every partition, except those in `reject` (partition -> error code).
fn commit_reply(req: &Request, reject: &[(i32, i16)], log: &Mutex<Vec<(i32, i64)>>) -> Reply {
    let c: OffsetCommitRequest = req.decode();
    let topics = c
        .topics
        .iter()
        .map(|t| {
            let parts = t.partitions.iter().map(|p| {
                let code = reject
                    .iter()
                    .find(|(r, _)| *r == p.partition_index)
                    .map_or(0, |(_, c)| *c);
                if code == 0 {
                    log.lock()
                        .unwrap()
                        .push((p.partition_index, p.committed_offset));
                }
                OffsetCommitResponsePartition::default()
                    .with_partition_index(p.partition_index)
                    .with_error_code(code)
            });
            OffsetCommitResponseTopic::default()
                .with_name(t.name.clone())
                .with_partitions(parts.collect())
        })
        .collect();
    reply(
        &OffsetCommitResponse::default().with_topics(topics),
        req.version,
    )
}

/// ListOffsets: log start per partition from `starts` (else 0); log end 100
/// read_committed and 120 read_uncommitted (an open transaction in between).
fn log_offsets(req: &Request, starts: &[(i32, i64)], isolation: &Mutex<Vec<i8>>) -> Reply {
    let r: ListOffsetsRequest = req.decode();
    isolation.lock().unwrap().push(r.isolation_level);
    let topics = r
        .topics
        .iter()
        .map(|t| {
            let parts = t.partitions.iter().map(|p| {
                let start = starts
                    .iter()
                    .find(|(q, _)| *q == p.partition_index)
                    .map_or(0, |(_, s)| *s);
                let off = match (p.timestamp, r.isolation_level) {
                    (-2, _) => start,
                    (_, 1) => 100,
                    _ => 120,
                };
                ListOffsetsPartitionResponse::default()
                    .with_partition_index(p.partition_index)
                    .with_offset(off)
            });
            ListOffsetsTopicResponse::default()
                .with_name(t.name.clone())
                .with_partitions(parts.collect())
        })
        .collect();
    reply(
        &ListOffsetsResponse::default().with_topics(topics),
        req.version,
    )
}

struct Broker {
    r: Responder,
    fetches: Arc<Mutex<Vec<Asked>>>,
    committed: Arc<Mutex<Vec<(i32, i64)>>>,
    isolation: Arc<Mutex<Vec<i8>>>,
}

/// `orders` with 3 partitions; billing committed 40 on orders-0 and 60 on
/// orders-1; the all-topics OffsetFetch answered only `if all_form`.
fn broker(all_form: bool, reject: &'static [(i32, i16)], starts: &'static [(i32, i64)]) -> Broker {
    broker_with(all_form, false, reject, starts)
}

/// As `broker`; with `first_only`, a multi-group OffsetFetch is answered for
/// its first group only (as Chronik 2.10 does).
fn broker_with(
    all_form: bool,
    first_only: bool,
    reject: &'static [(i32, i16)],
    starts: &'static [(i32, i64)],
) -> Broker {
    let fetches = Arc::new(Mutex::new(Vec::new()));
    let committed = Arc::new(Mutex::new(Vec::new()));
    let isolation = Arc::new(Mutex::new(Vec::new()));
    let (f, c, i) = (fetches.clone(), committed.clone(), isolation.clone());
    let commits = BTreeMap::from([(0, 40), (1, 60)]);
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], move |req| {
        match req.api_key {
            ApiKey::OffsetFetch => Some(offset_fetch(req, &commits, (!all_form, first_only), &f)),
            ApiKey::DescribeGroups => Some(empty_group(req)),
            ApiKey::ListOffsets => Some(log_offsets(req, starts, &i)),
            ApiKey::OffsetCommit => Some(commit_reply(req, reject, &c)),
            _ => None,
        }
    });
    Broker {
        r,
        fetches,
        committed,
        isolation,
    }
}

fn asked(parts: &[i32]) -> Asked {
    Some(parts.iter().map(|p| ("orders".to_string(), *p)).collect())
}

#[test]
fn offsets_fetch_names_the_partitions_of_its_topics() {
    let b = broker(false, &[], &[]);
    let (code, out, err) = outcome(
        groupctl()
            .args(["-b", b.r.addr()])
            .args(["offsets", "fetch", "billing", "--topic", "orders", "--json"]),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(i64, Option<i64>)> = v["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["partition"].as_i64().unwrap(),
                p["committed_offset"].as_i64(),
            )
        })
        .collect();
    assert_eq!(got, [(0, Some(40)), (1, Some(60)), (2, None)]);
    assert_eq!(*b.fetches.lock().unwrap(), [asked(&[0, 1, 2])]);

    // Without --topic: every committed partition, also from this broker.
    b.fetches.lock().unwrap().clear();
    let (code, out, err) = outcome(
        groupctl()
            .args(["-b", b.r.addr()])
            .args(["offsets", "fetch", "billing"]),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "header and two partitions: {out}");
    assert_eq!(*b.fetches.lock().unwrap(), [None, asked(&[0, 1, 2])]);
}

#[test]
fn reset_plans_backs_up_and_commits_with_named_partitions() {
    let b = broker(false, &[], &[]);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "reset-offsets",
        "billing",
        "--topic",
        "orders:0,1",
        "--to-earliest",
        "--execute",
        "--backup-dir",
        d,
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let current: Vec<i64> = v["plan"]["groups"][0]["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["current_offset"].as_i64().unwrap())
        .collect();
    assert_eq!(current, [40, 60], "the plan knows the current offsets");
    let backup = &v["result"]["backups"][0]["path"];
    assert_eq!(
        std::fs::read_to_string(backup.as_str().unwrap()).unwrap(),
        "orders,0,40\norders,1,60\n",
        "the backup holds the replaced offsets"
    );
    assert_eq!(*b.committed.lock().unwrap(), [(0, 0), (1, 0)]);
    let fetches = b.fetches.lock().unwrap().clone();
    assert!(!fetches.is_empty());
    assert!(
        fetches.iter().all(|f| *f == asked(&[0, 1])),
        "every OffsetFetch names orders-0 and orders-1: {fetches:?}"
    );

    // From a file, and a saved plan executed later: the same.
    b.fetches.lock().unwrap().clear();
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "orders,1,7\norders,2,9\n").unwrap();
    let plan = dir.path().join("plan.json");
    let (code, _, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "reset-offsets",
        "billing",
        "--from-file",
        csv.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "reset-offsets",
        "--execute",
        "--plan",
        plan.to_str().unwrap(),
        "--backup-dir",
        d,
    ]));
    assert_eq!(code, 0, "{err}");
    let fetches = b.fetches.lock().unwrap().clone();
    // The backup saves what the stale check read (one round trip before the commit).
    assert_eq!(fetches.len(), 2, "plan, stale check: {fetches:?}");
    assert!(fetches.iter().all(|f| *f == asked(&[1, 2])), "{fetches:?}");

    // Only "every partition the group committed" asks for all topics; when
    // that comes back empty, every partition of the cluster is asked by name.
    b.fetches.lock().unwrap().clear();
    let (code, out, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "-v",
        "reset-offsets",
        "billing",
        "--all-topics",
        "--to-earliest",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["plan"]["groups"][0]["partitions"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "orders-0 and orders-1: {out}"
    );
    assert_eq!(*b.fetches.lock().unwrap(), [None, asked(&[0, 1, 2])]);
    assert!(
        err.contains("no committed offsets in the all-topics answer for billing; asking again for all 3 partitions by name"),
        "{err}"
    );
}

#[test]
fn offsets_commit_backs_up_the_named_partitions() {
    let b = broker(false, &[], &[]);
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "offsets",
        "commit",
        "billing",
        "--offset",
        "orders:1=5",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(std::fs::read_to_string(backup).unwrap(), "orders,1,60\n");
    let fetches = b.fetches.lock().unwrap().clone();
    assert!(fetches.iter().all(|f| *f == asked(&[1])), "{fetches:?}");
    assert_eq!(*b.committed.lock().unwrap(), [(1, 5)]);
}

#[test]
fn lag_is_read_committed_and_a_commit_below_log_start_is_noted() {
    // orders-0's log starts at 50 (retention deleted 0..50); billing is at 40 there.
    let b = broker(true, &[], &[(0, 50)]);
    let (code, out, err) = outcome(
        groupctl()
            .args(["-b", b.r.addr()])
            .args(["offsets", "fetch", "billing", "--topic", "orders", "--json"]),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = &v["partitions"];
    assert_eq!(
        p[0]["log_end_offset"], 100,
        "the last stable offset, not 120"
    );
    assert_eq!(p[0]["lag"], 60, "{out}");
    assert_eq!(p[1]["lag"], 40, "{out}");
    assert_eq!(p[0]["note"], "behind log start: 10 records lost", "{out}");
    assert!(p[1]["note"].is_null(), "{out}");
    let levels = b.isolation.lock().unwrap().clone();
    assert!(
        !levels.is_empty() && levels.iter().all(|l| *l == 1),
        "{levels:?}"
    );

    b.isolation.lock().unwrap().clear();
    let (code, out, err) = outcome(
        groupctl()
            .args(["-b", b.r.addr()])
            .args(["describe", "billing"]),
    );
    assert_eq!(code, 0, "{err}");
    let row0 = out
        .lines()
        .find(|l| l.starts_with("billing  orders  0"))
        .unwrap();
    let cols: Vec<&str> = row0.split_whitespace().collect();
    assert_eq!(&cols[3..6], ["40", "100", "60"], "{out}");
    assert!(row0.ends_with("behind log start: 10 records lost"), "{out}");
    let levels = b.isolation.lock().unwrap().clone();
    assert!(
        !levels.is_empty() && levels.iter().all(|l| *l == 1),
        "{levels:?}"
    );
}

#[test]
fn a_commit_rejected_for_some_partitions_lists_each_and_exits_4() {
    // orders-1: TOPIC_AUTHORIZATION_FAILED (29); orders-2: OFFSET_METADATA_TOO_LARGE (12).
    let b = broker(false, &[(1, 29), (2, 12)], &[]);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "reset-offsets",
        "billing",
        "--topic",
        "orders",
        "--to-latest",
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(code, 4, "{err}");
    assert!(
        out.contains("billing  orders  2"),
        "the plan is shown: {out}"
    );
    assert!(
        err.contains("warning: billing orders-1: not committed: TOPIC_AUTHORIZATION_FAILED"),
        "{err}"
    );
    assert!(
        err.contains("warning: billing orders-2: not committed: OFFSET_METADATA_TOO_LARGE"),
        "{err}"
    );
    assert!(
        err.contains("error: 1 offset(s) committed, 2 failed (listed above)"),
        "{err}"
    );
    assert!(!err.contains("committed 3"), "{err}");
    assert_eq!(*b.committed.lock().unwrap(), [(0, 100)]);

    // The same through --json: one document with each failure.
    let (code, out, _) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "offsets",
        "commit",
        "billing",
        "--offset",
        "orders:0=1",
        "--offset",
        "orders:1=1",
        "--backup-dir",
        dir.path().to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(code, 4);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["committed"], 1);
    assert_eq!(v["failed"][0]["partition"], 1);
    assert!(v["failed"][0]["error"]
        .as_str()
        .unwrap()
        .starts_with("TOPIC_AUTHORIZATION_FAILED"));
}

#[test]
fn groups_a_batched_answer_leaves_out_are_asked_for_alone() {
    let b = broker_with(true, true, &[], &[]);
    let (code, out, err) = outcome(groupctl().args(["-b", b.r.addr()]).args([
        "reset-offsets",
        "billing",
        "audit",
        "--topic",
        "orders:0",
        "--to-earliest",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let current: Vec<(String, i64)> = v["plan"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["partitions"][0]["current_offset"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        current,
        [("audit".to_string(), 40), ("billing".to_string(), 40)],
        "both groups' commits, not 'no committed offset' for the one left out"
    );
    // Both groups asked in one request, then the one left out alone.
    assert_eq!(b.r.count(ApiKey::OffsetFetch), 2);
    assert_eq!(*b.fetches.lock().unwrap(), [asked(&[0]), asked(&[0])]);
}

#[test]
fn describe_shows_the_offsets_of_groups_the_broker_cannot_describe_nor_list_all_topics_for() {
    // As Chronik 2.10: DescribeGroups answers GROUP_ID_NOT_FOUND, the
    // all-topics OffsetFetch answers nothing, a batch only its first group.
    let fetches = Arc::new(Mutex::new(Vec::new()));
    let isolation = Arc::new(Mutex::new(Vec::new()));
    let (f, i) = (fetches.clone(), isolation.clone());
    let commits = BTreeMap::from([(0, 40), (1, 60)]);
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], move |req| {
        match req.api_key {
            ApiKey::OffsetFetch => Some(offset_fetch(req, &commits, (true, true), &f)),
            ApiKey::DescribeGroups => Some(describe_not_found(req)),
            ApiKey::ListOffsets => Some(log_offsets(req, &[], &i)),
            _ => None,
        }
    });
    let (code, out, err) = outcome(
        groupctl()
            .args(["-b", r.addr()])
            .args(["describe", "billing", "shipping", "--json"]),
    );
    assert_eq!(code, 4, "state unknown is a partial result: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for g in v["groups"].as_array().unwrap() {
        assert_eq!(g["state"], "Unknown", "{out}");
        let e = g["error"].as_str().unwrap();
        assert!(e.starts_with("DescribeGroups failed"), "{e}");
        let lags: Vec<(i64, i64)> = g["partitions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| Some((p["current_offset"].as_i64()?, p["lag"].as_i64()?)))
            .collect();
        assert_eq!(lags, [(40, 60), (60, 40)], "{out}");
    }
    assert_eq!(v["groups"].as_array().unwrap().len(), 2, "{out}");
    // The batch, the group it left out alone, then both again by partition.
    let all = asked(&[0, 1, 2]);
    assert_eq!(
        *fetches.lock().unwrap(),
        [None, None, all.clone(), all],
        "{err}"
    );
}
