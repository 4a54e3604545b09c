//! Bad arguments are refused with groupctl's own one-line message and exit 2
//! before anything is sent: a scripted broker counts the connections.

mod common;
use common::responder::*;
use common::{groupctl, outcome};
use std::sync::atomic::Ordering;

#[test]
fn bad_arguments_are_refused_before_any_network_io() {
    let r = Responder::start(kafka_41_apis(), vec![("orders", 3)], |_| None);
    let cases: &[(&[&str], &str)] = &[
        (
            &["reset-offsets", "g", "--topic", "orders:a,b", "--to-earliest"],
            "error: invalid topic \"orders:a,b\": expected TOPIC or TOPIC:P,P,...\n",
        ),
        (
            &["reset-offsets", "g", "--topic", "orders", "--to-offset", "-1"],
            "error: --to-offset -1: offsets are >= 0\n",
        ),
        (
            &["reset-offsets", "g", "--all-topics", "--to-offset", "-200", "--execute"],
            "error: --to-offset -200: offsets are >= 0\n",
        ),
        (
            &["reset-offsets", "--topic", "orders", "--to-earliest"],
            "error: name the groups to reset, or --all-groups (only --plan FILE without a target takes them from the plan)\n",
        ),
        (
            &["offsets", "fetch", "g", "--topic", "orders:-1"],
            "error: invalid topic \"orders:-1\": expected TOPIC or TOPIC:P,P,...\n",
        ),
        (
            &["offsets", "commit", "g", "--offset", "orders:0=-1"],
            "error: invalid offset \"orders:0=-1\": expected TOPIC:PARTITION=OFFSET with OFFSET >= 0\n",
        ),
        (
            &["delete-offsets", "g", "--topic", "orders:1,,2", "--yes"],
            "error: invalid topic \"orders:1,,2\": expected TOPIC or TOPIC:P,P,...\n",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = outcome(groupctl().args(["-b", r.addr()]).args(*args));
        assert_eq!((code, err.as_str()), (2, *expected), "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
    assert_eq!(
        r.connections.load(Ordering::SeqCst),
        0,
        "nothing may be sent before the arguments are checked"
    );
}

#[test]
fn executing_a_saved_plan_needs_no_group_argument() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("missing.json");
    // Reaches the plan file (not clap's "required arguments were not provided").
    let (code, _, err) = outcome(groupctl().args([
        "reset-offsets",
        "--execute",
        "--plan",
        plan.to_str().unwrap(),
    ]));
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("error: cannot read {}", plan.display())),
        "{err}"
    );
}
