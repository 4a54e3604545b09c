//! Folding on a second thread. On a big log the thread that reads the log
//! (framing, checks, decoding) hands events over and `wal-fold` folds them:
//! offset commits cross over as plain fields with their
//! strings copied into the chunk's text (no allocation per record), every
//! other event as an owned [`Event`]. The worker folds them in the order they
//! were pushed, so the state is the one the same events give inline.

use super::Replayer;
use crate::wal::coordinator::{CoordinatorRecord, OffsetCommitValue, TopicId};
use crate::wal::{BatchInfo, Decoded, Entry, Event};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Events per hand-over: large enough that the channel costs nothing per record.
const OPS: usize = 4096;
/// Chunks on their way to the worker; with the one being filled and the one
/// being folded, all there are (a few MB), reused: fresh memory costs a page
/// fault per page.
const IN_FLIGHT: usize = 4;
const CHUNKS: usize = IN_FLIGHT + 2;
/// Text bytes a chunk starts with room for (names of ~40 bytes a commit).
const TEXT: usize = OPS * 64;
/// A chunk is handed over once its text passes this, whatever its count.
const MAX_TEXT: usize = 256 << 20;

/// An offset commit record, its strings in the chunk's text.
struct Commit {
    offset: i64,
    timestamp: Option<i64>,
    batch: Option<BatchInfo>,
    group: Range<u32>,
    topic: Range<u32>,
    partition: i32,
    value: Option<CommitValue>,
}

struct CommitValue {
    version: i16,
    offset: i64,
    leader_epoch: Option<i32>,
    metadata: Range<u32>,
    commit_timestamp: i64,
    expire_timestamp: Option<i64>,
    topic_id: Option<TopicId>,
}

enum Op {
    Commit(Commit),
    /// A batch's counts (one a record on real-shaped logs: no allocation).
    Batch {
        bytes: u64,
        records: u32,
        control: bool,
    },
    /// Boxed: an event is twice the size of a commit, and rare.
    Other(Box<Event<'static>>),
}

struct Chunk {
    ops: Vec<Op>,
    text: String,
    /// Events folded, back to be dropped where they were made: memory freed
    /// by another thread is slow to be reused (fresh pages, page faults).
    /// Boxes too: they were made there.
    #[allow(clippy::vec_box)]
    folded: Vec<Box<Event<'static>>>,
}

impl Chunk {
    fn new() -> Chunk {
        Chunk {
            ops: Vec::with_capacity(OPS),
            text: String::with_capacity(TEXT),
            folded: Vec::new(),
        }
    }
}

fn slice<'a>(text: &'a str, r: &Range<u32>) -> &'a str {
    &text[r.start as usize..r.end as usize]
}

impl Chunk {
    fn put(&mut self, s: &str) -> Range<u32> {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        start..self.text.len() as u32
    }
}

impl Commit {
    fn entry<'a>(&self, text: &'a str) -> Entry<'a> {
        let value = self.value.as_ref().map(|v| OffsetCommitValue {
            version: v.version,
            offset: v.offset,
            leader_epoch: v.leader_epoch,
            metadata: Cow::Borrowed(slice(text, &v.metadata)),
            commit_timestamp: v.commit_timestamp,
            expire_timestamp: v.expire_timestamp,
            topic_id: v.topic_id,
        });
        Entry {
            source: None,
            byte_pos: 0,
            offset: self.offset,
            timestamp: self.timestamp,
            batch: self.batch,
            record: Decoded::Coordinator(CoordinatorRecord::OffsetCommit {
                group: Cow::Borrowed(slice(text, &self.group)),
                topic: Cow::Borrowed(slice(text, &self.topic)),
                partition: self.partition,
                value,
            }),
            bytes: 0,
        }
    }
}

/// The reading side: events go into chunks, chunks to the folding thread.
pub(super) struct Pipe {
    chunk: Chunk,
    /// None once the worker is gone (it panicked: `finish` says so).
    tx: Option<SyncSender<Chunk>>,
    spare: Receiver<Chunk>,
    /// Chunks made so far (at most CHUNKS while the worker runs).
    made: usize,
    handle: JoinHandle<Replayer>,
}

