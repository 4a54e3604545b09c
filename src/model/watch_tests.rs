use super::*;
use crate::model::{GroupDescription, GroupType, LogRange, Member, PartitionLag};

const W: i64 = 3_000;

fn tp(p: i32) -> TopicPartition {
    TopicPartition::new("orders", p)
}

fn member(id: &str) -> MemberPoint {
    MemberPoint {
        member_id: id.into(),
        client_id: format!("app-{id}"),
        host: "/10.0.0.1".into(),
    }
}

fn point(committed: i64, log_end: i64) -> PartitionPoint {
    PartitionPoint {
        committed: Some(committed),
        log_end: Some(log_end),
        lag: Some((log_end - committed).max(0)),
        time_lag_ms: None,
    }
}

fn group(state: GroupState, members: &[&str], parts: &[(i32, i64, i64)]) -> GroupPoint {
    GroupPoint {
        state,
        members: members.iter().map(|m| member(m)).collect(),
        members_known: true,
        partitions: parts
            .iter()
            .map(|&(p, c, e)| (tp(p), point(c, e)))
            .collect(),
        epoch: None,
        reconciling: false,
    }
}

fn sample(t: i64, groups: Vec<(&str, GroupPoint)>) -> Sample {
    Sample {
        t_ms: t,
        wall_ms: 1_000_000 + t,
        groups: groups
            .into_iter()
            .map(|(g, p)| (g.to_string(), p))
            .collect(),
    }
}

/// A history of one group "g", one partition, one sample per second:
/// (committed, log end) per sample, members throughout.
fn one_partition(points: &[(i64, i64)], members: &[&str]) -> History {
    let mut h = History::new(W);
    for (i, &(c, e)) in points.iter().enumerate() {
        let g = group(GroupState::Stable, members, &[(0, c, e)]);
        h.push(sample(i as i64 * 1000, vec![("g", g)]));
    }
    h
}

fn only(h: &History) -> GroupView {
    let mut v = h.view();
    assert_eq!(v.len(), 1);
    v.remove(0)
}

fn partition_status(points: &[(i64, i64)], members: &[&str]) -> Option<Status> {
    only(&one_partition(points, members)).partitions[0].status
}

