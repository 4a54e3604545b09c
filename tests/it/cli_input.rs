//! Bad arguments are refused with groupctl's own one-line message and exit 2
//! before anything is sent: a scripted broker counts the connections.

use crate::common;
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

/// A local time the clocks skipped is read as java.time reads it: moved
/// forward by the gap (it used to be refused as "not RFC 3339"). The zone is a
/// POSIX rule whose clocks jump 10:00 -> 11:00 on 2026-11-20, when the example
/// log's records were written (10:00:00Z-10:02:11Z, UTC+0 before the jump).
#[test]
fn a_local_time_in_a_dst_gap_is_moved_forward_by_the_gap() {
    let applied = |as_of: &str, tz: &str| {
        let out = groupctl()
            .env("TZ", tz)
            .args(["wal", "replay", "examples/wal/", "--json", "--as-of", as_of])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{as_of}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["applied"].as_u64().unwrap()
    };
    let jump = "AAA0BBB,M11.3.5/10,M3.1.0";
    let utc = applied("2026-11-20T10:01:01.500Z", "UTC");
    assert_eq!(utc, 9, "records up to 10:01:01.003Z");
    assert_eq!(applied("2026-11-20T10:01:01.500", jump), utc, "in the gap");
    assert_eq!(applied("2026-11-20T11:01:01.500", jump), utc, "after it");
    assert_eq!(applied("2026-11-20T09:59:59", jump), 0, "before it");
}

/// Malformed bootstrap addresses and unknown states or types are usage
/// errors (exit 2) that say what is expected, before anything connects.
#[test]
fn malformed_addresses_states_and_types_are_usage_errors() {
    for (args, says) in [
        (
            vec!["-b", "localhost", "list"],
            "invalid bootstrap server \"localhost\": no port",
        ),
        (vec!["-b", "kafka:abc", "list"], "the port is not a number"),
        (vec!["-b", "kafka:0", "list"], "the port is not a number"),
        (vec!["-b", ":9092", "list"], "not a host name"),
        (vec!["-b", "a b:9092", "list"], "not a host name"),
        (vec!["-b", ",", "list"], "no bootstrap server"),
        (
            vec!["list", "--state", "Bogus"],
            "[possible values: Stable, Empty",
        ),
        (
            vec!["list", "--type", "classic,queue"],
            "[possible values: classic, consumer, share, streams]",
        ),
    ] {
        let (code, out, err) = outcome(groupctl().args(&args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.is_empty());
    }
    // Any case, IPv6 and several brokers are fine (refused connections, not usage errors).
    for args in [
        vec![
            "-b",
            "[::1]:1",
            "--connect-timeout",
            "200ms",
            "list",
            "--state",
            "stable,EMPTY",
        ],
        vec![
            "-b",
            "127.0.0.1:1,localhost:1",
            "--connect-timeout",
            "200ms",
            "list",
            "--type",
            "Consumer",
        ],
    ] {
        let (code, _, err) = outcome(groupctl().args(&args));
        assert_eq!(code, 1, "{args:?}: {err}");
    }
}
