//! SASL at the protocol level (the test broker has no working SASL): a
//! scripted broker that runs the server side of PLAIN and SCRAM
//! (RFC 5802, verifying the client's proof with its own key derivation) in
//! SaslHandshake + SaslAuthenticate. Also: secrets never appear in any output.

use crate::common;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use common::responder::{kafka_41_apis, reply, Request, Responder};
use common::{groupctl, outcome};
use hmac::{Hmac, Mac};
use kafka_protocol::messages::list_groups_response::ListedGroup;
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;
use sha2::{Digest, Sha256, Sha512};
use std::sync::{Arc, Mutex};

const PASSWORD: &str = "Tr0ub4dor&3-never-printed";

fn hmac256(k: &[u8], d: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(k).unwrap();
    m.update(d);
    m.finalize().into_bytes().to_vec()
}
fn hmac512(k: &[u8], d: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha512>::new_from_slice(k).unwrap();
    m.update(d);
    m.finalize().into_bytes().to_vec()
}

type HmacFn = fn(&[u8], &[u8]) -> Vec<u8>;

/// Server-side SCRAM state for one conversation.
#[derive(Default)]
struct ScramServer {
    client_first_bare: String,
    server_first: String,
}

fn scram_server(
    mech: &'static str,
    user: &'static str,
    password: &'static str,
) -> impl Fn(&Request) -> Option<common::responder::Reply> + Send + Sync {
    let state = Arc::new(Mutex::new(ScramServer::default()));
    move |req: &Request| match req.api_key {
        ApiKey::SaslHandshake => {
            let r: SaslHandshakeRequest = req.decode();
            let ok = r.mechanism.as_str() == mech;
            Some(reply(
                &SaslHandshakeResponse::default()
                    .with_error_code(if ok { 0 } else { 33 })
                    .with_mechanisms(vec![StrBytes::from_static_str(mech)]),
                req.version,
            ))
        }
        ApiKey::SaslAuthenticate => {
            let r: SaslAuthenticateRequest = req.decode();
            let msg = String::from_utf8(r.auth_bytes.to_vec()).unwrap();
            let fail = |m: &str| {
                Some(reply(
                    &SaslAuthenticateResponse::default()
                        .with_error_code(58)
                        .with_error_message(Some(StrBytes::from_string(m.to_string()))),
                    req.version,
                ))
            };
            let ok = |b: Vec<u8>| {
                Some(reply(
                    &SaslAuthenticateResponse::default().with_auth_bytes(b.into()),
                    req.version,
                ))
            };
            if mech == "PLAIN" {
                return if msg == format!("\0{user}\0{password}") {
                    ok(vec![])
                } else {
                    fail("Invalid username or password")
                };
            }
            let mut st = state.lock().unwrap();
            let salt = b"groupctl-salt";
            let (salted, hm): (Vec<u8>, HmacFn) = if mech == "SCRAM-SHA-512" {
                (
                    pbkdf2::pbkdf2_hmac_array::<Sha512, 64>(password.as_bytes(), salt, 4096)
                        .to_vec(),
                    hmac512,
                )
            } else {
                (
                    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password.as_bytes(), salt, 4096)
                        .to_vec(),
                    hmac256,
                )
            };
            let h = |d: &[u8]| -> Vec<u8> {
                if mech == "SCRAM-SHA-512" {
                    Sha512::digest(d).to_vec()
                } else {
                    Sha256::digest(d).to_vec()
                }
            };
            if let Some(bare) = msg.strip_prefix("n,,") {
                let cnonce = bare.split(',').find_map(|a| a.strip_prefix("r=")).unwrap();
                assert_eq!(bare.split(',').next().unwrap(), format!("n={user}"));
                st.client_first_bare = bare.to_string();
                st.server_first = format!("r={cnonce}srvNONCE,s={},i=4096", B64.encode(salt));
                return ok(st.server_first.clone().into_bytes());
            }
            let (without_proof, proof) = msg.rsplit_once(",p=").unwrap();
            let auth = format!(
                "{},{},{without_proof}",
                st.client_first_bare, st.server_first
            );
            let client_key = hm(&salted, b"Client Key");
            let stored = h(&client_key);
            let sig = hm(&stored, auth.as_bytes());
            let proof = B64.decode(proof).unwrap();
            let recovered: Vec<u8> = proof.iter().zip(&sig).map(|(a, b)| a ^ b).collect();
            if h(&recovered) != stored {
                return fail("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256");
            }
            let server_key = hm(&salted, b"Server Key");
            ok(format!("v={}", B64.encode(hm(&server_key, auth.as_bytes()))).into_bytes())
        }
        ApiKey::ListGroups => Some(reply(
            &ListGroupsResponse::default().with_groups(vec![ListedGroup::default()
                .with_group_id(StrBytes::from_static_str("secured-group").into())
                .with_protocol_type(StrBytes::from_static_str("consumer"))
                .with_group_state(StrBytes::from_static_str("Empty"))]),
            req.version,
        )),
        _ => None,
    }
}

