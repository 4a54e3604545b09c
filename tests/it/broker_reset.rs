//! `reset-offsets` against a real broker: every target, read back with a
//! real consumer, and every safety rule. Names are unique per test (the
//! suite also runs against a shared broker, `GROUPCTL_TEST_BOOTSTRAP`).

use crate::common;
use common::*;

/// Topic `t` (3 partitions x 10 records), group `g` committed at 5 everywhere.
struct Fx {
    broker: Broker,
    t: String,
    g: String,
    /// Flags a write to `g` needs on this broker (see common::caps).
    flags: Vec<&'static str>,
}

impl Fx {
    fn bs(&self) -> &str {
        self.broker.bootstrap()
    }

    fn parts(&self) -> Vec<(&str, i32)> {
        (0..3).map(|p| (self.t.as_str(), p)).collect()
    }

    fn committed(&self) -> Vec<Option<i64>> {
        committed(self.bs(), &self.g, &self.parts())
    }

    /// `T:spec`
    fn tp(&self, spec: &str) -> String {
        format!("{}:{spec}", self.t)
    }

    fn reset(&self, args: &[&str]) -> std::process::Output {
        groupctl()
            .args(["-b", self.bs()])
            .arg("reset-offsets")
            .args(args)
            .output()
            .unwrap()
    }

    /// Execute `args` on `g` and read the offsets back with a real consumer.
    fn execute_and_read(&self, args: &[&str], dir: &std::path::Path) -> Vec<Option<i64>> {
        let mut all = vec![self.g.as_str()];
        all.extend_from_slice(args);
        all.extend(["--execute", "--backup-dir", dir.to_str().unwrap()]);
        all.extend(self.flags.iter().copied());
        ok(self.reset(&all));
        self.committed()
    }
}

