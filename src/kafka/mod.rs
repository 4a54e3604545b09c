//! Connection, framing, version negotiation, pipelining, coordinator routing, retries.

pub mod sasl;
pub mod tls;
