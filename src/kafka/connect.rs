//! Connecting: TCP, then TLS, ApiVersions and SASL, once per broker address;
//! the bootstrap servers are tried in order for a few quick rounds.

use super::client::Client;
use super::connection::BrokerConnection;
use super::error::KafkaError;
use super::retry::Backoff;
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
        self.stats.trace(|| format!("connected to {addr}"));
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
                self.stats.trace(|| format!("TLS established with {addr}"));
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
            match backoff.next_delay_before(self.deadline()) {
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
}
