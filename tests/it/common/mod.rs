//! Shared by the integration tests: a real broker (Tansu) per test, real
//! Kafka clients (confluent-kafka, i.e. librdkafka) to create topics, produce,
//! commit and run consumer groups, and the groupctl binary.
//!
//! `GROUPCTL_TEST_BOOTSTRAP=host:port` runs the same tests against another
//! broker (Apache Kafka, Redpanda...); names are made unique per test then.

pub mod assign;
pub mod caps;
pub mod cluster;
pub mod kafka;
pub mod responder;
pub mod tls;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Which broker the broker tests run against: Apache Kafka 4.4 by default
/// (one shared single-node cluster per test binary, `kafka::shared`),
/// `GROUPCTL_TEST_BROKER=tansu` for a Tansu per test, or any running broker
/// given by `GROUPCTL_TEST_BOOTSTRAP=host:port` (Redpanda, Chronik...).
/// `GROUPCTL_TEST_KAFKA_VERSION=3.9` picks the older Kafka.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestBroker {
    Kafka,
    Tansu,
    External(String),
}

pub fn test_broker() -> TestBroker {
    if let Ok(bs) = std::env::var("GROUPCTL_TEST_BOOTSTRAP") {
        return TestBroker::External(bs);
    }
    match std::env::var("GROUPCTL_TEST_BROKER").as_deref() {
        Ok("tansu") => TestBroker::Tansu,
        Ok("kafka") | Err(_) => TestBroker::Kafka,
        Ok(other) => panic!("GROUPCTL_TEST_BROKER={other}: expected kafka or tansu"),
    }
}

/// The broker of one test: the shared Kafka (or external broker), or a Tansu
/// of its own, killed on drop.
pub struct Broker {
    child: Option<Child>,
    bootstrap: String,
}

impl Broker {
    pub fn start() -> Broker {
        match test_broker() {
            TestBroker::Kafka => Broker {
                child: None,
                bootstrap: kafka::shared().bootstrap().to_string(),
            },
            TestBroker::External(bs) => Broker {
                child: None,
                bootstrap: bs,
            },
            TestBroker::Tansu => Self::tansu(None),
        }
    }

    /// A Tansu of this test's own, whatever the suite runs against: for the
    /// proxies of the fault cluster, TLS and SASL fronts, which rewrite what
    /// one broker advertises.
    pub fn tansu_of_its_own() -> Broker {
        Self::tansu(None)
    }

    /// A Tansu that tells clients to connect to `advertised` (a TLS proxy in front of it).
    pub fn start_advertising(advertised: Option<u16>) -> Broker {
        Self::tansu(advertised)
    }