#[test]
fn scram_sha256_and_512_authenticate() {
    for mech in ["SCRAM-SHA-256", "SCRAM-SHA-512"] {
        let r = Responder::start(kafka_41_apis(), vec![], scram_server(mech, "ops", PASSWORD));
        let (code, out, err) = outcome(
            groupctl()
                .args(["-b", r.addr(), "--timeout", "5s"])
                .args([
                    "--security-protocol",
                    "SASL_PLAINTEXT",
                    "--sasl-mechanism",
                    mech,
                    "--sasl-username",
                    "ops",
                    "list",
                ])
                .env("GROUPCTL_SASL_PASSWORD", PASSWORD),
        );
        assert_eq!(code, 0, "{mech}: {err}");
        assert!(out.contains("secured-group"), "{out}");
        assert_eq!(r.count(ApiKey::SaslHandshake), 1);
        assert_eq!(
            r.count(ApiKey::SaslAuthenticate),
            2,
            "client-first and client-final"
        );
    }
}

#[test]
fn plain_from_a_properties_file_with_jaas() {
    let r = Responder::start(
        kafka_41_apis(),
        vec![],
        scram_server("PLAIN", "alice", PASSWORD),
    );
    let dir = tempfile::tempdir().unwrap();
    let props = dir.path().join("client.properties");
    std::fs::write(
        &props,
        format!(
            "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"{PASSWORD}\";\n"
        ),
    )
    .unwrap();
    let (code, out, err) = outcome(groupctl().args(["-b", r.addr(), "--timeout", "5s"]).args([
        "--command-config",
        props.to_str().unwrap(),
        "list",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("secured-group"));
}

#[test]
fn bad_credentials_and_mechanisms_are_one_line_reasons() {
    let r = Responder::start(
        kafka_41_apis(),
        vec![],
        scram_server("SCRAM-SHA-256", "ops", PASSWORD),
    );
    let (code, _, err) = outcome(
        groupctl()
            .args(["-b", r.addr(), "--timeout", "5s"])
            .args([
                "--sasl-mechanism",
                "SCRAM-SHA-256",
                "--sasl-username",
                "ops",
                "list",
            ])
            .env("GROUPCTL_SASL_PASSWORD", "wrong-password"),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("authentication to") && err.contains("SaslAuthenticationFailed"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, _, err) = outcome(
        groupctl()
            .args(["-b", r.addr(), "--timeout", "5s"])
            .args([
                "--sasl-mechanism",
                "PLAIN",
                "--sasl-username",
                "ops",
                "list",
            ])
            .env("GROUPCTL_SASL_PASSWORD", PASSWORD),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("does not enable SASL PLAIN (it offers: SCRAM-SHA-256)"),
        "{err}"
    );
    // Missing password: a usage error before connecting.
    let (code, _, err) = outcome(groupctl().args(["-b", r.addr(), "--timeout", "5s"]).args([
        "--sasl-mechanism",
        "PLAIN",
        "--sasl-username",
        "ops",
        "list",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("SASL needs a password"), "{err}");
    let (code, _, err) = outcome(
        groupctl()
            .args(["-b", r.addr(), "--timeout", "5s"])
            .args([
                "--sasl-mechanism",
                "GSSAPI",
                "--sasl-username",
                "ops",
                "list",
            ])
            .env("GROUPCTL_SASL_PASSWORD", "x"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not supported"), "{err}");
}

#[test]
fn secrets_never_appear_in_any_output() {
    let r = Responder::start(
        kafka_41_apis(),
        vec![],
        scram_server("SCRAM-SHA-512", "ops", PASSWORD),
    );
    let dir = tempfile::tempdir().unwrap();
    let props = dir.path().join("c.properties");
    std::fs::write(
        &props,
        format!("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.username=ops\nsasl.password={PASSWORD}\n"),
    )
    .unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, format!("[profiles.p]\nsasl_mechanism = \"SCRAM-SHA-512\"\nsasl_username = \"ops\"\nsasl_password = \"{PASSWORD}\"\n")).unwrap();
    let encoded = B64.encode(PASSWORD);
    let runs: Vec<Vec<&str>> = vec![
        vec!["-vv", "--command-config", props.to_str().unwrap(), "list"],
        vec![
            "-vv",
            "--command-config",
            props.to_str().unwrap(),
            "config",
            "show",
        ],
        vec![
            "-vv",
            "--command-config",
            props.to_str().unwrap(),
            "config",
            "show",
            "--json",
        ],
        vec!["-vv", "--profile", "p", "list", "--json"],
        vec!["-vv", "--profile", "p", "config", "show"],
        vec!["-vv", "--profile", "p", "describe", "no-such-group"],
    ];
    for args in runs {
        let o = groupctl()
            .args(["-b", r.addr(), "--timeout", "5s"])
            .env("GROUPCTL_CONFIG", &cfg)
            .args(&args)
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            !all.contains(PASSWORD) && !all.contains(&encoded),
            "{args:?} printed the password:\n{all}"
        );
        assert!(all.len() > 20, "{args:?} printed something to check: {all}");
    }
    // And a failing authentication does not echo it either.
    let o = groupctl()
        .args(["-b", r.addr(), "--timeout", "5s"])
        .args([
            "-vv",
            "--sasl-mechanism",
            "SCRAM-SHA-512",
            "--sasl-username",
            "ops",
            "list",
        ])
        .env("GROUPCTL_SASL_PASSWORD", format!("{PASSWORD}x"))
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!all.contains(PASSWORD), "{all}");
}
