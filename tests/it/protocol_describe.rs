//! `describe` at the protocol level, for what the real test broker cannot
//! produce: member metadata and assignments, KIP-848 groups, error codes, a
//! moving coordinator, old brokers without batched APIs.

use crate::common;
use common::responder::*;
use common::{groupctl, stdout_of};
use kafka_protocol::messages::consumer_group_describe_response as cgd;
use kafka_protocol::messages::describe_groups_response::DescribedGroup;
use kafka_protocol::messages::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn classic_group(name: &str) -> DescribedGroup {
    DescribedGroup::default()
        .with_group_id(GroupId(sb(name)))
        .with_group_state(sb("Stable"))
        .with_protocol_type(sb("consumer"))
        .with_protocol_data(sb("range"))
        .with_members(vec![
            member(
                "c1-1111",
                "billing-1",
                "/10.0.0.1",
                &["orders"],
                &[("orders", &[0, 1])],
            ),
            member(
                "c2-2222",
                "billing-2",
                "/10.0.0.2",
                &["orders"],
                &[("orders", &[2])],
            ),
        ])
}

#[test]
fn members_are_decoded_from_the_consumer_protocol() {
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], |req| {
        match req.api_key {
            ApiKey::DescribeGroups => {
                let d: DescribeGroupsRequest = req.decode();
                Some(reply(
                    &DescribeGroupsResponse::default()
                        .with_groups(d.groups.iter().map(|g| classic_group(&g.0)).collect()),
                    req.version,
                ))
            }
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 90), (1, 100)])),
            ApiKey::ListOffsets => Some(list_offsets(req)),
            _ => None,
        }
    });
    let out = stdout_of(
        groupctl()
            .args(["-b", r.addr()])
            .args(["describe", "billing"]),
    );
    // This responder offers no Fetch: the time lag is unknown, and says why.
    let expected = format!(
        "Group billing: state Stable, type classic, coordinator 127.0.0.1:{port} (id: 1), assignor range, 2 members, total lag 10, max time lag ?, 1 partition without a committed offset\n\
         \n\
         GROUP    TOPIC   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  TIME-LAG  CONSUMER-ID  HOST       CLIENT-ID  NOTE\n\
         billing  orders  0          90              100             10   ?         c1-1111      /10.0.0.1  billing-1  time lag unknown: Fetch is not offered by broker 127.0.0.1:{port}\n\
         billing  orders  1          100             100             0    -         c1-1111      /10.0.0.1  billing-1\n\
         billing  orders  2          -               100             -    -         c2-2222      /10.0.0.2  billing-2\n",
        port = r.addr().rsplit(':').next().unwrap()
    );
    assert_eq!(out, expected);

    let out =
        stdout_of(
            groupctl()
                .args(["-b", r.addr()])
                .args(["describe", "billing", "--members"]),
        );
    assert!(
        out.contains("billing  c1-1111      /10.0.0.1  billing-1  2            orders(0,1)\n"),
        "{out}"
    );
    assert!(
        out.contains("billing  c2-2222      /10.0.0.2  billing-2  1            orders(2)\n"),
        "{out}"
    );
}

#[test]
fn many_groups_cost_one_request_per_step() {
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], |req| {
        match req.api_key {
            ApiKey::DescribeGroups => {
                let d: DescribeGroupsRequest = req.decode();
                Some(reply(
                    &DescribeGroupsResponse::default()
                        .with_groups(d.groups.iter().map(|g| classic_group(&g.0)).collect()),
                    req.version,
                ))
            }
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 1)])),
            ApiKey::ListOffsets => Some(list_offsets(req)),
            _ => None,
        }
    });
    let groups: Vec<String> = (0..25).map(|i| format!("g{i}")).collect();
    let mut cmd = groupctl();
    cmd.args(["-b", r.addr(), "describe"])
        .args(&groups)
        .arg("--json");
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&mut cmd)).unwrap();
    assert_eq!(v["groups"].as_array().unwrap().len(), 25);
    assert_eq!(r.count(ApiKey::FindCoordinator), 1);
    assert_eq!(r.count(ApiKey::DescribeGroups), 1);
    assert_eq!(r.count(ApiKey::OffsetFetch), 1);
    assert_eq!(r.count(ApiKey::ListOffsets), 2);
}

#[test]
fn old_brokers_get_one_request_per_group() {
    let apis: Vec<_> = kafka_41_apis()
        .into_iter()
        .map(|(k, lo, hi)| match k {
            ApiKey::FindCoordinator => (k, lo, 3),
            ApiKey::OffsetFetch => (k, lo, 7),
            ApiKey::DescribeGroups => (k, lo, 5),
            _ => (k, lo, hi),
        })
        .filter(|(k, _, _)| *k != ApiKey::ConsumerGroupDescribe)
        .collect();
    let r = Responder::start(apis, vec![("orders", 3)], |req| match req.api_key {
        ApiKey::DescribeGroups => {
            let d: DescribeGroupsRequest = req.decode();
            Some(reply(
                &DescribeGroupsResponse::default()
                    .with_groups(d.groups.iter().map(|g| classic_group(&g.0)).collect()),
                req.version,
            ))
        }
        ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 50)])),
        ApiKey::ListOffsets => Some(list_offsets(req)),
        _ => None,
    });
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        groupctl()
            .args(["-b", r.addr()])
            .args(["describe", "a", "b", "c", "--json"]),
    ))
    .unwrap();
    let lags: Vec<i64> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["partitions"][0]["lag"].as_i64().unwrap())
        .collect();
    assert_eq!(lags, [50, 50, 50]);
    assert_eq!(r.count(ApiKey::FindCoordinator), 3);
    assert_eq!(r.count(ApiKey::OffsetFetch), 3);
    assert!(r
        .seen
        .lock()
        .unwrap()
        .iter()
        .all(|(k, v)| *k != ApiKey::OffsetFetch || *v == 7));
}

