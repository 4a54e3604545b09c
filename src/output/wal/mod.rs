//! Rendering for `wal inspect | replay | stats`: one line per record for
//! people, NDJSON for scripts (here); replay and stats tables (`replay.rs`,
//! `stats.rs`).

mod replay;
mod stats;
pub use replay::replay;
pub use stats::stats;

use crate::model::time::format_ms as iso_ms;
use crate::wal::coordinator::CoordinatorRecord;
use crate::wal::{Damage, Decoded, Entry};
use serde_json::{json, Value};
use std::fmt::Write as _;

pub(super) fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| s.to_string())
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}

/// Compact JSON of a value, without noise keys.
fn compact(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let m: serde_json::Map<String, Value> = m
                .iter()
                .filter(|(k, _)| k.as_str() != "type")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Value::Object(m).to_string()
        }
        other => other.to_string(),
    }
}

/// `group=billing orders-3 -> 18211 (meta "", epoch 7)` and friends.
pub fn describe(d: &Decoded) -> String {
    match d {
        Decoded::Coordinator(r) => match r {
            CoordinatorRecord::OffsetCommit {
                group,
                topic,
                partition,
                value,
            } => {
                let key = format!("group={group} {topic}-{partition}");
                match value {
                    None => format!("{key} -> (deleted)"),
                    Some(v) => {
                        let mut s = format!("{key} -> {} (meta {}", v.offset, q(&v.metadata));
                        if let Some(e) = v.leader_epoch {
                            let _ = write!(s, ", epoch {e}");
                        }
                        let _ = write!(s, ", committed {}", iso_ms(v.commit_timestamp));
                        if let Some(x) = v.expire_timestamp {
                            let _ = write!(s, ", expires {}", iso_ms(x));
                        }
                        s.push(')');
                        s
                    }
                }
            }
            CoordinatorRecord::GroupMetadata { group, value } => match value {
                None => format!("group={group} -> (deleted)"),
                Some(v) => {
                    let mut s = format!(
                        "group={group} -> generation {}, {}/{}, leader {}, {} member{}",
                        v.generation,
                        if v.protocol_type.is_empty() {
                            "-"
                        } else {
                            &v.protocol_type
                        },
                        opt(&v.protocol),
                        opt(&v.leader),
                        v.members.len(),
                        if v.members.len() == 1 { "" } else { "s" }
                    );
                    for m in &v.members {
                        let parts: Vec<String> = m
                            .assigned_partitions
                            .iter()
                            .map(|(t, ps)| {
                                format!(
                                    "{t}-{}",
                                    ps.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
                                )
                            })
                            .collect();
                        let _ = write!(
                            s,
                            "; {} ({} {}) [{}]",
                            m.member_id,
                            m.client_id,
                            m.client_host,
                            parts.join(" ")
                        );
                    }
                    s
                }
            },
            CoordinatorRecord::Group {
                group,
                member,
                regex,
                value,
                ..
            } => {
                let mut key = format!("group={group}");
                if let Some(m) = member {
                    let _ = write!(key, " member={m}");
                }
                if let Some(r) = regex {
                    let _ = write!(key, " regex={}", q(r));
                }
                match value {
                    None => format!("{key} -> (deleted)"),
                    Some(v) => format!("{key} -> {}", compact(v)),
                }
            }
            CoordinatorRecord::Unknown {
                record_type,
                key_hex,
                value_hex,
                reason,
            } => {
                format!(
                    "type={record_type} key={key_hex} -> {} ({reason})",
                    value_hex.as_deref().unwrap_or("null")
                )
            }
        },
        Decoded::Control {
            commit,
            coordinator_epoch,
        } => {
            format!(
                "{} (coordinator epoch {coordinator_epoch})",
                if *commit { "COMMIT" } else { "ABORT" }
            )
        }
        Decoded::Chronik {
            event_type,
            payload,
        } => chronik(event_type, payload),
        Decoded::ChronikLegacy { hex } => format!("(legacy non-JSON payload) {hex}"),
    }
}

