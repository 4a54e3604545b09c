//! Pure readers of group-coordinator logs (no network, no tokio): Kafka
//! `__consumer_offsets` segments and the Chronik metadata WAL. `Log::open`
//! finds and orders the files, `Log::read` streams every batch, record and
//! damage in order under a [`Recovery`] mode, `replay` rebuilds the
//! coordinator's state from them.

#[doc(hidden)]
pub mod build;
pub mod chronik;
pub mod compress;
pub mod coordinator;
mod events;
#[doc(hidden)]
pub mod fuzz;
pub mod legacy;
mod read;
pub mod record_type;
pub mod records;
pub mod recovery;
pub mod replay;
pub mod schema;
pub mod segment;
pub mod source;
pub mod stats;

pub use events::{BatchInfo, Decoded, Entry, Event};
pub use record_type::CoordinatorRecordType;
pub use recovery::{KafkaPartitionRules, Recovery};

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
    /// Checksum mismatch.
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
    /// The file shrank while it was being read.
    FileChanged,
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
            DamageKind::FileChanged => "file_changed",
        }
    }
}

/// What reading did about a damaged place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The damaged bytes were skipped; reading went on at the next valid batch.
    Skipped,
    /// The record was used despite its checksum (--apply-bad-crc, or the broker does not check it).
    Applied,
    /// The broker reads this file no further (Chronik; Kafka's end of a segment).
    StopsFile,
    /// Kafka's log recovery truncates the partition here and deletes its later segments.
    Truncates,
    /// The broker fails to load this partition: its groups stay unavailable.
    LoadFails,
    /// --stop-at-first-error: nothing after it was read.
    Stopped,
}

impl Effect {
    pub fn name(self) -> &'static str {
        match self {
            Effect::Skipped => "skipped",
            Effect::Applied => "applied",
            Effect::StopsFile => "stops_file",
            Effect::Truncates => "truncates",
            Effect::LoadFails => "load_fails",
            Effect::Stopped => "stopped",
        }
    }

    /// Does the broker (or the reading) leave intact records after it unread?
    pub fn drops_what_follows(self) -> bool {
        !matches!(self, Effect::Skipped | Effect::Applied)
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
    /// Bytes from `byte_offset` not read as records (to the next valid batch or the end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped_bytes: Option<u64>,
    pub effect: Effect,
    /// A batch declared to run past the end of its file (Kafka stops reading
    /// the segment there rather than failing).
    #[serde(skip)]
    pub past_end: bool,
}

impl Damage {
    /// Damage at byte `at` of `file`, skipped unless said otherwise.
    pub(crate) fn new(
        file: &str,
        kind: DamageKind,
        at: u64,
        offset: Option<i64>,
        detail: String,
    ) -> Damage {
        Damage {
            file: file.to_string(),
            kind,
            byte_offset: at,
            offset,
            detail,
            skipped_bytes: None,
            effect: Effect::Skipped,
            past_end: false,
        }
    }

    /// The file shrank from `expected` to `now` bytes while being read at `at`:
    /// the rest of it is gone, and so is the reading of this file.
    pub(crate) fn file_shrank(file: &str, at: u64, expected: u64, now: u64) -> Damage {
        let mut d = Damage::new(
            file,
            DamageKind::FileChanged,
            at,
            None,
            format!("the file shrank from {expected} to {now} bytes while it was being read"),
        );
        d.skipped_bytes = Some(expected.saturating_sub(at));
        d.effect = Effect::StopsFile;
        d
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub recovery: Recovery,
    /// Salvage: use records whose checksum does not match.
    pub apply_bad_crc: bool,
    /// Salvage: stop at the first damage.
    pub stop_at_first_error: bool,
}

impl ReadOptions {
    pub fn salvage() -> Self {
        ReadOptions {
            recovery: Recovery::Salvage,
            ..Default::default()
        }
    }

    /// `broker` or `salvage (--apply-bad-crc, --stop-at-first-error)`.
    pub fn describe(&self) -> String {
        let mut flags = Vec::new();
        if self.apply_bad_crc {
            flags.push("--apply-bad-crc");
        }
        if self.stop_at_first_error {
            flags.push("--stop-at-first-error");
        }
        if flags.is_empty() {
            self.recovery.name().to_string()
        } else {
            format!("{} ({})", self.recovery.name(), flags.join(", "))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WalError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0}: no coordinator log files found (expected NNNNNNNNNNNNNNNNNNNN.log segments or wal_N_N.log files){1}")]
    NoFiles(String, String),
    #[error("{0}: {1}")]
    Read(String, source::ReadFailure),
    #[error("{0}: not a log file or directory (it is {1}); give a segment file, a wal_N_N.log file or a directory holding them")]
    NotALog(String, &'static str),
}

/// One input file.
pub struct LogFile {
    pub path: PathBuf,
    pub format: LogFormat,
    /// Size when listed; reading stops there.
    pub size: u64,
    /// In-memory content (tests, fuzzing); files are read when their turn comes.
    data: Option<Bytes>,
    /// In-memory content handed out in pieces of this size, as a big file's reads would be.
    chunk: Option<usize>,
    /// Kafka: the partition (directory) the segment belongs to.
    pub partition: Option<Arc<str>>,
    /// Kafka: whether the broker validates this segment on start-up.
    pub validated: bool,
}

/// A file in the input that is not a coordinator log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    pub path: String,
    pub reason: &'static str,
}

pub struct Log {
    pub files: Vec<LogFile>,
    pub skipped: Vec<SkippedFile>,
    /// Kafka partitions and what their log directory says (broker mode).
    pub kafka_rules: Vec<KafkaPartitionRules>,
}

fn is_kafka_segment(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "log")
        && p.file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.len() == 20 && s.bytes().all(|b| b.is_ascii_digit()))
}

