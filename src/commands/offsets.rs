//! `groupctl offsets fetch` and `groupctl offsets commit`.

use super::apply::{self, GroupCommit};
use super::committed;
use super::Context;
use crate::admin::{self, OffsetSpec};
use crate::cli::{OffsetsCommand, OffsetsCommitArgs, OffsetsFetchArgs};
use crate::exit::{self, Code};
use crate::model::{LogRange, PartitionLag, TopicPartition};
use crate::output;
use crate::output::offsets::FetchedOffset;
use crate::reset::{csv_file, parse};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub fn run(ctx: &Context, cmd: OffsetsCommand) -> anyhow::Result<Code> {
    match cmd {
        OffsetsCommand::Fetch(a) => fetch(ctx, a),
        OffsetsCommand::Commit(a) => commit(ctx, a),
    }
}

fn fetch(ctx: &Context, a: OffsetsFetchArgs) -> anyhow::Result<Code> {
    let session = ctx.session()?;
    let named = if a.topics.is_empty() {
        None
    } else {
        Some(session.resolve_topics(&a.topics)?)
    };
    let admin = &session.admin;
    let committed = committed::fetch_one(ctx, &session, &a.group, named.as_deref())?;
    let rows = session.block_on(async {
        // The named partitions, else every committed one.
        let tps: Vec<TopicPartition> = named.unwrap_or_else(|| committed.keys().cloned().collect());
        let (starts, ends) = futures::join!(
            admin::list_offsets(admin, &tps, OffsetSpec::Earliest),
            admin::list_offsets(admin, &tps, OffsetSpec::Latest)
        );
        let offset = |r: Option<&Result<admin::ListedOffset, _>>| {
            r.and_then(|r| r.as_ref().ok()).and_then(|o| o.offset)
        };
        let rows: Vec<FetchedOffset> = tps
            .iter()
            .map(|tp| {
                let c = committed.get(tp);
                let log = LogRange {
                    start: offset(starts.get(tp)),
                    end: offset(ends.get(tp)),
                    error: ends
                        .get(tp)
                        .and_then(|r| r.as_ref().err())
                        .map(|e| e.to_string()),
                };
                let lag = PartitionLag::new(tp, c.map(|c| c.offset), log, None);
                FetchedOffset::new(lag, c)
            })
            .collect();
        Ok::<_, anyhow::Error>(rows)
    })?;
    session.report(ctx);
    if ctx.printer.json {
        ctx.printer
            .json(&json!({"group": a.group, "partitions": rows}))?;
    } else if rows.is_empty() {
        ctx.printer
            .note(format!("group {} has no committed offsets", a.group));
    } else {
        ctx.printer.out(&output::offsets::fetched(&a.group, &rows));
    }
    Ok(Code::Ok)
}

fn commit(ctx: &Context, a: OffsetsCommitArgs) -> anyhow::Result<Code> {
    let mut offsets: BTreeMap<TopicPartition, i64> = BTreeMap::new();
    for s in &a.offsets {
        let (tp, o) = parse::partition_offset(s).map_err(|e| exit::usage(e.to_string()))?;
        if offsets.insert(tp.clone(), o).is_some() {
            return Err(exit::usage(format!("{tp} given twice")));
        }
    }
    if let Some(path) = &a.from_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| exit::usage(format!("cannot read {}: {e}", path.display())))?;
        for r in csv_file::parse(&path.display().to_string(), &text)
            .map_err(|e| exit::usage(e.to_string()))?
        {
            if r.group.as_deref().is_some_and(|g| g != a.group) {
                return Err(exit::usage(format!(
                    "{}: line {}: group {} is not {}",
                    path.display(),
                    r.line,
                    r.group.unwrap_or_default(),
                    a.group
                )));
            }
            if offsets.insert(r.partition.clone(), r.offset).is_some() {
                return Err(exit::usage(format!(
                    "{}: line {}: {} given twice",
                    path.display(),
                    r.line,
                    r.partition
                )));
            }
        }
    }
    let session = ctx.session()?;
    // A plan needs every partition: wait out a dead leader's failover.
    session.admin.wait_for_failover();
    let _writing = apply::lock_writers(
        ctx,
        &session.settings.bootstrap,
        std::slice::from_ref(&a.group),
    )?;
    let topics: Vec<String> = offsets
        .keys()
        .map(|tp| tp.topic.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let known = session.block_on(admin::topic_partitions(&session.admin, &topics))?;
    for tp in offsets.keys() {
        if !known
            .get(&tp.topic)
            .and_then(|x| x.as_ref())
            .is_some_and(|all| all.contains(tp))
        {
            return Err(anyhow::anyhow!(
                "unknown topic or partition {tp}; nothing committed"
            ));
        }
    }
    let tps: Vec<TopicPartition> = offsets.keys().cloned().collect();
    let current = committed::fetch_one(ctx, &session, &a.group, Some(&tps))
        .map_err(|e| anyhow::anyhow!("cannot read the offsets of group {}: {e}", a.group))?;
    if current.is_empty() {
        apply::check_new_groups(
            ctx,
            &session,
            std::slice::from_ref(&a.group),
            a.allow_new_group,
            true,
        )?;
    }
    // From here Ctrl-C is answered by saying what was committed (exit 130).
    let _interruptible = crate::interrupt::guard();
    apply::ensure_empty(
        ctx,
        &session,
        std::slice::from_ref(&a.group),
        a.assume_empty,
    )?;
    let ends = session.block_on(admin::list_offsets(
        &session.admin,
        &tps,
        OffsetSpec::Latest,
    ));
    for (tp, o) in &offsets {
        if let Some(Ok(end)) = ends.get(tp) {
            if end.offset.is_some_and(|e| *o > e) {
                ctx.printer.warn(format!(
                    "{tp}: offset {o} is past the log end {}",
                    end.offset.unwrap_or_default()
                ));
            }
        }
    }
    let commits = [GroupCommit {
        group: a.group.clone(),
        offsets,
    }];
    apply::refuse_missing_acls(
        &apply::missing_topic_reads(&session, &commits),
        "commit offsets",
    )?;
    let backups = apply::backup(ctx, &session, &commits, a.backup_dir.as_deref())?;
    let mut report = apply::commit_all(&session, &commits);
    report.backups = backups;
    session.report(ctx);
    if ctx.printer.json {
        ctx.printer.json(&report)?;
    }
    apply::outcome(ctx, &report)
}
