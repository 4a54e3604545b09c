//! Requests that name groups or partitions: what they name (for the request
//! log and for routing), how to keep only some of those items, and the
//! per-item error response a broker sends for the rest. Built only with
//! kafka-protocol's types.

use super::topology::Topology;
use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::delete_groups_response::DeletableGroupResult;
use kafka_protocol::messages::fetch_response::FetchableTopicResponse;
use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::offset_commit_response::{
    OffsetCommitResponsePartition, OffsetCommitResponseTopic,
};
use kafka_protocol::messages::offset_fetch_response::{
    OffsetFetchResponseGroup, OffsetFetchResponsePartition, OffsetFetchResponseTopic,
};
use kafka_protocol::messages::produce_response::{PartitionProduceResponse, TopicProduceResponse};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::{Decodable, Encodable, StrBytes};
use kafka_protocol::ResponseError;

/// The groups and partitions one request named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    pub groups: Vec<String>,
    pub partitions: Vec<(String, i32)>,
}

/// One routing key of a request.
pub enum Key<'a> {
    Group(&'a str),
    Partition(&'a str, i32),
    /// A topic id the proxy never saw in a Metadata answer: left to the broker.
    UnknownTopicId,
}

/// Requests keyed by group or partition.
trait Keyed: Decodable + Encodable + Clone {
    type Response: Decodable + Encodable + Default;
    /// Routed by coordinator (else by partition leader); false: never routed.
    const ROUTING: Routing;
    fn named(&self, version: i16, topo: &Topology) -> Named;
    /// Keep the items `keep` accepts. Only multi-item requests get here.
    fn retain(&mut self, _version: i16, _topo: &Topology, _keep: &dyn Fn(Key) -> bool) {}
    /// What a broker answers when every item fails with `code`.
    fn error_response(&self, version: i16, code: i16) -> Self::Response;
    /// Add `other`'s items to `into` (both answer parts of one request).
    fn merge(_into: &mut Self::Response, _other: Self::Response) {}
}

#[derive(PartialEq, Eq)]
enum Routing {
    ByCoordinator,
    ByLeader,
    Never,
}

fn s(x: &StrBytes) -> String {
    x.to_string()
}

fn topic_name(name: &str, id: u128, topo: &Topology) -> Option<String> {
    if !name.is_empty() || id == 0 {
        Some(name.to_string())
    } else {
        topo.topic_name(id).map(str::to_string)
    }
}

fn partitions_of(
    name: &str,
    id: u128,
    parts: impl Iterator<Item = i32>,
    topo: &Topology,
    out: &mut Vec<(String, i32)>,
) {
    if let Some(t) = topic_name(name, id, topo) {
        out.extend(parts.map(|p| (t.clone(), p)));
    }
}

/// Keep the partitions of a topic that `keep` accepts; false when none is left.
fn retain_partitions<P>(
    name: &str,
    id: u128,
    parts: &mut Vec<P>,
    index: impl Fn(&P) -> i32,
    topo: &Topology,
    keep: &dyn Fn(Key) -> bool,
) -> bool {
    match topic_name(name, id, topo) {
        Some(t) => parts.retain(|p| keep(Key::Partition(&t, index(p)))),
        None => {
            if !keep(Key::UnknownTopicId) {
                parts.clear()
            }
        }
    }
    !parts.is_empty()
}

impl Keyed for OffsetFetchRequest {
    type Response = OffsetFetchResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, version: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        if version < 8 {
            n.groups.push(s(&self.group_id));
            for t in self.topics.iter().flatten() {
                let parts = t.partition_indexes.iter().copied();
                partitions_of(&t.name, 0, parts, topo, &mut n.partitions);
            }
        }
        for g in &self.groups {
            n.groups.push(s(&g.group_id));
            for t in g.topics.iter().flatten() {
                let parts = t.partition_indexes.iter().copied();
                partitions_of(
                    &t.name,
                    t.topic_id.as_u128(),
                    parts,
                    topo,
                    &mut n.partitions,
                );
            }
        }
        n
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.groups.retain(|g| keep(Key::Group(&g.group_id)));
    }
    fn error_response(&self, version: i16, code: i16) -> OffsetFetchResponse {
        let mut r = OffsetFetchResponse::default();
        if version >= 8 {
            r.groups = self
                .groups
                .iter()
                .map(|g| {
                    OffsetFetchResponseGroup::default()
                        .with_group_id(g.group_id.clone())
                        .with_error_code(code)
                })
                .collect();
        } else if version >= 2 {
            r.error_code = code;
        } else {
            // v0-1 have no group-level error: every partition carries it.
            r.topics = self
                .topics
                .iter()
                .flatten()
                .map(|t| {
                    let parts = t.partition_indexes.iter().map(|&p| {
                        OffsetFetchResponsePartition::default()
                            .with_partition_index(p)
                            .with_committed_offset(-1)
                            .with_error_code(code)
                    });
                    OffsetFetchResponseTopic::default()
                        .with_name(t.name.clone())
                        .with_partitions(parts.collect())
                })
                .collect();
        }
        r
    }
    fn merge(into: &mut OffsetFetchResponse, other: OffsetFetchResponse) {
        into.groups.extend(other.groups);
    }
}

