//! Pure, synchronous assignors (no I/O): range, roundrobin, sticky and
//! cooperative-sticky with Apache Kafka's exact results, plus the what-if
//! report (moves, load, cooperative rounds).

mod java;
mod problem;
mod range;
mod roundrobin;
pub mod scenario;
mod sticky;

pub use java::string_hash as java_string_hash;
pub use scenario::{Scenario, ScenarioError, ScenarioMember};

use problem::{Problem, Tp};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    Range,
    Roundrobin,
    Sticky,
    CooperativeSticky,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Range => "range",
            Strategy::Roundrobin => "roundrobin",
            Strategy::Sticky => "sticky",
            Strategy::CooperativeSticky => "cooperative-sticky",
        }
    }

    /// From a group's protocol name (`range`, `roundrobin`, `sticky`, `cooperative-sticky`).
    pub fn from_protocol(name: &str) -> Option<Strategy> {
        match name {
            "range" => Some(Strategy::Range),
            "roundrobin" => Some(Strategy::Roundrobin),
            "sticky" => Some(Strategy::Sticky),
            "cooperative-sticky" => Some(Strategy::CooperativeSticky),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AssignError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("{0}")]
    Internal(String),
    /// The Java assignor itself throws on this scenario (parity: the real rebalance fails).
    #[error("{0}")]
    KafkaFails(String),
}

/// Partitions per member, in the order the assignor produced them.
pub type Assignment = BTreeMap<String, Vec<(String, i32)>>;

/// One member's partitions, in member order of the scenario.
pub type MemberLists = Vec<(String, Vec<(String, i32)>)>;

/// What one assignor call returns (the `assign()` of the Java class).
pub struct RoundResult {
    pub assignment: MemberLists,
    /// Constrained sticky path only: partition -> member it goes to.
    pub partitions_transferring_ownership: Option<Vec<((String, i32), String)>>,
}

/// Run one assignor call on a scenario.
pub fn assign_once(s: &Scenario, strategy: Strategy) -> Result<RoundResult, AssignError> {
    s.validate()?;
    let pb = Problem::new(s);
    let (lists, transferring) = match strategy {
        Strategy::Range => (range::assign(&pb), None::<Vec<(Tp, usize)>>),
        Strategy::Roundrobin => (roundrobin::assign(&pb), None),
        Strategy::Sticky => {
            let r = sticky::assign(&pb).map_err(sticky_error)?;
            (r.assignment, r.transferring)
        }
        Strategy::CooperativeSticky => {
            let r = sticky::assign_cooperative(&pb).map_err(sticky_error)?;
            (r.assignment, r.transferring)
        }
    };
    let assignment = pb
        .members
        .iter()
        .zip(lists)
        .map(|(m, l)| (m.id.clone(), l.into_iter().map(|tp| pb.name(tp)).collect()))
        .collect();
    let partitions_transferring_ownership = transferring.map(|t| {
        t.into_iter()
            .map(|(tp, c)| (pb.name(tp), pb.members[c].id.clone()))
            .collect()
    });
    Ok(RoundResult {
        assignment,
        partitions_transferring_ownership,
    })
}

fn sticky_error(e: sticky::StickyError) -> AssignError {
    match e {
        sticky::StickyError::KafkaFails(_) => AssignError::KafkaFails(e.to_string()),
        sticky::StickyError::Internal(_) => AssignError::Internal(e.to_string()),
    }
}

/// A partition changing owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub topic: String,
    pub partition: i32,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One cooperative rebalance round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub round: usize,
    /// Partitions members give up in this round.
    pub revoked: BTreeMap<String, Vec<(String, i32)>>,
    /// Partitions members newly receive in this round.
    pub assigned: BTreeMap<String, Vec<(String, i32)>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub members: usize,
    pub partitions: usize,
    pub moved: usize,
    pub newly_assigned: usize,
    pub min_load: usize,
    pub max_load: usize,
    pub members_with_load_change: usize,
    /// Partitions nobody gets (topics nobody subscribes to, or no members).
    pub unassigned: Vec<(String, i32)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub strategy: Strategy,
    /// What this rebalance hands out (cooperative: partitions changing owner withheld).
    #[serde(serialize_with = "ser_lists")]
    pub assignment: MemberLists,
    /// Cooperative only: the state after the follow-up rebalances.
    #[serde(
        rename = "final",
        serialize_with = "ser_opt_lists",
        skip_serializing_if = "Option::is_none"
    )]
    pub final_assignment: Option<MemberLists>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Vec<Round>>,
    pub moves: Vec<Move>,
    pub summary: Summary,
}

