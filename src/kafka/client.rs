//! The cluster client: its configuration, its caches (brokers, connections,
//! coordinators, topics) and the deadline every call of one operation shares
//! (one invocation, one refresh of a watch, or what follows a prompt:
//! `restart_deadline`).
//! Connecting is in `connect.rs`, metadata in `metadata.rs`, coordinator
//! lookup in `coordinator.rs`, routing of batched requests in `router.rs`.

use super::config::ClientConfig;
use super::connect::{Lane, Pool};
use super::connection::{BrokerConnection, RequestStats};
use super::error::KafkaError;
use super::retry::Backoff;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A broker as the cluster metadata names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct BrokerInfo {
    pub id: i32,
    pub host: String,
    pub port: i32,
    pub rack: Option<String>,
}

impl BrokerInfo {
    pub fn addr(&self) -> String {
        format_addr(&self.host, self.port)
    }
}

fn format_addr(host: &str, port: i32) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// A topic's partitions and their leaders (and replica racks, for assignment).
#[derive(Debug, Clone)]
pub struct TopicMeta {
    pub name: String,
    /// partition -> leader node (-1: none)
    pub leaders: BTreeMap<i32, i32>,
    /// partition -> replica node ids
    pub replicas: BTreeMap<i32, Vec<i32>>,
    pub internal: bool,
    /// What the connected principal may do on the topic (Metadata v8+).
    pub authorized: Option<crate::model::acl::Operations>,
    /// The principal may not describe the topic (TOPIC_AUTHORIZATION_FAILED):
    /// its partitions are unknown, and asking again will not change that.
    pub denied: bool,
}

/// Topics learnt from Metadata answers (None: the topic does not exist).
#[derive(Debug, Default)]
pub(super) struct TopicCache {
    by_name: HashMap<String, Option<TopicMeta>>,
    /// Every topic of the cluster is here (an all-topics Metadata was
    /// absorbed): a name missing does not exist.
    complete: bool,
}

impl TopicCache {
    /// Forget everything (topics may have been added or moved since).
    pub fn clear(&mut self) {
        self.by_name.clear();
        self.complete = false;
    }

    /// Whether the cache can answer for `name` without asking a broker.
    pub fn knows(&self, name: &str) -> bool {
        self.complete || self.by_name.contains_key(name)
    }

    pub fn get(&self, name: &str) -> Option<TopicMeta> {
        self.by_name.get(name).cloned().flatten()
    }

    pub fn insert(&mut self, name: String, meta: Option<TopicMeta>) {
        self.by_name.insert(name, meta);
    }

    /// A topic asked for: absent from the answer means it does not exist.
    pub fn asked(&mut self, name: &str) {
        self.by_name.entry(name.to_string()).or_insert(None);
    }

    pub fn set_complete(&mut self) {
        self.complete = true;
    }

    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Forget one topic (its leaders moved): the cache is no longer complete.
    pub fn forget(&mut self, name: &str) {
        self.by_name.remove(name);
        self.complete = false;
    }

    pub fn existing(&self) -> impl Iterator<Item = &TopicMeta> {
        self.by_name.values().flatten()
    }
}

pub struct Client {
    pub(super) config: ClientConfig,
    /// Connections (two per broker, established as tasks of their own), and brokers that are down.
    pool: Pool,
    /// Restarted after waiting for the user and per refresh of a watch (`restart_deadline`).
    deadline: Mutex<Instant>,
    pub(super) stats: Arc<RequestStats>,
    pub(super) brokers: Mutex<BTreeMap<i32, BrokerInfo>>,
    pub(super) coordinators: Mutex<HashMap<String, i32>>,
    pub(super) topics: Mutex<TopicCache>,
    /// One Metadata request at a time: concurrent needs wait and find the cache filled.
    pub(super) metadata_lock: tokio::sync::Mutex<()>,
    /// Partitions on an unreachable leader are waited for (until the
    /// deadline) where another replica can take over, instead of reported at
    /// once: for writes, which need every partition (`wait_for_leaders`).
    pub(super) patient_leaders: std::sync::atomic::AtomicBool,
}

