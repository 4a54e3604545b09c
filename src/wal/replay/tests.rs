//! Replay rules, in process, on logs written by `wal::build`: every record
//! type, tombstones, transactions, `--as-of`, group filters, Chronik events.

use super::*;
use crate::model::{GroupState, GroupType};
use crate::wal::build::{self, BatchOpts, MemberSpec, SegmentBuilder};
use bytes::Bytes;

const T0: i64 = 1_795_168_800_000; // 2026-11-20T10:00:00Z

type Rec = (Bytes, Option<Bytes>);

fn commit(group: &str, topic: &str, p: i32, offset: i64) -> Rec {
    (
        build::offset_key(group, topic, p),
        Some(build::offset_value(offset, 5, "m", T0)),
    )
}

fn at(s: i64) -> BatchOpts {
    BatchOpts {
        timestamp: T0 + s * 1000,
        ..Default::default()
    }
}

fn txn(pid: i64) -> BatchOpts {
    BatchOpts {
        txn: Some((pid, 0)),
        ..Default::default()
    }
}

/// Replays inline and on a second thread (as big logs are): the same state.
fn both_ways(log: &Log, read: ReadOptions, opts: ReplayOptions) -> CoordinatorState {
    let inline = replay_log(log, read, opts.clone()).unwrap();
    let mut r = Replayer::new(opts);
    r.describe(log, &read);
    r.fold_on_second_thread();
    assert!(r.pipe.is_some());
    log.read(read, |e| {
        r.push(e);
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(r.finish(), inline, "folded on a second thread");
    inline
}

fn run_with(seg: SegmentBuilder, opts: ReplayOptions) -> CoordinatorState {
    let log = Log::from_bytes("t.log", seg.finish(), None);
    both_ways(&log, ReadOptions::salvage(), opts)
}

fn run(seg: SegmentBuilder) -> CoordinatorState {
    run_with(seg, ReplayOptions::default())
}

fn offset(st: &CoordinatorState, g: &str, t: &str, p: i32) -> Option<i64> {
    Some(st.groups.get(g)?.offsets.get(t)?.get(&p)?.offset)
}

#[test]
fn offset_commits_last_write_wins_and_tombstones_delete() {
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1), commit("g", "t", 1, 10)], at(0));
    seg.batch(&[commit("g", "t", 0, 2)], at(1));
    seg.batch(&[(build::offset_key("g", "t", 1), None)], at(2));
    // Older value versions: v1 (expiry) and v4 (flexible).
    seg.batch(
        &[
            (
                build::offset_key("g", "u", 0),
                Some(build::offset_value_v1(7, "x", T0, T0 + 9)),
            ),
            (
                build::offset_key("g", "v", 0),
                Some(build::offset_value_v4(8, 3, "y", T0)),
            ),
        ],
        at(3),
    );
    let st = run(seg);
    assert_eq!(offset(&st, "g", "t", 0), Some(2));
    assert_eq!(offset(&st, "g", "t", 1), None, "tombstone");
    let o = &st.groups["g"].offsets["t"][&0];
    assert_eq!(
        (o.metadata.as_deref(), o.leader_epoch, o.record_offset),
        (Some("m"), Some(5), 2)
    );
    assert_eq!(o.commit_time.as_deref(), Some("2026-11-20T10:00:00.000Z"));
    assert_eq!(
        st.groups["g"].offsets["u"][&0].expire_timestamp,
        Some(T0 + 9)
    );
    assert_eq!(st.groups["g"].offsets["v"][&0].leader_epoch, Some(3));
    // Offsets only: a standalone consumer, an Empty group of no type.
    assert_eq!(st.groups["g"].group_type, None);
    assert_eq!(st.groups["g"].state, Some(GroupState::Empty));
    assert_eq!((st.records, st.applied, st.batches), (6, 6, 4));
}

#[test]
fn legacy_offset_key_type_0_is_an_offset_commit() {
    let mut key = build::offset_key("g", "t", 4).to_vec();
    key[1] = 0;
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[(Bytes::from(key), Some(build::offset_value(44, 0, "", T0)))],
        at(0),
    );
    assert_eq!(offset(&run(seg), "g", "t", 4), Some(44));
}

