//! Pure readers of group-coordinator logs (no network, no tokio): Kafka
//! `__consumer_offsets` segments and the Chronik metadata WAL. `Log::open`
//! finds and orders the files, `Log::events` streams every batch, record and
//! damage in order, `replay` rebuilds the coordinator's state from them.

#[doc(hidden)]
pub mod build;
pub mod chronik;
pub mod compress;
pub mod coordinator;
pub mod cursor;
pub mod replay;
pub mod schema;
pub mod segment;
pub mod stats;

use bytes::Bytes;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Kafka,
    Chronik,
}

/// What is wrong at one place in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DamageKind {
    /// Checksum mismatch; the record/batch was skipped.
    BadCrc,
    /// The file ends inside a record (crash while writing).
    TornTail,
    /// A length that cannot be right.
    BadLength,
    /// Not a known magic number.
    BadMagic,
    /// Not a known record version.
    BadVersion,
    /// Framing and checksum fine, content not decodable.
    Undecodable,
}

impl DamageKind {
    /// As in JSON: `bad_crc`, `torn_tail`, ...
    pub fn name(self) -> &'static str {
        match self {
            DamageKind::BadCrc => "bad_crc",
            DamageKind::TornTail => "torn_tail",
            DamageKind::BadLength => "bad_length",
            DamageKind::BadMagic => "bad_magic",
            DamageKind::BadVersion => "bad_version",
            DamageKind::Undecodable => "undecodable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Damage {
    pub file: String,
    pub kind: DamageKind,
    pub byte_offset: u64,
    /// Log offset of the damaged batch/record, when its header was readable.
    pub offset: Option<i64>,
    pub detail: String,
    /// Bytes skipped from `byte_offset` (to the next valid record or the end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped_bytes: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Use records whose checksum does not match (Chronik's own reader does).
    pub apply_bad_crc: bool,
    /// Stop at the first damage (Kafka's log recovery truncates there).
    pub stop_at_first_error: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum WalError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0}: no coordinator log files found (expected NNNNNNNNNNNNNNNNNNNN.log segments or wal_N_N.log files)")]
    NoFiles(String),
}

/// One input file, mapped into memory.
pub struct LogFile {
    pub path: PathBuf,
    pub format: LogFormat,
    pub data: Bytes,
}

pub struct Log {
    pub files: Vec<LogFile>,
}

fn is_kafka_segment(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "log")
        && p.file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.len() == 20 && s.bytes().all(|b| b.is_ascii_digit()))
}

/// `wal_<segment>_<N>.log`: sort key N (then segment).
fn chronik_wal_key(p: &Path) -> Option<(u64, u64)> {
    let name = p
        .file_name()?
        .to_str()?
        .strip_prefix("wal_")?
        .strip_suffix(".log")?;
    let (a, b) = name.split_once('_')?;
    Some((b.parse().ok()?, a.parse().ok()?))
}

/// `__consumer_offsets-12` -> 12, for ordering partition directories.
fn partition_number(dir: &Path) -> Option<u32> {
    dir.file_name()?.to_str()?.rsplit_once('-')?.1.parse().ok()
}

fn walk(dir: &Path, depth: u8, out: &mut Vec<PathBuf>) -> Result<(), WalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| WalError::Io(dir.display().to_string(), e))?;
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for p in children {
        if p.is_dir() {
            if depth < 6 {
                walk(&p, depth + 1, out)?;
            }
        } else {
            out.push(p);
        }
    }
    Ok(())
}

