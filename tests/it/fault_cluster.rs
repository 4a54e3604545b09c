//! The multi-broker fault cluster itself (tests/it/common/cluster): real clients
//! work through it, it presents N brokers with leaders and coordinators
//! spread, and it routes like a real cluster. Setup that must not depend on
//! the proxy goes straight to the real broker.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::*;

use kafka_protocol::messages::fetch_request::{FetchPartition, FetchTopic};
use kafka_protocol::messages::*;
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn real_clients_produce_and_consume_in_a_group_through_the_proxy() {
    let cluster = FaultCluster::start(3);
    let bs = cluster.bootstrap();
    create_topic(&bs, "orders", 6);
    for p in 0..6 {
        produce(&bs, "orders", p, 2);
    }
    consume(&bs, "g-orders", "orders", 12);
    let parts: Vec<(&str, i32)> = (0..6).map(|p| ("orders", p)).collect();
    assert_eq!(committed(&bs, "g-orders", &parts), vec![Some(2); 6]);
    // The real broker has them too, so nothing was answered by the proxy alone.
    let all: Vec<i32> = (0..6).collect();
    assert_eq!(
        committed_at(cluster.upstream(), "g-orders", "orders", &all),
        vec![2; 6]
    );

    let log = cluster.requests();
    // Clients followed the rewritten metadata: each partition's records went
    // to its leader, fetches to the leaders, group traffic to the coordinator.
    let coordinator = cluster.coordinator("g-orders");
    for e in &log {
        if e.is(ApiKey::Produce) || e.is(ApiKey::Fetch) {
            assert!(!e.partitions.is_empty(), "{e:?}");
            for (t, p) in &e.partitions {
                assert_eq!(e.broker, cluster.leader(t, *p), "{e:?}");
            }
        }
        if e.is(ApiKey::JoinGroup) || e.is(ApiKey::OffsetCommit) {
            assert_eq!(e.broker, coordinator, "{e:?}");
        }
        assert_eq!(e.proxy_error, None, "{e:?}");
    }
    let fetched_from: BTreeSet<i32> = log::of(&log, ApiKey::Fetch)
        .iter()
        .map(|e| e.broker)
        .collect();
    assert_eq!(fetched_from, BTreeSet::from([1, 2, 3]));
    assert!(!log::of(&log, ApiKey::JoinGroup).is_empty());
}

#[test]
fn metadata_names_the_pretend_brokers_with_leaders_spread() {
    let cluster = FaultCluster::start(3);
    create_topic_at(cluster.upstream(), "orders", 6);
    let ports: BTreeMap<i32, i32> = cluster
        .ids()
        .map(|id| {
            (
                id,
                cluster
                    .addr(id)
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap(),
            )
        })
        .collect();
    let leaders: Vec<i32> = (0..6).map(|p| cluster.leader("orders", p)).collect();
    assert_eq!(
        leaders.iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([1, 2, 3])
    );
    let mut client = raw(&cluster.addr(2));
    for version in 0..=12 {
        let r = client
            .call(version, &metadata_request(version, "orders"))
            .unwrap();
        let brokers: BTreeMap<i32, i32> = r.brokers.iter().map(|b| (b.node_id.0, b.port)).collect();
        assert_eq!(brokers, ports, "Metadata v{version}");
        assert!(r.brokers.iter().all(|b| b.host.as_str() == "127.0.0.1"));
        let t = &r.topics[0];
        assert_eq!(t.error_code, 0);
        let mut got: Vec<(i32, i32, Vec<i32>)> = t
            .partitions
            .iter()
            .map(|p| {
                let replicas = p.replica_nodes.iter().map(|b| b.0).collect();
                (p.partition_index, p.leader_id.0, replicas)
            })
            .collect();
        got.sort();
        let want: Vec<(i32, i32, Vec<i32>)> = (0..6)
            .map(|p| (p, leaders[p as usize], vec![leaders[p as usize]]))
            .collect();
        assert_eq!(got, want, "Metadata v{version}");
    }
    for version in 0..=1 {
        let r = client
            .call(version, &DescribeClusterRequest::default())
            .unwrap();
        let brokers: BTreeMap<i32, i32> =
            r.brokers.iter().map(|b| (b.broker_id.0, b.port)).collect();
        assert_eq!(brokers, ports, "DescribeCluster v{version}");
    }
    let req = DescribeTopicPartitionsRequest::default().with_topics(vec![
        describe_topic_partitions_request::TopicRequest::default()
            .with_name(TopicName(sb("orders"))),
    ]);
    let r = client.call(0, &req).unwrap();
    let mut got: Vec<(i32, i32)> = r.topics[0]
        .partitions
        .iter()
        .map(|p| (p.partition_index, p.leader_id.0))
        .collect();
    got.sort();
    let want: Vec<(i32, i32)> = (0..6).map(|p| (p, leaders[p as usize])).collect();
    assert_eq!(got, want, "DescribeTopicPartitions");
    // A leader move shows in the next Metadata answer.
    let to = leaders[0] % 3 + 1;
    cluster.move_leader("orders", 0, to);
    let r = client.call(12, &metadata_request(12, "orders")).unwrap();
    let p0 = r.topics[0]
        .partitions
        .iter()
        .find(|p| p.partition_index == 0)
        .unwrap();
    assert_eq!(p0.leader_id.0, to);
}

