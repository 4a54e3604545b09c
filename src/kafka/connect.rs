//! Connecting: TCP, then TLS, ApiVersions and SASL, once per broker address.
//! An attempt runs as a task of its own and every caller awaits the same
//! one, so a caller that gives up (a race between bootstrap brokers won by
//! another) does not cancel a handshake that others will need.

use super::config::ClientConfig;
use super::connection::{BrokerConnection, RequestStats};
use super::error::KafkaError;
use super::retry::Backoff;
use futures::future::{BoxFuture, FutureExt, Shared};
use futures::stream::{FuturesUnordered, StreamExt};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A TCP or TLS stream.
trait Stream: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin> Stream for T {}

/// One connection attempt to one address, awaited by everyone who needs it.
type Attempt = Shared<BoxFuture<'static, Result<Arc<BrokerConnection>, KafkaError>>>;

/// Which of a broker's two connections a request uses. Brokers answer the
/// requests of one connection one at a time, so group requests (to the
/// coordinator) get their own connection and do not queue behind partition
/// requests (to the leader), as Kafka's Java consumer keeps its coordinator
/// connection apart. The second connection is opened only ahead of time
/// (`Client::warm`); otherwise partition requests share the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    /// Metadata, coordinators, groups, committed offsets.
    Groups,
    /// Partition requests to their leaders (ListOffsets).
    Partitions,
}

/// What this run learnt about reaching one broker address.
#[derive(Debug, Default)]
struct Health {
    /// Connection attempts refused in a row.
    pub refused: u32,
    /// Unreachable for the rest of the run, and why.
    pub down: Option<KafkaError>,
}

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

/// With TLS 1.3 the broker checks the client's certificate after the client
/// has finished its handshake: a refusal arrives as an alert on the first
/// read. Said as the TLS failure it is.
fn tls_refused(addr: &str, e: KafkaError) -> KafkaError {
    let text = e.to_string();
    let Some(i) = text.find("fatal alert") else {
        return e;
    };
    let alert = &text[i..];
    let hint = if alert.contains("Certificate") {
        ": the broker did not accept a client certificate (mutual TLS: give one signed by a CA it trusts with --ssl-cert/--ssl-key, or ssl.keystore.location)"
    } else {
        ""
    };
    KafkaError::Tls {
        addr: addr.to_string(),
        reason: format!("the broker ended the TLS session ({alert}){hint}"),
    }
}

/// What establishing a connection needs, owned, so an attempt can run as a
/// task of its own; it records each attempt's outcome in `health`.
struct Dialer {
    config: ClientConfig,
    /// Built once from the TLS settings (CA, client certificate, verification).
    tls: Option<Arc<rustls::ClientConfig>>,
    stats: Arc<RequestStats>,
    health: Mutex<HashMap<String, Health>>,
}

impl Dialer {
    /// Why `addr` is unreachable for the rest of this run, if it is.
    fn down(&self, addr: &str) -> Option<KafkaError> {
        let health = self.health.lock().expect("health lock");
        let cause = health.get(addr)?.down.clone()?;
        Some(KafkaError::Down {
            node: None,
            addr: addr.to_string(),
            cause: Box::new(cause),
        })
    }

    fn note_success(&self, addr: &str) {
        if let Some(h) = self.health.lock().expect("health lock").get_mut(addr) {
            h.refused = 0;
        }
    }

    /// A timeout takes the broker down at once (it cost a whole timeout);
    /// refused connections, or ones closed during the handshake, after a few
    /// quick attempts (a stopped broker, or not a Kafka listener).
    fn note_failure(&self, addr: &str, e: &KafkaError) {
        let mut health = self.health.lock().expect("health lock");
        let h = health.entry(addr.to_string()).or_default();
        if h.down.is_some() {
            return;
        }
        if e.takes_broker_down() {
            h.down = Some(e.clone());
        } else if matches!(
            e,
            KafkaError::Connect { .. } | KafkaError::ConnectionClosed { .. }
        ) {
            h.refused += 1;
            if h.refused >= REFUSALS_BEFORE_DOWN {
                h.down = Some(e.clone());
            }
        }
        if h.down.is_some() {
            self.stats
                .trace(|| format!("   {addr} is unreachable, not asked again: {e}"));
        }
    }

    fn timeout_error(&self, what: String) -> KafkaError {
        KafkaError::Timeout {
            what,
            after: self.config.timeout,
        }
    }

