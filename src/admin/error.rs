//! The admin layer's error: the client's error as commands see it, with the
//! Kafka error code readable without wire types (commands never import
//! `kafka/` or `kafka_protocol`).

use crate::kafka::KafkaError;
use kafka_protocol::error::ResponseError;

/// Why an admin operation, or one item of it (a group, a partition), failed.
/// Displays exactly as the underlying client error.
#[derive(Debug, Clone, thiserror::Error)]
#[error(transparent)]
pub struct AdminError(#[from] KafkaError);

/// The Kafka error codes commands tell apart; every other code is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    GroupIdNotFound,
    NonEmptyGroup,
    GroupSubscribedToTopic,
    CoordinatorNotAvailable,
    UnknownTopicOrPartition,
    /// Any other code, as the broker sent it.
    Other(i16),
}

impl From<ResponseError> for ErrorCode {
    fn from(code: ResponseError) -> Self {
        match code {
            ResponseError::GroupIdNotFound => ErrorCode::GroupIdNotFound,
            ResponseError::NonEmptyGroup => ErrorCode::NonEmptyGroup,
            ResponseError::GroupSubscribedToTopic => ErrorCode::GroupSubscribedToTopic,
            ResponseError::CoordinatorNotAvailable => ErrorCode::CoordinatorNotAvailable,
            ResponseError::UnknownTopicOrPartition => ErrorCode::UnknownTopicOrPartition,
            other => ErrorCode::Other(other.code()),
        }
    }
}

impl AdminError {
    pub(crate) fn server(code: ResponseError, context: impl Into<String>) -> Self {
        AdminError(KafkaError::server(code, context))
    }

    /// The group is not on the cluster (as a broker would say it).
    pub fn group_not_found(group: &str) -> Self {
        Self::server(ResponseError::GroupIdNotFound, group)
    }

    /// No coordinator answered for the group.
    pub fn no_coordinator(group: &str) -> Self {
        Self::server(ResponseError::CoordinatorNotAvailable, group)
    }

    /// The Kafka error code, when the broker answered with one.
    pub fn code(&self) -> Option<ErrorCode> {
        self.0.code().map(ErrorCode::from)
    }

    /// Kafka's name for the error (`NOT_COORDINATOR`) when the broker sent a
    /// code, `broker 3 unreachable` for a broker that did not answer, else
    /// the whole message: short enough for a table cell.
    pub fn short(&self) -> String {
        self.0.short()
    }

    /// A broker did not answer (down, hung, or timed out): not the item's fault.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self.0,
            KafkaError::Down { .. }
                | KafkaError::ConnectTimeout { .. }
                | KafkaError::RequestTimeout { .. }
        )
    }

    /// Whether waiting and asking again may succeed.
    pub fn is_retriable(&self) -> bool {
        self.0.is_retriable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typed_and_the_message_is_the_clients() {
        let e = AdminError::server(ResponseError::GroupSubscribedToTopic, "partition t-0");
        assert_eq!(e.code(), Some(ErrorCode::GroupSubscribedToTopic));
        assert_eq!(e.short(), "GROUP_SUBSCRIBED_TO_TOPIC");
        assert_eq!(
            e.to_string(),
            KafkaError::server(ResponseError::GroupSubscribedToTopic, "partition t-0").to_string()
        );
        let other = AdminError::server(ResponseError::FencedInstanceId, "");
        assert_eq!(other.code(), Some(ErrorCode::Other(82)));
        let network = AdminError::from(KafkaError::UnknownBroker(3));
        assert_eq!(network.code(), None);
        assert_eq!(network.short(), "broker 3 is not in the cluster metadata");
    }
}
