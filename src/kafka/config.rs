//! What the client is told: plain data, filled from the user's settings by `config/`.

use super::frame::DEFAULT_MAX_FRAME;
use std::time::Duration;

/// Defaults of the per-broker timeouts: a few seconds, so that one dead or
/// hung broker costs that much, not the whole `timeout`.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// What the client needs to know to connect: plain data, filled from the
/// user's settings by `config/`.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub bootstrap: Vec<String>,
    pub client_id: String,
    /// The overall deadline of an invocation, retries included.
    pub timeout: Duration,
    /// TCP (and TLS) connect to one broker.
    pub connect_timeout: Duration,
    /// One request to one broker, the ApiVersions handshake included.
    pub request_timeout: Duration,
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
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_frame: DEFAULT_MAX_FRAME,
            tls: None,
            sasl: None,
        }
    }
}
