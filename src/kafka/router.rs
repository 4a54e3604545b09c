//! Routing of batched requests. Items (groups, partitions) go to the broker
//! that owns them (the group's coordinator, the partition's leader): one
//! request per broker, all brokers concurrently. Every item comes back with
//! its own outcome. Retriable failures are routed again, after forgetting
//! what they prove stale, with capped backoff until the deadline.
//!
//! One loop serves both keyings; a `Route` says how keys find their broker
//! and what a failure makes stale. Per-broker concerns live below the
//! router, where every request passes (ListGroups and Metadata too): a broker
//! that stays down is remembered by the client (`connect.rs`) and fails at
//! once; a throttled connection holds its next request (`connection.rs`).
//! `Round` re-locates a key once when its broker is down (the group or
//! partition may have moved), then reports the broker as unreachable.

use super::client::Client;
use super::connect::Lane;
use super::connection::BrokerConnection;
use super::error::KafkaError;
use super::retry::Backoff;
use crate::model::TopicPartition;
use futures::future::join_all;
use kafka_protocol::error::ResponseError;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

/// How long a key's new broker is given after a failover (see `route`):
/// a follower fetch interval (`replica.fetch.wait.max.ms`, 500 ms) twice.
const MOVED_SETTLE: std::time::Duration = std::time::Duration::from_millis(1000);

/// Per-item outcome of a routed batch.
pub type Outcomes<K, T> = BTreeMap<K, Result<T, KafkaError>>;

/// One broker's answer to its share of a batch: an outcome per item it
/// answered for, or an error for the whole request.
pub type BrokerAnswer<K, T> = Result<Vec<(K, Result<T, KafkaError>)>, KafkaError>;

/// Where a retriable failure was seen; it decides what is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Finding the item's broker (no coordinator yet, no leader elected).
    Locate,
    /// The whole request to the item's broker failed (connection lost).
    Broker,
    /// The broker answered with a retriable error for this item.
    Item,
}

/// How keys find their broker, and what to forget when a failure says the route is stale.
trait Route {
    type Key: Clone + Ord;

    /// The broker connection these requests use.
    const LANE: Lane;

    /// The broker for each key, or why there is none.
    async fn locate(
        &self,
        client: &Client,
        what: &str,
        keys: &[Self::Key],
    ) -> Result<Outcomes<Self::Key, i32>, KafkaError>;

    /// `key` failed retriably at `stage` with `err`: forget the cached route if stale.
    fn stale(&self, client: &Client, key: &Self::Key, stage: Stage, err: &KafkaError);

    /// The key as a timeout message names it.
    fn name(key: &Self::Key) -> String;

    /// Whether the cluster can move `key` off `dead` (an unreachable broker):
    /// then the router waits for that (until the deadline) instead of
    /// reporting the broker. Only where another replica can take over.
    async fn can_move(&self, _client: &Client, _key: &Self::Key, _dead: i32) -> bool {
        false
    }
}

/// Groups go to their coordinator.
struct Coordinators;

impl Route for Coordinators {
    type Key = String;
    const LANE: Lane = Lane::Groups;

    async fn locate(
        &self,
        client: &Client,
        what: &str,
        groups: &[String],
    ) -> Result<Outcomes<String, i32>, KafkaError> {
        client
            .within(
                || format!("{what}: finding coordinators"),
                client.lookup_coordinators(groups),
            )
            .await
    }

    /// NOT_COORDINATOR, or a coordinator that could not be reached: look it up again.
    fn stale(&self, client: &Client, group: &String, stage: Stage, err: &KafkaError) {
        if stage == Stage::Broker || err.code() == Some(ResponseError::NotCoordinator) {
            client.forget_coordinator(group);
        }
    }

    fn name(group: &String) -> String {
        format!("group {group}")
    }

