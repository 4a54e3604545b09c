//! Reading a log file without mapping it. A mapped file that shrinks under
//! us (a live broker's directory, retention, the log cleaner) kills the
//! process with SIGBUS; read(2) just returns less, which is reported. Big
//! files are read ahead in chunks on a second thread so disk reads overlap
//! decoding; a failure of that thread reaches the reader as an error.

use bytes::{Bytes, BytesMut};
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Read-ahead unit. Files up to this size are read in one go on the caller's thread.
pub const CHUNK: usize = 4 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ReadFailure {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the file shrank from {expected} to {now} bytes while it was being read")]
    Shrunk { expected: u64, now: u64 },
    #[error("the thread reading the file stopped: {0}")]
    Thread(String),
}

enum Feed {
    /// Everything to be read is in the buffers (or was handed out).
    Done,
    /// Chunks in memory, handed out one at a time (tests and fuzzing: the
    /// window logic of a big file on small inputs).
    Queue(VecDeque<Bytes>),
    Thread {
        rx: Receiver<Result<Bytes, ReadFailure>>,
        handle: Option<JoinHandle<()>>,
        /// Chunks read and done with, back to the reading thread to be filled
        /// again (fresh memory costs a page fault per page).
        spare: Option<SyncSender<Vec<u8>>>,
    },
}

/// A moving view of a file: bytes from `base` on, in contiguous buffers.
/// Positions only move forward; [`Window::fill`] makes a range contiguous,
/// copying only a range that straddles two read chunks.
pub struct Window {
    bufs: VecDeque<Bytes>,
    /// File position of `bufs[0][0]`.
    base: u64,
    /// File position just past the last byte received.
    loaded: u64,
    /// Bytes to read: the file's size when it was opened.
    len: u64,
    feed: Feed,
}

impl Window {
    pub fn from_bytes(data: Bytes) -> Window {
        let len = data.len() as u64;
        Window {
            bufs: VecDeque::from([data]),
            base: 0,
            loaded: len,
            len,
            feed: Feed::Done,
        }
    }

    /// In-memory data handed out in `chunk`-byte pieces, as a file would be read.
    pub fn chunked(data: Bytes, chunk: usize) -> Window {
        let chunk = chunk.max(1);
        let queue = (0..data.len())
            .step_by(chunk)
            .map(|i| data.slice(i..(i + chunk).min(data.len())))
            .collect();
        Window {
            bufs: VecDeque::new(),
            base: 0,
            loaded: 0,
            len: data.len() as u64,
            feed: Feed::Queue(queue),
        }
    }

    /// Read `len` bytes of `path` (its size when listed; a file that grew
    /// since is read up to there: a consistent prefix).
    pub fn open(path: &Path, len: u64) -> Result<Window, ReadFailure> {
        let mut file = std::fs::File::open(path)?;
        if len <= CHUNK as u64 {
            let mut v = Vec::with_capacity(len as usize);
            file.take(len).read_to_end(&mut v)?;
            let got = v.len() as u64;
            let mut w = Window::from_bytes(Bytes::from(v));
            w.len = len;
            if got < len {
                w.feed = Feed::Thread {
                    rx: failed(ReadFailure::Shrunk {
                        expected: len,
                        now: got,
                    }),
                    handle: None,
                    spare: None,
                };
            }
            return Ok(w);
        }
        // Two chunks in flight: enough to keep the disk busy while one is decoded.
        let (tx, rx) = sync_channel::<Result<Bytes, ReadFailure>>(2);
        let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(4);
        let handle = std::thread::Builder::new()
            .name("wal-read".into())
            .spawn(move || {
                let mut pos = 0u64;
                while pos < len {
                    #[cfg(debug_assertions)]
                    fault_hook(pos);
                    let want = (len - pos).min(CHUNK as u64);
                    let mut v = spare_rx.try_recv().unwrap_or_default();
                    v.clear();
                    v.reserve(want as usize);
                    let res = match (&mut file).take(want).read_to_end(&mut v) {
                        Ok(0) => Err(ReadFailure::Shrunk {
                            expected: len,
                            now: pos,
                        }),
                        Ok(n) => {
                            pos += n as u64;
                            Ok(Bytes::from(v))
                        }
                        Err(e) => Err(ReadFailure::Io(e)),
                    };
                    let stop = res.is_err();
                    if tx.send(res).is_err() || stop {
                        return;
                    }
                }
            })?;
        Ok(Window {
            bufs: VecDeque::new(),
            base: 0,
            loaded: 0,
            len,
            feed: Feed::Thread {
                rx,
                handle: Some(handle),
                spare: Some(spare_tx),
            },
        })
    }