/// name, (committed, log end) per second, members, expected status.
type Case<'a> = (&'a str, &'a [(i64, i64)], &'a [&'a str], Option<Status>);

#[test]
fn status_rules_in_order() {
    let m = &["m1"][..];
    let cases: &[Case] = &[
        ("caught up", &[(10, 10)], m, Some(Status::Ok)),
        ("caught up again", &[(5, 10), (10, 10)], m, Some(Status::Ok)),
        (
            "moved back",
            &[(50, 60), (40, 60)],
            m,
            Some(Status::Rewound),
        ),
        (
            "moved back, caught up",
            &[(50, 50), (40, 40)],
            m,
            Some(Status::Rewound),
        ),
        ("one sample, members, lag", &[(5, 10)], m, None),
        (
            "one sample, no members",
            &[(5, 10)],
            &[],
            Some(Status::Stopped),
        ),
        (
            "no members, unmoved",
            &[(5, 10), (5, 12)],
            &[],
            Some(Status::Stopped),
        ),
        (
            "no members, still moving",
            &[(5, 10), (7, 10)],
            &[],
            Some(Status::Ok),
        ),
        (
            "unmoved for a whole window",
            &[(5, 10), (5, 10), (5, 10), (5, 10)],
            m,
            Some(Status::Stalled),
        ),
        (
            "unmoved, window not full",
            &[(5, 10), (5, 10), (5, 10)],
            m,
            None,
        ),
        (
            "unmoved, lag growing early",
            &[(5, 10), (5, 12)],
            m,
            Some(Status::Lagging),
        ),
        (
            "moving, lag growing",
            &[(5, 10), (7, 15), (9, 20)],
            m,
            Some(Status::Lagging),
        ),
        (
            "moving, lag shrinking",
            &[(5, 20), (12, 22), (19, 24)],
            m,
            Some(Status::Ok),
        ),
        (
            "moving, lag steady",
            &[(5, 10), (7, 12)],
            m,
            Some(Status::Ok),
        ),
    ];
    for (name, points, members, want) in cases {
        assert_eq!(partition_status(points, members), *want, "{name}");
    }
}

#[test]
fn a_rewind_is_remembered_for_one_window_then_forgotten() {
    let mut points = vec![(50, 60), (40, 60)];
    assert_eq!(partition_status(&points, &["m"]), Some(Status::Rewound));
    // Seen at t=1 s, window 3 s: still there at t=3 s, gone at t=4 s.
    points.extend([(45, 60), (50, 60)]);
    assert_eq!(partition_status(&points, &["m"]), Some(Status::Rewound));
    points.push((55, 60));
    assert_eq!(partition_status(&points, &["m"]), Some(Status::Ok));
}

#[test]
fn no_commit_at_all_has_no_status_and_no_rates() {
    let mut h = History::new(W);
    for t in [0, 1000] {
        let mut g = group(GroupState::Stable, &["m"], &[]);
        g.partitions.insert(
            tp(0),
            PartitionPoint {
                log_end: Some(10 + t / 1000),
                ..PartitionPoint::default()
            },
        );
        h.push(sample(t, vec![("g", g)]));
    }
    let v = only(&h);
    assert_eq!(v.status, None);
    assert_eq!(v.lag, None);
    assert_eq!(v.partitions[0].consume_rate, None);
    assert_eq!(v.partitions[0].produce_rate, Some(1.0));
}

#[test]
fn rates_over_the_window_and_the_eta() {
    // 30 records/s consumed, 10/s produced, one sample a second.
    let points: Vec<(i64, i64)> = (0..5).map(|i| (100 + 30 * i, 300 + 10 * i)).collect();
    let v = only(&one_partition(&points, &["m"]));
    let p = &v.partitions[0];
    assert_eq!(p.consume_rate, Some(30.0));
    assert_eq!(p.produce_rate, Some(10.0));
    // lag 340 - 220 = 120, closing at 20/s: 6 s.
    assert_eq!(p.lag, Some(120));
    assert_eq!(p.eta_ms, Some(6_000));
    assert_eq!(v.eta_ms, Some(6_000));
    assert_eq!(v.status, Some(Status::Ok));
}

#[test]
fn rates_use_only_the_window() {
    // Slow for 5 s, then fast: after a window of fast samples only fast counts.
    let mut points: Vec<(i64, i64)> = (0..6).map(|i| (5 * i, 20 * i)).collect();
    let (c, e) = *points.last().unwrap();
    points.extend((1..=3).map(|i| (c + 30 * i, e + 20 * i)));
    let p = only(&one_partition(&points, &["m"])).partitions[0].clone();
    assert_eq!(p.consume_rate, Some(30.0));
    assert_eq!(p.produce_rate, Some(20.0));
}

#[test]
fn no_eta_when_not_catching_up() {
    let slower: Vec<(i64, i64)> = (0..4).map(|i| (10 * i, 100 + 20 * i)).collect();
    let v = only(&one_partition(&slower, &["m"]));
    assert_eq!(v.status, Some(Status::Lagging));
    assert_eq!(v.partitions[0].eta_ms, None);
    assert_eq!(v.eta_ms, None);
    let even: Vec<(i64, i64)> = (0..4).map(|i| (10 * i, 100 + 10 * i)).collect();
    assert_eq!(only(&one_partition(&even, &["m"])).eta_ms, None);
    let caught_up: Vec<(i64, i64)> = (0..4).map(|i| (10 * i, 10 * i)).collect();
    assert_eq!(only(&one_partition(&caught_up, &["m"])).eta_ms, None);
}

#[test]
fn a_rewind_restarts_the_consume_rate() {
    let v = only(&one_partition(
        &[(100, 200), (50, 200), (60, 200), (70, 200)],
        &["m"],
    ));
    assert_eq!(v.partitions[0].consume_rate, Some(10.0));
    assert_eq!(rate([(0, Some(5))].into_iter()), None);
    assert_eq!(rate([(0, Some(5)), (0, Some(9))].into_iter()), None);
    assert_eq!(
        rate([(0, None), (500, Some(5)), (1500, Some(9))].into_iter()),
        Some(4.0)
    );
}

#[test]
fn the_window_keeps_one_sample_at_or_before_its_start() {
    let points: Vec<(i64, i64)> = (0..10).map(|i| (i, 20)).collect();
    let h = one_partition(&points, &["m"]);
    assert_eq!(h.samples.len(), 4);
    assert_eq!(h.samples.front().unwrap().t_ms, 6_000);
    assert_eq!(h.latest().unwrap().t_ms, 9_000);
}

#[test]
fn group_rolls_up_its_partitions() {
    let mut h = History::new(W);
    for i in 0..3 {
        let g = group(
            GroupState::Stable,
            &["m"],
            &[
                (0, 10 * i, 10 * i),
                (1, 5 * i, 100 + 20 * i),
                (2, 50 + 20 * i, 200 + 10 * i),
            ],
        );
        h.push(sample(i * 1000, vec![("g", g)]));
    }
    let v = only(&h);
    let statuses: Vec<_> = v.partitions.iter().map(|p| p.status).collect();
    assert_eq!(
        statuses,
        vec![Some(Status::Ok), Some(Status::Lagging), Some(Status::Ok)]
    );
    assert_eq!(v.status, Some(Status::Lagging));
    assert_eq!(v.lag, Some(130 + 130));
    assert_eq!(v.consume_rate, Some(35.0));
    assert_eq!(v.produce_rate, Some(40.0));
    // Partition 1 is not catching up: no ETA for the group.
    assert_eq!(v.eta_ms, None);
    assert_eq!(v.members, 1);
}

#[test]
fn group_eta_is_the_slowest_lagging_partition() {
    let mut h = History::new(W);
    for i in 0..3 {
        let g = group(
            GroupState::Stable,
            &["m"],
            &[
                (0, 20 * i, 100 + 10 * i),
                (1, 20 * i, 50 + 10 * i),
                (2, 7, 7),
            ],
        );
        h.push(sample(i * 1000, vec![("g", g)]));
    }
    let v = only(&h);
    let etas: Vec<_> = v.partitions.iter().map(|p| p.eta_ms).collect();
    assert_eq!(etas, vec![Some(8_000), Some(3_000), None]);
    assert_eq!(v.eta_ms, Some(8_000));
}

#[test]
fn time_lag_of_the_group_is_its_oldest_partition() {
    let mut g = group(
        GroupState::Stable,
        &["m"],
        &[(0, 1, 5), (1, 1, 9), (2, 3, 3)],
    );
    g.partitions.get_mut(&tp(0)).unwrap().time_lag_ms = Some(4_000);
    g.partitions.get_mut(&tp(1)).unwrap().time_lag_ms = Some(9_000);
    g.partitions.get_mut(&tp(2)).unwrap().time_lag_ms = Some(0);
    let mut h = History::new(W);
    h.push(sample(0, vec![("g", g)]));
    assert_eq!(only(&h).time_lag_ms, Some(9_000));
}

#[test]
fn events_and_rebalances() {
    let mut h = History::new(W);
    let parts = &[(0, 5, 5)];
    let steps = [
        (GroupState::Stable, vec!["a"]),
        (GroupState::PreparingRebalance, vec!["a", "b"]),
        (GroupState::Stable, vec!["a", "b"]),
        // A rebalance begun and ended between two samples: only the members tell.
        (GroupState::Stable, vec!["b"]),
        (GroupState::Empty, vec![]),
    ];
    let mut all = Vec::new();
    for (i, (state, members)) in steps.into_iter().enumerate() {
        let g = group(state, &members, parts);
        all.push(h.push(sample(i as i64 * 1000, vec![("g", g)])));
    }
    assert!(all[0].is_empty());
    let kinds = |ev: &[Event]| -> Vec<String> {
        ev.iter()
            .map(|e| match &e.kind {
                EventKind::State { from, to } => format!("{from}->{to}"),
                EventKind::MemberJoined { member_id, .. } => format!("+{member_id}"),
                EventKind::MemberLeft { member_id, .. } => format!("-{member_id}"),
                EventKind::Epoch { from, to } => format!("epoch {from}->{to}"),
            })
            .collect()
    };
    assert_eq!(kinds(&all[1]), vec!["Stable->PreparingRebalance", "+b"]);
    assert_eq!(kinds(&all[2]), vec!["PreparingRebalance->Stable"]);
    assert_eq!(kinds(&all[3]), vec!["-a"]);
    assert_eq!(kinds(&all[4]), vec!["Stable->Empty", "-b"]);
    assert_eq!(all[1][0].time_ms, 1_001_000);
    // Entering PreparingRebalance, the unseen one, and the last member leaving.
    let v = only(&h);
    assert_eq!(v.rebalances, 3);
    assert_eq!(v.status, Some(Status::Rebalancing));
    assert_eq!(h.events().count(), 6);
}

#[test]
fn rebalancing_lasts_while_the_change_is_in_the_window() {
    let mut h = History::new(W);
    let members_at = |i: i64| if i < 2 { vec!["a"] } else { vec!["a", "b"] };
    let mut statuses = Vec::new();
    for i in 0..8 {
        let m = members_at(i);
        let g = group(GroupState::Stable, &m, &[(0, 10 * i, 10 * i)]);
        h.push(sample(i * 1000, vec![("g", g)]));
        statuses.push(only(&h).status.unwrap());
    }
    use Status::*;
    // Seen at t=2 s, window 3 s: until t=4 s.
    assert_eq!(
        statuses,
        vec![Ok, Ok, Rebalancing, Rebalancing, Rebalancing, Ok, Ok, Ok]
    );
    // A rebalancing state shows at once, even in a single sample.
    let mut h = History::new(W);
    h.push(sample(
        0,
        vec![(
            "g",
            group(GroupState::CompletingRebalance, &["a"], &[(0, 1, 1)]),
        )],
    ));
    assert_eq!(only(&h).status, Some(Rebalancing));
}

#[test]
fn rewound_outranks_rebalancing() {
    let mut h = History::new(W);
    h.push(sample(
        0,
        vec![("g", group(GroupState::Stable, &["a"], &[(0, 50, 60)]))],
    ));
    h.push(sample(
        1000,
        vec![("g", group(GroupState::Empty, &[], &[(0, 20, 60)]))],
    ));
    assert_eq!(only(&h).status, Some(Status::Rewound));
}

/// A partition produced at 20/s, sampled every 250 ms, window 2 s.
struct Sim {
    h: History,
    c: i64,
    e: i64,
    t: i64,
}

impl Sim {
    fn step(&mut self, consume: i64, members: &[&str]) -> GroupView {
        self.t += 250;
        self.e += 5;
        self.c = (self.c + consume).min(self.e);
        let state = if members.is_empty() {
            GroupState::Empty
        } else {
            GroupState::Stable
        };
        let g = group(state, members, &[(0, self.c, self.e)]);
        self.h.push(sample(self.t, vec![("g", g)]));
        only(&self.h)
    }
}

#[test]
fn the_incident_from_start_to_end() {
    let mut sim = Sim {
        h: History::new(2_000),
        c: 0,
        e: 0,
        t: 0,
    };
    // The consumer at 4/s.
    let slow = (0..40).map(|_| sim.step(1, &["m"])).last().unwrap();
    assert_eq!(slow.status, Some(Status::Lagging));
    assert_eq!(slow.eta_ms, None);
    // At 32/s: once the window has only fast samples the ETA holds.
    let fast = (0..10).map(|_| sim.step(8, &["m"])).last().unwrap();
    assert_eq!(fast.status, Some(Status::Ok));
    let eta = fast.eta_ms.expect("an ETA while catching up");
    let started = sim.t;
    while sim.step(8, &["m"]).lag != Some(0) {}
    let took = sim.t - started;
    assert!(
        (took - eta).abs() <= eta / 10 + 250,
        "took {took} ms, ETA said {eta} ms"
    );
    // Stopped: the members leave, the offset stays.
    let statuses: Vec<Status> = (0..12).map(|_| sim.step(0, &[]).status.unwrap()).collect();
    assert_eq!(statuses[0], Status::Rebalancing);
    assert_eq!(*statuses.last().unwrap(), Status::Stopped);
    // Reset back 40 records.
    sim.c -= 40;
    assert_eq!(sim.step(0, &[]).status, Some(Status::Rewound));
}

#[test]
fn top_sorts_by_time_lag_then_lag_then_name() {
    let view = |g: &str, time: Option<i64>, lag: Option<i64>| GroupView {
        group: g.into(),
        state: GroupState::Stable,
        status: None,
        members: 0,
        rebalances: 0,
        reconciling_ms: None,
        lag,
        time_lag_ms: time,
        consume_rate: None,
        produce_rate: None,
        eta_ms: None,
        partitions: vec![],
    };
    let mut v = vec![
        view("a", None, Some(5)),
        view("b", Some(10), Some(1)),
        view("c", Some(10), Some(7)),
        view("d", Some(90), Some(0)),
        view("e", None, None),
        view("f", Some(10), Some(7)),
    ];
    top_order(&mut v);
    let names: Vec<&str> = v.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, vec!["d", "c", "f", "b", "a", "e"]);
}

