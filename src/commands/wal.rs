//! `groupctl wal inspect | replay | stats | locate`: offline coordinator-log forensics.

use super::Context;
use crate::cli::{
    WalCommand, WalFormat, WalInputArgs, WalInspectArgs, WalLocateArgs, WalReplayArgs, WalStatsArgs,
};
use crate::exit::{self, Code};
use crate::output::wal as render;
use crate::output::OutputError;
use crate::wal::coordinator::{self, CoordinatorRecord};
use crate::wal::replay::{self, AsOf, ReplayOptions, CHRONIK_EVENT_TYPES};
use crate::wal::{Damage, Decoded, Entry, Event, Log, LogFormat, ReadOptions, Recovery};
use anyhow::Context as _;
use indicatif::ProgressBar;
use std::ops::ControlFlow;

/// Files above this size get a progress bar on a terminal.
const PROGRESS_BYTES: u64 = 100 << 20;

pub fn run(ctx: &Context, cmd: WalCommand) -> anyhow::Result<Code> {
    match cmd {
        WalCommand::Inspect(a) => inspect(ctx, a),
        WalCommand::Replay(a) => run_replay(ctx, a),
        WalCommand::Stats(a) => run_stats(ctx, a),
        WalCommand::Locate(a) => locate(ctx, a),
    }
}

fn open(input: &WalInputArgs) -> anyhow::Result<(Log, ReadOptions)> {
    let forced = input.format.map(|f| match f {
        WalFormat::Kafka => LogFormat::Kafka,
        WalFormat::Chronik => LogFormat::Chronik,
    });
    let log = Log::open(&input.path, forced)?;
    // Both flags are ways of reading past damage that no broker uses: salvage.
    let salvage = input.salvage || input.apply_bad_crc || input.stop_at_first_error;
    Ok((
        log,
        ReadOptions {
            recovery: if salvage {
                Recovery::Salvage
            } else {
                Recovery::Broker
            },
            apply_bad_crc: input.apply_bad_crc,
            stop_at_first_error: input.stop_at_first_error,
        },
    ))
}

/// Advances a progress bar by the bytes of each batch/damage seen.
struct Progress(Option<ProgressBar>);

impl Progress {
    fn new(ctx: &Context, log: &Log, what: &str) -> Self {
        let total = log.total_bytes();
        Progress(
            (total > PROGRESS_BYTES && ctx.printer.shows_progress())
                .then(|| ctx.printer.progress(total, what)),
        )
    }

    fn see(&self, ev: &Event) {
        if let Some(pb) = &self.0 {
            match ev {
                Event::Batch { bytes, .. } => pb.inc(*bytes),
                Event::Damage(d) => pb.inc(d.skipped_bytes.unwrap_or(0)),
                _ => {}
            }
        }
    }

    fn done(self) {
        if let Some(pb) = self.0 {
            pb.finish_and_clear();
        }
    }
}

/// Tell about damage on stderr and turn it into exit code 4.
fn damage_code(
    ctx: &Context,
    errors: &[Damage],
    not_loaded: u64,
    mode: &ReadOptions,
    already_listed: bool,
) -> Code {
    if errors.is_empty() {
        return Code::Ok;
    }
    if !already_listed {
        for d in errors {
            ctx.printer
                .warn(render::damage_line(d).trim_start_matches("!! "));
        }
    }
    ctx.printer
        .warn(render::damage_summary(errors, not_loaded, &mode.describe()));
    Code::Data
}

fn time_arg(flag: &str, s: &Option<String>) -> anyhow::Result<Option<i64>> {
    s.as_deref()
        .map(|t| {
            crate::model::time::datetime_ms(t).map_err(|e| exit::usage(format!("{flag}: {e}")))
        })
        .transpose()
}

struct Filter {
    groups: Vec<String>,
    topic: Option<String>,
    types: Vec<String>,
    from: Option<i64>,
    to: Option<i64>,
    since: Option<i64>,
    until: Option<i64>,
}

impl Filter {
    fn admits(&self, e: &Entry) -> bool {
        if self.from.is_some_and(|f| e.offset < f) || self.to.is_some_and(|t| e.offset > t) {
            return false;
        }
        if let Some(ts) = e.timestamp {
            if self.since.is_some_and(|s| ts < s) || self.until.is_some_and(|u| ts >= u) {
                return false;
            }
        } else if self.since.is_some() || self.until.is_some() {
            return false;
        }
        if !self.types.is_empty() {
            let t = e.record.type_name();
            if !self.types.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                return false;
            }
        }
        if !self.groups.is_empty() {
            match e.record.group() {
                Some(g) if self.groups.iter().any(|x| x == g) => {}
                _ => return false,
            }
        }
        if let Some(topic) = &self.topic {
            if record_topic(&e.record) != Some(topic.as_str()) {
                return false;
            }
        }
        true
    }
}

