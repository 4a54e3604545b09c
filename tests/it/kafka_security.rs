//! Security on Apache Kafka 4.4 itself: one broker with a listener per way
//! in — SASL_PLAINTEXT and SASL_SSL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512),
//! SSL, SSL with client certificates required, and two SSL listeners whose
//! certificates are wrong (expired; another host name) — the KRaft
//! StandardAuthorizer, SCRAM users created with kafka-configs.sh (the
//! broker's own admin path), ACLs set with kafka-acls.sh, certificates made
//! here (rcgen). Every mechanism works from flags, a properties file and a
//! profile; every bad credential ends in one line naming the cause, within the
//! connect timeout; ACLs decide what is listed, described and written.

use crate::common;
use common::kafka::{self, KafkaCluster, KafkaOptions};
use common::tls::{certs, Certs};
use common::*;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const ADMIN: (&str, &str) = ("admin", "admin-secret");
const ALICE: (&str, &str) = ("alice", "alice-secret");

struct Secured {
    cluster: KafkaCluster,
    certs: Certs,
}

impl Secured {
    /// PLAINTEXT: the broker's own listener, where ANONYMOUS is a super user (setup only).
    fn plain(&self) -> &str {
        self.cluster.bootstrap()
    }

    fn listener(&self, name: &str) -> String {
        let v = &self.cluster.info["listeners"][name];
        v.as_str()
            .unwrap_or_else(|| panic!("no listener {name}: {}", self.cluster.info))
            .to_string()
    }
}

fn jaas(mechanism: &str, users: &[(&str, &str)]) -> String {
    if mechanism == "plain" {
        let mut s = "org.apache.kafka.common.security.plain.PlainLoginModule required".to_string();
        for (u, p) in users {
            s.push_str(&format!(" user_{u}=\"{p}\""));
        }
        s + ";"
    } else {
        "org.apache.kafka.common.security.scram.ScramLoginModule required;".to_string()
    }
}

/// The one secured broker of this module, with users, data and ACLs.
fn secured() -> Option<&'static Secured> {
    static S: OnceLock<Option<Secured>> = OnceLock::new();
    S.get_or_init(|| {
        if test_broker() != TestBroker::Kafka {
            return None;
        }
        let c = certs();
        let keystore = |pem: &Path| pem.to_str().unwrap().to_string();
        let mut props = vec![
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
                .to_string(),
            "super.users=User:ANONYMOUS;User:admin;User:CN=groupctl-client".into(),
            "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512".into(),
        ];
        for l in ["sasl_plaintext", "sasl_ssl"] {
            props.push(format!(
                "listener.name.{l}.plain.sasl.jaas.config={}",
                jaas("plain", &[ADMIN, ALICE, ("bob", "bob-secret")])
            ));
            for m in ["scram-sha-256", "scram-sha-512"] {
                props.push(format!(
                    "listener.name.{l}.{m}.sasl.jaas.config={}",
                    jaas(m, &[])
                ));
            }
        }
        for (l, pem) in [
            ("sasl_ssl", &c.server_pem),
            ("ssl", &c.server_pem),
            ("mtls", &c.server_pem),
            ("expired", &c.expired_pem),
            ("wronghost", &c.wrong_name_pem),
        ] {
            props.push(format!("listener.name.{l}.ssl.keystore.type=PEM"));
            props.push(format!(
                "listener.name.{l}.ssl.keystore.location={}",
                keystore(pem)
            ));
        }
        props.push("listener.name.mtls.ssl.client.auth=required".into());
        props.push("listener.name.mtls.ssl.truststore.type=PEM".into());
        props.push(format!(
            "listener.name.mtls.ssl.truststore.location={}",
            c.ca.to_str().unwrap()
        ));
        let cluster = KafkaCluster::start(&KafkaOptions {
            props,
            listeners: [
                "SASL_PLAINTEXT:SASL_PLAINTEXT",
                "SASL_SSL:SASL_SSL",
                "SSL:SSL",
                "MTLS:SSL",
                "EXPIRED:SSL",
                "WRONGHOST:SSL",
            ]
            .map(String::from)
            .to_vec(),
            ..KafkaOptions::default()
        });
        let s = Secured { cluster, certs: c };
        // SCRAM users, through the broker's admin API (kafka-configs.sh).
        // (one mechanism per request: Kafka refuses two changes of one user at once)
        for (user, password) in [ADMIN, ALICE] {
            for m in ["SCRAM-SHA-256", "SCRAM-SHA-512"] {
                let config = format!("{m}=[password={password}]");
                let (code, out, err) = kafka::tool(
                    "configs",
                    &[
                        "--bootstrap-server",
                        s.plain(),
                        "--alter",
                        "--add-config",
                        &config,
                        "--entity-type",
                        "users",
                        "--entity-name",
                        user,
                    ],
                );
                assert_eq!(code, 0, "{out}{err}");
            }
        }
        Some(s)
    })
    .as_ref()
}

