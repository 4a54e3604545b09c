//! Groups as the admin layer reports them.

use super::TopicPartition;
use serde::Serialize;

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
    pub group_type: String,
    pub state: String,
    /// Empty string for groups without a protocol type (e.g. offsets-only groups).
    pub protocol_type: String,
    pub coordinator: Option<BrokerRef>,
}

/// A member with what it subscribes to and what it was assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}

/// What DescribeGroups / ConsumerGroupDescribe say about a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupDescription {
    pub group: String,
    pub state: String,
    #[serde(rename = "type")]
    pub group_type: String,
    pub protocol_type: String,
    /// The assignor in use (classic: the protocol name, e.g. `range`).
    pub assignor: String,
    pub coordinator: Option<BrokerRef>,
    pub members: Vec<Member>,
}

impl GroupDescription {
    /// Members that would overwrite offsets or make Kafka reject an admin commit.
    pub fn is_active(&self) -> bool {
        !self.members.is_empty()
            || !matches!(self.state.as_str(), "Empty" | "Dead" | "Unknown" | "")
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupReport {
    #[serde(flatten)]
    pub description: GroupDescription,
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
