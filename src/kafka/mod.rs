//! Connection, framing, version negotiation, pipelining, coordinator routing, retries.

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
