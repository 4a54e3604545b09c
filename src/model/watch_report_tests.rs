//! Samples made from describe's reports: what they carry, and groups that
//! could not be described.

use super::*;

#[test]
fn samples_from_describe_reports() {
    let m = Member {
        member_id: "m-2".into(),
        group_instance_id: None,
        client_id: "app".into(),
        host: "/h".into(),
        rack: None,
        subscription: vec![],
        assignment: vec![],
        owned: vec![],
        generation: None,
        ..Default::default()
    };
    let range = LogRange {
        start: Some(0),
        end: Some(30),
        error: None,
    };
    let mut row = PartitionLag::new(&tp(3), Some(12), range, None);
    row.time_lag_ms = Some(2_500);
    let report = GroupReport {
        description: GroupDescription {
            group: "g".into(),
            state: GroupState::Stable,
            group_type: GroupType::Classic,
            protocol_type: "consumer".into(),
            assignor: "range".into(),
            coordinator: None,
            members: vec![m],
            ..Default::default()
        },
        error: None,
        total_lag: Some(Some(18)),
        partitions_without_commit: Some(0),
        partitions: Some(vec![row]),
    };
    let s = Sample::from_reports(5, 77, &[report]);
    let g = &s.groups["g"];
    assert_eq!(
        g.members,
        vec![MemberPoint {
            member_id: "m-2".into(),
            client_id: "app".into(),
            host: "/h".into()
        }]
    );
    assert_eq!(
        g.partitions[&tp(3)],
        PartitionPoint {
            committed: Some(12),
            log_end: Some(30),
            lag: Some(18),
            time_lag_ms: Some(2_500)
        }
    );
    assert_eq!((s.t_ms, s.wall_ms), (5, 77));
}

#[test]
fn a_group_that_could_not_be_described_is_never_stopped_nor_stalled() {
    // Lag, offsets that sit still, and nobody knows whether it has members.
    let report = |state: GroupState, error: Option<&str>| GroupReport {
        description: GroupDescription {
            state,
            ..GroupDescription::unknown("g", GroupType::Classic, None)
        },
        error: error.map(str::to_string),
        total_lag: Some(Some(18)),
        partitions_without_commit: Some(0),
        partitions: Some(vec![PartitionLag::new(
            &tp(0),
            Some(12),
            LogRange {
                start: Some(0),
                end: Some(30),
                error: None,
            },
            None,
        )]),
    };
    let history = |reports: &[GroupReport]| {
        let mut h = History::new(W);
        for (t, r) in (0..).zip(reports) {
            h.push(Sample::from_reports(
                t * 1000,
                t * 1000,
                std::slice::from_ref(r),
            ));
        }
        h
    };
    let unknown = report(GroupState::Unknown, Some("DescribeGroups failed: ..."));
    let h = history(&vec![unknown.clone(); 5]);
    assert_eq!(
        (only(&h).status, only(&h).partitions[0].status),
        (None, None)
    );
    // Described without members: STOPPED. Then not describable: no member
    // left, no rebalance, and not STOPPED for it.
    let empty = report(GroupState::Empty, None);
    assert_eq!(
        only(&history(std::slice::from_ref(&empty))).status,
        Some(Status::Stopped)
    );
    let mut stable = report(GroupState::Stable, None);
    stable.description.members = vec![Member {
        member_id: "m-1".into(),
        group_instance_id: None,
        client_id: "app".into(),
        host: "/h".into(),
        rack: None,
        subscription: vec![],
        assignment: vec![],
        owned: vec![],
        generation: None,
        ..Default::default()
    }];
    let h = history(&[stable, unknown.clone(), unknown]);
    assert_eq!(only(&h).rebalances, 0);
    assert_eq!(only(&h).status, None);
    let kinds: Vec<String> = h.events().map(|e| format!("{:?}", e.kind)).collect();
    assert!(kinds.iter().all(|k| k.starts_with("State")), "{kinds:?}");
}

#[test]
fn a_group_is_not_ok_while_a_lagging_partition_is_not_judged() {
    // One sample: partition 0 caught up (OK), partition 1 behind with no
    // status yet (it takes a second sample to tell whether it moves).
    let mut h = History::new(W);
    let g = group(GroupState::Stable, &["m"], &[(0, 10, 10), (1, 5, 20)]);
    h.push(sample(0, vec![("g", g)]));
    let v = only(&h);
    let statuses: Vec<_> = v.partitions.iter().map(|p| p.status).collect();
    assert_eq!(statuses, [Some(Status::Ok), None]);
    assert_eq!(v.status, None);
}
