//! What reading a log produces: file starts, batches, decoded records,
//! damage, and counts of intact records the broker would not load.

use super::chronik::{ChronikRecord, Payload};
use super::coordinator::{self, CoordinatorRecord};
use super::records::RecordSpan;
use super::segment::Batch;
use super::{schema, Damage, LogFormat};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// A decoded record of either format (Kafka's strings borrowed from the batch).
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded<'a> {
    Coordinator(CoordinatorRecord<'a>),
    /// A transaction marker (control batch): COMMIT or ABORT for the batch's producer.
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

impl Decoded<'_> {
    pub fn into_owned(self) -> Decoded<'static> {
        match self {
            Decoded::Coordinator(r) => Decoded::Coordinator(r.into_owned()),
            Decoded::Control {
                commit,
                coordinator_epoch,
            } => Decoded::Control {
                commit,
                coordinator_epoch,
            },
            Decoded::Chronik {
                event_type,
                payload,
            } => Decoded::Chronik {
                event_type,
                payload,
            },
            Decoded::ChronikLegacy { hex } => Decoded::ChronikLegacy { hex },
        }
    }

    /// The group a record belongs to, if any.
    pub fn group(&self) -> Option<&str> {
        match self {
            Decoded::Coordinator(r) => r.group(),
            Decoded::Chronik { payload, .. } => chronik_group(payload),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &str {
        match self {
            Decoded::Coordinator(r) => r.record_type_name(),
            Decoded::Control { .. } => "control",
            Decoded::Chronik { event_type, .. } => event_type,
            Decoded::ChronikLegacy { .. } => "legacy",
        }
    }
}

/// Batch information a record carries (Kafka).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchInfo {
    pub base_offset: i64,
    pub producer_id: i64,
    pub producer_epoch: i16,
    pub transactional: bool,
    pub control: bool,
    pub compression: &'static str,
    pub magic: i8,
    pub leader_epoch: i32,
    /// The broker's write time is every record's time (LogAppendTime).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub log_append_time: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// Which file (shown when a directory was given).
    pub source: Option<Arc<str>>,
    pub byte_pos: u64,
    pub offset: i64,
    /// As Kafka reads it: with LogAppendTime, the batch's max timestamp.
    pub timestamp: Option<i64>,
    pub batch: Option<BatchInfo>,
    pub record: Decoded<'a>,
    /// Key and value size (for stats).
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
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
    Record(Entry<'a>),
    Damage(Damage),
    /// Intact records after damage that the broker does not load (broker
    /// mode): counted, not applied; `--salvage` reads them.
    NotLoaded {
        file: String,
        records: u64,
        reason: String,
    },
}

impl Entry<'_> {
    pub fn into_owned(self) -> Entry<'static> {
        Entry {
            source: self.source,
            byte_pos: self.byte_pos,
            offset: self.offset,
            timestamp: self.timestamp,
            batch: self.batch,
            record: self.record.into_owned(),
            bytes: self.bytes,
        }
    }
}

impl Event<'_> {
    /// The same event, holding its own strings (to keep it past its batch).
    pub fn into_owned(self) -> Event<'static> {
        match self {
            Event::FileStart { path, format, size } => Event::FileStart { path, format, size },
            Event::Batch {
                bytes,
                records,
                control,
            } => Event::Batch {
                bytes,
                records,
                control,
            },
            Event::Record(e) => Event::Record(e.into_owned()),
            Event::Damage(d) => Event::Damage(d),
            Event::NotLoaded {
                file,
                records,
                reason,
            } => Event::NotLoaded {
                file,
                records,
                reason,
            },
        }
    }
}

/// Control record: key = version i16 + type i16 (0 ABORT, 1 COMMIT); value = version i16 + coordinator epoch i32.
fn control_marker(key: Option<&[u8]>, value: Option<&[u8]>) -> Decoded<'static> {
    let kind = key
        .and_then(|k| k.get(2..4))
        .map(|b| i16::from_be_bytes([b[0], b[1]]));
    let epoch = value
        .and_then(|v| v.get(2..6))
        .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(-1);
    match kind {
        Some(0 | 1) => Decoded::Control {
            commit: kind == Some(1),
            coordinator_epoch: epoch,
        },
        other => Decoded::Coordinator(CoordinatorRecord::Unknown {
            record_type: other.unwrap_or(-1),
            key_hex: key.map(schema::hex).unwrap_or_default(),
            value_hex: value.map(schema::hex),
            reason: "unknown control record type".into(),
        }),
    }
}

/// What every record of a Kafka batch carries about it.
pub(super) fn batch_info(b: &Batch) -> BatchInfo {
    let m = &b.meta;
    BatchInfo {
        base_offset: m.base_offset,
        producer_id: m.producer_id,
        producer_epoch: m.producer_epoch,
        transactional: m.transactional,
        control: m.control,
        compression: m.codec.name(),
        magic: m.magic,
        leader_epoch: m.leader_epoch,
        log_append_time: m.log_append_time,
    }
}

/// One record of a Kafka batch, decoded in place.
pub(super) fn kafka_record<'b>(
    b: &Batch,
    body: &'b [u8],
    info: BatchInfo,
    r: &RecordSpan,
    source: &Option<Arc<str>>,
) -> Entry<'b> {
    let (key, value) = (r.key.map(|s| s.of(body)), r.value.map(|s| s.of(body)));
    let bytes = key.map_or(0, <[u8]>::len) + value.map_or(0, <[u8]>::len);
    let record = if info.control {
        control_marker(key, value)
    } else {
        match key {
            Some(k) => Decoded::Coordinator(coordinator::decode(k, value)),
            None => Decoded::Coordinator(CoordinatorRecord::Unknown {
                record_type: -1,
                key_hex: String::new(),
                value_hex: value.map(schema::hex),
                reason: "record without a key".into(),
            }),
        }
    };
    Entry {
        source: source.clone(),
        byte_pos: b.meta.byte_pos,
        offset: r.offset,
        timestamp: (r.timestamp >= 0).then_some(r.timestamp),
        batch: Some(info),
        record,
        bytes: bytes as u64,
    }
}

pub(super) fn chronik_events(
    r: ChronikRecord,
    source: &Option<Arc<str>>,
    out: &mut Vec<Event<'static>>,
) {
    let record = match r.payload {
        Payload::Event(mut ev) => {
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
        Payload::Legacy(b) => Decoded::ChronikLegacy {
            hex: schema::hex(&b),
        },
    };
    out.push(Event::Batch {
        bytes: r.byte_len,
        records: 1,
        control: false,
    });
    out.push(Event::Record(Entry {
        source: source.clone(),
        byte_pos: r.byte_pos,
        offset: r.offset,
        timestamp: r.timestamp,
        batch: None,
        record,
        bytes: r.byte_len,
    }));
}