    /// The coordinator is the leader of the group's `__consumer_offsets`
    /// partition: when another replica of it exists, the controller makes it
    /// the leader once the dead broker is fenced (a broker session timeout).
    async fn can_move(&self, client: &Client, group: &String, dead: i32) -> bool {
        const OFFSETS: &str = "__consumer_offsets";
        let Ok(metas) = client.topics(&[OFFSETS.to_string()]).await else {
            return false;
        };
        let Some(Some(meta)) = metas.get(OFFSETS) else {
            return false;
        };
        let partitions = meta.leaders.len() as u32;
        let p = crate::model::group::offsets_partition(group, partitions) as i32;
        meta.replicas
            .get(&p)
            .is_some_and(|rs| rs.iter().any(|r| *r != dead))
    }
}

/// Partitions go to their leader.
struct Leaders;

impl Route for Leaders {
    type Key = TopicPartition;
    const LANE: Lane = Lane::Partitions;

    /// Unknown topics and partitions fail at once; a partition without a leader is retried.
    async fn locate(
        &self,
        client: &Client,
        _what: &str,
        partitions: &[TopicPartition],
    ) -> Result<Outcomes<TopicPartition, i32>, KafkaError> {
        let mut names: Vec<String> = partitions.iter().map(|tp| tp.topic.clone()).collect();
        names.dedup();
        let metas = client.topics(&names).await?;
        Ok(partitions
            .iter()
            .map(|tp| {
                let leader = match metas.get(&tp.topic) {
                    Some(Some(meta)) if meta.denied => Err(KafkaError::server(
                        ResponseError::TopicAuthorizationFailed,
                        format!("topic {}", tp.topic),
                    )),
                    Some(Some(meta)) => match meta.leaders.get(&tp.partition) {
                        Some(&l) if l >= 0 => Ok(l),
                        Some(_) => Err(KafkaError::server(
                            ResponseError::LeaderNotAvailable,
                            tp.to_string(),
                        )),
                        None => Err(KafkaError::server(
                            ResponseError::UnknownTopicOrPartition,
                            format!("partition {tp}"),
                        )),
                    },
                    _ => Err(KafkaError::server(
                        ResponseError::UnknownTopicOrPartition,
                        format!("topic {}", tp.topic),
                    )),
                };
                (tp.clone(), leader)
            })
            .collect())
    }

    /// Any retriable failure may mean leadership moved: refresh the topic's metadata.
    fn stale(&self, client: &Client, tp: &TopicPartition, _stage: Stage, _err: &KafkaError) {
        client.forget_topics(std::slice::from_ref(&tp.topic));
    }

    fn name(tp: &TopicPartition) -> String {
        tp.to_string()
    }

    /// Only for writes (`Client::wait_for_leaders`): reads report a dead
    /// leader's partitions at once, with the reason.
    async fn can_move(&self, client: &Client, tp: &TopicPartition, dead: i32) -> bool {
        if !client
            .patient_leaders
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return false;
        }
        let Ok(metas) = client.topics(std::slice::from_ref(&tp.topic)).await else {
            return false;
        };
        metas
            .get(&tp.topic)
            .and_then(|m| m.as_ref())
            .and_then(|m| m.replicas.get(&tp.partition))
            .is_some_and(|rs| rs.iter().any(|r| *r != dead))
    }
}

/// The state of one routed batch across its rounds.
struct Round<'a, R: Route, T> {
    route: &'a R,
    client: &'a Client,
    done: Outcomes<R::Key, T>,
    /// Keys to route again next round.
    retry: Vec<R::Key>,
    /// Why each retried key failed last, for the timeout message.
    last_err: BTreeMap<R::Key, KafkaError>,
    /// Keys already re-located once because their broker was down.
    relocated: std::collections::BTreeSet<R::Key>,
    /// Whole requests lost per key (connection closed): a request that
    /// keeps breaking its connection is given up, not sent until the deadline.
    lost: BTreeMap<R::Key, u32>,
    /// Keys whose broker is unreachable, to be given up unless the cluster
    /// can move them (`Route::can_move`): (key, broker, error).
    unreachable: Vec<(R::Key, i32, KafkaError)>,
    /// Keys waiting for the cluster to move them off a dead broker: retried
    /// until the deadline. The value is the dead broker.
    moving: BTreeMap<R::Key, i32>,
}

