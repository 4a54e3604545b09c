//! A multi-broker fault cluster for tests: a Kafka-aware proxy in front of the
//! one-node test broker that presents N brokers (ids 1..=N, one loopback port
//! each) and can make each of them misbehave on demand.
//!
//! ```ignore
//! let cluster = FaultCluster::start(3);          // Tansu + 3 pretend brokers
//! let bs = cluster.bootstrap();                  // "127.0.0.1:p1,127.0.0.1:p2,..."
//! create_topic(&bs, "orders", 6);                // real clients work through it
//! let g = cluster.group_coordinated_by(2, "g");  // a group whose coordinator is 2
//! cluster.broker(3).black_hole(true);            // 3 accepts TCP, never answers
//! cluster.broker(2).fail_next(2, &[ApiKey::OffsetFetch], ResponseError::NotCoordinator);
//! let log = cluster.broker(2).requests();        // what broker 2 saw, and when
//! ```
//!
//! What the proxy does (see the modules): every request is forwarded to the
//! real broker on a connection of its own and answered in order with the
//! client's correlation id; Metadata, DescribeTopicPartitions, FindCoordinator
//! and DescribeCluster are rewritten so partition leaders and group
//! coordinators are spread over the N brokers (`topology`); ListGroups lists
//! only the groups the broker coordinates; with routing on (the default) a
//! request for a group or partition the broker does not own gets
//! NOT_COORDINATOR / NOT_LEADER_OR_FOLLOWER for those items (`items`).
//! Faults are per broker and can change while clients run (`BrokerControl`).
//! Against `GROUPCTL_TEST_BOOTSTRAP` the upstream must be a one-node cluster.
//!
//! Modules: `proxy` (listeners, one task per connection, answer order and
//! delays), `decide` (what a broker does with one request), `rewrite` (the
//! broker's answers), `items` (requests naming groups or partitions: routing
//! and per-item errors), `faults`, `log`, `topology`, `state`; `raw` and
//! `requests` are a blocking client and request builders for tests.
//! To route another API, implement `Keyed` for it (`items/groups.rs` or
//! `items/partitions.rs`) and list it in `dispatch!`. To add a fault: a field
//! in `Faults`, a setter on `BrokerControl`, and its effect in `decide::act`
//! (requests) or `proxy::send` (answers).

mod decide;
mod faults;
mod items;
pub mod log;
mod proxy;
pub mod raw;
pub mod requests;
mod rewrite;
mod state;
mod topology;

// What tests name when they arm faults and read the log.
#[allow(unused_imports)]
pub use kafka_protocol::{messages::ApiKey, ResponseError};
#[allow(unused_imports)]
pub use log::{dependent_round_trips, LoggedRequest};

use self::state::{lock, BrokerState, Shared};
use self::topology::Topology;
use super::Broker;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct FaultCluster {
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Held until the proxy is gone (fields drop after `Drop::drop`).
    _broker: Option<Broker>,
}

impl FaultCluster {
    /// A test broker with `n` pretend brokers in front of it.
    pub fn start(n: usize) -> FaultCluster {
        let broker = Broker::tansu_of_its_own();
        let upstream = broker.bootstrap().to_string();
        Self::spawn(n, upstream, Some(broker))
    }

    /// `n` pretend brokers in front of a running one-node broker.
    #[allow(dead_code)] // examples/fault_cluster.rs, for benchmarks
    pub fn in_front_of(upstream: &str, n: usize) -> FaultCluster {
        Self::spawn(n, upstream.to_string(), None)
    }

