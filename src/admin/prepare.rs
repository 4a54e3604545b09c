//! Work started early so that a command's dependent round trips stay few:
//! connections to every bootstrap broker, coordinators, all topics' metadata.
//! Each is a cache fill; its failures resurface in the request that needs it.

use super::{broker_ref, Admin, AdminError};
use crate::model::{BrokerRef, TopicPartition};
use futures::future::{select, Either};
use std::future::Future;

/// Run `work` while connecting to every bootstrap broker in the background:
/// a coordinator or leader among them is then ready when `work` needs it.
/// The warm-up never delays `work`: what is unfinished when it ends is dropped.
pub async fn warming<T>(admin: &Admin, work: impl Future<Output = T>) -> T {
    let warm = admin.client.warm();
    futures::pin_mut!(work, warm);
    match select(work, warm).await {
        Either::Left((out, _unfinished)) => out,
        Either::Right(((), work)) => work.await,
    }
}

/// Find the coordinators of these groups (tenant names) in one batch.
pub async fn locate_groups(admin: &Admin, groups: &[String]) {
    admin
        .client
        .locate_coordinators(&admin.tenant.wire_all(groups))
        .await;
}

/// Learn every topic's partitions and leaders in one Metadata request, so
/// that later lookups of any topic cost no round trip.
pub async fn load_all_topics(admin: &Admin) -> Result<(), AdminError> {
    Ok(admin.client.load_all_topics().await?)
}

/// The coordinator this run knows for a group (tenant name), if any.
pub fn known_coordinator(admin: &Admin, group: &str) -> Option<BrokerRef> {
    let id = admin.client.cached_coordinator(&admin.tenant.wire(group))?;
    broker_ref(&admin.client, id)
}

/// The cluster's brokers (one Metadata request unless known): also the
/// check that the cluster can be reached at all.
pub async fn load_brokers(admin: &Admin) -> Result<(), AdminError> {
    admin.client.brokers().await?;
    Ok(())
}

/// Every partition of every (non-internal) topic, as far as the metadata
/// loaded so far knows them (`load_all_topics` first): tenant names.
pub fn all_partitions(admin: &Admin) -> Vec<TopicPartition> {
    let mut out: Vec<TopicPartition> = admin
        .client
        .cached_topics()
        .into_iter()
        .filter(|t| !t.internal)
        .filter_map(|t| {
            let local = admin.tenant.local(&t.name)?;
            Some(
                t.leaders
                    .keys()
                    .map(|p| TopicPartition::new(local.clone(), *p))
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect();
    out.sort();
    out
}
