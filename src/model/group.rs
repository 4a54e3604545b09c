//! Groups as the admin layer reports them.

use super::TopicPartition;
use serde::Serialize;
use std::collections::BTreeSet;

/// A coordinator or leader, as shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerRef {
    pub id: i32,
    pub host: String,
    pub port: i32,
}

impl std::fmt::Display for BrokerRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{} (id: {})", self.host, self.port, self.id)
    }
}

/// One row of `list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupListing {
    pub group: String,
    /// classic, consumer, share, streams (classic when the broker predates group types)
    #[serde(rename = "type")]
    pub group_type: GroupType,
    pub state: GroupState,
    /// Empty string for groups without a protocol type (e.g. offsets-only groups).
    pub protocol_type: String,
    pub coordinator: Option<BrokerRef>,
}

/// A member with what it subscribes to and what it was assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Member {
    pub member_id: String,
    pub group_instance_id: Option<String>,
    pub client_id: String,
    pub host: String,
    pub rack: Option<String>,
    /// Subscribed topics (decoded from the consumer protocol; empty when the broker sends none).
    pub subscription: Vec<String>,
    pub assignment: Vec<TopicPartition>,
    /// Partitions the member said it owned in its last join (sticky assignors).
    #[serde(skip)]
    pub owned: Vec<TopicPartition>,
    /// Generation from the member's subscription (sticky assignors).
    #[serde(skip)]
    pub generation: Option<i32>,
    /// Consumer-protocol groups (KIP-848, ConsumerGroupDescribe), null for
    /// classic ones: the member's epoch (it trails the group's while it
    /// reconciles), the assignment the coordinator targets for it (it differs
    /// from `assignment` while partitions are still to be revoked or
    /// assigned), how it joined (`consumer`, or `classic` for a classic
    /// member inside a consumer group: the online upgrade path), and the
    /// regular expression it subscribed with.
    pub member_epoch: Option<i32>,
    pub target_assignment: Option<Vec<TopicPartition>>,
    pub member_type: Option<String>,
    pub subscribed_regex: Option<String>,
    /// A consumer-protocol member not yet at its target: what it still has
    /// to revoke and to be given (null when reconciled, or a classic group).
    pub reconciling: Option<Reconciling>,
}

/// A member on its way to its target assignment (KIP-848): it revokes the
/// partitions it holds outside the target before it is given the ones it
/// lacks; its epoch trails the group's until it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciling {
    pub member_epoch: i32,
    pub assignment_epoch: i32,
    /// Held, not in the target: to be revoked.
    pub revoke: Vec<TopicPartition>,
    /// In the target, not held: to be assigned.
    pub assign: Vec<TopicPartition>,
}

impl Member {
    /// What is left for this member to reconcile against the group's target
    /// assignment epoch, or None when it is there (or the group is classic).
    pub fn reconciliation(&self, assignment_epoch: Option<i32>) -> Option<Reconciling> {
        let (epoch, target, group) = (
            self.member_epoch?,
            self.target_assignment.as_ref()?,
            assignment_epoch?,
        );
        let held: BTreeSet<&TopicPartition> = self.assignment.iter().collect();
        let wanted: BTreeSet<&TopicPartition> = target.iter().collect();
        let revoke: Vec<TopicPartition> = held.difference(&wanted).map(|&tp| tp.clone()).collect();
        let assign: Vec<TopicPartition> = wanted.difference(&held).map(|&tp| tp.clone()).collect();
        (epoch < group || !revoke.is_empty() || !assign.is_empty()).then_some(Reconciling {
            member_epoch: epoch,
            assignment_epoch: group,
            revoke,
            assign,
        })
    }
}

/// What DescribeGroups / ConsumerGroupDescribe say about a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct GroupDescription {
    pub group: String,
    pub state: GroupState,
    #[serde(rename = "type")]
    pub group_type: GroupType,
    pub protocol_type: String,
    /// The assignor in use (classic: the protocol name, e.g. `range`).
    pub assignor: String,
    pub coordinator: Option<BrokerRef>,
    pub members: Vec<Member>,
    /// Consumer-protocol groups: the group's epoch (it rises with every
    /// membership or subscription change) and the epoch of the target
    /// assignment the coordinator computed; null for classic groups.
    pub group_epoch: Option<i32>,
    pub assignment_epoch: Option<i32>,
    /// What the connected principal may do on the group (when the broker says).
    #[serde(skip)]
    pub authorized: Option<super::acl::Operations>,
}

