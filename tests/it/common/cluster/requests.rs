//! Requests built with kafka-protocol for protocol-level tests through the
//! fault cluster (and straight to the real broker for setup), sent with
//! `RawClient`.

use super::raw::RawClient;
use kafka_protocol::messages::create_topics_request::CreatableTopic;
use kafka_protocol::messages::list_offsets_request::{ListOffsetsPartition, ListOffsetsTopic};
use kafka_protocol::messages::metadata_request::MetadataRequestTopic;
use kafka_protocol::messages::offset_commit_request::{
    OffsetCommitRequestPartition, OffsetCommitRequestTopic,
};
use kafka_protocol::messages::offset_fetch_request::{
    OffsetFetchRequestGroup, OffsetFetchRequestTopic, OffsetFetchRequestTopics,
};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;
use std::collections::BTreeMap;

pub const NOT_COORDINATOR: i16 = 16;
pub const NOT_LEADER_OR_FOLLOWER: i16 = 6;

pub fn sb(s: &str) -> StrBytes {
    StrBytes::from_string(s.to_string())
}

pub fn raw(addr: &str) -> RawClient {
    RawClient::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"))
}

pub fn create_topic_at(addr: &str, topic: &str, partitions: i32) {
    let req = CreateTopicsRequest::default()
        .with_topics(vec![CreatableTopic::default()
            .with_name(TopicName(sb(topic)))
            .with_num_partitions(partitions)
            .with_replication_factor(1)])
        .with_timeout_ms(10_000);
    let r = raw(addr).call(4, &req).unwrap();
    assert_eq!(r.topics[0].error_code, 0, "create {topic}");
}

/// An admin commit request (an empty group: generation -1).
pub fn commit_request(group: &str, topic: &str, offsets: &[(i32, i64)]) -> OffsetCommitRequest {
    let parts = offsets.iter().map(|&(p, o)| {
        OffsetCommitRequestPartition::default()
            .with_partition_index(p)
            .with_committed_offset(o)
    });
    OffsetCommitRequest::default()
        .with_group_id(GroupId(sb(group)))
        .with_generation_id_or_member_epoch(-1)
        .with_topics(vec![OffsetCommitRequestTopic::default()
            .with_name(TopicName(sb(topic)))
            .with_partitions(parts.collect())])
}

/// Admin commit (an empty group) straight to `addr`.
pub fn commit_at(
    addr: &str,
    group: &str,
    topic: &str,
    offsets: &[(i32, i64)],
) -> OffsetCommitResponse {
    raw(addr)
        .call(8, &commit_request(group, topic, offsets))
        .unwrap()
}

pub fn offset_fetch_v7(group: &str, topic: &str, partitions: &[i32]) -> OffsetFetchRequest {
    OffsetFetchRequest::default()
        .with_group_id(GroupId(sb(group)))
        .with_topics(Some(vec![OffsetFetchRequestTopic::default()
            .with_name(TopicName(sb(topic)))
            .with_partition_indexes(partitions.to_vec())]))
}

pub fn offset_fetch_v8(groups: &[&str], topic: &str, partitions: &[i32]) -> OffsetFetchRequest {
    let groups = groups.iter().map(|g| {
        OffsetFetchRequestGroup::default()
            .with_group_id(GroupId(sb(g)))
            .with_topics(Some(vec![OffsetFetchRequestTopics::default()
                .with_name(TopicName(sb(topic)))
                .with_partition_indexes(partitions.to_vec())]))
    });
    OffsetFetchRequest::default().with_groups(groups.collect())
}

/// Committed offsets of one group as the real broker has them.
pub fn committed_at(addr: &str, group: &str, topic: &str, partitions: &[i32]) -> Vec<i64> {
    let r = raw(addr)
        .call(7, &offset_fetch_v7(group, topic, partitions))
        .unwrap();
    assert_eq!(r.error_code, 0);
    r.topics[0]
        .partitions
        .iter()
        .map(|p| p.committed_offset)
        .collect()
}

/// Per group of a v8 OffsetFetch answer: (error, committed offsets).
pub fn by_group(r: &OffsetFetchResponse) -> BTreeMap<String, (i16, Vec<i64>)> {
    r.groups
        .iter()
        .map(|g| {
            let offsets = g
                .topics
                .iter()
                .flat_map(|t| t.partitions.iter().map(|p| p.committed_offset))
                .collect();
            (g.group_id.to_string(), (g.error_code, offsets))
        })
        .collect()
}

pub fn metadata_request(version: i16, topic: &str) -> MetadataRequest {
    let mut t = MetadataRequestTopic::default().with_name(Some(TopicName(sb(topic))));
    if version >= 10 {
        t.topic_id = Default::default();
    }
    MetadataRequest::default()
        .with_topics(Some(vec![t]))
        .with_allow_auto_topic_creation(version < 4)
}

pub fn list_offsets(topic: &str, partitions: impl Iterator<Item = i32>) -> ListOffsetsRequest {
    let parts = partitions.map(|p| {
        ListOffsetsPartition::default()
            .with_partition_index(p)
            .with_timestamp(-1)
    });
    ListOffsetsRequest::default()
        .with_replica_id(BrokerId(-1))
        .with_topics(vec![ListOffsetsTopic::default()
            .with_name(TopicName(sb(topic)))
            .with_partitions(parts.collect())])
}

/// Partition -> error code of a ListOffsets answer.
pub fn list_offsets_errors(r: &ListOffsetsResponse) -> BTreeMap<i32, i16> {
    r.topics
        .iter()
        .flat_map(|t| t.partitions.iter())
        .map(|p| (p.partition_index, p.error_code))
        .collect()
}

/// A cheap request every broker answers: ApiVersions v0.
pub fn ping(c: &mut RawClient) -> std::io::Result<ApiVersionsResponse> {
    c.call(0, &ApiVersionsRequest::default())
}

/// One record to one partition, as a v2 record batch.
pub fn produce_request(topic: &str, partition: i32, acks: i16, value: &str) -> ProduceRequest {
    use kafka_protocol::records::{
        Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
    };
    let record = Record {
        transactional: false,
        control: false,
        delete_horizon: false,
        partition_leader_epoch: -1,
        producer_id: -1,
        producer_epoch: -1,
        timestamp_type: TimestampType::Creation,
        offset: 0,
        sequence: -1,
        timestamp: 0,
        key: None,
        value: Some(bytes::Bytes::copy_from_slice(value.as_bytes())),
        headers: Default::default(),
    };
    let mut batch = bytes::BytesMut::new();
    let options = RecordEncodeOptions {
        version: 2,
        compression: Compression::None,
    };
    RecordBatchEncoder::encode(&mut batch, [&record], &options).expect("encode a record batch");
    let data = produce_request::PartitionProduceData::default()
        .with_index(partition)
        .with_records(Some(batch.freeze()));
    ProduceRequest::default()
        .with_acks(acks)
        .with_timeout_ms(10_000)
        .with_topic_data(vec![produce_request::TopicProduceData::default()
            .with_name(TopicName(sb(topic)))
            .with_partition_data(vec![data])])
}

/// `count` records to one partition straight to `addr`, one record per
/// batch (the test broker's log end counts batches).
pub fn produce_at(addr: &str, topic: &str, partition: i32, count: u32) {
    let mut c = raw(addr);
    for _ in 0..count {
        let r = c
            .call(9, &produce_request(topic, partition, 1, "x"))
            .unwrap();
        assert_eq!(r.responses[0].partition_responses[0].error_code, 0);
    }
}
