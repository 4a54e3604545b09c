//! What an assignment changes, measured against the owners before any
//! what-if edit: partitions that move, newly assigned ones, load per member.

use super::{MemberLists, Scenario};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// A partition changing owner (`to: None`: nobody gets it, e.g. its topic is
/// no longer subscribed, it is withheld for a follow-up rebalance, or it no
/// longer exists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub topic: String,
    pub partition: i32,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub members: usize,
    pub partitions: usize,
    /// Partitions that had an owner before the edits and now have another (or none).
    pub moved: usize,
    /// Partitions that had no owner before and now have one.
    pub newly_assigned: usize,
    pub min_load: usize,
    pub max_load: usize,
    /// Members (including removed and added ones) whose partition count changes.
    pub members_with_load_change: usize,
    /// Partitions nobody gets (topics nobody subscribes to, or no members).
    pub unassigned: Vec<(String, i32)>,
}

type Tp = (String, i32);

/// Who owns each existing partition in `s`: a partition claimed by several
/// members goes to the highest generation, the first listed on a tie.
pub fn previous_owners(s: &Scenario) -> BTreeMap<Tp, String> {
    let counts: BTreeMap<&str, i32> = s.topics.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    let mut owner: BTreeMap<Tp, (i32, &str)> = BTreeMap::new();
    for m in &s.members {
        let generation = m.generation.unwrap_or(-1);
        for (t, p) in &m.owned {
            if !counts.get(t.as_str()).is_some_and(|n| *p >= 0 && p < n) {
                continue;
            }
            let e = owner.entry((t.clone(), *p)).or_insert((generation, &m.id));
            if generation > e.0 {
                *e = (generation, &m.id);
            }
        }
    }
    owner
        .into_iter()
        .map(|(tp, (_, m))| (tp, m.to_string()))
        .collect()
}

/// Interned topic names over both scenarios and a dense index of their
/// partitions: at a million partitions, maps keyed by `(String, i32)` cost seconds.
struct Partitions<'a> {
    index: HashMap<&'a str, usize>,
    names: Vec<&'a str>,
    /// First dense slot of each topic; a topic has `max(count before, count after)` slots.
    offsets: Vec<usize>,
    before: Vec<i32>,
    after: Vec<i32>,
    total: usize,
}

impl<'a> Partitions<'a> {
    fn new(before: &'a Scenario, after: &'a Scenario) -> Self {
        let mut p = Partitions {
            index: HashMap::default(),
            names: Vec::new(),
            offsets: Vec::new(),
            before: Vec::new(),
            after: Vec::new(),
            total: 0,
        };
        for (t, _) in after.topics.iter().chain(&before.topics) {
            if !p.index.contains_key(t.as_str()) {
                p.index.insert(t.as_str(), p.names.len());
                p.names.push(t.as_str());
                p.before.push(0);
                p.after.push(0);
            }
        }
        for (t, n) in &before.topics {
            p.before[p.index[t.as_str()]] = *n;
        }
        for (t, n) in &after.topics {
            p.after[p.index[t.as_str()]] = *n;
        }
        for i in 0..p.names.len() {
            p.offsets.push(p.total);
            p.total += p.before[i].max(p.after[i]).max(0) as usize;
        }
        p
    }

    /// Dense slot of a partition that exists in `before` (or `after`).
    fn slot(&self, topic: usize, partition: i32, in_after: bool) -> Option<usize> {
        let count = if in_after {
            self.after[topic]
        } else {
            self.before[topic]
        };
        (partition >= 0 && partition < count).then(|| self.offsets[topic] + partition as usize)
    }
}