impl Keyed for OffsetCommitRequest {
    type Response = OffsetCommitResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named {
            groups: vec![s(&self.group_id)],
            ..Named::default()
        };
        for t in &self.topics {
            let parts = t.partitions.iter().map(|p| p.partition_index);
            partitions_of(
                &t.name,
                t.topic_id.as_u128(),
                parts,
                topo,
                &mut n.partitions,
            );
        }
        n
    }
    fn error_response(&self, _: i16, code: i16) -> OffsetCommitResponse {
        let topics = self.topics.iter().map(|t| {
            let parts = t.partitions.iter().map(|p| {
                OffsetCommitResponsePartition::default()
                    .with_partition_index(p.partition_index)
                    .with_error_code(code)
            });
            OffsetCommitResponseTopic::default()
                .with_name(t.name.clone())
                .with_topic_id(t.topic_id)
                .with_partitions(parts.collect())
        });
        OffsetCommitResponse::default().with_topics(topics.collect())
    }
}

impl Keyed for DescribeGroupsRequest {
    type Response = DescribeGroupsResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named {
            groups: self.groups.iter().map(|g| s(g)).collect(),
            ..Named::default()
        }
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.groups.retain(|g| keep(Key::Group(g)));
    }
    fn error_response(&self, _: i16, code: i16) -> DescribeGroupsResponse {
        let groups = self.groups.iter().map(|g| {
            describe_groups_response::DescribedGroup::default()
                .with_group_id(g.clone())
                .with_error_code(code)
        });
        DescribeGroupsResponse::default().with_groups(groups.collect())
    }
    fn merge(into: &mut DescribeGroupsResponse, other: DescribeGroupsResponse) {
        into.groups.extend(other.groups);
    }
}

impl Keyed for ConsumerGroupDescribeRequest {
    type Response = ConsumerGroupDescribeResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named {
            groups: self.group_ids.iter().map(|g| s(g)).collect(),
            ..Named::default()
        }
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.group_ids.retain(|g| keep(Key::Group(g)));
    }
    fn error_response(&self, _: i16, code: i16) -> ConsumerGroupDescribeResponse {
        let groups = self.group_ids.iter().map(|g| {
            consumer_group_describe_response::DescribedGroup::default()
                .with_group_id(g.clone())
                .with_error_code(code)
        });
        ConsumerGroupDescribeResponse::default().with_groups(groups.collect())
    }
    fn merge(into: &mut ConsumerGroupDescribeResponse, other: ConsumerGroupDescribeResponse) {
        into.groups.extend(other.groups);
    }
}

impl Keyed for DeleteGroupsRequest {
    type Response = DeleteGroupsResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named {
            groups: self.groups_names.iter().map(|g| s(g)).collect(),
            ..Named::default()
        }
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.groups_names.retain(|g| keep(Key::Group(g)));
    }
    fn error_response(&self, _: i16, code: i16) -> DeleteGroupsResponse {
        let results = self.groups_names.iter().map(|g| {
            DeletableGroupResult::default()
                .with_group_id(g.clone())
                .with_error_code(code)
        });
        DeleteGroupsResponse::default().with_results(results.collect())
    }
    fn merge(into: &mut DeleteGroupsResponse, other: DeleteGroupsResponse) {
        into.results.extend(other.results);
    }
}

impl Keyed for OffsetDeleteRequest {
    type Response = OffsetDeleteResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        let partitions = self
            .topics
            .iter()
            .flat_map(|t| t.partitions.iter().map(|p| (s(&t.name), p.partition_index)));
        Named {
            groups: vec![s(&self.group_id)],
            partitions: partitions.collect(),
        }
    }
    fn error_response(&self, _: i16, code: i16) -> OffsetDeleteResponse {
        OffsetDeleteResponse::default().with_error_code(code)
    }
}