impl Client {
    /// A client for this configuration; fails when the TLS settings cannot be used.
    /// Nothing connects until the first request.
    pub fn new(config: ClientConfig, stats: Arc<RequestStats>) -> Result<Self, KafkaError> {
        let tls = config
            .tls
            .as_ref()
            .map(super::tls::client_config)
            .transpose()?;
        let deadline = Instant::now() + config.timeout;
        let pool = Pool::new(config.clone(), tls, stats.clone());
        Ok(Client {
            pool,
            config,
            deadline: Mutex::new(deadline),
            stats,
            brokers: Mutex::default(),
            coordinators: Mutex::default(),
            topics: Mutex::default(),
            metadata_lock: tokio::sync::Mutex::new(()),
            patient_leaders: Default::default(),
        })
    }

    /// Connection to `addr`, established once and reused; re-established if
    /// it closed. A broker found unreachable earlier in the run fails at once
    /// (`KafkaError::Down`): it already cost a connect or request timeout.
    pub async fn connection(&self, addr: &str) -> Result<Arc<BrokerConnection>, KafkaError> {
        self.pool.connection(addr, self.deadline()).await
    }

    /// `connection`, on one of the broker's two connections (`Lane`).
    pub async fn connection_on(
        &self,
        addr: &str,
        lane: Lane,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        self.pool.connection_on(addr, lane, self.deadline()).await
    }

    /// Connect to every bootstrap broker at once, both lanes (failures are
    /// remembered, not returned), while the first answers are awaited.
    pub async fn warm(&self) {
        self.pool.warm(self.deadline()).await
    }

    /// A connection to any bootstrap broker, the first to complete its handshake.
    pub async fn bootstrap_connection(&self) -> Result<Arc<BrokerConnection>, KafkaError> {
        self.pool.bootstrap_connection(self.deadline()).await
    }

    /// The bootstrap addresses, as given.
    pub fn bootstrap_addrs(&self) -> &[String] {
        &self.config.bootstrap
    }

    /// Wait for a dead leader's partitions to move (see `patient_leaders`).
    pub fn wait_for_leaders(&self) {
        self.patient_leaders
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn stats(&self) -> &Arc<RequestStats> {
        &self.stats
    }

    pub fn deadline(&self) -> Instant {
        *self.deadline.lock().expect("deadline lock")
    }

    /// The whole timeout again from now: after waiting for the user (a
    /// confirmation prompt, which is no broker's time) and at each refresh of
    /// a watch. Topic metadata is read anew (leaders may have moved, partitions
    /// been added); connections and coordinators are kept (checked as used).
    pub fn restart_deadline(&self) {
        *self.deadline.lock().expect("deadline lock") = Instant::now() + self.config.timeout;
        self.topics.lock().expect("topics lock").clear();
    }

    pub fn timeout(&self) -> Duration {
        self.config.timeout
    }

    /// How long one request to one broker may take.
    pub fn request_timeout(&self) -> Duration {
        self.config.request_timeout
    }

    pub(super) fn timeout_error(&self, what: impl Into<String>) -> KafkaError {
        KafkaError::Timeout {
            what: what.into(),
            after: self.config.timeout,
        }
    }

    /// Run `fut` but give up at the deadline.
    pub async fn within<T>(
        &self,
        what: impl FnOnce() -> String,
        fut: impl Future<Output = Result<T, KafkaError>>,
    ) -> Result<T, KafkaError> {
        match tokio::time::timeout_at(self.deadline().into(), fut).await {
            Ok(r) => r,
            Err(_) => Err(self.timeout_error(what())),
        }
    }

    /// Retry `op` on retriable errors with capped exponential backoff until the deadline.
    pub async fn retrying<T, F, Fut>(&self, what: &str, mut op: F) -> Result<T, KafkaError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, KafkaError>>,
    {
        let mut backoff = Backoff::default();
        let mut lost = 0;
        loop {
            let err = match self.within(|| what.to_string(), op()).await {
                Ok(v) => return Ok(v),
                Err(e) if e.is_network() && lost + 1 >= super::retry::NETWORK_ATTEMPTS => {
                    return Err(e)
                }
                Err(e) if e.is_retriable() => e,
                Err(e) => return Err(e),
            };
            if err.is_network() {
                lost += 1;
            }
            match backoff.next_delay_before(self.deadline()) {
                Some(d) => tokio::time::sleep(d).await,
                None => return Err(self.timeout_error(format!("{what} (last error: {err})"))),
            }
        }
    }
}