#[test]
fn classic_group_metadata_members_and_tombstone() {
    let members = [
        MemberSpec {
            member_id: "m1",
            instance_id: Some("pod-1"),
            client_id: "c1",
            host: "/10.0.0.1",
            topics: &["t"],
            assignment: &[("t", &[0, 1])],
        },
        MemberSpec {
            member_id: "m2",
            instance_id: None,
            client_id: "c2",
            host: "/10.0.0.2",
            topics: &["t"],
            assignment: &[("t", &[2])],
        },
    ];
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[(
            build::group_key(2, "cg"),
            Some(build::group_value(7, "range", Some("m1"), T0, &members)),
        )],
        at(0),
    );
    seg.batch(&[commit("cg", "t", 0, 5)], at(1));
    let st = run(seg);
    let g = &st.groups["cg"];
    assert_eq!(g.group_type, Some(GroupType::Classic));
    assert_eq!(g.state, Some(GroupState::Stable));
    assert_eq!(
        (g.generation, g.protocol.as_deref(), g.leader.as_deref()),
        (Some(7), Some("range"), Some("m1"))
    );
    assert_eq!(g.current_state_timestamp, Some(T0));
    let ReplayedMember::Classic(m) = &g.members[0] else {
        panic!("{:?}", g.members[0])
    };
    assert_eq!(
        (m.group_instance_id.as_deref(), m.client_id.as_str()),
        (Some("pod-1"), "c1")
    );
    assert_eq!(m.subscribed_topics, vec!["t"]);
    assert_eq!(g.members[1].assignment()["t"], vec![2]);
    // Empty group, then deleted: Dead, and its offsets are still there until their own tombstones.
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[(
            build::group_key(2, "cg"),
            Some(build::group_value(8, "range", None, T0, &[])),
        )],
        at(0),
    );
    seg.batch(&[commit("cg", "t", 0, 5)], at(1));
    let st = run(seg);
    assert_eq!(st.groups["cg"].state, Some(GroupState::Empty));
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[(
            build::group_key(2, "cg"),
            Some(build::group_value(8, "range", None, T0, &[])),
        )],
        at(0),
    );
    seg.batch(&[commit("cg", "t", 0, 5)], at(1));
    seg.batch(&[(build::group_key(2, "cg"), None)], at(2));
    let st = run(seg);
    let g = &st.groups["cg"];
    assert!(g.deleted);
    assert_eq!(
        (g.state.clone(), g.generation),
        (Some(GroupState::Dead), None)
    );
    assert_eq!(offset(&st, "cg", "t", 0), Some(5));
}

#[test]
fn transactions_commit_abort_and_pending() {
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1)], at(0));
    seg.batch(&[commit("g", "t", 0, 100)], txn(7)); // committed below
    seg.batch(&[commit("g", "t", 1, 200)], txn(8)); // aborted below
    seg.batch(&[commit("h", "t", 0, 300)], txn(9)); // never finished
    seg.marker(7, 0, true, T0);
    seg.marker(8, 0, false, T0);
    let st = run(seg);
    assert_eq!(offset(&st, "g", "t", 0), Some(100));
    assert!(st.groups["g"].offsets["t"][&0].transactional);
    assert_eq!(offset(&st, "g", "t", 1), None);
    assert_eq!(offset(&st, "h", "t", 0), None);
    assert_eq!(st.pending_transactions.len(), 1);
    let p = &st.pending_transactions[0];
    assert_eq!(
        (p.producer_id, p.groups.clone(), p.offsets),
        (9, vec!["h".to_string()], 1)
    );
    assert_eq!(st.control_batches, 2);
    // A plain commit written after the transactional one wins over it at COMMIT (log positions).
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 100)], txn(7));
    seg.batch(&[commit("g", "t", 0, 5)], at(0));
    seg.marker(7, 0, true, T0);
    assert_eq!(offset(&run(seg), "g", "t", 0), Some(5));
    // A transactional tombstone deletes on COMMIT.
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1)], at(0));
    seg.batch(&[(build::offset_key("g", "t", 0), None)], txn(3));
    seg.marker(3, 0, true, T0);
    assert_eq!(offset(&run(seg), "g", "t", 0), None);
}

