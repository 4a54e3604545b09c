//! `reset-offsets` and `offsets` against a real broker: every target, read back
//! with a real consumer, and every safety rule.

mod common;
use common::*;

const P: [(&str, i32); 3] = [("orders", 0), ("orders", 1), ("orders", 2)];

/// Topic `orders` (3 partitions x 10 records), group `g` committed at 5 everywhere.
fn setup() -> Broker {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    create_topic(bs, "orders", 3);
    for p in 0..3 {
        produce(bs, "orders", p, 10);
    }
    commit(
        bs,
        "g",
        &[("orders", 0, 5), ("orders", 1, 5), ("orders", 2, 5)],
    );
    broker
}

fn reset(bs: &str, args: &[&str]) -> std::process::Output {
    groupctl()
        .args(["-b", bs])
        .arg("reset-offsets")
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn execute_and_read(bs: &str, args: &[&str], dir: &std::path::Path) -> Vec<Option<i64>> {
    let mut all = vec!["g"];
    all.extend_from_slice(args);
    all.extend(["--execute", "--backup-dir", dir.to_str().unwrap()]);
    ok(reset(bs, &all));
    committed(bs, "g", &P)
}

#[test]
fn every_target_commits_exactly_what_it_planned() {
    let broker = setup();
    let bs = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        execute_and_read(bs, &["--all-topics", "--to-earliest"], d),
        [Some(0), Some(0), Some(0)]
    );
    assert_eq!(
        execute_and_read(bs, &["--all-topics", "--to-latest"], d),
        [Some(10), Some(10), Some(10)]
    );
    assert_eq!(
        execute_and_read(bs, &["--topic", "orders", "--to-offset", "3"], d),
        [Some(3), Some(3), Some(3)]
    );
    assert_eq!(
        execute_and_read(bs, &["--topic", "orders:0,2", "--shift-by", "4"], d),
        [Some(7), Some(3), Some(7)]
    );
    assert_eq!(
        execute_and_read(bs, &["--topic", "orders:1", "--shift-by", "-2"], d),
        [Some(7), Some(1), Some(7)]
    );
    assert_eq!(
        execute_and_read(bs, &["--all-topics", "--to-current"], d),
        [Some(7), Some(1), Some(7)]
    );
    assert_eq!(
        execute_and_read(bs, &["--all-topics", "--by-duration", "P1D"], d),
        [Some(0), Some(0), Some(0)]
    );
    let csv = d.join("in.csv");
    std::fs::write(&csv, "orders,0,9\norders,2,4\n").unwrap();
    assert_eq!(
        execute_and_read(bs, &["--from-file", csv.to_str().unwrap()], d),
        [Some(9), Some(0), Some(4)]
    );
}