    /// `fut`, ended by `limit` (`on_limit`) or by the deadline (the overall timeout).
    async fn bounded<T>(
        &self,
        deadline: Instant,
        limit: Duration,
        what: impl FnOnce() -> String,
        on_limit: impl FnOnce() -> KafkaError,
        fut: impl Future<Output = Result<T, KafkaError>>,
    ) -> Result<T, KafkaError> {
        let by_limit = Instant::now() + limit;
        match tokio::time::timeout_at(by_limit.min(deadline).into(), fut).await {
            Ok(r) => r,
            Err(_) if by_limit < deadline => Err(on_limit()),
            Err(_) => Err(self.timeout_error(what())),
        }
    }

    async fn establish(
        self: Arc<Self>,
        addr: String,
        deadline: Instant,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        let res = self.handshake(&addr, deadline).await;
        match &res {
            Ok(_) => self.note_success(&addr),
            Err(e) => self.note_failure(&addr, e),
        }
        res
    }

    async fn handshake(
        &self,
        addr: &str,
        deadline: Instant,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        let connect_timeout = self.config.connect_timeout;
        let connect_timed_out = || KafkaError::ConnectTimeout {
            addr: addr.to_string(),
            after: connect_timeout,
        };
        let tcp = self
            .bounded(
                deadline,
                connect_timeout,
                || format!("connecting to {addr}"),
                connect_timed_out,
                async {
                    tokio::net::TcpStream::connect(addr)
                        .await
                        .map_err(|e| KafkaError::Connect {
                            addr: addr.to_string(),
                            reason: e.to_string(),
                        })
                },
            )
            .await?;
        let _ = tcp.set_nodelay(true);
        self.stats.trace(|| format!("connected to {addr}"));
        let start = |stream: Box<dyn Stream>| {
            Arc::new(BrokerConnection::start(
                stream,
                addr.to_string(),
                self.config.client_id.clone(),
                self.config.max_frame,
                self.config.request_timeout,
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
                    .bounded(
                        deadline,
                        connect_timeout,
                        || format!("TLS handshake with {addr}"),
                        connect_timed_out,
                        async {
                            connector
                                .connect(name, tcp)
                                .await
                                .map_err(|e| tls_err(tls_reason(&e)))
                        },
                    )
                    .await?;
                self.stats.trace(|| format!("TLS established with {addr}"));
                start(Box::new(stream))
            }
            None => start(Box::new(tcp)),
        };
        // Each request of the handshake is bounded by the request timeout (in
        // the connection); the deadline bounds them all.
        match tokio::time::timeout_at(deadline.into(), conn.negotiate_versions()).await {
            Ok(Err(e)) if self.tls.is_some() => return Err(tls_refused(addr, e)),
            Ok(r) => r?,
            Err(_) => return Err(self.timeout_error(format!("ApiVersions handshake with {addr}"))),
        }
        if let Some(sasl) = &self.config.sasl {
            match tokio::time::timeout_at(deadline.into(), conn.authenticate(sasl)).await {
                Ok(r) => r?,
                Err(_) => {
                    return Err(self.timeout_error(format!("SASL authentication with {addr}")))
                }
            }
            self.stats.trace(|| {
                format!(
                    "authenticated to {addr} as {} ({})",
                    sasl.username,
                    sasl.mechanism.name()
                )
            });
        }
        Ok(conn)
    }
}

/// A broker's connections (`Lane`s) by address, each established once as a
/// task of its own and reused while open, and what the run learnt about
/// reaching each address (`Dialer`). Every wait ends at the `deadline` given.
pub(super) struct Pool {
    dialer: Arc<Dialer>,
    conns: Mutex<HashMap<(String, Lane), Attempt>>,
}

impl Pool {
    pub fn new(
        config: ClientConfig,
        tls: Option<Arc<rustls::ClientConfig>>,
        stats: Arc<RequestStats>,
    ) -> Pool {
        Pool {
            dialer: Arc::new(Dialer {
                config,
                tls,
                stats,
                health: Mutex::default(),
            }),
            conns: Mutex::default(),
        }
    }

    /// Connection to `addr`, established once and reused; re-established if
    /// it closed. A broker found unreachable earlier in the run fails at once
    /// (`KafkaError::Down`): it already cost a connect or request timeout.
    pub async fn connection(
        &self,
        addr: &str,
        deadline: Instant,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        self.connection_on(addr, Lane::Groups, deadline).await
    }

    /// `connection`, on one of the broker's two connections (`Lane`).
    pub async fn connection_on(
        &self,
        addr: &str,
        lane: Lane,
        deadline: Instant,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        self.open(addr, lane, false, deadline).await
    }

