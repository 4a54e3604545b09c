//! What the broker under test says and can do, asked of it directly (not
//! assumed from its name): the broker tests run against any Kafka-protocol
//! broker (`GROUPCTL_TEST_BOOTSTRAP`) and check Kafka's behaviour where the
//! broker has the capability, and groupctl's documented way of coping where not.

use super::cluster::requests::raw;
use kafka_protocol::messages::list_offsets_request::{ListOffsetsPartition, ListOffsetsTopic};
use kafka_protocol::messages::metadata_request::MetadataRequestTopic;
use kafka_protocol::messages::{
    BrokerId, DescribeGroupsRequest, FindCoordinatorRequest, GroupId, ListOffsetsRequest,
    MetadataRequest, TopicName,
};
use kafka_protocol::protocol::StrBytes;

/// The coordinator FindCoordinator names for `group`: (node id, "host:port").
pub fn coordinator(bs: &str, group: &str) -> (i32, String) {
    let first = bs.split(',').next().expect("a bootstrap address");
    let key = StrBytes::from_string(group.to_string());
    let found = raw(first)
        .call(1, &FindCoordinatorRequest::default().with_key(key))
        .expect("FindCoordinator");
    assert_eq!(found.error_code, 0, "no coordinator for {group}");
    (found.node_id.0, format!("{}:{}", found.host, found.port))
}

/// What the coordinator of `group` says of it in ListGroups (v4): its
/// protocol type ("consumer", or "" for a group that only ever committed
/// offsets, as Kafka keeps it; Tansu says "consumer") and its state.
pub fn listed(bs: &str, group: &str) -> (String, String) {
    use kafka_protocol::messages::ListGroupsRequest;
    let (_, addr) = coordinator(bs, group);
    let answer = raw(&addr)
        .call(4, &ListGroupsRequest::default())
        .expect("ListGroups");
    let g = answer
        .groups
        .iter()
        .find(|g| g.group_id.0.as_str() == group)
        .unwrap_or_else(|| panic!("{group} is not listed by its coordinator"));
    (g.protocol_type.to_string(), g.group_state.to_string())
}

/// The leader (node id) of each partition of `topic`, as Metadata says now.
pub fn leaders(bs: &str, topic: &str) -> Vec<(i32, i32)> {
    let first = bs.split(',').next().expect("a bootstrap address");
    let name = TopicName(StrBytes::from_string(topic.to_string()));
    let meta = raw(first)
        .call(
            1,
            &MetadataRequest::default().with_topics(Some(vec![
                MetadataRequestTopic::default().with_name(Some(name))
            ])),
        )
        .expect("Metadata");
    let mut out: Vec<(i32, i32)> = meta.topics[0]
        .partitions
        .iter()
        .map(|p| (p.partition_index, p.leader_id.0))
        .collect();
    out.sort();
    out
}

/// Whether the broker runs KIP-848 consumer groups: its finalized
/// `group.version` feature is 1 or more (Kafka 4 by default; 3.9 leaves it off).
pub fn consumer_groups(bs: &str) -> bool {
    use kafka_protocol::messages::ApiVersionsRequest;
    let first = bs.split(',').next().expect("a bootstrap address");
    // v3 wants a valid software name, or it answers INVALID_REQUEST and no features.
    let req = ApiVersionsRequest::default()
        .with_client_software_name(StrBytes::from_static_str("groupctl-tests"))
        .with_client_software_version(StrBytes::from_static_str("1"));
    let answer = raw(first).call(3, &req).expect("ApiVersions");
    assert_eq!(answer.error_code, 0, "ApiVersions v3");
    let on = answer
        .finalized_features
        .iter()
        .any(|f| f.name.as_str() == "group.version" && f.max_version_level >= 1);
    if !on {
        super::skip("the broker runs no KIP-848 consumer groups (group.version feature off)");
    }
    on
}

