//! ListGroups (every broker), DescribeGroups / ConsumerGroupDescribe (per
//! coordinator, batched), DeleteGroups.

use super::{broker_ref, server_err, str_bytes, to_admin, Admin, AdminError};
use crate::kafka::{BrokerConnection, Client, KafkaError};
use crate::model::consumer_protocol::{decode_assignment, decode_subscription};
use crate::model::{GroupDescription, GroupListing, GroupState, GroupType, Member, TopicPartition};
use futures::future::join_all;
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::{
    ConsumerGroupDescribeRequest, DeleteGroupsRequest, DescribeGroupsRequest, GroupId,
    ListGroupsRequest, ListGroupsResponse,
};
use kafka_protocol::protocol::StrBytes;
use std::collections::BTreeMap;

/// Filters for `list`; empty means all. Matched case-insensitively, as Kafka does.
/// Always applied here; types are also sent to brokers with ListGroups v5+
/// (a smaller answer on a big cluster). States are not: a broker that keeps
/// none (Tansu) would answer a state-filtered request with nothing.
#[derive(Debug, Clone, Default)]
pub struct GroupFilter {
    pub states: Vec<GroupState>,
    pub types: Vec<GroupType>,
}

impl GroupFilter {
    fn admits_state(&self, state: &GroupState) -> bool {
        admits(self.states.iter().map(GroupState::as_str), state.as_str())
    }

    fn admits_type(&self, t: &GroupType) -> bool {
        admits(self.types.iter().map(GroupType::as_str), t.as_str())
    }
}

fn admits<'a>(mut wanted: impl ExactSizeIterator<Item = &'a str>, v: &str) -> bool {
    wanted.len() == 0 || wanted.any(|w| w.eq_ignore_ascii_case(v))
}

/// Groups from every broker, plus the brokers that could not answer.
#[derive(Debug, Default)]
pub struct GroupList {
    pub groups: Vec<GroupListing>,
    /// Brokers asked (all of the cluster's).
    pub brokers: usize,
    pub failed_brokers: Vec<(i32, AdminError)>,
    /// Groups kept despite a state filter because no broker could say their
    /// state (neither ListGroups nor DescribeGroups): they may not match it.
    pub unknown_state: Vec<String>,
}

/// ListGroups to every broker in parallel, merged. The broker that lists a
/// group is its coordinator, so this also seeds the coordinator cache.
/// The bootstrap brokers are asked at once, while Metadata names the others
/// (one round trip, not two, when the bootstrap list names the brokers).
pub async fn list_groups(admin: &Admin, filter: &GroupFilter) -> Result<GroupList, AdminError> {
    let client = &admin.client;
    let types: Vec<String> = filter
        .types
        .iter()
        .map(|t| t.as_str().to_string())
        .collect();
    let types = &types;
    let early = client.bootstrap_addrs().iter().map(|addr| async move {
        let conn = || client.connection(addr);
        (addr.clone(), list_on(client, addr, conn, types).await)
    });
    let (brokers, early) = futures::join!(client.brokers(), join_all(early));
    let brokers = brokers?;
    let mut early: BTreeMap<String, _> = early.into_iter().collect();
    let calls = brokers.iter().map(|b| {
        let answered = early.remove(&b.addr()).and_then(Result::ok);
        async move {
            let res = match answered {
                Some(answer) => Ok(answer),
                None => {
                    let conn = || client.broker(b.id);
                    list_on(client, &format!("broker {}", b.id), conn, types).await
                }
            };
            (b.id, res)
        }
    });
    let mut out = GroupList {
        brokers: brokers.len(),
        ..GroupList::default()
    };
    for (id, res) in join_all(calls).await {
        match res {
            Ok((version, resp)) => {
                for g in resp.groups {
                    let wire = g.group_id.0.to_string();
                    client.note_coordinator(&wire, id);
                    let Some(group) = admin.tenant.local(&wire) else {
                        continue;
                    };
                    let listing = GroupListing {
                        group,
                        // Brokers before group types (v5) only have classic groups.
                        group_type: if version >= 5 {
                            GroupType::parse(&g.group_type)
                        } else {
                            GroupType::Classic
                        },
                        // Below v4 ListGroups carries no state.
                        state: if version >= 4 {
                            GroupState::parse(&g.group_state)
                        } else {
                            GroupState::Unknown
                        },
                        protocol_type: g.protocol_type.to_string(),
                        coordinator: broker_ref(client, id),
                    };
                    if filter.admits_type(&listing.group_type) {
                        out.groups.push(listing);
                    }
                }
            }
            Err(e) => out.failed_brokers.push((id, e.into())),
        }
    }
    out.groups.sort_by(|a, b| a.group.cmp(&b.group));
    out.groups.dedup_by(|a, b| a.group == b.group);
    if !filter.states.is_empty() {
        learn_unknown_states(admin, &mut out.groups).await;
        out.unknown_state = out
            .groups
            .iter()
            .filter(|g| g.state == GroupState::Unknown && !filter.admits_state(&g.state))
            .map(|g| g.group.clone())
            .collect();
        out.groups
            .retain(|g| g.state == GroupState::Unknown || filter.admits_state(&g.state));
    }
    Ok(out)
}

