//! Typed group-admin operations built on `kafka`: each takes plain domain
//! values, batches per broker/coordinator/leader, and reports per item.

pub mod groups;
pub mod offsets;

pub use groups::{delete_groups, describe_groups, list_groups, GroupFilter, GroupList};
pub use offsets::{
    commit_offsets, delete_offsets, fetch_offsets, list_offsets, ListedOffset, OffsetSpec,
};

use crate::kafka::Client;
use crate::model::BrokerRef;

/// How a broker id is shown, from the client's metadata.
pub fn broker_ref(client: &Client, id: i32) -> Option<BrokerRef> {
    client.broker_info(id).map(|b| BrokerRef {
        id: b.id,
        host: b.host,
        port: b.port,
    })
}

fn str_bytes(s: &str) -> kafka_protocol::protocol::StrBytes {
    kafka_protocol::protocol::StrBytes::from_string(s.to_string())
}

fn server_err(
    code: i16,
    context: impl Into<String>,
    message: Option<&kafka_protocol::protocol::StrBytes>,
) -> Option<crate::kafka::KafkaError> {
    kafka_protocol::error::ResponseError::try_from_code(code).map(|code| {
        crate::kafka::KafkaError::Server {
            code,
            context: context.into(),
            message: message.map(|m| m.to_string()).filter(|m| !m.is_empty()),
        }
    })
}
