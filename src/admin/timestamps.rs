//! The timestamp of the record at each committed offset (time lag), read
//! with Fetch: one request per partition leader, `read_committed`, a few KiB
//! per partition, and no group membership (a sessionless fetch, as any tool
//! reading the log does; the group never notices).
//!
//! A broker that ignores the per-partition limit may give the whole answer to
//! the first partitions; those it left without records get a second round,
//! one Fetch each (Apache Kafka honours the limit: no second round).
//!
//! Fetch names each partition once, so partitions where several groups sit
//! at different offsets need more than one request: the k-th distinct
//! offset of every partition goes in the k-th request to the leader, all sent
//! at once (still one round trip), and at most `MAX_LAYERS` of them.

use super::{server_err, str_bytes, Admin, AdminError};
use crate::kafka::{Client, KafkaError, Outcomes};
use crate::model::{NextRecord, TimestampType, TopicPartition};
use futures::future::join_all;
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::fetch_request::{FetchPartition, FetchTopic};
use kafka_protocol::messages::{BrokerId, FetchRequest, TopicName};
use kafka_protocol::records::RecordBatchDecoder;
use std::collections::{BTreeMap, BTreeSet};

/// Fetch requests per leader per call, at most (see the module doc).
pub const MAX_LAYERS: usize = 8;
/// Bytes asked for per partition: a batch header is 61 bytes and one small
/// batch usually fits; a batch cut short still has its header.
const PARTITION_BYTES: i32 = 8 << 10;
/// The whole answer stays well under the client's frame limit.
const RESPONSE_BYTES: i64 = 32 << 20;
/// v13+ names topics by id only; v12 is offered by every broker since Kafka 2.7.
const FETCH_MAX_VERSION: i16 = 12;
/// With min_bytes 1 a fetch of partitions that all have records returns at
/// once; this bounds the wait when one of them has nothing consumable.
const MAX_WAIT_MS: i32 = 200;

/// The next record to consume at each (partition, committed offset) pair
/// (tenant names in and out).
pub async fn next_records(
    admin: &Admin,
    positions: &[(TopicPartition, i64)],
) -> BTreeMap<(TopicPartition, i64), Result<NextRecord, AdminError>> {
    let tenant = &admin.tenant;
    let mut by_tp: BTreeMap<TopicPartition, BTreeSet<i64>> = BTreeMap::new();
    for (tp, offset) in positions {
        by_tp.entry(tenant.wire_tp(tp)).or_default().insert(*offset);
    }
    let wire = next_records_wire(&admin.client, &by_tp).await;
    wire.into_iter()
        .filter_map(|((tp, o), r)| Some(((tenant.local_tp(&tp)?, o), r.map_err(AdminError::from))))
        .collect()
}

async fn next_records_wire(
    client: &Client,
    positions: &BTreeMap<TopicPartition, BTreeSet<i64>>,
) -> BTreeMap<(TopicPartition, i64), Result<NextRecord, KafkaError>> {
    let depth = positions.values().map(BTreeSet::len).max().unwrap_or(0);
    let layers: Vec<BTreeMap<TopicPartition, i64>> = (0..depth.min(MAX_LAYERS))
        .map(|k| {
            positions
                .iter()
                .filter_map(|(tp, offsets)| Some((tp.clone(), *offsets.iter().nth(k)?)))
                .collect()
        })
        .collect();
    let answers = join_all(layers.iter().map(|layer| fetch_layer(client, layer))).await;
    let mut out = BTreeMap::new();
    for (layer, answer) in layers.iter().zip(answers) {
        for (tp, r) in answer {
            out.insert((tp.clone(), layer[&tp]), r);
        }
    }
    for (tp, offsets) in positions {
        for o in offsets.iter().skip(MAX_LAYERS) {
            out.insert((tp.clone(), *o), Ok(NextRecord::Skipped));
        }
    }
    out
}