/// ListGroups on one broker (`who` names it in errors), retried on retriable errors.
async fn list_on<F, Fut>(
    client: &Client,
    who: &str,
    conn: F,
    types: &[String],
) -> Result<(i16, ListGroupsResponse), KafkaError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<std::sync::Arc<BrokerConnection>, KafkaError>>,
{
    client
        .retrying(&format!("listing groups on {who}"), || {
            let conn = conn();
            async move {
                let conn = conn.await?;
                let version = conn.version_for::<ListGroupsRequest>()?;
                // Types filtered by the broker where it can (v5+); states never: see GroupFilter.
                let req = ListGroupsRequest::default().with_types_filter(if version >= 5 {
                    types
                        .iter()
                        .map(|t| StrBytes::from_string(t.clone()))
                        .collect()
                } else {
                    Vec::new()
                });
                let resp = conn.send_version(&req, version).await?;
                if let Some(e) = server_err(resp.error_code, format!("ListGroups on {who}"), None) {
                    return Err(e);
                }
                Ok((version, resp))
            }
        })
        .await
}

/// States ListGroups did not give (below v4, or a broker that keeps none),
/// from DescribeGroups: one request per coordinator. Groups it cannot
/// describe stay Unknown.
async fn learn_unknown_states(admin: &Admin, groups: &mut [GroupListing]) {
    let unknown: Vec<String> = groups
        .iter()
        .filter(|g| g.state == GroupState::Unknown)
        .map(|g| g.group.clone())
        .collect();
    if unknown.is_empty() {
        return;
    }
    let described = describe_groups(admin, &unknown).await;
    for g in groups.iter_mut() {
        if let Some(Ok(d)) = described.get(&g.group) {
            g.state = d.state.clone();
        }
    }
}

/// Describe many groups: one DescribeGroups per coordinator; groups the
/// coordinator does not know as classic (KIP-848 `consumer` groups answer
/// GROUP_ID_NOT_FOUND there) are asked again with ConsumerGroupDescribe.
pub async fn describe_groups(
    admin: &Admin,
    groups: &[String],
) -> BTreeMap<String, Result<GroupDescription, AdminError>> {
    let tenant = &admin.tenant;
    let described = describe_wire(&admin.client, &tenant.wire_all(groups)).await;
    let described = described.into_iter().filter_map(|(g, r)| {
        let local = tenant.local(&g)?;
        let r = r.map(|mut d| {
            d.group = local.clone();
            for m in &mut d.members {
                m.subscription = tenant.local_topics(&m.subscription);
                m.assignment = tenant.local_tps(&m.assignment);
                m.owned = tenant.local_tps(&m.owned);
            }
            d
        });
        Some((local, r))
    });
    to_admin(described)
}

