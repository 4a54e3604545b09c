//! Typed group-admin operations built on `kafka`.
