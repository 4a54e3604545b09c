//! A scripted Kafka broker for protocol-level tests of what the real test
//! broker cannot do (member metadata, KIP-848 groups, error codes, moving
//! coordinators). Requests are decoded and responses encoded with
//! kafka-protocol; the responder answers ApiVersions, Metadata and
//! FindCoordinator itself and hands everything else to the test's handler.
//! Builders for the answers tests script (members, offsets) are here too.

use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::messages::api_versions_response::ApiVersion;
use kafka_protocol::messages::consumer_protocol_assignment::TopicPartition as AssignedTp;
use kafka_protocol::messages::describe_groups_response::{DescribedGroup, DescribedGroupMember};
use kafka_protocol::messages::find_coordinator_response::Coordinator;
use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::metadata_response::{
    MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
};
use kafka_protocol::messages::offset_fetch_response::{
    OffsetFetchResponseGroup, OffsetFetchResponsePartition, OffsetFetchResponsePartitions,
    OffsetFetchResponseTopic, OffsetFetchResponseTopics,
};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::{Decodable, Encodable, StrBytes};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub const NODE: i32 = 1;

/// A decoded request as the handler sees it.
pub struct Request {
    pub api_key: ApiKey,
    pub version: i16,
    pub body: Bytes,
}

impl Request {
    pub fn decode<T: Decodable>(&self) -> T {
        T::decode(&mut self.body.clone(), self.version).expect("decode request")
    }
}

/// An encoded response body (the responder adds the header).
pub struct Reply(Vec<u8>);

pub fn reply<T: Encodable>(msg: &T, version: i16) -> Reply {
    let mut buf = BytesMut::new();
    msg.encode(&mut buf, version).expect("encode response");
    Reply(buf.to_vec())
}

type Handler = dyn Fn(&Request) -> Option<Reply> + Send + Sync;

pub struct Responder {
    addr: String,
    /// Requests seen, per API key (for asserting batching).
    pub seen: Arc<Mutex<Vec<(ApiKey, i16)>>>,
    pub connections: Arc<AtomicUsize>,
}

/// (api key, min, max) as advertised by ApiVersions: Apache Kafka 4.1's group APIs.
pub fn kafka_41_apis() -> Vec<(ApiKey, i16, i16)> {
    vec![
        (ApiKey::ApiVersions, 0, 4),
        (ApiKey::Metadata, 0, 13),
        (ApiKey::FindCoordinator, 0, 6),
        (ApiKey::ListGroups, 0, 5),
        (ApiKey::DescribeGroups, 0, 6),
        (ApiKey::ConsumerGroupDescribe, 0, 1),
        (ApiKey::OffsetFetch, 0, 9),
        (ApiKey::OffsetCommit, 0, 9),
        (ApiKey::ListOffsets, 0, 10),
        (ApiKey::DeleteGroups, 0, 2),
        (ApiKey::OffsetDelete, 0, 0),
        (ApiKey::SaslHandshake, 0, 1),
        (ApiKey::SaslAuthenticate, 0, 2),
    ]
}

/// Topics the responder's Metadata knows: (name, partitions), all led by NODE.
pub type Topics = Vec<(&'static str, i32)>;

impl Responder {
    pub fn start(
        apis: Vec<(ApiKey, i16, i16)>,
        topics: Topics,
        handler: impl Fn(&Request) -> Option<Reply> + Send + Sync + 'static,
    ) -> Responder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let port = listener.local_addr().unwrap().port() as i32;
        let handler: Arc<Handler> = Arc::new(handler);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let (seen2, conns2) = (seen.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                conns2.fetch_add(1, Ordering::SeqCst);
                let (h, apis, topics, seen) =
                    (handler.clone(), apis.clone(), topics.clone(), seen2.clone());
                std::thread::spawn(move || serve(stream, port, &apis, &topics, &*h, &seen));
            }
        });
        Responder {
            addr,
            seen,
            connections,
        }
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn count(&self, key: ApiKey) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k == key)
            .count()
    }
}

