//! KIP-848 consumer groups and share groups (record types 3-16): the group
//! epoch, the target assignment epoch, and per member its metadata, target
//! and current assignment; the group's state is derived from the epochs as
//! the new coordinator derives it.

use super::state::{EpochMember, Partitions, ReplayedGroup, ReplayedMember};
use crate::model::{GroupState, GroupType};
use crate::wal::record_type::CoordinatorRecordType as T;
use serde_json::Value;
use std::collections::BTreeMap;

fn epoch(v: &Value, field: &str) -> Option<i32> {
    v[field].as_i64().map(|e| e as i32)
}

/// Apply one record of types 3-16 to its group.
pub(super) fn apply(
    g: &mut ReplayedGroup,
    t: T,
    member: Option<String>,
    regex: Option<String>,
    value: Option<Value>,
) {
    let kind = if t.is_share() {
        GroupType::Share
    } else {
        GroupType::Consumer
    };
    if g.group_type.is_none() || g.deleted {
        g.group_type = Some(kind.clone());
    }
    let member_part = |g: &mut ReplayedGroup, value: Option<Value>| {
        let Some(id) = member.clone() else { return };
        let records = g.epoch_members.entry(id.clone()).or_default();
        let slot = match t {
            T::ConsumerGroupMemberMetadata | T::ShareGroupMemberMetadata => &mut records.metadata,
            T::ConsumerGroupTargetAssignmentMember | T::ShareGroupTargetAssignmentMember => {
                &mut records.target
            }
            _ => &mut records.current,
        };
        *slot = value;
        if records.is_empty() {
            g.epoch_members.remove(&id);
        }
    };
    match t {
        T::ConsumerGroupMetadata | T::ShareGroupMetadata => match value {
            Some(v) => {
                g.deleted = false;
                g.group_type = Some(kind);
                g.group_epoch = epoch(&v, "epoch");
            }
            None => {
                g.clear_metadata();
                g.epoch_members.clear();
                g.regexes.clear();
                g.deleted = true;
                g.state = Some(GroupState::Dead);
            }
        },
        T::ConsumerGroupPartitionMetadata | T::ShareGroupPartitionMetadata => {
            g.partition_metadata = value
        }
        T::ConsumerGroupTargetAssignmentMetadata | T::ShareGroupTargetAssignmentMetadata => {
            g.assignment_epoch = value.and_then(|v| epoch(&v, "assignment_epoch"))
        }
        T::ShareGroupStatePartitionMetadata => g.share_state = value,
        T::ConsumerGroupRegularExpression => {
            if let Some(r) = regex {
                match value {
                    Some(v) => {
                        g.regexes.insert(r, v);
                    }
                    None => {
                        g.regexes.remove(&r);
                    }
                }
            }
        }
        _ if t.has_member_key() => member_part(g, value),
        // Offset commits and classic metadata do not come here.
        _ => {}
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(String::from)
}

/// Topic ids to names: those the group's partition metadata record (before
/// Kafka 4.1) names, then `known` (every id the log ties to a name, e.g. by
/// an offset commit's topic id).
fn topic_names(g: &ReplayedGroup, known: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut names = known.clone();
    if let Some(topics) = g
        .partition_metadata
        .as_ref()
        .and_then(|v| v["topics"].as_array())
    {
        for t in topics {
            if let (Some(id), Some(name)) = (t["topic_id"].as_str(), t["topic_name"].as_str()) {
                names.insert(id.to_string(), name.to_string());
            }
        }
    }
    names
}

/// Members resolved (topic ids to names, through `known` and the group's own
/// records), and the state the new coordinator derives from the epochs: Empty
/// without members, Assigning while the group epoch is ahead of the target
/// assignment, Reconciling while a member's epoch lags it, else Stable.
pub(super) fn finish(g: &mut ReplayedGroup, known: &BTreeMap<String, String>) {
    if !g.is_epoch_based() || g.deleted {
        return;
    }
    let names = topic_names(g, known);
    let resolve = |v: &Value| -> Partitions {
        let mut out = Partitions::new();
        for tp in v.as_array().into_iter().flatten() {
            let id = tp["topic_id"].as_str().unwrap_or_default();
            let name = names.get(id).cloned().unwrap_or_else(|| id.to_string());
            let parts = tp["partitions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|p| p.as_i64().map(|p| p as i32))
                        .collect()
                })
                .unwrap_or_default();
            out.insert(name, parts);
        }
        out
    };
    let mut reconciling = false;
    let none = Value::Null;
    g.members = g
        .epoch_members
        .iter()
        .map(|(id, r)| {
            let md = r.metadata.as_ref().unwrap_or(&none);
            let cur = r.current.as_ref().unwrap_or(&none);
            let target = r.target.as_ref().unwrap_or(&none);
            let member_epoch = epoch(cur, "member_epoch");
            if member_epoch.is_some_and(|e| Some(e) != g.assignment_epoch) {
                reconciling = true;
            }
            let classic = &md["classic_member_metadata"];
            let member_type = match g.group_type {
                Some(GroupType::Consumer) if md.is_object() => Some(if classic.is_object() {
                    "classic"
                } else {
                    "consumer"
                }),
                _ => None,
            };
            ReplayedMember::Epoch(EpochMember {
                member_id: id.clone(),
                member_type: member_type.map(String::from),
                classic_session_timeout_ms: epoch(classic, "session_timeout_ms"),
                classic_protocols: classic["supported_protocols"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p["name"].as_str().map(String::from))
                    .collect(),
                instance_id: string(&md["instance_id"]),
                rack_id: string(&md["rack_id"]),
                client_id: string(&md["client_id"]),
                client_host: string(&md["client_host"]),
                subscribed_topics: strings(&md["subscribed_topic_names"]),
                subscribed_topic_regex: string(&md["subscribed_topic_regex"]),
                server_assignor: string(&md["server_assignor"]),
                member_epoch,
                assigned_partitions: resolve(&cur["assigned_partitions"]),
                partitions_pending_revocation: resolve(&cur["partitions_pending_revocation"]),
                target_partitions: resolve(&target["topic_partitions"]),
            })
        })
        .collect();
    g.generation = g.group_epoch;
    g.protocol_type = g.group_type.as_ref().map(|t| t.as_str().to_string());
    g.state = Some(if g.members.is_empty() {
        GroupState::Empty
    } else if g.group_epoch > g.assignment_epoch {
        GroupState::Assigning
    } else if reconciling {
        GroupState::Reconciling
    } else {
        GroupState::Stable
    });
}
