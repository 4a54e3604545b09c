//! OffsetFetch (multi-group v8+ per coordinator), ListOffsets (per leader),
//! OffsetCommit (admin commit on an empty group), OffsetDelete.

use super::{server_err, str_bytes, to_admin, Admin, AdminError};
use crate::kafka::{BrokerConnection, Client, KafkaError};
use crate::model::{CommittedOffset, TopicPartition};
use futures::future::join_all;
use kafka_protocol::messages::list_offsets_request::{ListOffsetsPartition, ListOffsetsTopic};
use kafka_protocol::messages::offset_commit_request::{
    OffsetCommitRequestPartition, OffsetCommitRequestTopic,
};
use kafka_protocol::messages::offset_delete_request::{
    OffsetDeleteRequestPartition, OffsetDeleteRequestTopic,
};
use kafka_protocol::messages::offset_fetch_request::{
    OffsetFetchRequestGroup, OffsetFetchRequestTopic, OffsetFetchRequestTopics,
};
use kafka_protocol::messages::{
    BrokerId, GroupId, ListOffsetsRequest, OffsetCommitRequest, OffsetDeleteRequest,
    OffsetFetchRequest, OffsetFetchResponse, TopicName,
};
use std::collections::BTreeMap;
use std::sync::Arc;

pub type GroupOffsets = BTreeMap<TopicPartition, CommittedOffset>;

fn topic_name(t: &str) -> TopicName {
    TopicName(str_bytes(t))
}

fn by_topic(partitions: &[TopicPartition]) -> BTreeMap<&str, Vec<i32>> {
    let mut m: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    for tp in partitions {
        m.entry(tp.topic.as_str()).or_default().push(tp.partition);
    }
    m
}

/// Committed offsets of many groups (tenant names in and out).
pub async fn fetch_offsets(
    admin: &Admin,
    groups: &[String],
    only: Option<&[TopicPartition]>,
) -> BTreeMap<String, Result<GroupOffsets, AdminError>> {
    let tenant = &admin.tenant;
    let only = only.map(|tps| tenant.wire_tps(tps));
    let res = fetch_offsets_wire(&admin.client, &tenant.wire_all(groups), only.as_deref()).await;
    to_admin(res.into_iter().filter_map(|(g, r)| {
        let r = r.map(|offsets| {
            offsets
                .into_iter()
                .filter_map(|(tp, o)| Some((tenant.local_tp(&tp)?, o)))
                .collect()
        });
        Some((tenant.local(&g)?, r))
    }))
}

/// Committed offsets of one group (tenant name in and out).
pub async fn fetch_group_offsets(admin: &Admin, group: &str) -> Result<GroupOffsets, AdminError> {
    fetch_offsets(admin, &[group.to_string()], None)
        .await
        .remove(group)
        .unwrap_or_else(|| Err(AdminError::no_coordinator(group)))
}

/// Committed offsets of many groups (all partitions, or only `only`).
/// One OffsetFetch per coordinator on brokers with v8+, else one per group.
async fn fetch_offsets_wire(
    client: &Client,
    groups: &[String],
    only: Option<&[TopicPartition]>,
) -> BTreeMap<String, Result<GroupOffsets, KafkaError>> {
    client
        .by_coordinator(
            "fetching committed offsets",
            groups,
            |conn, batch| async move {
                let version = conn.version_for::<OffsetFetchRequest>()?;
                if version >= 8 {
                    let topics = only.map(|tps| {
                        by_topic(tps)
                            .into_iter()
                            .map(|(t, ps)| {
                                OffsetFetchRequestTopics::default()
                                    .with_name(topic_name(t))
                                    .with_partition_indexes(ps)
                            })
                            .collect()
                    });
                    let req = OffsetFetchRequest::default().with_groups(
                        batch
                            .iter()
                            .map(|g| {
                                OffsetFetchRequestGroup::default()
                                    .with_group_id(GroupId(str_bytes(g)))
                                    .with_topics(topics.clone())
                            })
                            .collect(),
                    );
                    let resp = conn.send_version(&req, version).await?;
                    Ok(groups_from_v8(resp))
                } else {
                    let calls = batch
                        .iter()
                        .map(|g| fetch_one_legacy(conn.clone(), g.clone(), only, version));
                    Ok(join_all(calls).await)
                }
            },
        )
        .await
}