impl Pipe {
    /// Fold on a new thread, starting from `fold`'s state (given back if
    /// no thread can be started: the caller folds inline).
    pub(super) fn start(fold: Replayer) -> Result<Pipe, Box<Replayer>> {
        let (init_tx, init_rx) = sync_channel::<Replayer>(1);
        let (tx, rx) = sync_channel::<Chunk>(IN_FLIGHT);
        let (spare_tx, spare) = sync_channel::<Chunk>(CHUNKS);
        let spawned = std::thread::Builder::new()
            .name("wal-fold".into())
            .spawn(move || {
                // No state comes only when `start` failed and folds inline.
                let mut fold = init_rx
                    .recv()
                    .unwrap_or_else(|_| Replayer::new(Default::default()));
                for mut chunk in rx {
                    let Chunk { ops, text, folded } = &mut chunk;
                    for op in ops.drain(..) {
                        match op {
                            Op::Commit(c) => fold.record(&c.entry(text)),
                            Op::Batch {
                                bytes,
                                records,
                                control,
                            } => fold.push(&Event::Batch {
                                bytes,
                                records,
                                control,
                            }),
                            Op::Other(ev) => {
                                fold.push(&ev);
                                folded.push(ev);
                            }
                        }
                    }
                    text.clear();
                    // Back for reuse: its memory is already paged in.
                    let _ = spare_tx.try_send(chunk);
                }
                fold
            });
        let handle = match spawned {
            Ok(h) => h,
            Err(_) => return Err(Box::new(fold)),
        };
        if let Err(e) = init_tx.send(fold) {
            return Err(Box::new(e.0));
        }
        Ok(Pipe {
            chunk: Chunk::new(),
            made: 1,
            tx: Some(tx),
            spare,
            handle,
        })
    }

    pub(super) fn push(&mut self, ev: &Event<'_>) {
        let op = match ev {
            Event::Record(Entry {
                offset,
                timestamp,
                batch,
                record:
                    Decoded::Coordinator(CoordinatorRecord::OffsetCommit {
                        group,
                        topic,
                        partition,
                        value,
                    }),
                ..
            }) => {
                let c = &mut self.chunk;
                let group = c.put(group);
                let topic = c.put(topic);
                let value = value.as_ref().map(|v| CommitValue {
                    version: v.version,
                    offset: v.offset,
                    leader_epoch: v.leader_epoch,
                    metadata: c.put(&v.metadata),
                    commit_timestamp: v.commit_timestamp,
                    expire_timestamp: v.expire_timestamp,
                    topic_id: v.topic_id,
                });
                Op::Commit(Commit {
                    offset: *offset,
                    timestamp: *timestamp,
                    batch: *batch,
                    group,
                    topic,
                    partition: *partition,
                    value,
                })
            }
            Event::Batch {
                bytes,
                records,
                control,
            } => Op::Batch {
                bytes: *bytes,
                records: *records,
                control: *control,
            },
            other => Op::Other(Box::new(other.clone().into_owned())),
        };
        self.chunk.ops.push(op);
        // Text positions are u32: a chunk goes before its text nears that
        // (one record's strings are bounded by its batch, an i32 length).
        if self.chunk.ops.len() >= OPS || self.chunk.text.len() >= MAX_TEXT {
            self.send();
        }
    }

    fn send(&mut self) {
        let mut next = match self.spare.try_recv() {
            Ok(c) => c,
            Err(_) if self.made < CHUNKS => {
                self.made += 1;
                Chunk::new()
            }
            // All made: wait for one back (a dead worker sends none: a new one).
            Err(_) => self.spare.recv().unwrap_or_else(|_| Chunk::new()),
        };
        next.folded.clear();
        let full = std::mem::replace(&mut self.chunk, next);
        if let Some(tx) = &self.tx {
            if tx.send(full).is_err() {
                self.tx = None;
            }
        }
    }

    /// Everything pushed, folded: the worker's state back.
    pub(super) fn finish(mut self) -> Replayer {
        if !self.chunk.ops.is_empty() {
            self.send();
        }
        drop(self.tx.take());
        match self.handle.join() {
            Ok(fold) => fold,
            // The fold has no failure of its own: a panic there is a bug,
            // reported as the same fold on this thread would report it.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}