/// One Fetch per leader for one offset per partition. A broker that fills
/// its answer partition by partition whatever the per-partition limit (the
/// test broker does) can leave later partitions without records: those are
/// asked for again, each alone, all at once.
async fn fetch_layer(
    client: &Client,
    layer: &BTreeMap<TopicPartition, i64>,
) -> Outcomes<TopicPartition, NextRecord> {
    let tps: Vec<TopicPartition> = layer.keys().cloned().collect();
    let mut out = fetch_round(client, layer, &tps).await;
    let starved: Vec<TopicPartition> = out
        .iter()
        .filter(|(_, r)| matches!(r, Ok(None)))
        .map(|(tp, _)| tp.clone())
        .collect();
    let again = join_all(
        starved
            .iter()
            .map(|tp| fetch_round(client, layer, std::slice::from_ref(tp))),
    )
    .await;
    out.extend(again.into_iter().flatten());
    out.into_iter()
        .map(|(tp, r)| (tp, r.map(|n| n.unwrap_or(NextRecord::NotReturned))))
        .collect()
}

/// One Fetch per leader for these partitions; None where the broker sent no records.
async fn fetch_round(
    client: &Client,
    layer: &BTreeMap<TopicPartition, i64>,
    tps: &[TopicPartition],
) -> Outcomes<TopicPartition, Option<NextRecord>> {
    client
        .by_leader("reading record timestamps", tps, |conn, batch| async move {
            let version = conn.version_for::<FetchRequest>()?.min(FETCH_MAX_VERSION);
            let per_partition = (RESPONSE_BYTES / batch.len().max(1) as i64)
                .clamp(128, PARTITION_BYTES as i64) as i32;
            let mut topics: BTreeMap<&str, Vec<FetchPartition>> = BTreeMap::new();
            for tp in &batch {
                topics.entry(tp.topic.as_str()).or_default().push(
                    FetchPartition::default()
                        .with_partition(tp.partition)
                        .with_current_leader_epoch(-1)
                        .with_fetch_offset(layer[tp])
                        .with_last_fetched_epoch(-1)
                        .with_log_start_offset(-1)
                        .with_partition_max_bytes(per_partition),
                );
            }
            // Sessionless (id 0, epoch -1), read_committed (1): what a consumer
            // of the group would be given next.
            let req = FetchRequest::default()
                .with_replica_id(BrokerId(-1))
                .with_max_wait_ms(MAX_WAIT_MS)
                .with_min_bytes(1)
                .with_max_bytes(per_partition.saturating_mul(batch.len() as i32))
                .with_isolation_level(1)
                .with_session_id(0)
                .with_session_epoch(-1)
                .with_topics(
                    topics
                        .into_iter()
                        .map(|(t, ps)| {
                            FetchTopic::default()
                                .with_topic(TopicName(str_bytes(t)))
                                .with_partitions(ps)
                        })
                        .collect(),
                );
            let resp = conn.send_version(&req, version).await?;
            if let Some(e) = server_err(resp.error_code, "Fetch", None) {
                return Err(e);
            }
            let mut out = Vec::with_capacity(batch.len());
            for t in resp.responses {
                for p in t.partitions {
                    let tp = TopicPartition::new(t.topic.0.to_string(), p.partition_index);
                    let Some(&offset) = layer.get(&tp) else {
                        continue;
                    };
                    let aborted: Vec<(i64, i64)> = p
                        .aborted_transactions
                        .iter()
                        .flatten()
                        .map(|a| (a.producer_id.0, a.first_offset))
                        .collect();
                    let res = match ResponseError::try_from_code(p.error_code) {
                        Some(ResponseError::OffsetOutOfRange)
                            if p.log_start_offset < 0 || offset < p.log_start_offset =>
                        {
                            Ok(Some(NextRecord::Gone))
                        }
                        Some(ResponseError::OffsetOutOfRange) => Ok(Some(NextRecord::NotReturned)),
                        Some(code) => Err(KafkaError::server(code, format!("partition {tp}"))),
                        None => Ok(match p.records.as_deref() {
                            Some(records) if !records.is_empty() => {
                                Some(scan(records, offset, &aborted))
                            }
                            _ => None,
                        }),
                    };
                    out.push((tp, res));
                }
            }
            // Some brokers leave out partitions that have nothing to return.
            let answered: BTreeSet<TopicPartition> = out.iter().map(|(tp, _)| tp.clone()).collect();
            for tp in batch {
                if !answered.contains(&tp) {
                    out.push((tp, Ok(None)));
                }
            }
            Ok(out)
        })
        .await
}

