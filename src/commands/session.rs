//! A connected session for commands that talk to brokers.

use super::Context;
use crate::config::Settings;
use crate::kafka::{Client, ClientConfig, RequestStats};
use std::future::Future;
use std::sync::Arc;

pub struct Session {
    rt: tokio::runtime::Runtime,
    pub client: Client,
    pub settings: Settings,
}

impl Session {
    pub fn open(ctx: &Context) -> anyhow::Result<Session> {
        let settings = Settings::resolve(&ctx.global)?;
        let stats = Arc::new(RequestStats::new(ctx.printer.verbose >= 2));
        let client = Client::new(ClientConfig::from_settings(&settings), stats);
        // One thread: all broker I/O is concurrent on it; start-up stays cheap.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(Session {
            rt,
            client,
            settings,
        })
    }

    pub fn block_on<F: Future>(&self, fut: F) -> F::Output {
        self.rt.block_on(fut)
    }

    /// At -v, how many requests this invocation sent (the O(brokers) claim, checkable).
    pub fn report(&self, ctx: &Context) {
        ctx.printer
            .info(format!("groupctl: {}", self.client.stats().summary()));
    }
}
