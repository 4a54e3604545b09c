//! Requests keyed by consumer group.

use super::super::topology::Topology;
use super::{partitions_of, s, Key, Keyed, Named, Routing};
use kafka_protocol::messages::delete_groups_response::DeletableGroupResult;
use kafka_protocol::messages::offset_commit_response::{
    OffsetCommitResponsePartition, OffsetCommitResponseTopic,
};
use kafka_protocol::messages::offset_fetch_response::{
    OffsetFetchResponseGroup, OffsetFetchResponsePartition, OffsetFetchResponseTopic,
};
use kafka_protocol::messages::*;

impl Keyed for OffsetFetchRequest {
    type Response = OffsetFetchResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, version: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        if version < 8 {
            n.groups.push(s(&self.group_id));
            for t in self.topics.iter().flatten() {
                let parts = t.partition_indexes.iter().copied();
                partitions_of(&t.name, 0, parts, topo, &mut n.partitions);
            }
        }
        for g in &self.groups {
            n.groups.push(s(&g.group_id));
            for t in g.topics.iter().flatten() {
                let parts = t.partition_indexes.iter().copied();
                partitions_of(
                    &t.name,
                    t.topic_id.as_u128(),
                    parts,
                    topo,
                    &mut n.partitions,
                );
            }
        }
        n
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.groups.retain(|g| keep(Key::Group(&g.group_id)));
    }
    fn error_response(&self, version: i16, code: i16) -> OffsetFetchResponse {
        let mut r = OffsetFetchResponse::default();
        if version >= 8 {
            r.groups = self
                .groups
                .iter()
                .map(|g| {
                    OffsetFetchResponseGroup::default()
                        .with_group_id(g.group_id.clone())
                        .with_error_code(code)
                })
                .collect();
        } else if version >= 2 {
            r.error_code = code;
        } else {
            // v0-1 have no group-level error: every partition carries it.
            r.topics = self
                .topics
                .iter()
                .flatten()
                .map(|t| {
                    let parts = t.partition_indexes.iter().map(|&p| {
                        OffsetFetchResponsePartition::default()
                            .with_partition_index(p)
                            .with_committed_offset(-1)
                            .with_error_code(code)
                    });
                    OffsetFetchResponseTopic::default()
                        .with_name(t.name.clone())
                        .with_partitions(parts.collect())
                })
                .collect();
        }
        r
    }
    fn merge(into: &mut OffsetFetchResponse, other: OffsetFetchResponse) {
        into.groups.extend(other.groups);
    }
}

impl Keyed for OffsetCommitRequest {
    type Response = OffsetCommitResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named {
            groups: vec![s(&self.group_id)],
            ..Named::default()
        };
        for t in &self.topics {
            let parts = t.partitions.iter().map(|p| p.partition_index);
            partitions_of(
                &t.name,
                t.topic_id.as_u128(),
                parts,
                topo,
                &mut n.partitions,
            );
        }
        n
    }
    fn error_response(&self, _: i16, code: i16) -> OffsetCommitResponse {
        let topics = self.topics.iter().map(|t| {
            let parts = t.partitions.iter().map(|p| {
                OffsetCommitResponsePartition::default()
                    .with_partition_index(p.partition_index)
                    .with_error_code(code)
            });
            OffsetCommitResponseTopic::default()
                .with_name(t.name.clone())
                .with_topic_id(t.topic_id)
                .with_partitions(parts.collect())
        });
        OffsetCommitResponse::default().with_topics(topics.collect())
    }
}

impl Keyed for DescribeGroupsRequest {
    type Response = DescribeGroupsResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named {
            groups: self.groups.iter().map(|g| s(g)).collect(),
            ..Named::default()
        }
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.groups.retain(|g| keep(Key::Group(g)));
    }
    fn error_response(&self, _: i16, code: i16) -> DescribeGroupsResponse {
        let groups = self.groups.iter().map(|g| {
            describe_groups_response::DescribedGroup::default()
                .with_group_id(g.clone())
                .with_error_code(code)
        });
        DescribeGroupsResponse::default().with_groups(groups.collect())
    }
    fn merge(into: &mut DescribeGroupsResponse, other: DescribeGroupsResponse) {
        into.groups.extend(other.groups);
    }
}

