//! `wal replay` for people: the summary, groups, offsets, members, topics.

use super::{mode_line, q, skipped_line};
use crate::model::time::format_ms as iso_ms;
use crate::output::table;
use crate::wal::replay::{CoordinatorState, ReplayedMember};
use std::fmt::Write as _;

fn summary_header(s: &CoordinatorState) -> String {
    let mut out = String::new();
    let span = match (s.first_offset, s.last_offset) {
        (Some(a), Some(b)) => format!(", offsets {a}..{b}"),
        _ => String::new(),
    };
    let time = match (s.first_timestamp, s.last_timestamp) {
        (Some(a), Some(b)) => format!(", {} .. {}", iso_ms(a), iso_ms(b)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "Replayed {} of {} records in {} batches from {} file{}{span}{time}",
        s.applied,
        s.records,
        s.batches,
        s.files.len(),
        if s.files.len() == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "Mode: {}", mode_line(&s.recovery, &s.recovery_rules));
    if !s.skipped_files.is_empty() {
        let _ = writeln!(out, "{}", skipped_line(&s.skipped_files));
    }
    out
}

/// `orders-0,1 payments-3`.
fn partitions(m: &ReplayedMember) -> String {
    m.assignment()
        .iter()
        .map(|(t, ps)| {
            let ps: Vec<String> = ps.iter().map(i32::to_string).collect();
            format!("{t}-{}", ps.join(","))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `wal replay` for people: groups, then their offsets (and members with one group).
pub fn replay(s: &CoordinatorState, show_members: bool) -> String {
    let mut out = summary_header(s);
    out.push('\n');
    if s.groups.is_empty() {
        out.push_str("No groups.\n");
    } else {
        let mut t = table::new(&[
            "GROUP",
            "TYPE",
            "STATE",
            "GENERATION",
            "PROTOCOL",
            "LEADER",
            "MEMBERS",
            "OFFSETS",
            "LAST-RECORD",
        ]);
        for (name, g) in &s.groups {
            let proto = match (&g.protocol_type, &g.protocol) {
                (Some(t), Some(p)) => format!("{t}/{p}"),
                (Some(t), None) => t.clone(),
                _ => "-".into(),
            };
            t.add_row(vec![
                name.clone(),
                g.group_type
                    .as_ref()
                    .map_or("offsets-only", |t| t.as_str())
                    .to_string(),
                if g.deleted {
                    "Dead (deleted)".to_string()
                } else {
                    g.state
                        .as_ref()
                        .map_or("-".to_string(), |st| st.to_string())
                },
                g.generation.map_or("-".into(), |x| x.to_string()),
                proto,
                g.leader.clone().unwrap_or_else(|| "-".into()),
                g.members.len().to_string(),
                g.offset_count().to_string(),
                g.last_record_offset.to_string(),
            ]);
        }
        table::align_right(&mut t, &[3, 6, 7, 8]);
        out.push_str(&table::render(&t));
        let mut t = table::new(&[
            "GROUP",
            "TOPIC",
            "PARTITION",
            "OFFSET",
            "METADATA",
            "COMMITTED-AT",
            "LEADER-EPOCH",
            "RECORD",
        ]);
        let mut any = false;
        for (name, g) in &s.groups {
            for (topic, parts) in &g.offsets {
                for (p, o) in parts {
                    any = true;
                    t.add_row(vec![
                        name.clone(),
                        topic.clone(),
                        p.to_string(),
                        o.offset.to_string(),
                        o.metadata.as_deref().map(q).unwrap_or_else(|| "-".into()),
                        o.commit_timestamp.map(iso_ms).unwrap_or_else(|| "-".into()),
                        o.leader_epoch.map_or("-".into(), |e| e.to_string()),
                        format!(
                            "{}{}",
                            o.record_offset,
                            if o.transactional { " (txn)" } else { "" }
                        ),
                    ]);
                }
            }
        }
        if any {
            table::align_right(&mut t, &[2, 3, 6]);
            out.push('\n');
            out.push_str(&table::render(&t));
        }
        if show_members {
            let mut t = table::new(&["GROUP", "MEMBER-ID", "CLIENT-ID", "HOST", "ASSIGNMENT"]);
            let mut any = false;
            for (name, g) in &s.groups {
                for m in &g.members {
                    any = true;
                    t.add_row(vec![
                        name.clone(),
                        m.member_id().to_string(),
                        m.client_id().unwrap_or("-").to_string(),
                        m.client_host().unwrap_or("-").to_string(),
                        partitions(m),
                    ]);
                }
            }
            if any {
                out.push('\n');
                out.push_str(&table::render(&t));
            }
        }
    }
    if !s.topics.is_empty() {
        let mut t = table::new(&["TOPIC", "PARTITIONS", "REPLICATION", "HIGH-WATERMARKS"]);
        for (name, tp) in &s.topics {
            let hw: Vec<String> = tp
                .partitions
                .iter()
                .map(|(p, ps)| format!("{p}:{}", ps.high_watermark))
                .collect();
            t.add_row(vec![
                name.clone(),
                tp.partition_count.map_or("-".into(), |x| x.to_string()),
                tp.replication_factor.map_or("-".into(), |x| x.to_string()),
                hw.join(" "),
            ]);
        }
        out.push('\n');
        out.push_str(&table::render(&t));
    }
    for p in &s.pending_transactions {
        let _ = writeln!(
            out,
            "\nPending transaction: producer {} epoch {}{}{} since offset {}: {} offset write{} for {} not applied (no COMMIT/ABORT marker yet)",
            p.producer_id,
            p.producer_epoch,
            p.transactional_id.as_deref().map(|t| format!(" ({t})")).unwrap_or_default(),
            p.state.as_deref().map(|t| format!(" {t}")).unwrap_or_default(),
            p.first_offset,
            p.offsets,
            if p.offsets == 1 { "" } else { "s" },
            if p.groups.is_empty() { "-".to_string() } else { p.groups.join(", ") }
        );
    }
    let unknown: Vec<String> = s
        .unknown
        .iter()
        .chain(s.not_applied.iter())
        .map(|(k, n)| format!("{k}: {n}"))
        .collect();
    if !unknown.is_empty() {
        let _ = writeln!(out, "\nNot applied: {}", unknown.join(", "));
    }
    out
}
