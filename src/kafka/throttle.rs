//! `throttle_time_ms` of a response (KIP-219): a broker over a quota answers
//! at once and mutes the connection for that long; a client must not send
//! on it before the time has passed (`BrokerConnection` waits).

use kafka_protocol::messages::*;

/// A response that may carry `throttle_time_ms`.
pub trait Throttled {
    /// The time the broker asks the client to wait, 0 for none.
    fn throttle_time_ms(&self) -> i32 {
        0
    }
}

macro_rules! throttled {
    ($($t:ty),* $(,)?) => {
        $(impl Throttled for $t {
            fn throttle_time_ms(&self) -> i32 {
                self.throttle_time_ms
            }
        })*
    };
}

throttled!(
    ApiVersionsResponse,
    MetadataResponse,
    FindCoordinatorResponse,
    ListGroupsResponse,
    DescribeGroupsResponse,
    ConsumerGroupDescribeResponse,
    OffsetFetchResponse,
    OffsetCommitResponse,
    ListOffsetsResponse,
    DeleteGroupsResponse,
    OffsetDeleteResponse,
    DescribeClusterResponse,
    CreateTopicsResponse,
);

// The SASL exchange happens before any quota applies: no throttle field.
impl Throttled for SaslHandshakeResponse {}
impl Throttled for SaslAuthenticateResponse {}