    /// The earliest position still available (everything before was let go).
    pub fn base(&self) -> u64 {
        if self.bufs.is_empty() {
            self.loaded
        } else {
            self.base
        }
    }

    /// Bytes in the file (as listed).
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// One more chunk from the reading thread; false when all was read.
    fn pull(&mut self) -> Result<bool, ReadFailure> {
        if let Feed::Queue(q) = &mut self.feed {
            let Some(chunk) = q.pop_front() else {
                return Ok(false);
            };
            if self.bufs.is_empty() {
                self.base = self.loaded;
            }
            self.loaded += chunk.len() as u64;
            self.bufs.push_back(chunk);
            return Ok(true);
        }
        let Feed::Thread { rx, handle, .. } = &mut self.feed else {
            return Ok(false);
        };
        match rx.recv() {
            Ok(Ok(chunk)) => {
                if self.bufs.is_empty() {
                    self.base = self.loaded;
                }
                self.loaded += chunk.len() as u64;
                self.bufs.push_back(chunk);
                if self.loaded >= self.len {
                    self.feed = Feed::Done;
                }
                Ok(true)
            }
            Ok(Err(e)) => {
                self.feed = Feed::Done;
                Err(e)
            }
            Err(_) => {
                // The sender is gone before the end: the thread died.
                let why = match handle.take().map(JoinHandle::join) {
                    Some(Err(panic)) => panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "it panicked".into()),
                    _ => "it ended early".into(),
                };
                self.feed = Feed::Done;
                Err(ReadFailure::Thread(why))
            }
        }
    }

    /// A chunk done with goes back to the reading thread to be filled again,
    /// unless a batch still holds part of it. Its whole buffer: a chunk that
    /// was sliced or advanced still owns all of it.
    fn recycle(&self, b: Bytes) {
        if let (Feed::Thread { spare: Some(s), .. }, Ok(mut m)) = (&self.feed, b.try_into_mut()) {
            m.clear();
            let v = Vec::from(m);
            if v.capacity() >= CHUNK {
                let _ = s.try_send(v);
            }
        }
    }

    fn drop_before(&mut self, at: u64) {
        while let Some(front) = self.bufs.front() {
            let end = self.base + front.len() as u64;
            if end > at {
                break;
            }
            self.base = end;
            if let Some(b) = self.bufs.pop_front() {
                self.recycle(b);
            }
        }
        if self.bufs.is_empty() {
            self.base = self.loaded;
        }
    }

    /// Make `[at, at + n)` available as one slice (see [`Window::get`]).
    /// `Ok(false)`: the file ends first (what there is stays available).
    /// Forgets everything before `at`.
    pub fn fill(&mut self, at: u64, n: usize) -> Result<bool, ReadFailure> {
        // Positions only move forward; what is before `base` was let go.
        debug_assert!(
            at >= self.base || self.bufs.is_empty(),
            "{at} < {}",
            self.base
        );
        let at = at.max(self.base.min(self.loaded));
        let end = at.saturating_add(n as u64);
        self.drop_before(at);
        let want = end.min(self.len);
        while self.loaded < want {
            if !self.pull()? {
                break;
            }
            self.drop_before(at);
        }
        let end = end.min(self.loaded);
        if at < end {
            self.make_contiguous(at, end);
        }
        Ok(end == at.saturating_add(n as u64))
    }

    fn make_contiguous(&mut self, at: u64, end: u64) {
        let off = (at - self.base) as usize;
        let need = (end - at) as usize;
        if off + need <= self.bufs[0].len() {
            return;
        }
        let mut bridge = BytesMut::with_capacity(need);
        while bridge.len() < need {
            let front = &self.bufs[0];
            let start = if bridge.is_empty() { off } else { 0 };
            let take = (need - bridge.len()).min(front.len() - start);
            bridge.extend_from_slice(&front[start..start + take]);
            if start + take == front.len() {
                self.base += front.len() as u64;
                if let Some(b) = self.bufs.pop_front() {
                    self.recycle(b);
                }
            } else {
                self.bufs[0] = front.slice(start + take..);
                self.base += (start + take) as u64;
            }
        }
        self.bufs.push_front(bridge.freeze());
        self.base = at;
    }

    /// Bytes from `at` up to the end of the buffer holding it (after a `fill` at or before `at`).
    pub fn from(&self, at: u64) -> &[u8] {
        match self.bufs.front() {
            Some(b) if at >= self.base => b.get((at - self.base) as usize..).unwrap_or_default(),
            _ => &[],
        }
    }

    /// `[at, at + n)` after a successful `fill(at, n)`.
    pub fn get(&self, at: u64, n: usize) -> &[u8] {
        let b = self.from(at);
        &b[..n.min(b.len())]
    }

    /// The same, sharing the buffer.
    pub fn slice(&self, at: u64, n: usize) -> Bytes {
        match self.bufs.front() {
            Some(b) if at >= self.base => {
                let off = ((at - self.base) as usize).min(b.len());
                b.slice(off..(off + n).min(b.len()))
            }
            _ => Bytes::new(),
        }
    }
}

