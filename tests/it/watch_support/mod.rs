//! Long-running processes for the live-view tests: kclient.py `pace`
//! clients and a `groupctl ... --watch --json` whose lines are collected.

use crate::common::{pinned, repo_root, test_python};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A child whose stdout lines (JSON) are collected as they come.
pub struct Lines {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Arc<Mutex<Vec<Value>>>,
}

impl Lines {
    fn spawn(mut cmd: Command) -> Lines {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn");
        let stdin = child.stdin.take();
        let out = BufReader::new(child.stdout.take().unwrap());
        let lines: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let v: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
                sink.lock().unwrap().push(v);
            }
        });
        Lines {
            child,
            stdin,
            lines,
        }
    }

    pub fn all(&self) -> Vec<Value> {
        self.lines.lock().unwrap().clone()
    }

    /// The first line from index `from` on that satisfies `pred`, waiting up to `timeout`.
    pub fn wait_for(
        &self,
        from: usize,
        timeout: Duration,
        what: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> (usize, Value) {
        let started = Instant::now();
        loop {
            {
                let lines = self.lines.lock().unwrap();
                if let Some((i, v)) = lines.iter().enumerate().skip(from).find(|(_, v)| pred(v)) {
                    return (i, v.clone());
                }
            }
            if started.elapsed() > timeout {
                let tail: Vec<String> = self
                    .all()
                    .iter()
                    .rev()
                    .take(5)
                    .map(|v| v.to_string().chars().take(600).collect())
                    .collect();
                panic!("{what}: not seen within {timeout:?}; last lines: {tail:#?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn len(&self) -> usize {
        self.lines.lock().unwrap().len()
    }

    pub fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Close stdin (the pace clients stop and leave their group) and wait.
    pub fn finish(&mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        self.child.wait().unwrap()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }
}

impl Drop for Lines {
    fn drop(&mut self) {
        drop(self.stdin.take());
        if let Ok(None) = self.child.try_wait() {
            std::thread::sleep(Duration::from_millis(300));
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn kclient(args: &[&str]) -> Command {
    let mut c = Command::new(test_python());
    c.arg(repo_root().join("tests/clients/kclient.py"))
        .args(args);
    c
}

/// `rate` records/s to one partition with CreateTime = now + `shift_ms`
/// (until stopped, or `count` records); its lines are {"offset", "timestamp"} per record.
pub fn pace_produce(
    bs: &str,
    topic: &str,
    partition: i32,
    rate: u32,
    shift_ms: i64,
    count: Option<u32>,
) -> Lines {
    Lines::spawn(kclient(&[
        "pace",
        "produce",
        bs,
        topic,
        &partition.to_string(),
        &rate.to_string(),
        &shift_ms.to_string(),
        &count.unwrap_or(0).to_string(),
    ]))
}

/// One consumer in `group` at most `rate` records/s, committing each; returns once assigned.
pub fn pace_consume(bs: &str, group: &str, topic: &str, rate: u32) -> Lines {
    let c = Lines::spawn(kclient(&[
        "pace",
        "consume",
        bs,
        group,
        topic,
        &rate.to_string(),
    ]));
    c.wait_for(0, Duration::from_secs(40), "consumer ready", |v| {
        v["event"] == "ready"
    });
    c
}

/// The CreateTime of each offset the producer wrote.
pub fn produced(p: &Lines) -> std::collections::BTreeMap<i64, i64> {
    p.all()
        .iter()
        .filter_map(|v| Some((v["offset"].as_i64()?, v["timestamp"].as_i64()?)))
        .collect()
}

/// groupctl with these arguments, its JSON lines collected (the environment
/// of `common::groupctl()`, but spawned: it runs while the test acts).
pub fn groupctl_lines(args: &[&str]) -> Lines {
    let mut cmd = pinned(Command::new(assert_cmd::cargo::cargo_bin("groupctl")));
    cmd.args(args);
    Lines::spawn(cmd)
}
