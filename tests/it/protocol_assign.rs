//! `assign --from-group` with complete member metadata (subscriptions,
//! owned partitions, generation, assignments), which the test broker does
//! not send, served at the protocol level.

use crate::common;
use common::responder::*;
use common::{groupctl, stdout_of};
use kafka_protocol::messages::consumer_protocol_assignment::TopicPartition as AssignedTp;
use kafka_protocol::messages::consumer_protocol_subscription::TopicPartition as OwnedTp;
use kafka_protocol::messages::describe_groups_response::{DescribedGroup, DescribedGroupMember};
use kafka_protocol::messages::*;

/// A member of a cooperative-sticky group that owns (and is assigned) `parts` of orders.
fn sticky_member(id: &str, parts: &[i32]) -> DescribedGroupMember {
    let sub = ConsumerProtocolSubscription::default()
        .with_topics(vec![sb("orders")])
        .with_owned_partitions(vec![OwnedTp::default()
            .with_topic(TopicName(sb("orders")))
            .with_partitions(parts.to_vec())])
        .with_generation_id(4);
    let asg =
        ConsumerProtocolAssignment::default().with_assigned_partitions(vec![AssignedTp::default()
            .with_topic(TopicName(sb("orders")))
            .with_partitions(parts.to_vec())]);
    DescribedGroupMember::default()
        .with_member_id(sb(id))
        .with_client_id(sb("app"))
        .with_client_host(sb("/10.0.0.1"))
        .with_member_metadata(versioned(&sub, 2))
        .with_member_assignment(versioned(&asg, 0))
}

fn responder() -> Responder {
    Responder::start(kafka_41_apis(), vec![("orders", 6)], |req| {
        match req.api_key {
            ApiKey::DescribeGroups => {
                let d: DescribeGroupsRequest = req.decode();
                let groups = d
                    .groups
                    .iter()
                    .map(|g| {
                        DescribedGroup::default()
                            .with_group_id(g.clone())
                            .with_group_state(sb("Stable"))
                            .with_protocol_type(sb("consumer"))
                            .with_protocol_data(sb("cooperative-sticky"))
                            .with_members(vec![
                                sticky_member("c-1", &[0, 1, 2]),
                                sticky_member("c-2", &[3, 4, 5]),
                            ])
                    })
                    .collect();
                Some(reply(
                    &DescribeGroupsResponse::default().with_groups(groups),
                    req.version,
                ))
            }
            _ => None,
        }
    })
}

#[test]
fn unchanged_group_moves_nothing_and_scaling_out_matches_the_file_path() {
    let r = responder();
    // Default strategy: the group's own; the unchanged scenario reproduces the current assignment.
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(groupctl().args(["-b", r.addr()]).args([
            "assign",
            "--from-group",
            "billing",
            "--json",
        ])))
        .unwrap();
    assert_eq!(v["strategy"], "cooperative-sticky");
    assert_eq!(
        v["assignment"]["c-1"],
        serde_json::json!([["orders", 0], ["orders", 1], ["orders", 2]])
    );
    assert_eq!(v["moves"], serde_json::json!([]));

    // The scenario carries the current assignment as owned partitions, all in the next generation.
    let dump = stdout_of(groupctl().args(["-b", r.addr()]).args([
        "assign",
        "--from-group",
        "billing",
        "--add-member",
        "c-3",
        "--dump-scenario",
    ]));
    let s: serde_json::Value = serde_json::from_str(&dump).unwrap();
    assert_eq!(s["topics"], serde_json::json!({"orders": 6}));
    assert_eq!(
        s["members"][1]["owned"],
        serde_json::json!([["orders", 3], ["orders", 4], ["orders", 5]])
    );
    assert_eq!(s["members"][0]["generation"], 5);
    assert_eq!(s["members"][2]["id"], "c-3");

    // What-if: a third member joins. Same answer from the live group and from the dumped file.
    let live = stdout_of(groupctl().args(["-b", r.addr()]).args([
        "assign",
        "--from-group",
        "billing",
        "--add-member",
        "c-3",
        "--json",
    ]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    std::fs::write(&file, &dump).unwrap();
    let offline = stdout_of(groupctl().args(["-b", r.addr()]).args([
        "assign",
        "--input",
        file.to_str().unwrap(),
        "--strategy",
        "cooperative-sticky",
        "--json",
    ]));
    assert_eq!(live, offline);
    let v: serde_json::Value = serde_json::from_str(&live).unwrap();
    assert_eq!(v["summary"]["moved"], 2);
    assert_eq!(v["final"]["c-3"].as_array().unwrap().len(), 2);
    // Round 1 hands c-3 nothing: its partitions are first revoked from the others.
    assert_eq!(v["assignment"]["c-3"], serde_json::json!([]));
}

/// A group whose assignor groupctl does not implement: refused unless
/// `--strategy` names one of the four.
#[test]
fn a_custom_assignor_needs_strategy() {
    let r = Responder::start(kafka_41_apis(), vec![("orders", 6)], |req| {
        match req.api_key {
            ApiKey::DescribeGroups => {
                let d: DescribeGroupsRequest = req.decode();
                let groups = d
                    .groups
                    .iter()
                    .map(|g| {
                        DescribedGroup::default()
                            .with_group_id(g.clone())
                            .with_group_state(sb("Stable"))
                            .with_protocol_type(sb("consumer"))
                            .with_protocol_data(sb("my-assignor"))
                            .with_members(vec![
                                sticky_member("c-1", &[0, 1, 2]),
                                sticky_member("c-2", &[3, 4, 5]),
                            ])
                    })
                    .collect();
                Some(reply(
                    &DescribeGroupsResponse::default().with_groups(groups),
                    req.version,
                ))
            }
            _ => None,
        }
    });
    let (code, out, err) =
        common::outcome(groupctl().args(["-b", r.addr(), "assign", "--from-group", "billing"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("\"my-assignor\"")
            && err.contains("range, roundrobin, sticky, cooperative-sticky"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout_of(groupctl().args([
        "-b",
        r.addr(),
        "assign",
        "--from-group",
        "billing",
        "--strategy",
        "range",
        "--json",
    ])))
    .unwrap();
    assert_eq!(v["strategy"], "range");
    assert_eq!(v["moves"], serde_json::json!([]));
}
