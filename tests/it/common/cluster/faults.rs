//! The faults one pretend broker is told to show. The test thread arms them
//! through `BrokerControl`; connection tasks consume them per request.

use kafka_protocol::messages::ApiKey;
use kafka_protocol::ResponseError;
use std::time::Duration;

/// An API filter: empty means every API except ApiVersions (a handshake is
/// never what a fault test means to break, unless it names it).
fn matches(apis: &[ApiKey], api: ApiKey) -> bool {
    if apis.is_empty() {
        api != ApiKey::ApiVersions
    } else {
        apis.contains(&api)
    }
}

#[derive(Debug)]
struct Injection {
    apis: Vec<ApiKey>,
    error: ResponseError,
    remaining: u32,
}

#[derive(Debug)]
struct Throttle {
    ms: i32,
    /// None: every response until cleared.
    remaining: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Faults {
    /// Accept TCP, never answer anything.
    pub black_hole: bool,
    /// Added to every response's send time.
    pub slow: Duration,
    /// Added to the send time of responses of these APIs only.
    pub slow_apis: Option<(Vec<ApiKey>, Duration)>,
    /// Answer ApiVersions above this version with UNSUPPORTED_VERSION.
    pub api_versions_max: Option<i16>,
    close_mid_response: Option<Vec<ApiKey>>,
    injections: Vec<Injection>,
    throttle: Option<Throttle>,
    reorder_pairs: u32,
    reorder_window: Duration,
}

impl Faults {
    /// The delay armed for an answer of `api` (`slow`, and `slow_apis` where it names it).
    pub fn delay_for(&self, api: Option<ApiKey>) -> Duration {
        let only = match (&self.slow_apis, api) {
            (Some((apis, d)), Some(api)) if matches(apis, api) => *d,
            _ => Duration::ZERO,
        };
        self.slow + only
    }

    pub fn fail_next(&mut self, count: u32, apis: &[ApiKey], error: ResponseError) {
        self.injections.push(Injection {
            apis: apis.to_vec(),
            error,
            remaining: count,
        });
    }

    /// The error to answer this request with, if one is armed for its API.
    pub fn take_injection(&mut self, api: ApiKey) -> Option<ResponseError> {
        let i = self
            .injections
            .iter_mut()
            .find(|i| i.remaining > 0 && matches(&i.apis, api))?;
        i.remaining -= 1;
        let error = i.error;
        self.injections.retain(|i| i.remaining > 0);
        Some(error)
    }

    pub fn pending_injections(&self) -> u32 {
        self.injections.iter().map(|i| i.remaining).sum()
    }

    pub fn close_mid_response(&mut self, apis: &[ApiKey]) {
        self.close_mid_response = Some(apis.to_vec());
    }

    pub fn take_close_mid_response(&mut self, api: ApiKey) -> bool {
        let hit = self
            .close_mid_response
            .as_ref()
            .is_some_and(|apis| matches(apis, api));
        if hit {
            self.close_mid_response = None;
        }
        hit
    }

    pub fn throttle(&mut self, ms: i32, count: Option<u32>) {
        self.throttle = Some(Throttle {
            ms,
            remaining: count,
        });
    }

    /// The throttle time to put on a response to `api`, if armed.
    pub fn throttle_for(&self, api: ApiKey) -> Option<i32> {
        self.throttle
            .as_ref()
            .filter(|_| matches(&[], api))
            .map(|t| t.ms)
    }

    /// One response carried the throttle time.
    pub fn throttled(&mut self) {
        if let Some(Throttle {
            remaining: Some(n), ..
        }) = &mut self.throttle
        {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.throttle = None;
            }
        }
    }

    pub fn reorder_next_pairs(&mut self, pairs: u32, window: Duration) {
        self.reorder_pairs = pairs;
        self.reorder_window = window;
    }

    /// How long to wait for a second in-flight request when a reply to `api` is ready.
    pub fn reorder_window(&self, api: ApiKey) -> Option<Duration> {
        (self.reorder_pairs > 0 && matches(&[], api)).then_some(self.reorder_window)
    }

    pub fn reordered(&mut self) {
        self.reorder_pairs = self.reorder_pairs.saturating_sub(1);
    }
}