fn serve(
    mut s: TcpStream,
    port: i32,
    apis: &[(ApiKey, i16, i16)],
    topics: &Topics,
    handler: &Handler,
    seen: &Mutex<Vec<(ApiKey, i16)>>,
) {
    loop {
        let mut len = [0u8; 4];
        if s.read_exact(&mut len).is_err() {
            return;
        }
        let mut frame = vec![0u8; i32::from_be_bytes(len) as usize];
        if s.read_exact(&mut frame).is_err() {
            return;
        }
        let mut buf = Bytes::from(frame);
        let api_key =
            ApiKey::try_from(i16::from_be_bytes([buf[0], buf[1]])).expect("known api key");
        let version = i16::from_be_bytes([buf[2], buf[3]]);
        let header =
            RequestHeader::decode(&mut buf, api_key.request_header_version(version)).unwrap();
        seen.lock().unwrap().push((api_key, version));
        let req = Request {
            api_key,
            version,
            body: buf,
        };
        let body = match api_key {
            ApiKey::ApiVersions => Some(reply(
                &ApiVersionsResponse::default().with_api_keys(
                    apis.iter()
                        .map(|(k, lo, hi)| {
                            ApiVersion::default()
                                .with_api_key(*k as i16)
                                .with_min_version(*lo)
                                .with_max_version(*hi)
                        })
                        .collect(),
                ),
                version,
            )),
            _ => match handler(&req) {
                Some(r) => Some(r),
                None => default_reply(&req, port, topics),
            },
        };
        let Some(Reply(body)) = body else { return };
        let mut out = BytesMut::new();
        ResponseHeader::default()
            .with_correlation_id(header.correlation_id)
            .encode(&mut out, api_key.response_header_version(version))
            .unwrap();
        out.extend_from_slice(&body);
        let mut framed = (out.len() as i32).to_be_bytes().to_vec();
        framed.extend_from_slice(&out);
        if s.write_all(&framed).is_err() {
            return;
        }
    }
}

pub fn sb(s: &str) -> StrBytes {
    StrBytes::from_string(s.to_string())
}

/// A consumer-protocol message with its version prefix, as member metadata carries it.
pub fn versioned<M: Encodable>(m: &M, v: i16) -> bytes::Bytes {
    let mut b = BytesMut::new();
    b.put_i16(v);
    m.encode(&mut b, v).unwrap();
    b.freeze()
}

/// A classic-group member as DescribeGroups returns it, its subscription
/// and assignment encoded in the consumer protocol.
pub fn member(
    id: &str,
    client: &str,
    host: &str,
    topics: &[&str],
    assigned: &[(&str, &[i32])],
) -> DescribedGroupMember {
    let sub =
        ConsumerProtocolSubscription::default().with_topics(topics.iter().map(|t| sb(t)).collect());
    let asg = ConsumerProtocolAssignment::default().with_assigned_partitions(
        assigned
            .iter()
            .map(|(t, ps)| {
                AssignedTp::default()
                    .with_topic(TopicName(sb(t)))
                    .with_partitions(ps.to_vec())
            })
            .collect(),
    );
    DescribedGroupMember::default()
        .with_member_id(sb(id))
        .with_client_id(sb(client))
        .with_client_host(sb(host))
        .with_member_metadata(versioned(&sub, 1))
        .with_member_assignment(versioned(&asg, 0))
}

/// A DescribeGroups answer: `each(group id)` for every group asked about.
pub fn describe_each(req: &Request, each: impl Fn(&GroupId) -> DescribedGroup) -> Reply {
    let d: DescribeGroupsRequest = req.decode();
    let groups = d.groups.iter().map(each).collect();
    reply(
        &DescribeGroupsResponse::default().with_groups(groups),
        req.version,
    )
}

/// GROUP_ID_NOT_FOUND for every group asked about (Kafka 4 for an unknown
/// group, Chronik 2.10 for every consumer group).
pub fn describe_not_found(req: &Request) -> Reply {
    describe_each(req, |g| {
        DescribedGroup::default()
            .with_group_id(g.clone())
            .with_error_code(69)
    })
}