fn groups_from_v8(resp: OffsetFetchResponse) -> Vec<(String, Result<GroupOffsets, KafkaError>)> {
    resp.groups
        .into_iter()
        .map(|g| {
            let group = g.group_id.0.to_string();
            let partitions = g.topics.iter().flat_map(|t| {
                t.partitions.iter().map(|p| FetchedPartition {
                    topic: &t.name.0,
                    partition: p.partition_index,
                    offset: p.committed_offset,
                    leader_epoch: p.committed_leader_epoch,
                    metadata: p.metadata.as_deref(),
                })
            });
            let offsets = group_offsets(&group, g.error_code, partitions);
            (group, offsets)
        })
        .collect()
}

async fn fetch_one_legacy(
    conn: Arc<BrokerConnection>,
    group: String,
    only: Option<&[TopicPartition]>,
    version: i16,
) -> (String, Result<GroupOffsets, KafkaError>) {
    let topics = only.map(|tps| {
        by_topic(tps)
            .into_iter()
            .map(|(t, ps)| {
                OffsetFetchRequestTopic::default()
                    .with_name(topic_name(t))
                    .with_partition_indexes(ps)
            })
            .collect()
    });
    let req = OffsetFetchRequest::default()
        .with_group_id(GroupId(str_bytes(&group)))
        .with_topics(topics);
    let resp = match conn.send_version(&req, version).await {
        Ok(r) => r,
        Err(e) => return (group, Err(e)),
    };
    let partitions = resp.topics.iter().flat_map(|t| {
        t.partitions.iter().map(|p| FetchedPartition {
            topic: &t.name.0,
            partition: p.partition_index,
            offset: p.committed_offset,
            leader_epoch: p.committed_leader_epoch,
            metadata: p.metadata.as_deref(),
        })
    });
    let offsets = group_offsets(&group, resp.error_code, partitions);
    (group, offsets)
}

/// One partition of an OffsetFetch answer, in either layout (v8+ per group, older per request).
struct FetchedPartition<'a> {
    topic: &'a str,
    partition: i32,
    offset: i64,
    leader_epoch: i32,
    metadata: Option<&'a str>,
}

/// The one conversion of an OffsetFetch answer: the group's error, or its
/// committed offsets (-1 means "no committed offset" for a requested partition).
fn group_offsets<'a>(
    group: &str,
    error_code: i16,
    partitions: impl Iterator<Item = FetchedPartition<'a>>,
) -> Result<GroupOffsets, KafkaError> {
    if let Some(e) = server_err(error_code, format!("group {group}"), None) {
        return Err(e);
    }
    Ok(partitions
        .filter(|p| p.offset >= 0)
        .map(|p| {
            let committed = CommittedOffset {
                offset: p.offset,
                leader_epoch: (p.leader_epoch >= 0).then_some(p.leader_epoch),
                metadata: p.metadata.unwrap_or_default().to_string(),
            };
            (TopicPartition::new(p.topic, p.partition), committed)
        })
        .collect())
}

/// Which offset ListOffsets should find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetSpec {
    /// Log start offset (-2).
    Earliest,
    /// Log end offset (-1); with read_committed, the last stable offset.
    Latest,
    /// First offset whose timestamp is >= this (ms since epoch).
    Timestamp(i64),
}

impl OffsetSpec {
    /// ListOffsets' timestamp field. Negative values there are sentinels (-1
    /// latest, -2 earliest, -3 max timestamp...), so a time before 1970 is
    /// never sent as itself: every record is at or after it, and its first
    /// offset is the log start.
    fn wire(self) -> i64 {
        match self {
            OffsetSpec::Earliest => -2,
            OffsetSpec::Latest => -1,
            OffsetSpec::Timestamp(t) if t < 0 => -2,
            OffsetSpec::Timestamp(t) => t,
        }
    }
}

/// What ListOffsets found for one partition. `offset` is None when no record
/// has a timestamp at or after the one asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedOffset {
    pub offset: Option<i64>,
    pub timestamp: Option<i64>,
}

/// ListOffsets for many partitions (tenant names in and out).
pub async fn list_offsets(
    admin: &Admin,
    partitions: &[TopicPartition],
    spec: OffsetSpec,
) -> BTreeMap<TopicPartition, Result<ListedOffset, AdminError>> {
    let tenant = &admin.tenant;
    let res = list_offsets_wire(&admin.client, &tenant.wire_tps(partitions), spec).await;
    to_admin(
        res.into_iter()
            .filter_map(|(tp, r)| Some((tenant.local_tp(&tp)?, r))),
    )
}