#[test]
fn find_coordinator_spreads_groups_and_follows_moves() {
    let cluster = FaultCluster::start(3);
    let groups: Vec<String> = (0..12).map(|i| format!("group-{i}")).collect();
    let expected: Vec<i32> = groups.iter().map(|g| cluster.coordinator(g)).collect();
    assert_eq!(
        expected.iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([1, 2, 3]),
        "twelve groups land on every broker"
    );
    let mut client = raw(&cluster.addr(1));
    for version in 0..=3 {
        for (g, &want) in groups.iter().zip(&expected) {
            let req = FindCoordinatorRequest::default().with_key(sb(g));
            let r = client.call(version, &req).unwrap();
            assert_eq!((r.error_code, r.node_id.0), (0, want), "v{version} {g}");
            assert_eq!(format!("{}:{}", r.host, r.port), cluster.addr(want));
        }
    }
    for version in 4..=6 {
        let req = FindCoordinatorRequest::default()
            .with_coordinator_keys(groups.iter().map(|g| sb(g)).collect());
        let r = client.call(version, &req).unwrap();
        let got: BTreeMap<String, i32> = r
            .coordinators
            .iter()
            .map(|c| (c.key.to_string(), c.node_id.0))
            .collect();
        let want: BTreeMap<String, i32> = groups
            .iter()
            .cloned()
            .zip(expected.iter().copied())
            .collect();
        assert_eq!(got, want, "v{version}");
    }
    // A coordinator move: FindCoordinator names the new one, the old one refuses the group.
    let g = &groups[0];
    let old = expected[0];
    let new = old % 3 + 1;
    cluster.move_coordinator(g, new);
    let r = client
        .call(3, &FindCoordinatorRequest::default().with_key(sb(g)))
        .unwrap();
    assert_eq!(r.node_id.0, new);
    let fetch = offset_fetch_v7(g, "orders", &[0]);
    assert_eq!(
        raw(&cluster.addr(old)).call(7, &fetch).unwrap().error_code,
        NOT_COORDINATOR
    );
    assert_eq!(
        raw(&cluster.addr(new)).call(7, &fetch).unwrap().error_code,
        0
    );
}