fn segment_base(p: &Path) -> i64 {
    p.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
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

/// Chronik keeps partition data in `wal/<topic>/<n>/wal_*.log` and its
/// metadata in `metadata_wal/__chronik_metadata/0/`: a file under a `wal`
/// directory and not under `metadata_wal` is partition data.
fn is_chronik_data_wal(p: &Path) -> bool {
    let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dirs: Vec<&std::ffi::OsStr> = full
        .parent()
        .map(|d| d.components().map(|c| c.as_os_str()).collect())
        .unwrap_or_default();
    !dirs.iter().any(|d| *d == "metadata_wal") && dirs.iter().any(|d| *d == "wal")
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

fn sniff(p: &Path) -> Result<LogFormat, WalError> {
    use std::io::Read;
    let mut head = [0u8; 2];
    let mut f = std::fs::File::open(p).map_err(|e| WalError::Io(p.display().to_string(), e))?;
    let n = f
        .read(&mut head)
        .map_err(|e| WalError::Io(p.display().to_string(), e))?;
    Ok(detect(&head[..n]))
}

/// What a path that is neither a file nor a directory is, for the error.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        } else if t.is_fifo() {
            return "a named pipe";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

impl Log {
    /// A file, a partition directory, a `metadata_wal` directory or a whole data directory.
    pub fn open(path: &Path, forced: Option<LogFormat>) -> Result<Log, WalError> {
        let meta =
            std::fs::metadata(path).map_err(|e| WalError::Io(path.display().to_string(), e))?;
        if !meta.is_file() && !meta.is_dir() {
            return Err(WalError::NotALog(
                path.display().to_string(),
                file_kind(&meta),
            ));
        }
        let mut skipped = Vec::new();
        let paths: Vec<PathBuf> = if meta.is_file() {
            vec![path.to_path_buf()]
        } else {
            let mut all = Vec::new();
            walk(path, 0, &mut all)?;
            let mut chronik: Vec<PathBuf> = Vec::new();
            for p in all.iter().filter(|p| chronik_wal_key(p).is_some()) {
                if is_chronik_data_wal(p) {
                    skipped.push(SkippedFile {
                        path: p.display().to_string(),
                        reason: "Chronik partition data WAL (not metadata)",
                    });
                } else {
                    chronik.push(p.clone());
                }
            }
            chronik.sort_by_key(|p| (p.parent().map(Path::to_path_buf), chronik_wal_key(p)));
            // In a data directory only __consumer_offsets partitions are coordinator logs;
            // a partition directory given directly is taken as is.
            let segments: Vec<&PathBuf> = all.iter().filter(|p| is_kafka_segment(p)).collect();
            let direct: Vec<PathBuf> = segments
                .iter()
                .filter(|p| p.parent() == Some(path))
                .map(|p| (*p).clone())
                .collect();
            let mut kafka: Vec<PathBuf> = if !direct.is_empty() {
                direct
            } else {
                let mut keep = Vec::new();
                for p in segments {
                    let coordinator = p
                        .parent()
                        .and_then(|d| d.file_name())
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("__consumer_offsets-"));
                    if coordinator {
                        keep.push(p.clone());
                    } else {
                        skipped.push(SkippedFile {
                            path: p.display().to_string(),
                            reason: "Kafka segment of another topic",
                        });
                    }
                }
                keep
            };
            kafka.sort_by_key(|p| {
                (
                    p.parent().and_then(partition_number),
                    p.parent().map(Path::to_path_buf),
                    segment_base(p),
                )
            });
            kafka.extend(chronik);
            kafka
        };
        if paths.is_empty() {
            let why = if skipped.is_empty() {
                String::new()
            } else {
                format!(" ({} files skipped: {})", skipped.len(), skipped[0].reason)
            };
            return Err(WalError::NoFiles(path.display().to_string(), why));
        }
        let mut files = Vec::with_capacity(paths.len());
        for p in paths {
            let size = std::fs::metadata(&p)
                .map_err(|e| WalError::Io(p.display().to_string(), e))?
                .len();
            let format = match forced {
                Some(f) => f,
                None => sniff(&p)?,
            };
            let partition = (format == LogFormat::Kafka)
                .then(|| {
                    p.parent()
                        .map(|d| Arc::from(d.display().to_string().as_str()))
                })
                .flatten();
            files.push(LogFile {
                path: p,
                format,
                size,
                data: None,
                chunk: None,
                partition,
                validated: true,
            });
        }
        let kafka_rules = assign_kafka_rules(&mut files);
        Ok(Log {
            files,
            skipped,
            kafka_rules,
        })
    }

    /// One in-memory file (tests, fuzzing).
    pub fn from_bytes(name: &str, data: Vec<u8>, forced: Option<LogFormat>) -> Log {
        Self::from_chunks(name, data, forced, None)
    }

    /// The same, read in `chunk`-byte pieces (exercises reading across chunk boundaries).
    pub fn from_chunks(
        name: &str,
        data: Vec<u8>,
        forced: Option<LogFormat>,
        chunk: Option<usize>,
    ) -> Log {
        let data = Bytes::from(data);
        let format = forced.unwrap_or_else(|| detect(&data));
        Log {
            files: vec![LogFile {
                path: PathBuf::from(name),
                format,
                size: data.len() as u64,
                data: Some(data),
                chunk,
                partition: (format == LogFormat::Kafka).then(|| Arc::from(".")),
                validated: true,
            }],
            skipped: Vec::new(),
            kafka_rules: Vec::new(),
        }
    }

    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// How damage is read past, in words, for reports.
    pub fn rules(&self, opts: &ReadOptions) -> Vec<String> {
        let mut out = Vec::new();
        match opts.recovery {
            Recovery::Salvage => out.push(
                "salvage: every intact record is read, past any damage (not what a broker loads)"
                    .to_string(),
            ),
            Recovery::Broker => {
                if self.files.iter().any(|f| f.format == LogFormat::Chronik) {
                    out.push("broker: as Chronik loads its metadata WAL: checksums not checked, each file read up to the first record it cannot read".into());
                }
                if self.files.iter().any(|f| f.format == LogFormat::Kafka) {
                    out.push("broker: as Kafka loads __consumer_offsets: recovery truncates a validated segment at its first invalid batch, the coordinator fails on a batch or record it cannot read".into());
                    out.extend(self.kafka_rules.iter().map(KafkaPartitionRules::describe));
                }
            }
        }
        out
    }
}

/// Per Kafka partition: which segments the broker validates at start-up.
fn assign_kafka_rules(files: &mut [LogFile]) -> Vec<KafkaPartitionRules> {
    let mut rules = Vec::new();
    let mut i = 0;
    while i < files.len() {
        let Some(part) = files[i].partition.clone() else {
            i += 1;
            continue;
        };
        let j = (i..files.len())
            .find(|&j| files[j].partition.as_deref() != Some(&*part))
            .unwrap_or(files.len());
        let bases: Vec<i64> = files[i..j].iter().map(|f| segment_base(&f.path)).collect();
        let (r, validated) = recovery::kafka_rules(Path::new(&*part), &bases);
        for (f, v) in files[i..j].iter_mut().zip(validated) {
            f.validated = v;
        }
        rules.push(r);
        i = j;
    }
    rules
}

/// Chronik records start with magic 0xCA7E little-endian; anything else is a Kafka segment.
pub fn detect(data: &[u8]) -> LogFormat {
    if data.starts_with(&[0x7E, 0xCA]) {
        LogFormat::Chronik
    } else {
        LogFormat::Kafka
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DamageKind::*;

    #[test]
    fn damage_names_match_the_json() {
        for k in [
            BadCrc,
            TornTail,
            BadLength,
            BadMagic,
            BadVersion,
            Undecodable,
            FileChanged,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
        for e in [
            Effect::Skipped,
            Effect::Applied,
            Effect::StopsFile,
            Effect::Truncates,
            Effect::LoadFails,
            Effect::Stopped,
        ] {
            assert_eq!(serde_json::to_value(e).unwrap(), e.name());
        }
    }

    #[test]
    fn a_chronik_data_directory_reads_only_its_metadata_wal() {
        let root = tempfile::tempdir().unwrap();
        let md = root.path().join("metadata_wal/__chronik_metadata/0");
        let data = root.path().join("wal/orders/0");
        std::fs::create_dir_all(&md).unwrap();
        std::fs::create_dir_all(&data).unwrap();
        let rec = build::chronik_record(0, br#"{"payload":{"type":"TopicDeleted","name":"t"}}"#);
        std::fs::write(md.join("wal_0_0.log"), &rec).unwrap();
        std::fs::write(data.join("wal_0_0.log"), &rec).unwrap();
        std::fs::write(data.join("wal_0_1.log"), &rec).unwrap();
        let log = Log::open(root.path(), None).unwrap();
        assert_eq!(log.files.len(), 1);
        assert!(log.files[0]
            .path
            .ends_with("metadata_wal/__chronik_metadata/0/wal_0_0.log"));
        assert_eq!(log.skipped.len(), 2);
        // The metadata directory itself, or a copy of its files anywhere, reads them.
        assert_eq!(Log::open(&md, None).unwrap().files.len(), 1);
        // The data WAL directory alone holds no coordinator log.
        let err = Log::open(&root.path().join("wal"), None).err().unwrap();
        assert!(err.to_string().contains("2 files skipped"), "{err}");
    }
}
