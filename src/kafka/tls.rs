//! TLS (rustls) for SSL / SASL_SSL listeners.

/// TLS options from flags, properties or profile.
#[derive(Debug, Clone, Default)]
pub struct TlsSettings {}