/// Committed offsets for `orders`: partition -> offset.
pub fn offset_fetch(req: &Request, commits: &[(i32, i64)]) -> Reply {
    if req.version >= 8 {
        let r: OffsetFetchRequest = req.decode();
        let groups = r
            .groups
            .iter()
            .map(|g| {
                OffsetFetchResponseGroup::default()
                    .with_group_id(g.group_id.clone())
                    .with_topics(vec![OffsetFetchResponseTopics::default()
                        .with_name(TopicName(sb("orders")))
                        .with_partitions(
                            commits
                                .iter()
                                .map(|(p, o)| {
                                    OffsetFetchResponsePartitions::default()
                                        .with_partition_index(*p)
                                        .with_committed_offset(*o)
                                        .with_metadata(Some(sb("")))
                                })
                                .collect(),
                        )])
            })
            .collect();
        reply(
            &OffsetFetchResponse::default().with_groups(groups),
            req.version,
        )
    } else {
        let topics = vec![OffsetFetchResponseTopic::default()
            .with_name(TopicName(sb("orders")))
            .with_partitions(
                commits
                    .iter()
                    .map(|(p, o)| {
                        OffsetFetchResponsePartition::default()
                            .with_partition_index(*p)
                            .with_committed_offset(*o)
                            .with_metadata(Some(sb("")))
                    })
                    .collect(),
            )];
        reply(
            &OffsetFetchResponse::default().with_topics(topics),
            req.version,
        )
    }
}

/// Log start 0 and end 100 for every partition asked.
pub fn list_offsets(req: &Request) -> Reply {
    let r: ListOffsetsRequest = req.decode();
    let topics = r
        .topics
        .iter()
        .map(|t| {
            ListOffsetsTopicResponse::default()
                .with_name(t.name.clone())
                .with_partitions(
                    t.partitions
                        .iter()
                        .map(|p| {
                            let off = if p.timestamp == -2 { 0 } else { 100 };
                            ListOffsetsPartitionResponse::default()
                                .with_partition_index(p.partition_index)
                                .with_offset(off)
                        })
                        .collect(),
                )
        })
        .collect();
    reply(
        &ListOffsetsResponse::default().with_topics(topics),
        req.version,
    )
}

fn default_reply(req: &Request, port: i32, topics: &Topics) -> Option<Reply> {
    match req.api_key {
        ApiKey::Metadata => {
            let r: MetadataRequest = req.decode();
            let wanted: Option<Vec<String>> = r.topics.map(|ts| {
                ts.iter()
                    .filter_map(|t| t.name.as_ref().map(|n| n.0.to_string()))
                    .collect()
            });
            let mut out = Vec::new();
            for (name, n) in topics {
                if wanted
                    .as_ref()
                    .is_some_and(|w| !w.iter().any(|x| x == name))
                {
                    continue;
                }
                out.push(
                    MetadataResponseTopic::default()
                        .with_name(Some(TopicName(sb(name))))
                        .with_partitions(
                            (0..*n)
                                .map(|p| {
                                    MetadataResponsePartition::default()
                                        .with_partition_index(p)
                                        .with_leader_id(BrokerId(NODE))
                                        .with_replica_nodes(vec![BrokerId(NODE)])
                                })
                                .collect(),
                        ),
                );
            }
            for w in wanted.unwrap_or_default() {
                if !topics.iter().any(|(n, _)| *n == w) {
                    out.push(
                        MetadataResponseTopic::default()
                            .with_name(Some(TopicName(sb(&w))))
                            .with_error_code(3),
                    );
                }
            }
            let resp = MetadataResponse::default()
                .with_brokers(vec![MetadataResponseBroker::default()
                    .with_node_id(BrokerId(NODE))
                    .with_host(sb("127.0.0.1"))
                    .with_port(port)])
                .with_topics(out);
            Some(reply(&resp, req.version))
        }
        ApiKey::FindCoordinator => {
            let r: FindCoordinatorRequest = req.decode();
            let resp = if req.version >= 4 {
                FindCoordinatorResponse::default().with_coordinators(
                    r.coordinator_keys
                        .iter()
                        .map(|k| {
                            Coordinator::default()
                                .with_key(k.clone())
                                .with_node_id(BrokerId(NODE))
                                .with_host(sb("127.0.0.1"))
                                .with_port(port)
                        })
                        .collect(),
                )
            } else {
                FindCoordinatorResponse::default()
                    .with_node_id(BrokerId(NODE))
                    .with_host(sb("127.0.0.1"))
                    .with_port(port)
            };
            Some(reply(&resp, req.version))
        }
        _ => None,
    }
}