impl Log {
    /// A file, a partition directory, a `metadata_wal` directory or a whole data directory.
    pub fn open(path: &Path, forced: Option<LogFormat>) -> Result<Log, WalError> {
        let meta =
            std::fs::metadata(path).map_err(|e| WalError::Io(path.display().to_string(), e))?;
        let paths: Vec<PathBuf> = if meta.is_file() {
            vec![path.to_path_buf()]
        } else {
            let mut all = Vec::new();
            walk(path, 0, &mut all)?;
            let mut chronik: Vec<PathBuf> = all
                .iter()
                .filter(|p| chronik_wal_key(p).is_some())
                .cloned()
                .collect();
            chronik.sort_by_key(|p| (p.parent().map(Path::to_path_buf), chronik_wal_key(p)));
            // In a data directory only __consumer_offsets partitions are coordinator logs;
            // a partition directory given directly is taken as is.
            let direct: Vec<PathBuf> = all
                .iter()
                .filter(|p| is_kafka_segment(p) && p.parent() == Some(path))
                .cloned()
                .collect();
            let mut kafka: Vec<PathBuf> = if !direct.is_empty() {
                direct
            } else {
                all.iter()
                    .filter(|p| {
                        is_kafka_segment(p)
                            && p.parent()
                                .and_then(|d| d.file_name())
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.starts_with("__consumer_offsets-"))
                    })
                    .cloned()
                    .collect()
            };
            kafka.sort_by_key(|p| {
                (
                    p.parent().and_then(partition_number),
                    p.parent().map(Path::to_path_buf),
                    p.file_name().map(|n| n.to_os_string()),
                )
            });
            kafka.extend(chronik);
            kafka
        };
        if paths.is_empty() {
            return Err(WalError::NoFiles(path.display().to_string()));
        }
        let mut files = Vec::with_capacity(paths.len());
        for p in paths {
            let data = map(&p)?;
            let format = forced.unwrap_or_else(|| detect(&data));
            files.push(LogFile {
                path: p,
                format,
                data,
            });
        }
        Ok(Log { files })
    }

    /// One in-memory file (tests, fuzzing).
    pub fn from_bytes(name: &str, data: Vec<u8>, forced: Option<LogFormat>) -> Log {
        let data = Bytes::from(data);
        let format = forced.unwrap_or_else(|| detect(&data));
        Log {
            files: vec![LogFile {
                path: PathBuf::from(name),
                format,
                data,
            }],
        }
    }

    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.data.len() as u64).sum()
    }

    /// Like [`Log::events`], with reading and decoding on a second thread
    /// (for big logs: decoding overlaps with whatever consumes the events).
    pub fn stream(&self, opts: ReadOptions) -> Box<dyn Iterator<Item = Event> + Send> {
        const CHUNK: usize = 4096;
        let log = Log {
            files: self
                .files
                .iter()
                .map(|f| LogFile {
                    path: f.path.clone(),
                    format: f.format,
                    data: f.data.clone(),
                })
                .collect(),
        };
        if log.total_bytes() < (8 << 20) {
            let events: Vec<Event> = log.events(opts).collect();
            return Box::new(events.into_iter());
        }
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Event>>(16);
        std::thread::spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            for ev in log.events(opts) {
                chunk.push(ev);
                if chunk.len() == CHUNK
                    && tx
                        .send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
                        .is_err()
                {
                    return;
                }
            }
            let _ = tx.send(chunk);
        });
        Box::new(rx.into_iter().flatten())
    }

    /// Every batch, record and damage, file by file, in log order.
    pub fn events(&self, opts: ReadOptions) -> impl Iterator<Item = Event> + '_ {
        let multi = self.files.len() > 1;
        self.files
            .iter()
            .flat_map(move |f| file_events(f, opts, multi))
    }
}

fn map(p: &Path) -> Result<Bytes, WalError> {
    let file = std::fs::File::open(p).map_err(|e| WalError::Io(p.display().to_string(), e))?;
    let len = file
        .metadata()
        .map_err(|e| WalError::Io(p.display().to_string(), e))?
        .len();
    if len == 0 {
        return Ok(Bytes::new());
    }
    // SAFETY: read-only mapping; a log rewritten under us can only garble what we
    // read, which every reader here treats as damage rather than trusting it.
    let mmap = unsafe { memmap2::Mmap::map(&file) }
        .map_err(|e| WalError::Io(p.display().to_string(), e))?;
    // Read front to back once: let the kernel read ahead and drop behind.
    let _ = mmap.advise(memmap2::Advice::Sequential);
    Ok(Bytes::from_owner(mmap))
}

