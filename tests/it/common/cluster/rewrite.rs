//! Rewriting the real broker's answers so clients see N brokers: Metadata,
//! DescribeTopicPartitions, FindCoordinator and DescribeCluster name the
//! pretend brokers, ListGroups lists only the groups this broker coordinates,
//! ApiVersions offers only versions kafka-protocol can decode (so every
//! request the proxy must look into is readable), and `throttle_time_ms`.

use super::items::{decode, encode};
use super::topology::Topology;
use bytes::Bytes;
use kafka_protocol::messages::api_versions_response::ApiVersion;
use kafka_protocol::messages::describe_cluster_response::DescribeClusterBroker;
use kafka_protocol::messages::metadata_response::MetadataResponseBroker;
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;
use kafka_protocol::ResponseError;

/// What to do to the broker's answer to one forwarded request.
#[derive(Debug, Clone)]
pub enum Rewrite {
    None,
    ApiVersions,
    Metadata,
    DescribeTopicPartitions,
    DescribeCluster,
    /// v0-3 answers do not repeat the key they answer for.
    FindCoordinator {
        key: Option<String>,
    },
    ListGroups,
    /// Merge the proxy's per-item errors (an encoded response) into the answer.
    Merge(Bytes),
}

impl Rewrite {
    pub fn for_request(api: ApiKey, version: i16, body: &Bytes) -> Rewrite {
        match api {
            ApiKey::ApiVersions => Rewrite::ApiVersions,
            ApiKey::Metadata => Rewrite::Metadata,
            ApiKey::DescribeTopicPartitions => Rewrite::DescribeTopicPartitions,
            ApiKey::DescribeCluster => Rewrite::DescribeCluster,
            ApiKey::ListGroups => Rewrite::ListGroups,
            ApiKey::FindCoordinator => Rewrite::FindCoordinator {
                key: decode::<FindCoordinatorRequest>(body, version)
                    .filter(|_| version < 4)
                    .map(|r| r.key.to_string()),
            },
            _ => Rewrite::None,
        }
    }
}

fn sb(s: &str) -> StrBytes {
    StrBytes::from_string(s.to_string())
}

/// The rewritten body, or the broker's own if it cannot be decoded (an error
/// answer in another version's layout, say).
pub fn apply(
    rewrite: &Rewrite,
    api: ApiKey,
    version: i16,
    body: Bytes,
    topo: &mut Topology,
    me: i32,
) -> Bytes {
    let out = match rewrite {
        Rewrite::None => None,
        Rewrite::ApiVersions => api_versions(&body, version),
        Rewrite::Metadata => metadata(&body, version, topo),
        Rewrite::DescribeTopicPartitions => describe_topic_partitions(&body, version, topo),
        Rewrite::DescribeCluster => describe_cluster(&body, version, topo),
        Rewrite::FindCoordinator { key } => find_coordinator(&body, version, key, topo),
        Rewrite::ListGroups => list_groups(&body, version, topo, me),
        Rewrite::Merge(local) => super::items::merge(api, version, &body, local),
    };
    out.unwrap_or(body)
}

fn api_versions(body: &Bytes, version: i16) -> Option<Bytes> {
    let mut r: ApiVersionsResponse = decode(body, version)?;
    r.api_keys = r
        .api_keys
        .into_iter()
        .filter_map(|mut k| {
            let ours = ApiKey::try_from(k.api_key).ok()?.valid_versions();
            k.min_version = k.min_version.max(ours.min);
            k.max_version = k.max_version.min(ours.max);
            (k.min_version <= k.max_version).then_some(k)
        })
        .collect();
    Some(encode(&r, version))
}

/// What an old broker answers to an ApiVersions request newer than it knows:
/// UNSUPPORTED_VERSION in the v0 layout, naming the versions it speaks.
pub fn old_api_versions(max: i16) -> Bytes {
    let r = ApiVersionsResponse::default()
        .with_error_code(ResponseError::UnsupportedVersion.code())
        .with_api_keys(vec![ApiVersion::default()
            .with_api_key(ApiKey::ApiVersions as i16)
            .with_min_version(0)
            .with_max_version(max)]);
    encode(&r, 0)
}

/// Replicas of a partition in the pretend cluster, as many as the broker named.
fn replicas(
    topo: &Topology,
    topic: &str,
    p: i32,
    replicas: &mut Vec<BrokerId>,
    isr: &mut Vec<BrokerId>,
    offline: &mut Vec<BrokerId>,
) {
    let ids = topo.replicas(topic, p, replicas.len().max(1));
    let take = |n: usize, from_end: bool| -> Vec<BrokerId> {
        let n = n.min(ids.len());
        let slice = if from_end {
            &ids[ids.len() - n..]
        } else {
            &ids[..n]
        };
        slice.iter().map(|&i| BrokerId(i)).collect()
    };
    *isr = take(isr.len(), false);
    *offline = take(offline.len(), true);
    *replicas = take(ids.len(), false);
}

