//! Cooperative-sticky's follow-up rebalances, as a group runs them: every
//! member that had partitions revoked rejoins, and the next rebalance sees
//! each member owning what the previous one gave it, all in the generation of
//! that rebalance (the group's, not each member's own + 1).

use super::problem::{Problem, Tp};
use super::{sticky, AssignError, Scenario};
use serde::Serialize;
use std::collections::BTreeMap;

/// Rounds computed before giving up: Kafka's own cases settle in two or
/// three; the golden corpus needs at most 14.
pub const MAX_ROUNDS: usize = 20;

/// One cooperative rebalance round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub round: usize,
    /// Partitions members give up in this round.
    pub revoked: BTreeMap<String, Vec<(String, i32)>>,
    /// Partitions members newly receive in this round.
    pub assigned: BTreeMap<String, Vec<(String, i32)>>,
}

pub struct FollowUp {
    pub rounds: Vec<Round>,
    /// The state once nothing is revoked; None when that takes more than `MAX_ROUNDS`.
    pub settled: Option<Vec<Vec<Tp>>>,
}

/// Run rebalances after `first` (round 1's answer for `s`, interned as `pb`)
/// until one revokes nothing. `pb`'s owned partitions and generations are
/// replaced round by round.
pub fn follow_up(
    pb: &mut Problem,
    s: &Scenario,
    first: &[Vec<Tp>],
) -> Result<FollowUp, AssignError> {
    // Round 1 runs in the group's next generation; every member takes part in it.
    let group_generation = s
        .members
        .iter()
        .filter_map(|m| m.generation)
        .max()
        .unwrap_or(0);
    // Owned partitions of topics taking no part (deleted, or nobody subscribes) are revoked too.
    let gone: Vec<Vec<(String, i32)>> = s
        .members
        .iter()
        .map(|m| {
            m.owned
                .iter()
                .filter(|(t, _)| !pb.has_topic(t))
                .cloned()
                .collect()
        })
        .collect();
    let mut result = first.to_vec();
    let mut rounds = vec![diff(pb, &result, Some(&gone))];
    loop {
        if rounds.last().is_some_and(|r| r.revoked.is_empty()) {
            return Ok(FollowUp {
                rounds,
                settled: Some(result),
            });
        }
        if rounds.len() >= MAX_ROUNDS {
            return Ok(FollowUp {
                rounds,
                settled: None,
            });
        }
        let generation = group_generation + rounds.len() as i32;
        for (m, now) in pb.members.iter_mut().zip(result) {
            m.owned = now;
            m.generation = Some(generation);
        }
        result = sticky::assign_cooperative(pb)
            .map_err(super::sticky_error)?
            .assignment;
        let mut r = diff(pb, &result, None);
        r.round = rounds.len() + 1;
        rounds.push(r);
    }
}

type Lists = BTreeMap<String, Vec<(String, i32)>>;

/// Per member: partitions given up (owned in `pb`, plus `gone`) and newly received.
fn diff(pb: &Problem, assigned: &[Vec<Tp>], gone: Option<&[Vec<(String, i32)>]>) -> Round {
    let mut revoked = Lists::new();
    let mut added = Lists::new();
    let mut mark = vec![false; pb.total];
    for (c, (m, now)) in pb.members.iter().zip(assigned).enumerate() {
        for tp in now {
            mark[pb.dense(*tp)] = true;
        }
        let mut r: Vec<Tp> = m
            .owned
            .iter()
            .copied()
            .filter(|tp| !mark[pb.dense(*tp)])
            .collect();
        for tp in now {
            mark[pb.dense(*tp)] = false;
        }
        for tp in &m.owned {
            mark[pb.dense(*tp)] = true;
        }
        let mut a: Vec<Tp> = now
            .iter()
            .copied()
            .filter(|tp| !mark[pb.dense(*tp)])
            .collect();
        for tp in &m.owned {
            mark[pb.dense(*tp)] = false;
        }
        r.sort_unstable();
        a.sort_unstable();
        let mut r: Vec<(String, i32)> = r.into_iter().map(|tp| pb.name(tp)).collect();
        if let Some(gone) = gone {
            r.extend(gone[c].iter().cloned());
        }
        if !r.is_empty() {
            revoked.insert(m.id.clone(), r);
        }
        if !a.is_empty() {
            added.insert(m.id.clone(), a.into_iter().map(|tp| pb.name(tp)).collect());
        }
    }
    Round {
        round: 1,
        revoked,
        assigned: added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assign::ScenarioMember;

    fn member(id: &str, owned: &[i32], generation: Option<i32>) -> ScenarioMember {
        ScenarioMember {
            id: id.into(),
            subscription: vec!["t".into()],
            group_instance_id: None,
            rack: None,
            owned: owned.iter().map(|p| ("t".to_string(), *p)).collect(),
            generation,
        }
    }

    #[test]
    fn follow_ups_run_in_the_group_generation_and_settle() {
        // c1 owns everything (older generation); c2 joins: round 1 revokes, round 2 hands out.
        let s = Scenario {
            topics: vec![("t".into(), 4)],
            members: vec![
                member("c1", &[0, 1, 2, 3], Some(2)),
                member("c2", &[], Some(5)),
            ],
            partition_racks: None,
            prefer_rack_aware_logic: false,
        };
        let mut pb = Problem::new(&s, false);
        let first = sticky::assign_cooperative(&pb).unwrap().assignment;
        let f = follow_up(&mut pb, &s, &first).unwrap();
        let settled = f.settled.expect("settles");
        assert_eq!(f.rounds.len(), 2);
        assert_eq!(f.rounds[0].revoked["c1"].len(), 2);
        assert!(f.rounds[1].revoked.is_empty());
        assert_eq!(f.rounds[1].assigned["c2"].len(), 2);
        assert_eq!(settled[1].len(), 2);
    }
}