    /// The connection of `lane` to `addr`; `ahead`: open it even when it is
    /// not the first (warming up), else the first serves until a second exists.
    async fn open(
        &self,
        addr: &str,
        lane: Lane,
        ahead: bool,
        deadline: Instant,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        let key = (addr.to_string(), lane);
        let attempt = {
            let mut conns = self.conns.lock().expect("conns lock");
            // A second connection only where one was opened ahead of time
            // (`warm`); otherwise the first one serves: never a handshake
            // round trip more than one connection needs.
            let key = if ahead || lane == Lane::Groups || conns.contains_key(&key) {
                key
            } else {
                (addr.to_string(), Lane::Groups)
            };
            let reusable = match conns.get(&key).map(|a| (a, a.peek())) {
                Some((a, None)) => Some(a.clone()),
                Some((a, Some(Ok(c)))) if !c.is_closed() => Some(a.clone()),
                Some((_, Some(Ok(c)))) => {
                    if let Some(e) = c.timed_out() {
                        self.dialer.note_failure(addr, &e);
                    }
                    None
                }
                // A failed attempt: try again, unless it took the broker down.
                Some((_, Some(Err(_)))) | None => None,
            };
            match reusable {
                Some(a) => a,
                None => {
                    if let Some(down) = self.dialer.down(addr) {
                        return Err(down);
                    }
                    let task =
                        tokio::spawn(self.dialer.clone().establish(addr.to_string(), deadline));
                    let attempt = async move {
                        task.await.unwrap_or_else(|e| {
                            Err(KafkaError::ConnectionClosed {
                                addr: String::new(),
                                context: format!(": connecting failed: {e}"),
                            })
                        })
                    }
                    .boxed()
                    .shared();
                    conns.insert(key, attempt.clone());
                    attempt
                }
            }
        };
        attempt.await
    }

    /// Connect to every bootstrap broker at once (failures are remembered,
    /// not returned): the brokers later requests need are then connected
    /// while the first answers are awaited, not after.
    pub async fn warm(&self, deadline: Instant) {
        let lanes = [Lane::Groups, Lane::Partitions];
        let attempts = self
            .dialer
            .config
            .bootstrap
            .iter()
            .flat_map(|a| lanes.map(|lane| self.open(a, lane, true, deadline)));
        futures::future::join_all(attempts).await;
    }

    /// A connection to any bootstrap broker: all addresses are tried at once
    /// and the first to complete its handshake is used, so a hung or refusing
    /// address costs nothing while another answers. Refusals get a few quick
    /// rounds (a broker restarting); timeouts are not retried.
    pub async fn bootstrap_connection(
        &self,
        deadline: Instant,
    ) -> Result<Arc<BrokerConnection>, KafkaError> {
        let addrs = &self.dialer.config.bootstrap;
        if addrs.is_empty() {
            return Err(KafkaError::Connect {
                addr: "(none)".into(),
                reason: "no bootstrap servers given".into(),
            });
        }
        let mut backoff = Backoff::default();
        for round in 1.. {
            let mut attempts: FuturesUnordered<_> = addrs
                .iter()
                .enumerate()
                .map(|(i, a)| async move { (i, self.connection(a, deadline).await) })
                .collect();
            let mut errors = BTreeMap::new();
            while let Some((i, res)) = attempts.next().await {
                match res {
                    Ok(conn) => return Ok(conn),
                    Err(e) => {
                        errors.insert(i, e);
                    }
                }
            }
            let retry = errors.values().any(|e| e.is_retriable()) && round < BOOTSTRAP_ROUNDS;
            let first = match errors.into_values().next().expect("one error per address") {
                KafkaError::Down { cause, .. } => *cause,
                e => e,
            };
            // Already retried here: the retry loops above must not wait out
            // the whole timeout again, so what is returned is not retriable.
            let give_up = |e: KafkaError| {
                if addrs.len() == 1 && !e.is_retriable() {
                    e
                } else {
                    KafkaError::Unreachable(Box::new(e))
                }
            };
            if !retry {
                return Err(give_up(first));
            }
            match backoff.next_delay_before(deadline) {
                Some(d) => tokio::time::sleep(d).await,
                None => return Err(give_up(first)),
            }
        }
        unreachable!("the rounds end by returning")
    }
}

/// Refused connections to one address before it counts as down for the run.
const REFUSALS_BEFORE_DOWN: u32 = 3;

/// Quick rounds over the bootstrap addresses when they refuse or hang up.
const BOOTSTRAP_ROUNDS: u32 = 3;
