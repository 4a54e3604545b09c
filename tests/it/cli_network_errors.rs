//! The binary against brokers that are not there or misbehave at the socket
//! level: one clear line on stderr, exit 1, no panic, no hang.

use crate::common;
use common::groupctl;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A server that accepts connections and answers every frame with `reply(request)`.
fn misbehaving_server(
    reply: impl Fn(&[u8]) -> Vec<u8> + Send + 'static,
    close_after: bool,
) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in l.incoming() {
            let Ok(mut s) = stream else { return };
            let mut len = [0u8; 4];
            if s.read_exact(&mut len).is_err() {
                continue;
            }
            let mut req = vec![0u8; i32::from_be_bytes(len) as usize];
            if s.read_exact(&mut req).is_err() {
                continue;
            }
            let _ = s.write_all(&reply(&req));
            if close_after {
                drop(s);
            } else {
                std::thread::sleep(Duration::from_secs(60));
            }
        }
    });
    addr
}

fn assert_one_line_error(out: &std::process::Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(stderr.contains(needle), "expected {needle:?} in {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.is_empty() {
        return;
    }
    // With --json, the one document on stdout is the error (or the command's own).
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    if let Some(e) = v.get("error").filter(|e| e.is_object()) {
        assert_eq!(e["exit_code"], 1, "{v}");
        assert!(e["message"].as_str().unwrap().contains(needle), "{v}");
    }
}

#[test]
fn closed_port_fails_fast_with_a_clear_error() {
    let addr = format!("127.0.0.1:{}", closed_port());
    let started = Instant::now();
    let out = groupctl()
        .args(["-b", addr.as_str()])
        .args(["list"])
        .output()
        .unwrap();
    assert_one_line_error(&out, &format!("cannot connect to {addr}"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn describe_against_closed_port_also_fails_cleanly() {
    let addr = format!("127.0.0.1:{}", closed_port());
    let out = groupctl()
        .args(["-b", addr.as_str()])
        .args(["describe", "my-group", "--json"])
        .output()
        .unwrap();
    assert_one_line_error(&out, "Connection refused");
}

#[test]
fn connection_closed_mid_response() {
    // Length prefix says 100 bytes, then 8 bytes of correlation id + junk, then close.
    let addr = misbehaving_server(
        |req| {
            let mut r = 100i32.to_be_bytes().to_vec();
            r.extend_from_slice(&req[4..8]);
            r.extend_from_slice(b"junk");
            r
        },
        true,
    );
    let out = groupctl()
        .args(["-b", addr.as_str()])
        .args(["--timeout", "3s", "list"])
        .output()
        .unwrap();
    assert_one_line_error(&out, "closed by the broker in the middle of a response");
}

#[test]
fn oversized_frame_is_refused_before_allocation() {
    let addr = misbehaving_server(|_| 0x7fff_fff0i32.to_be_bytes().to_vec(), false);
    let out = groupctl()
        .args(["-b", addr.as_str()])
        .args(["--timeout", "3s", "list"])
        .output()
        .unwrap();
    assert_one_line_error(&out, "over the 104857600-byte limit");
}

#[test]
fn silent_server_times_out_within_timeout() {
    let addr = misbehaving_server(|_| Vec::new(), false);
    let started = Instant::now();
    let out = groupctl()
        .args(["-b", addr.as_str()])
        .args(["--timeout", "1500ms", "list"])
        .output()
        .unwrap();
    assert_one_line_error(&out, "timed out after 1s 500ms");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = groupctl()
        .args(["-b", "127.0.0.1:1"])
        .args(["describe"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = groupctl()
        .args(["-b", "127.0.0.1:1"])
        .args(["describe", "g", "--members", "--state"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = groupctl()
        .args(["-b", "127.0.0.1:1"])
        .args(["--timeout", "soon", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid duration"));
}
