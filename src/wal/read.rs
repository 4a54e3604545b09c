//! The read loop: every file in order, under the chosen [`Recovery`] mode.
//! Broker mode applies the broker's own rules at each damaged place (see
//! `recovery.rs`) and counts the intact records after it that the broker
//! would not load; salvage reads every intact record.

use super::chronik::{ChronikItem, ChronikMode, ChronikReader};
use super::coordinator::CoordinatorRecord;
use super::events::{batch_info, chronik_events, kafka_record};
use super::record_type::CoordinatorRecordType;
use super::segment::{SegmentItem, SegmentReader};
use super::source::Window;
use super::{
    Damage, DamageKind, Decoded, Effect, Event, Log, LogFile, LogFormat, ReadOptions, Recovery,
    WalError,
};
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

/// Where reading stands for one Kafka partition (broker mode).
type DeadPartitions = HashMap<Arc<str>, String>;

struct Reading<'a, F> {
    opts: ReadOptions,
    sink: &'a mut F,
}

impl<F: FnMut(&Event<'_>) -> ControlFlow<()>> Reading<'_, F> {
    /// Hand an event to the sink; Break when it wants no more.
    fn emit(&mut self, ev: Event<'_>) -> ControlFlow<()> {
        (self.sink)(&ev)
    }
}

impl LogFile {
    fn window(&self) -> Result<Window, WalError> {
        match (&self.data, self.chunk) {
            (Some(d), Some(c)) => Ok(Window::chunked(d.clone(), c)),
            (Some(d), None) => Ok(Window::from_bytes(d.clone())),
            (None, _) => Window::open(&self.path, self.size)
                .map_err(|e| WalError::Read(self.path.display().to_string(), e)),
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

/// What Kafka does at a damaged place (the reader applies bad checksums in broker mode).
fn kafka_effect(d: &Damage, validated: bool) -> Effect {
    use DamageKind::*;
    match (d.kind, validated) {
        (FileChanged, _) => Effect::StopsFile,
        // A batch whose CRC holds passes recovery; the coordinator cannot read it.
        (Undecodable, _) => Effect::LoadFails,
        (_, true) => Effect::Truncates,
        (BadCrc, false) if d.effect == Effect::Applied => Effect::Applied,
        // Reading stops at a batch running past the end of the segment.
        (TornTail, false) => Effect::StopsFile,
        (BadLength, false) if d.past_end => Effect::StopsFile,
        (_, false) => Effect::LoadFails,
    }
}

fn consequence(e: Effect) -> &'static str {
    match e {
        Effect::Truncates => "Kafka's log recovery truncates the partition here and deletes its later segments",
        Effect::LoadFails => "Kafka fails to load this partition here: its groups stay unavailable until it is repaired",
        Effect::StopsFile => "the broker reads this file no further",
        Effect::Applied => "the broker does not check it: loaded as written",
        Effect::Skipped | Effect::Stopped => "",
    }
}

/// A record Kafka's coordinator would fail on: a known type it cannot deserialize.
fn fails_coordinator(d: &Decoded) -> Option<String> {
    match d {
        Decoded::Coordinator(CoordinatorRecord::Unknown {
            record_type,
            reason,
            ..
        }) if CoordinatorRecordType::from_id(*record_type).is_some()
            || reason == "record without a key" =>
        {
            Some(format!(
                "a record of type {record_type} does not deserialize: {reason}"
            ))
        }
        _ => None,
    }
}

impl Log {
    /// Every batch, record and damage, file by file, in log order, to `sink`
    /// (a record's strings are borrowed from its batch: `into_owned` keeps one)
    /// (which may stop the reading by returning `Break`). I/O errors and a
    /// failure of the reading thread are errors, never a shorter read.
    pub fn read(
        &self,
        opts: ReadOptions,
        mut sink: impl FnMut(&Event<'_>) -> ControlFlow<()>,
    ) -> Result<(), WalError> {
        let multi = self.files.len() > 1;
        let mut r = Reading {
            opts,
            sink: &mut sink,
        };
        let mut dead = DeadPartitions::new();
        for f in &self.files {
            let source: Option<Arc<str>> = multi.then(|| Arc::from(short_name(&f.path).as_str()));
            let start = Event::FileStart {
                path: f.path.clone(),
                format: f.format,
                size: f.size,
            };
            if r.emit(start).is_break() {
                return Ok(());
            }
            let flow = match f.format {
                LogFormat::Kafka => read_kafka(f, &source, &mut r, &mut dead)?,
                LogFormat::Chronik => read_chronik(f, &source, &mut r)?,
            };
            if flow.is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Every event in a vector (tests, fuzzing, small logs).
    pub fn events(&self, opts: ReadOptions) -> Result<Vec<Event<'static>>, WalError> {
        let mut out = Vec::new();
        self.read(opts, |e| {
            out.push(e.clone().into_owned());
            ControlFlow::Continue(())
        })?;
        Ok(out)
    }
}

fn read_kafka<F: FnMut(&Event<'_>) -> ControlFlow<()>>(
    f: &LogFile,
    source: &Option<Arc<str>>,
    r: &mut Reading<F>,
    dead: &mut DeadPartitions,
) -> Result<ControlFlow<()>, WalError> {
    let name = f.path.display().to_string();
    let broker = r.opts.recovery == Recovery::Broker;
    // Broker mode: a validated segment stops at its first damage of any kind, so
    // it is read as salvage would (and what follows is counted from where that
    // reading resumed); elsewhere Kafka loads bad-CRC batches as written.
    let apply = if broker {
        !f.validated
    } else {
        r.opts.apply_bad_crc
    };
    let mut reader = SegmentReader::new(f.window()?, name.clone(), apply);
    let part = f.partition.clone();
    // After a truncation or failed load, the broker loads nothing more of the partition.
    let mut not_loaded: Option<String> = part.as_ref().and_then(|p| dead.get(p).cloned());
    if not_loaded.is_some() {
        reader.restart_at(0, false);
    }
    let mut shadow_records = 0u64;
    while let Some(item) = reader.next() {
        let item = item.map_err(|e| WalError::Read(name.clone(), e))?;
        if not_loaded.is_some() {
            if let SegmentItem::Batch(b) = &item {
                shadow_records += b.records.len() as u64;
            }
            continue;
        }
        match item {
            SegmentItem::Batch(b) => {
                let batch = Event::Batch {
                    bytes: b.meta.byte_len,
                    records: b.records.len() as u32,
                    control: b.meta.control,
                };
                if r.emit(batch).is_break() {
                    return Ok(ControlFlow::Break(()));
                }
                let info = batch_info(&b);
                let body = reader.body(&b);
                let mut failed = false;
                for (i, rec) in b.records.iter().enumerate() {
                    let entry = kafka_record(&b, body, info, rec, source);
                    // Kafka's coordinator fails the whole load on a record it cannot read.
                    let failure = broker.then(|| fails_coordinator(&entry.record)).flatten();
                    if let Some(why) = failure {
                        let d = Damage {
                            file: name.clone(),
                            kind: DamageKind::Undecodable,
                            byte_offset: b.meta.byte_pos,
                            offset: Some(entry.offset),
                            detail: format!("{why}; {}", consequence(Effect::LoadFails)),
                            skipped_bytes: Some(f.size - b.meta.byte_pos),
                            effect: Effect::LoadFails,
                            past_end: false,
                        };
                        shadow_records += (b.records.len() - i) as u64;
                        let why = format!(
                            "the load of {} failed at offset {}",
                            short_name(&f.path),
                            entry.offset
                        );
                        if let Some(p) = &part {
                            dead.insert(p.clone(), why.clone());
                        }
                        not_loaded = Some(why);
                        failed = true;
                        if r.emit(Event::Damage(d)).is_break() {
                            return Ok(ControlFlow::Break(()));
                        }
                        break;
                    }
                    if r.emit(Event::Record(entry)).is_break() {
                        return Ok(ControlFlow::Break(()));
                    }
                }
                if failed {
                    let resume = reader.position();
                    reader.restart_at(resume, false);
                }
                reader.recycle(b.records);
            }
            SegmentItem::Damage(mut d) => {
                if broker {
                    d.effect = kafka_effect(&d, f.validated);
                    let c = consequence(d.effect);
                    if !c.is_empty() && d.effect != Effect::Applied {
                        d.detail = format!("{}; {c}", d.detail.replace("; applied anyway", ""));
                    } else if d.effect == Effect::Applied {
                        d.detail = d.detail.replace("applied anyway", c);
                    }
                    if matches!(d.effect, Effect::Truncates | Effect::LoadFails) {
                        d.skipped_bytes = Some(f.size - d.byte_offset);
                        let why = if d.effect == Effect::Truncates {
                            format!(
                                "Kafka truncates {} at byte {}",
                                short_name(&f.path),
                                d.byte_offset
                            )
                        } else {
                            format!(
                                "the load of {} failed at byte {}",
                                short_name(&f.path),
                                d.byte_offset
                            )
                        };
                        if let Some(p) = &part {
                            dead.insert(p.clone(), why.clone());
                        }
                        not_loaded = Some(why);
                        // Count what --salvage would still read after this point.
                        let resume = reader.position();
                        reader.restart_at(resume, false);
                    }
                } else if r.opts.stop_at_first_error {
                    d.effect = Effect::Stopped;
                    d.skipped_bytes = Some(f.size - d.byte_offset);
                    d.detail
                        .push_str("; reading stops here (--stop-at-first-error)");
                    let _ = r.emit(Event::Damage(d));
                    return Ok(ControlFlow::Break(()));
                }
                if r.emit(Event::Damage(d)).is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
    }
    if let Some(reason) = not_loaded.filter(|_| shadow_records > 0) {
        return Ok(r.emit(Event::NotLoaded {
            file: name,
            records: shadow_records,
            reason,
        }));
    }
    Ok(ControlFlow::Continue(()))
}

fn read_chronik<F: FnMut(&Event<'_>) -> ControlFlow<()>>(
    f: &LogFile,
    source: &Option<Arc<str>>,
    r: &mut Reading<F>,
) -> Result<ControlFlow<()>, WalError> {
    let name = f.path.display().to_string();
    let salvage = ChronikMode::Salvage {
        apply_bad_crc: r.opts.apply_bad_crc,
    };
    let mode = match r.opts.recovery {
        Recovery::Broker => ChronikMode::Loader,
        Recovery::Salvage => salvage,
    };
    let mut reader = ChronikReader::new(f.window()?, name.clone(), mode);
    let mut stopped_at: Option<u64> = None;
    let mut shadow_records = 0u64;
    while let Some(item) = reader.next() {
        let item = item.map_err(|e| WalError::Read(name.clone(), e))?;
        if stopped_at.is_some() {
            if let ChronikItem::Record(_) = item {
                shadow_records += 1;
            }
            continue;
        }
        match item {
            ChronikItem::Record(rec) => {
                let mut out = Vec::with_capacity(2);
                chronik_events(rec, source, &mut out);
                for ev in out {
                    if r.emit(ev).is_break() {
                        return Ok(ControlFlow::Break(()));
                    }
                }
            }
            ChronikItem::Damage(mut d) => {
                if r.opts.recovery == Recovery::Salvage && r.opts.stop_at_first_error {
                    d.effect = Effect::Stopped;
                    d.skipped_bytes = Some(f.size - d.byte_offset);
                    d.detail
                        .push_str("; reading stops here (--stop-at-first-error)");
                    let _ = r.emit(Event::Damage(d));
                    return Ok(ControlFlow::Break(()));
                }
                if d.effect == Effect::StopsFile && d.kind != DamageKind::FileChanged {
                    stopped_at = Some(d.byte_offset);
                    reader.restart_at(
                        d.byte_offset,
                        ChronikMode::Salvage {
                            apply_bad_crc: false,
                        },
                    );
                }
                if r.emit(Event::Damage(d)).is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
    }
    if let Some(at) = stopped_at.filter(|_| shadow_records > 0) {
        return Ok(r.emit(Event::NotLoaded {
            file: name,
            records: shadow_records,
            reason: format!("Chronik stops reading {} at byte {at}", short_name(&f.path)),
        }));
    }
    Ok(ControlFlow::Continue(()))
}