fn metadata(body: &Bytes, version: i16, topo: &mut Topology) -> Option<Bytes> {
    let mut r: MetadataResponse = decode(body, version)?;
    r.brokers = topo
        .nodes()
        .iter()
        .map(|n| {
            MetadataResponseBroker::default()
                .with_node_id(BrokerId(n.id))
                .with_host(sb(&n.host))
                .with_port(i32::from(n.port))
        })
        .collect();
    r.controller_id = BrokerId(1);
    for t in &mut r.topics {
        let Some(name) = t.name.as_ref().map(|n| n.to_string()) else {
            continue;
        };
        topo.learn_topic_id(t.topic_id.as_u128(), &name);
        for p in &mut t.partitions {
            if p.leader_id.0 >= 0 {
                p.leader_id = BrokerId(topo.leader(&name, p.partition_index));
            }
            replicas(
                topo,
                &name,
                p.partition_index,
                &mut p.replica_nodes,
                &mut p.isr_nodes,
                &mut p.offline_replicas,
            );
        }
    }
    Some(encode(&r, version))
}

fn describe_topic_partitions(body: &Bytes, version: i16, topo: &mut Topology) -> Option<Bytes> {
    let mut r: DescribeTopicPartitionsResponse = decode(body, version)?;
    for t in &mut r.topics {
        let Some(name) = t.name.as_ref().map(|n| n.to_string()) else {
            continue;
        };
        topo.learn_topic_id(t.topic_id.as_u128(), &name);
        for p in &mut t.partitions {
            if p.leader_id.0 >= 0 {
                p.leader_id = BrokerId(topo.leader(&name, p.partition_index));
            }
            replicas(
                topo,
                &name,
                p.partition_index,
                &mut p.replica_nodes,
                &mut p.isr_nodes,
                &mut p.offline_replicas,
            );
        }
    }
    Some(encode(&r, version))
}

fn describe_cluster(body: &Bytes, version: i16, topo: &Topology) -> Option<Bytes> {
    let mut r: DescribeClusterResponse = decode(body, version)?;
    r.brokers = topo
        .nodes()
        .iter()
        .map(|n| {
            DescribeClusterBroker::default()
                .with_broker_id(BrokerId(n.id))
                .with_host(sb(&n.host))
                .with_port(i32::from(n.port))
        })
        .collect();
    r.controller_id = BrokerId(1);
    Some(encode(&r, version))
}

fn find_coordinator(
    body: &Bytes,
    version: i16,
    key: &Option<String>,
    topo: &Topology,
) -> Option<Bytes> {
    let mut r: FindCoordinatorResponse = decode(body, version)?;
    if version < 4 {
        if r.error_code == 0 {
            let n = topo.node(topo.coordinator(key.as_deref()?));
            r.node_id = BrokerId(n.id);
            r.host = sb(&n.host);
            r.port = i32::from(n.port);
        }
    } else {
        for c in r.coordinators.iter_mut().filter(|c| c.error_code == 0) {
            let n = topo.node(topo.coordinator(&c.key));
            c.node_id = BrokerId(n.id);
            c.host = sb(&n.host);
            c.port = i32::from(n.port);
        }
    }
    Some(encode(&r, version))
}

fn list_groups(body: &Bytes, version: i16, topo: &Topology, me: i32) -> Option<Bytes> {
    let mut r: ListGroupsResponse = decode(body, version)?;
    r.groups.retain(|g| topo.coordinator(&g.group_id) == me);
    Some(encode(&r, version))
}

/// Responses that carry `throttle_time_ms`.
trait Throttled: kafka_protocol::protocol::Decodable + kafka_protocol::protocol::Encodable {
    fn throttle(&mut self) -> &mut i32;
}

macro_rules! throttled {
    ($($api:ident => $t:ty),* $(,)?) => {
        $(impl Throttled for $t {
            fn throttle(&mut self) -> &mut i32 {
                &mut self.throttle_time_ms
            }
        })*

        /// The body with `throttle_time_ms` set, if this API and version carry it.
        pub fn set_throttle(api: ApiKey, version: i16, body: &Bytes, ms: i32) -> Option<Bytes> {
            fn of<T: Throttled>(version: i16, body: &Bytes, ms: i32) -> Option<Bytes> {
                let mut r: T = decode(body, version)?;
                *r.throttle() = ms;
                let out = encode(&r, version);
                // Versions without the field silently drop it: say so.
                let mut back: T = decode(&out, version)?;
                (*back.throttle() == ms).then_some(out)
            }
            match api {
                $(ApiKey::$api => of::<$t>(version, body, ms),)*
                _ => None,
            }
        }
    };
}

throttled! {
    Produce => ProduceResponse,
    Fetch => FetchResponse,
    ListOffsets => ListOffsetsResponse,
    Metadata => MetadataResponse,
    OffsetCommit => OffsetCommitResponse,
    OffsetFetch => OffsetFetchResponse,
    FindCoordinator => FindCoordinatorResponse,
    JoinGroup => JoinGroupResponse,
    Heartbeat => HeartbeatResponse,
    LeaveGroup => LeaveGroupResponse,
    SyncGroup => SyncGroupResponse,
    DescribeGroups => DescribeGroupsResponse,
    ListGroups => ListGroupsResponse,
    CreateTopics => CreateTopicsResponse,
    DeleteTopics => DeleteTopicsResponse,
    DeleteGroups => DeleteGroupsResponse,
    OffsetDelete => OffsetDeleteResponse,
    DescribeConfigs => DescribeConfigsResponse,
    InitProducerId => InitProducerIdResponse,
    DescribeCluster => DescribeClusterResponse,
    ConsumerGroupDescribe => ConsumerGroupDescribeResponse,
    DescribeTopicPartitions => DescribeTopicPartitionsResponse,
}
