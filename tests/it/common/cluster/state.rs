//! What the test thread and the proxy's tasks share: the pretend brokers'
//! switches, faults and request logs.

use super::faults::Faults;
use super::log::LoggedRequest;
use super::topology::Topology;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::watch;

/// State shared by all pretend brokers.
pub struct Shared {
    pub upstream: String,
    pub topo: Mutex<Topology>,
    pub brokers: Vec<Arc<BrokerState>>,
    /// Added to every request and every response.
    pub latency: Mutex<Duration>,
    pub routing: AtomicBool,
    pub connections: AtomicU64,
}

/// One pretend broker: its faults, its request log and its listener switch.
pub struct BrokerState {
    pub id: i32,
    pub port: u16,
    pub faults: Mutex<Faults>,
    pub log: Mutex<RequestLog>,
    pub accepted: AtomicUsize,
    /// Open connections: number -> kill generation when accepted.
    pub open: Mutex<HashMap<u64, u64>>,
    pub reordered: AtomicUsize,
    /// Whether the listener should be open (test thread → accept loop).
    pub listen: watch::Sender<bool>,
    /// Whether it is open (accept loop → test thread).
    pub listening: AtomicBool,
    /// Bumped to close every open connection.
    pub kill: watch::Sender<u64>,
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking connection task must not take the test's controls down with it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl BrokerState {
    pub fn new(id: i32, port: u16) -> BrokerState {
        BrokerState {
            id,
            port,
            faults: Mutex::new(Faults::default()),
            log: Mutex::new(RequestLog::default()),
            accepted: AtomicUsize::new(0),
            open: Mutex::new(HashMap::new()),
            reordered: AtomicUsize::new(0),
            listen: watch::Sender::new(true),
            listening: AtomicBool::new(false),
            kill: watch::Sender::new(0),
        }
    }
}

/// A broker's log; entries keep their handle across `clear`.
#[derive(Default)]
pub struct RequestLog {
    pub entries: Vec<LoggedRequest>,
    base: usize,
}

impl RequestLog {
    pub fn push(&mut self, e: LoggedRequest) -> usize {
        self.entries.push(e);
        self.base + self.entries.len() - 1
    }

    pub fn get(&mut self, handle: usize) -> Option<&mut LoggedRequest> {
        self.entries.get_mut(handle.checked_sub(self.base)?)
    }

    pub fn clear(&mut self) {
        self.base += self.entries.len();
        self.entries.clear();
    }
}