async fn describe_wire(
    client: &Client,
    groups: &[String],
) -> BTreeMap<String, Result<GroupDescription, KafkaError>> {
    client
        .by_coordinator("describing groups", groups, |conn, batch| async move {
            let coordinator = coordinator_id(client, &batch).and_then(|n| broker_ref(client, n));
            let version = conn.version_for::<DescribeGroupsRequest>()?;
            let req = DescribeGroupsRequest::default()
                .with_groups(batch.iter().map(|g| GroupId(str_bytes(g))).collect())
                // What the principal may do on each group: writes check it first.
                .with_include_authorized_operations(version >= 3);
            let resp = conn.send_version(&req, version).await?;
            let mut out: BTreeMap<String, Result<GroupDescription, KafkaError>> = BTreeMap::new();
            for g in resp.groups {
                let group = g.group_id.0.to_string();
                let ctx = format!("group {group}");
                let res = match server_err(g.error_code, ctx, g.error_message.as_ref()) {
                    Some(e) => Err(e),
                    None => Ok(classic_description(&g, coordinator.clone())),
                };
                out.insert(group, res);
            }
            // KIP-848 groups: DescribeGroups v6 says GROUP_ID_NOT_FOUND ("not a classic
            // group"), older versions say Dead. Ask ConsumerGroupDescribe for those; if
            // that fails (unsupported, or a broker with a broken implementation), keep
            // the DescribeGroups answer.
            let maybe_consumer: Vec<String> = out
                .iter()
                .filter(|(_, r)| match r {
                    Err(e) => e.code() == Some(ResponseError::GroupIdNotFound),
                    Ok(d) => d.state == GroupState::Dead && d.members.is_empty(),
                })
                .map(|(g, _)| g.clone())
                .collect();
            if !maybe_consumer.is_empty() && conn.apis().supports::<ConsumerGroupDescribeRequest>(0)
            {
                let req = ConsumerGroupDescribeRequest::default()
                    .with_group_ids(
                        maybe_consumer
                            .iter()
                            .map(|g| GroupId(str_bytes(g)))
                            .collect(),
                    )
                    .with_include_authorized_operations(true);
                if let Ok(resp) = conn.send(&req).await {
                    for g in resp.groups {
                        let group = g.group_id.0.to_string();
                        if g.error_code == 0 && out.contains_key(&group) {
                            out.insert(group, Ok(consumer_description(&g, coordinator.clone())));
                        }
                    }
                }
            }
            Ok(out.into_iter().collect())
        })
        .await
}

fn classic_description(
    g: &kafka_protocol::messages::describe_groups_response::DescribedGroup,
    coordinator: Option<crate::model::BrokerRef>,
) -> GroupDescription {
    let members = g.members.iter().map(|m| {
        let sub = decode_subscription(&m.member_metadata).ok();
        Member {
            member_id: m.member_id.to_string(),
            group_instance_id: m.group_instance_id.as_ref().map(|s| s.to_string()),
            client_id: m.client_id.to_string(),
            host: m.client_host.to_string(),
            rack: sub
                .as_ref()
                .and_then(|s| s.rack_id.as_ref().map(|r| r.to_string())),
            subscription: sub
                .as_ref()
                .map(|s| s.topics.iter().map(|t| t.to_string()).collect())
                .unwrap_or_default(),
            owned: sub
                .as_ref()
                .map(|s| s.owned_partitions.clone())
                .unwrap_or_default(),
            generation: sub.as_ref().and_then(|s| s.generation_id),
            assignment: decode_assignment(&m.member_assignment)
                .map(|a| a.partitions)
                .unwrap_or_default(),
            ..Member::default()
        }
    });
    GroupDescription {
        group: g.group_id.0.to_string(),
        state: GroupState::parse(&g.group_state),
        group_type: GroupType::Classic,
        protocol_type: g.protocol_type.to_string(),
        assignor: g.protocol_data.to_string(),
        coordinator,
        members: members.collect(),
        authorized: crate::model::acl::Operations::from_wire(g.authorized_operations),
        ..Default::default()
    }
}