/// Group membership requests: one group, one error code.
macro_rules! single_group {
    ($req:ty, $resp:ty, |$r:ident, $e:ident| $build:expr) => {
        impl Keyed for $req {
            type Response = $resp;
            const ROUTING: Routing = Routing::ByCoordinator;
            fn named(&self, _: i16, _: &Topology) -> Named {
                Named {
                    groups: vec![s(&self.group_id)],
                    ..Named::default()
                }
            }
            fn error_response(&self, _: i16, code: i16) -> $resp {
                let ($r, $e) = (self, <$resp>::default().with_error_code(code));
                $build
            }
        }
    };
}

single_group!(JoinGroupRequest, JoinGroupResponse, |r, e| e
    .with_generation_id(-1)
    .with_member_id(r.member_id.clone()));
single_group!(SyncGroupRequest, SyncGroupResponse, |_r, e| e);
single_group!(HeartbeatRequest, HeartbeatResponse, |_r, e| e);
single_group!(LeaveGroupRequest, LeaveGroupResponse, |_r, e| e);

impl Keyed for ListOffsetsRequest {
    type Response = ListOffsetsResponse;
    const ROUTING: Routing = Routing::ByLeader;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        for t in &self.topics {
            let parts = t.partitions.iter().map(|p| p.partition_index);
            partitions_of(&t.name, 0, parts, topo, &mut n.partitions);
        }
        n
    }
    fn retain(&mut self, _: i16, topo: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.topics.retain_mut(|t| {
            retain_partitions(
                &t.name,
                0,
                &mut t.partitions,
                |p| p.partition_index,
                topo,
                keep,
            )
        });
    }
    fn error_response(&self, _: i16, code: i16) -> ListOffsetsResponse {
        let topics = self.topics.iter().map(|t| {
            let parts = t.partitions.iter().map(|p| {
                ListOffsetsPartitionResponse::default()
                    .with_partition_index(p.partition_index)
                    .with_error_code(code)
            });
            ListOffsetsTopicResponse::default()
                .with_name(t.name.clone())
                .with_partitions(parts.collect())
        });
        ListOffsetsResponse::default().with_topics(topics.collect())
    }
    fn merge(into: &mut ListOffsetsResponse, other: ListOffsetsResponse) {
        for t in other.topics {
            match into.topics.iter_mut().find(|x| x.name == t.name) {
                Some(x) => x.partitions.extend(t.partitions),
                None => into.topics.push(t),
            }
        }
    }
}

impl Keyed for FetchRequest {
    type Response = FetchResponse;
    const ROUTING: Routing = Routing::ByLeader;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        for t in &self.topics {
            let parts = t.partitions.iter().map(|p| p.partition);
            partitions_of(
                &t.topic,
                t.topic_id.as_u128(),
                parts,
                topo,
                &mut n.partitions,
            );
        }
        n
    }
    fn retain(&mut self, _: i16, topo: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.topics.retain_mut(|t| {
            let id = t.topic_id.as_u128();
            retain_partitions(&t.topic, id, &mut t.partitions, |p| p.partition, topo, keep)
        });
    }
    fn error_response(&self, _: i16, code: i16) -> FetchResponse {
        let topics = self.topics.iter().map(|t| {
            let parts = t.partitions.iter().map(|p| {
                fetch_response::PartitionData::default()
                    .with_partition_index(p.partition)
                    .with_error_code(code)
                    .with_high_watermark(-1)
            });
            FetchableTopicResponse::default()
                .with_topic(t.topic.clone())
                .with_topic_id(t.topic_id)
                .with_partitions(parts.collect())
        });
        FetchResponse::default().with_responses(topics.collect())
    }
    fn merge(into: &mut FetchResponse, other: FetchResponse) {
        for t in other.responses {
            let same =
                |x: &&mut FetchableTopicResponse| x.topic == t.topic && x.topic_id == t.topic_id;
            match into.responses.iter_mut().find(same) {
                Some(x) => x.partitions.extend(t.partitions),
                None => into.responses.push(t),
            }
        }
    }
}

