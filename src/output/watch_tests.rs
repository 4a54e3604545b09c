use super::*;
use crate::model::watch::{GroupView, PartitionView};
use crate::model::GroupState;

fn partition(p: i32, lag: i64, status: Option<Status>) -> PartitionView {
    PartitionView {
        topic: "orders".into(),
        partition: p,
        current_offset: Some(1000 - lag),
        log_end_offset: Some(1000),
        lag: Some(lag),
        time_lag_ms: Some(lag * 150),
        consume_rate: Some(30.0),
        produce_rate: Some(20.0),
        eta_ms: (lag > 0).then_some(lag * 100),
        status,
    }
}

fn group(name: &str, status: Option<Status>, parts: Vec<PartitionView>) -> GroupView {
    GroupView {
        group: name.into(),
        state: GroupState::Stable,
        status,
        members: 2,
        rebalances: 1,
        reconciling_ms: None,
        lag: Some(parts.iter().filter_map(|p| p.lag).sum()),
        time_lag_ms: parts.iter().filter_map(|p| p.time_lag_ms).max(),
        consume_rate: Some(30.0 * parts.len() as f64),
        produce_rate: Some(20.0 * parts.len() as f64),
        eta_ms: parts.iter().filter_map(|p| p.eta_ms).max(),
        partitions: parts,
    }
}

const WALL: i64 = 1_795_000_000_000;

fn head() -> Heading<'static> {
    Heading {
        title: "describe orders --watch",
        interval_ms: 5_000,
        window_ms: 60_000,
        sample: 12,
        wall_ms: WALL,
    }
}

fn event(kind: EventKind) -> Event {
    Event {
        time_ms: WALL - 3_000,
        group: "orders".into(),
        kind,
    }
}

/// The frame with times of day (local time) replaced, for snapshots.
fn text(lines: &[String]) -> String {
    let clock = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .unwrap()
            .with_timezone(&chrono::Local)
            .format("%H:%M:%S")
            .to_string()
    };
    lines
        .join("\n")
        .replace(&clock(WALL), "HH:MM:SS")
        .replace(&clock(WALL - 3_000), "hh:mm:ss")
}

fn incident() -> (Vec<GroupView>, Vec<Event>) {
    let groups = vec![
        group(
            "orders",
            Some(Status::Lagging),
            vec![
                partition(0, 120, Some(Status::Lagging)),
                partition(1, 0, Some(Status::Ok)),
            ],
        ),
        group("billing", None, vec![]),
    ];
    let events = vec![
        event(EventKind::State {
            from: "Stable".into(),
            to: "PreparingRebalance".into(),
        }),
        event(EventKind::MemberJoined {
            member_id: "c-2".into(),
            client_id: "app".into(),
            host: "/10.0.0.2".into(),
        }),
    ];
    (groups, events)
}

#[test]
fn partitions_layout() {
    let (groups, events) = incident();
    let ev: Vec<&Event> = events.iter().collect();
    let lines = frame(&head(), Layout::Partitions, &groups, &ev, &[], (200, 40));
    insta::assert_snapshot!(text(&lines));
}

#[test]
fn groups_layout_with_an_error() {
    let (groups, events) = incident();
    let ev: Vec<&Event> = events.iter().collect();
    let h = Heading {
        title: "top",
        ..head()
    };
    let errors = vec!["group gone: GROUP_ID_NOT_FOUND".to_string()];
    let lines = frame(&h, Layout::Groups, &groups, &ev, &errors, (200, 40));
    insta::assert_snapshot!(text(&lines));
}

#[test]
fn never_wider_or_taller_than_the_terminal() {
    let (mut groups, events) = incident();
    groups[0].partitions = (0..50).map(|p| partition(p, p as i64, None)).collect();
    let ev: Vec<&Event> = events.iter().cycle().take(30).collect();
    for (w, h) in [(200, 40), (60, 20), (20, 6), (1, 1)] {
        let lines = frame(&head(), Layout::Partitions, &groups, &ev, &[], (w, h));
        assert!(lines.len() <= h, "{w}x{h}: {} lines", lines.len());
        for l in &lines {
            assert!(l.chars().count() <= w, "{w}x{h}: {l:?}");
        }
    }
    let lines = frame(&head(), Layout::Partitions, &groups, &ev, &[], (200, 30));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("... ") && l.ends_with("more lines (enlarge the terminal)")));
    // The newest events stay.
    assert!(lines.last().unwrap().contains("member joined c-2"));
}

#[test]
fn colour_comes_after_cutting() {
    colored::control::set_override(true);
    let row = Row(vec![
        ("ab".into(), None),
        ("LAGGING".into(), Some(Status::Lagging)),
    ]);
    let out = row.render(5);
    colored::control::unset_override();
    assert!(out.starts_with("ab"));
    assert!(out.contains("LAG") && !out.contains("LAGG"));
    assert!(out.contains('\u{1b}'));
}

#[test]
fn json_line() {
    let (groups, events) = incident();
    let v = sample_json(
        &head(),
        &groups,
        &events,
        &[
            (Some("gone".into()), "group gone: GROUP_ID_NOT_FOUND".into()),
            (None, "broker 3 did not answer ListGroups".into()),
        ],
    );
    assert_eq!(v["sample"], 12);
    assert_eq!(v["time"], "2026-11-18T11:06:40.000Z");
    assert_eq!(v["interval_ms"], 5000);
    assert_eq!(v["window_ms"], 60000);
    let g = &v["groups"][0];
    assert_eq!(g["group"], "orders");
    assert_eq!(g["state"], "Stable");
    assert_eq!(g["status"], "LAGGING");
    assert_eq!(g["eta_ms"], 12000);
    assert_eq!(g["partitions"][0]["time_lag_ms"], 18000);
    assert_eq!(g["partitions"][1]["status"], "OK");
    assert_eq!(v["groups"][1]["status"], serde_json::Value::Null);
    assert_eq!(v["events"][1]["event"], "member_joined");
    assert_eq!(v["errors"][0]["group"], "gone");
    assert_eq!(v["errors"][1]["group"], serde_json::Value::Null);
    assert_eq!(
        v["errors"][1]["error"],
        "broker 3 did not answer ListGroups"
    );
}

#[test]
fn spans() {
    let got: Vec<String> = [300, 3_600, 5_000, 60_000, 150_000, 7_200_000]
        .into_iter()
        .map(span)
        .collect();
    assert_eq!(got, ["300ms", "3.6s", "5s", "1m", "2m30s", "2h00m"]);
}

#[test]
fn members_in_events_leave_out_what_is_unknown() {
    assert_eq!(member("m-1", "app", "/10.0.0.2"), "m-1 (app /10.0.0.2)");
    assert_eq!(member("m-1", "", "/10.0.0.2"), "m-1 (/10.0.0.2)");
    assert_eq!(member("m-1", "", ""), "m-1");
}
