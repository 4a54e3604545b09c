//! The cluster client: its configuration, its caches (brokers, connections,
//! coordinators, topics) and the deadline every call of one operation shares
//! (one invocation, or one refresh of a watch: `start_refresh`).
//! Connecting is in `connect.rs`, metadata in `metadata.rs`, coordinator
//! lookup in `coordinator.rs`, routing of batched requests in `router.rs`.

use super::connection::{BrokerConnection, RequestStats};
use super::error::KafkaError;
use super::frame::DEFAULT_MAX_FRAME;
use super::retry::Backoff;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// What the client needs to know to connect: plain data, filled from the
/// user's settings by `config/`.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub bootstrap: Vec<String>,
    pub client_id: String,
    pub timeout: Duration,
    pub max_frame: usize,
    pub tls: Option<super::tls::TlsSettings>,
    pub sasl: Option<super::sasl::SaslSettings>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            bootstrap: Vec::new(),
            client_id: "groupctl".into(),
            timeout: Duration::from_secs(30),
            max_frame: DEFAULT_MAX_FRAME,
            tls: None,
            sasl: None,
        }
    }
}

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
}

type ConnSlot = Arc<OnceCell<Arc<BrokerConnection>>>;

pub struct Client {
    pub(super) config: ClientConfig,
    /// Built once from the TLS settings (CA, client certificate, verification).
    pub(super) tls: Option<Arc<rustls::ClientConfig>>,
    /// Renewed per refresh by long-running commands (watch), so behind a lock.
    pub(super) deadline: Mutex<Instant>,
    pub(super) stats: Arc<RequestStats>,
    pub(super) brokers: Mutex<BTreeMap<i32, BrokerInfo>>,
    pub(super) conns: Mutex<HashMap<String, ConnSlot>>,
    pub(super) coordinators: Mutex<HashMap<String, i32>>,
    pub(super) topics: Mutex<HashMap<String, Option<TopicMeta>>>,
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
        Ok(Client {
            tls,
            config,
            deadline: Mutex::new(deadline),
            stats,
            brokers: Mutex::default(),
            conns: Mutex::default(),
            coordinators: Mutex::default(),
            topics: Mutex::default(),
        })
    }

    pub fn stats(&self) -> &Arc<RequestStats> {
        &self.stats
    }

    pub fn deadline(&self) -> Instant {
        *self.deadline.lock().expect("deadline lock")
    }

    /// Start one refresh of a long-running command: calls from now on have
    /// `--timeout` again, and topic metadata is read anew (partitions may have
    /// been added since). Connections, brokers and coordinators are kept.
    pub fn start_refresh(&self) {
        *self.deadline.lock().expect("deadline lock") = Instant::now() + self.config.timeout;
        self.topics.lock().expect("topics lock").clear();
    }

    pub fn timeout(&self) -> Duration {
        self.config.timeout
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
        loop {
            let err = match self.within(|| what.to_string(), op()).await {
                Ok(v) => return Ok(v),
                Err(e) if e.is_retriable() => e,
                Err(e) => return Err(e),
            };
            match backoff.next_delay_before(self.deadline()) {
                Some(d) => tokio::time::sleep(d).await,
                None => return Err(self.timeout_error(format!("{what} (last error: {err})"))),
            }
        }
    }
}
