//! Deadlines that mean what they say (issue 13 line 5): the y/N prompt of
//! `delete` and `delete-offsets` is outside `--timeout`. Run on a real
//! pseudo-terminal (util-linux `script`), answered after the timeout.

use crate::common;
use common::cluster::requests::*;
use common::cluster::*;
use common::responder::{self, Responder};
use kafka_protocol::messages::offset_delete_response::{
    OffsetDeleteResponsePartition, OffsetDeleteResponseTopic,
};
use kafka_protocol::messages::{OffsetDeleteRequest, OffsetDeleteResponse};

use std::io::{Read, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Run groupctl on a pseudo-terminal; once it asks [y/N], wait `think`,
/// answer `y`. Returns its exit code and everything the terminal showed.
fn answer_late(args: &[&str], think: Duration) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("groupctl");
    let line = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    let mut script = common::pinned(std::process::Command::new("script"));
    let mut child = script
        .args(["-qec", &line, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Vec::new();
    let started = Instant::now();
    while !String::from_utf8_lossy(&screen).contains("[y/N]") {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no prompt: {}",
            String::from_utf8_lossy(&screen)
        );
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(50)) {
            screen.extend(bytes);
        }
    }
    std::thread::sleep(think);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"y\n").unwrap();
    stdin.flush().unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    while let Ok(bytes) = rx.recv_timeout(Duration::from_millis(200)) {
        screen.extend(bytes);
    }
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&screen).replace('\r', ""),
    )
}

#[test]
fn delete_answered_after_the_timeout_still_deletes() {
    let cluster = FaultCluster::start(1);
    let up = cluster.upstream();
    create_topic_at(up, "orders", 1);
    commit_at(up, "billing", "orders", &[(0, 5)]);
    let (code, screen) = answer_late(
        &[
            "-b",
            &cluster.bootstrap(),
            "--timeout",
            "2s",
            "delete",
            "billing",
        ],
        Duration::from_secs(3),
    );
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("deleted group billing"), "{screen}");
    assert!(!screen.contains("timed out"), "{screen}");
    assert_eq!(committed_at(up, "billing", "orders", &[0]), [-1]);
}

#[test]
fn delete_offsets_answered_after_the_timeout_still_deletes() {
    let r = Responder::start(responder::kafka_41_apis(), vec![("orders", 1)], |req| {
        if req.api_key != kafka_protocol::messages::ApiKey::OffsetDelete {
            return None;
        }
        let d: OffsetDeleteRequest = req.decode();
        let topics = d.topics.iter().map(|t| {
            OffsetDeleteResponseTopic::default()
                .with_name(t.name.clone())
                .with_partitions(
                    t.partitions
                        .iter()
                        .map(|p| {
                            OffsetDeleteResponsePartition::default()
                                .with_partition_index(p.partition_index)
                        })
                        .collect(),
                )
        });
        Some(responder::reply(
            &OffsetDeleteResponse::default().with_topics(topics.collect()),
            req.version,
        ))
    });
    let (code, screen) = answer_late(
        &[
            "-b",
            r.addr(),
            "--timeout",
            "2s",
            "delete-offsets",
            "billing",
            "--topic",
            "orders",
        ],
        Duration::from_secs(3),
    );
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains("deleted committed offset of billing for orders-0"),
        "{screen}"
    );
}
