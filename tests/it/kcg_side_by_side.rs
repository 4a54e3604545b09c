//! groupctl and Kafka's own `kafka-consumer-groups.sh` (ConsumerGroupCommand
//! from the Kafka 4.4 jars) on the same Apache Kafka cluster, value by value:
//! `list` with states and types; `describe` offsets, members and state, with
//! `--verbose`; `reset-offsets` for every target and scope (the same dry-run
//! plan, byte-identical `--export` CSV, each tool reads the other's CSV, the
//! same offsets after `--execute`); `delete` and `delete-offsets`. Where
//! groupctl deliberately differs (README, "Differences from
//! kafka-consumer-groups.sh"), the difference itself is asserted.
//!
//! Groups of both protocols are driven by real clients: librdkafka
//! (confluent-kafka) with the classic protocol, and with `group.protocol=consumer`.

use crate::common;
use common::kafka;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Only on Apache Kafka: that is where the reference tool's answer is the reference.
fn on_kafka() -> bool {
    let yes = test_broker() == TestBroker::Kafka;
    if !yes {
        skip("kafka-consumer-groups.sh comparisons run on Apache Kafka only");
    }
    yes
}

fn kcg(bs: &str, args: &[&str]) -> String {
    let mut all = vec!["--bootstrap-server", bs];
    all.extend_from_slice(args);
    let (code, out, err) = kafka::tool("consumer-groups", &all);
    assert_eq!(code, 0, "kafka-consumer-groups.sh {args:?}: {err}{out}");
    out
}

/// A kafka-consumer-groups.sh table: one map per row, keyed by the header.
/// `COORDINATOR (ID)` is one column whose value is `host:port  (id)`.
fn table(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text
        .lines()
        .map(|l| l.replace("COORDINATOR (ID)", "COORDINATOR(ID)"))
        .filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let keys: Vec<String> = header.split_whitespace().map(String::from).collect();
    lines
        .map(|l| {
            let l = regex_join_coordinator(&l);
            let mut vals: Vec<&str> = l.split_whitespace().collect();
            // A last column left blank (kafka-groups.sh: no protocol type).
            if vals.len() + 1 == keys.len() {
                vals.push("");
            }
            assert_eq!(vals.len(), keys.len(), "{header}\n{l}");
            keys.iter()
                .cloned()
                .zip(vals.into_iter().map(String::from))
                .collect()
        })
        .collect()
}