fn record_topic<'a>(d: &'a Decoded<'_>) -> Option<&'a str> {
    match d {
        Decoded::Coordinator(CoordinatorRecord::OffsetCommit { topic, .. }) => Some(topic),
        Decoded::Chronik { payload: p, .. } => p["offset"]["topic"]
            .as_str()
            .or(p["topic"].as_str())
            .or(p["name"].as_str())
            .or(p["assignment"]["topic"].as_str()),
        _ => None,
    }
}

fn inspect(ctx: &Context, a: WalInspectArgs) -> anyhow::Result<Code> {
    for t in &a.types {
        let kafka_types = crate::wal::record_type::type_names();
        let known = kafka_types
            .iter()
            .chain(CHRONIK_EVENT_TYPES)
            .any(|k| k.eq_ignore_ascii_case(t));
        if !known {
            return Err(exit::usage(format!(
                "--type {t:?}: unknown record type; Kafka types: {}; Chronik events: {}",
                kafka_types.join(", "),
                CHRONIK_EVENT_TYPES.join(", ")
            )));
        }
    }
    if let (Some(f), Some(t)) = (a.from_offset, a.to_offset) {
        if f > t {
            return Err(exit::usage(format!(
                "--from-offset {f} is after --to-offset {t}"
            )));
        }
    }
    let filter = Filter {
        groups: a.filter.groups.clone(),
        topic: a.topic.clone(),
        types: a.types.clone(),
        from: a.from_offset,
        to: a.to_offset,
        since: time_arg("--since", &a.since)?,
        until: time_arg("--until", &a.until)?,
    };
    if let (Some(s), Some(u)) = (filter.since, filter.until) {
        if s >= u {
            return Err(exit::usage("--since must be before --until"));
        }
    }
    let (log, opts) = open(&a.input)?;
    let multi = log.files.len() > 1;
    let progress = Progress::new(ctx, &log, "reading");
    // Through the Printer: lines go out in chunks, and a progress bar on the
    // same terminal is hidden while they do.
    let mut out = ctx.printer.lines();
    let mut errors = Vec::new();
    let mut not_loaded = 0u64;
    let mut shown = 0u64;
    // A write error stops the reading; a closed pipe (`| head`) is not an error.
    let mut write_error: Option<OutputError> = None;
    log.read(opts, |ev| {
        progress.see(ev);
        let text = match ev {
            Event::FileStart { path, format, size } if multi && !ctx.printer.json => format!(
                "==> {} ({}, {size} bytes) <==",
                path.display(),
                format_name(*format)
            ),
            Event::Record(e) if filter.admits(e) => {
                shown += 1;
                if ctx.printer.json {
                    render::record_json(e).to_string()
                } else {
                    render::line(e)
                }
            }
            Event::Damage(d) => {
                let text = if ctx.printer.json {
                    render::damage_json(d).to_string()
                } else if ctx.printer.color {
                    use colored::Colorize;
                    render::damage_line(d).red().bold().to_string()
                } else {
                    render::damage_line(d)
                };
                errors.push(d.clone());
                text
            }
            Event::NotLoaded { records, .. } => {
                not_loaded += records;
                return ControlFlow::Continue(());
            }
            _ => return ControlFlow::Continue(()),
        };
        match out.line(&text) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                write_error = Some(e);
                ControlFlow::Break(())
            }
        }
    })?;
    progress.done();
    if write_error.is_none() {
        if let Err(e) = out.finish() {
            write_error = Some(e);
        }
    } else {
        drop(out);
    }
    match write_error {
        Some(OutputError::Closed) => {
            // The reader of our output has gone: stop quietly with what was seen so far.
            return Ok(if errors.is_empty() {
                Code::Ok
            } else {
                Code::Data
            });
        }
        Some(e) => return Err(e.into()),
        None => {}
    }
    if shown == 0 && !ctx.printer.json {
        ctx.printer.note("no records matched");
    }
    Ok(damage_code(ctx, &errors, not_loaded, &opts, true))
}

fn format_name(f: LogFormat) -> &'static str {
    match f {
        LogFormat::Kafka => "kafka __consumer_offsets segment",
        LogFormat::Chronik => "chronik metadata WAL",
    }
}

