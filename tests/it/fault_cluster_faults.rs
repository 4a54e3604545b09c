//! The fault cluster's per-broker faults each do what they say, observed
//! from a raw client (tests/it/common/cluster).

use crate::common;
use common::cluster::raw::RawClient;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use kafka_protocol::messages::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::ErrorKind;
use std::time::{Duration, Instant};

#[test]
fn a_refusing_broker_closes_its_port_and_its_open_connections() {
    let cluster = FaultCluster::start(3);
    let mut open = raw(&cluster.addr(2));
    ping(&mut open).unwrap();
    cluster.broker(2).drop_connections();
    assert!(ping(&mut open).is_err(), "drop_connections closed it");
    assert_eq!(cluster.broker(2).open_connections(), 0);
    let mut open = raw(&cluster.addr(2));
    ping(&mut open).expect("a new connection is accepted");
    cluster.broker(2).refuse_connections();
    let err = RawClient::connect(&cluster.addr(2))
        .err()
        .expect("connection refused");
    assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
    assert!(ping(&mut open).is_err(), "the open connection was closed");
    ping(&mut raw(&cluster.addr(1))).expect("other brokers still answer");
    cluster.broker(2).accept_connections();
    ping(&mut raw(&cluster.addr(2))).expect("back after accept_connections");
}

#[test]
fn a_black_holed_broker_accepts_but_never_answers() {
    let cluster = FaultCluster::start(3);
    let mut before = raw(&cluster.addr(3));
    ping(&mut before).unwrap();
    cluster.broker(3).black_hole(true);
    let mut c = raw(&cluster.addr(3));
    for conn in [&mut c, &mut before] {
        conn.set_read_timeout(Duration::from_millis(600)).unwrap();
        conn.send(0, &ApiVersionsRequest::default()).unwrap();
        let err = conn.recv_frame().unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            "{err:?}"
        );
    }
    ping(&mut raw(&cluster.addr(1))).expect("other brokers still answer");
    let log = cluster.broker(3).requests();
    assert_eq!(log.len(), 3);
    assert!(log[1..].iter().all(|e| e.responded.is_none()), "{log:?}");
    cluster.broker(3).black_hole(false);
    ping(&mut raw(&cluster.addr(3))).expect("a new connection is answered again");
}

#[test]
fn a_slow_broker_delays_every_answer_without_stacking_delays() {
    let cluster = FaultCluster::start(3);
    let delay = Duration::from_millis(400);
    cluster.broker(2).slow(delay);
    let mut c = raw(&cluster.addr(2));
    let started = Instant::now();
    ping(&mut c).unwrap();
    assert!(started.elapsed() >= delay);
    // Two requests in flight: each answer is late by `delay`, not by 2 × delay.
    let started = Instant::now();
    c.send(0, &ApiVersionsRequest::default()).unwrap();
    c.send(1, &metadata_request(1, "none")).unwrap();
    c.recv::<ApiVersionsRequest>(0).unwrap();
    c.recv::<MetadataRequest>(1).unwrap();
    let took = started.elapsed();
    assert!(took >= delay && took < delay * 2, "{took:?}");
    for e in cluster.broker(2).requests() {
        assert!(e.latency().unwrap() >= delay, "{e:?}");
    }
}

#[test]
fn close_mid_response_sends_part_of_the_frame_then_hangs_up() {
    let cluster = FaultCluster::start(3);
    cluster.broker(1).close_mid_response(&[ApiKey::Metadata]);
    let mut c = raw(&cluster.addr(1));
    ping(&mut c).expect("other APIs are answered");
    c.send(4, &metadata_request(4, "orders")).unwrap();
    let bytes = c.read_to_close().unwrap();
    assert!(bytes.len() > 4, "part of a frame: {bytes:?}");
    let declared = i32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize;
    assert!(
        bytes.len() - 4 < declared,
        "{} of {declared} bytes",
        bytes.len() - 4
    );
    // Once only.
    raw(&cluster.addr(1))
        .call(4, &metadata_request(4, "orders"))
        .unwrap();
}

