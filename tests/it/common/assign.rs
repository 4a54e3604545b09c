//! The golden corpus of Apache Kafka's own assignor answers
//! (tests/fixtures/assignor-java-golden.json.gz), for the assign tests.
//! Used as `crate::common::assign` (imported as `golden`).

use flate2::read::GzDecoder;
use serde_json::{json, Value};
use std::io::Read;
use std::path::{Path, PathBuf};

pub fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/assignor-java-golden.json.gz"
    );
    let mut text = String::new();
    GzDecoder::new(std::fs::File::open(path).expect("golden corpus"))
        .read_to_string(&mut text)
        .expect("gunzip golden corpus");
    serde_json::from_str(&text).expect("golden corpus is JSON")
}

pub fn case(id: &str) -> Value {
    // Parsed once per test binary: the corpus is 20 MB of JSON.
    static CASES: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    CASES
        .get_or_init(cases)
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no golden case {id}"))
}

/// The scenario part of a case, as `groupctl assign --input` reads it.
pub fn scenario_json(case: &Value) -> String {
    json!({
        "topics": case["topics"],
        "members": case["members"],
        "partition_racks": case["partition_racks"],
        "prefer_rack_aware_logic": case["prefer_rack_aware_logic"],
    })
    .to_string()
}

/// Write a case's scenario into `dir`; returns the file.
pub fn write_scenario(dir: &Path, case: &Value) -> PathBuf {
    let path = dir.join(format!("{}.json", case["id"].as_str().unwrap()));
    std::fs::write(&path, scenario_json(case)).unwrap();
    path
}
