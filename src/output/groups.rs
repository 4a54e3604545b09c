//! Tables for `list` and `describe`, in the column style of
//! `kafka-consumer-groups.sh` (so its users find what they expect).

use super::table;
use crate::model::{timelag, GroupListing, GroupReport, PartitionLag, TopicPartition};
use comfy_table::{Cell, Color};

fn dash<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "-".to_string())
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "-".to_string()
    } else {
        s.to_string()
    }
}

pub fn list(groups: &[GroupListing]) -> String {
    let mut t = table::new(&["GROUP", "TYPE", "STATE", "COORDINATOR", "PROTOCOL"]);
    for g in groups {
        t.add_row(vec![
            g.group.clone(),
            g.group_type.to_string(),
            g.state.to_string(),
            g.coordinator
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            or_dash(&g.protocol_type),
        ]);
    }
    table::render(&t)
}

/// Colour a lag by size: none, a little, a lot.
fn lag_cell(lag: Option<i64>, color: bool) -> Cell {
    let cell = Cell::new(dash(lag));
    match lag {
        Some(l) if color && l >= 10_000 => cell.fg(Color::Red),
        Some(l) if color && l > 0 => cell.fg(Color::Yellow),
        Some(_) if color => cell.fg(Color::Green),
        _ => cell,
    }
}

/// One line about the group above its table.
pub fn header(r: &GroupReport) -> String {
    let d = &r.description;
    let mut parts = vec![
        format!("state {}", d.state),
        format!("type {}", d.group_type),
        format!(
            "coordinator {}",
            d.coordinator
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into())
        ),
        format!("assignor {}", or_dash(&d.assignor)),
        format!(
            "{} member{}",
            d.members.len(),
            if d.members.len() == 1 { "" } else { "s" }
        ),
    ];
    if let Some(total) = r.total_lag {
        parts.push(format!("total lag {}", dash(total)));
    }
    if let Some(rows) = &r.partitions {
        parts.push(format!("max time lag {}", max_time_lag(rows)));
    }
    if let Some(n) = r.partitions_without_commit.filter(|n| *n > 0) {
        parts.push(format!(
            "{n} partition{} without a committed offset",
            if n == 1 { "" } else { "s" }
        ));
    }
    let reconciling = d.members.iter().filter(|m| m.reconciling.is_some()).count();
    if reconciling > 0 {
        parts.push(format!(
            "{reconciling} member{} reconciling (to epoch {})",
            if reconciling == 1 { "" } else { "s" },
            dash(d.assignment_epoch)
        ));
    }
    if let Some(e) = &r.error {
        parts.push(format!("error: {e}"));
    }
    format!("Group {}: {}", d.group, parts.join(", "))
}

/// What a member still has to do to reach its target: `revoke orders(2);
/// assign orders(3)`, or its epoch when only the acknowledgement is missing.
pub fn reconciling_cell(r: &crate::model::group::Reconciling) -> String {
    let mut parts = Vec::new();
    if !r.revoke.is_empty() {
        parts.push(format!("revoke {}", assignment(&r.revoke)));
    }
    if !r.assign.is_empty() {
        parts.push(format!("assign {}", assignment(&r.assign)));
    }
    if parts.is_empty() {
        parts.push(format!(
            "epoch {} of {}",
            r.member_epoch, r.assignment_epoch
        ));
    }
    parts.join("; ")
}

/// The group's time lag for its header: the oldest next record, `-` when
/// caught up, `?` when there is lag whose age is unknown.
fn max_time_lag(rows: &[PartitionLag]) -> String {
    timelag::group_cell(rows.iter().map(|p| (p.time_lag_ms, p.lag)))
}