#[test]
fn thresholds_name_each_breach() {
    let mut h = History::new(W);
    let mut stalled = group(GroupState::Empty, &[], &[(0, 1, 9), (1, 3, 3)]);
    stalled.partitions.get_mut(&tp(0)).unwrap().time_lag_ms = Some(400_000);
    h.push(sample(
        0,
        vec![
            ("a", stalled),
            ("b", group(GroupState::Stable, &["m"], &[(0, 3, 3)])),
        ],
    ));
    let v = h.view();
    let t = |fail_on: &[Status], max: Option<i64>| Thresholds {
        fail_on: fail_on.iter().copied().collect(),
        max_time_lag_ms: max,
    };
    assert!(!t(&[], None).is_set());
    assert_eq!(
        t(&[Status::Stopped], None).breaches(&v),
        vec!["group a is STOPPED"]
    );
    assert_eq!(
        t(&[Status::Lagging, Status::Rewound], None).breaches(&v),
        Vec::<String>::new()
    );
    assert_eq!(
        t(&[], Some(300_000)).breaches(&v),
        vec!["group a: time lag 6m40s over 5m00s"]
    );
    assert_eq!(t(&[], Some(400_000)).breaches(&v), Vec::<String>::new());
    // A partition's status counts even when the group shows another.
    let mut h = History::new(W);
    h.push(sample(
        0,
        vec![("c", group(GroupState::Stable, &["m"], &[(0, 50, 60)]))],
    ));
    h.push(sample(
        1000,
        vec![(
            "c",
            group(GroupState::Stable, &["m"], &[(0, 40, 60), (1, 1, 1)]),
        )],
    ));
    let mut v = h.view();
    v[0].status = Some(Status::Rebalancing);
    assert_eq!(
        t(&[Status::Rewound], None).breaches(&v),
        vec!["group c: partition orders-0 is REWOUND"]
    );
}