impl GroupDescription {
    /// What is known of a group that could not be described: its name (and
    /// coordinator, type, when known), state Unknown, no members.
    pub fn unknown(group: &str, group_type: GroupType, coordinator: Option<BrokerRef>) -> Self {
        GroupDescription {
            group: group.to_string(),
            state: GroupState::Unknown,
            group_type,
            protocol_type: String::new(),
            assignor: String::new(),
            coordinator,
            ..Default::default()
        }
    }

    /// The one "is the group active" check: members that would overwrite
    /// offsets, or a state in which Kafka rejects an admin commit.
    pub fn is_active(&self) -> bool {
        !self.members.is_empty() || !self.state.is_idle()
    }
}

/// A committed offset as OffsetFetch returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommittedOffset {
    pub offset: i64,
    pub leader_epoch: Option<i32>,
    pub metadata: String,
}

/// Everything `describe` reports about one group (the `--json` element).
/// A group that could not be described (or whose offsets could not be
/// read) is still reported: with what is known and `error` saying what is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupReport {
    #[serde(flatten)]
    pub description: GroupDescription,
    /// Why part of the report is missing (null when nothing is).
    pub error: Option<String>,
    /// Offsets view only: sum of known lags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_lag: Option<Option<i64>>,
    /// Offsets view only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partitions_without_commit: Option<usize>,
    /// Offsets view only: one row per assigned or committed partition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partitions: Option<Vec<super::PartitionLag>>,
}

/// The `__consumer_offsets` partition a group lives in (its coordinator is
/// that partition's leader): `Utils.abs(groupId.hashCode()) % partitions`,
/// with Java's String.hashCode over UTF-16 code units.
pub fn offsets_partition(group: &str, partitions: u32) -> u32 {
    let h = group
        .encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32));
    // Utils.abs maps Integer.MIN_VALUE to 0.
    let abs = if h == i32::MIN { 0 } else { h.unsigned_abs() };
    abs % partitions.max(1)
}

/// A group's state as brokers name it. Classic groups move through
/// Empty/PreparingRebalance/CompletingRebalance/Stable/Dead; KIP-848 groups
/// through Empty/Assigning/Reconciling/Stable/Dead (and NotReady for share
/// and streams groups). `Unknown` is what a broker says when it keeps no state
/// (ListGroups below v4, Tansu); a name this build does not know is kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum GroupState {
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
    Assigning,
    Reconciling,
    NotReady,
    #[default]
    Unknown,
    Other(String),
}

impl GroupState {
    const KNOWN: [GroupState; 9] = [
        GroupState::Empty,
        GroupState::PreparingRebalance,
        GroupState::CompletingRebalance,
        GroupState::Stable,
        GroupState::Dead,
        GroupState::Assigning,
        GroupState::Reconciling,
        GroupState::NotReady,
        GroupState::Unknown,
    ];

    /// The broker's name for a state, matched case-insensitively; an empty name is `Unknown`.
    pub fn parse(name: &str) -> GroupState {
        if name.is_empty() {
            return GroupState::Unknown;
        }
        Self::KNOWN
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| GroupState::Other(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        match self {
            GroupState::Empty => "Empty",
            GroupState::PreparingRebalance => "PreparingRebalance",
            GroupState::CompletingRebalance => "CompletingRebalance",
            GroupState::Stable => "Stable",
            GroupState::Dead => "Dead",
            GroupState::Assigning => "Assigning",
            GroupState::Reconciling => "Reconciling",
            GroupState::NotReady => "NotReady",
            GroupState::Unknown => "Unknown",
            GroupState::Other(s) => s,
        }
    }

    /// No member can be consuming: safe for admin commits and deletes
    /// (`Unknown` counts as idle; callers also look at the member list).
    pub fn is_idle(&self) -> bool {
        matches!(
            self,
            GroupState::Empty | GroupState::Dead | GroupState::Unknown
        )
    }

    /// A rebalance is under way.
    pub fn is_rebalancing(&self) -> bool {
        matches!(
            self,
            GroupState::PreparingRebalance
                | GroupState::CompletingRebalance
                | GroupState::Assigning
                | GroupState::Reconciling
        )
    }
}

/// The group protocol family (ListGroups v5 `GroupType`, KIP-848).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum GroupType {
    /// JoinGroup/SyncGroup groups; what every broker before KIP-848 has.
    #[default]
    Classic,
    /// KIP-848 consumer groups (ConsumerGroupHeartbeat).
    Consumer,
    Share,
    Streams,
    /// Not known: the group could not be described (Kafka's `UNKNOWN`).
    Unknown,
    Other(String),
}