/// ListOffsets for many partitions: one request per leader, concurrently, read_committed.
async fn list_offsets_wire(
    client: &Client,
    partitions: &[TopicPartition],
    spec: OffsetSpec,
) -> BTreeMap<TopicPartition, Result<ListedOffset, KafkaError>> {
    client
        .by_leader("listing log offsets", partitions, |conn, tps| async move {
            let version = conn.version_for::<ListOffsetsRequest>()?;
            let topics = by_topic(&tps)
                .into_iter()
                .map(|(t, ps)| {
                    ListOffsetsTopic::default()
                        .with_name(topic_name(t))
                        .with_partitions(
                            ps.into_iter()
                                .map(|p| {
                                    ListOffsetsPartition::default()
                                        .with_partition_index(p)
                                        .with_current_leader_epoch(-1)
                                        .with_timestamp(spec.wire())
                                })
                                .collect(),
                        )
                })
                .collect();
            // read_committed (1): lag is measured against the last stable offset.
            let req = ListOffsetsRequest::default()
                .with_replica_id(BrokerId(-1))
                .with_isolation_level(1)
                .with_timeout_ms(client.request_timeout().as_millis().min(i32::MAX as u128) as i32)
                .with_topics(topics);
            let resp = conn.send_version(&req, version).await?;
            let mut out = Vec::new();
            for t in resp.topics {
                for p in t.partitions {
                    let tp = TopicPartition::new(t.name.0.to_string(), p.partition_index);
                    let res = match server_err(p.error_code, format!("partition {tp}"), None) {
                        Some(e) => Err(e),
                        None => Ok(ListedOffset {
                            offset: (p.offset >= 0).then_some(p.offset),
                            timestamp: (p.timestamp >= 0).then_some(p.timestamp),
                        }),
                    };
                    out.push((tp, res));
                }
            }
            Ok(out)
        })
        .await
}

/// Admin commit of these offsets for `group` (tenant names in and out).
pub async fn commit_offsets(
    admin: &Admin,
    group: &str,
    offsets: &BTreeMap<TopicPartition, i64>,
) -> Result<BTreeMap<TopicPartition, Result<(), AdminError>>, AdminError> {
    let tenant = &admin.tenant;
    let wire: BTreeMap<TopicPartition, i64> = offsets
        .iter()
        .map(|(tp, o)| (tenant.wire_tp(tp), *o))
        .collect();
    let res = commit_offsets_wire(&admin.client, &tenant.wire(group), &wire).await?;
    Ok(to_admin(
        res.into_iter()
            .filter_map(|(tp, r)| Some((tenant.local_tp(&tp)?, r))),
    ))
}

/// Admin commit (generation -1, no member id), as Kafka's AdminClient does:
/// accepted only while the group has no active members.
async fn commit_offsets_wire(
    client: &Client,
    group: &str,
    offsets: &BTreeMap<TopicPartition, i64>,
) -> Result<BTreeMap<TopicPartition, Result<(), KafkaError>>, KafkaError> {
    let groups = [group.to_string()];
    let mut res = client
        .by_coordinator("committing offsets", &groups, |conn, batch| async move {
            let topics: BTreeMap<&str, Vec<(i32, i64)>> =
                offsets.iter().fold(BTreeMap::new(), |mut m, (tp, o)| {
                    m.entry(tp.topic.as_str())
                        .or_insert_with(Vec::new)
                        .push((tp.partition, *o));
                    m
                });
            let req = OffsetCommitRequest::default()
                .with_group_id(GroupId(str_bytes(&batch[0])))
                .with_generation_id_or_member_epoch(-1)
                .with_retention_time_ms(-1)
                .with_topics(
                    topics
                        .into_iter()
                        .map(|(t, ps)| {
                            OffsetCommitRequestTopic::default()
                                .with_name(topic_name(t))
                                .with_partitions(
                                    ps.into_iter()
                                        .map(|(p, o)| {
                                            OffsetCommitRequestPartition::default()
                                                .with_partition_index(p)
                                                .with_committed_offset(o)
                                                .with_committed_leader_epoch(-1)
                                                .with_committed_metadata(Some(str_bytes("")))
                                        })
                                        .collect(),
                                )
                        })
                        .collect(),
                );
            let resp = conn.send(&req).await?;
            let mut per = BTreeMap::new();
            let mut coordinator_error = None;
            for t in resp.topics {
                for p in t.partitions {
                    let tp = TopicPartition::new(t.name.0.to_string(), p.partition_index);
                    let r = match server_err(p.error_code, format!("partition {tp}"), None) {
                        // Coordinator moved: the whole commit is retried elsewhere.
                        Some(e) if e.is_retriable() && is_coordinator_error(&e) => {
                            coordinator_error = Some(e);
                            continue;
                        }
                        Some(e) => Err(e),
                        None => Ok(()),
                    };
                    per.insert(tp, r);
                }
            }
            let g = batch[0].clone();
            Ok(vec![(
                g,
                match coordinator_error {
                    Some(e) => Err(e),
                    None => Ok(per),
                },
            )])
        })
        .await;
    res.remove(group).unwrap_or_else(|| {
        Err(KafkaError::server(
            kafka_protocol::error::ResponseError::CoordinatorNotAvailable,
            group.to_string(),
        ))
    })
}