#[test]
fn injected_errors_answer_the_next_requests_per_item_without_passing_them_on() {
    let cluster = FaultCluster::start(3);
    let up = cluster.upstream();
    create_topic_at(up, "orders", 3);
    let g = cluster.group_coordinated_by(2, "g");
    commit_at(up, &g, "orders", &[(0, 7)]);
    let b2 = cluster.broker(2);
    let mut c = raw(&b2.addr());

    b2.fail_next(
        2,
        &[ApiKey::OffsetFetch],
        ResponseError::CoordinatorLoadInProgress,
    );
    assert_eq!(b2.pending_failures(), 2);
    let r = c.call(7, &offset_fetch_v7(&g, "orders", &[0])).unwrap();
    assert_eq!(r.error_code, 14);
    let r = c.call(8, &offset_fetch_v8(&[&g], "orders", &[0])).unwrap();
    assert_eq!(by_group(&r)[&g].0, 14);
    let r = c.call(8, &offset_fetch_v8(&[&g], "orders", &[0])).unwrap();
    assert_eq!(by_group(&r)[&g], (0, vec![7]));
    assert_eq!(b2.pending_failures(), 0);

    b2.fail_next(1, &[ApiKey::OffsetCommit], ResponseError::NotCoordinator);
    let r = commit_at(&b2.addr(), &g, "orders", &[(0, 99), (1, 99)]);
    let codes: Vec<i16> = r.topics[0]
        .partitions
        .iter()
        .map(|p| p.error_code)
        .collect();
    assert_eq!(codes, [NOT_COORDINATOR; 2]);
    assert_eq!(
        committed_at(up, &g, "orders", &[0, 1]),
        vec![7, -1],
        "nothing committed"
    );

    b2.fail_next(
        1,
        &[ApiKey::FindCoordinator],
        ResponseError::CoordinatorNotAvailable,
    );
    let req = FindCoordinatorRequest::default().with_coordinator_keys(vec![sb(&g), sb("other")]);
    let r = c.call(4, &req).unwrap();
    assert!(r.coordinators.iter().all(|k| k.error_code == 15), "{r:?}");
    assert_eq!(r.coordinators.len(), 2);

    let leader = cluster.leader("orders", 0);
    let parts: Vec<i32> = (0..3)
        .filter(|&p| cluster.leader("orders", p) == leader)
        .collect();
    cluster.broker(leader).fail_next(
        1,
        &[ApiKey::ListOffsets],
        ResponseError::NotLeaderOrFollower,
    );
    let mut l = raw(&cluster.addr(leader));
    let req = list_offsets("orders", parts.iter().copied());
    let errors = list_offsets_errors(&l.call(7, &req).unwrap());
    assert!(
        errors.values().all(|&e| e == NOT_LEADER_OR_FOLLOWER),
        "{errors:?}"
    );
    assert_eq!(errors.len(), parts.len());
    let errors = list_offsets_errors(&l.call(7, &req).unwrap());
    assert!(errors.values().all(|&e| e == 0), "{errors:?}");

    let proxied: Vec<Option<i16>> = b2.requests().iter().map(|e| e.proxy_error).collect();
    assert_eq!(
        proxied,
        [Some(14), Some(14), None, Some(16), Some(15)],
        "the log says which answers the proxy made up"
    );
}

