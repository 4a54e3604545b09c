//! `assign --from-group` on member metadata captured from real clients,
//! served at the protocol level by the scripted broker.
//!
//! tests/fixtures/assign-captured/ holds the JoinGroup and SyncGroup frames of
//! real consumers (librdkafka via confluent-kafka; kafka-python for the eager
//! `sticky` assignor, which librdkafka lacks) joining a group one by one, as
//! `capture.py` there recorded them. The responder serves DescribeGroups the
//! way Apache Kafka does for the stable group at the end: each member's
//! metadata from its last JoinGroup, its assignment from the leader's last
//! SyncGroup.

use crate::common;
use common::responder::*;
use common::{groupctl, stdout_of};
use kafka_protocol::messages::describe_groups_response::{DescribedGroup, DescribedGroupMember};
use kafka_protocol::messages::metadata_response::{
    MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::{Decodable, StrBytes};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

fn sb(s: &str) -> StrBytes {
    StrBytes::from_string(s.to_string())
}

/// (member id, protocol metadata or assignment bytes) in frame order.
type PerMember = Vec<(String, bytes::Bytes)>;

struct Captured {
    strategy: String,
    topics: Vec<(String, i32)>,
    /// Every leader round: the members' metadata the leader received, and the assignment it sent.
    rounds: Vec<(PerMember, PerMember)>,
    /// member id -> metadata of its last JoinGroup request.
    last_metadata: BTreeMap<String, bytes::Bytes>,
    /// member id -> assignment from the leader's last SyncGroup.
    last_assignment: BTreeMap<String, bytes::Bytes>,
    generation: i32,
}

fn frame(hex: &str) -> (ApiKey, i16, bytes::Bytes) {
    let raw: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    let mut b = bytes::Bytes::from(raw);
    let key = ApiKey::try_from(i16::from_be_bytes([b[0], b[1]])).unwrap();
    let version = i16::from_be_bytes([b[2], b[3]]);
    (key, version, b.split_off(0))
}

fn captured(name: &str) -> Captured {
    let path = format!(
        "{}/tests/fixtures/assign-captured/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut c = Captured {
        strategy: doc["strategy"].as_str().unwrap().to_string(),
        topics: doc["topics"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(t, n)| (t.clone(), n.as_i64().unwrap() as i32))
            .collect(),
        rounds: Vec::new(),
        last_metadata: BTreeMap::new(),
        last_assignment: BTreeMap::new(),
        generation: -1,
    };
    let mut joined: Option<PerMember> = None;
    for f in doc["frames"].as_array().unwrap() {
        let version = f["api_version"].as_i64().unwrap() as i16;
        match f["kind"].as_str().unwrap() {
            "JoinGroupRequest" => {
                let (key, v, mut b) = frame(f["hex"].as_str().unwrap());
                assert_eq!((key, v), (ApiKey::JoinGroup, version));
                RequestHeader::decode(&mut b, key.request_header_version(v)).unwrap();
                let r = JoinGroupRequest::decode(&mut b, v).unwrap();
                if !r.member_id.is_empty() {
                    c.last_metadata
                        .insert(r.member_id.to_string(), r.protocols[0].metadata.clone());
                }
            }
            "JoinGroupResponse" => {
                let mut b = frame_body(f["hex"].as_str().unwrap());
                ResponseHeader::decode(&mut b, ApiKey::JoinGroup.response_header_version(version))
                    .unwrap();
                let r = JoinGroupResponse::decode(&mut b, version).unwrap();
                if !r.members.is_empty() {
                    joined = Some(
                        r.members
                            .iter()
                            .map(|m| (m.member_id.to_string(), m.metadata.clone()))
                            .collect(),
                    );
                }
            }
            _ => {
                let (key, v, mut b) = frame(f["hex"].as_str().unwrap());
                assert_eq!(key, ApiKey::SyncGroup);
                RequestHeader::decode(&mut b, key.request_header_version(v)).unwrap();
                let r = SyncGroupRequest::decode(&mut b, v).unwrap();
                if !r.assignments.is_empty() {
                    let a: PerMember = r
                        .assignments
                        .iter()
                        .map(|a| (a.member_id.to_string(), a.assignment.clone()))
                        .collect();
                    c.last_assignment = a.iter().cloned().collect();
                    c.generation = r.generation_id;
                    c.rounds
                        .push((joined.take().expect("leader joined first"), a));
                }
            }
        }
    }
    c
}

/// A response frame as captured: no request header to skip, the body after the length.
fn frame_body(hex: &str) -> bytes::Bytes {
    let raw: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    bytes::Bytes::from(raw)
}

fn subscription(b: &bytes::Bytes) -> ConsumerProtocolSubscription {
    let mut b = b.clone();
    let v = i16::from_be_bytes([b[0], b[1]]);
    let _ = b.split_to(2);
    ConsumerProtocolSubscription::decode(&mut b, v).unwrap()
}

fn assignment_list(b: &bytes::Bytes) -> Vec<(String, i32)> {
    let mut b = b.clone();
    let v = i16::from_be_bytes([b[0], b[1]]);
    let _ = b.split_to(2);
    ConsumerProtocolAssignment::decode(&mut b, v)
        .unwrap()
        .assigned_partitions
        .iter()
        .flat_map(|tp| {
            tp.partitions
                .iter()
                .map(move |p| (tp.topic.0.to_string(), *p))
        })
        .collect()
}

fn assignment_set(b: &bytes::Bytes) -> BTreeSet<(String, i32)> {
    assignment_list(b).into_iter().collect()
}

/// Serve the captured group's final state. With `racks`, broker n sits on
/// rack-{a,b,c}[n-1] and partition p of every topic lives on broker p % 3 + 1.
fn captured_responder(c: &Captured, racks: bool) -> Responder {
    let port: Arc<OnceLock<i32>> = Arc::new(OnceLock::new());
    let (port2, strategy) = (port.clone(), c.strategy.clone());
    let members: Vec<(String, bytes::Bytes, bytes::Bytes)> = c
        .last_assignment
        .iter()
        .map(|(m, a)| (m.clone(), c.last_metadata[m].clone(), a.clone()))
        .collect();
    let topics = c.topics.clone();
    let r = Responder::start(kafka_41_apis(), vec![], move |req| match req.api_key {
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
                        .with_protocol_data(sb(&strategy))
                        .with_members(
                            members
                                .iter()
                                .map(|(id, md, a)| {
                                    DescribedGroupMember::default()
                                        .with_member_id(sb(id))
                                        .with_client_id(sb("rdkafka"))
                                        .with_client_host(sb("/127.0.0.1"))
                                        .with_member_metadata(md.clone())
                                        .with_member_assignment(a.clone())
                                })
                                .collect(),
                        )
                })
                .collect();
            Some(reply(
                &DescribeGroupsResponse::default().with_groups(groups),
                req.version,
            ))
        }
        ApiKey::Metadata => {
            let port = *port2.get().unwrap();
            let brokers = (1..=3)
                .map(|n| {
                    MetadataResponseBroker::default()
                        .with_node_id(BrokerId(n))
                        .with_host(sb("127.0.0.1"))
                        .with_port(port)
                        .with_rack(
                            racks.then(|| sb(&format!("rack-{}", ["a", "b", "c"][n as usize - 1]))),
                        )
                })
                .collect();
            let topics = topics
                .iter()
                .map(|(t, n)| {
                    MetadataResponseTopic::default()
                        .with_name(Some(TopicName(sb(t))))
                        .with_partitions(
                            (0..*n)
                                .map(|p| {
                                    let node = BrokerId(if racks { p % 3 + 1 } else { 1 });
                                    MetadataResponsePartition::default()
                                        .with_partition_index(p)
                                        .with_leader_id(node)
                                        .with_replica_nodes(vec![node])
                                        .with_isr_nodes(vec![node])
                                })
                                .collect(),
                        )
                })
                .collect();
            Some(reply(
                &MetadataResponse::default()
                    .with_brokers(brokers)
                    .with_topics(topics),
                req.version,
            ))
        }
        _ => None,
    });
    port.set(r.addr().rsplit(':').next().unwrap().parse().unwrap())
        .unwrap();
    r
}

