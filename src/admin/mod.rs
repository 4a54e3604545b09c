//! Typed group-admin operations built on `kafka`: each takes plain domain
//! values, batches per broker/coordinator/leader, and reports per item.

pub mod groups;
pub mod offsets;
pub mod tenant;

pub use groups::{delete_groups, describe_groups, list_groups, GroupFilter, GroupList};
pub use offsets::{
    commit_offsets, delete_offsets, fetch_offsets, list_offsets, ListedOffset, OffsetSpec,
};

use crate::kafka::{Client, KafkaError, TopicMeta};
use crate::model::{BrokerRef, TopicPartition};
use std::collections::BTreeMap;

/// Partitions of these topics (tenant names), from cached metadata; None for topics that do not exist.
pub async fn topic_partitions(
    client: &Client,
    topics: &[String],
) -> Result<BTreeMap<String, Option<Vec<TopicPartition>>>, KafkaError> {
    let tenant = client.tenant();
    let metas = client.topics(&tenant.wire_all(topics)).await?;
    Ok(topics
        .iter()
        .map(|t| {
            let parts = metas
                .get(&tenant.wire(t))
                .cloned()
                .flatten()
                .map(|m: TopicMeta| {
                    m.leaders
                        .keys()
                        .map(|p| TopicPartition::new(t.clone(), *p))
                        .collect()
                });
            (t.clone(), parts)
        })
        .collect())
}

/// How a broker id is shown, from the client's metadata.
pub fn broker_ref(client: &Client, id: i32) -> Option<BrokerRef> {
    client.broker_info(id).map(|b| BrokerRef {
        id: b.id,
        host: b.host,
        port: b.port,
    })
}

/// Replica racks per partition of these topics (tenant names); None when no broker has a rack.
pub async fn partition_racks(
    client: &Client,
    topics: &[String],
) -> Result<Option<BTreeMap<String, Vec<Vec<String>>>>, KafkaError> {
    let tenant = client.tenant();
    let metas = client.topics(&tenant.wire_all(topics)).await?;
    let brokers = client.brokers().await?;
    if brokers.iter().all(|b| b.rack.is_none()) {
        return Ok(None);
    }
    let rack_of = |id: i32| {
        brokers
            .iter()
            .find(|b| b.id == id)
            .and_then(|b| b.rack.clone())
    };
    let mut out = BTreeMap::new();
    for t in topics {
        if let Some(Some(meta)) = metas.get(&tenant.wire(t)) {
            let per = meta
                .replicas
                .values()
                .map(|nodes| {
                    let mut racks: Vec<String> = nodes.iter().filter_map(|n| rack_of(*n)).collect();
                    racks.sort();
                    racks.dedup();
                    racks
                })
                .collect();
            out.insert(t.clone(), per);
        }
    }
    Ok(Some(out))
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