impl<R: Route, T> Round<'_, R, T> {
    fn finish(&mut self, key: R::Key, outcome: Result<T, KafkaError>) {
        self.done.insert(key, outcome);
    }

    /// Retry `key` when `err` is retriable, else it is done with `err`. An
    /// unreachable broker (`node`) is retried once after re-locating the key
    /// (it may have moved to a live broker), then reported unless the
    /// cluster can move the key (`unreachable`, settled by `route`).
    fn failed(&mut self, key: R::Key, stage: Stage, node: Option<i32>, err: KafkaError) {
        let unreachable = err.is_down() || (stage == Stage::Broker && err.is_network());
        let waiting = self.moving.contains_key(&key) && (unreachable || err.is_retriable());
        if waiting || (err.is_down() && self.relocated.insert(key.clone())) {
            self.route.stale(self.client, &key, Stage::Broker, &err);
            self.last_err.insert(key.clone(), err);
            self.retry.push(key);
        } else if err.is_retriable() && !self.lost_too_often(&key, stage, &err) {
            self.route.stale(self.client, &key, stage, &err);
            self.last_err.insert(key.clone(), err);
            self.retry.push(key);
        } else if let (true, Some(node)) = (unreachable, node) {
            self.unreachable.push((key, node, err));
        } else {
            self.done.insert(key, Err(err));
        }
    }

    fn lost_too_often(&mut self, key: &R::Key, stage: Stage, err: &KafkaError) -> bool {
        if stage != Stage::Broker || !err.is_network() {
            return false;
        }
        let n = self.lost.entry(key.clone()).or_default();
        *n += 1;
        *n >= super::retry::NETWORK_ATTEMPTS
    }

    /// Settle broker `node`'s answer for `keys`.
    fn answer(&mut self, node: i32, keys: Vec<R::Key>, answer: BrokerAnswer<R::Key, T>) {
        match answer {
            Ok(items) => {
                for (k, r) in items {
                    match r {
                        Err(e) => self.failed(k, Stage::Item, Some(node), e),
                        ok => self.finish(k, ok),
                    }
                }
            }
            Err(e) => {
                for k in keys {
                    self.failed(k, Stage::Broker, Some(node), e.clone());
                }
            }
        }
    }

    /// Keys on an unreachable broker: waited for where the cluster can move
    /// them (another replica becomes leader once the broker is fenced),
    /// reported now where it cannot.
    async fn settle_unreachable(&mut self) {
        for (key, node, err) in std::mem::take(&mut self.unreachable) {
            if self.route.can_move(self.client, &key, node).await {
                self.client.stats.trace(|| {
                    format!(
                        "   {} is on unreachable broker {node}: waiting for the cluster to move it",
                        R::name(&key)
                    )
                });
                self.moving.insert(key.clone(), node);
                self.route.stale(self.client, &key, Stage::Broker, &err);
                self.last_err.insert(key.clone(), err);
                self.retry.push(key);
            } else {
                self.done.insert(key, Err(err));
            }
        }
    }
}

impl Client {
    /// Run a batched operation per coordinator, concurrently, for many groups.
    /// `op` gets one coordinator connection and its groups, and reports per
    /// group. Retriable per-group errors (NOT_COORDINATOR, loading...) and
    /// whole-request network errors are retried, re-routing, until the deadline.
    pub async fn by_coordinator<T, F, Fut>(
        &self,
        what: &str,
        groups: &[String],
        op: F,
    ) -> Outcomes<String, T>
    where
        F: Fn(Arc<BrokerConnection>, Vec<String>) -> Fut,
        Fut: Future<Output = BrokerAnswer<String, T>>,
    {
        self.route(&Coordinators, what, groups, op).await
    }