fn json_of(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

fn sets(v: &serde_json::Value) -> BTreeMap<String, BTreeSet<(String, i32)>> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(m, l)| {
            let s = l
                .as_array()
                .unwrap()
                .iter()
                .map(|tp| {
                    (
                        tp[0].as_str().unwrap().to_string(),
                        tp[1].as_i64().unwrap() as i32,
                    )
                })
                .collect();
            (m.clone(), s)
        })
        .collect()
}

/// The scenario groupctl reads from the real members' metadata: their
/// subscriptions and racks as sent, their current assignment as owned
/// partitions, in the generation that assignment came from.
#[test]
fn real_members_metadata_forms_the_scenario() {
    for (name, racks) in [
        ("cooperative-sticky", false),
        ("cooperative-sticky-racks", true),
        ("range-racks", true),
        ("sticky-kafka-python", false),
    ] {
        let c = captured(name);
        let r = captured_responder(&c, racks);
        let s = json_of(groupctl().args([
            "-b",
            r.addr(),
            "assign",
            "--from-group",
            "captured",
            "--dump-scenario",
        ]));
        assert_eq!(
            s["topics"],
            serde_json::json!({"orders": 6, "payments": 3}),
            "{name}"
        );
        for m in s["members"].as_array().unwrap() {
            let id = m["id"].as_str().unwrap();
            let sub = subscription(&c.last_metadata[id]);
            let topics: Vec<String> = sub.topics.iter().map(|t| t.to_string()).collect();
            assert_eq!(m["subscription"], serde_json::json!(topics), "{name} {id}");
            let rack = sub
                .rack_id
                .as_ref()
                .map(|r| r.to_string())
                .filter(|r| !r.is_empty());
            assert_eq!(m["rack"].as_str().map(String::from), rack, "{name} {id}");
            if racks {
                assert!(
                    m["rack"].as_str().unwrap().starts_with("rack-"),
                    "{name}: racks from the members"
                );
            }
            let owned: BTreeSet<(String, i32)> =
                sets(&serde_json::json!({"x": m["owned"]}))["x"].clone();
            assert_eq!(owned, assignment_set(&c.last_assignment[id]), "{name} {id}");
        }
        if c.strategy == "cooperative-sticky" {
            // Subscription v3 carries the generation: the members hold the last generation's assignment.
            for m in s["members"].as_array().unwrap() {
                assert_eq!(m["generation"], c.generation, "{name}");
            }
        }
        let racks_given = !s["partition_racks"].is_null();
        assert_eq!(racks_given, racks, "{name}");
    }
}

