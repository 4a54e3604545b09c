//! SASL PLAIN and SCRAM-SHA-256/512 client exchanges.

/// SASL options from flags, properties or profile.
#[derive(Debug, Clone, Default)]
pub struct SaslSettings {}
