//! `offsets fetch/commit` and `delete` against a real broker, read back with
//! a real consumer. Names are unique per test.

use crate::common;
use common::*;

/// Topic (3 partitions x 10 records) and a group committed at 5 everywhere.
fn setup(bs: &str) -> (String, String) {
    let (t, g) = (unique("orders"), unique("g"));
    create_topic(bs, &t, 3);
    for p in 0..3 {
        produce(bs, &t, p, 10);
    }
    commit(bs, &g, &[(&t, 0, 5), (&t, 1, 5), (&t, 2, 5)]);
    (t, g)
}

#[test]
fn offsets_fetch_and_commit() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (t, g) = setup(bs);
    let parts = [(t.as_str(), 0), (t.as_str(), 1), (t.as_str(), 2)];
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(
        groupctl()
            .args(["-b", bs, "offsets", "commit", &g])
            .args([
                "--offset",
                &format!("{t}:0=1"),
                "--topic",
                &format!("{t}:2=9"),
            ])
            .args(["--backup-dir", dir.path().to_str().unwrap()])
            .args(caps::write_flags(bs, &g)),
    );
    assert!(out.is_empty());
    assert_eq!(committed(bs, &g, &parts), [Some(1), Some(5), Some(9)]);
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        std::fs::read_to_string(backup).unwrap(),
        format!("{t},0,5\n{t},2,5\n")
    );
    let out = stdout_of(groupctl().args(["-b", bs, "offsets", "fetch", &g]));
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LEADER-EPOCH",
            "METADATA",
            "LOG-START-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "NOTE"
        ]
    );
    let expected: Vec<Vec<String>> = [(0, 1, 9), (1, 5, 5), (2, 9, 1)]
        .iter()
        .map(|(p, c, lag)| {
            [
                &g,
                &t,
                &p.to_string(),
                &c.to_string(),
                "-",
                "-",
                "0",
                "10",
                &lag.to_string(),
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        })
        .collect();
    assert_eq!(rows[1..], expected[..], "{out}");
    let v: serde_json::Value = serde_json::from_str(&stdout_of(groupctl().args([
        "-b",
        bs,
        "offsets",
        "fetch",
        &g,
        "--topic",
        &format!("{t}:1"),
        "--json",
    ])))
    .unwrap();
    assert_eq!(v["partitions"][0]["committed_offset"], 5);
    assert_eq!(v["partitions"].as_array().unwrap().len(), 1);
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        bs,
        "offsets",
        "commit",
        &g,
        "--offset",
        &format!("{t}:9=1"),
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("unknown topic or partition {t}-9")),
        "{err}"
    );
}

#[test]
fn delete_group_and_its_refusals() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (t, g) = setup(bs);
    // Not a terminal and no --yes: refused.
    let (code, _, err) = outcome(groupctl().args(["-b", bs, "delete", &g]));
    assert_eq!(code, 3);
    assert!(err.contains("pass --yes"), "{err}");
    let live = unique("live");
    let runner = GroupRunner::start(bs, &live, "range", 1, &[&t]);
    let (code, _, err) = outcome(groupctl().args(["-b", bs, "delete", &live, "--yes"]));
    if caps::describes_groups(bs, &live) {
        // groupctl refuses before anything is sent.
        assert_eq!(code, 3, "{err}");
        assert!(
            err.contains(&format!(
                "refusing to delete groups with active members: {live} (Stable, 1 member(s))"
            )),
            "{err}"
        );
    } else {
        // It cannot see the members; the broker refuses, and groupctl explains.
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(&format!("NON_EMPTY_GROUP (group {live})")),
            "{err}"
        );
    }
    runner.stop();
    assert_eq!(
        stdout_of(groupctl().args(["-b", bs, "delete", &g, "--yes"])),
        format!("deleted group {g}\n")
    );
    assert_eq!(
        committed(bs, &g, &[(&t, 0), (&t, 1), (&t, 2)]),
        [None, None, None]
    );
}