fn failed(e: ReadFailure) -> Receiver<Result<Bytes, ReadFailure>> {
    let (tx, rx) = sync_channel(1);
    let _ = tx.send(Err(e));
    rx
}

/// Test hook (debug builds only): `GROUPCTL_WAL_FAULT=reader-panic` makes the
/// reading thread die after the first chunk, to prove the failure is not lost.
#[cfg(debug_assertions)]
fn fault_hook(pos: u64) {
    if pos > 0 && std::env::var_os("GROUPCTL_WAL_FAULT").is_some_and(|v| v == "reader-panic") {
        panic!("reader-panic injected by GROUPCTL_WAL_FAULT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn pattern(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn ranges_across_chunks_are_contiguous_and_exact() {
        let data = pattern(3 * CHUNK + 1234);
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&data).unwrap();
        let mut w = Window::open(f.path(), data.len() as u64).unwrap();
        // Walk in odd steps so ranges straddle chunk boundaries.
        let mut at = 0u64;
        while at < data.len() as u64 {
            let n = 70_001usize;
            let full = w.fill(at, n).unwrap();
            let end = (at as usize + n).min(data.len());
            assert_eq!(full, end == at as usize + n);
            assert_eq!(w.from(at)[..end - at as usize], data[at as usize..end]);
            at += 65_537;
        }
    }

    #[test]
    fn a_file_truncated_while_read_is_an_error_not_a_crash() {
        let data = pattern(8 * CHUNK);
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&data).unwrap();
        let mut w = Window::open(f.path(), data.len() as u64).unwrap();
        assert!(w.fill(0, 100).unwrap());
        // The reading thread is at most a few chunks ahead (bounded channel).
        f.as_file().set_len(CHUNK as u64 + 10).unwrap();
        let mut at = 0u64;
        let err = loop {
            match w.fill(at, 4096) {
                Ok(true) => at += 4096,
                Ok(false) => panic!("a shorter file must be reported, got EOF at {at}"),
                Err(e) => break e,
            }
        };
        assert!(
            matches!(err, ReadFailure::Shrunk { expected, .. } if expected == data.len() as u64),
            "{err}"
        );
    }

    #[test]
    fn small_file_shorter_than_listed() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&pattern(100)).unwrap();
        let mut w = Window::open(f.path(), 200).unwrap();
        assert!(w.fill(0, 100).unwrap());
        assert!(matches!(
            w.fill(0, 150),
            Err(ReadFailure::Shrunk { now: 100, .. })
        ));
    }
}
