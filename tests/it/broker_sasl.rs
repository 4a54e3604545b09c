//! SASL against a server side that is not project code: the `scramp` Python
//! library runs SCRAM-SHA-256/512 (and RFC 4616 PLAIN) in
//! SaslHandshake + SaslAuthenticate, in a front (tests/clients/sasl_front.py)
//! that then pipes the connection to the real test broker, which advertises
//! the front. A real librdkafka client authenticates through the same front
//! first, so the front is checked against an independent client too.

use crate::common;

use common::{groupctl, outcome, repo_root, test_python, unique, Broker};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

const USER: &str = "ops";
const PASSWORD: &str = "s3cret-pa55word";

/// The front and the broker behind it; both stopped on drop.
struct Front {
    child: Child,
    stdin: Option<ChildStdin>,
    addr: String,
    /// Kept running until the front stops.
    _broker: Broker,
}

impl Front {
    fn start(mechanisms: &str) -> Front {
        let mut child = Command::new(test_python())
            .arg(repo_root().join("tests/clients/sasl_front.py"))
            .args([mechanisms, USER, PASSWORD])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tests/clients/sasl_front.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&line)
            .expect("the SASL front prints its port (its stderr is above; scripts/python-env installs scramp)");
        let port = v["port"].as_u64().unwrap() as u16;
        // The broker tells clients to come back through the front.
        let broker = Broker::start_advertising(Some(port));
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{}", broker.bootstrap()).unwrap();
        stdin.flush().unwrap();
        Front {
            child,
            stdin: Some(stdin),
            addr: format!("127.0.0.1:{port}"),
            _broker: broker,
        }
    }

    /// Run tests/clients/kclient.py (librdkafka) through the front with these credentials.
    fn kclient(&self, mechanism: &str, password: &str, args: &[&str]) -> std::process::Output {
        let extra = serde_json::json!({
            "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanism": mechanism,
            "sasl.username": USER,
            "sasl.password": password,
        });
        Command::new(test_python())
            .arg(repo_root().join("tests/clients/kclient.py"))
            .arg(args[0])
            .arg(&self.addr)
            .args(&args[1..])
            .env("KCLIENT_EXTRA", extra.to_string())
            .output()
            .expect("run tests/clients/kclient.py")
    }

    /// As `kclient`, expecting success.
    fn setup(&self, mechanism: &str, args: &[&str]) {
        let out = self.kclient(mechanism, PASSWORD, args);
        assert!(
            out.status.success(),
            "{mechanism} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn groupctl_sasl(addr: &str, mechanism: &str, password: &str) -> assert_cmd::Command {
    let mut c = groupctl();
    c.args(["-b", addr, "--timeout", "15s"])
        .args(["--sasl-mechanism", mechanism, "--sasl-username", USER])
        .env("GROUPCTL_SASL_PASSWORD", password);
    c
}

#[test]
fn scram_and_plain_authenticate_against_scramp() {
    // One front and broker per mechanism, side by side.
    std::thread::scope(|s| {
        for mechanism in ["SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN"] {
            s.spawn(move || authenticates(mechanism));
        }
    });
}

fn authenticates(mechanism: &str) {
    let front = Front::start(mechanism);
    let (topic, group) = (unique("orders"), unique("billing"));
    // librdkafka, an independent client, authenticates through the front...
    front.setup(mechanism, &["create-topic", &topic, "2"]);
    front.setup(mechanism, &["produce", &topic, "0", "6"]);
    front.setup(mechanism, &["commit", &group, &format!("{topic}:0=2")]);
    // ...and is refused with a wrong password.
    let refused = front.kclient(
        mechanism,
        "wrong",
        &["committed", &group, &format!("{topic}:0")],
    );
    assert!(
        !refused.status.success(),
        "{mechanism}: a wrong password must fail"
    );

    let (code, out, err) = outcome(
        groupctl_sasl(&front.addr, mechanism, PASSWORD)
            .args(["offsets", "fetch", &group, "--json"]),
    );
    assert_eq!(code, 0, "{mechanism}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = &v["partitions"][0];
    assert_eq!(
        (&p["committed_offset"], &p["log_end_offset"], &p["lag"]),
        (&2.into(), &6.into(), &4.into()),
        "{mechanism}: {out}"
    );
    assert!(!err.contains(PASSWORD) && !out.contains(PASSWORD));

    let (code, out, err) =
        outcome(groupctl_sasl(&front.addr, mechanism, "not-the-password").args(["-vv", "list"]));
    assert_eq!(code, 1, "{mechanism}: {err}");
    assert!(out.is_empty());
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "error: authentication to {} failed: SaslAuthenticationFailed",
            front.addr
        )),
        "{mechanism}: {err}"
    );
    let why = if mechanism == "PLAIN" {
        "Invalid username or password".to_string()
    } else {
        format!("invalid credentials with SASL mechanism {mechanism}")
    };
    assert!(last.contains(&why), "{mechanism}: {err}");
    assert!(!err.contains("not-the-password"), "{err}");
}

#[test]
fn a_mechanism_the_server_does_not_enable_is_named() {
    let front = Front::start("SCRAM-SHA-512");
    for mechanism in ["PLAIN", "SCRAM-SHA-256"] {
        let (code, _, err) = outcome(groupctl_sasl(&front.addr, mechanism, PASSWORD).arg("list"));
        assert_eq!(code, 1, "{err}");
        assert_eq!(
            err,
            format!(
                "error: authentication to {} failed: the broker does not enable SASL {mechanism} (it offers: SCRAM-SHA-512)\n",
                front.addr
            )
        );
    }
    // And a user the server does not know.
    let (code, _, err) = outcome(
        groupctl()
            .args(["-b", &front.addr, "--timeout", "15s", "list"])
            .args([
                "--sasl-mechanism",
                "SCRAM-SHA-512",
                "--sasl-username",
                "nobody",
            ])
            .env("GROUPCTL_SASL_PASSWORD", PASSWORD),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "error: authentication to {} failed: SaslAuthenticationFailed (Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512",
            front.addr
        )),
        "{err}"
    );
}
