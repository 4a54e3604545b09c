//! Apache Kafka for the tests: real KRaft brokers started by `scripts/kafka
//! run` (installed by `scripts/install-kafka`; nothing is downloaded here).
//! The script holds the cluster until its stdin closes, so a cluster lives
//! exactly as long as the `KafkaCluster` that owns that pipe, and dies with
//! the test process however it ends.
//!
//! `shared()` is one single-node Kafka 4.4 for the whole test binary
//! (started on first use, ~5 s): tests isolate themselves by unique names.
//! `KafkaCluster::start` gives a test a cluster of its own (three brokers for
//! failures, listeners for security), stopped when dropped.

use super::repo_root;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// How to start a cluster.
#[derive(Debug, Clone)]
pub struct KafkaOptions {
    pub brokers: usize,
    /// `4.4.0` or `3.9`; `GROUPCTL_TEST_KAFKA_VERSION` by default.
    pub version: String,
    /// Broker settings (`key=value`), on top of the script's.
    pub props: Vec<String>,
    /// Extra listeners (`NAME:PROTOCOL`).
    pub listeners: Vec<String>,
    /// Short heartbeats and sessions for every group type.
    pub fast_groups: bool,
    /// A killed broker is fenced in seconds (fault tests).
    pub fast_failover: bool,
}

impl Default for KafkaOptions {
    fn default() -> Self {
        KafkaOptions {
            brokers: 1,
            version: std::env::var("GROUPCTL_TEST_KAFKA_VERSION")
                .unwrap_or_else(|_| "4.4.0".into()),
            props: Vec::new(),
            listeners: Vec::new(),
            fast_groups: true,
            fast_failover: false,
        }
    }
}

/// A running cluster; stopped (and its directory removed) when dropped.
pub struct KafkaCluster {
    child: Mutex<Child>,
    stdin: Mutex<Option<ChildStdin>>,
    /// What `scripts/kafka run` printed: bootstrap, brokers (id, port, pid, dir), listeners.
    pub info: Value,
}

impl KafkaCluster {
    pub fn start(opts: &KafkaOptions) -> KafkaCluster {
        let script = repo_root().join("scripts/kafka");
        let mut cmd = Command::new(&script);
        cmd.args(["run", "--brokers", &opts.brokers.to_string()])
            .args(["--version", &opts.version]);
        if opts.fast_groups {
            cmd.arg("--fast-groups");
        }
        if opts.fast_failover {
            cmd.arg("--fast-failover");
        }
        for p in &opts.props {
            cmd.args(["--prop", p]);
        }
        for l in &opts.listeners {
            cmd.args(["--listener", l]);
        }
        // For a post-mortem: the cluster's directory (logs, data) is kept.
        if std::env::var_os("GROUPCTL_TEST_KAFKA_KEEP").is_some() {
            cmd.arg("--keep");
        }
        let started = Instant::now();
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run {}: {e} (run scripts/install-kafka first)",
                    script.display()
                )
            });
        let stdin = child.stdin.take();
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("read the cluster's JSON line");
        let info: Value = serde_json::from_str(&line).unwrap_or_else(|_| {
            let status = child.wait();
            panic!(
                "scripts/kafka run did not start a cluster ({status:?}): {line:?} (its reason is on stderr above)"
            )
        });
        eprintln!(
            "kafka {} ({} broker(s)) ready in {} ms at {}",
            opts.version,
            opts.brokers,
            started.elapsed().as_millis(),
            info["bootstrap"].as_str().unwrap_or("?")
        );
        KafkaCluster {
            child: Mutex::new(child),
            stdin: Mutex::new(stdin),
            info,
        }
    }

    pub fn bootstrap(&self) -> &str {
        self.info["bootstrap"]
            .as_str()
            .expect("bootstrap in the cluster's line")
    }

    pub fn dir(&self) -> std::path::PathBuf {
        self.info["dir"].as_str().expect("dir").into()
    }

    /// The `scripts/kafka` JSON line of node `id`.
    pub fn node(&self, id: i32) -> &Value {
        self.info["brokers"]
            .as_array()
            .expect("brokers")
            .iter()
            .find(|b| b["id"] == id)
            .unwrap_or_else(|| panic!("no node {id} in {}", self.info))
    }

    /// Send a signal to node `id` (`KILL`, `STOP`, `CONT`, `TERM`).
    pub fn signal_node(&self, id: i32, signal: &str) {
        let out = Command::new(repo_root().join("scripts/kafka"))
            .args([
                "kill-node",
                &self.dir().to_string_lossy(),
                &id.to_string(),
                signal,
            ])
            .output()
            .expect("scripts/kafka kill-node");
        assert!(
            out.status.success(),
            "kill-node {id} {signal}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Start node `id` again after it was killed; returns when it answers.
    pub fn restart_node(&self, id: i32) {
        let out = Command::new(repo_root().join("scripts/kafka"))
            .args([
                "restart-node",
                &self.dir().to_string_lossy(),
                &id.to_string(),
            ])
            .output()
            .expect("scripts/kafka restart-node");
        assert!(
            out.status.success(),
            "restart-node {id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn stop(&self) {
        if let Some(mut s) = self.stdin.lock().expect("stdin lock").take() {
            let _ = s.flush();
        }
        let _ = self.child.lock().expect("child lock").wait();
    }
}

impl Drop for KafkaCluster {
    fn drop(&mut self) {
        self.stop();
    }
}

static SHARED: OnceLock<KafkaCluster> = OnceLock::new();

/// The single-node Kafka every broker test of this binary shares (never
/// dropped: the script stops it when the test process exits and its stdin closes).
pub fn shared() -> &'static KafkaCluster {
    SHARED.get_or_init(|| KafkaCluster::start(&KafkaOptions::default()))
}

/// Run a Kafka command-line tool (`consumer-groups`, `share-groups`, ...)
/// from the installed jars: (exit code, stdout, stderr).
pub fn tool(name: &str, args: &[&str]) -> (i32, String, String) {
    let version = std::env::var("GROUPCTL_TEST_KAFKA_VERSION").unwrap_or_else(|_| "4.4.0".into());
    let out = Command::new(repo_root().join("scripts/kafka"))
        .env("KAFKA_VERSION", version)
        .args(["tool", name])
        .args(args)
        .output()
        .expect("scripts/kafka tool");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