#[test]
fn as_of_offset_and_time_and_group_filter() {
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1)], at(0)); // offset 0, T0
    seg.batch(&[commit("g", "t", 0, 2), commit("h", "t", 0, 9)], at(60)); // offsets 1-2, T0+60s
    seg.batch(&[commit("g", "t", 0, 3)], at(120)); // offset 3
    let build_seg = || {
        let mut s = SegmentBuilder::new();
        s.batch(&[commit("g", "t", 0, 1)], at(0));
        s.batch(&[commit("g", "t", 0, 2), commit("h", "t", 0, 9)], at(60));
        s.batch(&[commit("g", "t", 0, 3)], at(120));
        s
    };
    let by_offset = run_with(
        seg,
        ReplayOptions {
            as_of: Some(AsOf::Offset(1)),
            ..Default::default()
        },
    );
    assert_eq!(offset(&by_offset, "g", "t", 0), Some(2));
    assert_eq!((by_offset.records, by_offset.applied), (4, 2));
    let by_time = run_with(
        build_seg(),
        ReplayOptions {
            as_of: Some(AsOf::Time(T0 + 59_999)),
            ..Default::default()
        },
    );
    assert_eq!(offset(&by_time, "g", "t", 0), Some(1));
    assert!(!by_time.groups.contains_key("h"));
    let only_h = run_with(
        build_seg(),
        ReplayOptions {
            groups: vec!["h".into()],
            ..Default::default()
        },
    );
    assert_eq!(only_h.groups.keys().collect::<Vec<_>>(), vec!["h"]);
    assert_eq!(only_h.applied, 1);
}

#[test]
fn as_of_parses_offsets_and_times() {
    assert_eq!(AsOf::parse("4211"), Ok(AsOf::Offset(4211)));
    assert_eq!(AsOf::parse("2026-11-20T10:00:00Z"), Ok(AsOf::Time(T0)));
    assert!(AsOf::parse("-3").is_err());
    assert!(AsOf::parse("yesterday").is_err());
}

const ORDERS: [u8; 16] = [1; 16];

fn kip848_group(
    seg: &mut SegmentBuilder,
    group_epoch: i32,
    assignment_epoch: i32,
    member_epoch: i32,
) {
    seg.batch(
        &[
            (
                build::group_key(3, "kg"),
                Some(build::consumer_group_epoch(group_epoch)),
            ),
            (
                build::group_key(4, "kg"),
                Some(build::partition_metadata(&[(ORDERS, "orders", 3)])),
            ),
            (
                build::member_key(5, "kg", "m1"),
                Some(build::consumer_member_metadata(
                    "c1",
                    "/h",
                    &["orders"],
                    Some("uniform"),
                )),
            ),
            (
                build::group_key(6, "kg"),
                Some(build::target_assignment_epoch(assignment_epoch)),
            ),
            (
                build::member_key(7, "kg", "m1"),
                Some(build::target_assignment(&[(ORDERS, &[0, 1, 2])])),
            ),
            (
                build::member_key(8, "kg", "m1"),
                Some(build::current_assignment(
                    member_epoch,
                    &[(ORDERS, &[0, 1])],
                )),
            ),
        ],
        at(0),
    );
}

