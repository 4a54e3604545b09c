//! One connection to one broker: a writer shared by callers and a reader task
//! that matches responses to requests by correlation id, so many requests can
//! be in flight at once (pipelining).

use super::error::KafkaError;
use super::frame::{self, FrameError};
use super::retry::Backoff;
use super::versions::{BrokerApis, VersionChoice};
use bytes::Bytes;
use kafka_protocol::messages::{ApiKey, ApiVersionsRequest, ApiVersionsResponse, ResponseHeader};
use kafka_protocol::protocol::{Decodable, HeaderVersion, Message, Request, StrBytes};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::oneshot;

/// Where `-vv` trace lines go: a callback the command edge hands down (the
/// Printer, which hides its progress bars while writing); this layer never prints.
pub type TraceSink = Arc<dyn Fn(&str) + Send + Sync>;

/// What every connection of this invocation shares: the requests sent, per
/// API (shown at -v and used by benchmarks), the trace of each one (-vv), and
/// the switch that stops new requests when the user interrupts.
#[derive(Default)]
pub struct RequestStats {
    total: AtomicU64,
    per_api: Mutex<BTreeMap<&'static str, u64>>,
    trace: Option<TraceSink>,
    halted: AtomicBool,
}

impl RequestStats {
    pub fn new(trace: Option<TraceSink>) -> Self {
        RequestStats {
            trace,
            ..Default::default()
        }
    }

    /// A trace line, formatted only when someone listens.
    pub fn trace(&self, line: impl FnOnce() -> String) {
        if let Some(sink) = &self.trace {
            sink(&line());
        }
    }

    /// From now on no request is written (each fails with `Interrupted`);
    /// answers to those already sent are still read.
    pub fn halt(&self) {
        self.halted.store(true, Ordering::SeqCst);
    }

    fn record(&self, api: &'static str) {
        self.total.fetch_add(1, Ordering::Relaxed);
        *self
            .per_api
            .lock()
            .expect("stats lock")
            .entry(api)
            .or_default() += 1;
    }

    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    pub fn per_api(&self) -> BTreeMap<&'static str, u64> {
        self.per_api.lock().expect("stats lock").clone()
    }

    /// `12 requests (ApiVersions 2, ListGroups 1, ...)`
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .per_api()
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        format!("{} requests ({})", self.total(), parts.join(", "))
    }
}

pub fn api_name(key: i16) -> &'static str {
    // Messages kafka-protocol does not have, encoded here.
    if key == super::streams_describe::API_KEY {
        return "StreamsGroupDescribe";
    }
    macro_rules! names {
        ($($variant:ident),* $(,)?) => {
            match ApiKey::try_from(key) {
                $(Ok(ApiKey::$variant) => stringify!($variant),)*
                _ => "Unknown",
            }
        };
    }
    names!(
        ApiVersions,
        Metadata,
        FindCoordinator,
        ListGroups,
        DescribeGroups,
        ConsumerGroupDescribe,
        ShareGroupDescribe,
        DescribeShareGroupOffsets,
        AlterShareGroupOffsets,
        DeleteShareGroupOffsets,
        OffsetFetch,
        OffsetCommit,
        ListOffsets,
        DeleteGroups,
        OffsetDelete,
        SaslHandshake,
        SaslAuthenticate,
        CreateTopics,
        Produce,
        Fetch,
    )
}

/// A request waiting for its answer.
struct Waiter {
    tx: oneshot::Sender<Result<Bytes, KafkaError>>,
    api: Option<ApiKey>,
    version: i16,
}

#[derive(Default)]
struct Pending {
    waiters: HashMap<i32, Waiter>,
    /// No request leaves before this (the broker's throttle_time_ms, KIP-219).
    throttled_until: Option<Instant>,
    /// Set once the reader has stopped; later requests fail at once.
    closed: Option<Failure>,
}

