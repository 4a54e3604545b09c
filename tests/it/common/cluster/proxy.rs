//! The proxy's connection handling. Each pretend broker has a listener; each
//! client connection gets its own upstream connection to the real broker and
//! four parts joined in one task:
//!
//! ```text
//! client --read_client--> process --(forward)--> upstream
//!                            |  (local answer)      |
//!                            v                      v
//! client <--write_client-- slots, in request order <--read_upstream (rewrite)
//! ```
//!
//! Answers leave in request order (as a Kafka broker sends them) unless a
//! reorder fault is armed.

use super::decide::{decide, Action};
use super::rewrite::{self, Rewrite};
use super::state::{lock, BrokerState, Shared};
use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::messages::{ApiKey, ResponseHeader};
use kafka_protocol::protocol::{Decodable, Encodable};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{sleep_until, timeout, Instant};

/// Larger frames are a protocol error, not something to allocate.
const MAX_FRAME: usize = 64 << 20;

/// Accept connections while the broker is meant to listen; rebind the same
/// port when it comes back.
pub async fn listen(shared: Arc<Shared>, broker: Arc<BrokerState>, first: std::net::TcpListener) {
    let mut first = Some(TcpListener::from_std(first).expect("proxy listener"));
    let mut want = broker.listen.subscribe();
    loop {
        while !*want.borrow_and_update() {
            if want.changed().await.is_err() {
                return;
            }
        }
        let listener = match first.take() {
            Some(l) => l,
            None => rebind(broker.port).await,
        };
        broker.listening.store(true, Ordering::SeqCst);
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let Ok((client, _)) = accepted else { continue };
                    broker.accepted.fetch_add(1, Ordering::SeqCst);
                    // Registered here, before the listener can close, so a
                    // kill that follows a refusal reaches every connection.
                    let number = shared.connections.fetch_add(1, Ordering::SeqCst);
                    let kill = broker.kill.subscribe();
                    lock(&broker.open).insert(number, *kill.borrow());
                    let open = OpenGuard(broker.clone(), number);
                    tokio::spawn(serve(client, shared.clone(), open, kill));
                }
                changed = want.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    if !*want.borrow_and_update() {
                        break;
                    }
                }
            }
        }
        drop(listener);
        broker.listening.store(false, Ordering::SeqCst);
    }
}