    fn tansu(advertised: Option<u16>) -> Broker {
        let bin = std::env::var("GROUPCTL_TANSU")
            .map(PathBuf::from)
            .unwrap_or_else(|_| repo_root().join(".ci/bin/tansu"));
        assert!(
            bin.exists(),
            "test broker not found at {}: run scripts/install-test-broker",
            bin.display()
        );
        for _attempt in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let url = format!("tcp://127.0.0.1:{port}");
            let adv = format!("tcp://127.0.0.1:{}", advertised.unwrap_or(port));
            let mut child = Command::new(&bin)
                .args([
                    "broker",
                    "--listener-url",
                    &url,
                    "--advertised-listener-url",
                    &adv,
                ])
                .args(["--storage-engine", "memory://tansu/"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn tansu");
            let addr = format!("127.0.0.1:{port}");
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(10) {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // port taken: try another
                }
                if TcpStream::connect(&addr).is_ok() {
                    // Two tests can pick the same free port: the loser's Tansu exits at
                    // once, and the connect above reached the winner's. Make sure ours lives.
                    std::thread::sleep(Duration::from_millis(50));
                    if let Ok(Some(_)) = child.try_wait() {
                        break;
                    }
                    return Broker {
                        child: Some(child),
                        bootstrap: addr,
                    };
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("test broker did not start");
    }

    pub fn bootstrap(&self) -> &str {
        &self.bootstrap
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A name unique to this run on a shared broker (Kafka, an external one); a
/// Tansu of the test's own keeps the name as given.
pub fn unique(name: &str) -> String {
    if test_broker() == TestBroker::Tansu {
        name.to_string()
    } else {
        format!("{name}-{:08x}", fastrand::u32(..))
    }
}

/// The Python with the test clients: `GROUPCTL_TEST_PYTHON`, else the venv
/// `scripts/python-env` makes, else `python3`.
pub fn test_python() -> PathBuf {
    if let Ok(p) = std::env::var("GROUPCTL_TEST_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = repo_root().join(".ci/venv/bin/python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

thread_local! {
    /// Extra client settings (JSON) for this test's kclient runs (TLS, SASL).
    static CLIENT_EXTRA: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Give the real clients this test starts extra settings (JSON, e.g.
/// `{"security.protocol": "SSL", ...}`): for this test's thread only.
pub fn set_client_extra(json: serde_json::Value) {
    CLIENT_EXTRA.with(|e| *e.borrow_mut() = Some(json.to_string()));
}

fn kclient() -> Command {
    let mut c = Command::new(test_python());
    c.arg(repo_root().join("tests/clients/kclient.py"));
    CLIENT_EXTRA.with(|e| match &*e.borrow() {
        Some(extra) => c.env("KCLIENT_EXTRA", extra),
        None => c.env_remove("KCLIENT_EXTRA"),
    });
    c
}

fn run_kclient(args: &[&str]) -> serde_json::Value {
    let out = kclient()
        .args(args)
        .output()
        .expect("run python3 tests/clients/kclient.py");
    assert!(
        out.status.success(),
        "kclient {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.lines().last().unwrap_or("null")).expect("kclient prints JSON")
}

pub fn create_topic(bs: &str, topic: &str, partitions: u32) {
    run_kclient(&["create-topic", bs, topic, &partitions.to_string()]);
}

/// A topic replicated on `replication` brokers (a leader can fail over).
pub fn create_replicated_topic(bs: &str, topic: &str, partitions: u32, replication: u32) {
    run_kclient(&[
        "create-topic",
        bs,
        topic,
        &partitions.to_string(),
        &replication.to_string(),
    ]);
}

/// `count` records to one partition, one record per batch.
pub fn produce(bs: &str, topic: &str, partition: i32, count: u32) {
    run_kclient(&[
        "produce",
        bs,
        topic,
        &partition.to_string(),
        &count.to_string(),
    ]);
}

/// Commit offsets with a real consumer that then leaves: an empty group with exactly these commits.
pub fn commit(bs: &str, group: &str, offsets: &[(&str, i32, i64)]) {
    let specs: Vec<String> = offsets
        .iter()
        .map(|(t, p, o)| format!("{t}:{p}={o}"))
        .collect();
    let mut args = vec!["commit", bs, group];
    args.extend(specs.iter().map(String::as_str));
    run_kclient(&args);
}

/// Committed offsets as a real consumer reads them (None: no commit).
pub fn committed(bs: &str, group: &str, partitions: &[(&str, i32)]) -> Vec<Option<i64>> {
    let specs: Vec<String> = partitions.iter().map(|(t, p)| format!("{t}:{p}")).collect();
    let mut args = vec!["committed", bs, group];
    args.extend(specs.iter().map(String::as_str));
    let v = run_kclient(&args);
    specs.iter().map(|s| v[s].as_i64()).collect()
}

/// Real consumers in a group, running until dropped (then they leave the group).
pub struct GroupRunner {
    child: Child,
    stdin: Option<ChildStdin>,
    pub assignments: serde_json::Value,
    /// As the clients report themselves: member_id, client_id,
    /// group_instance_id, assignment `[["t", 0], ...]` (from their callbacks).
    pub members: serde_json::Value,
}

impl GroupRunner {
    /// Start `members` consumers with `strategy` (range, roundrobin, cooperative-sticky)
    /// and wait until every member has a stable assignment.
    pub fn start(
        bs: &str,
        group: &str,
        strategy: &str,
        members: u32,
        topics: &[&str],
    ) -> GroupRunner {
        Self::start_with(bs, group, strategy, members, topics, None)
    }

    /// `start`, the members static (`group.instance.id` = prefix + index) when given a prefix.
    pub fn start_with(
        bs: &str,
        group: &str,
        strategy: &str,
        members: u32,
        topics: &[&str],
        instance_prefix: Option<&str>,
    ) -> GroupRunner {
        let mut cmd = kclient();
        if let Some(p) = instance_prefix {
            cmd.env("KCLIENT_INSTANCE_PREFIX", p);
        }
        let mut child = cmd
            .args(["group", bs, group, strategy, &members.to_string()])
            .args(topics)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn kclient group");
        let stdin = child.stdin.take();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = lines.next().expect("group runner ended early").unwrap();
        let v: serde_json::Value = serde_json::from_str(&ready).unwrap();
        assert_eq!(v["event"], "ready", "{ready}");
        GroupRunner {
            child,
            stdin,
            assignments: v["assignments"].clone(),
            members: v["members"].clone(),
        }
    }

    /// Members leave the group; returns when they are gone.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(mut s) = self.stdin.take() {
            let _ = s.flush();
        }
        let _ = self.child.wait();
    }
}

impl Drop for GroupRunner {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Real Java `KafkaConsumer`s (Kafka 4.4's client, `scripts/kafka driver
/// group`) in a group, running until dropped (then they leave). `protocol`
/// `classic` with `assignor` range, roundrobin, sticky or cooperative-sticky,
/// or `consumer` (KIP-848) with the server-side `assignor` (uniform, range).
pub struct JavaGroup {
    child: Child,
    stdin: Option<ChildStdin>,
    /// The `ready` line: `members` (member_id, client_id, group_instance_id,
    /// assignment `[["t", 0], ...]`), `state`, `group_epoch`, `assignor`.
    pub ready: serde_json::Value,
}

impl JavaGroup {
    pub fn start(
        bs: &str,
        group: &str,
        protocol: &str,
        assignor: &str,
        members: u32,
        topics: &[&str],
        instance_prefix: Option<&str>,
    ) -> JavaGroup {
        let mut cmd = Command::new(repo_root().join("scripts/kafka"));
        cmd.args(["driver", "group", bs, group])
            .args(["--members", &members.to_string()])
            .args(["--topics", &topics.join(",")])
            .args(["--protocol", protocol, "--assignor", assignor])
            .args(["--client-id-prefix", &format!("{group}-c")]);
        if let Some(p) = instance_prefix {
            cmd.args(["--instance-id-prefix", p]);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("scripts/kafka driver group");
        let stdin = child.stdin.take();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = loop {
            let line = lines
                .next()
                .expect("the Java group ended before it was ready")
                .unwrap();
            let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
            match v["event"].as_str() {
                Some("ready") => break v,
                Some("error") => panic!("Java group {group}: {line}"),
                _ => {}
            }
        };
        JavaGroup {
            child,
            stdin,
            ready,
        }
    }

    /// A control line for the driver: `stall I`, `resume I`, `report`.
    pub fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("the group is running");
        writeln!(stdin, "{line}").expect("write to the Java group");
        stdin.flush().expect("flush to the Java group");
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

impl Drop for JavaGroup {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The groupctl binary as every test runs it (the one way tests start it):
/// no colour, run from the repository root, and nothing from the developer's
/// environment: no GROUPCTL_* variables, no config file, HOME and the XDG
/// directories in a scratch directory of the build (`target/tmp`), so that
/// neither a profile nor a default backup directory of the developer is used.
/// Broker tests add `-b HOST:PORT`.
pub fn groupctl() -> assert_cmd::Command {
    let bin = std::process::Command::new(assert_cmd::cargo::cargo_bin("groupctl"));
    assert_cmd::Command::from_std(pinned(bin))
}

/// `cmd` with the environment `groupctl()` gives, for the few tests that run
/// the binary through another program (a pseudo-terminal).
pub fn pinned(mut cmd: std::process::Command) -> std::process::Command {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GROUPCTL_") {
            cmd.env_remove(key);
        }
    }
    // Integration tests get CARGO_TARGET_TMPDIR; examples that include this module do not.
    let scratch = option_env!("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/tmp"));
    let home = scratch.join("groupctl-test-home");
    std::fs::create_dir_all(&home).expect("scratch HOME");
    cmd.env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_STATE_HOME")
        .env("HOME", &home)
        .env("GROUPCTL_CONFIG", "/nonexistent/groupctl-test-config.toml")
        .env("NO_COLOR", "1")
        .current_dir(repo_root());
    cmd
}

/// Record that the running test could not check what it is for, because the
/// broker lacks a capability (`caps`): it still passes in the test harness,
/// but is counted and listed as skipped by `scripts/test` and
/// `scripts/compat` (from the log `GROUPCTL_SKIP_LOG`, else
/// `target/groupctl-skips.log`), never as passed.
pub fn skip(reason: &str) {
    use std::io::Write as _;
    let test = std::thread::current()
        .name()
        .unwrap_or("unknown test")
        .to_string();
    eprintln!("SKIPPED {test}: {reason}");
    let log = std::env::var_os("GROUPCTL_SKIP_LOG")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/groupctl-skips.log"));
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        let _ = writeln!(f, "{test}\t{reason}");
    }
}

/// Poll `cond` every 20 ms until it holds; fails the test after `within`.
pub fn eventually(within: Duration, mut cond: impl FnMut() -> bool) {
    let started = Instant::now();
    while !cond() {
        assert!(
            started.elapsed() < within,
            "condition not met within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Run groupctl, expect success, return stdout.
pub fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "groupctl failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Exit code, stdout and stderr of a run.
pub fn outcome(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let o = cmd.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