/// Chronik records start with magic 0xCA7E little-endian; anything else is a Kafka segment.
pub fn detect(data: &[u8]) -> LogFormat {
    if data.starts_with(&[0x7E, 0xCA]) {
        LogFormat::Chronik
    } else {
        LogFormat::Kafka
    }
}

/// A decoded record of either format.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    Coordinator(coordinator::CoordinatorRecord),
    /// A transaction marker (control batch): COMMIT or ABORT for `producer_id`.
    Control {
        commit: bool,
        coordinator_epoch: i32,
    },
    /// A Chronik MetadataEvent (`type` and its payload).
    Chronik {
        event_type: String,
        payload: serde_json::Value,
    },
    /// Chronik payload that is not JSON (legacy bincode).
    ChronikLegacy {
        hex: String,
    },
}

/// The group a Chronik event is about, if any.
pub fn chronik_group(payload: &serde_json::Value) -> Option<&str> {
    payload["metadata"]["group_id"]
        .as_str()
        .or(payload["group_id"].as_str())
        .or(payload["offset"]["group_id"].as_str())
}

impl Decoded {
    /// The group a record belongs to, if any.
    pub fn group(&self) -> Option<&str> {
        match self {
            Decoded::Coordinator(r) => r.group(),
            Decoded::Chronik { payload, .. } => chronik_group(payload),
            _ => None,
        }
    }

    pub fn type_name(&self) -> String {
        match self {
            Decoded::Coordinator(r) => r.record_type_name().to_string(),
            Decoded::Control { .. } => "control".to_string(),
            Decoded::Chronik { event_type, .. } => event_type.clone(),
            Decoded::ChronikLegacy { .. } => "legacy".to_string(),
        }
    }
}

/// Batch information a record carries (Kafka).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchInfo {
    pub base_offset: i64,
    pub producer_id: i64,
    pub producer_epoch: i16,
    pub transactional: bool,
    pub control: bool,
    pub compression: &'static str,
    pub magic: i8,
    pub leader_epoch: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Which file (shown when a directory was given).
    pub source: Option<Arc<str>>,
    pub byte_pos: u64,
    pub offset: i64,
    pub timestamp: Option<i64>,
    pub batch: Option<Arc<BatchInfo>>,
    pub record: Decoded,
    /// Key and value size (for stats).
    pub bytes: u64,
}

#[derive(Debug)]
pub enum Event {
    FileStart {
        path: PathBuf,
        format: LogFormat,
        size: u64,
    },
    Batch {
        bytes: u64,
        records: u32,
        control: bool,
    },
    Record(Entry),
    Damage(Damage),
}

fn file_events(
    f: &LogFile,
    opts: ReadOptions,
    multi: bool,
) -> Box<dyn Iterator<Item = Event> + '_> {
    let name = f.path.display().to_string();
    let source: Option<Arc<str>> = multi.then(|| Arc::from(short_name(&f.path).as_str()));
    let start = std::iter::once(Event::FileStart {
        path: f.path.clone(),
        format: f.format,
        size: f.data.len() as u64,
    });
    match f.format {
        LogFormat::Kafka => {
            let reader = segment::SegmentReader::new(f.data.clone(), name, opts);
            Box::new(start.chain(reader.flat_map(move |item| kafka_events(item, source.clone()))))
        }
        LogFormat::Chronik => {
            let reader = chronik::ChronikReader::new(f.data.clone(), name, opts);
            Box::new(start.chain(reader.flat_map(move |item| chronik_events(item, source.clone()))))
        }
    }
}

/// `__consumer_offsets-12/00000000000000000000.log` (partition dir and file).
fn short_name(p: &Path) -> String {
    match (p.parent().and_then(|d| d.file_name()), p.file_name()) {
        (Some(d), Some(f)) => format!("{}/{}", d.to_string_lossy(), f.to_string_lossy()),
        (_, Some(f)) => f.to_string_lossy().into_owned(),
        _ => p.display().to_string(),
    }
}

