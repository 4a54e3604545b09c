//! `groupctl assign` end to end through the binary.

mod common;
use common::groupctl;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = groupctl().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
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
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!(v);
    assert!(
        v.get("final").is_none(),
        "only cooperative-sticky has a final state"
    );
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
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["members"][3]["id"], "x");
    assert_eq!(
        v["members"][3]["subscription"],
        serde_json::json!(["orders"])
    );
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
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["strategy"], "range");
    // Range appends topic by topic in Java HashMap order of topic names: payments before orders.
    assert_eq!(
        v["assignment"]["billing-1"],
        serde_json::json!([
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
            write(
                "unknown.json",
                r#"{"topics": {"t": 1}, "members": [{"id": "a", "subscription": ["nope"]}]}"#,
            ),
            "member a subscribes to unknown topic \"nope\"".into(),
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
}