fn setup() -> Fx {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (t, g) = (unique("orders"), unique("g"));
    create_topic(bs, &t, 3);
    for p in 0..3 {
        produce(bs, &t, p, 10);
    }
    commit(bs, &g, &[(&t, 0, 5), (&t, 1, 5), (&t, 2, 5)]);
    let flags = caps::write_flags(bs, &g);
    Fx {
        broker,
        t,
        g,
        flags,
    }
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

#[test]
fn every_target_commits_exactly_what_it_planned() {
    let f = setup();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let t = f.t.as_str();
    assert_eq!(
        f.execute_and_read(&["--all-topics", "--to-earliest"], d),
        [Some(0), Some(0), Some(0)]
    );
    assert_eq!(
        f.execute_and_read(&["--all-topics", "--to-latest"], d),
        [Some(10), Some(10), Some(10)]
    );
    assert_eq!(
        f.execute_and_read(&["--topic", t, "--to-offset", "3"], d),
        [Some(3), Some(3), Some(3)]
    );
    assert_eq!(
        f.execute_and_read(&["--topic", &f.tp("0,2"), "--shift-by", "4"], d),
        [Some(7), Some(3), Some(7)]
    );
    assert_eq!(
        f.execute_and_read(&["--topic", &f.tp("1"), "--shift-by", "-2"], d),
        [Some(7), Some(1), Some(7)]
    );
    assert_eq!(
        f.execute_and_read(&["--all-topics", "--to-current"], d),
        [Some(7), Some(1), Some(7)]
    );
    if caps::looks_up_by_time(f.bs(), t) {
        assert_eq!(
            f.execute_and_read(&["--all-topics", "--by-duration", "P1D"], d),
            [Some(0), Some(0), Some(0)]
        );
    } else {
        // groupctl sees the lookup answer past the log end and plans nothing.
        let out = f.reset(&[&f.g, "--all-topics", "--by-duration", "P1D", "--execute"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("(it does not find offsets by time)"),
            "{}",
            stderr(&out)
        );
        assert_eq!(f.committed(), [Some(7), Some(1), Some(7)]);
        f.execute_and_read(&["--all-topics", "--to-earliest"], d);
    }
    let csv = d.join("in.csv");
    std::fs::write(&csv, format!("{t},0,9\n{t},2,4\n")).unwrap();
    assert_eq!(
        f.execute_and_read(&["--from-file", csv.to_str().unwrap()], d),
        [Some(9), Some(0), Some(4)]
    );
}

#[test]
fn to_datetime_finds_the_first_record_at_or_after_the_time() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, g) = (unique("ts"), unique("g"));
    create_topic(bs, &topic, 1);
    produce(bs, &topic, 0, 5);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let t = chrono::Utc::now();
    std::thread::sleep(std::time::Duration::from_millis(500));
    produce(bs, &topic, 0, 5);
    commit(bs, &g, &[(&topic, 0, 10)]);
    if !caps::looks_up_by_time(bs, &topic) {
        // groupctl sees the lookup answer past the log end and plans nothing.
        let (code, _, err) = outcome(groupctl().args(["-b", bs, "reset-offsets", &g]).args([
            "--topic",
            &topic,
            "--by-duration",
            "1h",
        ]));
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("(it does not find offsets by time)"), "{err}");
        return;
    }
    let ts = t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "reset-offsets",
        &g,
        "--topic",
        &topic,
        "--to-datetime",
        &ts,
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ];
    let flags = caps::write_flags(bs, &g);
    args.extend(flags.iter().copied());
    ok(groupctl().args(["-b", bs]).args(&args).output().unwrap());
    assert_eq!(committed(bs, &g, &[(&topic, 0)]), [Some(5)]);
    // Kafka's own format, without a zone, is local time.
    let local = t
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string();
    let out = ok(groupctl()
        .args(["-b", bs, "reset-offsets", &g, "--topic", &topic])
        .args(["--to-datetime", &local, "--json"])
        .output()
        .unwrap());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["plan"]["groups"][0]["partitions"][0]["new_offset"], 5);
    // Before the first record, 1970 or not: the log start, never a sentinel
    // (-1 is "latest" and -2 "earliest" to ListOffsets; 1900 made brokers hang up).
    for target in [
        ["--to-datetime", "1969-12-31T23:59:59.999Z"],
        ["--to-datetime", "1969-12-31T23:59:59.998Z"],
        ["--to-datetime", "1900-01-01T00:00:00Z"],
        ["--to-datetime", "1970-01-01T00:00:00Z"],
        ["--by-duration", "100y"],
    ] {
        let out = ok(groupctl()
            .args(["-b", bs, "reset-offsets", &g, "--topic", &topic, "--json"])
            .args(target)
            .output()
            .unwrap());
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["plan"]["groups"][0]["partitions"][0]["new_offset"], 0,
            "{target:?}"
        );
    }
}