fn run_replay(ctx: &Context, a: WalReplayArgs) -> anyhow::Result<Code> {
    let as_of = a
        .as_of
        .as_deref()
        .map(AsOf::parse)
        .transpose()
        .map_err(exit::usage)?;
    let (log, opts) = open(&a.input)?;
    let progress = Progress::new(ctx, &log, "replaying");
    let mut r = replay::Replayer::new(ReplayOptions {
        groups: a.filter.groups.clone(),
        as_of,
    });
    r.describe(&log, &opts);
    log.read(opts, |ev| {
        progress.see(ev);
        r.push(ev);
        ControlFlow::Continue(())
    })?;
    progress.done();
    let state = r.finish();
    for g in &a.filter.groups {
        if !state.groups.contains_key(g) {
            ctx.printer.warn(format!("group {g:?} has no record in this log (it lives in __consumer_offsets-{} of 50; `groupctl wal locate` tells for other counts)", coordinator::partition_for(g, 50)));
        }
    }
    if let Some(path) = &a.export_offsets {
        export(ctx, &state, path, a.filter.groups.len() == 1)?;
    }
    if ctx.printer.json {
        render::json_in_pieces(&ctx.printer, &state)?;
    } else if a.export_offsets.is_none() || !ctx.printer.quiet {
        ctx.printer.out(&render::replay(
            &state,
            a.members || a.filter.groups.len() == 1,
        ));
    }
    Ok(damage_code(
        ctx,
        &state.errors,
        state.not_loaded_records,
        &opts,
        false,
    ))
}

/// Committed offsets as `kafka-consumer-groups.sh` CSV: 3 columns for one `--group`, else 4 (group first).
fn export(
    ctx: &Context,
    state: &replay::CoordinatorState,
    path: &std::path::Path,
    single: bool,
) -> anyhow::Result<()> {
    let with_offsets: Vec<(&String, &replay::ReplayedGroup)> = state
        .groups
        .iter()
        .filter(|(_, g)| !g.offsets.is_empty())
        .collect();
    if with_offsets.is_empty() {
        anyhow::bail!("nothing to export: no committed offsets in the replayed state");
    }
    let tps: Vec<(Option<&str>, crate::model::TopicPartition, i64)> = with_offsets
        .iter()
        .flat_map(|(name, g)| {
            g.offsets.iter().flat_map(move |(t, ps)| {
                ps.iter().map(move |(p, o)| {
                    (
                        (!single).then_some(name.as_str()),
                        crate::model::TopicPartition::new(t.clone(), *p),
                        o.offset,
                    )
                })
            })
        })
        .collect();
    let text = crate::reset::csv_file::try_render(tps.iter().map(|(g, tp, o)| (*g, tp, *o)))?;
    crate::files::write_atomic(path, text.as_bytes(), crate::files::Existing::Replace)
        .with_context(|| format!("writing {}", path.display()))?;
    let groups: Vec<&str> = with_offsets.iter().map(|(n, _)| n.as_str()).collect();
    let shown = path.display().to_string();
    ctx.printer.note(format!(
        "Wrote {} committed offset{} of {} to {}. Restore (preview first, then --execute): {}",
        tps.len(),
        if tps.len() == 1 { "" } else { "s" },
        groups.join(", "),
        shown,
        crate::output::command_line(
            &["groupctl", "reset-offsets"],
            &groups,
            &["--from-file", &shown],
        )
    ));
    Ok(())
}

fn run_stats(ctx: &Context, a: WalStatsArgs) -> anyhow::Result<Code> {
    let (log, opts) = open(&a.input)?;
    let progress = Progress::new(ctx, &log, "reading");
    let mut b = crate::wal::stats::StatsBuilder::default();
    b.describe(&log, &opts);
    log.read(opts, |ev| {
        progress.see(ev);
        b.push(ev);
        ControlFlow::Continue(())
    })?;
    progress.done();
    let s = b.finish();
    if ctx.printer.json {
        render::json_in_pieces(&ctx.printer, &s)?;
    } else {
        ctx.printer.out(&render::stats(&s));
    }
    Ok(damage_code(
        ctx,
        &s.errors,
        s.not_loaded_records,
        &opts,
        !ctx.printer.json,
    ))
}

fn locate(ctx: &Context, a: WalLocateArgs) -> anyhow::Result<Code> {
    if a.partitions == 0 {
        return Err(exit::usage("--partitions must be at least 1"));
    }
    let p = coordinator::partition_for(&a.group, a.partitions);
    if ctx.printer.json {
        ctx.printer.json(&serde_json::json!({
            "group": a.group,
            "partitions": a.partitions,
            "partition": p,
            "directory": format!("__consumer_offsets-{p}"),
        }))?;
    } else {
        ctx.printer.out(&format!(
            "{}  __consumer_offsets-{p}  (partition {p} of {})",
            a.group, a.partitions
        ));
    }
    Ok(Code::Ok)
}
