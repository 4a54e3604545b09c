//! Connection, framing, version negotiation, pipelining, coordinator routing, retries.
