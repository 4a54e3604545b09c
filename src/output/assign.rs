//! Rendering of `assign` outcomes: per-member table, moves, cooperative
//! rounds and the summary.

use super::table;
use crate::assign::{previous_owners, MemberLists, Outcome, Scenario, MAX_ROUNDS};
use crate::model::TopicPartition;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

fn compact(l: &[(String, i32)]) -> String {
    let mut tps: Vec<TopicPartition> = l
        .iter()
        .map(|(t, p)| TopicPartition::new(t.clone(), *p))
        .collect();
    tps.sort();
    super::groups::assignment(&tps)
}

fn change(owned: &[(String, i32)], now: &[(String, i32)]) -> String {
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

/// One row per member after the rebalance, then one per member the edits removed.
/// CHANGE compares with what each member owned before the edits.
fn members_table(before: &Scenario, lists: &MemberLists, new_members: &BTreeSet<String>) -> String {
    let mut owned: BTreeMap<&str, Vec<(String, i32)>> = BTreeMap::new();
    let owners = previous_owners(before);
    for (tp, m) in &owners {
        owned.entry(m.as_str()).or_default().push(tp.clone());
    }
    let mut t = table::new(&["MEMBER", "#PARTITIONS", "ASSIGNMENT", "CHANGE"]);
    table::align_right(&mut t, &[1]);
    for (m, l) in lists {
        let was = owned.get(m.as_str()).map(Vec::as_slice).unwrap_or_default();
        let c = change(was, l);
        let c = if new_members.contains(m) {
            format!("new member: {c}")
        } else {
            c
        };
        t.add_row(vec![m.clone(), l.len().to_string(), compact(l), c]);
    }
    let staying: BTreeSet<&str> = lists.iter().map(|(m, _)| m.as_str()).collect();
    for m in before
        .members
        .iter()
        .filter(|m| !staying.contains(m.id.as_str()))
    {
        let was = owned
            .get(m.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        t.add_row(vec![
            m.id.clone(),
            "0".into(),
            "-".into(),
            format!("removed: {}", change(was, &[])),
        ]);
    }
    table::render(&t)
}

fn round_list(m: &BTreeMap<String, Vec<(String, i32)>>) -> String {
    if m.is_empty() {
        "nothing".into()
    } else {
        m.iter()
            .map(|(k, v)| format!("{} {k}", compact(v)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `before`: the scenario before the what-if edits; `after`: the one assigned.
/// `new_members`: members added by an edit.
pub fn render(
    before: &Scenario,
    after: &Scenario,
    o: &Outcome,
    new_members: &BTreeSet<String>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Strategy {}: {} members, {} partitions\n",
        o.strategy.name(),
        o.summary.members,
        o.summary.partitions
    );
    match (&o.rounds, o.settled()) {
        (Some(rounds), settled) => {
            if settled {
                out.push_str("After the follow-up rebalances (cooperative):\n");
            } else {
                let _ = writeln!(
                    out,
                    "First rebalance (the follow-up rebalances do not settle in {MAX_ROUNDS} rounds):"
                );
            }
            out.push_str(&members_table(before, o.resulting(), new_members));
            let _ = writeln!(out, "\nCooperative rounds:");
            for r in rounds {
                let _ = writeln!(
                    out,
                    "  round {}: revoke {}",
                    r.round,
                    round_list(&r.revoked)
                );
                let _ = writeln!(out, "           assign {}", round_list(&r.assigned));
            }
        }
        (None, _) => out.push_str(&members_table(before, o.resulting(), new_members)),
    }
    let now: BTreeSet<(&str, i32)> = after
        .topics
        .iter()
        .flat_map(|(t, n)| (0..*n).map(move |p| (t.as_str(), p)))
        .collect();
    if o.moves.is_empty() {
        out.push_str("\nNo partition changes owner.\n");
    } else {
        let _ = writeln!(out, "\nMoves ({}):", o.moves.len());
        for m in &o.moves {
            let to = match &m.to {
                Some(to) => to.as_str(),
                None if !now.contains(&(m.topic.as_str(), m.partition)) => "(partition removed)",
                None => "(unassigned)",
            };
            let _ = writeln!(
                out,
                "  {}-{}: {} -> {to}",
                m.topic,
                m.partition,
                m.from.as_deref().unwrap_or("-"),
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

/// The `--json` document, written by hand: `[topic, partition]` pairs stay on
/// one line (one line per member), which keeps a million-partition answer at
/// a third of serde's pretty size and time. Same schema as `Outcome`'s `Serialize`.
pub fn json(o: &Outcome) -> String {
    let mut w = JsonWriter(String::with_capacity(64 + o.summary.partitions * 16));
    w.0.push_str("{\n  \"strategy\": ");
    w.string(o.strategy.name());
    w.0.push_str(",\n  \"assignment\": ");
    w.lists(
        o.assignment.iter().map(|(m, l)| (m.as_str(), l.as_slice())),
        2,
    );
    match &o.final_assignment {
        Some(Some(f)) => {
            w.0.push_str(",\n  \"final\": ");
            w.lists(f.iter().map(|(m, l)| (m.as_str(), l.as_slice())), 2);
        }
        Some(None) => w.0.push_str(",\n  \"final\": null"),
        None => {}
    }
    if let Some(rounds) = &o.rounds {
        w.0.push_str(",\n  \"rounds\": [");
        for (i, r) in rounds.iter().enumerate() {
            w.0.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
            let _ = write!(w.0, "\"round\": {}, \"revoked\": ", r.round);
            w.lists(r.revoked.iter().map(|(m, l)| (m.as_str(), l.as_slice())), 6);
            w.0.push_str(", \"assigned\": ");
            w.lists(
                r.assigned.iter().map(|(m, l)| (m.as_str(), l.as_slice())),
                6,
            );
            w.0.push('}');
        }
        w.0.push_str(if rounds.is_empty() { "]" } else { "\n  ]" });
    }
    w.0.push_str(",\n  \"moves\": [");
    for (i, m) in o.moves.iter().enumerate() {
        w.0.push_str(if i == 0 {
            "\n    {\"topic\": "
        } else {
            ",\n    {\"topic\": "
        });
        w.string(&m.topic);
        let _ = write!(w.0, ", \"partition\": {}, \"from\": ", m.partition);
        w.opt_string(m.from.as_deref());
        w.0.push_str(", \"to\": ");
        w.opt_string(m.to.as_deref());
        w.0.push('}');
    }
    w.0.push_str(if o.moves.is_empty() { "]" } else { "\n  ]" });
    let s = &o.summary;
    let _ = write!(
        w.0,
        ",\n  \"summary\": {{\n    \"members\": {},\n    \"partitions\": {},\n    \"moved\": {},\n    \"newly_assigned\": {},\n    \"min_load\": {},\n    \"max_load\": {},\n    \"members_with_load_change\": {},\n    \"unassigned\": ",
        s.members, s.partitions, s.moved, s.newly_assigned, s.min_load, s.max_load, s.members_with_load_change
    );
    w.pairs(&s.unassigned);
    w.0.push_str("\n  }");
    if !o.warnings.is_empty() {
        w.0.push_str(",\n  \"warnings\": [");
        for (i, msg) in o.warnings.iter().enumerate() {
            w.0.push_str(if i == 0 { "\n    " } else { ",\n    " });
            w.string(msg);
        }
        w.0.push_str("\n  ]");
    }
    w.0.push_str("\n}\n");
    w.0
}

struct JsonWriter(String);

impl JsonWriter {
    fn string(&mut self, s: &str) {
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.0.push('"');
            self.0.push_str(s);
            self.0.push('"');
        } else {
            // serde_json escapes exactly as the rest of groupctl's JSON does.
            self.0
                .push_str(&serde_json::to_string(s).unwrap_or_default());
        }
    }

    fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.0.push_str("null"),
        }
    }

    fn pairs(&mut self, l: &[(String, i32)]) {
        self.0.push('[');
        let mut last: Option<&str> = None;
        let mut quoted = String::new();
        for (i, (t, p)) in l.iter().enumerate() {
            if i > 0 {
                self.0.push_str(", ");
            }
            // Lists run topic by topic: quote each name once per run.
            if last != Some(t.as_str()) {
                let start = self.0.len();
                self.string(t);
                quoted.clear();
                quoted.push_str(&self.0[start..]);
                self.0.truncate(start);
                last = Some(t.as_str());
            }
            self.0.push('[');
            self.0.push_str(&quoted);
            let _ = write!(self.0, ", {p}]");
        }
        self.0.push(']');
    }

    /// `{"member": [pairs], ...}`, one member per line at `indent`.
    fn lists<'a>(
        &mut self,
        lists: impl Iterator<Item = (&'a str, &'a [(String, i32)])>,
        indent: usize,
    ) {
        let mut empty = true;
        self.0.push('{');
        for (m, l) in lists {
            self.0.push_str(if empty { "\n" } else { ",\n" });
            empty = false;
            for _ in 0..indent + 2 {
                self.0.push(' ');
            }
            self.string(m);
            self.0.push_str(": ");
            self.pairs(l);
        }
        if !empty {
            self.0.push('\n');
            for _ in 0..indent {
                self.0.push(' ');
            }
        }
        self.0.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assign::{self, Strategy};

    /// The hand-written document must be the serde one, value for value.
    #[test]
    fn json_is_the_serialized_outcome() {
        let s = Scenario::from_json(
            "s",
            r#"{"topics": {"orders": 5, "pay\"ments": 2, "gone-after": 1},
                "members": [
                  {"id": "a", "subscription": ["orders", "pay\"ments", "nope"], "owned": [["orders", 0], ["orders", 1], ["orders", 2], ["gone-after", 0]], "generation": 1},
                  {"id": "b\n", "subscription": ["orders"], "owned": [["orders", 3]], "generation": 1}]}"#,
        )
        .unwrap();
        let mut after = s.clone();
        after.add_member("c:orders").unwrap();
        after.set_partitions("gone-after=0").unwrap();
        for strategy in [
            Strategy::Range,
            Strategy::Sticky,
            Strategy::CooperativeSticky,
        ] {
            let o = assign::what_if(&s, &after, strategy).unwrap();
            let ours: serde_json::Value = serde_json::from_str(&json(&o)).unwrap();
            assert_eq!(ours, serde_json::to_value(&o).unwrap(), "{strategy:?}");
        }
    }
}