impl Keyed for ConsumerGroupDescribeRequest {
    type Response = ConsumerGroupDescribeResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named {
            groups: self.group_ids.iter().map(|g| s(g)).collect(),
            ..Named::default()
        }
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.group_ids.retain(|g| keep(Key::Group(g)));
    }
    fn error_response(&self, _: i16, code: i16) -> ConsumerGroupDescribeResponse {
        let groups = self.group_ids.iter().map(|g| {
            consumer_group_describe_response::DescribedGroup::default()
                .with_group_id(g.clone())
                .with_error_code(code)
        });
        ConsumerGroupDescribeResponse::default().with_groups(groups.collect())
    }
    fn merge(into: &mut ConsumerGroupDescribeResponse, other: ConsumerGroupDescribeResponse) {
        into.groups.extend(other.groups);
    }
}

impl Keyed for DeleteGroupsRequest {
    type Response = DeleteGroupsResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named {
            groups: self.groups_names.iter().map(|g| s(g)).collect(),
            ..Named::default()
        }
    }
    fn retain(&mut self, _: i16, _: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.groups_names.retain(|g| keep(Key::Group(g)));
    }
    fn error_response(&self, _: i16, code: i16) -> DeleteGroupsResponse {
        let results = self.groups_names.iter().map(|g| {
            DeletableGroupResult::default()
                .with_group_id(g.clone())
                .with_error_code(code)
        });
        DeleteGroupsResponse::default().with_results(results.collect())
    }
    fn merge(into: &mut DeleteGroupsResponse, other: DeleteGroupsResponse) {
        into.results.extend(other.results);
    }
}

impl Keyed for OffsetDeleteRequest {
    type Response = OffsetDeleteResponse;
    const ROUTING: Routing = Routing::ByCoordinator;
    fn named(&self, _: i16, _: &Topology) -> Named {
        let partitions = self
            .topics
            .iter()
            .flat_map(|t| t.partitions.iter().map(|p| (s(&t.name), p.partition_index)));
        Named {
            groups: vec![s(&self.group_id)],
            partitions: partitions.collect(),
        }
    }
    fn error_response(&self, _: i16, code: i16) -> OffsetDeleteResponse {
        OffsetDeleteResponse::default().with_error_code(code)
    }
}

/// Group membership requests: one group, one error code.
macro_rules! single_group {
    ($req:ty, $resp:ty, |$r:ident, $e:ident| $build:expr) => {
        impl Keyed for $req {
            type Response = $resp;
            const ROUTING: Routing = Routing::ByCoordinator;
            fn named(&self, _: i16, _: &Topology) -> Named {
                Named {
                    groups: vec![s(&self.group_id)],
                    ..Named::default()
                }
            }
            fn error_response(&self, _: i16, code: i16) -> $resp {
                let ($r, $e) = (self, <$resp>::default().with_error_code(code));
                $build
            }
        }
    };
}

single_group!(JoinGroupRequest, JoinGroupResponse, |r, e| e
    .with_generation_id(-1)
    .with_member_id(r.member_id.clone()));
single_group!(SyncGroupRequest, SyncGroupResponse, |_r, e| e);
single_group!(HeartbeatRequest, HeartbeatResponse, |_r, e| e);
single_group!(LeaveGroupRequest, LeaveGroupResponse, |_r, e| e);

impl Keyed for FindCoordinatorRequest {
    type Response = FindCoordinatorResponse;
    const ROUTING: Routing = Routing::Never;
    fn named(&self, version: i16, _: &Topology) -> Named {
        let groups = if self.key_type != 0 {
            vec![]
        } else if version >= 4 {
            self.coordinator_keys.iter().map(s).collect()
        } else {
            vec![s(&self.key)]
        };
        Named {
            groups,
            ..Named::default()
        }
    }
    fn error_response(&self, version: i16, code: i16) -> FindCoordinatorResponse {
        let r = FindCoordinatorResponse::default();
        if version < 4 {
            return r
                .with_error_code(code)
                .with_node_id(BrokerId(-1))
                .with_port(-1);
        }
        let keys = self.coordinator_keys.iter().map(|k| {
            find_coordinator_response::Coordinator::default()
                .with_key(k.clone())
                .with_error_code(code)
                .with_node_id(BrokerId(-1))
                .with_port(-1)
        });
        r.with_coordinators(keys.collect())
    }
}

impl Keyed for ListGroupsRequest {
    type Response = ListGroupsResponse;
    const ROUTING: Routing = Routing::Never;
    fn named(&self, _: i16, _: &Topology) -> Named {
        Named::default()
    }
    fn error_response(&self, _: i16, code: i16) -> ListGroupsResponse {
        ListGroupsResponse::default().with_error_code(code)
    }
}