#[test]
fn kip848_state_from_epochs_and_every_record_type() {
    for ((ge, ae, me), want) in [
        ((5, 5, 5), GroupState::Stable),
        ((6, 5, 5), GroupState::Assigning),
        ((5, 5, 4), GroupState::Reconciling),
    ] {
        let mut seg = SegmentBuilder::new();
        kip848_group(&mut seg, ge, ae, me);
        let st = run(seg);
        let g = &st.groups["kg"];
        assert_eq!(g.state, Some(want.clone()), "epochs {ge} {ae} {me}");
        assert_eq!(g.group_type, Some(GroupType::Consumer));
        assert_eq!((g.generation, g.assignment_epoch), (Some(ge), Some(ae)));
        let ReplayedMember::Epoch(m) = &g.members[0] else {
            panic!()
        };
        assert_eq!(
            m.assigned_partitions["orders"],
            vec![0, 1],
            "topic id resolved to its name"
        );
        assert_eq!(m.target_partitions["orders"], vec![0, 1, 2]);
        assert_eq!(
            (m.client_id.as_deref(), m.server_assignor.as_deref()),
            (Some("c1"), Some("uniform"))
        );
        assert_eq!(m.subscribed_topics, vec!["orders"]);
    }
    // Member records deleted: Empty; regexes come and go; the group tombstone: Dead.
    let mut seg = SegmentBuilder::new();
    kip848_group(&mut seg, 5, 5, 5);
    seg.batch(
        &[
            (build::member_key(5, "kg", "m1"), None),
            (build::member_key(7, "kg", "m1"), None),
            (build::member_key(8, "kg", "m1"), None),
            (
                build::regex_key("kg", "ord.*"),
                Some(build::regex_value(&["orders"], 1, T0)),
            ),
            (
                build::regex_key("kg", "pay.*"),
                Some(build::regex_value(&[], 1, T0)),
            ),
            (build::regex_key("kg", "pay.*"), None),
        ],
        at(1),
    );
    let st = run(seg);
    let g = &st.groups["kg"];
    assert_eq!(
        (g.state.clone(), g.members.len()),
        (Some(GroupState::Empty), 0)
    );
    assert_eq!(g.regexes.keys().collect::<Vec<_>>(), vec!["ord.*"]);
    assert_eq!(g.regexes["ord.*"]["topics"][0], "orders");
    let mut seg = SegmentBuilder::new();
    kip848_group(&mut seg, 5, 5, 5);
    seg.batch(&[(build::group_key(3, "kg"), None)], at(1));
    let st = run(seg);
    assert!(st.groups["kg"].deleted);
    assert_eq!(st.groups["kg"].state, Some(GroupState::Dead));
    assert!(st.groups["kg"].members.is_empty());
}

/// Kafka 4.1+ writes no partition metadata record: the topic ids of a
/// consumer group's assignments are named by offset commits' topic ids
/// (any group's); a classic member of a consumer group says so.
#[test]
fn kip848_topic_ids_named_by_offset_commits_and_classic_members() {
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[(
            build::offset_key("other", "orders", 0),
            Some(build::offset_value_v4_topic_id(1, -1, "", T0, ORDERS)),
        )],
        at(0),
    );
    seg.batch(
        &[
            (
                build::group_key(3, "kg"),
                Some(build::consumer_group_epoch_hash(5, -77)),
            ),
            (
                build::member_key(5, "kg", "m1"),
                Some(build::consumer_member_metadata(
                    "c1",
                    "/h",
                    &["orders"],
                    None,
                )),
            ),
            (
                build::member_key(5, "kg", "m2"),
                Some(build::classic_member_metadata(
                    "c2",
                    "/h",
                    &["orders"],
                    45_000,
                    "range",
                )),
            ),
            (
                build::group_key(6, "kg"),
                Some(build::target_assignment_epoch(5)),
            ),
            (
                build::member_key(8, "kg", "m1"),
                Some(build::current_assignment(5, &[(ORDERS, &[0, 1])])),
            ),
            (
                build::member_key(8, "kg", "m2"),
                Some(build::current_assignment(5, &[([9; 16], &[0])])),
            ),
        ],
        at(1),
    );
    let st = run(seg);
    let g = &st.groups["kg"];
    assert_eq!(
        (g.state.clone(), g.group_epoch),
        (Some(GroupState::Stable), Some(5))
    );
    let members: Vec<&EpochMember> = g
        .members
        .iter()
        .map(|m| match m {
            ReplayedMember::Epoch(m) => m,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(members[0].assigned_partitions["orders"], vec![0, 1]);
    assert_eq!(members[0].member_type.as_deref(), Some("consumer"));
    assert_eq!(members[1].member_type.as_deref(), Some("classic"));
    assert_eq!(members[1].classic_session_timeout_ms, Some(45_000));
    assert_eq!(members[1].classic_protocols, vec!["range"]);
    // An id no record names stays as Kafka prints it.
    assert_eq!(
        members[1].assigned_partitions["CQkJCQkJCQkJCQkJCQkJCQ"],
        vec![0]
    );
}

/// Kafka's replay creates a group again for an offset committed after the
/// group was deleted (a simple group: Empty, offsets only), also for a
/// transactional write, whatever its marker says.
#[test]
fn an_offset_committed_after_the_group_was_deleted_recreates_it() {
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1), commit("h", "t", 0, 1)], at(0));
    seg.batch(
        &[
            (build::offset_key("g", "t", 0), None),
            (build::group_key(2, "g"), None),
            (build::offset_key("h", "t", 0), None),
            (build::group_key(2, "h"), None),
        ],
        at(1),
    );
    seg.batch(&[commit("g", "t", 2, 7)], at(2));
    seg.batch(&[commit("h", "t", 2, 9)], txn(4));
    seg.marker(4, 0, false, T0);
    let st = run(seg);
    let g = &st.groups["g"];
    assert!(!g.deleted);
    assert_eq!(
        (g.group_type.clone(), g.state.clone()),
        (None, Some(GroupState::Empty))
    );
    assert_eq!(offset(&st, "g", "t", 2), Some(7));
    assert_eq!(offset(&st, "g", "t", 0), None);
    let h = &st.groups["h"];
    assert!(!h.deleted, "the aborted write created it all the same");
    assert_eq!(h.state, Some(GroupState::Empty));
    assert_eq!(h.offset_count(), 0);
}

