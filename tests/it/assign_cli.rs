//! `groupctl assign` end to end through the binary.

use crate::common;
use crate::common::assign as golden;

use common::{groupctl, outcome};
use serde_json::{json, Value};

fn run(args: &[&str]) -> (i32, String, String) {
    outcome(groupctl().args(args))
}

#[test]
fn cooperative_scale_out_table() {
    let (code, out, err) = run(&[
        "assign",
        "--strategy",
        "cooperative-sticky",
        "--input",
        "examples/assign/scale-out.json",
    ]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn what_if_edits_and_json() {
    let (code, out, err) = run(&[
        "assign",
        "--input",
        "examples/assign/group.json",
        "--strategy",
        "sticky",
        "--add-member",
        "billing-4",
        "--remove-member",
        "billing-1",
        "--partitions",
        "payments=9",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!(v);
    assert!(
        v.get("final").is_none(),
        "only cooperative-sticky has a final state"
    );
    // billing-1 owned orders 0-3 and payments 0-1: all six move, to the members that stay or join.
    let moved: Vec<(String, i64, String)> = v["moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let to = m["to"].as_str().unwrap_or("-").to_string();
            assert_eq!(m["from"], "billing-1", "{m}");
            (
                m["topic"].as_str().unwrap().to_string(),
                m["partition"].as_i64().unwrap(),
                to,
            )
        })
        .collect();
    let from_billing_1: Vec<(&str, i64)> = moved.iter().map(|(t, p, _)| (t.as_str(), *p)).collect();
    assert_eq!(
        from_billing_1,
        [
            ("orders", 0),
            ("orders", 1),
            ("orders", 2),
            ("orders", 3),
            ("payments", 0),
            ("payments", 1)
        ]
    );
    assert!(moved
        .iter()
        .all(|(_, _, to)| to != "billing-1" && to != "-"));
    assert_eq!(v["summary"]["moved"], 6);
    // payments 6-8 are new partitions.
    assert_eq!(v["summary"]["newly_assigned"], 3);
}

#[test]
fn removing_a_member_moves_its_partitions() {
    let (code, out, err) = run(&[
        "assign",
        "--input",
        "examples/assign/group.json",
        "--remove-member",
        "billing-1",
        "--strategy",
        "sticky",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("No partition changes owner"), "{out}");
    assert!(out.contains("Moves (6):"), "{out}");
    assert!(out.contains("orders-0: billing-1 -> "), "{out}");
    assert!(
        out.contains("removed: -orders(0,1,2,3) payments(0,1)"),
        "{out}"
    );
    assert!(out.contains("Summary: 6 moved, 0 newly assigned"), "{out}");
}

#[test]
fn dump_scenario_round_trips() {
    let (code, out, _) = run(&[
        "assign",
        "--input",
        "examples/assign/group.json",
        "--add-member",
        "x:orders",
        "--dump-scenario",
    ]);
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    std::fs::write(&path, &out).unwrap();
    let (code, again, _) = run(&[
        "assign",
        "--input",
        path.to_str().unwrap(),
        "--dump-scenario",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, again);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["members"][3]["id"], "x");
    assert_eq!(v["members"][3]["subscription"], json!(["orders"]));
}

#[test]
fn default_strategy_is_range_and_stdin_works() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/assign/group.json"
    ))
    .unwrap();
    let out = groupctl()
        .args(["assign", "--input", "-", "--json"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["strategy"], "range");
    // Range appends topic by topic in Java HashMap order of topic names: payments before orders.
    assert_eq!(
        v["assignment"]["billing-1"],
        json!([
            ["payments", 0],
            ["payments", 1],
            ["orders", 0],
            ["orders", 1],
            ["orders", 2],
            ["orders", 3]
        ])
    );
    assert_eq!(v["summary"]["moved"], 0);
}

/// Kafka assigns nothing for a subscribed topic that does not exist and goes on.
#[test]
fn unknown_topics_assign_nothing_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    std::fs::write(
        &path,
        r#"{"topics": {"orders": 4},
            "members": [{"id": "a", "subscription": ["orders", "deleted-topic"]},
                        {"id": "b", "subscription": ["orders"]}]}"#,
    )
    .unwrap();
    let (code, out, err) = run(&["assign", "--input", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: topic \"deleted-topic\" does not exist: nothing is assigned for it")
            && err.contains("subscribed by a"),
        "{err}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["assignment"]["a"], json!([["orders", 0], ["orders", 1]]));
    assert_eq!(v["assignment"]["b"], json!([["orders", 2], ["orders", 3]]));
    assert!(v["warnings"][0].as_str().unwrap().contains("deleted-topic"));
    // Golden corpus cases with a deleted and a not-yet-created topic: Java's answer, and the warning.
    for (id, topic) in [
        ("java-101-170-range", "gone"),
        ("java-101-58-sticky", "not-yet"),
    ] {
        let case = golden::case(id);
        let path = golden::write_scenario(dir.path(), &case);
        let strategy = case["assignor"].as_str().unwrap();
        let (code, out, err) = run(&[
            "assign",
            "--strategy",
            strategy,
            "--input",
            path.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(code, 0, "{id}: {err}");
        assert!(
            err.contains(&format!("topic \"{topic}\" does not exist")),
            "{id}: {err}"
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["assignment"], case["expected"], "{id}");
    }
}

/// Where Kafka's own assignor throws, the real rebalance fails: groupctl refuses (exit 4).
#[test]
fn scenarios_kafka_cannot_assign_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["java-101-723-sticky", "java-101-723-cooperative-sticky"] {
        let case = golden::case(id);
        assert!(case.get("java_error").is_some());
        let path = golden::write_scenario(dir.path(), &case);
        let strategy = case["assignor"].as_str().unwrap();
        let (code, out, err) = run(&[
            "assign",
            "--strategy",
            strategy,
            "--input",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 4, "{id}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("Kafka's sticky assignor fails on this scenario")
                && err.contains("the real rebalance would fail too"),
            "{err}"
        );
    }
}

/// A cooperative group whose follow-up rebalances never settle (Kafka's
/// assignor keeps revoking): the first rebalance's answer, a warning, exit 4.
#[test]
fn unsettled_cooperative_rounds_show_the_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let case = golden::case("java-101-1160-cooperative-sticky");
    let path = golden::write_scenario(dir.path(), &case);
    let args = [
        "assign",
        "--strategy",
        "cooperative-sticky",
        "--input",
        path.to_str().unwrap(),
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("do not settle") && err.contains("Kafka would keep rebalancing"),
        "{err}"
    );
    assert!(
        out.contains("First rebalance (the follow-up rebalances do not settle in 20 rounds)"),
        "{out}"
    );
    assert!(out.contains("round 20:"), "{out}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let (code, out, _) = run(&json_args);
    assert_eq!(code, 4);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["final"], Value::Null);
    assert_eq!(
        v["assignment"], case["expected"],
        "the first answer is Kafka's"
    );
    assert_eq!(v["rounds"].as_array().unwrap().len(), 20);
}

#[test]
fn bad_scenarios_exit_2_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let cases = [
        (
            write(
                "syntax.json",
                "{\"topics\": {\"t\": 1},\n \"members\": [}\n",
            ),
            "syntax.json:2:14: expected value".to_string(),
        ),
        (
            // A typo must not silently change the answer.
            write(
                "typo.json",
                "{\"topics\": {\"t\": 1},\n \"members\": [{\"id\": \"a\", \"subscription\": [\"t\"],\n   \"genration\": 3}]}",
            ),
            "typo.json:3:14: unknown field `genration`, expected one of".into(),
        ),
        (
            write(
                "toplevel.json",
                r#"{"topics": {"t": 1}, "members": [], "partition_rack": {}}"#,
            ),
            "unknown field `partition_rack`".into(),
        ),
        (
            write(
                "dup.json",
                r#"{"topics": {"t": 1}, "members": [{"id": "a", "subscription": ["t"]}, {"id": "a", "subscription": ["t"]}]}"#,
            ),
            "member id \"a\" appears more than once".into(),
        ),
        (
            write(
                "owned.json",
                r#"{"topics": {"t": 1}, "members": [{"id": "a", "subscription": ["t"], "owned": [["t", 5]]}]}"#,
            ),
            "member a owns t-5, but t has 1 partitions".into(),
        ),
    ];
    for (path, msg) in cases {
        let (code, out, err) = run(&["assign", "--input", &path]);
        assert_eq!(code, 2, "{path}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&msg), "expected {msg:?} in {err}");
    }
    let (code, _, err) = run(&[
        "assign",
        "--input",
        "examples/assign/group.json",
        "--remove-member",
        "ghost",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no member \"ghost\" to remove"), "{err}");
    let (code, _, err) = run(&[
        "assign",
        "--input",
        "examples/assign/group.json",
        "--partitions",
        "orders=x",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("expected TOPIC=N"), "{err}");
    let (code, _, err) = run(&["assign", "--input", "/nonexistent.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent.json"), "{err}");
    // An assignor groupctl does not implement: refused, the four listed.
    let (code, _, err) = run(&[
        "assign",
        "--input",
        "examples/assign/group.json",
        "--strategy",
        "my-custom-assignor",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("my-custom-assignor")
            && err.contains("range, roundrobin, sticky, cooperative-sticky"),
        "{err}"
    );
}
