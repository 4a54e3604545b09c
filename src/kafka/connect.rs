//! Connecting: TCP, then TLS, ApiVersions and SASL, once per broker address;
//! the bootstrap servers are tried in order for a few quick rounds.

use super::client::Client;
use super::connection::BrokerConnection;
use super::error::KafkaError;
use super::retry::Backoff;
use futures::stream::{FuturesUnordered, StreamExt};
use std::collections::BTreeMap;
use std::sync::Arc;

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

impl Client {
    /// Connection to `addr`, established once and reused; re-established if
    /// it closed. A broker found unreachable earlier in the run fails at once
    /// (`KafkaError::Down`): it already cost a connect or request timeout.
    pub async fn connection(&self, addr: &str) -> Result<Arc<BrokerConnection>, KafkaError> {
        let slot = {
            let mut conns = self.conns.lock().expect("conns lock");
            let slot = conns.entry(addr.to_string()).or_default();
            if let Some(closed) = slot.get().filter(|c| c.is_closed()) {
                if let Some(e) = closed.timed_out() {
                    self.note_failure(addr, &e);
                }
                *slot = Arc::default();
            }
            slot.clone()
        };
        let conn = slot
            .get_or_try_init(|| async {
                // Callers queued behind a failed attempt see that it took the broker down.
                if let Some(down) = self.down(addr) {
                    return Err(down);
                }
                let res = self.establish(addr).await;
                match &res {
                    Ok(_) => self.note_success(addr),
                    Err(e) => self.note_failure(addr, e),
                }
                res
            })
            .await?;
        Ok(conn.clone())
    }

    /// Connect to every bootstrap broker at once (failures are remembered,
    /// not returned): the brokers later requests need are then connected
    /// while the first answers are awaited, not after.
    pub async fn warm(&self) {
        let attempts = self.config.bootstrap.iter().map(|a| self.connection(a));
        futures::future::join_all(attempts).await;
    }

    /// The bootstrap addresses, as given.
    pub fn bootstrap_addrs(&self) -> &[String] {
        &self.config.bootstrap
    }

    /// Why `addr` is unreachable for the rest of this run, if it is.
    pub(super) fn down(&self, addr: &str) -> Option<KafkaError> {
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

    async fn establish(&self, addr: &str) -> Result<Arc<BrokerConnection>, KafkaError> {
        let connect_timeout = self.config.connect_timeout;
        let tcp = self
            .bounded(
                connect_timeout,
                || format!("connecting to {addr}"),
                || KafkaError::ConnectTimeout {
                    addr: addr.to_string(),
                    after: connect_timeout,
                },
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
                        connect_timeout,
                        || format!("TLS handshake with {addr}"),
                        || KafkaError::ConnectTimeout {
                            addr: addr.to_string(),
                            after: connect_timeout,
                        },
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
        // Each request of the handshake is bounded by the request timeout (in the connection).
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

    /// A connection to any bootstrap broker: all addresses are tried at once
    /// and the first to complete its handshake is used, so a hung or refusing
    /// address costs nothing while another answers. Refusals get a few quick
    /// rounds (a broker restarting); timeouts are not retried.
    pub async fn bootstrap_connection(&self) -> Result<Arc<BrokerConnection>, KafkaError> {
        let addrs = &self.config.bootstrap;
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
                .map(|(i, a)| async move { (i, self.connection(a).await) })
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
            match backoff.next_delay_before(self.deadline()) {
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