/// Whether DescribeGroups describes `group` (a group with committed offsets)
/// without an error. Chronik 2.10 answers GROUP_ID_NOT_FOUND for every
/// consumer group; groupctl then cannot check members and writes need
/// `--assume-empty`.
pub fn describes_groups(bs: &str, group: &str) -> bool {
    let key = StrBytes::from_string(group.to_string());
    let (_, addr) = coordinator(bs, group);
    let described = raw(&addr)
        .call(
            0,
            &DescribeGroupsRequest::default().with_groups(vec![GroupId(key)]),
        )
        .expect("DescribeGroups");
    let can = described.groups.first().is_some_and(|g| g.error_code == 0);
    if !can {
        super::skip(
            "the broker cannot describe consumer groups (DescribeGroups: GROUP_ID_NOT_FOUND)",
        );
    }
    can
}

/// Flags a write to `group` needs on this broker: `--assume-empty` where
/// its members cannot be checked.
pub fn write_flags(bs: &str, group: &str) -> Vec<&'static str> {
    if describes_groups(bs, group) {
        vec![]
    } else {
        vec!["--assume-empty"]
    }
}

/// Whether ListOffsets finds offsets by time: asked for time 0 on partition
/// 0 of `topic` (which has records), a broker must answer its first offset.
/// Chronik 2.10 answers every time lookup with offset 500.
pub fn looks_up_by_time(bs: &str, topic: &str) -> bool {
    let first = bs.split(',').next().expect("a bootstrap address");
    let name = TopicName(StrBytes::from_string(topic.to_string()));
    let meta = raw(first)
        .call(
            1,
            &MetadataRequest::default().with_topics(Some(vec![
                MetadataRequestTopic::default().with_name(Some(name.clone()))
            ])),
        )
        .expect("Metadata");
    let leader = meta.topics[0]
        .partitions
        .iter()
        .find(|p| p.partition_index == 0)
        .expect("partition 0")
        .leader_id;
    let broker = meta
        .brokers
        .iter()
        .find(|b| b.node_id == leader)
        .expect("the leader in metadata");
    let ask = |timestamp: i64| -> i64 {
        let req = ListOffsetsRequest::default()
            .with_replica_id(BrokerId(-1))
            .with_topics(vec![ListOffsetsTopic::default()
                .with_name(name.clone())
                .with_partitions(vec![
                    ListOffsetsPartition::default().with_timestamp(timestamp)
                ])]);
        let resp = raw(&format!("{}:{}", broker.host, broker.port))
            .call(1, &req)
            .expect("ListOffsets");
        resp.topics[0].partitions[0].offset
    };
    let can = ask(0) == ask(-2);
    if !can {
        super::skip("the broker does not look up offsets by time (ListOffsets)");
    }
    can
}

/// The stdout of a `describe` (or `--watch`) of `group` (its name on the
/// wire). Where DescribeGroups describes it, the run succeeds; elsewhere
/// groupctl degrades as documented: offsets and lag all the same, state
/// Unknown, the reason on stderr, exit 4 (a partial result).
pub fn describe_stdout(bs: &str, group: &str, cmd: &mut assert_cmd::Command) -> String {
    let (code, out, err) = super::outcome(cmd);
    if describes_groups(bs, group) {
        assert_eq!(code, 0, "{err}");
    } else {
        assert_eq!(code, 4, "{err}");
        assert!(
            err.contains("DescribeGroups failed: GROUP_ID_NOT_FOUND"),
            "{err}"
        );
    }
    out
}

/// Whether one OffsetFetch (v8+) for two groups is answered for both.
/// Chronik 2.10 answers the first group only; groupctl asks for each group
/// it left out alone, so requests grow with the groups there.
pub fn answers_batched_offset_fetch(bs: &str, groups: [&str; 2]) -> bool {
    use kafka_protocol::messages::offset_fetch_request::OffsetFetchRequestGroup;
    use kafka_protocol::messages::OffsetFetchRequest;
    let (_, addr) = coordinator(bs, groups[0]);
    let req = OffsetFetchRequest::default().with_groups(
        groups
            .iter()
            .map(|g| {
                OffsetFetchRequestGroup::default()
                    .with_group_id(GroupId(StrBytes::from_string(g.to_string())))
            })
            .collect(),
    );
    let answer = raw(&addr).call(8, &req).expect("OffsetFetch");
    let can = answer.groups.len() == 2;
    if !can {
        super::skip("the broker answers a batched OffsetFetch for one group only");
    }
    can
}