fn on_secured() -> Option<&'static Secured> {
    let s = secured();
    if s.is_none() {
        skip("the security tests run on Apache Kafka");
    }
    s
}

fn acl(s: &Secured, args: &[&str]) {
    let mut all = vec!["--bootstrap-server", s.plain()];
    all.extend_from_slice(args);
    let (code, out, err) = kafka::tool("acls", &all);
    assert_eq!(code, 0, "kafka-acls.sh {args:?}: {out}{err}");
}

/// Connect with a way in: the flags for it, and the password in the environment.
struct Way {
    bootstrap: String,
    flags: Vec<String>,
    password: Option<String>,
}

impl Way {
    fn run(&self, args: &[&str]) -> (i32, String, String, Duration) {
        let mut cmd = groupctl();
        cmd.args([
            "-b",
            &self.bootstrap,
            "--connect-timeout",
            "5s",
            "--timeout",
            "20s",
        ])
        .args(&self.flags)
        .args(args);
        if let Some(p) = &self.password {
            cmd.env("GROUPCTL_SASL_PASSWORD", p);
        }
        let started = Instant::now();
        let (code, out, err) = outcome(&mut cmd);
        // `cargo test --test it kafka_security -- --nocapture` shows each run:
        // README's "Connecting to a secured cluster" quotes them.
        println!(
            "$ groupctl -b {} {} {}\n{out}{err}(exit {code})\n",
            self.bootstrap,
            self.flags.join(" "),
            args.join(" ")
        );
        (code, out, err, started.elapsed())
    }
}

fn sasl(s: &Secured, listener: &str, mechanism: &str, user: (&str, &str)) -> Way {
    let protocol = if listener == "SASL_SSL" {
        "SASL_SSL"
    } else {
        "SASL_PLAINTEXT"
    };
    let mut flags = vec![
        "--security-protocol".to_string(),
        protocol.into(),
        "--sasl-mechanism".into(),
        mechanism.into(),
        "--sasl-username".into(),
        user.0.into(),
    ];
    if protocol == "SASL_SSL" {
        flags.extend(["--ssl-ca".into(), s.certs.ca.to_str().unwrap().into()]);
    }
    Way {
        bootstrap: s.listener(listener),
        flags,
        password: Some(user.1.to_string()),
    }
}

fn tls(s: &Secured, listener: &str, client_cert: bool) -> Way {
    let mut flags = vec![
        "--security-protocol".to_string(),
        "SSL".into(),
        "--ssl-ca".into(),
        s.certs.ca.to_str().unwrap().into(),
    ];
    if client_cert {
        flags.extend([
            "--ssl-cert".into(),
            s.certs.client_cert.to_str().unwrap().into(),
            "--ssl-key".into(),
            s.certs.client_key.to_str().unwrap().into(),
        ]);
    }
    Way {
        bootstrap: s.listener(listener),
        flags,
        password: None,
    }
}

/// A group with committed offsets on a topic, made as the super user.
fn data(s: &Secured, prefix: &str) -> (String, String) {
    let (t, g) = (
        unique(&format!("{prefix}orders")),
        unique(&format!("{prefix}g")),
    );
    create_topic(s.plain(), &t, 2);
    produce(s.plain(), &t, 0, 5);
    commit(s.plain(), &g, &[(&t, 0, 2)]);
    (t, g)
}