fn chronik(event_type: &str, p: &Value) -> String {
    let s = |v: &Value| {
        v.as_str()
            .map(String::from)
            .unwrap_or_else(|| v.to_string())
    };
    match event_type {
        "OffsetCommitted" => {
            let o = &p["offset"];
            format!(
                "group={} {}-{} -> {} (meta {}, committed {})",
                s(&o["group_id"]),
                s(&o["topic"]),
                o["partition"],
                o["offset"],
                o["metadata"],
                s(&o["commit_timestamp"])
            )
        }
        "ConsumerOffsetDeleted" => format!(
            "group={} {}-{} -> (deleted)",
            s(&p["group_id"]),
            s(&p["topic"]),
            p["partition"]
        ),
        "OffsetsReset" => format!(
            "group={} {}-{} -> {}",
            s(&p["group_id"]),
            s(&p["topic"]),
            p["partition"],
            p["new_offset"]
        ),
        "ConsumerGroupDeleted" => format!("group={} -> (deleted)", s(&p["group_id"])),
        "ConsumerGroupCreated" | "ConsumerGroupUpdated" => {
            let m = &p["metadata"];
            let members = m["members"].as_array().map_or(0, Vec::len);
            let proto = m["protocol"]
                .as_str()
                .filter(|x| !x.is_empty())
                .unwrap_or("-");
            let leader = m["leader"]
                .as_str()
                .filter(|x| !x.is_empty())
                .unwrap_or("-");
            let mut out = format!(
                "group={} -> {}, generation {}, {}/{}, leader {}, {} member{}",
                s(&m["group_id"]),
                s(&m["state"]),
                m["generation_id"],
                s(&m["protocol_type"]),
                proto,
                leader,
                members,
                if members == 1 { "" } else { "s" }
            );
            for mem in m["members"].as_array().into_iter().flatten() {
                let _ = write!(
                    out,
                    "; {} ({} {})",
                    s(&mem["member_id"]),
                    s(&mem["client_id"]),
                    s(&mem["client_host"])
                );
            }
            out
        }
        _ => compact(p),
    }
}

/// One `wal inspect` line.
pub fn line(e: &Entry) -> String {
    let time = e.timestamp.map(iso_ms).unwrap_or_else(|| "-".into());
    let mut s = String::with_capacity(128);
    let _ = write!(s, "{}  {time}  ", e.offset);
    if let Some(b) = &e.batch {
        if b.control {
            let _ = write!(
                s,
                "[control pid={} epoch={}]  ",
                b.producer_id, b.producer_epoch
            );
        } else if b.transactional {
            let _ = write!(
                s,
                "[txn pid={} epoch={}]  ",
                b.producer_id, b.producer_epoch
            );
        }
        if b.compression != "none" {
            let _ = write!(s, "[{}]  ", b.compression);
        }
    }
    let _ = write!(s, "{}  {}", e.record.type_name(), describe(&e.record));
    s
}

pub fn damage_line(d: &Damage) -> String {
    let mut s = format!(
        "!! {} in {} at byte {}",
        d.kind.name(),
        d.file,
        d.byte_offset
    );
    if let Some(o) = d.offset {
        let _ = write!(s, " (offset {o})");
    }
    let _ = write!(s, ": {}", d.detail);
    if let Some(n) = d.skipped_bytes {
        let what = if d.effect.drops_what_follows() {
            "not read"
        } else {
            "skipped"
        };
        let _ = write!(s, "; {n} bytes {what}");
    }
    s
}

