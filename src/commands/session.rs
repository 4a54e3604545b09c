//! A connected session for commands that talk to brokers.

use super::Context;
use crate::admin::Admin;
use crate::config::Settings;
use crate::model::{Tenant, TopicPartition};
use std::future::Future;

pub struct Session {
    rt: tokio::runtime::Runtime,
    pub admin: Admin,
    pub settings: Settings,
}

impl Session {
    pub fn open(ctx: &Context) -> anyhow::Result<Session> {
        let settings =
            Settings::resolve(&ctx.global).map_err(|e| crate::exit::usage(e.to_string()))?;
        for w in &settings.warnings {
            ctx.printer.warn(w);
        }
        let admin = Admin::new(
            settings.client_config(),
            Tenant::new(settings.tenant_prefix.clone()),
            ctx.printer.trace_sink(),
        )?;
        // One thread: all broker I/O is concurrent on it; start-up stays cheap.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(Session {
            rt,
            admin,
            settings,
        })
    }

    pub fn block_on<F: Future>(&self, fut: F) -> F::Output {
        self.rt.block_on(fut)
    }

    /// `--topic T` / `--topic T:0,2` arguments -> the partitions they name,
    /// checked against the cluster (unknown topic or partition: an error).
    pub fn resolve_topics(&self, args: &[String]) -> anyhow::Result<Vec<TopicPartition>> {
        self.block_on(resolve_topics(&self.admin, args))
    }

    /// At -v, how many requests this invocation sent (the O(brokers) claim, checkable).
    pub fn report(&self, ctx: &Context) {
        ctx.printer
            .info(format!("groupctl: {}", self.admin.request_summary()));
    }
}

/// `Session::resolve_topics`, for commands that overlap it with other requests.
pub async fn resolve_topics(admin: &Admin, args: &[String]) -> anyhow::Result<Vec<TopicPartition>> {
    let scopes = topic_scopes(args)?;
    let topics: Vec<String> = scopes.iter().map(|s| s.topic.clone()).collect();
    let known = crate::admin::topic_partitions(admin, &topics).await?;
    let mut tps = std::collections::BTreeSet::new();
    for s in &scopes {
        let Some(Some(all)) = known.get(&s.topic) else {
            anyhow::bail!("unknown topic {}", s.topic);
        };
        match &s.partitions {
            None => tps.extend(all.iter().cloned()),
            Some(ps) => {
                for p in ps {
                    tps.insert(known_partition(&s.topic, *p, all)?);
                }
            }
        }
    }
    Ok(tps.into_iter().collect())
}

/// `--topic T[:P,..]` arguments, checked before any request is sent.
pub fn topic_scopes(args: &[String]) -> anyhow::Result<Vec<crate::reset::TopicScope>> {
    args.iter()
        .map(|t| crate::reset::parse::topic_scope(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| crate::exit::usage(e.to_string()))
}

/// Partition `p` of `topic`, which has the partitions `all`; an error says how many it has.
pub fn known_partition(
    topic: &str,
    p: i32,
    all: &[TopicPartition],
) -> anyhow::Result<TopicPartition> {
    let tp = TopicPartition::new(topic.to_string(), p);
    if !all.contains(&tp) {
        anyhow::bail!(
            "unknown partition {tp} (topic {topic} has {} partitions)",
            all.len()
        );
    }
    Ok(tp)
}
