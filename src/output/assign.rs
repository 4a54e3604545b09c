//! Rendering of `assign` outcomes: per-member table, moves, cooperative
//! rounds and the summary.

use super::table;
use crate::assign::{MemberLists, Outcome, Scenario};
use crate::model::TopicPartition;
use std::collections::BTreeSet;
use std::fmt::Write as _;

fn compact(l: &[(String, i32)]) -> String {
    let mut tps: Vec<TopicPartition> = l
        .iter()
        .map(|(t, p)| TopicPartition::new(t.clone(), *p))
        .collect();
    tps.sort();
    super::groups::assignment(&tps)
}

fn change(owned: &[(String, i32)], now: &[(String, i32)], known: bool) -> String {
    if !known {
        return "new member".into();
    }
    let before: BTreeSet<&(String, i32)> = owned.iter().collect();
    let after: BTreeSet<&(String, i32)> = now.iter().collect();
    let gained: Vec<(String, i32)> = after.difference(&before).map(|x| (*x).clone()).collect();
    let lost: Vec<(String, i32)> = before.difference(&after).map(|x| (*x).clone()).collect();
    let mut parts = Vec::new();
    if !gained.is_empty() {
        parts.push(format!("+{}", compact(&gained)));
    }
    if !lost.is_empty() {
        parts.push(format!("-{}", compact(&lost)));
    }
    if parts.is_empty() {
        "unchanged".into()
    } else {
        parts.join(" ")
    }
}

fn members_table(s: &Scenario, lists: &MemberLists, new_members: &BTreeSet<String>) -> String {
    let mut t = table::new(&["MEMBER", "#PARTITIONS", "ASSIGNMENT", "CHANGE"]);
    table::align_right(&mut t, &[1]);
    for (m, l) in lists {
        let owned = s
            .members
            .iter()
            .find(|x| &x.id == m)
            .map(|x| x.owned.clone())
            .unwrap_or_default();
        t.add_row(vec![
            m.clone(),
            l.len().to_string(),
            compact(l),
            change(&owned, l, !new_members.contains(m)),
        ]);
    }
    table::render(&t)
}

/// `new_members`: members added by a what-if edit (shown as such, not as "gained everything").
pub fn render(s: &Scenario, o: &Outcome, new_members: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let final_lists = o.final_assignment.as_ref().unwrap_or(&o.assignment);
    let _ = writeln!(
        out,
        "Strategy {}: {} members, {} partitions\n",
        o.strategy.name(),
        o.summary.members,
        o.summary.partitions
    );
    if let Some(rounds) = &o.rounds {
        out.push_str("After the follow-up rebalances (cooperative):\n");
        out.push_str(&members_table(s, final_lists, new_members));
        let _ = writeln!(out, "\nCooperative rounds:");
        for r in rounds {
            let list = |m: &std::collections::BTreeMap<String, Vec<(String, i32)>>| -> String {
                if m.is_empty() {
                    "nothing".into()
                } else {
                    m.iter()
                        .map(|(k, v)| format!("{} {k}", compact(v)))
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            };
            let _ = writeln!(out, "  round {}: revoke {}", r.round, list(&r.revoked));
            let _ = writeln!(out, "           assign {}", list(&r.assigned));
        }
    } else {
        out.push_str(&members_table(s, final_lists, new_members));
    }
    if o.moves.is_empty() {
        out.push_str("\nNo partition changes owner.\n");
    } else {
        let _ = writeln!(out, "\nMoves ({}):", o.moves.len());
        for m in &o.moves {
            let _ = writeln!(
                out,
                "  {}-{}: {} -> {}",
                m.topic,
                m.partition,
                m.from.as_deref().unwrap_or("-"),
                m.to.as_deref().unwrap_or("(unassigned)")
            );
        }
    }
    let sm = &o.summary;
    let _ = writeln!(
        out,
        "\nSummary: {} moved, {} newly assigned, load min {} / max {}, {} member(s) change load, {} unassigned{}",
        sm.moved,
        sm.newly_assigned,
        sm.min_load,
        sm.max_load,
        sm.members_with_load_change,
        sm.unassigned.len(),
        if sm.unassigned.is_empty() { String::new() } else { format!(" ({})", compact(&sm.unassigned)) }
    );
    out
}
