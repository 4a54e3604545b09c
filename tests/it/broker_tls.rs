//! TLS against the real test broker behind a rustls TLS-terminating proxy
//! (Tansu 0.6 cannot enable TLS itself): CA file, mutual TLS, properties
//! file, hostname verification on and off, wrong CA, plaintext to a TLS port.

use crate::common;

use common::tls::{certs, proxy, ServerKind};
use common::{groupctl, outcome, Broker};
use std::net::TcpListener;

/// A broker whose only advertised listener is a TLS proxy of `kind`; returns (broker, "127.0.0.1:port").
fn tls_broker(c: &common::tls::Certs, kind: ServerKind) -> (Broker, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let broker = Broker::start_advertising(Some(port));
    proxy(listener, broker.bootstrap().to_string(), c, kind);
    (broker, format!("127.0.0.1:{port}"))
}

#[test]
fn tls_with_ca_file_flags_and_properties() {
    let c = certs();
    let (_broker, addr) = tls_broker(&c, ServerKind::Plain);
    // Real librdkafka clients over TLS create the data.
    common::set_client_extra(
        serde_json::json!({"security.protocol": "SSL", "ssl.ca.location": c.ca.to_str().unwrap()}),
    );
    common::create_topic(&addr, "tls-orders", 2);
    common::produce(&addr, "tls-orders", 0, 5);
    common::commit(&addr, "tls-group", &[("tls-orders", 0, 3)]);

    let (code, out, err) = outcome(groupctl().args([
        "-b",
        &addr,
        "--ssl-ca",
        c.ca.to_str().unwrap(),
        "describe",
        "tls-group",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = &v["groups"][0]["partitions"];
    assert_eq!(p[0]["current_offset"], 3, "{out}");
    assert_eq!(p[0]["log_end_offset"], 5, "{out}");

    let props = c.dir.path().join("client.properties");
    std::fs::write(
        &props,
        format!(
            "bootstrap.servers={addr}\nsecurity.protocol=SSL\nssl.truststore.location={}\nssl.truststore.type=PEM\nclient.id=ops-tls\nfetch.max.bytes=1\n",
            c.ca.display()
        ),
    )
    .unwrap();
    let (code, out, err) =
        outcome(groupctl().args(["--command-config", props.to_str().unwrap(), "list"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("tls-group"), "{out}");
    assert!(
        err.contains("ignoring fetch.max.bytes"),
        "unknown keys are warned: {err}"
    );
}

#[test]
fn tls_failures_are_one_line_reasons() {
    let c = certs();
    let (_broker, addr) = tls_broker(&c, ServerKind::Plain);
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &addr,
        "--ssl-ca",
        c.other_ca.to_str().unwrap(),
        "--timeout",
        "5s",
        "list",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("not signed by a trusted CA"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // Plaintext to a TLS listener: an error within the deadline, not a hang.
    let started = std::time::Instant::now();
    let (code, _, err) = outcome(groupctl().args(["-b", &addr, "--timeout", "3s", "list"]));
    assert_eq!(code, 1, "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));

    // --insecure-skip-verify connects anyway, and says so.
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &addr,
        "--security-protocol",
        "SSL",
        "--insecure-skip-verify",
        "list",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("NOT verified"), "{err}");
}

#[test]
fn hostname_verification_and_its_opt_out() {
    let c = certs();
    let (_broker, addr) = tls_broker(&c, ServerKind::WrongName);
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &addr,
        "--ssl-ca",
        c.ca.to_str().unwrap(),
        "--timeout",
        "5s",
        "list",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("does not name this host"), "{err}");
    let props = c.dir.path().join("noname.properties");
    std::fs::write(
        &props,
        format!("security.protocol=SSL\nssl.truststore.location={}\nssl.endpoint.identification.algorithm=\n", c.ca.display()),
    )
    .unwrap();
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &addr,
        "--command-config",
        props.to_str().unwrap(),
        "list",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("host names are not"), "{err}");
}

#[test]
fn mutual_tls() {
    let c = certs();
    let (_broker, addr) = tls_broker(&c, ServerKind::RequireClientCert);
    let ca = c.ca.to_str().unwrap();
    let (code, _, err) =
        outcome(groupctl().args(["-b", &addr, "--ssl-ca", ca, "--timeout", "5s", "list"]));
    assert_eq!(code, 1, "no client certificate: {err}");
    let (code, _, err) = outcome(groupctl().args([
        "-b",
        &addr,
        "--ssl-ca",
        ca,
        "--ssl-cert",
        c.client_cert.to_str().unwrap(),
        "--ssl-key",
        c.client_key.to_str().unwrap(),
        "list",
    ]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn keystores_that_are_not_pem_get_a_conversion_hint() {
    let c = certs();
    let jks = c.dir.path().join("truststore.jks");
    std::fs::write(&jks, [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]).unwrap();
    let props = c.dir.path().join("jks.properties");
    std::fs::write(
        &props,
        format!(
            "security.protocol=SSL\nssl.truststore.location={}\nssl.truststore.type=JKS\n",
            jks.display()
        ),
    )
    .unwrap();
    let (code, _, err) =
        outcome(groupctl().args(["--command-config", props.to_str().unwrap(), "list"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("keytool -exportcert -rfc"), "{err}");
    // Same file named as PEM: recognised by its bytes.
    let (code, _, err) = outcome(groupctl().args(["--ssl-ca", jks.to_str().unwrap(), "list"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Java KeyStore (JKS)") && err.contains("keytool"),
        "{err}"
    );
}