/// `verbose` (`-v`, as `kafka-consumer-groups.sh --verbose`) adds LEADER-EPOCH.
pub fn offsets(r: &GroupReport, color: bool, verbose: bool) -> String {
    let rows: &[PartitionLag] = r.partitions.as_deref().unwrap_or_default();
    let with_notes = rows.iter().any(|p| p.note().is_some());
    let mut headers = vec!["GROUP", "TOPIC", "PARTITION"];
    if verbose {
        headers.push("LEADER-EPOCH");
    }
    headers.extend([
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "TIME-LAG",
        "CONSUMER-ID",
        "HOST",
        "CLIENT-ID",
    ]);
    if with_notes {
        headers.push("NOTE");
    }
    let mut t = table::new(&headers);
    if color {
        t.enforce_styling();
    }
    for p in rows {
        let mut cells = vec![
            Cell::new(&r.description.group),
            Cell::new(&p.topic),
            Cell::new(p.partition),
        ];
        if verbose {
            cells.push(Cell::new(dash(p.leader_epoch)));
        }
        cells.extend([
            Cell::new(dash(p.current_offset)),
            Cell::new(dash(p.log_end_offset)),
            lag_cell(p.lag, color),
            Cell::new(timelag::cell(p.time_lag_ms, p.lag)),
            Cell::new(dash(p.consumer_id.as_deref())),
            Cell::new(dash(p.host.as_deref().map(or_dash))),
            Cell::new(dash(p.client_id.as_deref().map(or_dash))),
        ]);
        if with_notes {
            let note = p.note().unwrap_or_default();
            cells.push(if color && !note.is_empty() {
                Cell::new(note).fg(Color::Red)
            } else {
                Cell::new(note)
            });
        }
        t.add_row(cells);
    }
    let mut out = header(r);
    out.push_str("\n\n");
    if r.partitions.is_none() {
        out.push_str("(committed offsets and lag unknown: see the error above)\n");
    } else if rows.is_empty() {
        out.push_str("(no assigned partitions and no committed offsets)\n");
    } else {
        out.push_str(&table::render(&t));
    }
    out
}

/// `orders(0,1,2) payments(3)`, as kafka-consumer-groups.sh prints assignments.
pub fn assignment(tps: &[TopicPartition]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tps.len() {
        let topic = &tps[i].topic;
        let mut ps = Vec::new();
        while i < tps.len() && &tps[i].topic == topic {
            ps.push(tps[i].partition.to_string());
            i += 1;
        }
        out.push(format!("{topic}({})", ps.join(",")));
    }
    if out.is_empty() {
        "-".into()
    } else {
        out.join(" ")
    }
}

/// `verbose` adds what `kafka-consumer-groups.sh --members --verbose` shows
/// of consumer-protocol groups: CURRENT-EPOCH, CURRENT-ASSIGNMENT,
/// TARGET-EPOCH (the group's target assignment epoch), TARGET-ASSIGNMENT;
/// and UPGRADED (a classic member inside a consumer group: no) when the
/// broker says how members joined. Classic groups show `-` there.
pub fn members(r: &GroupReport, verbose: bool) -> String {
    let d = &r.description;
    let with_instance = d.members.iter().any(|m| m.group_instance_id.is_some());
    let with_type = verbose && d.members.iter().any(|m| m.member_type.is_some());
    let with_reconciling = d.members.iter().any(|m| m.reconciling.is_some());
    let mut headers = vec!["GROUP", "CONSUMER-ID"];
    if with_instance {
        headers.push("GROUP-INSTANCE-ID");
    }
    headers.extend(["HOST", "CLIENT-ID", "#PARTITIONS"]);
    if verbose {
        headers.extend([
            "CURRENT-EPOCH",
            "CURRENT-ASSIGNMENT",
            "TARGET-EPOCH",
            "TARGET-ASSIGNMENT",
        ]);
    } else {
        headers.push("ASSIGNMENT");
    }
    if with_type {
        headers.push("UPGRADED");
    }
    if with_reconciling {
        headers.push("RECONCILING");
    }
    let mut t = table::new(&headers);
    for m in &d.members {
        let mut row = vec![d.group.clone(), m.member_id.clone()];
        if with_instance {
            row.push(dash(m.group_instance_id.as_deref()));
        }
        row.extend([
            or_dash(&m.host),
            or_dash(&m.client_id),
            m.assignment.len().to_string(),
        ]);
        if verbose {
            row.extend([
                dash(m.member_epoch),
                assignment(&m.assignment),
                dash(m.target_assignment.as_ref().and(d.assignment_epoch)),
                m.target_assignment
                    .as_deref()
                    .map(assignment)
                    .unwrap_or_else(|| "-".into()),
            ]);
        } else {
            row.push(assignment(&m.assignment));
        }
        if with_type {
            row.push(
                match m.member_type.as_deref() {
                    Some("consumer") => "true",
                    Some("classic") => "false",
                    _ => "-",
                }
                .into(),
            );
        }
        if with_reconciling {
            row.push(
                m.reconciling
                    .as_ref()
                    .map(reconciling_cell)
                    .unwrap_or_else(|| "-".into()),
            );
        }
        t.add_row(row);
    }
    let mut out = header(r);
    out.push_str("\n\n");
    if d.members.is_empty() {
        out.push_str("(no active members)\n");
    } else {
        out.push_str(&table::render(&t));
    }
    out
}

