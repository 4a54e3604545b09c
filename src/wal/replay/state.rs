//! What a replay rebuilds: the coordinator's groups — type, state,
//! generation or epochs, members and their assignments, committed offsets.

use crate::model::{GroupState, GroupType};
use crate::wal::coordinator::GroupMember;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffsetState {
    pub offset: i64,
    /// Kafka always stores a string (often empty); Chronik may store none.
    pub metadata: Option<String>,
    pub commit_timestamp: Option<i64>,
    pub commit_time: Option<String>,
    pub leader_epoch: Option<i32>,
    pub expire_timestamp: Option<i64>,
    /// Log offset of the record that set it.
    pub record_offset: i64,
    /// Committed inside a transaction (applied by its COMMIT marker).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub transactional: bool,
}

/// topic -> partitions.
pub type Partitions = BTreeMap<String, Vec<i32>>;

/// A member of a KIP-848 consumer group or a share group, from its
/// metadata, target assignment and current assignment records.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EpochMember {
    pub member_id: String,
    /// Consumer groups: `consumer` (KIP-848 protocol) or `classic` (a classic
    /// client in a consumer group: Kafka describes it as not upgraded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_type: Option<String>,
    /// A classic member's session timeout and the protocols (assignors) it offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classic_session_timeout_ms: Option<i32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classic_protocols: Vec<String>,
    pub instance_id: Option<String>,
    pub rack_id: Option<String>,
    pub client_id: Option<String>,
    pub client_host: Option<String>,
    pub subscribed_topics: Vec<String>,
    pub subscribed_topic_regex: Option<String>,
    pub server_assignor: Option<String>,
    pub member_epoch: Option<i32>,
    pub assigned_partitions: Partitions,
    pub partitions_pending_revocation: Partitions,
    pub target_partitions: Partitions,
}

/// A member as Chronik stores it (consumer-protocol bytes as JSON arrays).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChronikMember {
    pub member_id: String,
    pub client_id: String,
    pub client_host: String,
    #[serde(rename = "metadata_hex", serialize_with = "hex")]
    pub metadata: Vec<u8>,
    #[serde(rename = "assignment_hex", serialize_with = "hex")]
    pub assignment: Vec<u8>,
    pub subscribed_topics: Vec<String>,
    pub assigned_partitions: Partitions,
}

fn hex<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::wal::schema::hex(b))
}

/// A group member, as its kind of group stores it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ReplayedMember {
    Classic(GroupMember),
    Epoch(EpochMember),
    Chronik(ChronikMember),
}

impl ReplayedMember {
    pub fn member_id(&self) -> &str {
        match self {
            ReplayedMember::Classic(m) => &m.member_id,
            ReplayedMember::Epoch(m) => &m.member_id,
            ReplayedMember::Chronik(m) => &m.member_id,
        }
    }

    pub fn client_id(&self) -> Option<&str> {
        match self {
            ReplayedMember::Classic(m) => Some(&m.client_id),
            ReplayedMember::Epoch(m) => m.client_id.as_deref(),
            ReplayedMember::Chronik(m) => Some(&m.client_id),
        }
    }

    pub fn client_host(&self) -> Option<&str> {
        match self {
            ReplayedMember::Classic(m) => Some(&m.client_host),
            ReplayedMember::Epoch(m) => m.client_host.as_deref(),
            ReplayedMember::Chronik(m) => Some(&m.client_host),
        }
    }

    /// What the member consumes now.
    pub fn assignment(&self) -> &Partitions {
        match self {
            ReplayedMember::Classic(m) => &m.assigned_partitions,
            ReplayedMember::Epoch(m) => &m.assigned_partitions,
            ReplayedMember::Chronik(m) => &m.assigned_partitions,
        }
    }
}

/// A KIP-848 / share member's records while replaying, until they are resolved into an [`EpochMember`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct EpochMemberRecords {
    pub metadata: Option<Value>,
    pub target: Option<Value>,
    pub current: Option<Value>,
}

impl EpochMemberRecords {
    pub fn is_empty(&self) -> bool {
        self.metadata.is_none() && self.target.is_none() && self.current.is_none()
    }
}

fn group_type_name<S: serde::Serializer>(t: &Option<GroupType>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.as_ref().map_or("offsets-only", GroupType::as_str))
}

/// One group as the coordinator would load it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReplayedGroup {
    /// classic, consumer (KIP-848), share; None: committed offsets only
    /// (a standalone consumer), shown as `offsets-only`.
    #[serde(rename = "type", serialize_with = "group_type_name")]
    pub group_type: Option<GroupType>,
    /// As the coordinator would load it: Empty/Stable (classic), the KIP-848
    /// state from epochs, Chronik's stored state; Dead when deleted.
    pub state: Option<GroupState>,
    pub deleted: bool,
    pub generation: Option<i32>,
    pub protocol_type: Option<String>,
    pub protocol: Option<String>,
    pub leader: Option<String>,
    pub current_state_timestamp: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// KIP-848 / share groups: the group epoch and target assignment epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_epoch: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment_epoch: Option<i32>,
    pub members: Vec<ReplayedMember>,
    /// topic -> partition -> committed offset.
    pub offsets: BTreeMap<String, BTreeMap<i32, OffsetState>>,
    /// KIP-848 subscribed regular expressions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub regexes: BTreeMap<String, Value>,
    /// KIP-848 subscription metadata (record type 4/9), as stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition_metadata: Option<Value>,
    /// Share group state partition metadata (type 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_state: Option<Value>,
    /// Offset of the last record that touched this group.
    pub last_record_offset: i64,
    #[serde(skip)]
    pub(super) epoch_members: BTreeMap<String, EpochMemberRecords>,
}

impl ReplayedGroup {
    /// Forget everything but the committed offsets and the group's type (a group tombstone).
    pub(super) fn clear_metadata(&mut self) {
        let offsets = std::mem::take(&mut self.offsets);
        *self = ReplayedGroup {
            offsets,
            last_record_offset: self.last_record_offset,
            group_type: self.group_type.take(),
            ..Default::default()
        };
    }

    /// An offset committed to a deleted group: Kafka's replay creates the group
    /// again, as an empty classic group without a protocol type (a "simple"
    /// group: offsets only).
    pub(super) fn revive(&mut self) {
        if self.deleted {
            *self = ReplayedGroup {
                offsets: std::mem::take(&mut self.offsets),
                last_record_offset: self.last_record_offset,
                ..Default::default()
            };
        }
    }

    pub fn offset_count(&self) -> usize {
        self.offsets.values().map(BTreeMap::len).sum()
    }

    /// Consumer (KIP-848) or share group.
    pub fn is_epoch_based(&self) -> bool {
        self.group_type
            .as_ref()
            .is_some_and(GroupType::is_epoch_based)
    }
}
