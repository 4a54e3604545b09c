//! Group coordinators: cached per group, learnt from ListGroups or looked up
//! with one batched FindCoordinator (v4+) per round.

use super::client::BrokerInfo;
use super::client::Client;
use super::error::KafkaError;
use super::router::Outcomes;
use futures::future::join_all;
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::FindCoordinatorRequest;
use kafka_protocol::protocol::StrBytes;

impl Client {
    /// Remember that `group` is coordinated by broker `node` (e.g. learnt from ListGroups).
    pub fn note_coordinator(&self, group: &str, node: i32) {
        self.coordinators
            .lock()
            .expect("coordinator lock")
            .insert(group.to_string(), node);
    }

    pub fn cached_coordinator(&self, group: &str) -> Option<i32> {
        self.coordinators
            .lock()
            .expect("coordinator lock")
            .get(group)
            .copied()
    }

    pub(super) fn forget_coordinator(&self, group: &str) {
        self.coordinators
            .lock()
            .expect("coordinator lock")
            .remove(group);
    }

    /// Find and cache the coordinators of these groups ahead of the requests
    /// that need them (failures resurface there, and are retried there).
    pub async fn locate_coordinators(&self, groups: &[String]) {
        let _ = self
            .within(
                || "finding coordinators".to_string(),
                self.lookup_coordinators(groups),
            )
            .await;
    }

    /// Coordinators for many groups: cached ones first, then ONE batched
    /// FindCoordinator (v4+) per round, or one request per group on older brokers.
    pub(super) async fn lookup_coordinators(
        &self,
        groups: &[String],
    ) -> Result<Outcomes<String, i32>, KafkaError> {
        let mut out = Outcomes::new();
        let mut missing = Vec::new();
        for g in groups {
            match self.cached_coordinator(g) {
                Some(n) => {
                    out.insert(g.clone(), Ok(n));
                }
                None => missing.push(g.clone()),
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let conn = self.bootstrap_connection().await?;
        let batched = conn.apis().supports::<FindCoordinatorRequest>(4);
        let mut found: Vec<(String, i32, String, i32, i16, Option<String>)> = Vec::new();
        if batched {
            let keys = missing
                .iter()
                .map(|g| StrBytes::from_string(g.clone()))
                .collect();
            let resp = conn
                .send(
                    &FindCoordinatorRequest::default()
                        .with_key_type(0)
                        .with_coordinator_keys(keys),
                )
                .await?;
            for c in resp.coordinators {
                found.push((
                    c.key.to_string(),
                    c.node_id.0,
                    c.host.to_string(),
                    c.port,
                    c.error_code,
                    c.error_message.map(|m| m.to_string()),
                ));
            }
        } else {
            let reqs = missing.iter().map(|g| {
                let conn = conn.clone();
                let req =
                    FindCoordinatorRequest::default().with_key(StrBytes::from_string(g.clone()));
                async move { (g.clone(), conn.send(&req).await) }
            });
            for (g, r) in join_all(reqs).await {
                match r {
                    Ok(resp) => found.push((
                        g,
                        resp.node_id.0,
                        resp.host.to_string(),
                        resp.port,
                        resp.error_code,
                        resp.error_message.map(|m| m.to_string()),
                    )),
                    Err(e) => {
                        out.insert(g, Err(e));
                    }
                }
            }
        }
        for (group, node, host, port, code, message) in found {
            match ResponseError::try_from_code(code) {
                None => {
                    self.brokers
                        .lock()
                        .expect("brokers lock")
                        .entry(node)
                        .or_insert(BrokerInfo {
                            id: node,
                            host,
                            port,
                            rack: None,
                        });
                    self.note_coordinator(&group, node);
                    out.insert(group, Ok(node));
                }
                Some(code) => {
                    let ctx = format!("finding the coordinator of group {group}");
                    out.insert(
                        group,
                        Err(KafkaError::Server {
                            code,
                            context: ctx,
                            message,
                        }),
                    );
                }
            }
        }
        for g in missing {
            out.entry(g.clone()).or_insert_with(|| {
                Err(KafkaError::server(
                    ResponseError::CoordinatorNotAvailable,
                    format!("no answer for group {g}"),
                ))
            });
        }
        Ok(out)
    }
}
