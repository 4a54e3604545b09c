//! A count from a file must not drive an allocation: the 2^31-1 header-count
//! fixture is damage, read in bounded memory. Alone in its test binary so the
//! child's peak RSS is not inflated by what other tests hold in the parent
//! (a spawned child's maxrss starts from the parent's at exec).

#[path = "it/common/mod.rs"]
#[allow(dead_code)] // only groupctl(), outcome() and repo_root() are used here
mod common;

/// Peak RSS (KiB) of a finished child, from wait4 (this child only).
#[allow(clippy::zombie_processes)] // reaped by wait4, not Child::wait
fn run_measured(args: &[&str]) -> (i32, i64) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_groupctl"))
        .args(args)
        .env("GROUPCTL_CONFIG", "/nonexistent/groupctl-test-config.toml")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: plain syscall on our own child's pid with valid out-pointers; the
    // Child handle is not waited on afterwards.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    assert!(libc::WIFEXITED(status), "killed by a signal: {status}");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

#[test]
fn a_two_billion_header_count_is_damage_in_bounded_memory() {
    let f = fixture("header-count-2g.log");
    for mode in [&[][..], &["--salvage"][..]] {
        let mut args = vec!["wal", "replay", f.to_str().unwrap(), "--json"];
        args.extend_from_slice(mode);
        let (code, rss_kib) = run_measured(&args);
        assert_eq!(code, 4, "{mode:?}");
        assert!(rss_kib < 100 * 1024, "peak RSS {rss_kib} KiB {mode:?}");
    }
    let (_, out, _) = common::outcome(common::groupctl().args([
        "wal",
        "replay",
        f.to_str().unwrap(),
        "--json",
        "--salvage",
    ]));
    let st: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(st["errors"][0]["kind"], "undecodable");
    assert!(st["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("header count 2147483647"));
    // The batches around it are intact and read.
    let t = &st["groups"]["g"]["offsets"]["t"];
    assert_eq!(
        (t["0"]["offset"].as_i64(), t["2"]["offset"].as_i64()),
        (Some(1), Some(3))
    );
}

fn fixture(name: &str) -> std::path::PathBuf {
    common::repo_root().join("tests/fixtures/wal").join(name)
}