impl Keyed for ProduceRequest {
    type Response = ProduceResponse;
    const ROUTING: Routing = Routing::ByLeader;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        for t in &self.topic_data {
            let parts = t.partition_data.iter().map(|p| p.index);
            partitions_of(
                &t.name,
                t.topic_id.as_u128(),
                parts,
                topo,
                &mut n.partitions,
            );
        }
        n
    }
    fn retain(&mut self, _: i16, topo: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.topic_data.retain_mut(|t| {
            let id = t.topic_id.as_u128();
            retain_partitions(&t.name, id, &mut t.partition_data, |p| p.index, topo, keep)
        });
    }
    fn error_response(&self, _: i16, code: i16) -> ProduceResponse {
        let topics = self.topic_data.iter().map(|t| {
            let parts = t.partition_data.iter().map(|p| {
                PartitionProduceResponse::default()
                    .with_index(p.index)
                    .with_error_code(code)
                    .with_base_offset(-1)
            });
            TopicProduceResponse::default()
                .with_name(t.name.clone())
                .with_topic_id(t.topic_id)
                .with_partition_responses(parts.collect())
        });
        ProduceResponse::default().with_responses(topics.collect())
    }
    fn merge(into: &mut ProduceResponse, other: ProduceResponse) {
        for t in other.responses {
            let same = |x: &&mut TopicProduceResponse| x.name == t.name && x.topic_id == t.topic_id;
            match into.responses.iter_mut().find(same) {
                Some(x) => x.partition_responses.extend(t.partition_responses),
                None => into.responses.push(t),
            }
        }
    }
}

impl Keyed for FindCoordinatorRequest {
    type Response = FindCoordinatorResponse;
    const ROUTING: Routing = Routing::Never;
    fn named(&self, version: i16, _: &Topology) -> Named {
        let groups = if self.key_type != 0 {
            vec![]
        } else if version >= 4 {
            self.coordinator_keys.iter().map(s).collect()
        } else {
            vec![s(&self.key)]
        };
        Named {
            groups,
            ..Named::default()
        }
    }
    fn error_response(&self, version: i16, code: i16) -> FindCoordinatorResponse {
        let r = FindCoordinatorResponse::default();
        if version < 4 {
            return r
                .with_error_code(code)
                .with_node_id(BrokerId(-1))
                .with_port(-1);
        }
        let keys = self.coordinator_keys.iter().map(|k| {
            find_coordinator_response::Coordinator::default()
                .with_key(k.clone())
                .with_error_code(code)
                .with_node_id(BrokerId(-1))
                .with_port(-1)
        });
        r.with_coordinators(keys.collect())
    }
}

impl Keyed for ListGroupsRequest {
    type Response = ListGroupsResponse;
    const ROUTING: Routing = Routing::Never;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named::default()
    }
    fn error_response(&self, _: i16, code: i16) -> ListGroupsResponse {
        ListGroupsResponse::default().with_error_code(code)
    }
}

/// Call `$f::<RequestType>(args)` for the request type of `$api`.
macro_rules! dispatch {
    ($api:expr, $f:ident($($arg:expr),*), $default:expr) => {
        match $api {
            ApiKey::OffsetFetch => $f::<OffsetFetchRequest>($($arg),*),
            ApiKey::OffsetCommit => $f::<OffsetCommitRequest>($($arg),*),
            ApiKey::DescribeGroups => $f::<DescribeGroupsRequest>($($arg),*),
            ApiKey::ConsumerGroupDescribe => $f::<ConsumerGroupDescribeRequest>($($arg),*),
            ApiKey::DeleteGroups => $f::<DeleteGroupsRequest>($($arg),*),
            ApiKey::OffsetDelete => $f::<OffsetDeleteRequest>($($arg),*),
            ApiKey::JoinGroup => $f::<JoinGroupRequest>($($arg),*),
            ApiKey::SyncGroup => $f::<SyncGroupRequest>($($arg),*),
            ApiKey::Heartbeat => $f::<HeartbeatRequest>($($arg),*),
            ApiKey::LeaveGroup => $f::<LeaveGroupRequest>($($arg),*),
            ApiKey::ListOffsets => $f::<ListOffsetsRequest>($($arg),*),
            ApiKey::Fetch => $f::<FetchRequest>($($arg),*),
            ApiKey::Produce => $f::<ProduceRequest>($($arg),*),
            ApiKey::FindCoordinator => $f::<FindCoordinatorRequest>($($arg),*),
            ApiKey::ListGroups => $f::<ListGroupsRequest>($($arg),*),
            _ => $default,
        }
    };
}