#[test]
fn targets_are_clamped_with_a_visible_note() {
    let f = setup();
    let out = f.reset(&[&f.g, "--topic", &f.tp("0"), "--shift-by", "-100"]);
    let err = stderr(&out);
    let table = ok(out);
    let rows: Vec<Vec<&str>> = table
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
            "NEW-OFFSET",
            "DELTA",
            "NOTE"
        ]
    );
    assert_eq!(
        rows[1].join(" "),
        format!(
            "{} {} 0 5 0 -5 clamped to log start (target was -95)",
            f.g, f.t
        )
    );
    assert_eq!(rows.len(), 2);
    assert!(
        err.contains(&format!(
            "warning: {} {}-0: clamped to log start (target was -95)",
            f.g, f.t
        )),
        "{err}"
    );
    let out = ok(f.reset(&[&f.g, "--topic", &f.tp("1"), "--to-offset", "1000", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &v["plan"]["groups"][0]["partitions"][0];
    assert_eq!(row["new_offset"], 10);
    assert_eq!(row["note"], "clamped to log end (target was 1000)");
}

#[test]
fn dry_run_is_the_default_and_commits_nothing() {
    let f = setup();
    let out = f.reset(&[&f.g, "--topic", &f.t, "--to-earliest"]);
    assert!(stderr(&out).contains("dry run: nothing was committed"));
    ok(out);
    assert_eq!(f.committed(), [Some(5), Some(5), Some(5)]);
}

#[test]
fn execute_is_refused_while_members_are_active() {
    let f = setup();
    let live = unique("live");
    let runner = GroupRunner::start(f.bs(), &live, "range", 1, &[&f.t]);
    let dir = tempfile::tempdir().unwrap();
    let out = f.reset(&[
        &live,
        "--topic",
        &f.t,
        "--to-earliest",
        "--execute",
        "--backup-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // Where the broker describes the group, groupctl names the members; where it
    // cannot (see common::caps), groupctl cannot check them and refuses all the same.
    let reason = if f.flags.is_empty() {
        format!("refusing to commit offsets: {live} is Stable with 1 active member(s)")
    } else {
        "refusing to commit offsets: cannot check that the group has no active members".into()
    };
    assert!(stderr(&out).contains(&reason), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no backup, nothing committed"
    );
    let out = groupctl()
        .args(["-b", f.bs()])
        .args(["offsets", "commit", &live, "--offset", &f.tp("0=1")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    runner.stop();
}

#[test]
fn a_stale_plan_is_refused_unless_forced() {
    let f = setup();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    ok(f.reset(&[&f.g, "--topic", &f.t, "--to-earliest", "--plan", plan]));
    let t = f.t.as_str();
    commit(f.bs(), &f.g, &[(t, 0, 5), (t, 1, 8), (t, 2, 5)]);
    let mut backup = vec!["--backup-dir", dir.path().to_str().unwrap()];
    backup.extend(f.flags.iter().copied());
    let out = f.reset(&[&[f.g.as_str(), "--execute", "--plan", plan][..], &backup].concat());
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "is stale: 1 committed offset(s) moved since: {} {t}-1: 5 at planning, 8 now",
            f.g
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.committed(), [Some(5), Some(8), Some(5)]);
    ok(f.reset(
        &[
            &[f.g.as_str(), "--execute", "--plan", plan, "--force"][..],
            &backup,
        ]
        .concat(),
    ));
    assert_eq!(f.committed(), [Some(0), Some(0), Some(0)]);
}

#[test]
fn a_fresh_plan_executes_as_planned() {
    let f = setup();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    ok(f.reset(&[&f.g, "--all-topics", "--shift-by", "-1", "--plan", plan]));
    let mut args = vec!["--execute", "--plan", plan, "--all-groups"];
    args.extend(["--backup-dir", dir.path().to_str().unwrap()]);
    args.extend(f.flags.iter().copied());
    ok(f.reset(&args));
    assert_eq!(f.committed(), [Some(4), Some(4), Some(4)]);
}

#[test]
fn the_backup_undoes_the_reset() {
    let f = setup();
    let t = f.t.as_str();
    commit(f.bs(), &f.g, &[(t, 0, 2), (t, 1, 7), (t, 2, 9)]);
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![f.g.as_str(), "--all-topics", "--to-latest", "--execute"];
    args.extend(["--backup-dir", dir.path().to_str().unwrap()]);
    args.extend(f.flags.iter().copied());
    let out = f.reset(&args);
    let err = stderr(&out);
    ok(out);
    assert_eq!(f.committed(), [Some(10), Some(10), Some(10)]);
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        err.contains(&format!(
            "undo with: groupctl reset-offsets {} --from-file {} --execute",
            f.g,
            backup.display()
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        format!("{t},0,2\n{t},1,7\n{t},2,9\n")
    );
    let undo_dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        f.g.as_str(),
        "--from-file",
        backup.to_str().unwrap(),
        "--execute",
    ];
    args.extend(["--backup-dir", undo_dir.path().to_str().unwrap()]);
    args.extend(f.flags.iter().copied());
    ok(f.reset(&args));
    assert_eq!(f.committed(), [Some(2), Some(7), Some(9)]);
}

#[test]
fn backups_default_to_the_users_state_directory() {
    let f = setup();
    let state = tempfile::tempdir().unwrap();
    let out = groupctl()
        .args(["-b", f.bs()])
        .env("XDG_STATE_HOME", state.path())
        .args([
            "reset-offsets",
            &f.g,
            "--topic",
            &f.tp("0"),
            "--to-earliest",
        ])
        .arg("--execute")
        .args(&f.flags)
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
        format!("{},0,5\n", f.t)
    );
    assert!(err.contains(&backups[0].display().to_string()), "{err}");
}

#[test]
fn export_is_the_apache_tool_format() {
    let f = setup();
    let t = f.t.as_str();
    let h = unique("h");
    commit(f.bs(), &h, &[(t, 1, 3)]);
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.csv");
    ok(f.reset(&[
        &f.g,
        "--topic",
        t,
        "--to-earliest",
        "--export",
        one.to_str().unwrap(),
    ]));
    assert_eq!(
        std::fs::read_to_string(&one).unwrap(),
        format!("{t},0,0\n{t},1,0\n{t},2,0\n")
    );
    let two = dir.path().join("two.csv");
    let (first, second) = if f.g < h { (&f.g, &h) } else { (&h, &f.g) };
    ok(f.reset(&[
        &f.g,
        &h,
        "--topic",
        &f.tp("1"),
        "--to-latest",
        "--export",
        two.to_str().unwrap(),
    ]));
    assert_eq!(
        std::fs::read_to_string(&two).unwrap(),
        format!("{first},{t},1,10\n{second},{t},1,10\n")
    );
}

#[test]
fn bad_input_is_a_clear_error_and_commits_nothing() {
    let f = setup();
    let t = f.t.as_str();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, format!("{t},0,1\n{t},one,2\n")).unwrap();
    let nope = unique("nope");
    let cases: Vec<(Vec<String>, i32, String)> = vec![
        (
            vec!["--from-file".into(), csv.display().to_string()],
            2,
            format!("{}: line 2: partition \"one\"", csv.display()),
        ),
        (
            vec!["--topic".into(), nope.clone(), "--to-earliest".into()],
            1,
            format!("unknown topic {nope}"),
        ),
        (
            vec!["--topic".into(), f.tp("7"), "--to-earliest".into()],
            1,
            format!("unknown partition {t}-7"),
        ),
        (
            vec!["--topic".into(), t.into(), "--to-offset=-5".into()],
            2,
            "--to-offset -5: offsets are >= 0".into(),
        ),
        (
            vec![
                "--topic".into(),
                t.into(),
                "--to-datetime".into(),
                "2999-01-01T00:00:00Z".into(),
            ],
            2,
            "is in the future".into(),
        ),
        (
            vec![
                "--topic".into(),
                t.into(),
                "--to-datetime".into(),
                "yesterday".into(),
            ],
            2,
            "invalid time".into(),
        ),
        (
            vec![
                "--topic".into(),
                t.into(),
                "--to-earliest".into(),
                "--to-latest".into(),
            ],
            2,
            "exactly one target".into(),
        ),
        (vec!["--to-earliest".into()], 2, "choose a scope".into()),
    ];
    for (args, code, msg) in cases {
        let mut all = vec![f.g.clone()];
        all.extend(args.clone());
        all.push("--execute".into());
        all.extend(["--backup-dir".into(), dir.path().display().to_string()]);
        all.extend(f.flags.iter().map(|s| s.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = f.reset(&all);
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
    assert_eq!(f.committed(), [Some(5), Some(5), Some(5)]);
    // Shift on a partition without a commit needs a fallback.
    let partial = unique("partial");
    commit(f.bs(), &partial, &[(t, 0, 5)]);
    let out = f.reset(&[&partial, "--topic", t, "--shift-by", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{t}-1: no committed offset to move from (add --fallback earliest|latest)"
        )),
        "{}",
        stderr(&out)
    );
    let out = ok(f.reset(&[
        &partial,
        "--topic",
        t,
        "--shift-by",
        "1",
        "--fallback",
        "latest",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let news: Vec<i64> = v["plan"]["groups"][0]["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["new_offset"].as_i64().unwrap())
        .collect();
    assert_eq!(news, [6, 10, 10]);
}

/// A dry-run plan edited by hand is input like any other: refused before
/// anything is written where no command line could have asked for it
/// (negative offset, a partition twice, an unknown partition), clamped with a
/// note where the CLI clamps (past the log end), and what its dry run
/// (`--plan FILE` without `--execute`) shows is what `--execute` commits.
#[test]
fn a_hand_edited_plan_passes_the_same_checks_as_the_command_line() {
    let f = setup();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let plan = path.to_str().unwrap();
    ok(f.reset(&[&f.g, "--topic", &f.t, "--to-earliest", "--plan", plan]));
    let pristine: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let run = |edit: &dyn Fn(&mut serde_json::Value), execute: bool| {
        let mut p = pristine.clone();
        edit(&mut p);
        std::fs::write(&path, serde_json::to_string_pretty(&p).unwrap()).unwrap();
        let mut args = vec![f.g.as_str(), "--plan", plan, "--json"];
        if execute {
            args.extend(["--execute", "--backup-dir", backups.to_str().unwrap()]);
            args.extend(f.flags.iter().copied());
        }
        f.reset(&args)
    };
    let rows =
        |p: &mut serde_json::Value| p["groups"][0]["partitions"].as_array_mut().unwrap().clone();
    let set = |i: usize, offset: i64| {
        move |p: &mut serde_json::Value| {
            p["groups"][0]["partitions"][i]["new_offset"] = offset.into()
        }
    };

    // Refused, nothing written: exit 2 and the committed offsets untouched.
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let refused: Vec<(Edit, &str)> = vec![
        (Box::new(set(1, -7)), "new_offset -7 is negative"),
        (
            Box::new(move |p: &mut serde_json::Value| {
                let mut r = rows(p);
                r.push(r[0].clone());
                p["groups"][0]["partitions"] = r.into();
            }),
            "appears twice",
        ),
        (
            Box::new(|p: &mut serde_json::Value| {
                p["groups"][0]["partitions"][2]["partition"] = 99.into()
            }),
            "unknown topic or partition",
        ),
    ];
    for (edit, why) in &refused {
        for execute in [false, true] {
            let out = run(edit.as_ref(), execute);
            let err = stderr(&out);
            assert_ne!(out.status.code(), Some(0), "{why}: {err}");
            assert!(err.contains(why), "{why}: {err}");
            assert_eq!(f.committed(), [Some(5), Some(5), Some(5)], "{why}");
        }
    }
    assert_eq!(
        run(&set(1, -7), true).status.code(),
        Some(2),
        "a negative offset is a usage error"
    );

    // Past the log end: clamped to it with a note, in the dry run and in the commit alike.
    let dry: serde_json::Value = serde_json::from_str(&ok(run(&set(1, 1_000_000), false))).unwrap();
    let shown: Vec<i64> = dry["plan"]["groups"][0]["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["new_offset"].as_i64().unwrap())
        .collect();
    assert_eq!(shown, [0, 10, 0]);
    assert_eq!(
        dry["plan"]["groups"][0]["partitions"][1]["note"],
        "clamped to log end (target was 1000000)"
    );
    let done: serde_json::Value = serde_json::from_str(&ok(run(&set(1, 1_000_000), true))).unwrap();
    assert_eq!(
        done["plan"], dry["plan"],
        "execute commits what the dry run showed"
    );
    assert_eq!(f.committed(), [Some(0), Some(10), Some(0)]);
}

/// Mutated plans (offsets anywhere, rows dropped or repeated, partitions and
/// topics that do not exist, a moved "current"): each is either refused with
/// nothing written, or `--execute` commits exactly what its dry run showed.
#[test]
fn every_mutated_plan_is_refused_or_executes_its_dry_run() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let f = setup();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let plan = path.to_str().unwrap();
    ok(f.reset(&[&f.g, "--topic", &f.t, "--to-earliest", "--plan", plan]));
    let pristine: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let t = f.t.clone();
    let restore = || commit(f.bs(), &f.g, &[(&t, 0, 5), (&t, 1, 5), (&t, 2, 5)]);

    // (row, what): 0 offset, 1 partition, 2 topic, 3 drop, 4 repeat, 5 current
    let mutation = (0usize..3, 0u8..6, -20i64..30);
    let mut runner = TestRunner::new(Config {
        cases: 16,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(mutation, 1..3), |mutations| {
            let mut p = pristine.clone();
            for (i, what, n) in &mutations {
                let rows = p["groups"][0]["partitions"].as_array_mut().unwrap();
                let i = i % rows.len().max(1);
                if rows.is_empty() {
                    break;
                }
                match what {
                    0 => rows[i]["new_offset"] = (*n).into(),
                    1 => rows[i]["partition"] = (n / 4).into(),
                    2 => rows[i]["topic"] = "no-such-topic".into(),
                    3 => {
                        rows.remove(i);
                    }
                    4 => {
                        let r = rows[i].clone();
                        rows.push(r);
                    }
                    _ => rows[i]["current_offset"] = (*n).into(),
                }
            }
            std::fs::write(&path, serde_json::to_string(&p).unwrap()).unwrap();
            let base = [f.g.as_str(), "--plan", plan, "--json"];
            let dry = f.reset(&base);
            let mut exec: Vec<&str> = base.to_vec();
            exec.extend(["--execute", "--backup-dir", backups.to_str().unwrap()]);
            exec.extend(f.flags.iter().copied());
            let done = f.reset(&exec);
            let now = f.committed();
            if !done.status.success() {
                prop_assert_eq!(
                    &now,
                    &vec![Some(5), Some(5), Some(5)],
                    "{:?}: refused but written",
                    mutations
                );
                return Ok(());
            }
            prop_assert!(
                dry.status.success(),
                "{:?}: executed what the dry run refused: {}",
                mutations,
                stderr(&dry)
            );
            let dry: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
            let done: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
            prop_assert_eq!(&dry["plan"], &done["plan"], "{:?}", mutations);
            let mut expected = vec![Some(5), Some(5), Some(5)];
            for r in done["plan"]["groups"][0]["partitions"].as_array().unwrap() {
                let p = r["partition"].as_u64().unwrap() as usize;
                expected[p] = r["new_offset"].as_i64();
            }
            prop_assert_eq!(&now, &expected, "{:?}", mutations);
            restore();
            Ok(())
        })
        .unwrap();
}

/// A 3-column CSV applied to several groups gives each group only the topics
/// it has committed (it used to commit every topic to every group); the dry
/// run says so first and shows what --execute then commits.
/// `--allow-new-topics` gives every group every row.
#[test]
fn a_file_for_several_groups_gives_each_only_its_own_topics() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (t, u) = (unique("tt"), unique("uu"));
    let (g1, g2) = (unique("g1"), unique("g2"));
    create_topic(bs, &t, 1);
    create_topic(bs, &u, 1);
    produce(bs, &t, 0, 10);
    produce(bs, &u, 0, 10);
    commit(bs, &g1, &[(&t, 0, 9)]);
    commit(bs, &g2, &[(&u, 0, 9)]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("f.csv");
    std::fs::write(&csv, format!("{t},0,2\n{u},0,3\n")).unwrap();
    let run = |extra: &[&str]| {
        let mut flags = caps::write_flags(bs, &g1);
        flags.extend(caps::write_flags(bs, &g2));
        flags.dedup();
        groupctl()
            .args([
                "-b",
                bs,
                "reset-offsets",
                &g1,
                &g2,
                "--from-file",
                csv.to_str().unwrap(),
            ])
            .args(["--backup-dir", dir.path().to_str().unwrap(), "--json"])
            .args(flags)
            .args(extra)
            .output()
            .unwrap()
    };
    let planned = |out: &std::process::Output| -> Vec<(String, String, i64)> {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut rows = Vec::new();
        for g in v["plan"]["groups"].as_array().unwrap() {
            for r in g["partitions"].as_array().unwrap() {
                rows.push((
                    g["group"].as_str().unwrap().to_string(),
                    r["topic"].as_str().unwrap().to_string(),
                    r["new_offset"].as_i64().unwrap(),
                ));
            }
        }
        rows
    };
    let dry = run(&[]);
    let err = stderr(&dry);
    assert!(
        err.contains(&format!("{g1}: leaving out {u} from")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{g2}: leaving out {t} from")),
        "{err}"
    );
    let mine = vec![(g1.clone(), t.clone(), 2), (g2.clone(), u.clone(), 3)];
    assert_eq!(planned(&dry), mine);
    let done = run(&["--execute"]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert_eq!(planned(&done), mine);
    assert_eq!(committed(bs, &g1, &[(&t, 0), (&u, 0)]), [Some(2), None]);
    assert_eq!(committed(bs, &g2, &[(&t, 0), (&u, 0)]), [None, Some(3)]);
    let every = run(&["--allow-new-topics"]);
    assert_eq!(planned(&every).len(), 4, "{}", stderr(&every));
}