#[test]
fn throttle_time_is_set_on_the_next_answers_and_gaps_are_measurable() {
    let cluster = FaultCluster::start(3);
    let b1 = cluster.broker(1);
    let mut c = raw(&b1.addr());
    b1.throttle(250, Some(2));
    let meta = metadata_request(4, "none");
    let mut seen = vec![];
    for _ in 0..3 {
        let r = c.call(4, &meta).unwrap();
        seen.push(r.throttle_time_ms);
        // A client honouring KIP-219 waits before its next request.
        std::thread::sleep(Duration::from_millis(r.throttle_time_ms as u64));
    }
    assert_eq!(seen, [250, 250, 0]);
    let log = b1.requests();
    let throttled: Vec<Option<i32>> = log.iter().map(|e| e.throttle_ms).collect();
    assert_eq!(throttled, [Some(250), Some(250), None]);
    let gaps = log::gaps(&log.iter().collect::<Vec<_>>());
    assert!(
        gaps.iter().all(|g| *g >= Duration::from_millis(250)),
        "{gaps:?}"
    );

    b1.throttle(100, None);
    let v = c.call(3, &ApiVersionsRequest::default()).unwrap();
    assert_eq!(v.throttle_time_ms, 0, "ApiVersions is never throttled");
    for _ in 0..3 {
        assert_eq!(c.call(4, &meta).unwrap().throttle_time_ms, 100);
    }
    b1.heal();
    assert_eq!(c.call(4, &meta).unwrap().throttle_time_ms, 0);
}

#[test]
fn reorder_sends_the_second_of_two_pipelined_answers_first() {
    let cluster = FaultCluster::start(3);
    let up = cluster.upstream();
    create_topic_at(up, "orders", 1);
    let g = cluster.group_coordinated_by(1, "g");
    commit_at(up, &g, "orders", &[(0, 7)]);
    let b1 = cluster.broker(1);
    b1.reorder_next_pair();
    let mut c = raw(&b1.addr());
    ping(&mut c).expect("a lone ApiVersions is not held");
    let mut answers = vec![];
    for _round in 0..2 {
        let fetch = c.send(7, &offset_fetch_v7(&g, "orders", &[0])).unwrap();
        let meta = c.send(1, &metadata_request(1, "orders")).unwrap();
        let first = c.recv_frame().unwrap();
        let second = c.recv_frame().unwrap();
        let id = |f: &bytes::Bytes| i32::from_be_bytes(f[..4].try_into().unwrap());
        answers.push([id(&first), id(&second)] == [meta, fetch]);
        let (frame_fetch, frame_meta) = if id(&first) == fetch {
            (first, second)
        } else {
            (second, first)
        };
        // Each caller gets its own answer.
        let (_, r) = RawClient::decode::<OffsetFetchRequest>(frame_fetch, 7).unwrap();
        assert_eq!(r.topics[0].partitions[0].committed_offset, 7);
        let (_, r) = RawClient::decode::<MetadataRequest>(frame_meta, 1).unwrap();
        assert_eq!(r.brokers.len(), 3);
    }
    assert_eq!(
        answers,
        [true, false],
        "the first pair reordered, the second not"
    );
    assert_eq!(b1.reordered(), 1);
}

#[test]
fn an_old_broker_rejects_new_api_versions_and_clients_fall_back_to_v0() {
    let cluster = FaultCluster::start(3);
    for id in cluster.ids() {
        cluster.broker(id).old_api_versions(Some(0));
    }
    let mut c = raw(&cluster.addr(1));
    let id = c.send(3, &ApiVersionsRequest::default()).unwrap();
    // The answer is in the v0 layout whatever version was asked.
    let (got, r) = RawClient::decode::<ApiVersionsRequest>(c.recv_frame().unwrap(), 0).unwrap();
    assert_eq!(got, id);
    assert_eq!(r.error_code, 35);
    let listed: Vec<(i16, i16, i16)> = r
        .api_keys
        .iter()
        .map(|k| (k.api_key, k.min_version, k.max_version))
        .collect();
    assert_eq!(listed, [(ApiKey::ApiVersions as i16, 0, 0)]);
    let r = ping(&mut c).unwrap();
    assert_eq!(r.error_code, 0);
    assert!(r.api_keys.len() > 10);

    // librdkafka retries with v0 and works on.
    let bs = cluster.bootstrap();
    create_topic(&bs, "orders", 2);
    produce(&bs, "orders", 1, 2);
    commit(&bs, "g", &[("orders", 1, 2)]);
    assert_eq!(committed(&bs, "g", &[("orders", 1)]), vec![Some(2)]);
    let versions = log::of(&cluster.requests(), ApiKey::ApiVersions)
        .iter()
        .map(|e| (e.version, e.proxy_error))
        .collect::<BTreeSet<_>>();
    assert!(versions.contains(&(0, None)), "{versions:?}");
    assert!(
        versions.iter().any(|&(v, e)| v > 0 && e == Some(35)),
        "{versions:?}"
    );
}