async fn rebind(port: u16) -> TcpListener {
    for _ in 0..250 {
        if let Ok(l) = TcpListener::bind(("127.0.0.1", port)).await {
            return l;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("fault cluster: cannot listen on 127.0.0.1:{port} again");
}

/// One client connection.
struct Conn {
    shared: Arc<Shared>,
    broker: Arc<BrokerState>,
    number: u64,
    /// Forwarded requests by correlation id, oldest first.
    waiting: Mutex<HashMap<i32, VecDeque<Waiting>>>,
    /// Set after a mid-response close: nothing more goes out.
    dead: AtomicBool,
}

/// A forwarded request whose answer the upstream reader will deliver.
struct Waiting {
    /// None: an API the proxy cannot read; its answer passes as is.
    api: Option<ApiKey>,
    version: i16,
    rewrite: Rewrite,
    log: usize,
    tx: oneshot::Sender<Ready>,
}

/// An answer ready to go to the client: header and body bytes.
struct Ready {
    api: Option<ApiKey>,
    version: i16,
    header: Bytes,
    body: Bytes,
    at: Instant,
    log: usize,
}

enum Slot {
    Answer(oneshot::Receiver<Ready>),
    /// Black-holed: never answered, and so nothing after it either.
    Never,
}

/// A connection in its broker's open set until its task ends (or is dropped unpolled).
struct OpenGuard(Arc<BrokerState>, u64);

impl Drop for OpenGuard {
    fn drop(&mut self) {
        lock(&self.0.open).remove(&self.1);
    }
}

async fn serve(
    client: TcpStream,
    shared: Arc<Shared>,
    open: OpenGuard,
    mut kill: watch::Receiver<u64>,
) {
    let (broker, number) = (open.0.clone(), open.1);
    let upstream = match TcpStream::connect(&shared.upstream).await {
        Ok(up) => up,
        Err(e) => {
            // The client sees its connection closed; say why.
            eprintln!(
                "fault cluster: broker {}: upstream {}: {e}",
                broker.id, shared.upstream
            );
            return;
        }
    };
    let _ = client.set_nodelay(true);
    let _ = upstream.set_nodelay(true);
    let (client_r, client_w) = client.into_split();
    let (up_r, up_w) = upstream.into_split();
    let conn = Conn {
        number,
        shared,
        broker,
        waiting: Mutex::new(HashMap::new()),
        dead: AtomicBool::new(false),
    };
    let (frames_tx, frames_rx) = mpsc::unbounded_channel();
    let (slots_tx, slots_rx) = mpsc::unbounded_channel();
    tokio::select! {
        _ = read_client(client_r, frames_tx) => {}
        _ = process(&conn, frames_rx, up_w, slots_tx) => {}
        _ = read_upstream(&conn, up_r) => {}
        _ = write_client(&conn, client_w, slots_rx) => {}
        _ = kill.changed() => {}
    }
}

async fn read_frame(r: &mut BufReader<OwnedReadHalf>) -> Option<Bytes> {
    let len = r.read_i32().await.ok()?;
    let len = usize::try_from(len).ok().filter(|&l| l <= MAX_FRAME)?;
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf).await.ok()?;
    Some(Bytes::from(buf))
}

async fn read_client(r: OwnedReadHalf, frames: mpsc::UnboundedSender<(Bytes, Instant)>) {
    let mut r = BufReader::new(r);
    while let Some(frame) = read_frame(&mut r).await {
        if frames.send((frame, Instant::now())).is_err() {
            return;
        }
    }
}

fn framed(payload: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(4 + payload.len());
    out.put_i32(payload.len() as i32);
    out.put_slice(payload);
    out.freeze()
}

async fn process(
    conn: &Conn,
    mut frames: mpsc::UnboundedReceiver<(Bytes, Instant)>,
    mut up: OwnedWriteHalf,
    slots: mpsc::UnboundedSender<Slot>,
) {
    while let Some((frame, arrived)) = frames.recv().await {
        let latency = *lock(&conn.shared.latency);
        if !latency.is_zero() {
            sleep_until(arrived + latency).await;
        }
        if conn.dead.load(Ordering::SeqCst) {
            continue;
        }
        let step = decide(&conn.shared, &conn.broker, conn.number, &frame, arrived);
        let slot = match step.action {
            Action::Never => Some(Slot::Never),
            Action::Local {
                body,
                header_version,
            } => {
                let (tx, rx) = oneshot::channel();
                let mut header = BytesMut::new();
                ResponseHeader::default()
                    .with_correlation_id(step.correlation_id)
                    .encode(&mut header, header_version)
                    .expect("encode response header");
                let _ = tx.send(Ready {
                    api: step.api,
                    version: step.version,
                    header: header.freeze(),
                    body,
                    at: Instant::now(),
                    log: step.log,
                });
                step.answered.then_some(Slot::Answer(rx))
            }
            Action::Forward { payload, rewrite } => {
                let (tx, rx) = oneshot::channel();
                if step.answered {
                    let w = Waiting {
                        api: step.api,
                        version: step.version,
                        rewrite,
                        log: step.log,
                        tx,
                    };
                    let mut waiting = lock(&conn.waiting);
                    waiting.entry(step.correlation_id).or_default().push_back(w);
                }
                if up.write_all(&framed(&payload)).await.is_err() {
                    return;
                }
                step.answered.then_some(Slot::Answer(rx))
            }
        };
        if let Some(slot) = slot {
            if slots.send(slot).is_err() {
                return;
            }
        }
    }
}

async fn read_upstream(conn: &Conn, r: OwnedReadHalf) {
    let mut r = BufReader::new(r);
    while let Some(payload) = read_frame(&mut r).await {
        let Some(cid) = payload.get(..4) else { return };
        let correlation_id = i32::from_be_bytes([cid[0], cid[1], cid[2], cid[3]]);
        let w = lock(&conn.waiting)
            .get_mut(&correlation_id)
            .and_then(VecDeque::pop_front);
        let Some(w) = w else { continue };
        let ready = match w.api {
            Some(api) => answer_of(conn, api, &w, payload),
            None => Ready {
                api: None,
                version: w.version,
                header: Bytes::new(),
                body: payload,
                at: Instant::now(),
                log: w.log,
            },
        };
        let _ = w.tx.send(ready);
    }
}

fn answer_of(conn: &Conn, api: ApiKey, w: &Waiting, payload: Bytes) -> Ready {
    let mut rest = payload.clone();
    let header_len = match ResponseHeader::decode(&mut rest, api.response_header_version(w.version))
    {
        Ok(_) => payload.len() - rest.len(),
        Err(_) => 0,
    };
    let body = payload.slice(header_len..);
    let body = {
        let mut topo = lock(&conn.shared.topo);
        rewrite::apply(&w.rewrite, api, w.version, body, &mut topo, conn.broker.id)
    };
    Ready {
        api: Some(api),
        version: w.version,
        header: payload.slice(..header_len),
        body,
        at: Instant::now(),
        log: w.log,
    }
}

async fn write_client(
    conn: &Conn,
    mut w: OwnedWriteHalf,
    mut slots: mpsc::UnboundedReceiver<Slot>,
) {
    while let Some(slot) = slots.recv().await {
        let Some(first) = wait(slot).await else {
            return;
        };
        let window = first
            .api
            .and_then(|api| lock(&conn.broker.faults).reorder_window(api));
        if let Some(window) = window {
            // Hold this answer if a second request is (or soon is) in flight.
            if let Ok(Some(next)) = timeout(window, slots.recv()).await {
                let Some(second) = wait(next).await else {
                    return;
                };
                lock(&conn.broker.faults).reordered();
                conn.broker.reordered.fetch_add(1, Ordering::SeqCst);
                if !send(conn, &mut w, second).await || !send(conn, &mut w, first).await {
                    return;
                }
                continue;
            }
        }
        if !send(conn, &mut w, first).await {
            return;
        }
    }
}

async fn wait(slot: Slot) -> Option<Ready> {
    match slot {
        Slot::Answer(rx) => rx.await.ok(),
        Slot::Never => std::future::pending().await,
    }
}

/// Write one answer after the configured delays, with the armed faults.
async fn send(conn: &Conn, w: &mut OwnedWriteHalf, mut ready: Ready) -> bool {
    let broker = &conn.broker;
    let (slow, close_mid) = {
        let mut f = lock(&broker.faults);
        let close = ready.api.is_some_and(|api| f.take_close_mid_response(api));
        (f.delay_for(ready.api), close)
    };
    let delay = *lock(&conn.shared.latency) + slow;
    if !delay.is_zero() {
        sleep_until(ready.at + delay).await;
    }
    let throttled = ready.api.and_then(|api| {
        let mut f = lock(&broker.faults);
        let ms = f.throttle_for(api)?;
        ready.body = rewrite::set_throttle(api, ready.version, &ready.body, ms)?;
        f.throttled();
        Some(ms)
    });
    let mut payload = BytesMut::with_capacity(ready.header.len() + ready.body.len());
    payload.extend_from_slice(&ready.header);
    payload.extend_from_slice(&ready.body);
    let frame = framed(&payload);
    if close_mid {
        let _ = w.write_all(&frame[..4 + payload.len() / 2]).await;
        let _ = w.shutdown().await;
        conn.dead.store(true, Ordering::SeqCst);
        // Let the client see the torn frame and hang up itself.
        std::future::pending::<()>().await;
    }
    // Logged before the write, so a client that has the answer sees it logged.
    if let Some(e) = lock(&broker.log).get(ready.log) {
        e.responded = Some(std::time::Instant::now());
        e.throttle_ms = throttled;
    }
    w.write_all(&frame).await.is_ok()
}