// Record batch v2 header: baseOffset 0, batchLength 8, partitionLeaderEpoch 12,
// magic 16, crc 17, attributes 21, lastOffsetDelta 23, baseTimestamp 27,
// maxTimestamp 35, producerId 43, producerEpoch 51, baseSequence 53, records 57..61.
const HEADER_V2: usize = 61;
const LOG_APPEND_TIME: i16 = 1 << 3;
const TRANSACTIONAL: i16 = 1 << 4;
const CONTROL: i16 = 1 << 5;
const DELETE_HORIZON: i16 = 1 << 6;

fn be<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at + N)?.try_into().ok()
}
fn i64_at(b: &[u8], at: usize) -> Option<i64> {
    be::<8>(b, at).map(i64::from_be_bytes)
}
fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    be::<4>(b, at).map(i32::from_be_bytes)
}
fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    be::<2>(b, at).map(i16::from_be_bytes)
}

/// The first consumable record at or after `offset` in a Fetch answer's
/// records (the log's own bytes: whole batches, the last one possibly cut
/// short by the size limit). `aborted`: (producer id, first offset) of the
/// aborted transactions the answer lists, whose records a read_committed
/// consumer skips, as it skips control batches.
pub(crate) fn scan(records: &[u8], offset: i64, aborted: &[(i64, i64)]) -> NextRecord {
    let mut aborted: Vec<(i64, i64)> = aborted.to_vec();
    aborted.sort_by_key(|&(_, first)| first);
    let mut aborted = aborted.into_iter().peekable();
    let mut aborting: BTreeSet<i64> = BTreeSet::new();
    let mut pos = 0usize;
    while let (Some(base), Some(len)) = (i64_at(records, pos), i32_at(records, pos + 8)) {
        let Ok(len) = usize::try_from(len) else {
            break;
        };
        let end = pos.saturating_add(12).saturating_add(len);
        let whole = end <= records.len();
        let Some(&magic) = records.get(pos + 16) else {
            break;
        };
        if magic < 2 {
            // A v0/v1 message (or compressed wrapper, whose offset is its last inner one).
            if base >= offset {
                return legacy(records, pos, magic, offset);
            }
        } else if magic == 2 {
            let (Some(attrs), Some(delta), Some(base_ts), Some(max_ts), Some(pid)) = (
                i16_at(records, pos + 21),
                i32_at(records, pos + 23),
                i64_at(records, pos + 27),
                i64_at(records, pos + 35),
                i64_at(records, pos + 43),
            ) else {
                break;
            };
            if pos + HEADER_V2 > records.len() {
                break;
            }
            while let Some(&(p, _)) = aborted.peek().filter(|&&(_, first)| first <= base) {
                aborting.insert(p);
                aborted.next();
            }
            let last = base + delta as i64;
            if attrs & CONTROL != 0 {
                // A transaction marker ends the producer's transaction.
                aborting.remove(&pid);
            } else if attrs & TRANSACTIONAL != 0 && aborting.contains(&pid) {
                // Aborted records: a read_committed consumer never sees them.
            } else if last >= offset {
                if attrs & LOG_APPEND_TIME != 0 {
                    // The broker's append time, the same for every record of the batch.
                    return NextRecord::Found {
                        offset: base.max(offset),
                        timestamp: max_ts,
                        kind: TimestampType::LogAppendTime,
                        exact: true,
                    };
                }
                let batch = &records[pos..end.min(records.len())];
                if let Some((o, ts)) = create_time(batch, whole, offset) {
                    return NextRecord::Found {
                        offset: o,
                        timestamp: ts,
                        kind: TimestampType::CreateTime,
                        exact: true,
                    };
                }
                if !whole {
                    // A compressed batch cut short: its first timestamp (or, when that
                    // field holds a delete horizon, its newest) is the best there is.
                    let ts = if attrs & DELETE_HORIZON != 0 {
                        max_ts
                    } else {
                        base_ts
                    };
                    return NextRecord::Found {
                        offset: base.max(offset),
                        timestamp: ts,
                        kind: TimestampType::CreateTime,
                        exact: base >= offset && attrs & DELETE_HORIZON == 0,
                    };
                }
                // Every record at or after `offset` was compacted away: the next batch.
            }
        } else {
            break;
        }
        if !whole {
            break;
        }
        pos = end;
    }
    NextRecord::NotReturned
}