/// The closing line about damage: how many places, and what happened past them.
pub fn damage_summary(errors: &[Damage], not_loaded: u64, mode: &str) -> String {
    let n = errors.len();
    let places = format!("{n} damaged place{}", if n == 1 { "" } else { "s" });
    let dropped = errors.iter().any(|d| d.effect.drops_what_follows());
    let fails = errors
        .iter()
        .find(|d| d.effect == crate::wal::Effect::LoadFails)
        .map(|d| format!("; the broker fails to load {} (its groups are not served until it is repaired; shown is what was read before the failure)", d.file))
        .unwrap_or_default();
    let what = if not_loaded > 0 {
        format!("; {not_loaded} intact record{} after the damage {} not loaded by the broker (--salvage reads them)",
            if not_loaded == 1 { "" } else { "s" }, if not_loaded == 1 { "is" } else { "are" })
    } else if dropped {
        "; nothing intact follows the damage".to_string()
    } else {
        format!(
            "; every intact record around {} was read",
            if n == 1 { "it" } else { "them" }
        )
    };
    format!("{places} found (mode: {mode}){fails}{what} (exit code 4)")
}

/// One NDJSON object per record.
pub fn record_json(e: &Entry) -> Value {
    let record = match &e.record {
        Decoded::Coordinator(r) => serde_json::to_value(r).unwrap_or(Value::Null),
        Decoded::Control {
            commit,
            coordinator_epoch,
        } => {
            json!({"marker": if *commit { "COMMIT" } else { "ABORT" }, "coordinator_epoch": coordinator_epoch})
        }
        Decoded::Chronik { payload, .. } => payload.clone(),
        Decoded::ChronikLegacy { hex } => json!({ "hex": hex }),
    };
    let mut v = json!({
        "offset": e.offset,
        "timestamp": e.timestamp,
        "time": e.timestamp.map(iso_ms),
        "type": e.record.type_name(),
        "byte_position": e.byte_pos,
    });
    if let Some(src) = &e.source {
        v["file"] = json!(src.as_ref());
    }
    if let Some(b) = &e.batch {
        v["batch"] = serde_json::to_value(b).unwrap_or(Value::Null);
    }
    v["record"] = record;
    v
}

pub fn damage_json(d: &Damage) -> Value {
    let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
    v["type"] = json!("damage");
    v
}

/// `broker (as Kafka loads __consumer_offsets: ...)`.
pub(super) fn mode_line(mode: &str, rules: &[String]) -> String {
    let rules: Vec<&str> = rules
        .iter()
        .map(|r| {
            r.split_once(": ").map_or(
                r.as_str(),
                |(m, rest)| if m == mode { rest } else { r.as_str() },
            )
        })
        .collect();
    if rules.is_empty() {
        mode.to_string()
    } else {
        format!("{mode} — {}", rules.join("; "))
    }
}

pub(super) fn skipped_line(files: &[crate::wal::SkippedFile]) -> String {
    let mut reasons: Vec<&str> = files.iter().map(|f| f.reason).collect();
    reasons.dedup();
    format!(
        "Skipped {} file{} that are not coordinator logs ({})",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        reasons.join(", ")
    )
}

/// Pretty JSON to stdout through the Printer, in pieces that end at a line
/// break (byte for byte what `Printer::json` writes): a replayed state can be
/// tens of MB, and building it in one buffer costs more than the replay.
pub fn json_in_pieces<T: serde::Serialize>(
    printer: &crate::output::Printer,
    value: &T,
) -> anyhow::Result<()> {
    struct Pieces<'p> {
        printer: &'p crate::output::Printer,
        buf: Vec<u8>,
    }
    impl Pieces<'_> {
        fn emit(&mut self, upto: usize) {
            let text = String::from_utf8_lossy(&self.buf[..upto]).into_owned();
            self.printer.out(&text);
            self.buf.drain(..upto);
        }
    }
    impl std::io::Write for Pieces<'_> {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.buf.extend_from_slice(b);
            if self.buf.len() >= 1 << 16 {
                // A line break is never inside a UTF-8 sequence.
                if let Some(nl) = self.buf.iter().rposition(|c| *c == b'\n') {
                    self.emit(nl + 1);
                }
            }
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut w = Pieces {
        printer,
        buf: Vec::with_capacity(1 << 17),
    };
    serde_json::to_writer_pretty(&mut w, value)?;
    let n = w.buf.len();
    // The last piece has no line break: `out` adds the one `Printer::json` ends with.
    w.emit(n);
    Ok(())
}