fn consumer_description(
    g: &kafka_protocol::messages::consumer_group_describe_response::DescribedGroup,
    coordinator: Option<crate::model::BrokerRef>,
) -> GroupDescription {
    use kafka_protocol::messages::consumer_group_describe_response::Assignment;
    let partitions = |a: &Assignment| {
        flatten(
            a.topic_partitions
                .iter()
                .map(|tp| (tp.topic_name.0.to_string(), &tp.partitions)),
        )
    };
    let members = g.members.iter().map(|m| Member {
        member_id: m.member_id.to_string(),
        group_instance_id: m.instance_id.as_ref().map(|s| s.to_string()),
        client_id: m.client_id.to_string(),
        host: m.client_host.to_string(),
        rack: m.rack_id.as_ref().map(|s| s.to_string()),
        subscription: m
            .subscribed_topic_names
            .iter()
            .map(|t| t.0.to_string())
            .collect(),
        assignment: partitions(&m.assignment),
        owned: Vec::new(),
        generation: Some(m.member_epoch),
        member_epoch: Some(m.member_epoch),
        target_assignment: Some(partitions(&m.target_assignment)),
        // v1+: 0 classic (a classic member in a consumer group), 1 consumer; -1 not told.
        member_type: match m.member_type {
            0 => Some("classic".to_string()),
            1 => Some("consumer".to_string()),
            _ => None,
        },
        subscribed_regex: m.subscribed_topic_regex.as_ref().map(|s| s.to_string()),
        reconciling: None,
    });
    let members = members.map(|mut m| {
        m.reconciling = m.reconciliation(Some(g.assignment_epoch));
        m
    });
    GroupDescription {
        group: g.group_id.0.to_string(),
        state: GroupState::parse(&g.group_state),
        group_type: GroupType::Consumer,
        protocol_type: "consumer".to_string(),
        assignor: g.assignor_name.to_string(),
        coordinator,
        members: members.collect(),
        group_epoch: Some(g.group_epoch),
        assignment_epoch: Some(g.assignment_epoch),
        authorized: crate::model::acl::Operations::from_wire(g.authorized_operations),
    }
}

fn coordinator_id(client: &Client, batch: &[String]) -> Option<i32> {
    batch.first().and_then(|g| client.cached_coordinator(g))
}

fn flatten<'a>(items: impl Iterator<Item = (String, &'a Vec<i32>)>) -> Vec<TopicPartition> {
    let mut out: Vec<TopicPartition> = items
        .flat_map(|(t, ps)| ps.iter().map(move |p| TopicPartition::new(t.clone(), *p)))
        .collect();
    out.sort();
    out
}

/// DeleteGroups, batched per coordinator.
pub async fn delete_groups(
    admin: &Admin,
    groups: &[String],
) -> BTreeMap<String, Result<(), AdminError>> {
    let tenant = &admin.tenant;
    let res = admin
        .client
        .by_coordinator(
            "deleting groups",
            &tenant.wire_all(groups),
            |conn, batch| async move {
                let req = DeleteGroupsRequest::default()
                    .with_groups_names(batch.iter().map(|g| GroupId(str_bytes(g))).collect());
                let resp = conn.send(&req).await?;
                Ok(resp
                    .results
                    .into_iter()
                    .map(|r| {
                        let g = r.group_id.0.to_string();
                        let res = match server_err(r.error_code, format!("group {g}"), None) {
                            Some(e) => Err(e),
                            None => Ok(()),
                        };
                        (g, res)
                    })
                    .collect())
            },
        )
        .await;
    to_admin(
        res.into_iter()
            .filter_map(|(g, r)| Some((tenant.local(&g)?, r))),
    )
}