fn legacy(records: &[u8], pos: usize, magic: u8, offset: i64) -> NextRecord {
    // offset 0, size 8, crc 12, magic 16, attributes 17, timestamp 18 (v1 only).
    let (Some(&attrs), Some(ts)) = (records.get(pos + 17), i64_at(records, pos + 18)) else {
        return NextRecord::NotReturned;
    };
    if magic == 0 {
        return NextRecord::NoTimestamp;
    }
    let log_append = attrs & 0x08 != 0;
    let compressed = attrs & 0x07 != 0;
    NextRecord::Found {
        offset,
        timestamp: ts,
        kind: if log_append {
            TimestampType::LogAppendTime
        } else {
            TimestampType::CreateTime
        },
        // A compressed wrapper carries its newest inner timestamp under CreateTime.
        exact: log_append || !compressed,
    }
}

/// (offset, CreateTime) of the first record at or after `offset` in one v2
/// batch. Uncompressed records are read in place, so a batch cut short
/// still answers for the records it holds; compressed ones need the whole batch.
fn create_time(batch: &[u8], whole: bool, offset: i64) -> Option<(i64, i64)> {
    let attrs = i16_at(batch, 21)?;
    let base = i64_at(batch, 0)?;
    let base_ts = i64_at(batch, 27)?;
    if attrs & 0x07 != 0 {
        if !whole {
            return None;
        }
        let mut buf = bytes::Bytes::copy_from_slice(batch);
        let set = RecordBatchDecoder::decode(&mut buf).ok()?;
        return set
            .records
            .iter()
            .find(|r| r.offset >= offset)
            .map(|r| (r.offset, r.timestamp));
    }
    let mut at = HEADER_V2;
    // Each record: length varint, attributes i8, timestampDelta varlong, offsetDelta varint, ...
    loop {
        let (len, n) = varint(batch, at)?;
        let body = at + n;
        let (ts_delta, m) = varint(batch, body + 1)?;
        let (off_delta, _) = varint(batch, body + 1 + m)?;
        if base + off_delta >= offset {
            return Some((base + off_delta, base_ts + ts_delta));
        }
        at = body.checked_add(usize::try_from(len).ok()?)?;
    }
}

/// A zigzag varint (Kafka's varint and varlong) and its length in bytes.
fn varint(b: &[u8], at: usize) -> Option<(i64, usize)> {
    let mut raw: u64 = 0;
    for i in 0..10 {
        let byte = *b.get(at + i)?;
        raw |= ((byte & 0x7f) as u64) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((((raw >> 1) as i64) ^ -((raw & 1) as i64), i + 1));
        }
    }
    None
}

#[cfg(test)]
#[path = "timestamps_tests.rs"]
mod tests;