#[test]
fn api_versions_offers_only_what_the_proxy_can_read() {
    let cluster = FaultCluster::start(3);
    let r = raw(&cluster.addr(1))
        .call(3, &ApiVersionsRequest::default())
        .unwrap();
    let upstream = raw(cluster.upstream())
        .call(3, &ApiVersionsRequest::default())
        .unwrap();
    let theirs: BTreeMap<i16, (i16, i16)> = upstream
        .api_keys
        .iter()
        .map(|k| (k.api_key, (k.min_version, k.max_version)))
        .collect();
    let fetch = r
        .api_keys
        .iter()
        .find(|k| k.api_key == ApiKey::Fetch as i16)
        .unwrap();
    assert_eq!(fetch.min_version, ApiKey::Fetch.valid_versions().min);
    for k in &r.api_keys {
        let ours = ApiKey::try_from(k.api_key).unwrap().valid_versions();
        let (lo, hi) = theirs[&k.api_key];
        assert!(k.min_version >= ours.min.max(lo), "{k:?}");
        assert!(k.max_version <= ours.max.min(hi), "{k:?}");
    }
}

#[test]
fn latency_delays_each_way_and_the_log_counts_dependent_round_trips() {
    let cluster = FaultCluster::start(3);
    let one_way = Duration::from_millis(25);
    cluster.set_latency(one_way);
    let mut c = raw(&cluster.addr(1));
    let started = Instant::now();
    ping(&mut c).unwrap();
    assert!(started.elapsed() >= one_way * 2);

    cluster.clear_logs();
    for _ in 0..3 {
        ping(&mut c).unwrap();
    }
    assert_eq!(dependent_round_trips(&cluster.requests()), 3);

    cluster.clear_logs();
    let mut other = raw(&cluster.addr(2));
    c.send(0, &ApiVersionsRequest::default()).unwrap();
    c.send(1, &metadata_request(1, "none")).unwrap();
    other.send(0, &ApiVersionsRequest::default()).unwrap();
    c.recv::<ApiVersionsRequest>(0).unwrap();
    c.recv::<MetadataRequest>(1).unwrap();
    other.recv::<ApiVersionsRequest>(0).unwrap();
    assert_eq!(cluster.requests().len(), 3);
    assert_eq!(
        dependent_round_trips(&cluster.requests()),
        1,
        "overlapping requests count once"
    );
}

#[test]
fn dropping_the_cluster_stops_the_proxy_and_the_broker() {
    let cluster = FaultCluster::start(3);
    let addrs: Vec<String> = cluster.ids().map(|id| cluster.addr(id)).collect();
    let upstream = cluster.upstream().to_string();
    let mut open = raw(&addrs[0]);
    ping(&mut open).unwrap();
    drop(cluster);
    assert!(ping(&mut open).is_err());
    for a in addrs.iter().chain([&upstream]) {
        let err = RawClient::connect(a).err().expect("nothing listens");
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused, "{a}");
    }
}