fn kafka_events(item: segment::SegmentItem, source: Option<Arc<str>>) -> Vec<Event> {
    match item {
        segment::SegmentItem::Damage(d) => vec![Event::Damage(d)],
        segment::SegmentItem::Batch(meta, records) => {
            let info = Arc::new(BatchInfo {
                base_offset: meta.base_offset,
                producer_id: meta.producer_id,
                producer_epoch: meta.producer_epoch,
                transactional: meta.transactional,
                control: meta.control,
                compression: meta.codec.name(),
                magic: meta.magic,
                leader_epoch: meta.leader_epoch,
            });
            let mut out = Vec::with_capacity(records.len() + 1);
            out.push(Event::Batch {
                bytes: meta.byte_len,
                records: records.len() as u32,
                control: meta.control,
            });
            for r in records {
                let bytes =
                    r.key.as_ref().map_or(0, |k| k.len()) + r.value.as_ref().map_or(0, |v| v.len());
                let record = if meta.control {
                    control_marker(r.key.as_deref(), r.value.as_deref())
                } else {
                    match &r.key {
                        Some(k) => Decoded::Coordinator(coordinator::decode(k, r.value.as_deref())),
                        None => Decoded::Coordinator(coordinator::CoordinatorRecord::Unknown {
                            record_type: -1,
                            key_hex: String::new(),
                            value_hex: r.value.as_deref().map(schema::hex),
                            reason: "record without a key".into(),
                        }),
                    }
                };
                out.push(Event::Record(Entry {
                    source: source.clone(),
                    byte_pos: meta.byte_pos,
                    offset: r.offset,
                    timestamp: (r.timestamp >= 0).then_some(r.timestamp),
                    batch: Some(info.clone()),
                    record,
                    bytes: bytes as u64,
                }));
            }
            out
        }
    }
}

/// Control record: key = version i16 + type i16 (0 ABORT, 1 COMMIT); value = version i16 + coordinator epoch i32.
fn control_marker(key: Option<&[u8]>, value: Option<&[u8]>) -> Decoded {
    let kind = key
        .and_then(|k| k.get(2..4))
        .map(|b| i16::from_be_bytes([b[0], b[1]]));
    let epoch = value
        .and_then(|v| v.get(2..6))
        .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(-1);
    match kind {
        Some(0) => Decoded::Control {
            commit: false,
            coordinator_epoch: epoch,
        },
        Some(1) => Decoded::Control {
            commit: true,
            coordinator_epoch: epoch,
        },
        other => Decoded::Coordinator(coordinator::CoordinatorRecord::Unknown {
            record_type: other.unwrap_or(-1),
            key_hex: key.map(schema::hex).unwrap_or_default(),
            value_hex: value.map(schema::hex),
            reason: "unknown control record type".into(),
        }),
    }
}

fn chronik_events(item: chronik::ChronikItem, source: Option<Arc<str>>) -> Vec<Event> {
    match item {
        chronik::ChronikItem::Damage(d) => vec![Event::Damage(d)],
        chronik::ChronikItem::Record(r) => {
            let record = match r.payload {
                chronik::Payload::Event(mut ev) => {
                    let payload = ev
                        .get_mut("payload")
                        .map(serde_json::Value::take)
                        .unwrap_or_default();
                    let event_type = payload["type"].as_str().unwrap_or("unknown").to_string();
                    Decoded::Chronik {
                        event_type,
                        payload,
                    }
                }
                chronik::Payload::Legacy(b) => Decoded::ChronikLegacy {
                    hex: schema::hex(&b),
                },
            };
            vec![
                Event::Batch {
                    bytes: r.byte_len,
                    records: 1,
                    control: false,
                },
                Event::Record(Entry {
                    source,
                    byte_pos: r.byte_pos,
                    offset: r.offset,
                    timestamp: r.timestamp,
                    batch: None,
                    record,
                    bytes: r.byte_len,
                }),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DamageKind::*;

    #[test]
    fn damage_names_match_the_json() {
        for k in [
            BadCrc,
            TornTail,
            BadLength,
            BadMagic,
            BadVersion,
            Undecodable,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }
}
