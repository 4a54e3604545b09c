//! Connection, framing, version negotiation, pipelining, coordinator routing, retries.
//! The lowest networked layer: it imports only `model/` (and the crates it
//! speaks through); what it is told comes in as plain data (`ClientConfig`).

pub mod client;
pub mod connection;
pub mod error;
pub mod frame;
pub mod retry;
pub mod sasl;
pub mod tls;
pub mod versions;

pub use client::{BrokerInfo, Client, ClientConfig, TopicMeta};
pub use connection::{BrokerConnection, RequestStats};
pub use error::KafkaError;
pub use sasl::{Mechanism, SaslSettings, Secret};
pub use tls::TlsSettings;