/// Send `make(v)` at every version the cluster offers for `api` with one
/// NOT_COORDINATOR armed; the proxy's own answer must decode.
fn answers_decode<R: kafka_protocol::protocol::Request>(
    cluster: &FaultCluster,
    offered: &BTreeMap<i16, (i16, i16)>,
    make: impl Fn(i16) -> R,
) -> usize {
    let api = ApiKey::try_from(R::KEY).unwrap();
    let (lo, hi) = offered[&R::KEY];
    let b = cluster.broker(1);
    let mut c = raw(&b.addr());
    for v in lo..=hi {
        b.fail_next(1, &[api], ResponseError::NotCoordinator);
        let id = c
            .send(v, &make(v))
            .unwrap_or_else(|e| panic!("{api:?} v{v}: {e}"));
        let (got, _) = c
            .recv::<R>(v)
            .unwrap_or_else(|e| panic!("{api:?} v{v}: {e}"));
        assert_eq!(got, id);
        assert_eq!(b.pending_failures(), 0, "{api:?} v{v}");
        let e = b.requests().pop().unwrap();
        assert_eq!((e.version, e.proxy_error), (v, Some(NOT_COORDINATOR)));
    }
    (hi - lo + 1) as usize
}

#[test]
fn injected_error_answers_decode_at_every_offered_version() {
    use kafka_protocol::messages::fetch_request::{FetchPartition, FetchTopic};
    let cluster = FaultCluster::start(3);
    create_topic_at(cluster.upstream(), "orders", 1);
    let mut c = raw(&cluster.addr(1));
    let offered: BTreeMap<i16, (i16, i16)> = c
        .call(3, &ApiVersionsRequest::default())
        .unwrap()
        .api_keys
        .iter()
        .map(|k| (k.api_key, (k.min_version, k.max_version)))
        .collect();
    // Metadata through the proxy teaches it the topic id Fetch v13+ uses.
    let meta = c.call(12, &metadata_request(12, "orders")).unwrap();
    let topic_id = meta.topics[0].topic_id;
    let g = || GroupId(sb("g"));
    let mut n = 0;
    n += answers_decode(&cluster, &offered, |v| {
        if v < 8 {
            offset_fetch_v7("g", "orders", &[0])
        } else {
            offset_fetch_v8(&["g"], "orders", &[0])
        }
    });
    n += answers_decode(&cluster, &offered, |_| {
        commit_request("g", "orders", &[(0, 1)])
    });
    n += answers_decode(&cluster, &offered, |_| {
        DescribeGroupsRequest::default().with_groups(vec![g()])
    });
    n += answers_decode(&cluster, &offered, |_| {
        DeleteGroupsRequest::default().with_groups_names(vec![g()])
    });
    n += answers_decode(&cluster, &offered, |_| {
        JoinGroupRequest::default()
            .with_group_id(g())
            .with_session_timeout_ms(10_000)
            .with_protocol_type(sb("consumer"))
    });
    n += answers_decode(&cluster, &offered, |_| {
        SyncGroupRequest::default().with_group_id(g())
    });
    n += answers_decode(&cluster, &offered, |_| {
        HeartbeatRequest::default().with_group_id(g())
    });
    n += answers_decode(&cluster, &offered, |_| {
        LeaveGroupRequest::default().with_group_id(g())
    });
    n += answers_decode(&cluster, &offered, |v| {
        if v < 4 {
            FindCoordinatorRequest::default().with_key(sb("g"))
        } else {
            FindCoordinatorRequest::default().with_coordinator_keys(vec![sb("g")])
        }
    });
    n += answers_decode(&cluster, &offered, |_| ListGroupsRequest::default());
    n += answers_decode(&cluster, &offered, |_| {
        ConsumerGroupDescribeRequest::default().with_group_ids(vec![g()])
    });
    n += answers_decode(&cluster, &offered, |_| {
        list_offsets("orders", [0].into_iter())
    });
    n += answers_decode(&cluster, &offered, |_| produce_request("orders", 0, 1, "x"));
    n += answers_decode(&cluster, &offered, |v| {
        let t = FetchTopic::default().with_partitions(vec![FetchPartition::default()]);
        let t = if v < 13 {
            t.with_topic(TopicName(sb("orders")))
        } else {
            t.with_topic_id(topic_id)
        };
        FetchRequest::default().with_topics(vec![t])
    });
    assert!(n > 80, "{n} versions checked");
}