#[test]
fn share_group_records() {
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[
            (
                build::group_key(11, "sg"),
                Some(build::consumer_group_epoch(3)),
            ),
            (
                build::group_key(9, "sg"),
                Some(build::partition_metadata(&[(ORDERS, "orders", 2)])),
            ),
            (
                build::member_key(10, "sg", "s1"),
                Some(build::share_member_metadata("sc", "/h", &["orders"])),
            ),
            (
                build::group_key(12, "sg"),
                Some(build::target_assignment_epoch(3)),
            ),
            (
                build::member_key(13, "sg", "s1"),
                Some(build::target_assignment(&[(ORDERS, &[0, 1])])),
            ),
            (
                build::member_key(14, "sg", "s1"),
                Some(build::share_current_assignment(3, &[(ORDERS, &[0, 1])])),
            ),
            (
                build::group_key(15, "sg"),
                Some(build::share_state(&[(ORDERS, "orders", &[0, 1])])),
            ),
        ],
        at(0),
    );
    let st = run(seg);
    let g = &st.groups["sg"];
    assert_eq!(g.group_type, Some(GroupType::Share));
    assert_eq!(
        (g.state.clone(), g.protocol_type.as_deref()),
        (Some(GroupState::Stable), Some("share"))
    );
    assert_eq!(g.members[0].assignment()["orders"], vec![0, 1]);
    assert_eq!(
        g.share_state.as_ref().unwrap()["initialized_topics"][0]["topic_name"],
        "orders"
    );
    assert!(st.unknown.is_empty(), "{:?}", st.unknown);
}

#[test]
fn unknown_and_undecodable_records_are_counted_not_applied() {
    let mut key = build::group_key(2, "x").to_vec();
    key[1] = 17;
    let mut seg = SegmentBuilder::new();
    seg.batch(
        &[
            (Bytes::from(key), Some(Bytes::from_static(b"\x00\x00"))),
            (
                build::offset_key("g", "t", 0),
                Some(Bytes::from_static(b"\x00\x09oops")),
            ),
        ],
        at(0),
    );
    let st = run(seg);
    assert_eq!(st.unknown["record type 17"], 1);
    assert_eq!(st.unknown["record type 1"], 1);
    assert!(st.groups.is_empty());
}

fn chronik_log(events: &[&str]) -> CoordinatorState {
    let mut data = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let ev = format!(
            r#"{{"timestamp":"2026-11-20T10:00:{:02}Z","payload":{e}}}"#,
            i
        );
        data.extend(build::chronik_record(i as i64, ev.as_bytes()));
    }
    let log = Log::from_bytes("wal_0_0.log", data, None);
    both_ways(&log, ReadOptions::default(), ReplayOptions::default())
}

