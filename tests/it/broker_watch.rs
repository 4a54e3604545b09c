//! Time lag, the live view and alerts against the real test broker, with
//! real (librdkafka) producers and consumers at steady rates.

use crate::common;
use crate::watch_support;

use common::{caps, commit, create_topic, groupctl, outcome, stdout_of, unique, Broker};
use serde_json::Value;
use std::time::Duration;
use watch_support::{groupctl_lines, pace_consume, pace_produce, produced};

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// `n` records with CreateTime an hour old; the timestamp of each offset.
fn hour_old_records(bs: &str, topic: &str, n: usize) -> std::collections::BTreeMap<i64, i64> {
    let mut p = pace_produce(bs, topic, 0, 50, -3_600_000, Some(n as u32));
    assert!(p.wait().success());
    let written = produced(&p);
    assert_eq!(written.len(), n, "{written:?}");
    written
}

#[test]
fn time_lag_is_the_age_of_the_record_at_the_committed_offset() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, behind, done) = (unique("events"), unique("tl-behind"), unique("tl-done"));
    create_topic(bs, &topic, 2);
    let written = hour_old_records(bs, &topic, 6);
    commit(bs, &behind, &[(&topic, 0, 4)]);
    commit(bs, &done, &[(&topic, 0, 6)]);

    let before = now_ms();
    let describe = |g: &str, args: &[&str]| {
        caps::describe_stdout(bs, g, groupctl().args(["-b", bs, "describe", g]).args(args))
    };
    let json = describe(&behind, &["--json"]);
    let after = now_ms();
    let v: Value = serde_json::from_str(&json).unwrap();
    let p = &v["groups"][0]["partitions"][0];
    assert_eq!(
        (p["partition"].as_i64(), p["lag"].as_i64()),
        (Some(0), Some(2))
    );
    // The next record to consume is offset 4: its CreateTime, as the producer wrote it.
    assert_eq!(
        p["next_record_timestamp"].as_i64(),
        Some(written[&4]),
        "{p}"
    );
    assert_eq!(p["timestamp_type"], "CreateTime");
    let lag = p["time_lag_ms"].as_i64().unwrap();
    assert!(
        (before - written[&4]..=after - written[&4]).contains(&lag),
        "time lag {lag} ms, record written at {}, read between {before} and {after}",
        written[&4]
    );
    assert_eq!(p["time_lag_note"], Value::Null);
    // Partition 1 has no commit: no time lag.
    let p1 = &v["groups"][0]["partitions"][1];
    assert_eq!(
        (p1["lag"].clone(), p1["time_lag_ms"].clone()),
        (Value::Null, Value::Null)
    );

    let table = describe(&behind, &[]);
    assert!(table.contains(", max time lag 1h00m"), "{table}");
    let row = table
        .lines()
        .find(|l| l.contains(&topic) && l.contains(" 4 "))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        &cells[1..7],
        &[topic.as_str(), "0", "4", "6", "2", "1h00m"],
        "{table}"
    );

    // Caught up: '-' in the table, 0 in JSON.
    let table = describe(&done, &[]);
    assert!(table.contains(", max time lag -"), "{table}");
    let json = describe(&done, &["--json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["groups"][0]["partitions"][0]["time_lag_ms"], 0);
}

#[test]
fn time_lag_of_every_partition_when_backlogs_are_big() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, group) = (unique("backlog"), unique("backlog-g"));
    create_topic(bs, &topic, 3);
    // 400 records of 200 bytes per partition: more than the 24 KiB asked for in all.
    for p in 0..3 {
        let out = std::process::Command::new(common::test_python())
            .arg(common::repo_root().join("tests/clients/kclient.py"))
            .args(["produce", bs, &topic, &p.to_string(), "400", "200"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    commit(
        bs,
        &group,
        &[(&topic, 0, 0), (&topic, 1, 0), (&topic, 2, 0)],
    );
    let json = caps::describe_stdout(
        bs,
        &group,
        groupctl().args(["-b", bs, "describe", &group, "--json"]),
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    let parts = v["groups"][0]["partitions"].as_array().unwrap();
    assert_eq!(parts.len(), 3);
    for p in parts {
        assert_eq!(p["lag"], 400, "{p}");
        // A broker may fill its answer with the first partition's backlog;
        // the others are asked for again.
        assert!(p["time_lag_ms"].as_i64().is_some_and(|t| t >= 0), "{p}");
        assert!(p["next_record_timestamp"].is_i64(), "{p}");
    }
}

#[test]
fn alerts_exit_5_when_a_threshold_is_breached() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, idle, done) = (unique("alerts"), unique("al-idle"), unique("al-done"));
    create_topic(bs, &topic, 1);
    hour_old_records(bs, &topic, 3);
    commit(bs, &idle, &[(&topic, 0, 1)]);
    commit(bs, &done, &[(&topic, 0, 3)]);
    let run = |args: &[&str]| outcome(groupctl().args(["-b", bs]).args(args));
    if !caps::describes_groups(bs, &idle) {
        // Members unknown: never STOPPED, so that alert cannot fire; time lag
        // is still judged (exit 5 wins over the partial result's 4).
        let (code, _, err) = run(&["describe", &idle, "--fail-on", "stopped"]);
        assert_eq!(code, 4, "{err}");
        let (code, _, err) = run(&["describe", &idle, "--max-time-lag", "30m"]);
        assert_eq!(code, 5, "{err}");
        assert!(
            err.contains(&format!("group {idle}: time lag 1h00m over 30m00s")),
            "{err}"
        );
        return;
    }

    // Lag and nobody consuming: STOPPED from a single sample.
    let (code, out, err) = run(&["describe", &idle, "--fail-on", "stopped,REWOUND"]);
    assert_eq!(code, 5, "{err}");
    assert_eq!(
        err,
        format!("error: threshold breached: group {idle} is STOPPED\n")
    );
    assert!(
        out.contains("max time lag 1h00m"),
        "the table is printed first: {out}"
    );
    // LAGGING needs samples over time: one sample never says it.
    assert_eq!(run(&["describe", &idle, "--fail-on", "LAGGING"]).0, 0);
    let (code, _, err) = run(&["describe", &idle, "--max-time-lag", "30m"]);
    assert_eq!(code, 5);
    assert!(
        err.contains(&format!("group {idle}: time lag 1h00m over 30m00s")),
        "{err}"
    );
    assert_eq!(run(&["describe", &idle, "--max-time-lag", "2h"]).0, 0);
    // Caught up: nothing to say.
    assert_eq!(
        run(&[
            "describe",
            &done,
            "--fail-on",
            "STOPPED",
            "--max-time-lag",
            "1s"
        ])
        .0,
        0
    );

    // top --count 1: one JSON line, the same judgement.
    let (code, out, err) = run(&["top", "--count", "1", "--json", "--fail-on", "STOPPED"]);
    assert_eq!(code, 5, "{err}");
    assert_eq!(out.lines().count(), 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let status = |g: &str| {
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["group"] == g)
            .map(|x| x["status"].clone())
    };
    assert_eq!(status(&idle), Some(Value::from("STOPPED")));
    assert_eq!(status(&done), Some(Value::from("OK")));
    // Sorted by time lag: the idle group (an hour) before the caught-up one.
    let order: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["group"].as_str())
        .filter(|g| *g == idle || *g == done)
        .collect();
    assert_eq!(order, vec![idle.as_str(), done.as_str()]);

    // Usage errors: alerts judge lag; --count needs --watch.
    assert_eq!(
        run(&["describe", &idle, "--members", "--fail-on", "STOPPED"]).0,
        2
    );
    assert_eq!(run(&["describe", &idle, "--count", "2"]).0, 2);
    let (code, _, err) = run(&["describe", "--watch", &idle]);
    assert_eq!(code, 2);
    assert!(err.contains("put the groups before --watch"), "{err}");
}