    fn spawn(n: usize, upstream: String, broker: Option<Broker>) -> FaultCluster {
        assert!(n >= 1, "a cluster needs at least one broker");
        let listeners: Vec<std::net::TcpListener> =
            (0..n).map(|_| bind_below_ephemeral()).collect();
        let ports: Vec<u16> = listeners
            .iter()
            .map(|l| l.local_addr().unwrap().port())
            .collect();
        let shared = Arc::new(Shared {
            upstream,
            topo: Mutex::new(Topology::new(&ports)),
            brokers: ports
                .iter()
                .enumerate()
                .map(|(i, &port)| Arc::new(BrokerState::new(i as i32 + 1, port)))
                .collect(),
            latency: Mutex::new(Duration::ZERO),
            routing: AtomicBool::new(true),
            connections: AtomicU64::new(0),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let s = shared.clone();
        let thread = std::thread::Builder::new()
            .name("fault-cluster".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("tokio runtime");
                rt.block_on(async move {
                    for (b, l) in s.brokers.iter().zip(listeners) {
                        tokio::spawn(proxy::listen(s.clone(), b.clone(), l));
                    }
                    let _ = stopped.await;
                });
                // Dropping the runtime closes every listener and connection.
            })
            .expect("spawn fault cluster thread");
        FaultCluster {
            shared,
            stop: Some(stop),
            thread: Some(thread),
            _broker: broker,
        }
    }

    /// Every pretend broker, comma-separated, for `--bootstrap-server`.
    pub fn bootstrap(&self) -> String {
        self.ids()
            .map(|id| self.addr(id))
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn addr(&self, id: i32) -> String {
        format!("127.0.0.1:{}", self.state(id).port)
    }

    /// The real broker behind the proxy (setup that must bypass faults).
    pub fn upstream(&self) -> &str {
        &self.shared.upstream
    }

    pub fn ids(&self) -> RangeInclusive<i32> {
        1..=self.shared.brokers.len() as i32
    }

    fn state(&self, id: i32) -> &Arc<BrokerState> {
        assert!(self.ids().contains(&id), "no broker {id} in this cluster");
        &self.shared.brokers[(id - 1) as usize]
    }

    pub fn broker(&self, id: i32) -> BrokerControl<'_> {
        BrokerControl {
            state: self.state(id),
        }
    }

    /// The broker that leads a partition in Metadata answers.
    pub fn leader(&self, topic: &str, partition: i32) -> i32 {
        lock(&self.shared.topo).leader(topic, partition)
    }

    /// The broker FindCoordinator names for a group.
    pub fn coordinator(&self, group: &str) -> i32 {
        lock(&self.shared.topo).coordinator(group)
    }

    /// From now on `to` coordinates `group`; the old coordinator answers NOT_COORDINATOR.
    pub fn move_coordinator(&self, group: &str, to: i32) {
        lock(&self.shared.topo).move_coordinator(group, to);
    }

    /// From now on `to` leads the partition; the old leader answers NOT_LEADER_OR_FOLLOWER.
    pub fn move_leader(&self, topic: &str, partition: i32, to: i32) {
        lock(&self.shared.topo).move_leader(topic, partition, to);
    }

    /// The first name `{prefix}-{k}` whose coordinator is broker `id`.
    pub fn group_coordinated_by(&self, id: i32, prefix: &str) -> String {
        self.state(id);
        (0..)
            .map(|k| format!("{prefix}-{k}"))
            .find(|g| self.coordinator(g) == id)
            .unwrap()
    }

    /// Routing realism: answer NOT_COORDINATOR / NOT_LEADER_OR_FOLLOWER for
    /// groups and partitions a broker does not own (on by default).
    pub fn set_routing(&self, on: bool) {
        self.shared.routing.store(on, Ordering::SeqCst);
    }

    /// Delay every request and every response by `one_way` (a network's
    /// latency; TCP connects are not delayed).
    pub fn set_latency(&self, one_way: Duration) {
        *lock(&self.shared.latency) = one_way;
    }

    /// Every broker's log, by arrival.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        let mut all: Vec<LoggedRequest> = self
            .ids()
            .flat_map(|id| self.broker(id).requests())
            .collect();
        all.sort_by_key(|e| e.arrived);
        all
    }

    pub fn clear_logs(&self) {
        for id in self.ids() {
            lock(&self.state(id).log).clear();
        }
    }

    /// Every broker back to normal (placement overrides stay).
    pub fn heal(&self) {
        for id in self.ids() {
            self.broker(id).heal();
        }
    }
}