#[test]
fn every_mechanism_lists_and_describes() {
    let Some(s) = on_secured() else { return };
    let (_, g) = data(s, "sec-all-");
    let mut ways = vec![
        (
            "PLAINTEXT",
            Way {
                bootstrap: s.plain().to_string(),
                flags: vec![],
                password: None,
            },
        ),
        ("SSL", tls(s, "SSL", false)),
        ("mutual TLS", tls(s, "MTLS", true)),
    ];
    for listener in ["SASL_PLAINTEXT", "SASL_SSL"] {
        for m in ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] {
            ways.push(("SASL", sasl(s, listener, m, ADMIN)));
        }
    }
    for (name, way) in &ways {
        let (code, out, err, _) = way.run(&["list", "--json"]);
        assert_eq!(code, 0, "{name} {:?}: {err}", way.flags);
        assert!(out.contains(&g), "{name}: {out}");
        let (code, out, err, _) = way.run(&["describe", &g, "--json"]);
        assert_eq!(code, 0, "{name} {:?}: {err}", way.flags);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["groups"][0]["partitions"][0]["current_offset"], 2,
            "{name}"
        );
        assert!(!err.contains(ADMIN.1) && !out.contains(ADMIN.1));
    }
}

#[test]
fn the_same_from_a_properties_file_and_a_profile() {
    let Some(s) = on_secured() else { return };
    let (_, g) = data(s, "sec-file-");
    let dir = tempfile::tempdir().unwrap();
    let ca = s.certs.ca.to_str().unwrap();
    for m in ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] {
        let module = if m == "PLAIN" {
            "plain.PlainLoginModule"
        } else {
            "scram.ScramLoginModule"
        };
        // kafka-consumer-groups.sh --command-config style.
        let props = dir.path().join(format!("{m}.properties"));
        std::fs::write(
            &props,
            format!(
                "security.protocol=SASL_SSL\nsasl.mechanism={m}\nssl.truststore.type=PEM\nssl.truststore.location={ca}\n\
                 sasl.jaas.config=org.apache.kafka.common.security.{module} required username=\"admin\" password=\"admin-secret\";\n"
            ),
        )
        .unwrap();
        set_mode(&props, 0o600);
        let (code, out, err) = outcome(groupctl().args([
            "-b",
            &s.listener("SASL_SSL"),
            "--command-config",
            props.to_str().unwrap(),
            "describe",
            &g,
            "--json",
        ]));
        assert_eq!(code, 0, "{m}: {err}");
        assert!(out.contains(&g));
        assert!(err.is_empty(), "{m}: no warning for a private file: {err}");
        // A profile.
        let cfg = dir.path().join(format!("{m}.toml"));
        std::fs::write(
            &cfg,
            format!(
                "[profiles.prod]\nbootstrap = \"{}\"\nsecurity_protocol = \"SASL_SSL\"\nsasl_mechanism = \"{m}\"\n\
                 sasl_username = \"admin\"\nsasl_password_env = \"SEC_TEST_PASSWORD\"\nssl_ca = \"{ca}\"\n",
                s.listener("SASL_SSL")
            ),
        )
        .unwrap();
        let (code, out, err) = outcome(
            groupctl()
                .env("GROUPCTL_CONFIG", &cfg)
                .env("SEC_TEST_PASSWORD", ADMIN.1)
                .args(["--profile", "prod", "describe", &g, "--json"]),
        );
        assert_eq!(code, 0, "{m}: {err}");
        assert!(out.contains(&g));
    }
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn bad_credentials_end_in_one_line_naming_the_cause() {
    let Some(s) = on_secured() else { return };
    let wrong = |mut w: Way, p: &str| {
        w.password = Some(p.to_string());
        w
    };
    let other_ca = |mut w: Way| {
        let i = w.flags.iter().position(|f| f == "--ssl-ca").unwrap();
        w.flags[i + 1] = s.certs.other_ca.to_str().unwrap().to_string();
        w
    };
    let cases: Vec<(&str, Way, &str)> = vec![
        (
            "wrong password (SCRAM)",
            wrong(sasl(s, "SASL_SSL", "SCRAM-SHA-256", ALICE), "nope"),
            "authentication",
        ),
        (
            "wrong password (PLAIN)",
            wrong(sasl(s, "SASL_PLAINTEXT", "PLAIN", ALICE), "nope"),
            "authentication",
        ),
        (
            "unknown user",
            sasl(s, "SASL_PLAINTEXT", "SCRAM-SHA-512", ("mallory", "x")),
            "authentication",
        ),
        (
            "unknown user (PLAIN)",
            sasl(s, "SASL_PLAINTEXT", "PLAIN", ("mallory", "x")),
            "authentication",
        ),
        (
            "wrong mechanism",
            sasl(s, "SASL_PLAINTEXT", "GSSAPI", ALICE),
            "mechanism",
        ),
        (
            "untrusted certificate",
            other_ca(tls(s, "SSL", false)),
            "certificate",
        ),
        ("expired certificate", tls(s, "EXPIRED", false), "expired"),
        ("host name mismatch", tls(s, "WRONGHOST", false), "name"),
        ("no client certificate", tls(s, "MTLS", false), "TLS"),
    ];
    for (what, way, says) in cases {
        let (code, out, err, took) = way.run(&["list"]);
        let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("warning:")).collect();
        assert!(matches!(code, 1 | 2), "{what}: exit {code}: {err}");
        assert_eq!(lines.len(), 1, "{what}: one line: {err}");
        assert!(lines[0].starts_with("error: "), "{what}: {err}");
        assert!(
            lines[0].to_lowercase().contains(&says.to_lowercase()),
            "{what}: {err}"
        );
        assert!(
            !err.contains("alice-secret") && !err.contains("nope\""),
            "{what}: {err}"
        );
        assert!(
            took < Duration::from_secs(8),
            "{what}: within the connect timeout: {took:?}"
        );
        assert!(out.is_empty(), "{what}: {out}");
    }
}

