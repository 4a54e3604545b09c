//! Capped exponential backoff with jitter, bounded by the invocation's deadline.

use std::time::{Duration, Instant};

/// Attempts of one request whose connection keeps failing (closed under it,
/// refused) before it is given up: enough for a broker restarting or a
/// connection dropped once, not a loop until the deadline.
pub const NETWORK_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    attempt: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(Duration::from_millis(100), Duration::from_secs(2))
    }
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration) -> Self {
        Backoff {
            base,
            cap,
            attempt: 0,
        }
    }

    /// The next delay: `min(cap, base * 2^attempt)`, with "equal jitter" so
    /// that many clients retrying together spread out but never retry at once.
    pub fn next_delay(&mut self) -> Duration {
        let exp = self.base.saturating_mul(1u32 << self.attempt.min(16));
        self.attempt = self.attempt.saturating_add(1);
        let ceiling = exp.min(self.cap);
        let half = ceiling / 2;
        half + half.mul_f64(fastrand::f64())
    }

    /// The next delay, shortened to end at the deadline; `None` when the deadline has passed.
    pub fn next_delay_before(&mut self, deadline: Instant) -> Option<Duration> {
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        Some(self.next_delay().min(deadline - now))
    }

    /// A throttled broker asked us to wait this long before the next request.
    pub fn throttle(throttle_time_ms: i32) -> Option<Duration> {
        (throttle_time_ms > 0).then(|| Duration::from_millis(throttle_time_ms as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_up_to_cap_with_bounded_jitter() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(1000));
        let expected_ceilings = [100, 200, 400, 800, 1000, 1000, 1000];
        for ceiling in expected_ceilings {
            let d = b.next_delay().as_millis() as u64;
            assert!(
                d >= ceiling / 2 && d <= ceiling,
                "delay {d} not in [{}, {ceiling}]",
                ceiling / 2
            );
        }
    }

    #[test]
    fn never_overflows_after_many_attempts() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(5));
        for _ in 0..100 {
            assert!(b.next_delay() <= Duration::from_secs(5));
        }
    }

    #[test]
    fn stops_at_deadline() {
        let mut b = Backoff::default();
        assert_eq!(
            b.next_delay_before(Instant::now() - Duration::from_millis(1)),
            None
        );
        let d = b
            .next_delay_before(Instant::now() + Duration::from_millis(10))
            .unwrap();
        assert!(d <= Duration::from_millis(10));
    }

    #[test]
    fn throttle_time() {
        assert_eq!(Backoff::throttle(0), None);
        assert_eq!(Backoff::throttle(250), Some(Duration::from_millis(250)));
    }
}
