//! Requests that name groups or partitions: what they name (for the request
//! log and for routing), how to keep only some of those items, and the
//! per-item error response a broker sends for the rest. Built only with
//! kafka-protocol's types; one `Keyed` impl per request type, in `groups`
//! and `partitions`.

mod groups;
mod partitions;

use super::topology::Topology;
use bytes::{Bytes, BytesMut};
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
    /// Answer with `answer`: every item failed with `code`.
    Local {
        answer: Bytes,
        code: i16,
    },
    /// Send `forward` (the items this broker owns) upstream; merge `local`
    /// (the errors for the rest, `code`) into its answer.
    Split {
        forward: Bytes,
        local: Bytes,
        code: i16,
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
            let answer = encode(&req.error_response(version, code), version);
            return Route::Local { answer, code };
        }
        let mut kept = req.clone();
        kept.retain(version, topo, &owned);
        let mut rejected = req;
        rejected.retain(version, topo, &|k| !owned(k));
        Route::Split {
            forward: encode(&kept, version),
            local: encode(&rejected.error_response(version, code), version),
            code,
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
