//! Every case of tests/fixtures/assignor-examples.json (expected values from
//! Apache Kafka's own assignor tests) must come out exactly.

use groupctl::assign::{self, Scenario, Strategy};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn strategy(name: &str) -> Strategy {
    Strategy::from_protocol(name).unwrap_or_else(|| panic!("unknown assignor {name}"))
}

fn lists(v: &Value) -> BTreeMap<String, Vec<(String, i32)>> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(m, l)| {
            let l = l
                .as_array()
                .unwrap()
                .iter()
                .map(|tp| {
                    (
                        tp[0].as_str().unwrap().to_string(),
                        tp[1].as_i64().unwrap() as i32,
                    )
                })
                .collect();
            (m.clone(), l)
        })
        .collect()
}

fn check(case: &Value) -> Result<(), String> {
    let id = case["id"].as_str().unwrap();
    // The scenario fields of the case, parsed as `--input` parses a file.
    let mut fields = serde_json::Map::new();
    for k in [
        "topics",
        "members",
        "partition_racks",
        "prefer_rack_aware_logic",
    ] {
        if let Some(v) = case.get(k) {
            fields.insert(k.to_string(), v.clone());
        }
    }
    let scenario = Scenario::from_json(id, &Value::Object(fields).to_string())
        .map_err(|e| format!("{id}: bad case: {e}"))?;
    let strategy = strategy(case["assignor"].as_str().unwrap());
    let outcome = assign::plan(&scenario, strategy).map_err(|e| format!("{id}: {e}"))?;
    let until_settled = case["rounds"].as_str() == Some("until-no-revocation");
    let got: BTreeMap<String, Vec<(String, i32)>> = if until_settled {
        outcome.final_assignment.clone().unwrap().expect("settles")
    } else {
        outcome.assignment.clone()
    }
    .into_iter()
    .collect();
    let expected = lists(&case["expected"]);
    let partial = case["expected_is_partial"].as_bool().unwrap_or(false);
    let exact = case["compare"].as_str() == Some("exact-list");
    for (m, want) in &expected {
        let have = got.get(m).cloned().unwrap_or_default();
        let same = if exact {
            &have == want
        } else {
            have.iter().collect::<BTreeSet<_>>() == want.iter().collect::<BTreeSet<_>>()
                && have.len() == want.len()
        };
        if !same {
            return Err(format!("{id}: member {m}: expected {want:?}, got {have:?}"));
        }
    }
    if !partial {
        let extra: Vec<&String> = got
            .keys()
            .filter(|m| !expected.contains_key(*m) && !got[*m].is_empty())
            .collect();
        if !extra.is_empty() {
            return Err(format!(
                "{id}: unexpected members with partitions {extra:?}"
            ));
        }
    }
    if let Some(want) = case.get("expected_partitions_transferring_ownership") {
        let first = assign::assign_once(&scenario, strategy).map_err(|e| format!("{id}: {e}"))?;
        let have = first.partitions_transferring_ownership.map(|t| {
            t.into_iter()
                .map(|((topic, p), m)| (format!("{topic}-{p}"), m))
                .collect::<BTreeMap<_, _>>()
        });
        let want = want.as_object().map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect::<BTreeMap<_, _>>()
        });
        if have != want {
            return Err(format!(
                "{id}: partitionsTransferringOwnership expected {want:?}, got {have:?}"
            ));
        }
    }
    Ok(())
}

#[test]
fn every_kafka_case_matches() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/assignor-examples.json"
    ))
    .unwrap();
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 54);
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