/// `127.0.0.1:9092  (1)` -> `127.0.0.1:9092(1)`
fn regex_join_coordinator(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("  (") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn groupctl_json(bs: &str, args: &[&str]) -> Value {
    let out = stdout_of(groupctl().args(["-b", bs]).args(args));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// `orders:0,1` (kafka-consumer-groups.sh) or groupctl's JSON list, as a set.
fn kcg_assignment(cell: &str) -> BTreeSet<(String, i64)> {
    if cell == "-" {
        return BTreeSet::new();
    }
    cell.split(',')
        .fold(
            (String::new(), BTreeSet::new()),
            |(mut topic, mut set), piece| {
                let p = match piece.rsplit_once(':') {
                    Some((t, p)) => {
                        topic = t.to_string();
                        p
                    }
                    None => piece,
                };
                set.insert((topic.clone(), p.parse().unwrap()));
                (topic, set)
            },
        )
        .1
}

fn json_assignment(v: &Value) -> BTreeSet<(String, i64)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|tp| {
                    (
                        tp["topic"].as_str().unwrap().to_string(),
                        tp["partition"].as_i64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn dash(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) if s.is_empty() => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A topic of 3 partitions x 10 records; `idle` committed at 5/3/- (partition
/// 2 never committed); `classic` and `kip848` with 2 live members each.
struct Groups {
    idle: String,
    classic: String,
    /// None where the broker runs no KIP-848 groups (Kafka 3.9).
    kip848: Option<String>,
    _runners: Vec<GroupRunner>,
}

impl Groups {
    fn all(&self) -> Vec<&String> {
        let mut v = vec![&self.idle, &self.classic];
        v.extend(self.kip848.as_ref());
        v
    }
}

fn groups(bs: &str) -> Groups {
    let topic = unique("kcg-orders");
    create_topic(bs, &topic, 3);
    for p in 0..3 {
        produce(bs, &topic, p, 10);
    }
    let idle = unique("kcg-idle");
    commit(bs, &idle, &[(&topic, 0, 5), (&topic, 1, 3)]);
    let classic = unique("kcg-classic");
    let mut runners = vec![GroupRunner::start(bs, &classic, "roundrobin", 2, &[&topic])];
    let kip848 = caps::consumer_groups(bs).then(|| unique("kcg-848"));
    if let Some(g) = &kip848 {
        runners.push(GroupRunner::start(bs, g, "consumer", 2, &[&topic]));
    }
    Groups {
        idle,
        classic,
        kip848,
        _runners: runners,
    }
}

#[test]
fn list_states_and_types_match_kafka_consumer_groups() {
    if !on_kafka() {
        return;
    }
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let g = groups(bs);
    let ours = g.all();
    let theirs: BTreeMap<String, (String, String)> =
        table(&kcg(bs, &["--list", "--state", "--type"]))
            .into_iter()
            .filter(|r| ours.iter().any(|o| **o == r["GROUP"]))
            .map(|r| {
                (
                    r["GROUP"].clone(),
                    (r["TYPE"].to_lowercase(), r["STATE"].clone()),
                )
            })
            .collect();
    let v = groupctl_json(bs, &["list", "--json"]);
    let mine: BTreeMap<String, (String, String)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| ours.iter().any(|o| **o == x["group"]))
        .map(|x| {
            (
                x["group"].as_str().unwrap().to_string(),
                (
                    x["type"].as_str().unwrap().to_string(),
                    x["state"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect();
    assert_eq!(mine, theirs);
    if let Some(k) = &g.kip848 {
        assert_eq!(mine[k].0, "consumer");
    }
    assert_eq!(
        mine[&g.classic],
        ("classic".to_string(), "Stable".to_string())
    );
    // kafka-groups.sh --list (every group type) names the same groups and types.
    let (code, out, err) = kafka::tool("groups", &["--bootstrap-server", bs, "--list"]);
    assert_eq!(code, 0, "{err}{out}");
    let rows = table(&out);
    let all_types: BTreeMap<String, String> = rows
        .iter()
        .filter(|r| ours.iter().any(|o| **o == r["GROUP"]))
        .map(|r| {
            let t = r.get("TYPE").map(|t| t.to_lowercase()).unwrap_or_default();
            (r["GROUP"].clone(), t)
        })
        .collect();
    let mine_types: BTreeMap<String, String> = mine
        .iter()
        .map(|(g, (t, _))| {
            (
                g.clone(),
                if rows.first().is_some_and(|r| r.contains_key("TYPE")) {
                    t.clone()
                } else {
                    String::new()
                },
            )
        })
        .collect();
    assert_eq!(mine_types, all_types, "kafka-groups.sh --list: {out}");
    // The filters select the same groups.
    for (flag, value) in [
        ("--state", "Stable"),
        ("--state", "Empty"),
        ("--type", "consumer"),
        ("--type", "classic"),
    ] {
        let theirs: BTreeSet<String> = table(&kcg(bs, &["--list", flag, value]))
            .into_iter()
            .map(|r| r["GROUP"].clone())
            .filter(|x| ours.contains(&x))
            .collect();
        let v = groupctl_json(bs, &["list", flag, value, "--json"]);
        let mine: BTreeSet<String> = v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["group"].as_str().unwrap().to_string())
            .filter(|x| ours.contains(&x))
            .collect();
        assert_eq!(mine, theirs, "{flag} {value}");
    }
}

#[test]
fn describe_matches_kafka_consumer_groups_value_by_value() {
    if !on_kafka() {
        return;
    }
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let g = groups(bs);
    for group in g.all() {
        // Offsets, with --verbose's LEADER-EPOCH.
        let theirs = table(&kcg(
            bs,
            &["--describe", "--group", group, "--offsets", "--verbose"],
        ));
        let v = groupctl_json(bs, &["describe", group, "--json"]);
        let d = &v["groups"][0];
        let mut mine = Vec::new();
        for p in d["partitions"].as_array().unwrap() {
            mine.push(BTreeMap::from([
                ("GROUP".to_string(), group.to_string()),
                ("TOPIC".into(), dash(&p["topic"])),
                ("PARTITION".into(), dash(&p["partition"])),
                ("LEADER-EPOCH".into(), dash(&p["leader_epoch"])),
                ("CURRENT-OFFSET".into(), dash(&p["current_offset"])),
                ("LOG-END-OFFSET".into(), dash(&p["log_end_offset"])),
                ("LAG".into(), dash(&p["lag"])),
                ("CONSUMER-ID".into(), dash(&p["consumer_id"])),
                ("HOST".into(), dash(&p["host"])),
                ("CLIENT-ID".into(), dash(&p["client_id"])),
            ]));
        }
        let sorted = |mut rows: Vec<BTreeMap<String, String>>| {
            rows.sort_by_key(|r| {
                (
                    r["TOPIC"].clone(),
                    r["PARTITION"].parse::<i64>().unwrap_or(-1),
                )
            });
            rows
        };
        // Deliberate: groupctl also shows the partitions of the group's topics
        // that it has neither committed nor been assigned (`-`), which the
        // Apache tool leaves out; it counts them in `partitions_without_commit`.
        let (extra, mine): (Vec<_>, Vec<_>) = mine.into_iter().partition(|r| {
            r["CURRENT-OFFSET"] == "-"
                && r["CONSUMER-ID"] == "-"
                && !theirs
                    .iter()
                    .any(|t| t["TOPIC"] == r["TOPIC"] && t["PARTITION"] == r["PARTITION"])
        });
        assert_eq!(
            d["partitions_without_commit"].as_u64().unwrap() as usize,
            extra.len() + mine.iter().filter(|r| r["CURRENT-OFFSET"] == "-").count(),
            "{group}"
        );
        // Only the columns this Kafka's tool prints (3.9 has no LEADER-EPOCH).
        let columns: BTreeSet<String> = theirs
            .first()
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default();
        let mine: Vec<BTreeMap<String, String>> = mine
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .filter(|(k, _)| columns.is_empty() || columns.contains(k))
                    .collect()
            })
            .collect();
        assert_eq!(sorted(mine), sorted(theirs), "{group}: --offsets --verbose");

        // Members, with --verbose's epochs and assignments.
        let members = kcg(
            bs,
            &["--describe", "--group", group, "--members", "--verbose"],
        );
        let theirs: BTreeMap<String, BTreeMap<String, String>> = table(&members)
            .into_iter()
            .map(|r| (r["CONSUMER-ID"].clone(), r))
            .collect();
        let v = groupctl_json(bs, &["describe", group, "--members", "--json"]);
        let d = &v["groups"][0];
        let ms = d["members"].as_array().unwrap();
        assert_eq!(ms.len(), theirs.len(), "{group}: {members}");
        for m in ms {
            let id = m["member_id"].as_str().unwrap();
            let r = &theirs[id];
            assert_eq!(r["HOST"], dash(&m["host"]), "{group} {id}");
            assert_eq!(r["CLIENT-ID"], dash(&m["client_id"]), "{group} {id}");
            let current = json_assignment(&m["assignment"]);
            assert_eq!(r["#PARTITIONS"], current.len().to_string());
            assert_eq!(
                kcg_assignment(&r["CURRENT-ASSIGNMENT"]),
                current,
                "{group} {id}"
            );
            assert_eq!(r["CURRENT-EPOCH"], dash(&m["member_epoch"]), "{group} {id}");
            let target_epoch = if m["target_assignment"].is_null() {
                Value::Null
            } else {
                d["assignment_epoch"].clone()
            };
            assert_eq!(r["TARGET-EPOCH"], dash(&target_epoch), "{group} {id}");
            assert_eq!(
                kcg_assignment(&r["TARGET-ASSIGNMENT"]),
                json_assignment(&m["target_assignment"]),
                "{group} {id}"
            );
        }

        // State, with --verbose's epochs.
        let theirs = table(&kcg(
            bs,
            &["--describe", "--group", group, "--state", "--verbose"],
        ));
        let v = groupctl_json(bs, &["describe", group, "--state", "--json"]);
        let d = &v["groups"][0];
        let c = &d["coordinator"];
        assert_eq!(theirs.len(), 1);
        let r = &theirs[0];
        assert_eq!(
            r["COORDINATOR(ID)"],
            format!("{}:{}({})", dash(&c["host"]), c["port"], c["id"])
        );
        assert_eq!(r["ASSIGNMENT-STRATEGY"], dash(&d["assignor"]), "{group}");
        assert_eq!(r["STATE"], dash(&d["state"]), "{group}");
        assert_eq!(r["GROUP-EPOCH"], dash(&d["group_epoch"]), "{group}");
        assert_eq!(
            r["TARGET-ASSIGNMENT-EPOCH"],
            dash(&d["assignment_epoch"]),
            "{group}"
        );
        assert_eq!(
            r["#MEMBERS"],
            d["members"].as_array().unwrap().len().to_string()
        );
    }
}

/// `topic` (3 partitions): 10 records each, a pause, `t_mid`, a pause, 10
/// more; groups are made committed at 5/12/18.
struct ResetFx {
    bs: String,
    topic: String,
    t_mid_ms: i64,
    _broker: Broker,
}

impl ResetFx {
    fn new() -> ResetFx {
        let broker = Broker::start();
        let bs = broker.bootstrap().to_string();
        let topic = unique("kcg-reset");
        create_topic(&bs, &topic, 3);
        for p in 0..3 {
            produce(&bs, &topic, p, 10);
        }
        std::thread::sleep(std::time::Duration::from_millis(2500));
        let t_mid_ms = chrono::Utc::now().timestamp_millis();
        std::thread::sleep(std::time::Duration::from_millis(2500));
        for p in 0..3 {
            produce(&bs, &topic, p, 10);
        }
        ResetFx {
            bs,
            topic,
            t_mid_ms,
            _broker: broker,
        }
    }

    fn group(&self, name: &str) -> String {
        let g = unique(name);
        let t = self.topic.as_str();
        commit(&self.bs, &g, &[(t, 0, 5), (t, 1, 12), (t, 2, 18)]);
        g
    }

    fn committed(&self, g: &str) -> Vec<Option<i64>> {
        let t = self.topic.as_str();
        committed(&self.bs, g, &[(t, 0), (t, 1), (t, 2)])
    }

    /// groupctl's dry run: its `--export` CSV.
    fn groupctl_csv(&self, g: &str, args: &[&str], dir: &std::path::Path) -> String {
        let path = dir.join(format!("{g}.groupctl.csv"));
        let mut cmd = groupctl();
        cmd.args(["-b", &self.bs, "reset-offsets", g])
            .args(args)
            .args(["--export", path.to_str().unwrap()]);
        stdout_of(&mut cmd);
        std::fs::read_to_string(&path).unwrap()
    }

    /// kafka-consumer-groups.sh's dry run: its `--export` CSV (on stdout),
    /// its lines sorted. Deliberate: the Apache tool writes rows in the
    /// iteration order of a Java HashMap (it changes with the topic's name);
    /// groupctl writes them sorted by topic and partition. The bytes are the
    /// same once sorted, and each tool reads the other's file.
    fn kcg_csv(&self, g: &str, args: &[&str]) -> String {
        let mut all = vec!["--reset-offsets", "--group", g];
        all.extend_from_slice(args);
        all.extend(["--dry-run", "--export"]);
        let mut lines: Vec<String> = kcg(&self.bs, &all)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        lines.sort_by_key(|l| {
            let mut f = l.trim_end().rsplitn(3, ',');
            let (_, p, t) = (f.next(), f.next(), f.next());
            (
                t.unwrap_or("").to_string(),
                p.and_then(|p| p.parse::<i64>().ok()),
            )
        });
        lines.concat()
    }
}

/// Every target: the same plan (as the `--export` CSV, byte for byte), and
/// the same committed offsets after `--execute` (groupctl on one group,
/// kafka-consumer-groups.sh on its twin).
#[test]
fn reset_offsets_every_target_matches_kafka_consumer_groups() {
    if !on_kafka() {
        return;
    }
    let f = ResetFx::new();
    let dir = tempfile::tempdir().unwrap();
    let mid = chrono::DateTime::from_timestamp_millis(f.t_mid_ms)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let file = dir.path().join("in.csv");
    std::fs::write(&file, format!("{t},0,2\n{t},1,15\n{t},2,0\n", t = f.topic)).unwrap();
    let file = file.to_str().unwrap().to_string();
    let targets: Vec<Vec<String>> = vec![
        vec!["--to-earliest".into()],
        vec!["--to-latest".into()],
        vec!["--to-offset".into(), "7".into()],
        vec!["--to-offset".into(), "100".into()],
        vec!["--shift-by".into(), "-3".into()],
        vec!["--shift-by".into(), "50".into()],
        vec!["--shift-by".into(), "-9".into()],
        vec!["--to-current".into()],
        vec!["--to-datetime".into(), mid.clone()],
        vec!["--by-duration".into(), "PT0S".into()],
        vec!["--from-file".into(), file.clone()],
    ];
    for target in &targets {
        // --by-duration: from now back to the pause between the two batches,
        // computed afresh for each run (the runs are seconds apart).
        let args_now = || -> Vec<String> {
            let mut args = target.clone();
            if args[0] == "--by-duration" {
                let secs = (chrono::Utc::now().timestamp_millis() - f.t_mid_ms) as f64 / 1000.0;
                args[1] = format!("PT{secs:.3}S");
            }
            if args[0] != "--from-file" {
                args.push("--all-topics".into());
            }
            args
        };
        let (a, b) = (f.group("kcg-r-ours"), f.group("kcg-r-theirs"));
        let ours = f.groupctl_csv(&a, &refs(&args_now()), dir.path());
        let theirs = f.kcg_csv(&b, &refs(&args_now()));
        let what = target.join(" ");
        assert_eq!(
            ours, theirs,
            "{what}: the same plan, byte for byte (sorted)"
        );
        // Each reads the other's CSV and plans the same.
        let ours_path = dir.path().join("ours.csv");
        let theirs_path = dir.path().join("theirs.csv");
        std::fs::write(&ours_path, &ours).unwrap();
        std::fs::write(&theirs_path, &theirs).unwrap();
        let back = f.kcg_csv(&b, &["--from-file", ours_path.to_str().unwrap()]);
        assert_eq!(
            back, ours,
            "{what}: kafka-consumer-groups.sh reads groupctl's CSV"
        );
        let back = f.groupctl_csv(
            &a,
            &["--from-file", theirs_path.to_str().unwrap()],
            dir.path(),
        );
        assert_eq!(
            back, theirs,
            "{what}: groupctl reads kafka-consumer-groups.sh's CSV"
        );
        // And executes the same.
        let mut exec = args_now();
        exec.extend([
            "--execute".into(),
            "--backup-dir".into(),
            dir.path().to_str().unwrap().into(),
        ]);
        stdout_of(
            groupctl()
                .args(["-b", &f.bs, "reset-offsets", &a])
                .args(&exec),
        );
        let mut theirs_exec = vec!["--reset-offsets".to_string(), "--group".into(), b.clone()];
        theirs_exec.extend(args_now());
        theirs_exec.push("--execute".into());
        kcg(&f.bs, &refs(&theirs_exec));
        assert_eq!(f.committed(&a), f.committed(&b), "{what}: after --execute");
    }
}

/// Every scope with two targets, and the deliberate differences asserted.
#[test]
fn reset_offsets_every_scope_matches_and_the_differences_are_deliberate() {
    if !on_kafka() {
        return;
    }
    let f = ResetFx::new();
    let dir = tempfile::tempdir().unwrap();
    let t = f.topic.clone();
    let some = format!("{t}:0,2");
    for scope in [
        vec!["--all-topics"],
        vec!["--topic", &t],
        vec!["--topic", &some],
    ] {
        for target in [vec!["--to-earliest"], vec!["--shift-by", "-4"]] {
            let args: Vec<&str> = target.iter().chain(&scope).copied().collect();
            let (a, b) = (f.group("kcg-s-ours"), f.group("kcg-s-theirs"));
            assert_eq!(
                f.groupctl_csv(&a, &args, dir.path()),
                f.kcg_csv(&b, &args),
                "{args:?}"
            );
        }
    }

    // A partition without a committed offset and --to-current: the Apache
    // tool silently plans the log end; groupctl asks where it should go.
    let g = unique("kcg-partial");
    commit(&f.bs, &g, &[(&t, 0, 5)]);
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &f.bs,
        "reset-offsets",
        &g,
        "--topic",
        &t,
        "--to-current",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--fallback"), "{err}");
    assert_eq!(
        f.groupctl_csv(
            &g,
            &["--topic", &t, "--to-current", "--fallback", "latest"],
            dir.path()
        ),
        f.kcg_csv(&g, &["--topic", &t, "--to-current"]),
        "--fallback latest plans what the Apache tool plans"
    );

    // A mistyped group: the Apache tool creates it; groupctl refuses.
    let typo = unique("kcg-typo");
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &f.bs,
        "reset-offsets",
        &typo,
        "--topic",
        &t,
        "--to-earliest",
        "--execute",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(f.committed(&typo), [None, None, None]);
    kcg(
        &f.bs,
        &[
            "--reset-offsets",
            "--group",
            &typo,
            "--topic",
            &t,
            "--to-earliest",
            "--execute",
        ],
    );
    assert_eq!(
        f.committed(&typo),
        [Some(0), Some(0), Some(0)],
        "the Apache tool created it"
    );

    // A time before 1970: the Apache tool sends it as ListOffsets' -1 ("latest").
    let g = f.group("kcg-1969");
    assert_eq!(
        f.kcg_csv(
            &g,
            &["--all-topics", "--to-datetime", "1969-12-31T23:59:59.999"]
        ),
        format!("{t},0,20\n{t},1,20\n{t},2,20\n"),
        "(the reference tool's answer, for the record)"
    );
    assert_eq!(
        f.groupctl_csv(
            &g,
            &["--all-topics", "--to-datetime", "1969-12-31T23:59:59.999Z"],
            dir.path()
        ),
        format!("{t},0,0\n{t},1,0\n{t},2,0\n"),
        "groupctl: the log start"
    );
}

/// `delete` and `delete-offsets`: both tools refuse a group with members and
/// remove an empty group's offsets the same way.
#[test]
fn delete_and_delete_offsets_match_kafka_consumer_groups() {
    if !on_kafka() {
        return;
    }
    let f = ResetFx::new();
    let t = f.topic.clone();
    let (a, b) = (f.group("kcg-d-ours"), f.group("kcg-d-theirs"));
    // delete-offsets of partition 1.
    stdout_of(groupctl().args([
        "-b",
        &f.bs,
        "delete-offsets",
        &a,
        "--topic",
        &format!("{t}:1"),
        "--yes",
    ]));
    kcg(
        &f.bs,
        &[
            "--delete-offsets",
            "--group",
            &b,
            "--topic",
            &format!("{t}:1"),
        ],
    );
    assert_eq!(f.committed(&a), [Some(5), None, Some(18)]);
    assert_eq!(f.committed(&a), f.committed(&b));
    // delete the groups.
    stdout_of(groupctl().args(["-b", &f.bs, "delete", &a, "--yes"]));
    kcg(&f.bs, &["--delete", "--group", &b]);
    assert_eq!(f.committed(&a), [None, None, None]);
    assert_eq!(f.committed(&b), [None, None, None]);
    // A group with members: both refuse.
    let live = unique("kcg-d-live");
    let runner = GroupRunner::start(&f.bs, &live, "range", 1, &[&t]);
    let (code, _, err) = outcome(groupctl().args(["-b", &f.bs, "delete", &live, "--yes"]));
    assert_eq!(
        code, 3,
        "refused for safety before asking the broker: {err}"
    );
    assert!(err.contains("active members"), "{err}");
    let mut all = vec![
        "--bootstrap-server",
        f.bs.as_str(),
        "--delete",
        "--group",
        live.as_str(),
    ];
    let (_, out, _) = kafka::tool("consumer-groups", &all);
    assert!(
        out.contains("NonEmptyGroupException") || out.contains("not empty"),
        "{out}"
    );
    all.clear();
    runner.stop();
}