/// Looks topics up by name, remembering the last one (lists come grouped by topic).
struct TopicLookup<'p, 'a> {
    p: &'p Partitions<'a>,
    last: Option<(&'p str, Option<usize>)>,
}

impl<'p, 'a> TopicLookup<'p, 'a> {
    fn get(&mut self, name: &'p str) -> Option<usize> {
        match self.last {
            Some((n, t)) if n == name => t,
            _ => {
                let t = self.p.index.get(name).copied();
                self.last = Some((name, t));
                t
            }
        }
    }
}

const NOBODY: u32 = u32::MAX;

pub fn report(before: &Scenario, after: &Scenario, result: &MemberLists) -> (Vec<Move>, Summary) {
    let parts = Partitions::new(before, after);
    // Member ids over before, after and the result, interned.
    let mut member_index: HashMap<&str, u32> = HashMap::default();
    let mut member_names: Vec<&str> = Vec::new();
    let ids = before
        .members
        .iter()
        .chain(&after.members)
        .map(|m| m.id.as_str())
        .chain(result.iter().map(|(m, _)| m.as_str()));
    for id in ids {
        if !member_index.contains_key(id) {
            member_index.insert(id, member_names.len() as u32);
            member_names.push(id);
        }
    }
    // Previous owner per slot: highest generation, first listed on a tie.
    let mut old_owner = vec![(NOBODY, i32::MIN); parts.total];
    for m in &before.members {
        let (id, generation) = (member_index[m.id.as_str()], m.generation.unwrap_or(-1));
        let mut topics = TopicLookup {
            p: &parts,
            last: None,
        };
        for (t, p) in &m.owned {
            let Some(slot) = topics.get(t).and_then(|t| parts.slot(t, *p, false)) else {
                continue;
            };
            let o = &mut old_owner[slot];
            if o.0 == NOBODY || generation > o.1 {
                *o = (id, generation);
            }
        }
    }
    let mut new_owner = vec![NOBODY; parts.total];
    let mut load_after = vec![0usize; member_names.len()];
    for (m, l) in result {
        let id = member_index[m.as_str()];
        load_after[id as usize] = l.len();
        let mut topics = TopicLookup {
            p: &parts,
            last: None,
        };
        for (t, p) in l {
            if let Some(slot) = topics.get(t).and_then(|t| parts.slot(t, *p, true)) {
                new_owner[slot] = id;
            }
        }
    }
    let mut load_before = vec![0usize; member_names.len()];
    let mut moves = Vec::new();
    let mut newly = 0;
    let mut unassigned = Vec::new();
    let mut partitions = 0;
    // Partitions of `after` in its topic order, then those only `before` has (a shrunk or gone topic).
    for (t, name) in parts.names.iter().enumerate() {
        let (now, was) = (parts.after[t].max(0), parts.before[t].max(0));
        partitions += now as usize;
        for p in 0..now.max(was) {
            let slot = parts.offsets[t] + p as usize;
            let (from, to) = (old_owner[slot].0, new_owner[slot]);
            if from != NOBODY {
                load_before[from as usize] += 1;
            }
            if p < now && to == NOBODY {
                unassigned.push((name.to_string(), p));
            }
            if from == to {
                continue;
            }
            if from == NOBODY {
                newly += 1;
            } else {
                moves.push(Move {
                    topic: name.to_string(),
                    partition: p,
                    from: Some(member_names[from as usize].to_string()),
                    to: (to != NOBODY).then(|| member_names[to as usize].to_string()),
                });
            }
        }
    }
    let changed = (0..member_names.len())
        .filter(|&m| load_before[m] != load_after[m])
        .count();
    let loads = result.iter().map(|(_, l)| l.len());
    let summary = Summary {
        members: after.members.len(),
        partitions,
        moved: moves.len(),
        newly_assigned: newly,
        min_load: loads.clone().min().unwrap_or(0),
        max_load: loads.max().unwrap_or(0),
        members_with_load_change: changed,
        unassigned,
    };
    (moves, summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = r#"{"topics": {"t": 4},
        "members": [{"id": "a", "subscription": ["t"], "owned": [["t", 0], ["t", 1]], "generation": 3},
                    {"id": "b", "subscription": ["t"], "owned": [["t", 1], ["t", 2], ["t", 3]], "generation": 4}]}"#;

    #[test]
    fn the_higher_generation_owns_a_doubly_claimed_partition() {
        let s = Scenario::from_json("s", S).unwrap();
        let o = previous_owners(&s);
        assert_eq!(o[&("t".to_string(), 0)], "a");
        assert_eq!(o[&("t".to_string(), 1)], "b");
    }

    #[test]
    fn a_removed_member_s_partitions_move_and_a_shrunk_topic_s_vanish() {
        let before = Scenario::from_json("s", S).unwrap();
        let mut after = before.clone();
        after.remove_member("b").unwrap();
        after.set_partitions("t=3").unwrap();
        let result = vec![(
            "a".to_string(),
            vec![
                ("t".to_string(), 0),
                ("t".to_string(), 1),
                ("t".to_string(), 2),
            ],
        )];
        let (moves, summary) = report(&before, &after, &result);
        let moved: Vec<(i32, Option<&str>, Option<&str>)> = moves
            .iter()
            .map(|m| (m.partition, m.from.as_deref(), m.to.as_deref()))
            .collect();
        assert_eq!(
            moved,
            [
                (1, Some("b"), Some("a")),
                (2, Some("b"), Some("a")),
                (3, Some("b"), None)
            ]
        );
        assert_eq!(summary.moved, 3);
        assert_eq!(summary.newly_assigned, 0);
        assert_eq!(summary.partitions, 3);
        // a: 1 -> 3, b: 3 -> 0 (removed)
        assert_eq!(summary.members_with_load_change, 2);
    }
}
