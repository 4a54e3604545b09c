//! Pure, synchronous assignors (no I/O): range, roundrobin, sticky and
//! cooperative-sticky with Apache Kafka's exact results, plus the what-if
//! report (moves, load, cooperative rounds).

mod java;
mod problem;
mod range;
mod report;
mod roundrobin;
mod rounds;
pub mod scenario;
mod sticky;

pub use java::string_hash as java_string_hash;
pub use scenario::{Scenario, ScenarioError, ScenarioMember};

use problem::{Problem, Tp};
pub use report::{previous_owners, Move, Summary};
pub use rounds::{Round, MAX_ROUNDS};
use serde::Serialize;

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

impl Strategy {
    /// The four assignors, for messages listing them.
    pub const NAMES: &'static str = "range, roundrobin, sticky, cooperative-sticky";
}

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
    let pb = Problem::new(s, strategy == Strategy::Sticky);
    let (lists, transferring) = run(&pb, strategy)?;
    let partitions_transferring_ownership = transferring.map(|t| {
        t.into_iter()
            .map(|(tp, c)| (pb.name(tp), pb.members[c].id.clone()))
            .collect()
    });
    Ok(RoundResult {
        assignment: named(&pb, lists),
        partitions_transferring_ownership,
    })
}

type Transferring = Option<Vec<(Tp, usize)>>;

/// One assignor call on the interned problem: partitions per member (member order).
fn run(pb: &Problem, strategy: Strategy) -> Result<(Vec<Vec<Tp>>, Transferring), AssignError> {
    Ok(match strategy {
        Strategy::Range => (range::assign(pb), None),
        Strategy::Roundrobin => (roundrobin::assign(pb), None),
        Strategy::Sticky => {
            let r = sticky::assign(pb).map_err(sticky_error)?;
            (r.assignment, r.transferring)
        }
        Strategy::CooperativeSticky => {
            let r = sticky::assign_cooperative(pb).map_err(sticky_error)?;
            (r.assignment, r.transferring)
        }
    })
}

fn named(pb: &Problem, lists: Vec<Vec<Tp>>) -> MemberLists {
    pb.members
        .iter()
        .zip(lists)
        .map(|(m, l)| (m.id.clone(), l.into_iter().map(|tp| pb.name(tp)).collect()))
        .collect()
}

fn sticky_error(e: sticky::StickyError) -> AssignError {
    match e {
        sticky::StickyError::KafkaFails(_) => AssignError::KafkaFails(e.to_string()),
        sticky::StickyError::Internal(_) => AssignError::Internal(e.to_string()),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub strategy: Strategy,
    /// What this rebalance hands out (cooperative: partitions changing owner withheld).
    #[serde(serialize_with = "ser_lists")]
    pub assignment: MemberLists,
    /// Cooperative only: the state after the follow-up rebalances; null when
    /// they do not settle within `MAX_ROUNDS` (Kafka would keep rebalancing).
    #[serde(
        rename = "final",
        serialize_with = "ser_opt_lists",
        skip_serializing_if = "Option::is_none"
    )]
    pub final_assignment: Option<Option<MemberLists>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Vec<Round>>,
    /// Partitions whose owner before the edits differs from the owner after
    /// this rebalance (after the follow-up rebalances for cooperative, when they settle).
    pub moves: Vec<Move>,
    pub summary: Summary,
    /// Things Kafka does silently that the user should know (unknown topics,
    /// cooperative rounds that never settle); also printed on stderr.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Outcome {
    /// False when cooperative follow-up rebalances would not settle.
    pub fn settled(&self) -> bool {
        !matches!(self.final_assignment, Some(None))
    }

    /// The state the report describes: the settled final state, else this rebalance's.
    pub fn resulting(&self) -> &MemberLists {
        match &self.final_assignment {
            Some(Some(f)) => f,
            _ => &self.assignment,
        }
    }
}

fn ser_lists<S: serde::Serializer>(l: &MemberLists, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(l.len()))?;
    for (k, v) in l {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

fn ser_opt_lists<S: serde::Serializer>(
    l: &Option<Option<MemberLists>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match l {
        Some(Some(l)) => ser_lists(l, s),
        _ => s.serialize_none(),
    }
}

/// Compute the assignment and what it changes. Cooperative-sticky also runs
/// the follow-up rebalances until nothing is revoked.
pub fn plan(s: &Scenario, strategy: Strategy) -> Result<Outcome, AssignError> {
    what_if(s, s, strategy)
}

/// `plan` for a scenario edited from `before` (members added or removed,
/// partition counts changed): moves and load changes are measured against
/// the owners in `before`.
pub fn what_if(
    before: &Scenario,
    after: &Scenario,
    strategy: Strategy,
) -> Result<Outcome, AssignError> {
    after.validate()?;
    let mut pb = Problem::new(after, strategy == Strategy::Sticky);
    let (first, _) = run(&pb, strategy)?;
    let mut warnings = unknown_topic_warnings(after);
    let (final_lists, rounds) = if strategy == Strategy::CooperativeSticky {
        let r = rounds::follow_up(&mut pb, after, &first)?;
        if r.settled.is_none() {
            warnings.push(format!(
                "the cooperative rebalances do not settle: after {MAX_ROUNDS} rounds partitions are still being revoked, so Kafka would keep rebalancing; showing the first rebalance's answer"
            ));
        }
        (Some(r.settled.map(|l| named(&pb, l))), Some(r.rounds))
    } else {
        (None, None)
    };
    let assignment = named(&pb, first);
    let resulting = match &final_lists {
        Some(Some(f)) => f,
        _ => &assignment,
    };
    let (moves, summary) = report::report(before, after, resulting);
    Ok(Outcome {
        strategy,
        assignment,
        final_assignment: final_lists,
        rounds,
        moves,
        summary,
        warnings,
    })
}

/// One warning per subscribed topic that does not exist, naming it and (some of) its subscribers.
pub fn unknown_topic_warnings(s: &Scenario) -> Vec<String> {
    s.unknown_subscriptions()
        .into_iter()
        .map(|(topic, members)| {
            let shown: Vec<&str> = members.iter().take(3).map(String::as_str).collect();
            let more = match members.len().saturating_sub(3) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!(
                "topic {topic:?} does not exist: nothing is assigned for it, as in Kafka (subscribed by {}{more})",
                shown.join(", ")
            )
        })
        .collect()
}