/// A balanced, stable group rebalancing with nobody joining or leaving keeps
/// every partition where it is (sticky assignors), and range reproduces itself.
#[test]
fn an_unchanged_real_group_keeps_its_assignment() {
    for name in ["cooperative-sticky", "sticky-kafka-python"] {
        let c = captured(name);
        let r = captured_responder(&c, false);
        let v = json_of(groupctl().args([
            "-b",
            r.addr(),
            "assign",
            "--from-group",
            "captured",
            "--json",
        ]));
        assert_eq!(
            v["strategy"],
            c.strategy.as_str(),
            "{name}: the group's own assignor"
        );
        let now: BTreeMap<String, BTreeSet<(String, i32)>> = c
            .last_assignment
            .iter()
            .map(|(m, a)| (m.clone(), assignment_set(a)))
            .collect();
        let result = if v["final"].is_null() {
            &v["assignment"]
        } else {
            &v["final"]
        };
        assert_eq!(sets(result), now, "{name}");
        assert_eq!(v["moves"], serde_json::json!([]), "{name}");
    }
}

/// KIP-881 with real members' racks: every partition has one replica, on
/// rack-a/b/c by partition; each member ends with exactly the partitions on its rack.
#[test]
fn rack_aware_assignment_follows_the_members_racks() {
    for name in ["range-racks", "cooperative-sticky-racks"] {
        let c = captured(name);
        let r = captured_responder(&c, true);
        let v = json_of(groupctl().args([
            "-b",
            r.addr(),
            "assign",
            "--from-group",
            "captured",
            "--json",
        ]));
        let result = if v["final"].is_null() || v.get("final").is_none() {
            &v["assignment"]
        } else {
            &v["final"]
        };
        let got = sets(result);
        assert_eq!(got.len(), 3, "{name}");
        for (id, parts) in &got {
            let rack = subscription(&c.last_metadata[id])
                .rack_id
                .unwrap()
                .to_string();
            let k = ["rack-a", "rack-b", "rack-c"]
                .iter()
                .position(|r| *r == rack)
                .unwrap() as i32;
            let on_rack: BTreeSet<(String, i32)> = c
                .topics
                .iter()
                .flat_map(|(t, n)| {
                    (0..*n)
                        .filter(move |p| p % 3 == k)
                        .map(move |p| (t.clone(), p))
                })
                .collect();
            assert_eq!(parts, &on_rack, "{name}: {id} on {rack}");
        }
    }
}

