//! The cluster client: bootstrap, one pipelined connection per broker,
//! metadata and coordinator caches, and routing of batched requests to
//! coordinators and partition leaders with retries inside the deadline.

use super::connection::{BrokerConnection, RequestStats};
use super::error::KafkaError;
use super::frame::DEFAULT_MAX_FRAME;
use super::retry::Backoff;
use crate::model::TopicPartition;
use futures::future::join_all;
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::{
    metadata_request::MetadataRequestTopic, FindCoordinatorRequest, MetadataRequest,
    MetadataResponse, TopicName,
};
use kafka_protocol::protocol::StrBytes;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// A TCP or TLS stream.
trait Stream: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin> Stream for T {}

/// A TLS failure in words an operator can act on.
fn tls_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    if text.contains("UnknownIssuer") {
        format!("{text}: the broker's certificate is not signed by a trusted CA (give it with --ssl-ca or ssl.truststore.location)")
    } else if text.contains("NotValidForName") || text.contains("not valid for name") {
        format!("{text}: the certificate does not name this host (ssl.endpoint.identification.algorithm= turns the name check off)")
    } else if text.contains("CertificateRequired") || text.contains("certificate required") {
        format!("{text}: the broker wants a client certificate (--ssl-cert/--ssl-key)")
    } else if text.contains("InvalidContentType") || text.contains("corrupt message") {
        format!("{text}: is this a plaintext listener? (security.protocol)")
    } else {
        text
    }
}

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
    config: ClientConfig,
    /// Built once from the TLS settings (CA, client certificate, verification).
    tls: Option<Arc<rustls::ClientConfig>>,
    deadline: Instant,
    stats: Arc<RequestStats>,
    brokers: Mutex<BTreeMap<i32, BrokerInfo>>,
    conns: Mutex<HashMap<String, ConnSlot>>,
    coordinators: Mutex<HashMap<String, i32>>,
    topics: Mutex<HashMap<String, Option<TopicMeta>>>,
}