pub fn decode<T: Decodable>(body: &Bytes, version: i16) -> Option<T> {
    T::decode(&mut body.clone(), version).ok()
}

pub fn encode<T: Encodable>(msg: &T, version: i16) -> Bytes {
    let mut buf = BytesMut::new();
    msg.encode(&mut buf, version)
        .expect("kafka-protocol encodes what it decoded");
    buf.freeze()
}

/// Whether the proxy can answer `api` with per-item errors (fault injection).
pub fn can_fail(api: ApiKey) -> bool {
    fn yes<R: Keyed>() -> bool {
        true
    }
    dispatch!(api, yes(), false)
}

/// The groups and partitions a request named; None for other requests.
pub fn named(api: ApiKey, version: i16, body: &Bytes, topo: &Topology) -> Option<Named> {
    fn of<R: Keyed>(version: i16, body: &Bytes, topo: &Topology) -> Option<Named> {
        Some(decode::<R>(body, version)?.named(version, topo))
    }
    dispatch!(api, of(version, body, topo), None)
}

/// The response a broker sends when every item of the request fails with `error`.
pub fn error_response(
    api: ApiKey,
    version: i16,
    body: &Bytes,
    error: ResponseError,
) -> Option<Bytes> {
    fn of<R: Keyed>(version: i16, body: &Bytes, code: i16) -> Option<Bytes> {
        Some(encode(
            &decode::<R>(body, version)?.error_response(version, code),
            version,
        ))
    }
    dispatch!(api, of(version, body, error.code()), None)
}

/// How a broker that is not every item's coordinator or leader handles a request.
pub enum Route {
    Forward,
    Local(Bytes),
    /// Send `forward` (the items this broker owns) upstream; merge `local`
    /// (the errors for the rest) into its answer.
    Split {
        forward: Bytes,
        local: Bytes,
    },
}

pub fn route(api: ApiKey, version: i16, body: &Bytes, topo: &Topology, me: i32) -> Route {
    fn of<R: Keyed>(version: i16, body: &Bytes, topo: &Topology, me: i32) -> Route {
        let code = match R::ROUTING {
            Routing::Never => return Route::Forward,
            Routing::ByCoordinator => ResponseError::NotCoordinator.code(),
            Routing::ByLeader => ResponseError::NotLeaderOrFollower.code(),
        };
        let Some(req) = decode::<R>(body, version) else {
            return Route::Forward;
        };
        let owned = |k: Key| match k {
            Key::Group(g) => topo.coordinator(g) == me,
            Key::Partition(t, p) => topo.leader(t, p) == me,
            Key::UnknownTopicId => true,
        };
        let named = req.named(version, topo);
        let (mine, total) = if R::ROUTING == Routing::ByCoordinator {
            let mine = named.groups.iter().filter(|g| owned(Key::Group(g)));
            (mine.count(), named.groups.len())
        } else {
            let mine = named
                .partitions
                .iter()
                .filter(|(t, p)| owned(Key::Partition(t, *p)));
            (mine.count(), named.partitions.len())
        };
        if mine == total {
            return Route::Forward;
        }
        if mine == 0 {
            return Route::Local(encode(&req.error_response(version, code), version));
        }
        let mut kept = req.clone();
        kept.retain(version, topo, &owned);
        let mut rejected = req;
        rejected.retain(version, topo, &|k| !owned(k));
        Route::Split {
            forward: encode(&kept, version),
            local: encode(&rejected.error_response(version, code), version),
        }
    }
    dispatch!(api, of(version, body, topo, me), Route::Forward)
}

/// The broker's answer to the forwarded part plus the proxy's errors for the rest.
pub fn merge(api: ApiKey, version: i16, upstream: &Bytes, local: &Bytes) -> Option<Bytes> {
    fn of<R: Keyed>(version: i16, upstream: &Bytes, local: &Bytes) -> Option<Bytes> {
        let mut into: R::Response = decode(upstream, version)?;
        R::merge(&mut into, decode(local, version)?);
        Some(encode(&into, version))
    }
    dispatch!(api, of(version, upstream, local), None)
}

/// A Produce with acks=0 gets no response at all.
pub fn expects_response(api: ApiKey, version: i16, body: &Bytes) -> bool {
    api != ApiKey::Produce || decode::<ProduceRequest>(body, version).is_none_or(|p| p.acks != 0)
}