impl GroupType {
    /// The broker's name for a type, case-insensitively; an empty name is `Classic`.
    pub fn parse(name: &str) -> GroupType {
        match name.to_ascii_lowercase().as_str() {
            "" | "classic" => GroupType::Classic,
            "consumer" => GroupType::Consumer,
            "share" => GroupType::Share,
            "streams" => GroupType::Streams,
            "unknown" => GroupType::Unknown,
            _ => GroupType::Other(name.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            GroupType::Classic => "classic",
            GroupType::Consumer => "consumer",
            GroupType::Share => "share",
            GroupType::Streams => "streams",
            GroupType::Unknown => "unknown",
            GroupType::Other(s) => s,
        }
    }

    /// Groups whose assignment the coordinator computes from epochs (KIP-848 and its kin).
    pub fn is_epoch_based(&self) -> bool {
        matches!(
            self,
            GroupType::Consumer | GroupType::Share | GroupType::Streams
        )
    }
}

macro_rules! string_enum_impls {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
        impl std::str::FromStr for $t {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(<$t>::parse(s))
            }
        }
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(<$t>::parse(&s))
            }
        }
    };
}
string_enum_impls!(GroupState);
string_enum_impls!(GroupType);

#[cfg(test)]
mod reconciling_tests {
    use super::*;

    fn tps(ps: &[i32]) -> Vec<TopicPartition> {
        ps.iter().map(|p| TopicPartition::new("t", *p)).collect()
    }

    #[test]
    fn a_member_off_its_target_has_something_to_revoke_or_to_get() {
        let m = Member {
            member_epoch: Some(4),
            assignment: tps(&[0, 1, 2]),
            target_assignment: Some(tps(&[0, 1])),
            ..Member::default()
        };
        let r = m.reconciliation(Some(5)).unwrap();
        assert_eq!((r.revoke, r.assign), (tps(&[2]), vec![]));
        let waiting = Member {
            member_epoch: Some(5),
            assignment: tps(&[]),
            target_assignment: Some(tps(&[2])),
            ..Member::default()
        };
        assert_eq!(waiting.reconciliation(Some(5)).unwrap().assign, tps(&[2]));
        let done = Member {
            member_epoch: Some(5),
            assignment: tps(&[0]),
            target_assignment: Some(tps(&[0])),
            ..Member::default()
        };
        assert_eq!(done.reconciliation(Some(5)), None);
        // Behind the epoch with nothing to move: still reconciling (the ack pending).
        let behind = Member {
            member_epoch: Some(4),
            ..done.clone()
        };
        assert!(behind.reconciliation(Some(5)).is_some());
        // Classic members have no epochs: never reconciling.
        assert_eq!(Member::default().reconciliation(Some(5)), None);
    }
}

#[cfg(test)]
mod enum_tests {
    use super::*;

    #[test]
    fn states_round_trip_and_keep_unknown_names() {
        for s in GroupState::KNOWN {
            assert_eq!(GroupState::parse(s.as_str()), s);
            assert_eq!(GroupState::parse(&s.as_str().to_uppercase()), s);
        }
        assert_eq!(GroupState::parse(""), GroupState::Unknown);
        assert_eq!(
            GroupState::parse("Frozen"),
            GroupState::Other("Frozen".into())
        );
        assert_eq!(GroupState::parse("Frozen").to_string(), "Frozen");
        assert!(GroupState::Empty.is_idle() && !GroupState::Stable.is_idle());
        assert!(GroupState::Assigning.is_rebalancing());
        let json = serde_json::to_string(&GroupState::CompletingRebalance).unwrap();
        assert_eq!(json, "\"CompletingRebalance\"");
        let back: GroupState = serde_json::from_str(&json).unwrap();
        assert_eq!(back, GroupState::CompletingRebalance);
    }

    #[test]
    fn types_parse_case_insensitively() {
        assert_eq!(GroupType::parse(""), GroupType::Classic);
        assert_eq!(GroupType::parse("Consumer"), GroupType::Consumer);
        assert_eq!(GroupType::parse("streams"), GroupType::Streams);
        assert_eq!(GroupType::parse("UNKNOWN"), GroupType::Unknown);
        assert!(GroupType::Share.is_epoch_based() && !GroupType::Classic.is_epoch_based());
        assert_eq!(GroupType::parse("x").to_string(), "x");
        assert_eq!(format!("{:<8}|", GroupType::Share), "share   |");
    }
}