#[test]
fn chronik_groups_offsets_and_deletes() {
    let st = chronik_log(&[
        r#"{"type":"ConsumerGroupCreated","metadata":{"group_id":"cg","state":"PreparingRebalance","protocol":"range","protocol_type":"consumer","generation_id":1,"leader":"m1","members":[{"member_id":"m1","client_id":"c1","client_host":"/h","metadata":[0,0,0,0,0,1,0,1,116,255,255,255,255],"assignment":[0,0,0,0,0,1,0,1,116,0,0,0,1,0,0,0,0]}],"created_at":"t0","updated_at":"t1"}}"#,
        r#"{"type":"OffsetCommitted","offset":{"group_id":"cg","topic":"t","partition":0,"offset":5,"metadata":"m","commit_timestamp":"2026-11-20T10:00:01Z"}}"#,
        r#"{"type":"OffsetCommitted","offset":{"group_id":"cg","topic":"u","partition":1,"offset":6,"metadata":null,"commit_timestamp":"2026-11-20T10:00:02Z"}}"#,
        r#"{"type":"ConsumerOffsetDeleted","group_id":"cg","topic":"u","partition":1}"#,
        r#"{"type":"OffsetCommitted","offset":{"group_id":"old","topic":"t","partition":0,"offset":1,"metadata":null,"commit_timestamp":"2026-11-20T10:00:03Z"}}"#,
        r#"{"type":"ConsumerGroupDeleted","group_id":"old"}"#,
        r#"{"type":"OffsetsReset","group_id":"cg","topic":"t","partition":0,"new_offset":0}"#,
        r#"{"type":"OffsetCommitted","offset":{"group_id":"cg"}}"#,
        r#"{"type":"SomethingNew"}"#,
    ]);
    let g = &st.groups["cg"];
    assert_eq!(g.group_type, Some(GroupType::Classic));
    assert_eq!(g.state, Some(GroupState::PreparingRebalance));
    assert_eq!((g.generation, g.leader.as_deref()), (Some(1), Some("m1")));
    let ReplayedMember::Chronik(m) = &g.members[0] else {
        panic!()
    };
    assert_eq!(m.subscribed_topics, vec!["t"]);
    assert_eq!(
        m.assigned_partitions["t"],
        vec![0],
        "an assignment without user_data"
    );
    assert_eq!(
        offset(&st, "cg", "t", 0),
        Some(5),
        "OffsetsReset is not applied by Chronik"
    );
    assert_eq!(offset(&st, "cg", "u", 1), None);
    assert_eq!(
        st.groups["cg"].offsets["t"][&0].commit_timestamp,
        Some(T0 + 1000)
    );
    assert!(st.groups["old"].deleted);
    assert!(
        st.groups["old"].offsets.is_empty(),
        "a group delete purges its offsets"
    );
    assert_eq!(st.not_applied["OffsetsReset"], 1);
    assert_eq!(st.unknown["malformed OffsetCommitted"], 1);
    assert_eq!(st.unknown["event SomethingNew"], 1);
}

