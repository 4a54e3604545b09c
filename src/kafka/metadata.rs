//! Cluster metadata: the brokers and each topic's partition leaders and
//! replicas, cached for the invocation and refreshed when found stale.

use super::client::{BrokerInfo, Client, TopicMeta};
use super::connect::Lane;
use super::connection::BrokerConnection;
use super::error::KafkaError;
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::{
    metadata_request::MetadataRequestTopic, MetadataRequest, MetadataResponse, TopicName,
};
use kafka_protocol::protocol::StrBytes;
use std::collections::HashMap;
use std::sync::Arc;

impl Client {
    /// Fetch cluster metadata (all topics when `topics` is None) and refresh the caches.
    pub async fn metadata(
        &self,
        topics: Option<&[String]>,
    ) -> Result<MetadataResponse, KafkaError> {
        let _one_at_a_time = self.metadata_lock.lock().await;
        self.fetch_metadata(topics).await
    }

    /// One Metadata request; callers hold `metadata_lock`, so that concurrent
    /// needs are met by one request, not one each.
    async fn fetch_metadata(
        &self,
        topics: Option<&[String]>,
    ) -> Result<MetadataResponse, KafkaError> {
        let req = MetadataRequest::default()
            .with_allow_auto_topic_creation(false)
            .with_topics(topics.map(|ts| {
                ts.iter()
                    .map(|t| {
                        MetadataRequestTopic::default()
                            .with_name(Some(TopicName(StrBytes::from_string(t.clone()))))
                    })
                    .collect()
            }));
        let resp = self
            .retrying("fetching cluster metadata", || async {
                let conn = self.bootstrap_connection().await?;
                let version = conn.version_for::<MetadataRequest>()?;
                // What the principal may do on each topic: writes check it first.
                let req = req
                    .clone()
                    .with_include_topic_authorized_operations(version >= 8);
                conn.send_version(&req, version).await
            })
            .await?;
        self.absorb_metadata(&resp, topics);
        Ok(resp)
    }

    /// Learn every topic of the cluster in one Metadata request, so that
    /// later lookups of any topic (one that does not exist included) cost
    /// no round trip.
    pub async fn load_all_topics(&self) -> Result<(), KafkaError> {
        let _one_at_a_time = self.metadata_lock.lock().await;
        if !self.topics.lock().expect("topics lock").is_complete() {
            self.fetch_metadata(None).await?;
        }
        Ok(())
    }

    fn absorb_metadata(&self, resp: &MetadataResponse, requested: Option<&[String]>) {
        let mut brokers = self.brokers.lock().expect("brokers lock");
        for b in &resp.brokers {
            brokers.insert(
                b.node_id.0,
                BrokerInfo {
                    id: b.node_id.0,
                    host: b.host.to_string(),
                    port: b.port,
                    rack: b.rack.as_ref().map(|r| r.to_string()),
                },
            );
        }
        drop(brokers);
        let mut topics = self.topics.lock().expect("topics lock");
        match requested {
            Some(req) => req.iter().for_each(|t| topics.asked(t)),
            None => topics.set_complete(),
        }
        for t in &resp.topics {
            let Some(name) = t.name.as_ref().map(|n| n.0.to_string()) else {
                continue;
            };
            let code = ResponseError::try_from_code(t.error_code);
            if matches!(
                code,
                Some(ResponseError::UnknownTopicOrPartition)
                    | Some(ResponseError::InvalidTopicException)
            ) {
                topics.insert(name, None);
                continue;
            }
            let meta = TopicMeta {
                name: name.clone(),
                leaders: t
                    .partitions
                    .iter()
                    .map(|p| (p.partition_index, p.leader_id.0))
                    .collect(),
                replicas: t
                    .partitions
                    .iter()
                    .map(|p| {
                        (
                            p.partition_index,
                            p.replica_nodes.iter().map(|r| r.0).collect(),
                        )
                    })
                    .collect(),
                internal: t.is_internal,
                authorized: crate::model::acl::Operations::from_wire(t.topic_authorized_operations),
                denied: code == Some(ResponseError::TopicAuthorizationFailed),
            };
            topics.insert(name, Some(meta));
        }
    }

    /// Brokers from the last metadata (fetching it if needed).
    pub async fn brokers(&self) -> Result<Vec<BrokerInfo>, KafkaError> {
        let one_at_a_time = self.metadata_lock.lock().await;
        if self.brokers.lock().expect("brokers lock").is_empty() {
            self.fetch_metadata(Some(&[])).await?;
        }
        drop(one_at_a_time);
        Ok(self
            .brokers
            .lock()
            .expect("brokers lock")
            .values()
            .cloned()
            .collect())
    }

    pub fn broker_info(&self, id: i32) -> Option<BrokerInfo> {
        self.brokers.lock().expect("brokers lock").get(&id).cloned()
    }

    /// Connection to broker `id` (refreshing metadata once if it is unknown).
    pub async fn broker(&self, id: i32) -> Result<Arc<BrokerConnection>, KafkaError> {
        self.broker_on(id, Lane::Groups).await
    }

    /// `broker`, on one of its two connections (`Lane`).
    pub async fn broker_on(
        &self,
        id: i32,
        lane: Lane,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        let info = match self.broker_info(id) {
            Some(i) => i,
            None => {
                self.metadata(Some(&[])).await?;
                self.broker_info(id).ok_or(KafkaError::UnknownBroker(id))?
            }
        };
        self.connection_on(&info.addr(), lane)
            .await
            .map_err(|e| e.down_at(id, &info.addr()))
    }

    /// Topic metadata for these topics (cached; one Metadata request for the missing ones).
    pub async fn topics(
        &self,
        names: &[String],
    ) -> Result<HashMap<String, Option<TopicMeta>>, KafkaError> {
        let one_at_a_time = self.metadata_lock.lock().await;
        let missing: Vec<String> = {
            let cache = self.topics.lock().expect("topics lock");
            names.iter().filter(|n| !cache.knows(n)).cloned().collect()
        };
        if !missing.is_empty() {
            self.fetch_metadata(Some(&missing)).await?;
        }
        drop(one_at_a_time);
        let cache = self.topics.lock().expect("topics lock");
        Ok(names.iter().map(|n| (n.clone(), cache.get(n))).collect())
    }

    /// Every topic in the cache (all of the cluster's after `load_all_topics`).
    pub fn cached_topics(&self) -> Vec<TopicMeta> {
        let cache = self.topics.lock().expect("topics lock");
        cache.existing().cloned().collect()
    }

    pub(super) fn forget_topics(&self, names: &[String]) {
        let mut cache = self.topics.lock().expect("topics lock");
        for n in names {
            cache.forget(n);
        }
    }
}
