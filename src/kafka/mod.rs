//! Connection, framing, version negotiation, pipelining, coordinator routing, retries.
//! The lowest networked layer: it imports only `model/` (and the crates it
//! speaks through); what it is told comes in as plain data (`ClientConfig`).

pub mod client;
pub mod config;
mod connect;
pub mod connection;
mod coordinator;
pub mod error;
pub mod frame;
mod metadata;
pub mod retry;
pub mod router;
pub mod sasl;
pub mod streams_describe;
pub mod throttle;
pub mod tls;
pub mod versions;

pub use client::{BrokerInfo, Client, TopicMeta};
pub use config::ClientConfig;
pub use connect::Lane;
pub use connection::{BrokerConnection, RequestStats, TraceSink};
pub use error::KafkaError;
pub use router::{BrokerAnswer, Outcomes};
pub use sasl::{Mechanism, SaslSettings, Secret};
pub use tls::TlsSettings;
