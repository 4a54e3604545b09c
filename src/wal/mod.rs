//! Pure readers of coordinator logs (no network, no tokio).
