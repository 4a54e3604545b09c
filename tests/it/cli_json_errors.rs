//! With `--json`, every run prints exactly one JSON document on stdout, also
//! when it fails: the command's own document (which names its errors), or
//! `{"error": {"kind", "message", "exit_code"}}` — for usage errors (clap's
//! and groupctl's), unreachable brokers, unknown topics, planning errors,
//! bad files. NDJSON streams end with one `{"error": ...}` line instead.

use crate::common;
use common::responder::*;
use common::{groupctl, outcome};
use kafka_protocol::messages::ApiKey;
use serde_json::Value;

/// The one document on stdout; its error object (if any) agrees with the exit code.
fn one_document(args: &[&str], out: &str, code: i32) -> Value {
    let v: Value = serde_json::from_str(out)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not one JSON document ({e}): {out:?}"));
    if let Some(err) = v.get("error").filter(|e| e.is_object()) {
        assert_eq!(err["exit_code"], code, "{args:?}: {v}");
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{v}"
        );
    }
    v
}

#[test]
fn usage_errors_print_an_error_document() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[profiles.x\n").unwrap();
    let cases: &[&[&str]] = &[
        &["list", "--json", "--no-such-flag"],
        &["--json", "describe"],
        &["reset-offsets", "g", "--json"],
        &[
            "reset-offsets",
            "g",
            "--topic",
            "t",
            "--to-offset",
            "-1",
            "--json",
        ],
        &[
            "reset-offsets",
            "g",
            "--topic",
            "t",
            "--to-datetime",
            "3026-01-01T00:00:00Z",
            "--json",
        ],
        &["offsets", "commit", "g", "--offset", "t:0=x", "--json"],
        &["assign", "--input", "/nonexistent/scenario.json", "--json"],
        &[
            "reset-offsets",
            "--plan",
            "/nonexistent/plan.json",
            "--json",
        ],
    ];
    for args in cases {
        let (code, out, err) = outcome(groupctl().args(*args));
        assert_eq!(code, 2, "{args:?}: {err}");
        let v = one_document(args, &out, code);
        assert_eq!(v["error"]["kind"], "usage", "{args:?}: {v}");
    }
    let args = ["config", "show", "--json"];
    let (code, out, err) = outcome(groupctl().env("GROUPCTL_CONFIG", &cfg).args(args));
    assert_eq!(code, 2, "{err}");
    assert_eq!(one_document(&args, &out, code)["error"]["kind"], "usage");
}

#[test]
fn unreachable_brokers_still_give_one_document() {
    // Port 1: nothing listens there; the connection is refused at once.
    let cases: &[&[&str]] = &[
        &["list", "--json"],
        &["describe", "g", "--json"],
        &["describe", "--all-groups", "--json"],
        &["offsets", "fetch", "g", "--json"],
        &["offsets", "commit", "g", "--offset", "t:0=1", "--json"],
        &[
            "reset-offsets",
            "g",
            "--topic",
            "t",
            "--to-earliest",
            "--json",
        ],
        &["delete", "g", "--yes", "--json"],
        &["delete-offsets", "g", "--topic", "t", "--yes", "--json"],
        &["assign", "--from-group", "g", "--json"],
    ];
    for args in cases {
        let (code, out, err) = outcome(
            groupctl()
                .args([
                    "-b",
                    "127.0.0.1:1",
                    "--connect-timeout",
                    "300ms",
                    "--timeout",
                    "3s",
                ])
                .args(*args),
        );
        assert_eq!(code, 1, "{args:?}: {err}");
        one_document(args, &out, code);
    }
}

#[test]
fn broker_answers_that_stop_a_command_give_an_error_document() {
    // A broker with topic `orders` and group `g` that has committed nothing.
    let r = Responder::start(kafka_41_apis(), vec![("orders", 2)], |req| {
        match req.api_key {
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[])),
            ApiKey::DescribeGroups => Some(describe_not_found(req)),
            ApiKey::ListOffsets => Some(list_offsets(req)),
            _ => None,
        }
    });
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "reset-offsets",
                "g",
                "--topic",
                "nope",
                "--to-earliest",
                "--json",
            ],
            "unknown topic nope",
        ),
        (
            &[
                "reset-offsets",
                "g",
                "--topic",
                "orders",
                "--shift-by",
                "1",
                "--json",
            ],
            "cannot plan",
        ),
        (
            &["offsets", "fetch", "g", "--topic", "orders:7", "--json"],
            "orders",
        ),
    ];
    for (args, says) in cases {
        let (code, out, err) = outcome(groupctl().args(["-b", r.addr()]).args(*args));
        assert_ne!(code, 0, "{args:?}: {err}");
        let v = one_document(args, &out, code);
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{args:?}: {v}");
        assert!(
            err.contains(says),
            "{args:?}: the error line stays on stderr: {err}"
        );
    }
}

#[test]
fn files_that_cannot_be_read_give_an_error_document() {
    for args in [
        ["wal", "inspect", "/nonexistent/seg.log", "--json"],
        ["wal", "replay", "/nonexistent/dir", "--json"],
        ["wal", "stats", "/nonexistent/dir", "--json"],
    ] {
        let (code, out, err) = outcome(groupctl().args(args));
        assert_ne!(code, 0, "{args:?}: {err}");
        assert!(
            one_document(&args, &out, code).get("error").is_some(),
            "{out}"
        );
    }
}

#[test]
fn a_line_stream_ends_with_one_error_line() {
    let (code, out, err) = outcome(groupctl().args([
        "-b",
        "127.0.0.1:1",
        "--connect-timeout",
        "300ms",
        "top",
        "--count",
        "1",
        "--json",
    ]));
    assert_eq!(code, 1, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let last = lines.last().expect("lines");
    assert_eq!(last["error"]["exit_code"], 1, "{out}");
    assert_eq!(last["error"]["kind"], "runtime");
    assert!(lines[..lines.len() - 1]
        .iter()
        .all(|l| l.get("error").is_none()));
}