#[derive(Debug, Clone)]
enum Failure {
    Closed(String),
    TooLarge(i64, usize),
    /// A request got no answer in time: the connection is given up (its
    /// answers come in order, so everything behind it is stuck too).
    TimedOut(&'static str, Duration),
}

impl Failure {
    fn to_error(&self, addr: &str) -> KafkaError {
        match self {
            Failure::TimedOut(api, after) => KafkaError::RequestTimeout {
                api,
                addr: addr.to_string(),
                after: *after,
            },
            Failure::Closed(ctx) => KafkaError::ConnectionClosed {
                addr: addr.to_string(),
                context: ctx.clone(),
            },
            Failure::TooLarge(size, max) => KafkaError::FrameTooLarge {
                addr: addr.to_string(),
                size: *size,
                max: *max,
            },
        }
    }
}

pub struct BrokerConnection {
    addr: String,
    client_id: String,
    request_timeout: Duration,
    writer: tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>,
    pending: Arc<Mutex<Pending>>,
    next_correlation: AtomicI32,
    apis: OnceLock<BrokerApis>,
    stats: Arc<RequestStats>,
    reader: tokio::task::JoinHandle<()>,
}

impl Drop for BrokerConnection {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

impl BrokerConnection {
    /// Wrap an established stream (TCP or TLS) and start the reader task.
    /// Must be called inside a tokio runtime.
    pub fn start<S>(
        stream: S,
        addr: String,
        client_id: String,
        max_frame: usize,
        request_timeout: Duration,
        stats: Arc<RequestStats>,
    ) -> Self
    where
        S: AsyncRead + AsyncWrite + Send + Unpin + 'static,
    {
        let (mut read_half, write_half) = tokio::io::split(stream);
        let pending: Arc<Mutex<Pending>> = Arc::default();
        let reader_pending = pending.clone();
        let reader_stats = stats.clone();
        let reader = tokio::spawn(async move {
            let failure = loop {
                match frame::read_frame(&mut read_half, max_frame).await {
                    Ok(payload) => {
                        let Some(corr) = frame::correlation_id(&payload) else {
                            continue;
                        };
                        let mut p = reader_pending.lock().expect("pending lock");
                        // No waiter: the caller gave up (timeout); drop the late response.
                        let Some(w) = p.waiters.remove(&corr) else {
                            continue;
                        };
                        // The throttle holds the next request from now on, before anyone wakes.
                        let ms = w
                            .api
                            .map_or(0, |api| super::throttle::of_frame(api, w.version, &payload));
                        if let Some(d) = Backoff::throttle(ms) {
                            let until = Instant::now() + d;
                            if p.throttled_until.is_none_or(|old| old < until) {
                                p.throttled_until = Some(until);
                            }
                            reader_stats.trace(|| {
                                format!(
                                    "<- throttled by the broker for {ms} ms (correlation {corr})"
                                )
                            });
                        }
                        drop(p);
                        let _ = w.tx.send(Ok(payload));
                    }
                    Err(FrameError::Eof) => break Failure::Closed(String::new()),
                    Err(FrameError::Truncated { expected, got }) => {
                        break Failure::Closed(format!(
                            " in the middle of a response ({got} of {expected} bytes)"
                        ))
                    }
                    Err(FrameError::TooLarge { size, max }) => break Failure::TooLarge(size, max),
                    Err(FrameError::Io(e)) => break Failure::Closed(format!(": {e}")),
                }
            };
            let mut p = reader_pending.lock().expect("pending lock");
            p.closed = Some(failure.clone());
            for (_, w) in p.waiters.drain() {
                let _ = w.tx.send(Err(KafkaError::ConnectionClosed {
                    addr: String::new(),
                    context: String::new(),
                }));
            }
        });
        BrokerConnection {
            addr,
            client_id,
            request_timeout,
            writer: tokio::sync::Mutex::new(Box::new(write_half)),
            pending,
            next_correlation: AtomicI32::new(1),
            apis: OnceLock::new(),
            stats,
            reader,
        }
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn is_closed(&self) -> bool {
        self.pending.lock().expect("pending lock").closed.is_some()
    }

    /// The request timeout that closed this connection, if one did.
    pub fn timed_out(&self) -> Option<KafkaError> {
        match &self.pending.lock().expect("pending lock").closed {
            Some(f @ Failure::TimedOut(..)) => Some(f.to_error(&self.addr)),
            _ => None,
        }
    }

    /// Give the connection up: every request in flight and every later one fails with `failure`.
    fn fail(&self, failure: Failure) {
        self.reader.abort();
        let mut p = self.pending.lock().expect("pending lock");
        if p.closed.is_none() {
            p.closed = Some(failure);
        }
        // Dropping a waiter wakes its caller, which reports `closed`.
        p.waiters.clear();
    }

    pub fn apis(&self) -> &BrokerApis {
        static EMPTY: OnceLock<BrokerApis> = OnceLock::new();
        self.apis
            .get()
            .unwrap_or_else(|| EMPTY.get_or_init(BrokerApis::default))
    }

    /// The version to use for `R` on this broker, or a clear error.
    pub fn version_for<R: Request>(&self) -> Result<i16, KafkaError> {
        let api = api_name(R::KEY);
        match self.apis().choose_for::<R>() {
            VersionChoice::Use(v) => Ok(v),
            VersionChoice::NotOffered => Err(KafkaError::ApiNotOffered {
                api,
                addr: self.addr.clone(),
            }),
            VersionChoice::NoOverlap { broker, ours } => Err(KafkaError::NoCommonVersion {
                api,
                addr: self.addr.clone(),
                broker_min: broker.0,
                broker_max: broker.1,
                ours_min: ours.0,
                ours_max: ours.1,
            }),
        }
    }

    /// Send `req` at the negotiated version and wait for its response.
    pub async fn send<R: Request>(&self, req: &R) -> Result<R::Response, KafkaError> {
        let version = self.version_for::<R>()?;
        self.send_version(req, version).await
    }

    /// Send `req` at an explicit version. No answer within the request
    /// timeout gives the connection up (`RequestTimeout`).
    pub async fn send_version<R: Request>(
        &self,
        req: &R,
        version: i16,
    ) -> Result<R::Response, KafkaError> {
        let api = api_name(R::KEY);
        let corr = self.next_correlation.fetch_add(1, Ordering::Relaxed);
        let frame =
            frame::encode_request(req, version, corr, &self.client_id).map_err(|reason| {
                KafkaError::Encode {
                    api,
                    version,
                    reason,
                }
            })?;
        let key = ApiKey::try_from(R::KEY).ok();
        let payload = self.round_trip(api, key, version, corr, frame).await?;
        let mut buf = payload;
        let decode_err = |reason: String| KafkaError::Decode {
            api,
            version,
            addr: self.addr.clone(),
            reason,
        };
        ResponseHeader::decode(&mut buf, R::Response::header_version(version))
            .map_err(|e| decode_err(e.to_string()))?;
        R::Response::decode(&mut buf, version).map_err(|e| decode_err(e.to_string()))
    }

    async fn round_trip(
        &self,
        api: &'static str,
        key: Option<ApiKey>,
        version: i16,
        corr: i32,
        frame: Bytes,
    ) -> Result<Bytes, KafkaError> {
        // Checked holding the writer, so that no request leaves after a
        // throttled answer has arrived (the reader notes it under `pending`).
        let mut writer = loop {
            let w = self.writer.lock().await;
            let until = self.pending.lock().expect("pending lock").throttled_until;
            match until.filter(|u| *u > Instant::now()) {
                Some(until) => {
                    drop(w);
                    self.stats.trace(|| {
                        format!(
                            "   {api} to {} waits {:?}: the broker throttled this connection",
                            self.addr,
                            until - Instant::now()
                        )
                    });
                    tokio::time::sleep_until(until.into()).await;
                }
                None => break w,
            }
        };
        if self.stats.halted.load(Ordering::SeqCst) {
            return Err(KafkaError::Interrupted { api });
        }
        let (tx, rx) = oneshot::channel();
        {
            let mut p = self.pending.lock().expect("pending lock");
            if let Some(f) = &p.closed {
                return Err(f.to_error(&self.addr));
            }
            p.waiters.insert(
                corr,
                Waiter {
                    tx,
                    api: key,
                    version,
                },
            );
        }
        self.stats.record(api);
        self.stats
            .trace(|| format!("-> {api} v{version} to {} (correlation {corr})", self.addr));
        let exchange = async {
            let write = async {
                writer.write_all(&frame).await?;
                writer.flush().await
            };
            let written = write.await;
            drop(writer);
            if let Err(e) = written {
                self.pending
                    .lock()
                    .expect("pending lock")
                    .waiters
                    .remove(&corr);
                return Err(KafkaError::ConnectionClosed {
                    addr: self.addr.clone(),
                    context: format!(": {e}"),
                });
            }
            Ok(rx.await)
        };
        // The request timeout covers the write too: a hung broker stops reading.
        let answer = match tokio::time::timeout(self.request_timeout, exchange).await {
            Ok(answer) => answer?,
            Err(_) => {
                self.stats.trace(|| {
                    format!(
                        "   {api} to {} got no answer within {:?}: connection given up",
                        self.addr, self.request_timeout
                    )
                });
                self.fail(Failure::TimedOut(api, self.request_timeout));
                return Err(KafkaError::RequestTimeout {
                    api,
                    addr: self.addr.clone(),
                    after: self.request_timeout,
                });
            }
        };
        match answer {
            Ok(Ok(payload)) => Ok(payload),
            // The reader stopped: report why, with this connection's address.
            _ => {
                let failure = self.pending.lock().expect("pending lock").closed.clone();
                Err(failure
                    .unwrap_or(Failure::Closed(String::new()))
                    .to_error(&self.addr))
            }
        }
    }

    /// ApiVersions handshake: v3 first, v0 when the broker answers UNSUPPORTED_VERSION
    /// (or with a body only v0 can decode).
    pub async fn negotiate_versions(&self) -> Result<(), KafkaError> {
        let req = ApiVersionsRequest::default()
            .with_client_software_name(StrBytes::from_static_str("groupctl"))
            .with_client_software_version(StrBytes::from_static_str(env!("CARGO_PKG_VERSION")));
        let max = <ApiVersionsRequest as Message>::VERSIONS.max.min(3);
        let resp: ApiVersionsResponse = match self.send_version(&req, max).await {
            Ok(r) if r.error_code == 0 => r,
            Ok(r) if r.error_code == 35 => {
                // UNSUPPORTED_VERSION: the body lists what the broker supports for ApiVersions itself.
                let v = r
                    .api_keys
                    .iter()
                    .find(|k| k.api_key == ApiKey::ApiVersions as i16)
                    .map(|k| k.max_version.min(max))
                    .unwrap_or(0);
                self.send_version(&req, v).await?
            }
            Ok(r) => {
                return Err(KafkaError::server(
                    kafka_protocol::error::ResponseError::try_from_code(r.error_code)
                        .unwrap_or(kafka_protocol::error::ResponseError::UnknownServerError),
                    "ApiVersions",
                ))
            }
            Err(KafkaError::Decode { .. }) => self.send_version(&req, 0).await?,
            Err(e) => return Err(e),
        };
        let apis = BrokerApis::new(
            resp.api_keys
                .iter()
                .map(|k| (k.api_key, k.min_version, k.max_version)),
        );
        let _ = self.apis.set(apis);
        Ok(())
    }

    /// SaslHandshake + SaslAuthenticate (PLAIN or SCRAM). Credentials travel
    /// only inside the SASL payloads; nothing here prints them, even at -vv.
    pub async fn authenticate(&self, sasl: &super::sasl::SaslSettings) -> Result<(), KafkaError> {
        use super::sasl::{Mechanism, Scram};
        use kafka_protocol::messages::{SaslAuthenticateRequest, SaslHandshakeRequest};
        let auth_err = |reason: String| KafkaError::Auth {
            addr: self.addr.clone(),
            reason,
        };
        let hs = SaslHandshakeRequest::default()
            .with_mechanism(StrBytes::from_static_str(sasl.mechanism.name()));
        let resp = self.send(&hs).await?;
        if resp.error_code != 0 {
            let offered: Vec<String> = resp.mechanisms.iter().map(|m| m.to_string()).collect();
            return Err(auth_err(if resp.error_code == 33 {
                format!(
                    "the broker does not enable SASL {} (it offers: {})",
                    sasl.mechanism.name(),
                    offered.join(", ")
                )
            } else {
                format!("SaslHandshake error {}", error_name(resp.error_code))
            }));
        }
        let step = |bytes: Vec<u8>| async move {
            let req = SaslAuthenticateRequest::default().with_auth_bytes(bytes::Bytes::from(bytes));
            let r = self.send(&req).await?;
            if r.error_code != 0 {
                let msg = r
                    .error_message
                    .as_ref()
                    .map(|m| m.to_string())
                    .filter(|m| !m.is_empty());
                return Err(auth_err(match msg {
                    Some(m) => format!("{} ({m})", error_name(r.error_code)),
                    None => format!(
                        "{}: wrong user name or password, or the user has no {} credentials",
                        error_name(r.error_code),
                        sasl.mechanism.name()
                    ),
                }));
            }
            Ok(r.auth_bytes.to_vec())
        };
        match sasl.mechanism {
            Mechanism::Plain => {
                step(super::sasl::plain_message(&sasl.username, &sasl.password)).await?;
            }
            Mechanism::ScramSha256 | Mechanism::ScramSha512 => {
                let mut scram = Scram::new(sasl.mechanism, &sasl.username, &sasl.password);
                let server_first = step(scram.client_first()).await?;
                let fin = scram
                    .client_final(&server_first)
                    .map_err(|e| auth_err(e.to_string()))?;
                let server_final = step(fin).await?;
                scram
                    .verify_server_final(&server_final)
                    .map_err(|e| auth_err(e.to_string()))?;
            }
        }
        Ok(())
    }
}

fn error_name(code: i16) -> String {
    match kafka_protocol::error::ResponseError::try_from_code(code) {
        Some(e) => format!("{e:?}"),
        None => format!("error code {code}"),
    }
}