#[test]
fn chronik_topics_brokers_and_transactions() {
    let st = chronik_log(&[
        r#"{"type":"TopicCreated","name":"t","config":{"partition_count":2,"replication_factor":1,"retention_ms":5,"segment_bytes":9,"config":{"a":"b"}}}"#,
        r#"{"type":"PartitionAssigned","assignment":{"topic":"t","partition":0,"broker_id":1,"is_leader":true,"replicas":[1,2],"leader_id":1}}"#,
        r#"{"type":"PartitionReassigned","topic":"t","partition":0,"from_broker":1,"to_broker":3}"#,
        r#"{"type":"HighWatermarkUpdated","topic":"t","partition":0,"new_watermark":40}"#,
        r#"{"type":"LogStartOffsetUpdated","topic":"t","partition":0,"new_log_start_offset":4}"#,
        r#"{"type":"BrokerRegistered","metadata":{"broker_id":1,"host":"h","port":9092,"rack":null,"status":"Online"}}"#,
        r#"{"type":"BrokerRegistered","metadata":{"broker_id":2,"host":"h2","port":9093,"rack":"r","status":"Online"}}"#,
        r#"{"type":"BrokerStatusChanged","broker_id":1,"status":"Offline"}"#,
        r#"{"type":"BrokerRemoved","broker_id":2}"#,
        r#"{"type":"OffsetCommitted","offset":{"group_id":"g","topic":"gone","partition":0,"offset":1,"metadata":null,"commit_timestamp":"2026-11-20T10:00:09Z"}}"#,
        r#"{"type":"TopicCreated","name":"gone","config":{}}"#,
        r#"{"type":"TopicDeleted","name":"gone"}"#,
        r#"{"type":"BeginTransaction","transactional_id":"tx","producer_id":9,"producer_epoch":0}"#,
        r#"{"type":"AddOffsetsToTransaction","transactional_id":"tx","producer_id":9,"producer_epoch":0,"group_id":"g"}"#,
        r#"{"type":"BeginTransaction","transactional_id":"done","producer_id":8,"producer_epoch":0}"#,
        r#"{"type":"AddPartitionsToTransaction","transactional_id":"done","producer_id":8,"producer_epoch":0}"#,
        r#"{"type":"CommitTransaction","transactional_id":"done","producer_id":8,"producer_epoch":0}"#,
    ]);
    let t = &st.topics["t"];
    assert_eq!(
        (t.partition_count, t.retention_ms, t.config["a"].as_str()),
        (Some(2), Some(5), Some("b"))
    );
    let p = &t.partitions[&0];
    assert_eq!(
        (
            p.leader_id,
            p.replicas.clone(),
            p.high_watermark,
            p.log_start_offset
        ),
        (Some(3), vec![3, 2], 40, 4)
    );
    assert_eq!(st.brokers.keys().collect::<Vec<_>>(), vec![&1]);
    assert_eq!(st.brokers[&1].status.as_deref(), Some("Offline"));
    assert!(!st.topics.contains_key("gone"));
    assert!(
        st.groups["g"].offsets.is_empty(),
        "a topic delete purges its offsets"
    );
    assert_eq!(st.pending_transactions.len(), 1);
    let p = &st.pending_transactions[0];
    assert_eq!(
        (
            p.transactional_id.as_deref(),
            p.state.as_deref(),
            p.groups.clone()
        ),
        (Some("tx"), Some("Ongoing"), vec!["g".to_string()])
    );
}

#[test]
fn a_log_of_many_chunks_folds_the_same_on_a_second_thread() {
    // More records than several hand-overs hold, groups and topics changing
    // within and across batches, with metadata, tombstones and transactions.
    let mut seg = SegmentBuilder::new();
    let members = [MemberSpec {
        member_id: "m1",
        instance_id: None,
        client_id: "c1",
        host: "/10.0.0.1",
        topics: &["t0"],
        assignment: &[("t0", &[0, 1])],
    }];
    for i in 0..3_000i64 {
        let g = format!("group-{}", i % 37);
        let recs: Vec<Rec> = (0..5)
            .map(|p| {
                let t = format!("t{}", (i + p) % 3);
                let value = build::offset_value(i * 10 + p, 1, &format!("m{}", i % 4), T0 + i);
                (
                    build::offset_key(&g, &t, p as i32),
                    (i % 11 != 0).then_some(value),
                )
            })
            .collect();
        let opts = if i % 97 == 0 { txn(i % 5) } else { at(i) };
        seg.batch(&recs, opts);
        if i % 97 == 50 {
            seg.marker(i % 5 - 1, 0, i % 2 == 0, T0);
        }
        if i % 50 == 0 {
            let value = build::group_value(i as i32, "range", Some("m1"), T0, &members);
            seg.batch(&[(build::group_key(2, &g), Some(value))], at(i));
        }
    }
    let st = run_with(
        seg,
        ReplayOptions {
            groups: vec![],
            as_of: Some(AsOf::Offset(14_000)),
        },
    );
    assert_eq!(st.groups.len(), 37);
    assert!(st.records > 15_000, "{}", st.records);
    assert!(st.groups.values().any(|g| !g.members.is_empty()));
}