fn is_coordinator_error(e: &KafkaError) -> bool {
    use kafka_protocol::error::ResponseError::*;
    matches!(
        e.code(),
        Some(NotCoordinator | CoordinatorNotAvailable | CoordinatorLoadInProgress)
    )
}

/// OffsetDelete for one group's partitions (tenant names in and out).
pub async fn delete_offsets(
    admin: &Admin,
    group: &str,
    partitions: &[TopicPartition],
) -> Result<BTreeMap<TopicPartition, Result<(), AdminError>>, AdminError> {
    let tenant = &admin.tenant;
    let res = delete_offsets_wire(
        &admin.client,
        &tenant.wire(group),
        &tenant.wire_tps(partitions),
    )
    .await?;
    Ok(to_admin(
        res.into_iter()
            .filter_map(|(tp, r)| Some((tenant.local_tp(&tp)?, r))),
    ))
}

/// OffsetDelete for one group's partitions.
async fn delete_offsets_wire(
    client: &Client,
    group: &str,
    partitions: &[TopicPartition],
) -> Result<BTreeMap<TopicPartition, Result<(), KafkaError>>, KafkaError> {
    let groups = [group.to_string()];
    let mut res = client
        .by_coordinator(
            "deleting committed offsets",
            &groups,
            |conn, batch| async move {
                let req = OffsetDeleteRequest::default()
                    .with_group_id(GroupId(str_bytes(&batch[0])))
                    .with_topics(
                        by_topic(partitions)
                            .into_iter()
                            .map(|(t, ps)| {
                                OffsetDeleteRequestTopic::default()
                                    .with_name(topic_name(t))
                                    .with_partitions(
                                        ps.into_iter()
                                            .map(|p| {
                                                OffsetDeleteRequestPartition::default()
                                                    .with_partition_index(p)
                                            })
                                            .collect(),
                                    )
                            })
                            .collect(),
                    );
                let resp = conn.send(&req).await?;
                let g = batch[0].clone();
                if let Some(e) = server_err(resp.error_code, format!("group {g}"), None) {
                    return Ok(vec![(g, Err(e))]);
                }
                let mut per = BTreeMap::new();
                for t in resp.topics {
                    for p in t.partitions {
                        let tp = TopicPartition::new(t.name.0.to_string(), p.partition_index);
                        let r = match server_err(p.error_code, format!("partition {tp}"), None) {
                            Some(e) => Err(e),
                            None => Ok(()),
                        };
                        per.insert(tp, r);
                    }
                }
                Ok(vec![(g, Ok(per))])
            },
        )
        .await;
    res.remove(group).unwrap_or_else(|| {
        Err(KafkaError::server(
            kafka_protocol::error::ResponseError::CoordinatorNotAvailable,
            group.to_string(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(topic: &str, partition: i32, offset: i64, leader_epoch: i32) -> FetchedPartition<'_> {
        FetchedPartition {
            topic,
            partition,
            offset,
            leader_epoch,
            metadata: None,
        }
    }

    #[test]
    fn a_time_before_1970_asks_for_the_log_start_never_a_sentinel() {
        assert_eq!(OffsetSpec::Timestamp(-1).wire(), -2, "-1 would mean latest");
        assert_eq!(OffsetSpec::Timestamp(-2).wire(), -2);
        assert_eq!(OffsetSpec::Timestamp(-2_208_988_800_000).wire(), -2);
        assert_eq!(OffsetSpec::Timestamp(0).wire(), 0);
        assert_eq!(
            OffsetSpec::Timestamp(1_795_168_800_000).wire(),
            1_795_168_800_000
        );
    }

    #[test]
    fn uncommitted_partitions_are_left_out_and_epochs_kept() {
        let got = group_offsets(
            "g",
            0,
            [
                part("t", 0, 12, 3),
                part("t", 1, -1, -1),
                part("u", 0, 0, -1),
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[&TopicPartition::new("t", 0)].leader_epoch, Some(3));
        assert_eq!(got[&TopicPartition::new("u", 0)].offset, 0);
        assert_eq!(got[&TopicPartition::new("u", 0)].leader_epoch, None);
    }

    #[test]
    fn a_group_error_is_the_answer() {
        let e = group_offsets("g", 30, [part("t", 0, 1, 0)].into_iter()).unwrap_err();
        assert_eq!(
            e.code(),
            Some(kafka_protocol::error::ResponseError::GroupAuthorizationFailed)
        );
    }
}