#[test]
fn to_datetime_finds_the_first_record_at_or_after_the_time() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    create_topic(bs, "ts", 1);
    produce(bs, "ts", 0, 5);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let t = chrono::Utc::now();
    std::thread::sleep(std::time::Duration::from_millis(500));
    produce(bs, "ts", 0, 5);
    commit(bs, "g", &[("ts", 0, 10)]);
    let ts = t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let dir = tempfile::tempdir().unwrap();
    ok(reset(
        bs,
        &[
            "g",
            "--topic",
            "ts",
            "--to-datetime",
            &ts,
            "--execute",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ],
    ));
    assert_eq!(committed(bs, "g", &[("ts", 0)]), [Some(5)]);
    // Kafka's own format, without a zone, is local time.
    let local = t
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string();
    let out = ok(reset(
        bs,
        &["g", "--topic", "ts", "--to-datetime", &local, "--json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["plan"]["groups"][0]["partitions"][0]["new_offset"], 5);
}

#[test]
fn targets_are_clamped_with_a_visible_note() {
    let broker = setup();
    let bs = broker.bootstrap();
    let out = reset(bs, &["g", "--topic", "orders:0", "--shift-by", "-100"]);
    assert_eq!(
        ok(reset(bs, &["g", "--topic", "orders:0", "--shift-by", "-100"])),
        "GROUP  TOPIC   PARTITION  CURRENT-OFFSET  NEW-OFFSET  DELTA  NOTE\n\
         g      orders  0          5               0           -5     clamped to log start (target was -95)\n"
    );
    assert!(
        stderr(&out).contains("warning: g orders-0: clamped to log start (target was -95)"),
        "{}",
        stderr(&out)
    );
    let out = ok(reset(
        bs,
        &["g", "--topic", "orders:1", "--to-offset", "1000", "--json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &v["plan"]["groups"][0]["partitions"][0];
    assert_eq!(row["new_offset"], 10);
    assert_eq!(row["note"], "clamped to log end (target was 1000)");
}

#[test]
fn dry_run_is_the_default_and_commits_nothing() {
    let broker = setup();
    let bs = broker.bootstrap();
    let out = reset(bs, &["g", "--topic", "orders", "--to-earliest"]);
    assert!(stderr(&out).contains("dry run: nothing was committed"));
    ok(out);
    assert_eq!(committed(bs, "g", &P), [Some(5), Some(5), Some(5)]);
}

#[test]
fn execute_is_refused_while_members_are_active() {
    let broker = setup();
    let bs = broker.bootstrap();
    let runner = GroupRunner::start(bs, "live", "range", 1, &["orders"]);
    let dir = tempfile::tempdir().unwrap();
    let out = reset(
        bs,
        &[
            "live",
            "--topic",
            "orders",
            "--to-earliest",
            "--execute",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("refusing to commit offsets: live is Stable with 1 active member(s)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no backup, nothing committed"
    );
    let out = groupctl()
        .args(["-b", bs])
        .args(["offsets", "commit", "live", "--offset", "orders:0=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    runner.stop();
}

#[test]
fn a_stale_plan_is_refused_unless_forced() {
    let broker = setup();
    let bs = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    ok(reset(
        bs,
        &["g", "--topic", "orders", "--to-earliest", "--plan", plan],
    ));
    commit(
        bs,
        "g",
        &[("orders", 0, 5), ("orders", 1, 8), ("orders", 2, 5)],
    );
    let backup = ["--backup-dir", dir.path().to_str().unwrap()];
    let out = reset(
        bs,
        &[&["g", "--execute", "--plan", plan][..], &backup].concat(),
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "is stale: 1 committed offset(s) moved since: g orders-1: 5 at planning, 8 now"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(committed(bs, "g", &P), [Some(5), Some(8), Some(5)]);
    ok(reset(
        bs,
        &[&["g", "--execute", "--plan", plan, "--force"][..], &backup].concat(),
    ));
    assert_eq!(committed(bs, "g", &P), [Some(0), Some(0), Some(0)]);
}

#[test]
fn a_fresh_plan_executes_as_planned() {
    let broker = setup();
    let bs = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    ok(reset(
        bs,
        &[
            "g",
            "--all-topics",
            "--shift-by",
            "-1",
            "--plan",
            plan.to_str().unwrap(),
        ],
    ));
    ok(reset(
        bs,
        &[
            "--execute",
            "--plan",
            plan.to_str().unwrap(),
            "--all-groups",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ],
    ));
    assert_eq!(committed(bs, "g", &P), [Some(4), Some(4), Some(4)]);
}

#[test]
fn the_backup_undoes_the_reset() {
    let broker = setup();
    let bs = broker.bootstrap();
    commit(
        bs,
        "g",
        &[("orders", 0, 2), ("orders", 1, 7), ("orders", 2, 9)],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = reset(
        bs,
        &[
            "g",
            "--all-topics",
            "--to-latest",
            "--execute",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ],
    );
    let err = stderr(&out);
    ok(out);
    assert_eq!(committed(bs, "g", &P), [Some(10), Some(10), Some(10)]);
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        err.contains(&format!(
            "undo with: groupctl reset-offsets g --from-file {} --execute",
            backup.display()
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        "orders,0,2\norders,1,7\norders,2,9\n"
    );
    let undo_dir = tempfile::tempdir().unwrap();
    ok(reset(
        bs,
        &[
            "g",
            "--from-file",
            backup.to_str().unwrap(),
            "--execute",
            "--backup-dir",
            undo_dir.path().to_str().unwrap(),
        ],
    ));
    assert_eq!(committed(bs, "g", &P), [Some(2), Some(7), Some(9)]);
}

#[test]
fn backups_default_to_the_users_state_directory() {
    let broker = setup();
    let bs = broker.bootstrap();
    let state = tempfile::tempdir().unwrap();
    let out = groupctl()
        .args(["-b", bs])
        .env("XDG_STATE_HOME", state.path())
        .args(["reset-offsets", "g", "--topic", "orders:0", "--to-earliest"])
        .arg("--execute")
        .output()
        .unwrap();
    let err = stderr(&out);
    ok(out);
    let dir = state.path().join("groupctl/backups");
    let backups: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(
        std::fs::read_to_string(&backups[0]).unwrap(),
        "orders,0,5\n"
    );
    assert!(err.contains(&backups[0].display().to_string()), "{err}");
}

#[test]
fn export_is_the_apache_tool_format() {
    let broker = setup();
    let bs = broker.bootstrap();
    commit(bs, "h", &[("orders", 1, 3)]);
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.csv");
    ok(reset(
        bs,
        &[
            "g",
            "--topic",
            "orders",
            "--to-earliest",
            "--export",
            one.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        std::fs::read(&one).unwrap(),
        b"orders,0,0\norders,1,0\norders,2,0\n"
    );
    let two = dir.path().join("two.csv");
    ok(reset(
        bs,
        &[
            "g",
            "h",
            "--topic",
            "orders:1",
            "--to-latest",
            "--export",
            two.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        std::fs::read_to_string(&two).unwrap(),
        "g,orders,1,10\nh,orders,1,10\n"
    );
}

#[test]
fn bad_input_is_a_clear_error_and_commits_nothing() {
    let broker = setup();
    let bs = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "orders,0,1\norders,one,2\n").unwrap();
    let cases: Vec<(Vec<String>, i32, String)> = vec![
        (
            vec!["--from-file".into(), csv.display().to_string()],
            2,
            format!("{}: line 2: partition \"one\"", csv.display()),
        ),
        (
            vec!["--topic".into(), "nope".into(), "--to-earliest".into()],
            1,
            "unknown topic nope".into(),
        ),
        (
            vec!["--topic".into(), "orders:7".into(), "--to-earliest".into()],
            1,
            "unknown partition orders-7".into(),
        ),
        (
            vec!["--topic".into(), "orders".into(), "--to-offset=-5".into()],
            2,
            "--to-offset -5: offsets are >= 0".into(),
        ),
        (
            vec![
                "--topic".into(),
                "orders".into(),
                "--to-datetime".into(),
                "2999-01-01T00:00:00Z".into(),
            ],
            2,
            "is in the future".into(),
        ),
        (
            vec![
                "--topic".into(),
                "orders".into(),
                "--to-datetime".into(),
                "yesterday".into(),
            ],
            2,
            "invalid time".into(),
        ),
        (
            vec![
                "--topic".into(),
                "orders".into(),
                "--to-earliest".into(),
                "--to-latest".into(),
            ],
            2,
            "exactly one target".into(),
        ),
        (vec!["--to-earliest".into()], 2, "choose a scope".into()),
    ];
    for (args, code, msg) in cases {
        let mut all = vec!["g".to_string()];
        all.extend(args.clone());
        all.push("--execute".into());
        all.extend(["--backup-dir".into(), dir.path().display().to_string()]);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = reset(bs, &all);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&msg),
            "{args:?}: expected {msg:?} in {}",
            stderr(&out)
        );
        assert_eq!(
            stderr(&out)
                .lines()
                .filter(|l| l.starts_with("error:"))
                .count(),
            1
        );
    }
    assert_eq!(committed(bs, "g", &P), [Some(5), Some(5), Some(5)]);
    // Shift on a partition without a commit needs a fallback.
    commit(bs, "partial", &[("orders", 0, 5)]);
    let out = reset(bs, &["partial", "--topic", "orders", "--shift-by", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "orders-1: no committed offset to move from (add --fallback earliest|latest)"
        ),
        "{}",
        stderr(&out)
    );
    let out = ok(reset(
        bs,
        &[
            "partial",
            "--topic",
            "orders",
            "--shift-by",
            "1",
            "--fallback",
            "latest",
            "--json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let news: Vec<i64> = v["plan"]["groups"][0]["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["new_offset"].as_i64().unwrap())
        .collect();
    assert_eq!(news, [6, 10, 10]);
}

#[test]
fn offsets_fetch_and_commit() {
    let broker = setup();
    let bs = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let out = ok(groupctl()
        .args(["-b", bs])
        .args([
            "offsets",
            "commit",
            "g",
            "--offset",
            "orders:0=1",
            "--topic",
            "orders:2=9",
            "--backup-dir",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap());
    assert!(out.is_empty());
    assert_eq!(committed(bs, "g", &P), [Some(1), Some(5), Some(9)]);
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        std::fs::read_to_string(backup).unwrap(),
        "orders,0,5\norders,2,5\n"
    );
    let out = ok(groupctl()
        .args(["-b", bs])
        .args(["offsets", "fetch", "g"])
        .output()
        .unwrap());
    assert_eq!(
        out,
        "GROUP  TOPIC   PARTITION  CURRENT-OFFSET  LEADER-EPOCH  METADATA  LOG-START-OFFSET  LOG-END-OFFSET  LAG  NOTE\n\
         g      orders  0          1               -             -         0                 10              9\n\
         g      orders  1          5               -             -         0                 10              5\n\
         g      orders  2          9               -             -         0                 10              1\n"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(groupctl()
        .args(["-b", bs])
        .args(["offsets", "fetch", "g", "--topic", "orders:1", "--json"])
        .output()
        .unwrap()))
    .unwrap();
    assert_eq!(v["partitions"][0]["committed_offset"], 5);
    assert_eq!(v["partitions"].as_array().unwrap().len(), 1);
    let out = groupctl()
        .args(["-b", bs])
        .args(["offsets", "commit", "g", "--offset", "orders:9=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = groupctl()
        .args(["-b", bs])
        .args(["offsets", "commit", "g", "--offset", "orders:0=-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn delete_group_and_its_refusals() {
    let broker = setup();
    let bs = broker.bootstrap();
    // Not a terminal and no --yes: refused.
    let out = groupctl()
        .args(["-b", bs])
        .args(["delete", "g"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("pass --yes"));
    let runner = GroupRunner::start(bs, "live", "range", 1, &["orders"]);
    let out = groupctl()
        .args(["-b", bs])
        .args(["delete", "live", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out)
        .contains("refusing to delete groups with active members: live (Stable, 1 member(s))"));
    runner.stop();
    assert_eq!(
        ok(groupctl()
            .args(["-b", bs])
            .args(["delete", "g", "--yes"])
            .output()
            .unwrap()),
        "deleted group g\n"
    );
    assert_eq!(committed(bs, "g", &P), [None, None, None]);
}