#[test]
fn kip848_groups_are_described_with_consumer_group_describe() {
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], |req| {
        match req.api_key {
            ApiKey::DescribeGroups => {
                assert_eq!(req.version, 6);
                let d: DescribeGroupsRequest = req.decode();
                let groups = d
                    .groups
                    .iter()
                    .map(|g| {
                        DescribedGroup::default()
                            .with_group_id(g.clone())
                            .with_error_code(69)
                            .with_error_message(Some(sb("Group g848 is not a classic group.")))
                            .with_group_state(sb("Dead"))
                    })
                    .collect();
                Some(reply(
                    &DescribeGroupsResponse::default().with_groups(groups),
                    req.version,
                ))
            }
            ApiKey::ConsumerGroupDescribe => {
                let d: ConsumerGroupDescribeRequest = req.decode();
                let groups = d
                    .group_ids
                    .iter()
                    .map(|g| {
                        cgd::DescribedGroup::default()
                            .with_group_id(g.clone())
                            .with_group_state(sb("Stable"))
                            .with_assignor_name(sb("uniform"))
                            .with_members(vec![cgd::Member::default()
                                .with_member_id(sb("m-848"))
                                .with_client_id(sb("app"))
                                .with_client_host(sb("/10.9.9.9"))
                                .with_member_epoch(5)
                                .with_subscribed_topic_names(vec![TopicName(sb("orders"))])
                                .with_assignment(
                                    cgd::Assignment::default().with_topic_partitions(vec![
                                        cgd::TopicPartitions::default()
                                            .with_topic_name(TopicName(sb("orders")))
                                            .with_partitions(vec![0, 1, 2]),
                                    ]),
                                )])
                    })
                    .collect();
                Some(reply(
                    &ConsumerGroupDescribeResponse::default().with_groups(groups),
                    req.version,
                ))
            }
            // Asked side by side with the description.
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[])),
            _ => None,
        }
    });
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(groupctl().args(["-b", r.addr()]).args([
            "describe",
            "g848",
            "--members",
            "--json",
        ])))
        .unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["type"], "consumer");
    assert_eq!(g["assignor"], "uniform");
    assert_eq!(g["members"][0]["member_id"], "m-848");
    assert_eq!(g["members"][0]["assignment"].as_array().unwrap().len(), 3);
}

#[test]
fn errors_name_the_kafka_error_and_give_a_hint() {
    let r = Responder::start(kafka_41_apis(), vec![], |req| match req.api_key {
        ApiKey::DescribeGroups => {
            let d: DescribeGroupsRequest = req.decode();
            let groups = d
                .groups
                .iter()
                .map(|g| {
                    DescribedGroup::default()
                        .with_group_id(g.clone())
                        .with_error_code(30)
                })
                .collect();
            Some(reply(
                &DescribeGroupsResponse::default().with_groups(groups),
                req.version,
            ))
        }
        // OffsetFetch (asked side by side) is refused for the same reason.
        ApiKey::OffsetFetch => {
            let f: OffsetFetchRequest = req.decode();
            let groups = f
                .groups
                .iter()
                .map(|g| {
                    offset_fetch_response::OffsetFetchResponseGroup::default()
                        .with_group_id(g.group_id.clone())
                        .with_error_code(30)
                })
                .collect();
            Some(reply(
                &OffsetFetchResponse::default().with_groups(groups),
                req.version,
            ))
        }
        _ => None,
    });
    let out = groupctl()
        .args(["-b", r.addr()])
        .args(["describe", "secret-group"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: GROUP_AUTHORIZATION_FAILED (group secret-group): the principal lacks DESCRIBE/READ on this group (check ACLs)\n"
    );
}

#[test]
fn not_coordinator_is_retried_after_a_new_lookup() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], move |req| {
        match req.api_key {
            ApiKey::DescribeGroups => {
                let d: DescribeGroupsRequest = req.decode();
                let first = c.fetch_add(1, Ordering::SeqCst) == 0;
                let groups = d
                    .groups
                    .iter()
                    .map(|g| {
                        if first {
                            DescribedGroup::default()
                                .with_group_id(g.clone())
                                .with_error_code(16)
                        } else {
                            classic_group(&g.0)
                        }
                    })
                    .collect();
                Some(reply(
                    &DescribeGroupsResponse::default().with_groups(groups),
                    req.version,
                ))
            }
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 1)])),
            ApiKey::ListOffsets => Some(list_offsets(req)),
            _ => None,
        }
    });
    let out = stdout_of(
        groupctl()
            .args(["-b", r.addr()])
            .args(["describe", "billing", "--state"]),
    );
    assert!(out.contains("billing  127.0.0.1:"), "{out}");
    assert_eq!(r.count(ApiKey::DescribeGroups), 2);
    assert_eq!(
        r.count(ApiKey::FindCoordinator),
        2,
        "NOT_COORDINATOR must invalidate the cached coordinator"
    );
}
