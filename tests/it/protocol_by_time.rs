//! `--to-datetime` when a lookup by time answers an offset past the log end:
//! the log end is read again (records may have arrived in between, and then
//! the found offset is the target); if it is still past, the broker does not
//! find offsets by time (Chronik 2.10 answers 500 to every lookup) and
//! nothing is planned.

use crate::common;
use common::responder::*;
use common::{groupctl, outcome};
use kafka_protocol::messages::describe_groups_response::DescribedGroup;
use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// `orders` with one partition, billing committed at 40; log start 0; a
/// lookup by time answers `found`; the log end is `ends[k]` on the k-th
/// Latest lookup (the last one after that).
fn broker(found: i64, ends: &'static [i64]) -> (Responder, Arc<AtomicUsize>) {
    let latest = Arc::new(AtomicUsize::new(0));
    let seen = latest.clone();
    let r = Responder::start(kafka_41_apis(), vec![("orders", 1)], move |req| {
        match req.api_key {
            ApiKey::OffsetFetch => Some(offset_fetch(req, &[(0, 40)])),
            ApiKey::DescribeGroups => {
                let d: DescribeGroupsRequest = req.decode();
                let groups = d.groups.iter().map(|g| {
                    DescribedGroup::default()
                        .with_group_id(g.clone())
                        .with_group_state(sb("Empty"))
                });
                Some(reply(
                    &DescribeGroupsResponse::default().with_groups(groups.collect()),
                    req.version,
                ))
            }
            ApiKey::ListOffsets => {
                let l: ListOffsetsRequest = req.decode();
                let topics = l
                    .topics
                    .iter()
                    .map(|t| {
                        let parts = t.partitions.iter().map(|p| {
                            let off = match p.timestamp {
                                -2 => 0,
                                -1 => {
                                    let k = seen.fetch_add(1, Ordering::SeqCst);
                                    ends[k.min(ends.len() - 1)]
                                }
                                _ => found,
                            };
                            ListOffsetsPartitionResponse::default()
                                .with_partition_index(p.partition_index)
                                .with_offset(off)
                                .with_timestamp(if p.timestamp >= 0 { p.timestamp } else { -1 })
                        });
                        ListOffsetsTopicResponse::default()
                            .with_name(t.name.clone())
                            .with_partitions(parts.collect())
                    })
                    .collect();
                Some(reply(
                    &ListOffsetsResponse::default().with_topics(topics),
                    req.version,
                ))
            }
            _ => None,
        }
    });
    (r, latest)
}

fn plan(r: &Responder) -> (i32, String, String) {
    outcome(groupctl().args(["-b", r.addr()]).args([
        "reset-offsets",
        "billing",
        "--topic",
        "orders",
        "--to-datetime",
        "2026-01-01T00:00:00Z",
        "--json",
    ]))
}

#[test]
fn a_broker_that_cannot_look_up_by_time_gets_no_plan() {
    let (r, latest) = broker(500, &[10]);
    let (code, out, err) = plan(&r);
    assert_eq!(code, 1, "{out}");
    let line = "cannot plan 1 partition(s), nothing committed: orders-0: the broker's lookup by time answered offset 500, past the log end 10 (it does not find offsets by time)";
    assert_eq!(err, format!("error: {line}\n"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["message"], line, "{out}");
    assert_eq!(
        latest.load(Ordering::SeqCst),
        2,
        "the log end was read again"
    );
}

#[test]
fn a_log_end_that_moved_meanwhile_is_read_again() {
    // The first Latest answer (100) predates the record the lookup found (105).
    let (r, latest) = broker(105, &[100, 110]);
    let (code, out, err) = plan(&r);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &v["plan"]["groups"][0]["partitions"][0];
    assert_eq!(row["new_offset"], 105, "{out}");
    assert_eq!(row["log_end_offset"], 110, "{out}");
    assert!(row["note"].is_null(), "not clamped: {out}");
    assert_eq!(latest.load(Ordering::SeqCst), 2);
}