/// alice may describe only the groups and topics starting with `team-a-`.
#[test]
fn acls_decide_what_is_listed_described_and_written() {
    let Some(s) = on_secured() else { return };
    let (t_a, g_a) = data(s, "team-a-");
    let (t_b, g_b) = data(s, "team-b-");
    // A team-a group that also committed a team-b topic.
    let g_mixed = unique("team-a-mixed");
    commit(s.plain(), &g_mixed, &[(&t_a, 0, 1), (&t_b, 0, 1)]);
    let alice = "User:alice";
    acl(
        s,
        &[
            "--add",
            "--allow-principal",
            alice,
            "--operation",
            "Describe",
            "--group",
            "team-a-",
            "--resource-pattern-type",
            "prefixed",
        ],
    );
    acl(
        s,
        &[
            "--add",
            "--allow-principal",
            alice,
            "--operation",
            "Describe",
            "--topic",
            "team-a-",
            "--resource-pattern-type",
            "prefixed",
        ],
    );
    let way = sasl(s, "SASL_PLAINTEXT", "SCRAM-SHA-256", ALICE);

    // list and describe --all-groups: exactly what Kafka returns for alice.
    let (code, out, err, _) = way.run(&["list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&g_a.as_str()) && names.contains(&g_mixed.as_str()),
        "{names:?}"
    );
    assert!(names.iter().all(|n| n.starts_with("team-a-")), "{names:?}");
    let (code, out, err, _) = way.run(&["describe", "--all-groups", "--state", "--json"]);
    assert!(code == 0 || code == 4, "{err}");
    assert!(!out.contains("team-b-"), "{out}");

    // A group without Describe: GROUP_AUTHORIZATION_FAILED named, exit 1.
    let (code, _, err, _) = way.run(&["describe", &g_b]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("GROUP_AUTHORIZATION_FAILED"), "{err}");

    // Lag of a topic without Describe. Kafka's OffsetFetch leaves such a
    // topic's commits out of its answer (so an idle group shows only what the
    // principal may see); a live member assigned one of its partitions makes
    // it visible: its log offsets are unknown, shown `-` with the reason (exit 4).
    let (code, out, err, _) = way.run(&["describe", &g_mixed, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(&t_b), "{out}");
    let live = unique("team-a-live");
    let runner = GroupRunner::start(s.plain(), &live, "roundrobin", 1, &[&t_a, &t_b]);
    let (code, out, err, _) = way.run(&["describe", &live, "--json"]);
    runner.stop();
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["groups"][0]["partitions"].as_array().unwrap();
    let b_rows: Vec<&Value> = rows.iter().filter(|p| p["topic"] == t_b.as_str()).collect();
    assert!(!b_rows.is_empty(), "{out}");
    for p in &b_rows {
        assert!(p["lag"].is_null() && p["log_end_offset"].is_null(), "{p}");
        assert!(
            p["error"]
                .as_str()
                .unwrap_or_default()
                .contains("TOPIC_AUTHORIZATION_FAILED"),
            "{p}"
        );
    }
    assert!(
        rows.iter()
            .any(|p| p["topic"] == t_a.as_str() && !p["log_end_offset"].is_null()),
        "{out}"
    );
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("TOPIC_AUTHORIZATION_FAILED"), "{err}");

    // Writes without Read on the group / topic: refused before anything is
    // written, the missing ACL named.
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().to_str().unwrap();
    let (code, _, err, _) = way.run(&[
        "reset-offsets",
        &g_a,
        "--topic",
        &t_a,
        "--to-earliest",
        "--execute",
        "--backup-dir",
        backups,
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("READ") && err.contains(&format!("Group:{g_a}")),
        "{err}"
    );
    assert_eq!(committed(s.plain(), &g_a, &[(&t_a, 0)]), [Some(2)]);
    let (code, _, err, _) = way.run(&[
        "offsets",
        "commit",
        &g_a,
        "--offset",
        &format!("{t_a}:0=0"),
        "--backup-dir",
        backups,
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("READ"), "{err}");
    acl(
        s,
        &[
            "--add",
            "--allow-principal",
            alice,
            "--operation",
            "Read",
            "--group",
            &g_a,
        ],
    );
    let (code, _, err, _) = way.run(&[
        "reset-offsets",
        &g_a,
        "--topic",
        &t_a,
        "--to-earliest",
        "--execute",
        "--backup-dir",
        backups,
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("READ") && err.contains(&format!("Topic:{t_a}")),
        "{err}"
    );
    acl(
        s,
        &[
            "--add",
            "--allow-principal",
            alice,
            "--operation",
            "Read",
            "--topic",
            &t_a,
        ],
    );
    let (code, _, err, _) = way.run(&[
        "reset-offsets",
        &g_a,
        "--topic",
        &t_a,
        "--to-earliest",
        "--execute",
        "--backup-dir",
        backups,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(committed(s.plain(), &g_a, &[(&t_a, 0)]), [Some(0)]);

    // delete without Delete: refused, named.
    let (code, _, err, _) = way.run(&["delete", &g_a, "--yes"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("DELETE") && err.contains(&format!("Group:{g_a}")),
        "{err}"
    );
    acl(
        s,
        &[
            "--add",
            "--allow-principal",
            alice,
            "--operation",
            "Delete",
            "--group",
            &g_a,
        ],
    );
    let (code, _, err, _) = way.run(&["delete", &g_a, "--yes"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn secrets_stay_out_of_traces_and_readable_files_are_flagged() {
    let Some(s) = on_secured() else { return };
    let (_, g) = data(s, "sec-vv-");
    let way = sasl(s, "SASL_SSL", "SCRAM-SHA-512", ADMIN);
    let (code, out, err, _) = way.run(&["-vv", "describe", &g]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("SaslAuthenticate"),
        "the trace shows the exchange: {err}"
    );
    assert!(!err.contains(ADMIN.1) && !out.contains(ADMIN.1), "{err}");
    // A properties file with a password that others can read: warned about.
    let dir = tempfile::tempdir().unwrap();
    let props = dir.path().join("client.properties");
    std::fs::write(
        &props,
        format!(
            "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nssl.truststore.type=PEM\nssl.truststore.location={}\n\
             sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"admin-secret\";\n",
            s.certs.ca.to_str().unwrap()
        ),
    )
    .unwrap();
    set_mode(&props, 0o644);
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &s.listener("SASL_SSL"),
        "--command-config",
        props.to_str().unwrap(),
        "list",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("can be read by other users") && err.contains("chmod 600"),
        "{err}"
    );
    assert!(!err.contains(ADMIN.1));
}