/// Every range rebalance the real librdkafka leader ran, replayed from the
/// metadata the leader received: groupctl hands each member the same
/// partitions, in the same order. (librdkafka's cooperative-sticky leader is
/// not Java's algorithm: in the captured second rebalance it keeps orders-4,5
/// and payments-0..2 on the first member where Java's keeps orders-0..2 and
/// payments-0,1; groupctl answers as Java's does.)
#[test]
fn librdkafka_range_leader_rebalances_replayed() {
    for name in ["range-racks"] {
        let c = captured(name);
        assert!(c.rounds.len() >= 3, "{name}: a join per member");
        for (k, (joined, assigned)) in c.rounds.iter().enumerate() {
            let members: Vec<serde_json::Value> = joined
                .iter()
                .map(|(id, md)| {
                    let sub = subscription(md);
                    let owned: Vec<(String, i32)> = sub
                        .owned_partitions
                        .iter()
                        .flat_map(|tp| tp.partitions.iter().map(move |p| (tp.topic.0.to_string(), *p)))
                        .collect();
                    serde_json::json!({
                        "id": id,
                        "subscription": sub.topics.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
                        "rack": sub.rack_id.as_ref().map(|r| r.to_string()).filter(|r| !r.is_empty()),
                        "owned": owned,
                        "generation": (sub.generation_id >= 0).then_some(sub.generation_id),
                    })
                })
                .collect();
            // Tansu has no racks: the leader saw no partition racks.
            let scenario = serde_json::json!({
                "topics": c.topics.iter().cloned().collect::<BTreeMap<_, _>>(),
                "members": members,
            });
            let s = groupctl::assign::Scenario::from_json(name, &scenario.to_string()).unwrap();
            let strategy = groupctl::assign::Strategy::from_protocol(&c.strategy).unwrap();
            let ours: BTreeMap<String, Vec<(String, i32)>> =
                groupctl::assign::assign_once(&s, strategy)
                    .unwrap()
                    .assignment
                    .into_iter()
                    .collect();
            let theirs: BTreeMap<String, Vec<(String, i32)>> = assigned
                .iter()
                .map(|(m, a)| (m.clone(), assignment_list(a)))
                .collect();
            assert_eq!(ours, theirs, "{name}: rebalance {}", k + 1);
        }
    }
}
