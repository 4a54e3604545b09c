//! Domain types shared across commands, admin and renderers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A topic and a partition.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: i32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: i32) -> Self {
        TopicPartition {
            topic: topic.into(),
            partition,
        }
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

pub mod acl;
pub mod consumer_protocol;
pub mod cursor;
pub mod group;
pub mod time;
pub use group::{
    BrokerRef, CommittedOffset, GroupDescription, GroupListing, GroupReport, GroupState, GroupType,
    Member,
};
pub mod lag;
pub use lag::{compute_lag, GroupLag, LogRange, PartitionLag};
pub mod tenant;
pub use tenant::Tenant;
pub mod timelag;
pub use timelag::{NextRecord, TimestampType};
pub mod watch;