/// Per-item outcome of a routed batch.
pub type Outcomes<K, T> = BTreeMap<K, Result<T, KafkaError>>;

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
            deadline,
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
        self.deadline
    }

    pub fn timeout(&self) -> Duration {
        self.config.timeout
    }

    fn timeout_error(&self, what: impl Into<String>) -> KafkaError {
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
        match tokio::time::timeout_at(self.deadline.into(), fut).await {
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
            match backoff.next_delay_before(self.deadline) {
                Some(d) => tokio::time::sleep(d).await,
                None => return Err(self.timeout_error(format!("{what} (last error: {err})"))),
            }
        }
    }

    /// Connection to `addr`, established once and reused; re-established if it closed.
    pub async fn connection(&self, addr: &str) -> Result<Arc<BrokerConnection>, KafkaError> {
        let slot = {
            let mut conns = self.conns.lock().expect("conns lock");
            let slot = conns.entry(addr.to_string()).or_default();
            if slot.get().is_some_and(|c| c.is_closed()) {
                *slot = Arc::default();
            }
            slot.clone()
        };
        let conn = slot.get_or_try_init(|| self.establish(addr)).await?;
        Ok(conn.clone())
    }

    async fn establish(&self, addr: &str) -> Result<Arc<BrokerConnection>, KafkaError> {
        let what = || format!("connecting to {addr}");
        let tcp = self
            .within(what, async {
                tokio::net::TcpStream::connect(addr)
                    .await
                    .map_err(|e| KafkaError::Connect {
                        addr: addr.to_string(),
                        reason: e.to_string(),
                    })
            })
            .await?;
        let _ = tcp.set_nodelay(true);
        if self.stats.trace {
            eprintln!("connected to {addr}");
        }
        let start = |stream: Box<dyn Stream>| {
            Arc::new(BrokerConnection::start(
                stream,
                addr.to_string(),
                self.config.client_id.clone(),
                self.config.max_frame,
                self.stats.clone(),
            ))
        };
        let conn = match &self.tls {
            Some(tls) => {
                let tls_err = |reason: String| KafkaError::Tls {
                    addr: addr.to_string(),
                    reason,
                };
                let name = super::tls::server_name(addr).map_err(|e| tls_err(e.to_string()))?;
                let connector = tokio_rustls::TlsConnector::from(tls.clone());
                let stream = self
                    .within(|| format!("TLS handshake with {addr}"), async {
                        connector
                            .connect(name, tcp)
                            .await
                            .map_err(|e| tls_err(tls_reason(&e)))
                    })
                    .await?;
                if self.stats.trace {
                    eprintln!("TLS established with {addr}");
                }
                start(Box::new(stream))
            }
            None => start(Box::new(tcp)),
        };
        self.within(
            || format!("ApiVersions handshake with {addr}"),
            conn.negotiate_versions(),
        )
        .await?;
        if let Some(sasl) = &self.config.sasl {
            self.within(
                || format!("SASL authentication with {addr}"),
                conn.authenticate(sasl),
            )
            .await?;
            if self.stats.trace {
                eprintln!(
                    "authenticated to {addr} as {} ({})",
                    sasl.username,
                    sasl.mechanism.name()
                );
            }
        }
        Ok(conn)
    }

    /// Any reachable bootstrap broker (tried in order, a few rounds within the deadline).
    pub async fn bootstrap_connection(&self) -> Result<Arc<BrokerConnection>, KafkaError> {
        if self.config.bootstrap.is_empty() {
            return Err(KafkaError::Connect {
                addr: "(none)".into(),
                reason: "no bootstrap servers given".into(),
            });
        }
        let mut backoff = Backoff::default();
        let mut last = None;
        // Connection refused is usually a typo or a stopped broker: a few quick rounds, not the whole timeout.
        for _round in 0..3 {
            for addr in &self.config.bootstrap {
                match self.connection(addr).await {
                    Ok(c) => return Ok(c),
                    Err(e) if e.is_retriable() => last = Some(e),
                    // Timeouts, oversized frames, version mismatches: another round will not help.
                    Err(e) => return Err(e),
                }
            }
            match backoff.next_delay_before(self.deadline) {
                Some(d) => tokio::time::sleep(d).await,
                None => break,
            }
        }
        match last {
            // Already retried here: the retry loops above must not wait out the whole timeout again.
            Some(e) => Err(KafkaError::Unreachable(Box::new(e))),
            None => Err(self.timeout_error("connecting to the bootstrap servers")),
        }
    }

    /// Fetch cluster metadata (all topics when `topics` is None) and refresh the caches.
    pub async fn metadata(
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
                conn.send(&req).await
            })
            .await?;
        self.absorb_metadata(&resp, topics);
        Ok(resp)
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
        if let Some(req) = requested {
            for t in req {
                topics.entry(t.clone()).or_insert(None);
            }
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
            };
            topics.insert(name, Some(meta));
        }
    }

    /// Brokers from the last metadata (fetching it if needed).
    pub async fn brokers(&self) -> Result<Vec<BrokerInfo>, KafkaError> {
        if self.brokers.lock().expect("brokers lock").is_empty() {
            self.metadata(Some(&[])).await?;
        }
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
        let info = match self.broker_info(id) {
            Some(i) => i,
            None => {
                self.metadata(Some(&[])).await?;
                self.broker_info(id).ok_or(KafkaError::UnknownBroker(id))?
            }
        };
        self.connection(&info.addr()).await
    }

    /// Topic metadata for these topics (cached; one Metadata request for the missing ones).
    pub async fn topics(
        &self,
        names: &[String],
    ) -> Result<HashMap<String, Option<TopicMeta>>, KafkaError> {
        let missing: Vec<String> = {
            let cache = self.topics.lock().expect("topics lock");
            names
                .iter()
                .filter(|n| !cache.contains_key(*n))
                .cloned()
                .collect()
        };
        if !missing.is_empty() {
            self.metadata(Some(&missing)).await?;
        }
        let cache = self.topics.lock().expect("topics lock");
        Ok(names
            .iter()
            .map(|n| (n.clone(), cache.get(n).cloned().flatten()))
            .collect())
    }

    fn forget_topics(&self, names: &[String]) {
        let mut cache = self.topics.lock().expect("topics lock");
        for n in names {
            cache.remove(n);
        }
    }

    /// Remember that `group` is coordinated by broker `node` (e.g. learnt from ListGroups).
    pub fn note_coordinator(&self, group: &str, node: i32) {
        self.coordinators
            .lock()
            .expect("coordinator lock")
            .insert(group.to_string(), node);
    }

    pub fn cached_coordinator(&self, group: &str) -> Option<i32> {
        self.coordinators
            .lock()
            .expect("coordinator lock")
            .get(group)
            .copied()
    }

    fn forget_coordinator(&self, group: &str) {
        self.coordinators
            .lock()
            .expect("coordinator lock")
            .remove(group);
    }

    /// Coordinators for many groups: cached ones first, then ONE batched
    /// FindCoordinator (v4+) per round, or one request per group on older brokers.
    async fn lookup_coordinators(
        &self,
        groups: &[String],
    ) -> Result<Outcomes<String, i32>, KafkaError> {
        let mut out = Outcomes::new();
        let mut missing = Vec::new();
        for g in groups {
            match self.cached_coordinator(g) {
                Some(n) => {
                    out.insert(g.clone(), Ok(n));
                }
                None => missing.push(g.clone()),
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let conn = self.bootstrap_connection().await?;
        let batched = conn.apis().supports::<FindCoordinatorRequest>(4);
        let mut found: Vec<(String, i32, String, i32, i16, Option<String>)> = Vec::new();
        if batched {
            let keys = missing
                .iter()
                .map(|g| StrBytes::from_string(g.clone()))
                .collect();
            let resp = conn
                .send(
                    &FindCoordinatorRequest::default()
                        .with_key_type(0)
                        .with_coordinator_keys(keys),
                )
                .await?;
            for c in resp.coordinators {
                found.push((
                    c.key.to_string(),
                    c.node_id.0,
                    c.host.to_string(),
                    c.port,
                    c.error_code,
                    c.error_message.map(|m| m.to_string()),
                ));
            }
        } else {
            let reqs = missing.iter().map(|g| {
                let conn = conn.clone();
                let req =
                    FindCoordinatorRequest::default().with_key(StrBytes::from_string(g.clone()));
                async move { (g.clone(), conn.send(&req).await) }
            });
            for (g, r) in join_all(reqs).await {
                match r {
                    Ok(resp) => found.push((
                        g,
                        resp.node_id.0,
                        resp.host.to_string(),
                        resp.port,
                        resp.error_code,
                        resp.error_message.map(|m| m.to_string()),
                    )),
                    Err(e) => {
                        out.insert(g, Err(e));
                    }
                }
            }
        }
        for (group, node, host, port, code, message) in found {
            match ResponseError::try_from_code(code) {
                None => {
                    self.brokers
                        .lock()
                        .expect("brokers lock")
                        .entry(node)
                        .or_insert(BrokerInfo {
                            id: node,
                            host,
                            port,
                            rack: None,
                        });
                    self.note_coordinator(&group, node);
                    out.insert(group, Ok(node));
                }
                Some(code) => {
                    let ctx = format!("finding the coordinator of group {group}");
                    out.insert(
                        group,
                        Err(KafkaError::Server {
                            code,
                            context: ctx,
                            message,
                        }),
                    );
                }
            }
        }
        for g in missing {
            out.entry(g.clone()).or_insert_with(|| {
                Err(KafkaError::server(
                    ResponseError::CoordinatorNotAvailable,
                    format!("no answer for group {g}"),
                ))
            });
        }
        Ok(out)
    }

    /// Run a batched operation per coordinator, concurrently, for many groups.
    /// `op` gets one coordinator connection and its groups, and reports per
    /// group. Retriable per-group errors (NOT_COORDINATOR, loading...) and
    /// whole-request network errors are retried, re-routing, until the deadline.
    pub async fn by_coordinator<T, F, Fut>(
        &self,
        what: &str,
        groups: &[String],
        op: F,
    ) -> Outcomes<String, T>
    where
        F: Fn(Arc<BrokerConnection>, Vec<String>) -> Fut,
        Fut: Future<Output = Result<Vec<(String, Result<T, KafkaError>)>, KafkaError>>,
    {
        let mut done: Outcomes<String, T> = BTreeMap::new();
        let mut pending: Vec<String> = groups.to_vec();
        pending.sort();
        pending.dedup();
        let mut last_err: HashMap<String, KafkaError> = HashMap::new();
        let mut backoff = Backoff::default();
        while !pending.is_empty() {
            let mut retry = Vec::new();
            let lookup = self
                .within(
                    || format!("{what}: finding coordinators"),
                    self.lookup_coordinators(&pending),
                )
                .await;
            let coords = match lookup {
                Ok(c) => c,
                Err(e) if e.is_retriable() => {
                    for g in &pending {
                        last_err.insert(g.clone(), e.clone());
                    }
                    retry.append(&mut pending);
                    BTreeMap::new()
                }
                Err(e) => {
                    for g in pending.drain(..) {
                        done.insert(g, Err(e.clone()));
                    }
                    break;
                }
            };
            let mut by_node: BTreeMap<i32, Vec<String>> = BTreeMap::new();
            for (g, r) in coords {
                match r {
                    Ok(node) => by_node.entry(node).or_default().push(g),
                    Err(e) if e.is_retriable() => {
                        last_err.insert(g.clone(), e);
                        retry.push(g);
                    }
                    Err(e) => {
                        done.insert(g, Err(e));
                    }
                }
            }
            let calls = by_node.into_iter().map(|(node, gs)| {
                let op = &op;
                async move {
                    let res = async {
                        let conn = self.broker(node).await?;
                        op(conn, gs.clone()).await
                    };
                    (gs.clone(), self.within(|| what.to_string(), res).await)
                }
            });
            for (gs, res) in join_all(calls).await {
                match res {
                    Ok(items) => {
                        for (g, r) in items {
                            match r {
                                Err(e) if e.is_retriable() => {
                                    if e.code() == Some(ResponseError::NotCoordinator) {
                                        self.forget_coordinator(&g);
                                    }
                                    last_err.insert(g.clone(), e);
                                    retry.push(g);
                                }
                                other => {
                                    done.insert(g, other);
                                }
                            }
                        }
                    }
                    Err(e @ KafkaError::Timeout { .. }) => {
                        for g in gs {
                            done.insert(g, Err(e.clone()));
                        }
                    }
                    Err(e) if e.is_retriable() => {
                        for g in gs {
                            self.forget_coordinator(&g);
                            last_err.insert(g.clone(), e.clone());
                            retry.push(g);
                        }
                    }
                    Err(e) => {
                        for g in gs {
                            done.insert(g, Err(e.clone()));
                        }
                    }
                }
            }
            retry.retain(|g| !done.contains_key(g));
            if retry.is_empty() {
                break;
            }
            match backoff.next_delay_before(self.deadline) {
                Some(d) => {
                    tokio::time::sleep(d).await;
                    pending = retry;
                }
                None => {
                    for g in retry {
                        let last = last_err
                            .remove(&g)
                            .map(|e| format!(" (last error: {e})"))
                            .unwrap_or_default();
                        done.insert(
                            g.clone(),
                            Err(self.timeout_error(format!("{what} for group {g}{last}"))),
                        );
                    }
                    break;
                }
            }
        }
        done
    }

    /// Run a batched operation per partition leader, concurrently. Unknown
    /// topics/partitions fail at once; leadership changes are retried after a
    /// metadata refresh until the deadline.
    pub async fn by_leader<T, F, Fut>(
        &self,
        what: &str,
        partitions: &[TopicPartition],
        op: F,
    ) -> Outcomes<TopicPartition, T>
    where
        F: Fn(Arc<BrokerConnection>, Vec<TopicPartition>) -> Fut,
        Fut: Future<Output = Result<Vec<(TopicPartition, Result<T, KafkaError>)>, KafkaError>>,
    {
        let mut done: Outcomes<TopicPartition, T> = BTreeMap::new();
        let mut pending: Vec<TopicPartition> = partitions.to_vec();
        pending.sort();
        pending.dedup();
        let mut backoff = Backoff::default();
        let mut last_err: HashMap<TopicPartition, KafkaError> = HashMap::new();
        while !pending.is_empty() {
            let mut names: Vec<String> = pending.iter().map(|tp| tp.topic.clone()).collect();
            names.dedup();
            let metas = match self.topics(&names).await {
                Ok(m) => m,
                Err(e) => {
                    for tp in pending.drain(..) {
                        done.insert(tp, Err(e.clone()));
                    }
                    break;
                }
            };
            let mut retry = Vec::new();
            let mut by_node: BTreeMap<i32, Vec<TopicPartition>> = BTreeMap::new();
            for tp in pending.drain(..) {
                let leader = match metas.get(&tp.topic) {
                    Some(Some(meta)) => meta.leaders.get(&tp.partition).copied(),
                    _ => {
                        let e = KafkaError::server(
                            ResponseError::UnknownTopicOrPartition,
                            format!("topic {}", tp.topic),
                        );
                        done.insert(tp, Err(e));
                        continue;
                    }
                };
                match leader {
                    None => {
                        let e = KafkaError::server(
                            ResponseError::UnknownTopicOrPartition,
                            format!("partition {tp}"),
                        );
                        done.insert(tp, Err(e));
                    }
                    Some(l) if l < 0 => {
                        last_err.insert(
                            tp.clone(),
                            KafkaError::server(ResponseError::LeaderNotAvailable, tp.to_string()),
                        );
                        retry.push(tp);
                    }
                    Some(l) => by_node.entry(l).or_default().push(tp),
                }
            }
            let calls = by_node.into_iter().map(|(node, tps)| {
                let op = &op;
                async move {
                    let res = async {
                        let conn = self.broker(node).await?;
                        op(conn, tps.clone()).await
                    };
                    (tps.clone(), self.within(|| what.to_string(), res).await)
                }
            });
            for (tps, res) in join_all(calls).await {
                match res {
                    Ok(items) => {
                        for (tp, r) in items {
                            match r {
                                Err(e) if e.is_retriable() => {
                                    last_err.insert(tp.clone(), e);
                                    retry.push(tp);
                                }
                                other => {
                                    done.insert(tp, other);
                                }
                            }
                        }
                    }
                    Err(e) if e.is_retriable() => {
                        for tp in tps {
                            last_err.insert(tp.clone(), e.clone());
                            retry.push(tp);
                        }
                    }
                    Err(e) => {
                        for tp in tps {
                            done.insert(tp, Err(e.clone()));
                        }
                    }
                }
            }
            retry.retain(|tp| !done.contains_key(tp));
            if retry.is_empty() {
                break;
            }
            let mut stale: Vec<String> = retry.iter().map(|tp| tp.topic.clone()).collect();
            stale.dedup();
            self.forget_topics(&stale);
            match backoff.next_delay_before(self.deadline) {
                Some(d) => {
                    tokio::time::sleep(d).await;
                    pending = retry;
                }
                None => {
                    for tp in retry {
                        let last = last_err
                            .remove(&tp)
                            .map(|e| format!(" (last error: {e})"))
                            .unwrap_or_default();
                        done.insert(
                            tp.clone(),
                            Err(self.timeout_error(format!("{what} for {tp}{last}"))),
                        );
                    }
                    break;
                }
            }
        }
        done
    }
}