#[test]
fn json_shapes() {
    assert_eq!(
        serde_json::to_string(&Status::Rebalancing).unwrap(),
        "\"REBALANCING\""
    );
    let e = Event {
        time_ms: 7,
        group: "g".into(),
        kind: EventKind::State {
            from: "Stable".into(),
            to: "Empty".into(),
        },
    };
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        serde_json::json!({"time_ms": 7, "group": "g", "event": "state", "from": "Stable", "to": "Empty"})
    );
    let joined = EventKind::MemberJoined {
        member_id: "m".into(),
        client_id: "c".into(),
        host: "h".into(),
    };
    assert_eq!(
        serde_json::to_value(&joined).unwrap()["event"],
        "member_joined"
    );
    assert_eq!(
        Status::ALL.map(|s| s.to_string()).join(","),
        "OK,LAGGING,STALLED,STOPPED,REWOUND,REBALANCING,RECONCILING"
    );
    assert_eq!(
        serde_json::to_value(EventKind::Epoch { from: 3, to: 5 }).unwrap(),
        serde_json::json!({"event": "epoch", "from": 3, "to": 5})
    );
}

/// Samples made from describe's reports.
#[path = "watch_report_tests.rs"]
mod reports;

#[test]
fn consumer_groups_count_rebalances_by_epoch_and_show_how_long_they_reconcile() {
    let mut h = History::new(60_000);
    let at = |epoch: i32, reconciling: bool| {
        let mut g = group(GroupState::Stable, &["a"], &[(0, 5, 10)]);
        g.epoch = Some(epoch);
        g.reconciling = reconciling;
        if reconciling {
            g.state = GroupState::Reconciling;
        }
        g
    };
    h.push(sample(0, vec![("g", at(3, false))]));
    // Two rebalances between samples (epoch 3 -> 5): both counted, one event.
    let ev = h.push(sample(1000, vec![("g", at(5, true))]));
    assert!(
        ev.iter()
            .any(|e| e.kind == EventKind::Epoch { from: 3, to: 5 }),
        "{ev:?}"
    );
    let v = &h.view()[0];
    assert_eq!(v.rebalances, 2);
    assert_eq!(v.status, Some(Status::Reconciling));
    assert_eq!(v.reconciling_ms, Some(0));
    h.push(sample(4000, vec![("g", at(5, true))]));
    let v = &h.view()[0];
    assert_eq!(
        v.reconciling_ms,
        Some(3000),
        "since the first sample that saw it"
    );
    assert_eq!(v.rebalances, 2, "no new epoch, no new rebalance");
    h.push(sample(5000, vec![("g", at(5, false))]));
    let v = &h.view()[0];
    assert_eq!(v.reconciling_ms, None);
    assert_ne!(v.status, Some(Status::Reconciling));
}
