//! Writes to groups DescribeGroups does not know (GROUP_ID_NOT_FOUND). Not
//! listed either: the coordinator knows no members (Kafka 4 for a group that
//! does not exist), so only the typo check speaks. Listed but not
//! describable (Chronik 2.10 for every consumer group, active or not): the
//! members cannot be checked, so writes are refused unless --assume-empty.

use crate::common;
use common::responder::*;
use common::{groupctl, outcome};
use kafka_protocol::messages::list_groups_response::ListedGroup;
use kafka_protocol::messages::offset_commit_response::{
    OffsetCommitResponsePartition, OffsetCommitResponseTopic,
};
use kafka_protocol::messages::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Lists `listed` as Stable; describes nothing; `listed` has offsets on orders-0/1.
fn broker(listed: &'static str, commits: Arc<AtomicUsize>) -> Responder {
    Responder::start(kafka_41_apis(), vec![("orders", 2)], move |req| {
        match req.api_key {
            ApiKey::ListGroups => Some(reply(
                &ListGroupsResponse::default().with_groups(vec![ListedGroup::default()
                    .with_group_id(GroupId(sb(listed)))
                    .with_protocol_type(sb("consumer"))
                    .with_group_state(sb("Stable"))]),
                req.version,
            )),
            ApiKey::DescribeGroups => Some(describe_not_found(req)),
            ApiKey::OffsetFetch => {
                let r: OffsetFetchRequest = req.decode();
                if r.groups.iter().any(|g| g.group_id.0.as_str() == listed) {
                    Some(offset_fetch(req, &[(0, 3), (1, 4)]))
                } else {
                    Some(offset_fetch(req, &[]))
                }
            }
            ApiKey::ListOffsets => Some(list_offsets(req)),
            ApiKey::OffsetCommit => {
                commits.fetch_add(1, Ordering::SeqCst);
                let c: OffsetCommitRequest = req.decode();
                let topics = c
                    .topics
                    .iter()
                    .map(|t| {
                        OffsetCommitResponseTopic::default()
                            .with_name(t.name.clone())
                            .with_partitions(
                                t.partitions
                                    .iter()
                                    .map(|p| {
                                        OffsetCommitResponsePartition::default()
                                            .with_partition_index(p.partition_index)
                                    })
                                    .collect(),
                            )
                    })
                    .collect();
                Some(reply(
                    &OffsetCommitResponse::default().with_topics(topics),
                    req.version,
                ))
            }
            _ => None,
        }
    })
}

#[test]
fn a_listed_group_that_cannot_be_described_needs_assume_empty() {
    let commits = Arc::new(AtomicUsize::new(0));
    let r = broker("billing", commits.clone());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let why = "billing: the broker lists it (Stable) but cannot describe its members (GROUP_ID_NOT_FOUND)";

    let (code, _, err) = outcome(groupctl().args(["-b", r.addr()]).args([
        "reset-offsets",
        "billing",
        "--topic",
        "orders",
        "--to-earliest",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with(
            "warning: cannot check that group billing has no members (the broker lists it (Stable)"
        ),
        "{err}"
    );
    assert!(
        err.contains("--execute will be refused unless --assume-empty"),
        "{err}"
    );

    for args in [
        &[
            "reset-offsets",
            "billing",
            "--topic",
            "orders",
            "--to-earliest",
            "--execute",
        ][..],
        &["offsets", "commit", "billing", "--offset", "orders:0=1"][..],
    ] {
        let (code, _, err) = outcome(
            groupctl()
                .args(["-b", r.addr()])
                .args(args)
                .args(["--backup-dir", d]),
        );
        assert_eq!(code, 3, "{args:?}: {err}");
        assert_eq!(
            err,
            format!("error: refusing to commit offsets: cannot check that the group has no active members ({why}); stop its consumers, then pass --assume-empty\n")
        );
    }
    assert_eq!(commits.load(Ordering::SeqCst), 0, "nothing committed");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no backup"
    );

    let (code, _, err) = outcome(groupctl().args(["-b", r.addr()]).args([
        "reset-offsets",
        "billing",
        "--topic",
        "orders",
        "--to-earliest",
        "--execute",
        "--assume-empty",
        "--backup-dir",
        d,
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("cannot check that group billing has no members (the broker lists it (Stable) but cannot describe its members (GROUP_ID_NOT_FOUND)); committing anyway (--assume-empty)"),
        "{err}"
    );
    assert_eq!(commits.load(Ordering::SeqCst), 1);
}

#[test]
fn a_group_nobody_knows_is_idle_and_a_likely_typo() {
    let commits = Arc::new(AtomicUsize::new(0));
    let r = broker("billing", commits.clone());
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = outcome(groupctl().args(["-b", r.addr()]).args([
        "reset-offsets",
        "biling",
        "--topic",
        "orders",
        "--to-earliest",
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err,
        "error: group biling does not exist (no members, no committed offsets, not listed by any broker; did you mean billing?); nothing committed (pass --allow-new-group to create it)\n"
    );
    let (code, _, err) = outcome(groupctl().args(["-b", r.addr()]).args([
        "reset-offsets",
        "biling",
        "--topic",
        "orders",
        "--to-earliest",
        "--execute",
        "--allow-new-group",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "no members to check: {err}");
    assert_eq!(commits.load(Ordering::SeqCst), 1);
}
