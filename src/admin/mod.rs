//! Typed group-admin operations built on `kafka`: each takes plain domain
//! values, batches per broker/coordinator/leader, and reports per item.
//! Commands reach the cluster only through the `Admin` handle and see only
//! `model/` types and `AdminError`.

pub mod error;
pub mod groups;
pub mod offsets;
pub mod prepare;
pub mod presence;
pub mod timestamps;

pub use error::{AdminError, ErrorCode};
pub use groups::{delete_groups, describe_groups, list_groups, GroupFilter, GroupList};
pub use offsets::{
    commit_offsets, delete_offsets, fetch_group_offsets, fetch_offsets, list_offsets, GroupOffsets,
    ListedOffset, OffsetSpec,
};
pub use presence::{group_presence, presence_from, unlisted, GroupPresence};
pub use timestamps::next_records;

use crate::kafka::{Client, ClientConfig, KafkaError, RequestStats, TopicMeta, TraceSink};
use crate::model::{BrokerRef, Tenant, TopicPartition};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The cluster as one tenant sees it: the client, and the tenant view that
/// maps every name on the way in and out.
pub struct Admin {
    client: Client,
    tenant: Tenant,
}

impl Admin {
    /// A handle for this configuration; nothing connects until the first
    /// request. `trace` gets a line per connection and request (-vv). Fails
    /// when the TLS settings cannot be used.
    pub fn new(
        config: ClientConfig,
        tenant: Tenant,
        trace: Option<TraceSink>,
    ) -> Result<Admin, AdminError> {
        let client = Client::new(config, Arc::new(RequestStats::new(trace)))?;
        Ok(Admin { client, tenant })
    }

    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }

    /// The whole timeout again from now, with topic metadata re-read: after
    /// waiting for the user (a prompt is no broker's time) and at each
    /// refresh of a live view.
    pub fn restart_deadline(&self) {
        self.client.restart_deadline();
    }

    /// For writes: partitions whose leader is unreachable are waited for
    /// (until the deadline) while another replica can take over, instead of
    /// failing at once: a reset needs every partition's log offsets.
    pub fn wait_for_failover(&self) {
        self.client.wait_for_leaders();
    }

    /// No new request from now on (each fails as interrupted); answers to
    /// those in flight are still read. For a user's Ctrl-C mid-write.
    pub fn halt_new_requests(&self) {
        self.client.stats().halt();
    }

    /// `12 requests (ApiVersions 2, ListGroups 1, ...)`: what this invocation cost.
    pub fn request_summary(&self) -> String {
        self.client.stats().summary()
    }
}

/// Per-item outcomes as commands see them.
fn to_admin<K: Ord, T>(
    items: impl IntoIterator<Item = (K, Result<T, KafkaError>)>,
) -> BTreeMap<K, Result<T, AdminError>> {
    items
        .into_iter()
        .map(|(k, r)| (k, r.map_err(AdminError::from)))
        .collect()
}

/// What the principal may do on each topic (tenant names), from the
/// metadata (cached when read already); None where the broker does not say.
pub async fn topic_operations(
    admin: &Admin,
    topics: &[String],
) -> BTreeMap<String, Option<crate::model::acl::Operations>> {
    let tenant = &admin.tenant;
    let metas = admin
        .client
        .topics(&tenant.wire_all(topics))
        .await
        .unwrap_or_default();
    topics
        .iter()
        .map(|t| {
            let ops = metas
                .get(&tenant.wire(t))
                .and_then(|m| m.as_ref())
                .and_then(|m| m.authorized);
            (t.clone(), ops)
        })
        .collect()
}

/// Partitions of these topics (tenant names), from cached metadata; None for topics that do not exist.
pub async fn topic_partitions(
    admin: &Admin,
    topics: &[String],
) -> Result<BTreeMap<String, Option<Vec<TopicPartition>>>, AdminError> {
    let tenant = &admin.tenant;
    let metas = admin.client.topics(&tenant.wire_all(topics)).await?;
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

/// Every partition of every topic the tenant sees (internal topics left
/// out), from all-topics Metadata: one request, none when this run (or
/// this refresh) has read it already.
pub async fn all_partitions(admin: &Admin) -> Result<Vec<TopicPartition>, AdminError> {
    prepare::load_all_topics(admin).await?;
    Ok(prepare::all_partitions(admin))
}

/// How a broker id is shown, from the client's metadata.
fn broker_ref(client: &Client, id: i32) -> Option<BrokerRef> {
    client.broker_info(id).map(|b| BrokerRef {
        id: b.id,
        host: b.host,
        port: b.port,
    })
}

/// Replica racks per partition of these topics (tenant names); None when no broker has a rack.
pub async fn partition_racks(
    admin: &Admin,
    topics: &[String],
) -> Result<Option<BTreeMap<String, Vec<Vec<String>>>>, AdminError> {
    let tenant = &admin.tenant;
    let metas = admin.client.topics(&tenant.wire_all(topics)).await?;
    let brokers = admin.client.brokers().await?;
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
) -> Option<KafkaError> {
    kafka_protocol::error::ResponseError::try_from_code(code).map(|code| KafkaError::Server {
        code,
        context: context.into(),
        message: message.map(|m| m.to_string()).filter(|m| !m.is_empty()),
    })
}
