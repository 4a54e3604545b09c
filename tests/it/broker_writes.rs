//! Writes against a real broker: OffsetFetch names the partitions the command
//! knows (checked in the request log of a one-broker fault cluster in front
//! of it), a group that does not exist is a typo until allowed, the printed
//! plan command works, group names with commas survive the CSV, and every
//! group is deleted once.

use crate::common;
use common::cluster::{log::of, ApiKey, FaultCluster};
use common::*;
use std::path::Path;

/// Topic `T` (3 partitions x 10 records) and group `G` committed at 5 everywhere.
struct World {
    topic: String,
    group: String,
    /// Flags a write to `group` needs on this broker (see common::caps).
    flags: Vec<&'static str>,
}

fn world(bs: &str) -> World {
    let (topic, group) = (unique("orders"), unique("billing"));
    create_topic(bs, &topic, 3);
    for p in 0..3 {
        produce(bs, &topic, p, 10);
    }
    let t = topic.as_str();
    commit(bs, &group, &[(t, 0, 5), (t, 1, 5), (t, 2, 5)]);
    let flags = caps::write_flags(bs, &group);
    World {
        topic,
        group,
        flags,
    }
}

/// `args` and then `flags`.
fn with<'a>(args: &[&'a str], flags: &[&'static str]) -> Vec<&'a str> {
    args.iter().copied().chain(flags.iter().copied()).collect()
}

fn run(bs: &str, args: &[&str]) -> (i32, String, String) {
    outcome(groupctl().args(["-b", bs]).args(args))
}

fn ok(bs: &str, args: &[&str]) -> String {
    let (code, out, err) = run(bs, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// The partitions each OffsetFetch since the last clear named (empty: all topics).
fn fetched(cluster: &FaultCluster) -> Vec<Vec<(String, i32)>> {
    let log = cluster.requests();
    let out: Vec<Vec<(String, i32)>> = of(&log, ApiKey::OffsetFetch)
        .into_iter()
        .map(|e| {
            let mut p = e.partitions.clone();
            p.sort();
            p
        })
        .collect();
    cluster.clear_logs();
    out
}

fn tps(topic: &str, parts: &[i32]) -> Vec<(String, i32)> {
    parts.iter().map(|p| (topic.to_string(), *p)).collect()
}

#[test]
fn offset_fetch_names_the_partitions_the_command_knows() {
    let cluster = FaultCluster::start(1);
    let bs = cluster.bootstrap();
    let w = world(&bs);
    let (t, g) = (w.topic.as_str(), w.group.as_str());
    // Reads by a real consumer bypass the proxy: its log holds groupctl's requests only.
    let up = cluster.upstream();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    cluster.clear_logs();

    ok(&bs, &["offsets", "fetch", g, "--topic", &format!("{t}:1")]);
    assert_eq!(fetched(&cluster), [tps(t, &[1])]);

    ok(
        &bs,
        &[
            "reset-offsets",
            g,
            "--topic",
            &format!("{t}:0,2"),
            "--to-earliest",
            "--execute",
            "--backup-dir",
            d,
        ]
        .iter()
        .chain(&w.flags)
        .copied()
        .collect::<Vec<_>>(),
    );
    let f = fetched(&cluster);
    // One read, named: the plan's, which the backup saves.
    assert_eq!(f, [tps(t, &[0, 2])], "plan and backup");
    let backup = std::fs::read_dir(dir.path()).unwrap().next().unwrap();
    assert_eq!(
        std::fs::read_to_string(backup.unwrap().path()).unwrap(),
        format!("{t},0,5\n{t},2,5\n")
    );
    assert_eq!(
        committed(up, g, &[(t, 0), (t, 1), (t, 2)]),
        [Some(0), Some(5), Some(0)]
    );

    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, format!("{t},1,3\n")).unwrap();
    let csv = csv.to_str().unwrap();
    ok(
        &bs,
        &[
            "reset-offsets",
            g,
            "--from-file",
            csv,
            "--execute",
            "--backup-dir",
            d,
        ]
        .iter()
        .chain(&w.flags)
        .copied()
        .collect::<Vec<_>>(),
    );
    let f = fetched(&cluster);
    assert!(
        !f.is_empty() && f.iter().all(|x| *x == tps(t, &[1])),
        "{f:?}"
    );

    ok(
        &bs,
        &[
            "offsets",
            "commit",
            g,
            "--offset",
            &format!("{t}:2=4"),
            "--backup-dir",
            d,
        ]
        .iter()
        .chain(&w.flags)
        .copied()
        .collect::<Vec<_>>(),
    );
    let f = fetched(&cluster);
    assert!(
        !f.is_empty() && f.iter().all(|x| *x == tps(t, &[2])),
        "{f:?}"
    );
    assert_eq!(
        committed(up, g, &[(t, 0), (t, 1), (t, 2)]),
        [Some(0), Some(3), Some(4)]
    );

    // "Every topic the group committed" is the one all-topics question, and
    // its answer is what the backup saves (no further read: plan + execute
    // stay within four dependent round trips, tests/it/fault_round_trips.rs).
    ok(
        &bs,
        &[
            "reset-offsets",
            g,
            "--all-topics",
            "--to-latest",
            "--execute",
            "--backup-dir",
            d,
        ]
        .iter()
        .chain(&w.flags)
        .copied()
        .collect::<Vec<_>>(),
    );
    // A broker that answers that form with nothing is asked again naming every
    // partition of the cluster.
    let f = fetched(&cluster);
    match f.as_slice() {
        [all] => assert!(all.is_empty(), "{f:?}"),
        [all, again] => {
            assert!(all.is_empty(), "{f:?}");
            assert!(
                tps(t, &[0, 1, 2]).iter().all(|tp| again.contains(tp)),
                "{f:?}"
            );
        }
        _ => panic!("one all-topics OffsetFetch (and its fallback): {f:?}"),
    }
    let newest = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv") && p != Path::new(csv))
        .max()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(newest).unwrap(),
        format!("{t},0,0\n{t},1,3\n{t},2,4\n"),
        "the backup holds the offsets replaced"
    );
}

#[test]
fn a_group_that_does_not_exist_is_a_typo_until_allowed() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let w = world(bs);
    let t = w.topic.as_str();
    let typo = w.group.replacen("billing", "billnig", 1);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let exists = format!(
        "group {typo} does not exist (no members, no committed offsets, not listed by any broker; did you mean {}",
        w.group
    );

    // The dry run says it first, then shows the plan.
    let (code, out, err) = run(bs, &["reset-offsets", &typo, "--topic", t, "--to-earliest"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with(&format!("warning: {exists}")),
        "the warning comes first: {err}"
    );
    assert!(
        err.lines()
            .next()
            .unwrap()
            .ends_with("; --execute will be refused unless --allow-new-group"),
        "{err}"
    );
    assert!(out.contains(&typo), "the plan is still shown: {out}");

    for args in [
        vec![
            "reset-offsets",
            &typo,
            "--topic",
            t,
            "--to-earliest",
            "--execute",
        ],
        vec!["offsets", "commit", &typo, "--offset", &format!("{t}:0=1")],
    ] {
        let (code, _, err) = run(bs, &[&args[..], &["--backup-dir", d]].concat());
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.starts_with(&format!("error: {exists}")), "{err}");
        assert!(
            err.trim_end()
                .ends_with("nothing committed (pass --allow-new-group to create it)"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no backup"
    );
    assert_eq!(committed(bs, &typo, &[(t, 0)]), [None]);

    let (code, _, err) = run(
        bs,
        &[
            "reset-offsets",
            &typo,
            "--topic",
            t,
            "--to-earliest",
            "--execute",
            "--allow-new-group",
            "--backup-dir",
            d,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("creating group {typo} (--allow-new-group)")),
        "{err}"
    );
    assert_eq!(
        committed(bs, &typo, &[(t, 0), (t, 1), (t, 2)]),
        [Some(0), Some(0), Some(0)]
    );
    // Now it exists: no question asked about its name.
    let flags = caps::write_flags(bs, &typo);
    let offset = format!("{t}:0=1");
    let args = [
        "offsets",
        "commit",
        &typo,
        "--offset",
        &offset,
        "--backup-dir",
        d,
    ];
    ok(bs, &with(&args, &flags));
    assert_eq!(committed(bs, &typo, &[(t, 0)]), [Some(1)]);
}

#[test]
fn the_printed_plan_command_executes_the_plan() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let w = world(bs);
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let (code, _, err) = run(
        bs,
        &[
            "reset-offsets",
            &w.group,
            "--topic",
            &w.topic,
            "--shift-by",
            "-2",
            "--plan",
            plan.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let printed = err
        .lines()
        .find_map(|l| {
            l.split_once("execute it with: ")
                .map(|(_, c)| c.to_string())
        })
        .expect("the command is printed");
    let words: Vec<&str> = printed.split_whitespace().collect();
    assert_eq!(words[0], "groupctl");
    ok(
        bs,
        &[
            &words[1..],
            &["--backup-dir", dir.path().to_str().unwrap()],
            &w.flags,
        ]
        .concat(),
    );
    let t = w.topic.as_str();
    assert_eq!(
        committed(bs, &w.group, &[(t, 0), (t, 1), (t, 2)]),
        [Some(3), Some(3), Some(3)]
    );
}

#[test]
fn group_names_with_commas_survive_export_and_from_file() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let w = world(bs);
    let t = w.topic.as_str();
    let odd = unique("team,a");
    commit(bs, &odd, &[(t, 0, 7), (t, 1, 7), (t, 2, 7)]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.csv");
    ok(
        bs,
        &[
            "reset-offsets",
            &odd,
            &w.group,
            "--topic",
            &format!("{t}:1"),
            "--shift-by",
            "-1",
            "--export",
            csv.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(&format!("{odd},{t},1,6\n")), "{text}");
    ok(
        bs,
        &[
            "reset-offsets",
            &odd,
            &w.group,
            "--from-file",
            csv.to_str().unwrap(),
            "--execute",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ]
        .iter()
        .chain(&caps::write_flags(bs, &odd))
        .copied()
        .collect::<Vec<_>>(),
    );
    assert_eq!(committed(bs, &odd, &[(t, 0), (t, 1)]), [Some(7), Some(6)]);
    assert_eq!(committed(bs, &w.group, &[(t, 1)]), [Some(4)]);
}

#[test]
fn delete_names_each_group_once() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let w = world(bs);
    let (g, t) = (w.group.as_str(), w.topic.as_str());
    let h = unique("audit");
    commit(bs, &h, &[(t, 0, 1)]);
    assert_eq!(
        ok(bs, &["delete", g, &h, g, "--yes"]),
        format!("deleted group {g}\ndeleted group {h}\n")
    );
    assert_eq!(committed(bs, g, &[(t, 0)]), [None]);
    assert_eq!(committed(bs, &h, &[(t, 0)]), [None]);
}