/// Status of the group in one sample line.
fn group_of<'a>(sample: &'a Value, group: &str) -> Option<&'a Value> {
    sample["groups"]
        .as_array()?
        .iter()
        .find(|g| g["group"] == group)
}

fn status_is<'a>(group: &'a str, status: &'static str) -> impl Fn(&Value) -> bool + 'a {
    move |s| group_of(s, group).is_some_and(|g| g["status"] == status)
}

#[test]
fn an_incident_lagging_catching_up_stopped_rewound() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, group) = (unique("orders"), unique("orders-app"));
    create_topic(bs, &topic, 1);
    let probe = unique("probe");
    commit(bs, &probe, &[(&topic, 0, 0)]);
    if !caps::describes_groups(bs, &probe) {
        // STOPPED and rebalances need the members (DescribeGroups).
        return;
    }
    // A producer at 20/s (CreateTime a minute old, so the time lag is
    // clearly the producer's timestamp); the consumer at 5/s.
    let producer = pace_produce(bs, &topic, 0, 20, -60_000, None);
    let mut consumer = pace_consume(bs, &group, &topic, 5);
    let watch = groupctl_lines(&[
        "-b", bs, "describe", &group, "--watch", "250ms", "--window", "2s", "--json",
    ]);
    let g = |s: &Value| group_of(s, &group).cloned().unwrap();

    // Slower consumer: LAGGING, no ETA, rates as paced.
    let (i, _) = watch.wait_for(0, Duration::from_secs(15), "a full window", |s| {
        s["sample"].as_u64() >= Some(10)
    });
    let (mut i, slow) = watch.wait_for(
        i,
        Duration::from_secs(10),
        "LAGGING",
        status_is(&group, "LAGGING"),
    );
    let slow = g(&slow);
    assert_eq!(slow["eta_ms"], Value::Null, "{slow}");
    let rate = |v: &Value, k: &str| v[k].as_f64().unwrap();
    assert!((2.0..=8.0).contains(&rate(&slow, "consume_rate")), "{slow}");
    assert!(
        (14.0..=26.0).contains(&rate(&slow, "produce_rate")),
        "{slow}"
    );
    // Time lag = now - the CreateTime of the record at the committed offset.
    let written = produced(&producer);
    for s in watch.all()[i..].iter().take(4) {
        let p = &g(s)["partitions"][0];
        let (committed, lag) = (
            p["current_offset"].as_i64().unwrap(),
            p["time_lag_ms"].as_i64(),
        );
        let Some(ts) = written.get(&committed) else {
            continue;
        };
        let expected = s["time_ms"].as_i64().unwrap() - ts;
        let got = lag.expect("time lag while behind");
        assert!(
            (expected - got).abs() <= 1_500,
            "time lag {got} ms, expected about {expected} ms: {s}"
        );
        assert!(
            got >= 60_000,
            "the producer's timestamps are a minute old: {got}"
        );
    }
    std::thread::sleep(Duration::from_secs(3));

    // Faster: once the window holds only fast samples, an ETA; the group
    // reaches zero lag within 30 % of it.
    consumer.send("rate 30");
    let switched = now_ms();
    i = watch.len();
    let (j, fast) = watch.wait_for(i, Duration::from_secs(15), "an ETA", |s| {
        s["time_ms"].as_i64().unwrap() >= switched + 2_500
            && group_of(s, &group).is_some_and(|g| g["eta_ms"].is_i64())
    });
    let eta = g(&fast)["eta_ms"].as_i64().unwrap();
    assert_eq!(g(&fast)["status"], "OK", "{fast}");
    let (j, done) = watch.wait_for(
        j,
        Duration::from_millis(eta as u64 * 2 + 5_000),
        "caught up",
        // A consumer that commits after each record trails its producer by a
        // record or three: caught up is within a quarter second of production.
        |s| group_of(s, &group).is_some_and(|g| g["lag"].as_i64().is_some_and(|l| l <= 5)),
    );
    let took = done["time_ms"].as_i64().unwrap() - fast["time_ms"].as_i64().unwrap();
    assert!(
        (took - eta).abs() as f64 <= 0.3 * eta as f64,
        "caught up after {took} ms; the ETA said {eta} ms"
    );

    // Stopped: the consumer leaves; the group rebalances, then is STOPPED.
    consumer.finish();
    let (k, _) = watch.wait_for(
        j,
        Duration::from_secs(10),
        "STOPPED",
        status_is(&group, "STOPPED"),
    );
    let events: Vec<Value> = watch.all()[j..=k]
        .iter()
        .flat_map(|s| s["events"].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(
        events.iter().any(|e| e["event"] == "member_left"),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e["event"] == "state" && e["to"] == "Empty"),
        "{events:?}"
    );
    assert!(g(&watch.all()[k])["rebalances"].as_u64() >= Some(1));

    // Reset back 30 records: REWOUND.
    let backups = tempfile::tempdir().unwrap();
    let backup_dir = backups.path().to_str().unwrap();
    stdout_of(
        groupctl()
            .args(["-b", bs, "reset-offsets", &group, "--topic", &topic])
            .args(["--shift-by", "-30", "--execute", "--backup-dir", backup_dir]),
    );
    watch.wait_for(
        k,
        Duration::from_secs(10),
        "REWOUND",
        status_is(&group, "REWOUND"),
    );

    // Ctrl-C ends the NDJSON stream cleanly.
    let mut watch = watch;
    let kill = std::process::Command::new("kill")
        .args(["-INT", &watch.pid().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    assert_eq!(watch.wait().code(), Some(0));
    drop(producer);
}

#[test]
fn count_stops_the_stream_and_every_line_has_the_schema() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, group) = (unique("schema"), unique("schema-g"));
    create_topic(bs, &topic, 1);
    hour_old_records(bs, &topic, 2);
    commit(bs, &group, &[(&topic, 0, 1)]);
    // Not a terminal: JSON lines even without --json.
    let out = caps::describe_stdout(
        bs,
        &group,
        groupctl().args([
            "-b", bs, "describe", &group, "--watch", "200ms", "--count", "3",
        ]),
    );
    // Without the members (a broker that cannot describe groups) no STOPPED.
    let stopped = if caps::describes_groups(bs, &group) {
        Value::from("STOPPED")
    } else {
        Value::Null
    };
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (n, s) in lines.iter().enumerate() {
        assert_eq!(s["sample"], n as u64 + 1);
        assert_eq!(s["interval_ms"], 200);
        assert_eq!(s["window_ms"], 2400, "12 intervals by default");
        for key in ["time", "time_ms", "groups", "events", "errors"] {
            assert!(!s[key].is_null(), "{key} in {s}");
        }
        let g = &s["groups"][0];
        for key in [
            "group",
            "state",
            "status",
            "members",
            "rebalances",
            "lag",
            "time_lag_ms",
            "consume_rate",
            "produce_rate",
            "eta_ms",
            "partitions",
        ] {
            assert!(g.get(key).is_some(), "{key} in {g}");
        }
        assert_eq!(g["lag"], 1);
        assert_eq!(g["status"], stopped);
        let p = &g["partitions"][0];
        for key in [
            "topic",
            "partition",
            "current_offset",
            "log_end_offset",
            "lag",
            "time_lag_ms",
            "consume_rate",
            "produce_rate",
            "eta_ms",
            "status",
        ] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
    }
    // Rates need two samples; nothing moved.
    assert_eq!(lines[0]["groups"][0]["consume_rate"], Value::Null);
    assert_eq!(lines[2]["groups"][0]["consume_rate"], 0.0);
    assert_eq!(lines[2]["groups"][0]["produce_rate"], 0.0);
}
