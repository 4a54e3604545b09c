//! Failures that must never pass silently: the reading thread dying on a big
//! file, a file that shrinks while it is read. (Memory bounds: wal_memory.rs.)

use crate::common;

use groupctl::wal::build::{self, BatchOpts, SegmentBuilder};
use groupctl::wal::{DamageKind, Event, Log, ReadOptions};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// A segment of `mib` MiB: the same commit batch over and over.
fn big_segment(dir: &Path, mib: usize) -> PathBuf {
    let mut seg = SegmentBuilder::new();
    let recs: Vec<_> = (0..20)
        .map(|p| {
            (
                build::offset_key("billing", "orders", p),
                Some(build::offset_value(
                    1000 + p as i64,
                    0,
                    "",
                    1_795_168_800_000,
                )),
            )
        })
        .collect();
    seg.batch(&recs, BatchOpts::default());
    let one = seg.finish();
    let mut data = Vec::with_capacity(mib << 20);
    while data.len() < mib << 20 {
        data.extend_from_slice(&one);
    }
    let path = dir.join("00000000000000000000.log");
    std::fs::write(&path, data).unwrap();
    path
}

#[test]
fn a_dead_reading_thread_fails_the_command_and_writes_no_csv() {
    let dir = tempfile::tempdir().unwrap();
    let seg = big_segment(dir.path(), 9);
    let csv = dir.path().join("out.csv");
    // The intact file replays and exports.
    let (code, _, err) = common::outcome(common::groupctl().args([
        "wal",
        "replay",
        seg.to_str().unwrap(),
        "--export-offsets",
        csv.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    std::fs::remove_file(&csv).unwrap();
    // The same with the reading thread dying after its first chunk (debug-build test hook).
    for cmd in ["replay", "stats", "inspect"] {
        let mut c = common::groupctl();
        c.env("GROUPCTL_WAL_FAULT", "reader-panic")
            .args(["wal", cmd, seg.to_str().unwrap()]);
        if cmd == "replay" {
            c.args(["--export-offsets", csv.to_str().unwrap()]);
        }
        let (code, _, err) = common::outcome(&mut c);
        assert_eq!(code, 1, "wal {cmd}: {err}");
        let last = err.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("error: ") && last.contains("the thread reading the file stopped"),
            "wal {cmd}: {err}"
        );
        assert!(!csv.exists(), "no CSV from a failed read");
        assert!(!dir.path().join("out.csv.tmp").exists());
    }
}

#[test]
fn a_file_truncated_while_it_is_read_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let seg = big_segment(dir.path(), 40);
    let log = Log::open(&seg, None).unwrap();
    let mut truncated = false;
    let mut records = 0u64;
    let mut damage = Vec::new();
    log.read(ReadOptions::salvage(), |ev| {
        match ev {
            Event::Record(_) => {
                records += 1;
                if !truncated {
                    // Shrink the file under the reader: retention or the log cleaner.
                    std::fs::OpenOptions::new()
                        .write(true)
                        .open(&seg)
                        .unwrap()
                        .set_len(1 << 20)
                        .unwrap();
                    truncated = true;
                }
            }
            Event::Damage(d) => damage.push(d.clone()),
            _ => {}
        }
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(damage.len(), 1, "{damage:?}");
    assert_eq!(damage[0].kind, DamageKind::FileChanged);
    assert!(damage[0].detail.contains("shrank"), "{}", damage[0].detail);
    // What was read before is a consistent prefix of whole batches.
    assert!(records > 0 && records % 20 == 0, "{records}");
    // What is left ends inside a batch: a torn tail for the next reader, not a crash.
    let (code, out, err) =
        common::outcome(common::groupctl().args(["wal", "stats", seg.to_str().unwrap()]));
    assert_eq!(code, 4, "{err}");
    assert!(out.contains("!! torn_tail"), "{out}");
}

/// Damage at the front of files bigger than one read chunk: the scan for the
/// next valid batch moves the read window far past the damage, and broker
/// mode must still count what follows (it used to index before the window).
#[test]
fn damage_before_a_long_scan_in_every_mode() {
    let dir = tempfile::tempdir().unwrap();
    let seg = big_segment(dir.path(), 9);
    let mut data = vec![0x5a; 6 << 20];
    data.extend(std::fs::read(&seg).unwrap());
    std::fs::write(&seg, &data).unwrap();
    let records = |extra: &[&str]| {
        let mut args = vec!["wal", "stats", seg.to_str().unwrap(), "--json"];
        args.extend_from_slice(extra);
        let (code, out, err) = common::outcome(common::groupctl().args(&args));
        assert_eq!(code, 4, "{extra:?}: {err}");
        let s: serde_json::Value = serde_json::from_str(&out).unwrap();
        (
            s["records"].as_u64().unwrap(),
            s["not_loaded_records"].as_u64().unwrap(),
        )
    };
    let (salvaged, _) = records(&["--salvage"]);
    assert!(salvaged > 0);
    assert_eq!(records(&[]), (0, salvaged), "Kafka truncates at byte 0");
    // Chronik: a record Chronik's loader stops at, then megabytes of records.
    let ev =
        br#"{"timestamp":"2026-11-20T10:00:00Z","payload":{"type":"TopicDeleted","name":"t"}}"#;
    let mut wal = build::chronik_record(0, ev);
    wal.extend(build::chronik_record_v1(1, 0, ev)); // Chronik reads only version 2
    let mut i = 2;
    while wal.len() < 6 << 20 {
        wal.extend(build::chronik_record(i, ev));
        i += 1;
    }
    let path = dir.path().join("wal_0_0.log");
    std::fs::write(&path, &wal).unwrap();
    let (code, out, err) = common::outcome(common::groupctl().args([
        "wal",
        "stats",
        path.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(code, 4, "{err}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (s["records"].as_i64(), s["not_loaded_records"].as_i64()),
        (Some(1), Some(i - 1))
    );
}

#[test]
fn inputs_that_are_not_logs_get_one_clear_line() {
    for (path, want) in [
        (
            "/dev/null",
            "not a log file or directory (it is a character device)",
        ),
        ("/nonexistent/meta.wal", "No such file or directory"),
    ] {
        let (code, out, err) = common::outcome(common::groupctl().args(["wal", "inspect", path]));
        assert_eq!(code, 1, "{path}: {err}");
        assert!(out.is_empty(), "{path}: {out}");
        assert_eq!(err.lines().count(), 1, "{path}: {err}");
        assert!(err.contains(path) && err.contains(want), "{path}: {err}");
    }
}
