//! delete / delete-offsets at the protocol level (the test broker has no
//! OffsetDelete and never says NON_EMPTY_GROUP).

use crate::common;
use common::responder::*;
use common::{groupctl, outcome};
use kafka_protocol::messages::delete_groups_response::DeletableGroupResult;
use kafka_protocol::messages::describe_groups_response::DescribedGroup;
use kafka_protocol::messages::offset_delete_response::{
    OffsetDeleteResponsePartition, OffsetDeleteResponseTopic,
};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;
use std::sync::{Arc, Mutex};

fn empty_groups(req: &Request) -> Reply {
    let d: DescribeGroupsRequest = req.decode();
    let groups = d
        .groups
        .iter()
        .map(|g| {
            DescribedGroup::default()
                .with_group_id(g.clone())
                .with_group_state(StrBytes::from_static_str("Empty"))
        })
        .collect();
    reply(
        &DescribeGroupsResponse::default().with_groups(groups),
        req.version,
    )
}

#[test]
fn delete_offsets_reports_each_partition() {
    let r = Responder::start(kafka_41_apis(), vec![("orders", 2)], |req| {
        match req.api_key {
            ApiKey::OffsetDelete => {
                let d: OffsetDeleteRequest = req.decode();
                assert_eq!(d.group_id.0.as_str(), "billing");
                let topics = d
                    .topics
                    .iter()
                    .map(|t| {
                        OffsetDeleteResponseTopic::default()
                            .with_name(t.name.clone())
                            .with_partitions(
                                t.partitions
                                    .iter()
                                    .map(|p| {
                                        // partition 1 is still consumed by the group
                                        let code = if p.partition_index == 1 { 86 } else { 0 };
                                        OffsetDeleteResponsePartition::default()
                                            .with_partition_index(p.partition_index)
                                            .with_error_code(code)
                                    })
                                    .collect(),
                            )
                    })
                    .collect();
                Some(reply(
                    &OffsetDeleteResponse::default().with_topics(topics),
                    req.version,
                ))
            }
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 5), (1, 5)])),
            _ => None,
        }
    });
    let out = groupctl()
        .args(["-b", r.addr()])
        .args(["delete-offsets", "billing", "--topic", "orders", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "deleted committed offset of billing for orders-0\n"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: orders-1: GROUP_SUBSCRIBED_TO_TOPIC"),
        "{err}"
    );
    assert!(
        err.contains("(the group's members still consume orders)"),
        "{err}"
    );
    assert!(err.contains("error: 1 deleted, 1 failed"), "{err}");

    let out = groupctl()
        .args(["-b", r.addr()])
        .args(["delete-offsets", "billing", "--topic", "orders:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "no terminal, no --yes: refused");
    let out = groupctl()
        .args(["-b", r.addr()])
        .args(["delete-offsets", "billing", "--topic", "nope", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: unknown topic nope, and group billing has no committed offsets for it\n"
    );
}

/// OffsetDelete answered per partition with success, logging what was asked.
fn offset_delete_ok(req: &Request, log: &Mutex<Vec<(String, i32)>>) -> Reply {
    let d: OffsetDeleteRequest = req.decode();
    let topics = d
        .topics
        .iter()
        .map(|t| {
            let parts = t.partitions.iter().map(|p| {
                log.lock()
                    .unwrap()
                    .push((t.name.0.to_string(), p.partition_index));
                OffsetDeleteResponsePartition::default().with_partition_index(p.partition_index)
            });
            OffsetDeleteResponseTopic::default()
                .with_name(t.name.clone())
                .with_partitions(parts.collect())
        })
        .collect();
    reply(
        &OffsetDeleteResponse::default().with_topics(topics),
        req.version,
    )
}

#[test]
fn offsets_of_a_deleted_topic_can_be_deleted() {
    // `orders` was deleted (Metadata does not know it); billing still has offsets for
    // orders-0 and orders-1, as Kafka keeps them until OffsetDelete or the group goes.
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    let r = Responder::start(
        kafka_41_apis(),
        vec![("payments", 1)],
        move |req| match req.api_key {
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 5), (1, 7)])),
            ApiKey::OffsetDelete => Some(offset_delete_ok(req, &log)),
            _ => None,
        },
    );
    let (code, out, err) = outcome(groupctl().args(["-b", r.addr()]).args([
        "delete-offsets",
        "billing",
        "--topic",
        "orders",
        "--yes",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "deleted committed offset of billing for orders-0\ndeleted committed offset of billing for orders-1\n"
    );
    assert_eq!(
        *asked.lock().unwrap(),
        [("orders".to_string(), 0), ("orders".to_string(), 1)]
    );
    // Named partitions of a deleted topic are sent as given.
    asked.lock().unwrap().clear();
    let (code, _, err) = outcome(groupctl().args(["-b", r.addr()]).args([
        "delete-offsets",
        "billing",
        "--topic",
        "orders:1",
        "--yes",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(*asked.lock().unwrap(), [("orders".to_string(), 1)]);
}

#[test]
fn delete_asks_the_broker_when_describe_does_not_know_the_group() {
    // DescribeGroups says GROUP_ID_NOT_FOUND for every group (Kafka 4 for an unknown
    // group; Chronik 2.10 for every consumer group). DeleteGroups still decides:
    // `kept` has offsets and is deleted, `gone` does not exist, `busy` has members.
    let r = Responder::start(kafka_41_apis(), vec![], |req| match req.api_key {
        ApiKey::DescribeGroups => Some(describe_not_found(req)),
        ApiKey::DeleteGroups => {
            let d: DeleteGroupsRequest = req.decode();
            let results = d
                .groups_names
                .iter()
                .map(|g| {
                    let code = match g.0.as_str() {
                        "gone" => 69,
                        "busy" => 68,
                        _ => 0,
                    };
                    DeletableGroupResult::default()
                        .with_group_id(g.clone())
                        .with_error_code(code)
                })
                .collect();
            Some(reply(
                &DeleteGroupsResponse::default().with_results(results),
                req.version,
            ))
        }
        _ => None,
    });
    let (code, out, err) = outcome(
        groupctl()
            .args(["-b", r.addr()])
            .args(["delete", "kept", "gone", "busy", "kept", "--yes"]),
    );
    assert_eq!(code, 4, "{err}");
    assert_eq!(out, "deleted group kept\n", "once, though named twice");
    assert!(
        err.contains("warning: gone: GROUP_ID_NOT_FOUND (group gone): the coordinator does not know this group (no members and no committed offsets: nothing to delete)"),
        "{err}"
    );
    assert!(
        err.contains("warning: busy: NON_EMPTY_GROUP (group busy): the group still has active members; stop its consumers first (the broker could not describe its members, but says they exist)"),
        "{err}"
    );
    assert!(
        err.ends_with("error: 1 deleted, 2 failed (listed above)\n"),
        "{err}"
    );
    assert_eq!(r.count(ApiKey::DeleteGroups), 1);
}

#[test]
fn non_empty_group_from_the_broker_is_explained() {
    let r = Responder::start(kafka_41_apis(), vec![], |req| match req.api_key {
        ApiKey::DescribeGroups => Some(empty_groups(req)),
        ApiKey::DeleteGroups => {
            let d: DeleteGroupsRequest = req.decode();
            let results = d
                .groups_names
                .iter()
                .map(|g| {
                    DeletableGroupResult::default()
                        .with_group_id(g.clone())
                        .with_error_code(68)
                })
                .collect();
            Some(reply(
                &DeleteGroupsResponse::default().with_results(results),
                req.version,
            ))
        }
        _ => None,
    });
    let out = groupctl()
        .args(["-b", r.addr()])
        .args(["delete", "billing", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: nothing deleted: NON_EMPTY_GROUP (group billing): the group still has active members; stop its consumers first\n"
    );
}