/// `verbose` adds GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH (consumer-protocol
/// groups; `-` for classic ones), as `kafka-consumer-groups.sh --state --verbose`.
pub fn states(reports: &[GroupReport], verbose: bool) -> String {
    let with_errors = reports.iter().any(|r| r.error.is_some());
    let mut headers = vec![
        "GROUP",
        "COORDINATOR (ID)",
        "ASSIGNMENT-STRATEGY",
        "STATE",
        "TYPE",
    ];
    if verbose {
        headers.extend(["GROUP-EPOCH", "TARGET-ASSIGNMENT-EPOCH"]);
    }
    headers.push("#MEMBERS");
    if with_errors {
        headers.push("ERROR");
    }
    let mut t = table::new(&headers);
    for r in reports {
        let d = &r.description;
        let mut row = vec![
            d.group.clone(),
            d.coordinator
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            or_dash(&d.assignor),
            d.state.to_string(),
            d.group_type.to_string(),
        ];
        if verbose {
            row.extend([dash(d.group_epoch), dash(d.assignment_epoch)]);
        }
        row.push(d.members.len().to_string());
        if with_errors {
            row.push(dash(r.error.as_deref()));
        }
        t.add_row(row);
    }
    table::render(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        compute_lag, BrokerRef, CommittedOffset, GroupDescription, GroupState, GroupType, LogRange,
        Member,
    };
    use std::collections::BTreeMap;

    fn report() -> GroupReport {
        let coordinator = Some(BrokerRef {
            id: 1,
            host: "kafka-1".into(),
            port: 9092,
        });
        let m = |id: &str, inst: Option<&str>, tps: &[(&str, i32)]| Member {
            member_id: id.into(),
            group_instance_id: inst.map(String::from),
            client_id: format!("app-{}", &id[..2]),
            host: "/10.1.2.3".into(),
            rack: None,
            subscription: vec!["orders".into()],
            assignment: tps
                .iter()
                .map(|(t, p)| TopicPartition::new(*t, *p))
                .collect(),
            owned: vec![],
            generation: None,
            ..Default::default()
        };
        let desc = GroupDescription {
            group: "billing".into(),
            state: GroupState::Stable,
            group_type: GroupType::Classic,
            protocol_type: "consumer".into(),
            assignor: "range".into(),
            coordinator,
            members: vec![
                m("c1-aaaa", Some("pod-1"), &[("orders", 0), ("orders", 1)]),
                m("c2-bbbb", None, &[("orders", 2)]),
            ],
            ..Default::default()
        };
        let co = |o| CommittedOffset {
            offset: o,
            leader_epoch: Some(3),
            metadata: String::new(),
        };
        let committed = BTreeMap::from([
            (TopicPartition::new("orders", 0), co(90)),
            (TopicPartition::new("orders", 2), co(5)),
        ]);
        let lr = |s, e| LogRange {
            start: Some(s),
            end: Some(e),
            error: None,
        };
        let logs = BTreeMap::from([
            (TopicPartition::new("orders", 0), lr(0, 100)),
            (TopicPartition::new("orders", 1), lr(0, 50)),
            (TopicPartition::new("orders", 2), lr(20, 30)),
        ]);
        let mut lag = compute_lag(&desc, &committed, &logs, &[]);
        // orders-0's next record is 65 s old.
        let next = Ok(crate::model::NextRecord::Found {
            offset: 90,
            timestamp: 1_000_000 - 65_000,
            kind: crate::model::TimestampType::LogAppendTime,
            exact: true,
        });
        let row = &mut lag.partitions[0];
        timelag::apply(row, timelag::time_lag(row.lag, Some(&next), 1_000_000));
        GroupReport {
            description: desc,
            error: None,
            total_lag: Some(lag.total_lag),
            partitions_without_commit: Some(lag.partitions_without_commit),
            partitions: Some(lag.partitions),
        }
    }

    /// A consumer-protocol group mid-reconciliation: c2 trails the group
    /// epoch and is still to get orders-3; c2 joined with the classic protocol.
    fn consumer_report() -> GroupReport {
        let mut r = report();
        let d = &mut r.description;
        d.group_type = GroupType::Consumer;
        d.state = GroupState::Reconciling;
        d.assignor = "uniform".into();
        d.group_epoch = Some(5);
        d.assignment_epoch = Some(5);
        let tps = |ps: &[i32]| {
            ps.iter()
                .map(|p| TopicPartition::new("orders", *p))
                .collect::<Vec<_>>()
        };
        d.members[0].member_epoch = Some(5);
        d.members[0].target_assignment = Some(tps(&[0, 1]));
        d.members[0].member_type = Some("consumer".into());
        d.members[1].member_epoch = Some(4);
        d.members[1].target_assignment = Some(tps(&[2, 3]));
        d.members[1].member_type = Some("classic".into());
        for m in &mut d.members {
            m.reconciling = m.reconciliation(d.assignment_epoch);
        }
        r
    }

    #[test]
    fn offsets_table() {
        insta::assert_snapshot!(offsets(&report(), false, false));
    }

    #[test]
    fn offsets_table_verbose() {
        insta::assert_snapshot!(offsets(&report(), false, true));
    }

    #[test]
    fn members_table() {
        insta::assert_snapshot!(members(&report(), false));
    }

    #[test]
    fn members_table_verbose_of_a_consumer_group() {
        insta::assert_snapshot!(members(&consumer_report(), true));
    }

    #[test]
    fn members_table_of_a_reconciling_group() {
        insta::assert_snapshot!(members(&consumer_report(), false));
    }

    #[test]
    fn state_table() {
        insta::assert_snapshot!(states(&[report()], false));
    }

    #[test]
    fn state_table_verbose() {
        insta::assert_snapshot!(states(&[report(), consumer_report()], true));
    }

    #[test]
    fn describe_json() {
        insta::assert_json_snapshot!(report());
    }

    #[test]
    fn list_table() {
        let g = GroupListing {
            group: "billing".into(),
            group_type: GroupType::Consumer,
            state: GroupState::Stable,
            protocol_type: "consumer".into(),
            coordinator: Some(BrokerRef {
                id: 2,
                host: "kafka-2".into(),
                port: 9092,
            }),
        };
        let offsets_only = GroupListing {
            group: "etl".into(),
            protocol_type: String::new(),
            coordinator: None,
            ..g.clone()
        };
        insta::assert_snapshot!(list(&[g, offsets_only]));
    }

    #[test]
    fn assignment_compact_form() {
        let tps = vec![
            TopicPartition::new("a", 0),
            TopicPartition::new("a", 2),
            TopicPartition::new("b", 1),
        ];
        assert_eq!(assignment(&tps), "a(0,2) b(1)");
        assert_eq!(assignment(&[]), "-");
    }
}