fn ser_lists<S: serde::Serializer>(l: &MemberLists, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(l.len()))?;
    for (k, v) in l {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

fn ser_opt_lists<S: serde::Serializer>(l: &Option<MemberLists>, s: S) -> Result<S::Ok, S::Error> {
    match l {
        Some(l) => ser_lists(l, s),
        None => s.serialize_none(),
    }
}

const MAX_ROUNDS: usize = 20;

/// Compute the assignment and what it changes. Cooperative-sticky also runs
/// the follow-up rebalances (assignment fed back as owned, generation + 1)
/// until nothing is revoked.
pub fn plan(s: &Scenario, strategy: Strategy) -> Result<Outcome, AssignError> {
    let first = assign_once(s, strategy)?;
    let (final_lists, rounds) = if strategy == Strategy::CooperativeSticky {
        let mut rounds = Vec::new();
        let mut owned_by: BTreeMap<String, Vec<(String, i32)>> = s
            .members
            .iter()
            .map(|m| (m.id.clone(), m.owned.clone()))
            .collect();
        let mut current = s.clone();
        let mut result = first.assignment.clone();
        loop {
            let (revoked, assigned) = diff(&owned_by, &result);
            let any_revoked = !revoked.is_empty();
            rounds.push(Round {
                round: rounds.len() + 1,
                revoked,
                assigned,
            });
            if !any_revoked {
                break;
            }
            if rounds.len() >= MAX_ROUNDS {
                return Err(AssignError::Internal(format!(
                    "cooperative rebalance did not settle in {MAX_ROUNDS} rounds"
                )));
            }
            for m in &mut current.members {
                m.owned = result
                    .iter()
                    .find(|(id, _)| *id == m.id)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default();
                m.generation = Some(m.generation.unwrap_or(0) + 1);
            }
            owned_by = current
                .members
                .iter()
                .map(|m| (m.id.clone(), m.owned.clone()))
                .collect();
            result = assign_once(&current, strategy)?.assignment;
        }
        (result, Some(rounds))
    } else {
        (first.assignment.clone(), None)
    };
    let (moves, summary) = report(s, &final_lists);
    Ok(Outcome {
        strategy,
        assignment: first.assignment,
        final_assignment: rounds.as_ref().map(|_| final_lists),
        rounds,
        moves,
        summary,
    })
}

type Lists = BTreeMap<String, Vec<(String, i32)>>;

/// Per member: partitions given up and newly received, owned -> assigned.
fn diff(owned: &Lists, assigned: &MemberLists) -> (Lists, Lists) {
    let mut revoked = Lists::new();
    let mut added = Lists::new();
    for (m, now) in assigned {
        let before: BTreeSet<&(String, i32)> =
            owned.get(m).map(|l| l.iter().collect()).unwrap_or_default();
        let after: BTreeSet<&(String, i32)> = now.iter().collect();
        let r: Vec<(String, i32)> = before.difference(&after).map(|x| (*x).clone()).collect();
        let a: Vec<(String, i32)> = after.difference(&before).map(|x| (*x).clone()).collect();
        if !r.is_empty() {
            revoked.insert(m.clone(), r);
        }
        if !a.is_empty() {
            added.insert(m.clone(), a);
        }
    }
    (revoked, added)
}

fn report(s: &Scenario, result: &MemberLists) -> (Vec<Move>, Summary) {
    let mut old_owner: BTreeMap<(String, i32), String> = BTreeMap::new();
    for m in &s.members {
        for tp in &m.owned {
            old_owner.entry(tp.clone()).or_insert_with(|| m.id.clone());
        }
    }
    let mut new_owner: BTreeMap<(String, i32), String> = BTreeMap::new();
    for (m, l) in result {
        for tp in l {
            new_owner.insert(tp.clone(), m.clone());
        }
    }
    let all: Vec<(String, i32)> = s
        .topics
        .iter()
        .flat_map(|(t, n)| (0..*n).map(move |p| (t.clone(), p)))
        .collect();
    let mut moves = Vec::new();
    let mut newly = 0;
    for tp in &all {
        match (old_owner.get(tp), new_owner.get(tp)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), b) => moves.push(Move {
                topic: tp.0.clone(),
                partition: tp.1,
                from: Some(a.clone()),
                to: b.cloned(),
            }),
            (None, Some(_)) => newly += 1,
            (None, None) => {}
        }
    }
    let loads: Vec<usize> = result.iter().map(|(_, l)| l.len()).collect();
    let topics: BTreeSet<&str> = s.topics.iter().map(|(t, _)| t.as_str()).collect();
    let load_now: BTreeMap<&str, usize> =
        result.iter().map(|(m, l)| (m.as_str(), l.len())).collect();
    let changed = s
        .members
        .iter()
        .filter(|m| {
            let owned_before = m
                .owned
                .iter()
                .filter(|tp| topics.contains(tp.0.as_str()))
                .count();
            load_now.get(m.id.as_str()).copied().unwrap_or(0) != owned_before
        })
        .count();
    let summary = Summary {
        members: s.members.len(),
        partitions: all.len(),
        moved: moves.len(),
        newly_assigned: newly,
        min_load: loads.iter().copied().min().unwrap_or(0),
        max_load: loads.iter().copied().max().unwrap_or(0),
        members_with_load_change: changed,
        unassigned: all
            .iter()
            .filter(|tp| !new_owner.contains_key(*tp))
            .cloned()
            .collect(),
    };
    (moves, summary)
}
