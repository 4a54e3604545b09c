//! delete / delete-offsets at the protocol level (the test broker has no
//! OffsetDelete and never says NON_EMPTY_GROUP).

mod common;
use common::groupctl;
use common::responder::*;
use kafka_protocol::messages::delete_groups_response::DeletableGroupResult;
use kafka_protocol::messages::describe_groups_response::DescribedGroup;
use kafka_protocol::messages::offset_delete_response::{
    OffsetDeleteResponsePartition, OffsetDeleteResponseTopic,
};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;

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
        "error: unknown topic nope\n"
    );
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
