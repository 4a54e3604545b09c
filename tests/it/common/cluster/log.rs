//! What each pretend broker saw: one entry per request, with the times the
//! proxy read it and wrote its answer (both at the client's edge), so tests
//! can count requests, dependent round trips and gaps.

use kafka_protocol::messages::ApiKey;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct LoggedRequest {
    /// The pretend broker's node id.
    pub broker: i32,
    /// Connections are numbered per cluster, in accept order.
    pub connection: u64,
    pub api_key: i16,
    pub version: i16,
    pub correlation_id: i32,
    /// When the proxy read the request from the client.
    pub arrived: Instant,
    /// When the proxy wrote the answer (None: never answered).
    pub responded: Option<Instant>,
    /// Groups the request named (group-keyed requests, FindCoordinator).
    pub groups: Vec<String>,
    /// Partitions the request named explicitly.
    pub partitions: Vec<(String, i32)>,
    /// The error code the proxy itself answered with (routing or an injected fault).
    pub proxy_error: Option<i16>,
    /// `throttle_time_ms` the proxy put on the answer.
    pub throttle_ms: Option<i32>,
}

impl LoggedRequest {
    pub fn api(&self) -> Option<ApiKey> {
        ApiKey::try_from(self.api_key).ok()
    }

    pub fn is(&self, api: ApiKey) -> bool {
        self.api_key == api as i16
    }

    /// Time between arrival and answer.
    pub fn latency(&self) -> Option<Duration> {
        self.responded
            .map(|r| r.saturating_duration_since(self.arrived))
    }
}

/// Entries of one API.
pub fn of(log: &[LoggedRequest], api: ApiKey) -> Vec<&LoggedRequest> {
    log.iter().filter(|e| e.is(api)).collect()
}

/// The longest chain of requests in which each was sent only after the
/// previous one was answered: the number of dependent round trips.
/// Requests overlapping in time count once.
pub fn dependent_round_trips(log: &[LoggedRequest]) -> usize {
    let mut by_arrival: Vec<&LoggedRequest> = log.iter().collect();
    by_arrival.sort_by_key(|e| e.arrived);
    // depth[i]: longest chain ending with request i.
    let mut depth = vec![1usize; by_arrival.len()];
    for i in 0..by_arrival.len() {
        for j in 0..i {
            let answered_before = by_arrival[j]
                .responded
                .is_some_and(|r| r <= by_arrival[i].arrived);
            if answered_before {
                depth[i] = depth[i].max(depth[j] + 1);
            }
        }
    }
    depth.into_iter().max().unwrap_or(0)
}

/// Gaps between consecutive requests (by arrival) in `log`.
pub fn gaps(log: &[&LoggedRequest]) -> Vec<Duration> {
    let mut times: Vec<Instant> = log.iter().map(|e| e.arrived).collect();
    times.sort();
    times.windows(2).map(|w| w[1] - w[0]).collect()
}