/// A loopback listener on a port below the ephemeral range, so that no
/// test broker elsewhere picks it with `bind(:0)` in the moment between
/// choosing its port and listening on it.
fn bind_below_ephemeral() -> std::net::TcpListener {
    let low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    let listener = (0..200)
        .filter(|_| low > 11000)
        .find_map(|_| std::net::TcpListener::bind(("127.0.0.1", fastrand::u16(10000..low))).ok())
        .unwrap_or_else(|| std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback"));
    listener.set_nonblocking(true).unwrap();
    listener
}

/// Consume `count` records of `topic` in `group` with one real consumer,
/// commit its positions and leave (kclient.py lives beside the other helpers).
pub fn consume(bs: &str, group: &str, topic: &str, count: u32) {
    super::run_kclient(&["consume", bs, group, topic, &count.to_string()]);
}

impl Drop for FaultCluster {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The controls of one pretend broker. Every setter takes effect for the
/// next request (connections already open included) and can be changed
/// while clients run.
pub struct BrokerControl<'a> {
    state: &'a Arc<BrokerState>,
}

/// Wait (briefly) until the proxy thread has acted on a switch.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "fault cluster: {what} did not happen"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

impl BrokerControl<'_> {
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.state.port)
    }

    fn faults(&self) -> std::sync::MutexGuard<'_, faults::Faults> {
        lock(&self.state.faults)
    }

    /// The broker is down: its port refuses connections and open ones are closed.
    pub fn refuse_connections(&self) {
        self.state.listen.send_replace(false);
        wait_until("closing the listener", || {
            !self.state.listening.load(Ordering::SeqCst)
        });
        self.drop_connections();
    }

    /// The broker is back: its port accepts connections again.
    pub fn accept_connections(&self) {
        self.state.listen.send_replace(true);
        wait_until("listening again", || {
            self.state.listening.load(Ordering::SeqCst)
        });
    }

    /// Close every open connection (clients must reconnect).
    pub fn drop_connections(&self) {
        let mut generation = 0;
        self.state.kill.send_modify(|n| {
            *n += 1;
            generation = *n;
        });
        // Clients may reconnect at once: wait only for the connections that were open.
        wait_until("closing connections", || {
            lock(&self.state.open).values().all(|&g| g >= generation)
        });
    }

    /// Accept TCP but never answer anything, ApiVersions included. A
    /// connection that swallowed a request stays hung (answers are in order).
    pub fn black_hole(&self, on: bool) {
        self.faults().black_hole = on;
    }

    /// Send every answer `delay` late (zero: on time).
    pub fn slow(&self, delay: Duration) {
        self.faults().slow = delay;
    }

    /// Send every answer of one of `apis` `delay` late (zero: on time).
    pub fn slow_apis(&self, apis: &[ApiKey], delay: Duration) {
        self.faults().slow_apis = Some((apis.to_vec(), delay));
    }

    /// Send half of the next answer to one of `apis` (any but ApiVersions if
    /// empty), then close the connection.
    pub fn close_mid_response(&self, apis: &[ApiKey]) {
        self.faults().close_mid_response(apis);
    }

    /// Answer the next `count` requests of `apis` (any but ApiVersions if
    /// empty) with `error` on every item, without passing them on.
    pub fn fail_next(&self, count: u32, apis: &[ApiKey], error: ResponseError) {
        for &api in apis {
            assert!(
                items::can_fail(api),
                "the fault cluster cannot fail {api:?} requests"
            );
        }
        self.faults().fail_next(count, apis, error);
    }

    /// Injected errors not yet sent.
    pub fn pending_failures(&self) -> u32 {
        self.faults().pending_injections()
    }

    /// Put `throttle_time_ms = ms` on the next `count` answers (None: all, until healed).
    pub fn throttle(&self, ms: i32, count: Option<u32>) {
        self.faults().throttle(ms, count);
    }

    /// When an answer is ready and a second request is in flight on the same
    /// connection (or arrives within `window`), send the second answer first.
    pub fn reorder_next_pairs(&self, pairs: u32, window: Duration) {
        self.faults().reorder_next_pairs(pairs, window);
    }

    pub fn reorder_next_pair(&self) {
        self.reorder_next_pairs(1, Duration::from_millis(500));
    }

    /// Pairs of answers sent out of order so far.
    pub fn reordered(&self) -> usize {
        self.state.reordered.load(Ordering::SeqCst)
    }

    /// Act as an old broker: ApiVersions above `max` gets UNSUPPORTED_VERSION
    /// in the v0 layout (None: speak every version).
    pub fn old_api_versions(&self, max: Option<i16>) {
        self.faults().api_versions_max = max;
    }

    /// Back to normal: no faults, accepting connections.
    pub fn heal(&self) {
        *self.faults() = faults::Faults::default();
        if !*self.state.listen.borrow() {
            self.accept_connections();
        }
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.state.log).entries.clone()
    }

    pub fn count(&self, api: ApiKey) -> usize {
        lock(&self.state.log)
            .entries
            .iter()
            .filter(|e| e.is(api))
            .count()
    }

    /// Connections open now.
    pub fn open_connections(&self) -> usize {
        lock(&self.state.open).len()
    }
}
