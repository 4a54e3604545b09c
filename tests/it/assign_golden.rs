//! Parity with Apache Kafka's own Java assignors on the golden corpus
//! (tests/fixtures/assignor-java-golden.json.gz, README beside it): 6,000
//! cases answered by `ConsumerPartitionAssignor.assign(Cluster, GroupSubscription)`.
//! Every answered case must match list for list (partitions per member and
//! their order); every case where Java throws must be refused.
//!
//! `cargo test --test assign_golden -- --nocapture` prints the figures the
//! README quotes.

use crate::common::assign as golden;

use groupctl::assign::{self, AssignError, Scenario, Strategy};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

type Lists = Vec<(String, Vec<(String, i32)>)>;

/// The scenario part of a case, parsed the way `--input` parses a file.
fn scenario(case: &Value) -> Scenario {
    let id = case["id"].as_str().unwrap();
    Scenario::from_json(id, &golden::scenario_json(case)).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn expected(case: &Value) -> Lists {
    case["expected"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(m, l)| {
            let l = l
                .as_array()
                .unwrap()
                .iter()
                .map(|tp| {
                    (
                        tp[0].as_str().unwrap().into(),
                        tp[1].as_i64().unwrap() as i32,
                    )
                })
                .collect();
            (m.clone(), l)
        })
        .collect()
}

fn same_sets(a: &Lists, b: &Lists) -> bool {
    let sets = |l: &Lists| -> BTreeMap<String, BTreeSet<(String, i32)>> {
        l.iter()
            .map(|(m, v)| (m.clone(), v.iter().cloned().collect()))
            .collect()
    };
    sets(a) == sets(b)
}

fn same_lists(a: &Lists, b: &Lists) -> bool {
    let map = |l: &Lists| -> BTreeMap<String, Vec<(String, i32)>> { l.iter().cloned().collect() };
    map(a) == map(b)
}

#[derive(Default)]
struct Tally {
    answered: usize,
    same_sets: usize,
    same_lists: usize,
    throws: usize,
    refused: usize,
    with_unknown_topics: usize,
}

#[test]
fn every_case_matches_kafka_list_for_list() {
    let cases = golden::cases();
    assert_eq!(cases.len(), 6000, "the corpus holds 6,000 cases");
    let mut per: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let name = case["assignor"].as_str().unwrap();
        let strategy = Strategy::from_protocol(name).unwrap();
        let s = scenario(case);
        let t = per.entry(name.to_string()).or_default();
        if !s.unknown_subscriptions().is_empty() {
            t.with_unknown_topics += 1;
        }
        let got = assign::assign_once(&s, strategy);
        if let Some(err) = case.get("java_error") {
            t.throws += 1;
            match got {
                Err(AssignError::KafkaFails(msg)) => {
                    assert!(msg.contains("Kafka"), "{id}: unclear refusal {msg:?}");
                    t.refused += 1;
                }
                Err(e) => failures.push(format!("{id}: Java throws ({err}), groupctl: {e}")),
                Ok(_) => failures.push(format!("{id}: Java throws ({err}), groupctl answers")),
            }
            continue;
        }
        t.answered += 1;
        let want = expected(case);
        match got {
            Err(e) => failures.push(format!("{id}: {e}")),
            Ok(r) => {
                if same_sets(&r.assignment, &want) {
                    t.same_sets += 1;
                }
                if same_lists(&r.assignment, &want) {
                    t.same_lists += 1;
                } else if failures.len() < 20 {
                    failures.push(format!(
                        "{id}: expected {want:?}\n    got {:?}",
                        r.assignment
                    ));
                } else {
                    failures.push(id.to_string());
                }
            }
        }
    }
    println!("assignor            answered  same partitions  same order too  Java throws  refused  (with unknown topics)");
    let mut all = Tally::default();
    for (name, t) in &per {
        println!(
            "{name:<20}{:>8}  {:>15}  {:>14}  {:>11}  {:>7}  ({})",
            t.answered, t.same_sets, t.same_lists, t.throws, t.refused, t.with_unknown_topics
        );
        all.answered += t.answered;
        all.same_sets += t.same_sets;
        all.same_lists += t.same_lists;
        all.throws += t.throws;
        all.refused += t.refused;
        all.with_unknown_topics += t.with_unknown_topics;
    }
    println!(
        "{:<20}{:>8}  {:>15}  {:>14}  {:>11}  {:>7}  ({})",
        "all",
        all.answered,
        all.same_sets,
        all.same_lists,
        all.throws,
        all.refused,
        all.with_unknown_topics
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Kafka:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(all.answered + all.throws, 6000);
    assert!(
        all.with_unknown_topics > 0,
        "the corpus exercises unknown topics"
    );
}

/// Cooperative-sticky's follow-up rebalances as Kafka's own assignor runs
/// them (tests/fixtures/assign-cooperative-rounds.json.gz, README beside it):
/// each round's answer fed back as owned partitions in the group's next
/// generation until nothing is revoked. Final state list for list, the number
/// of rounds, and the case that never settles.
#[test]
fn cooperative_rounds_match_kafka() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/assign-cooperative-rounds.json.gz"
    );
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()),
        &mut text,
    )
    .unwrap();
    let java: Vec<Value> = serde_json::from_str(&text).unwrap();
    let cases: BTreeMap<String, Value> = golden::cases()
        .into_iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c))
        .collect();
    assert_eq!(java.len(), 1493, "every cooperative case Java answers");
    let (mut same, mut unsettled, mut failures) = (0, 0, Vec::new());
    for j in &java {
        let id = j["id"].as_str().unwrap();
        let out = assign::plan(&scenario(&cases[id]), Strategy::CooperativeSticky).unwrap();
        let rounds = out.rounds.as_ref().unwrap().len();
        if !j["settled"].as_bool().unwrap() {
            unsettled += 1;
            if out.settled() || rounds != assign::MAX_ROUNDS {
                failures.push(format!("{id}: Kafka does not settle, groupctl does"));
            }
            continue;
        }
        let want = expected(&json!({"expected": j["final"]}));
        match out.final_assignment.clone().flatten() {
            Some(got)
                if same_lists(&got, &want) && rounds as u64 == j["rounds"].as_u64().unwrap() =>
            {
                same += 1
            }
            Some(got) => failures.push(format!(
                "{id}: {rounds} rounds (Kafka {}), final {got:?}, Kafka {want:?}",
                j["rounds"]
            )),
            None => failures.push(format!("{id}: does not settle, Kafka does")),
        }
    }
    println!("cooperative rounds: {same} final states identical to Kafka's, {unsettled} never settle (as in Kafka)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(unsettled, 1);
}