    /// Run a batched operation per partition leader, concurrently. Unknown
    /// topics/partitions fail at once; leadership changes are retried after a
    /// metadata refresh until the deadline.
    pub async fn by_leader<T, F, Fut>(
        &self,
        what: &str,
        partitions: &[TopicPartition],
        op: F,
    ) -> Outcomes<TopicPartition, T>
    where
        F: Fn(Arc<BrokerConnection>, Vec<TopicPartition>) -> Fut,
        Fut: Future<Output = BrokerAnswer<TopicPartition, T>>,
    {
        self.route(&Leaders, what, partitions, op).await
    }

    /// The one routing loop: locate, one request per broker, settle each answer, back off.
    async fn route<R, T, F, Fut>(
        &self,
        route: &R,
        what: &str,
        keys: &[R::Key],
        op: F,
    ) -> Outcomes<R::Key, T>
    where
        R: Route,
        F: Fn(Arc<BrokerConnection>, Vec<R::Key>) -> Fut,
        Fut: Future<Output = BrokerAnswer<R::Key, T>>,
    {
        let mut pending: Vec<R::Key> = keys.to_vec();
        pending.sort();
        pending.dedup();
        let mut round = Round {
            route,
            client: self,
            done: Outcomes::new(),
            retry: Vec::new(),
            last_err: BTreeMap::new(),
            relocated: Default::default(),
            lost: BTreeMap::new(),
            unreachable: Vec::new(),
            moving: Default::default(),
        };
        let mut backoff = Backoff::default();
        while !pending.is_empty() {
            let mut by_node: BTreeMap<i32, Vec<R::Key>> = BTreeMap::new();
            match route.locate(self, what, &pending).await {
                Ok(located) => {
                    let mut moved = false;
                    for (k, r) in located {
                        match r {
                            Ok(node) => {
                                // Off its dead broker now: done waiting for it.
                                if round.moving.get(&k).is_some_and(|dead| *dead != node) {
                                    round.moving.remove(&k);
                                    moved = true;
                                }
                                by_node.entry(node).or_default().push(k)
                            }
                            Err(e) => round.failed(k, Stage::Locate, None, e),
                        }
                    }
                    // A new leader's high watermark catches up with the first
                    // fetches of its followers; until then a coordinator that
                    // just took over serves its state as of an older
                    // watermark (a group committed just before the failover
                    // looks unknown). Give it that fetch interval.
                    if moved {
                        tokio::time::sleep(MOVED_SETTLE).await;
                    }
                }
                Err(e) => {
                    let retriable = e.is_retriable();
                    for k in pending.drain(..) {
                        round.failed(k, Stage::Locate, None, e.clone());
                    }
                    if !retriable {
                        break;
                    }
                }
            }
            let calls = by_node.into_iter().map(|(node, keys)| {
                let op = &op;
                async move {
                    let answer = async {
                        let conn = self.broker_on(node, R::LANE).await?;
                        let addr = conn.addr().to_string();
                        op(conn, keys.clone())
                            .await
                            .map_err(|e| e.down_at(node, &addr))
                    };
                    (
                        node,
                        keys.clone(),
                        self.within(|| what.to_string(), answer).await,
                    )
                }
            });
            for (node, keys, answer) in join_all(calls).await {
                round.answer(node, keys, answer);
            }
            round.settle_unreachable().await;
            let done = &round.done;
            round.retry.retain(|k| !done.contains_key(k));
            if round.retry.is_empty() {
                break;
            }
            match backoff.next_delay_before(self.deadline()) {
                Some(d) => {
                    tokio::time::sleep(d).await;
                    pending = std::mem::take(&mut round.retry);
                }
                None => {
                    for k in std::mem::take(&mut round.retry) {
                        let last = round
                            .last_err
                            .remove(&k)
                            .map(|e| format!(" (last error: {e})"))
                            .unwrap_or_default();
                        let e = self.timeout_error(format!("{what} for {}{last}", R::name(&k)));
                        round.done.insert(k, Err(e));
                    }
                    break;
                }
            }
        }
        round.done
    }
}