#[test]
fn list_groups_is_answered_per_broker_for_the_groups_it_coordinates() {
    let cluster = FaultCluster::start(3);
    create_topic_at(cluster.upstream(), "orders", 1);
    let mut all = BTreeSet::new();
    for id in cluster.ids() {
        for prefix in ["a", "b"] {
            let g = cluster.group_coordinated_by(id, prefix);
            commit_at(cluster.upstream(), &g, "orders", &[(0, 1)]);
            all.insert(g);
        }
    }
    let mut union = BTreeSet::new();
    for id in cluster.ids() {
        let r = raw(&cluster.addr(id))
            .call(4, &ListGroupsRequest::default())
            .unwrap();
        assert_eq!(r.error_code, 0);
        let listed: BTreeSet<String> = r.groups.iter().map(|g| g.group_id.to_string()).collect();
        assert_eq!(listed.len(), 2, "broker {id}: {listed:?}");
        for g in &listed {
            assert_eq!(cluster.coordinator(g), id, "broker {id} lists {g}");
            assert!(union.insert(g.clone()), "{g} listed twice");
        }
    }
    assert_eq!(union, all);

    // groupctl asks every broker and merges (whatever else it does with them).
    let out = stdout_of(groupctl().args(["-b", &cluster.bootstrap(), "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let listed: BTreeMap<String, i64> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["coordinator"]["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let want: BTreeMap<String, i64> = all
        .iter()
        .map(|g| (g.clone(), cluster.coordinator(g) as i64))
        .collect();
    assert_eq!(listed, want);
}

#[test]
fn group_requests_to_the_wrong_broker_get_not_coordinator_per_group() {
    let cluster = FaultCluster::start(3);
    let up = cluster.upstream();
    create_topic_at(up, "orders", 2);
    let g1 = cluster.group_coordinated_by(1, "g");
    let g2 = cluster.group_coordinated_by(2, "g");
    commit_at(up, &g1, "orders", &[(0, 3), (1, 4)]);
    commit_at(up, &g2, "orders", &[(0, 5), (1, 6)]);
    let mut b1 = raw(&cluster.addr(1));

    // OffsetFetch v8+: one answer, per-group errors.
    let r = b1
        .call(8, &offset_fetch_v8(&[&g1, &g2], "orders", &[0, 1]))
        .unwrap();
    let got = by_group(&r);
    assert_eq!(got[&g1], (0, vec![3, 4]));
    assert_eq!(got[&g2].0, NOT_COORDINATOR);
    let e = cluster.broker(1).requests().pop().unwrap();
    assert_eq!(e.groups, vec![g1.clone(), g2.clone()]);
    assert_eq!(e.partitions.len(), 4, "explicit partitions are logged");
    assert_eq!(e.proxy_error, Some(NOT_COORDINATOR));

    // One group per request.
    let r = b1.call(7, &offset_fetch_v7(&g2, "orders", &[0])).unwrap();
    assert_eq!(r.error_code, NOT_COORDINATOR);
    for version in [0, 5] {
        let req =
            DescribeGroupsRequest::default().with_groups(vec![GroupId(sb(&g1)), GroupId(sb(&g2))]);
        let r = b1.call(version, &req).unwrap();
        let errors: BTreeMap<String, i16> = r
            .groups
            .iter()
            .map(|g| (g.group_id.to_string(), g.error_code))
            .collect();
        assert_eq!(
            errors,
            BTreeMap::from([(g1.clone(), 0), (g2.clone(), NOT_COORDINATOR)])
        );
    }

    // Writes to the wrong broker change nothing.
    let r = commit_at(&cluster.addr(1), &g2, "orders", &[(0, 99)]);
    assert_eq!(r.topics[0].partitions[0].error_code, NOT_COORDINATOR);
    assert_eq!(committed_at(up, &g2, "orders", &[0, 1]), vec![5, 6]);
    let req =
        DeleteGroupsRequest::default().with_groups_names(vec![GroupId(sb(&g1)), GroupId(sb(&g2))]);
    let r = b1.call(2, &req).unwrap();
    let errors: BTreeMap<String, i16> = r
        .results
        .iter()
        .map(|g| (g.group_id.to_string(), g.error_code))
        .collect();
    assert_eq!(
        errors,
        BTreeMap::from([(g1.clone(), 0), (g2.clone(), NOT_COORDINATOR)])
    );
    assert_eq!(
        committed_at(up, &g1, "orders", &[0]),
        vec![-1],
        "g1 deleted"
    );
    assert_eq!(
        committed_at(up, &g2, "orders", &[0]),
        vec![5],
        "g2 untouched"
    );

    // Heartbeat to the wrong coordinator, then with routing off everything goes through.
    let hb = HeartbeatRequest::default().with_group_id(GroupId(sb(&g2)));
    assert_eq!(b1.call(3, &hb).unwrap().error_code, NOT_COORDINATOR);
    cluster.set_routing(false);
    let r = b1
        .call(8, &offset_fetch_v8(&[&g2], "orders", &[0, 1]))
        .unwrap();
    assert_eq!(by_group(&r)[&g2], (0, vec![5, 6]));
}

#[test]
fn partition_requests_to_a_non_leader_get_not_leader_per_partition() {
    let cluster = FaultCluster::start(3);
    create_topic_at(cluster.upstream(), "orders", 6);
    let led_by_1: BTreeSet<i32> = (0..6)
        .filter(|&p| cluster.leader("orders", p) == 1)
        .collect();
    assert!(!led_by_1.is_empty() && led_by_1.len() < 6);
    let r = raw(&cluster.addr(1))
        .call(7, &list_offsets("orders", 0..6))
        .unwrap();
    let errors = list_offsets_errors(&r);
    assert_eq!(errors.len(), 6, "one answer per partition: {errors:?}");
    for (p, code) in errors {
        let want = if led_by_1.contains(&p) {
            0
        } else {
            NOT_LEADER_OR_FOLLOWER
        };
        assert_eq!(code, want, "partition {p}");
    }
    // Fetch by name (v12) and by topic id (v13+): one answer, per-partition
    // errors. (The test broker leaves out partitions without records, and all
    // of them when min_bytes is 0.)
    let mut up = raw(cluster.upstream());
    for p in 0..6 {
        up.call(9, &produce_request("orders", p, 1, "x")).unwrap();
    }
    let fetch = FetchRequest::default()
        .with_max_wait_ms(200)
        .with_min_bytes(1);
    let mut c = raw(&cluster.addr(1));
    let topic_id = c.call(12, &metadata_request(12, "orders")).unwrap().topics[0].topic_id;
    for version in [12, 16] {
        let parts = (0..6).map(|p| {
            FetchPartition::default()
                .with_partition(p)
                .with_partition_max_bytes(1 << 20)
        });
        let t = FetchTopic::default().with_partitions(parts.collect());
        let t = if version < 13 {
            t.with_topic(TopicName(sb("orders")))
        } else {
            t.with_topic_id(topic_id)
        };
        let r = c
            .call(version, &fetch.clone().with_topics(vec![t]))
            .unwrap();
        let errors: BTreeMap<i32, i16> = r
            .responses
            .iter()
            .flat_map(|t| t.partitions.iter())
            .map(|p| (p.partition_index, p.error_code))
            .collect();
        let want: BTreeMap<i32, i16> = (0..6)
            .map(|p| {
                (
                    p,
                    if led_by_1.contains(&p) {
                        0
                    } else {
                        NOT_LEADER_OR_FOLLOWER
                    },
                )
            })
            .collect();
        assert_eq!(errors, want, "Fetch v{version}");
    }
    // After a leader move the old leader refuses, the new one answers.
    let p = *led_by_1.iter().next().unwrap();
    cluster.move_leader("orders", p, 2);
    let r = raw(&cluster.addr(1))
        .call(7, &list_offsets("orders", [p].into_iter()))
        .unwrap();
    assert_eq!(list_offsets_errors(&r)[&p], NOT_LEADER_OR_FOLLOWER);
    let r = raw(&cluster.addr(2))
        .call(7, &list_offsets("orders", [p].into_iter()))
        .unwrap();
    assert_eq!(list_offsets_errors(&r)[&p], 0);
}

#[test]
fn produce_goes_to_the_leader_and_acks_0_gets_no_answer() {
    let cluster = FaultCluster::start(3);
    create_topic_at(cluster.upstream(), "orders", 1);
    let leader = cluster.leader("orders", 0);
    let other = leader % 3 + 1;
    let mut c = raw(&cluster.addr(other));
    let r = c.call(9, &produce_request("orders", 0, 1, "x")).unwrap();
    let codes: Vec<i16> = r.responses[0]
        .partition_responses
        .iter()
        .map(|p| p.error_code)
        .collect();
    assert_eq!(codes, [NOT_LEADER_OR_FOLLOWER]);
    // acks=0 expects no answer, also not from a broker that refuses it:
    // the next answer on the connection is the next request's.
    c.send(9, &produce_request("orders", 0, 0, "x")).unwrap();
    let id = c.send(0, &ApiVersionsRequest::default()).unwrap();
    assert_eq!(c.recv::<ApiVersionsRequest>(0).unwrap().0, id);

    let mut c = raw(&cluster.addr(leader));
    c.send(9, &produce_request("orders", 0, 0, "a")).unwrap();
    let r = c.call(9, &produce_request("orders", 0, 1, "b")).unwrap();
    let p0 = &r.responses[0].partition_responses[0];
    assert_eq!(
        (p0.error_code, p0.base_offset),
        (0, 1),
        "the acks=0 record went in first"
    );
    let r = c.call(7, &list_offsets("orders", [0].into_iter())).unwrap();
    assert_eq!(r.topics[0].partitions[0].offset, 2);
}
