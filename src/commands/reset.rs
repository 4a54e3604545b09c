//! `groupctl reset-offsets`: plan (dry run by default), export, plan files,
//! and a guarded execute.

use super::apply::{self, GroupCommit};
use super::session::Session;
use super::Context;
use crate::admin::{self, GroupFilter, OffsetSpec};
use crate::cli::{Fallback, ResetArgs};
use crate::exit::{self, Code};
use crate::model::{time, TopicPartition};
use crate::output;
use crate::reset::{
    csv_file, plan, CsvRow, GroupPlan, NoCommitFallback, PartitionState, ResetPlan, Target,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub fn run(ctx: &Context, args: ResetArgs) -> anyhow::Result<Code> {
    if args.execute && args.plan.is_some() && target_count(&args) == 0 {
        return execute_plan_file(ctx, &args);
    }
    let target = target_of(&args)?;
    check_scope(&args)?;
    if args.execute && args.plan.is_some() {
        return Err(exit::usage(
            "--execute --plan FILE executes a saved plan: drop the target flags (or drop --execute to write a new plan)",
        ));
    }
    let file_rows = match &args.from_file {
        Some(path) => Some(read_csv(path)?),
        None => None,
    };
    let session = ctx.session()?;
    let groups = target_groups(ctx, &session, &args, file_rows.as_deref())?;
    let progress = ctx.printer.spinner("planning");
    let plan = build_plan(ctx, &session, &groups, &args, &target, file_rows.as_deref());
    progress.finish_and_clear();
    let plan = plan?;

    if let Some(path) = &args.export {
        write_export(path, &plan)?;
        ctx.printer.note(format!(
            "plan exported (kafka-consumer-groups.sh format) to {}",
            path.display()
        ));
    }
    if !args.execute {
        if let Some(path) = &args.plan {
            let text = serde_json::to_string_pretty(&plan)?;
            std::fs::write(path, text + "\n")
                .map_err(|e| anyhow::anyhow!("cannot write plan {}: {e}", path.display()))?;
            ctx.printer.note(format!(
                "plan written to {}; execute it with: groupctl reset-offsets --execute --plan {}",
                path.display(),
                path.display()
            ));
        }
        session.report(ctx);
        show_plan(ctx, &plan, true)?;
        ctx.printer
            .note("dry run: nothing was committed (add --execute to apply this plan)");
        return Ok(Code::Ok);
    }
    execute(ctx, &session, &plan, &args)
}

fn target_count(a: &ResetArgs) -> usize {
    [
        a.to_earliest,
        a.to_latest,
        a.to_offset.is_some(),
        a.shift_by.is_some(),
        a.to_datetime.is_some(),
        a.by_duration.is_some(),
        a.to_current,
        a.from_file.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count()
}

fn target_of(a: &ResetArgs) -> anyhow::Result<Target> {
    match target_count(a) {
        0 => return Err(exit::usage("choose a target: --to-earliest, --to-latest, --to-offset N, --shift-by N, --to-datetime TS, --by-duration D, --to-current or --from-file F.csv")),
        1 => {}
        _ => return Err(exit::usage("choose exactly one target (--to-earliest, --to-latest, --to-offset, --shift-by, --to-datetime, --by-duration, --to-current, --from-file)")),
    }
    let now = chrono::Utc::now().timestamp_millis();
    Ok(if a.to_earliest {
        Target::Earliest
    } else if a.to_latest {
        Target::Latest
    } else if let Some(n) = a.to_offset {
        if n < 0 {
            return Err(exit::usage(format!("--to-offset {n}: offsets are >= 0")));
        }
        Target::Offset(n)
    } else if let Some(n) = a.shift_by {
        Target::ShiftBy(n)
    } else if let Some(ts) = &a.to_datetime {
        let ms = time::datetime_ms(ts).map_err(|e| exit::usage(e.to_string()))?;
        if ms > now {
            return Err(exit::usage(format!("--to-datetime {ts} is in the future")));
        }
        Target::Datetime(ms)
    } else if let Some(d) = &a.by_duration {
        let ms = time::duration_ms(d).map_err(|e| exit::usage(e.to_string()))?;
        Target::Datetime(now - ms)
    } else if a.to_current {
        Target::Current
    } else {
        Target::FromFile
    })
}

fn check_scope(a: &ResetArgs) -> anyhow::Result<()> {
    if a.from_file.is_some() {
        if a.all_topics || !a.topics.is_empty() {
            return Err(exit::usage(
                "--from-file gives the partitions: drop --all-topics/--topic",
            ));
        }
        return Ok(());
    }
    match (a.all_topics, a.topics.is_empty()) {
        (true, false) => Err(exit::usage("choose one scope: --all-topics or --topic")),
        (false, true) => Err(exit::usage(
            "choose a scope: --all-topics, --topic T, --topic T:0,2 or --from-file F.csv",
        )),
        _ => Ok(()),
    }
}

fn read_csv(path: &std::path::Path) -> anyhow::Result<Vec<CsvRow>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| exit::usage(format!("cannot read {}: {e}", path.display())))?;
    let rows = csv_file::parse(&path.display().to_string(), &text)
        .map_err(|e| exit::usage(e.to_string()))?;
    if rows.is_empty() {
        return Err(exit::usage(format!(
            "{}: no offsets in the file",
            path.display()
        )));
    }
    Ok(rows)
}

/// The groups to reset; with --all-groups, active groups are left out with a warning.
fn target_groups(
    ctx: &Context,
    session: &Session,
    a: &ResetArgs,
    rows: Option<&[CsvRow]>,
) -> anyhow::Result<Vec<String>> {
    if !a.all_groups {
        let mut gs = a.groups.clone();
        gs.dedup();
        if let Some(rows) = rows {
            for r in rows {
                if let Some(g) = &r.group {
                    if !gs.contains(g) {
                        return Err(exit::usage(format!(
                            "{}: line {}: group {g} is not one of the groups being reset ({})",
                            a.from_file
                                .as_ref()
                                .map(|p| p.display().to_string())
                                .unwrap_or_default(),
                            r.line,
                            gs.join(", ")
                        )));
                    }
                }
            }
        }
        return Ok(gs);
    }
    let listed = session.block_on(admin::list_groups(&session.client, &GroupFilter::default()))?;
    let mut groups: Vec<String> = listed.groups.into_iter().map(|g| g.group).collect();
    if let Some(rows) = rows.filter(|r| r.iter().any(|x| x.group.is_some())) {
        let in_file: BTreeSet<&str> = rows.iter().filter_map(|r| r.group.as_deref()).collect();
        groups.retain(|g| in_file.contains(g.as_str()));
    }
    let described = session.block_on(admin::describe_groups(&session.client, &groups));
    let mut keep = Vec::new();
    for (g, d) in described {
        match d {
            Ok(d) if d.is_active() => ctx.printer.warn(format!(
                "skipping {g}: it has {} active member(s)",
                d.members.len()
            )),
            Ok(_) => keep.push(g),
            Err(e) => ctx.printer.warn(format!("skipping {g}: {e}")),
        }
    }
    if keep.is_empty() {
        return Err(anyhow::anyhow!("no empty group to reset"));
    }
    Ok(keep)
}

fn build_plan(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    a: &ResetArgs,
    target: &Target,
    rows: Option<&[CsvRow]>,
) -> anyhow::Result<ResetPlan> {
    let client = &session.client;
    let committed = session.block_on(admin::fetch_offsets(client, groups, None));
    let mut current: BTreeMap<String, BTreeMap<TopicPartition, i64>> = BTreeMap::new();
    for (g, r) in committed {
        let offsets =
            r.map_err(|e| anyhow::anyhow!("cannot read the offsets of group {g}: {e}"))?;
        current.insert(
            g,
            offsets.into_iter().map(|(tp, o)| (tp, o.offset)).collect(),
        );
    }
    if !a.all_groups && !a.execute {
        let described = session.block_on(admin::describe_groups(client, groups));
        for (g, d) in described {
            if let Ok(d) = d {
                if d.is_active() {
                    ctx.printer.warn(format!(
                        "group {g} has {} active member(s): --execute will be refused until they stop",
                        d.members.len()
                    ));
                }
            }
        }
    }

    // Scope: which partitions of which group, and (from a file) the requested offsets.
    let mut scope: BTreeMap<String, BTreeMap<TopicPartition, Option<i64>>> = BTreeMap::new();
    if let Some(rows) = rows {
        for g in groups {
            let mine = rows
                .iter()
                .filter(|r| r.group.as_deref().is_none_or(|x| x == g));
            scope.insert(
                g.clone(),
                mine.map(|r| (r.partition.clone(), Some(r.offset)))
                    .collect(),
            );
        }
    } else if a.all_topics {
        for g in groups {
            let tps = current
                .get(g)
                .map(|m| m.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            if tps.is_empty() {
                return Err(anyhow::anyhow!(
                    "group {g} has no committed offsets, so --all-topics selects nothing; name the topics with --topic"
                ));
            }
            scope.insert(g.clone(), tps.into_iter().map(|tp| (tp, None)).collect());
        }
    } else {
        let tps = session.resolve_topics(&a.topics)?;
        for g in groups {
            scope.insert(g.clone(), tps.iter().map(|tp| (tp.clone(), None)).collect());
        }
    }
    if rows.is_some() {
        // Partitions from a file must exist.
        let topics: BTreeSet<String> = scope
            .values()
            .flat_map(|m| m.keys().map(|tp| tp.topic.clone()))
            .collect();
        let known = session.block_on(admin::topic_partitions(
            client,
            &topics.into_iter().collect::<Vec<_>>(),
        ))?;
        for tp in scope.values().flat_map(|m| m.keys()) {
            let exists = known
                .get(&tp.topic)
                .and_then(|x| x.as_ref())
                .is_some_and(|all| all.contains(tp));
            if !exists {
                return Err(anyhow::anyhow!(
                    "unknown topic or partition {tp} (from {})",
                    a.from_file
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ));
            }
        }
    }

    // Log ranges (and offsets by time) for every partition in scope, batched per leader.
    let all: Vec<TopicPartition> = scope
        .values()
        .flat_map(|m| m.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (starts, ends, by_time) = session.block_on(async {
        let by_time = async {
            match target {
                Target::Datetime(ms) => {
                    Some(admin::list_offsets(client, &all, OffsetSpec::Timestamp(*ms)).await)
                }
                _ => None,
            }
        };
        futures::join!(
            admin::list_offsets(client, &all, OffsetSpec::Earliest),
            admin::list_offsets(client, &all, OffsetSpec::Latest),
            by_time
        )
    });
    let mut problems = Vec::new();
    let get =
        |m: &BTreeMap<TopicPartition, Result<admin::ListedOffset, crate::kafka::KafkaError>>,
         tp: &TopicPartition,
         problems: &mut Vec<String>| {
            match m.get(tp) {
                Some(Ok(o)) => o.offset,
                Some(Err(e)) => {
                    problems.push(format!("{tp}: {e}"));
                    None
                }
                None => {
                    problems.push(format!("{tp}: no answer"));
                    None
                }
            }
        };
    let fallback = a.fallback.map(|f| match f {
        Fallback::Earliest => NoCommitFallback::Earliest,
        Fallback::Latest => NoCommitFallback::Latest,
    });
    let mut plan_groups = Vec::new();
    for (g, tps) in &scope {
        let mut rows_out = Vec::new();
        for (tp, requested) in tps {
            let start = get(&starts, tp, &mut problems);
            let end = get(&ends, tp, &mut problems);
            let t = by_time
                .as_ref()
                .map(|m| get(m, tp, &mut problems))
                .unwrap_or(None);
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            let state = PartitionState {
                partition: tp.clone(),
                current: current.get(g).and_then(|m| m.get(tp)).copied(),
                log_start: start,
                log_end: end,
                by_time: t,
                requested: *requested,
            };
            match plan::plan_partition(target, &state, fallback) {
                Ok(row) => rows_out.push(row),
                Err(u) => problems.push(format!("{g} {}: {}", u.partition, u.reason)),
            }
        }
        plan_groups.push(GroupPlan {
            group: g.clone(),
            partitions: rows_out,
        });
    }
    problems.dedup();
    if !problems.is_empty() {
        return Err(anyhow::anyhow!(
            "cannot plan {} partition(s), nothing committed: {}",
            problems.len(),
            problems.join("; ")
        ));
    }
    Ok(ResetPlan {
        groupctl_plan: plan::PLAN_FORMAT,
        created_at: time::format_ms(chrono::Utc::now().timestamp_millis()),
        target: target.describe(),
        groups: plan_groups,
    })
}

fn write_export(path: &std::path::Path, plan: &ResetPlan) -> anyhow::Result<()> {
    let multi = plan.groups.len() > 1;
    let rows = plan.groups.iter().flat_map(|g| {
        g.partitions
            .iter()
            .map(move |r| (multi.then_some(g.group.as_str()), r))
    });
    let tps: Vec<(Option<&str>, TopicPartition, i64)> =
        rows.map(|(g, r)| (g, r.tp(), r.new_offset)).collect();
    let text = csv_file::render(tps.iter().map(|(g, tp, o)| (*g, tp, *o)));
    std::fs::write(path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

fn show_plan(ctx: &Context, plan: &ResetPlan, dry_run: bool) -> anyhow::Result<()> {
    for g in &plan.groups {
        for r in &g.partitions {
            if let Some(n) = r.note.as_deref().filter(|n| n.starts_with("clamped")) {
                ctx.printer
                    .warn(format!("{} {}-{}: {n}", g.group, r.topic, r.partition));
            }
        }
    }
    if ctx.printer.json {
        if dry_run {
            ctx.printer.json(&json!({"dry_run": true, "plan": plan}))?;
        }
    } else {
        ctx.printer.out(&output::offsets::plan(plan));
    }
    Ok(())
}

fn execute(
    ctx: &Context,
    session: &Session,
    plan: &ResetPlan,
    a: &ResetArgs,
) -> anyhow::Result<Code> {
    let groups: Vec<String> = plan.groups.iter().map(|g| g.group.clone()).collect();
    apply::ensure_empty(session, &groups)?;
    show_plan(ctx, plan, false)?;
    let commits: Vec<GroupCommit> = plan
        .groups
        .iter()
        .map(|g| GroupCommit {
            group: g.group.clone(),
            offsets: g.offsets(),
        })
        .collect();
    let backups = apply::backup(ctx, session, &commits, a.backup_dir.as_deref())?;
    let mut report = apply::commit_all(session, &commits);
    report.backups = backups;
    session.report(ctx);
    if ctx.printer.json {
        ctx.printer
            .json(&json!({"dry_run": false, "plan": plan, "result": report}))?;
    }
    apply::outcome(ctx, &report)
}

fn execute_plan_file(ctx: &Context, a: &ResetArgs) -> anyhow::Result<Code> {
    let path = a.plan.as_ref().expect("checked by caller");
    if a.all_topics || !a.topics.is_empty() {
        return Err(exit::usage(
            "--execute --plan FILE takes the partitions from the plan: drop --all-topics/--topic",
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| exit::usage(format!("cannot read {}: {e}", path.display())))?;
    let mut plan: ResetPlan = serde_json::from_str(&text)
        .map_err(|e| exit::usage(format!("{} is not a groupctl plan: {e}", path.display())))?;
    if plan.groupctl_plan != plan::PLAN_FORMAT {
        return Err(exit::usage(format!(
            "{}: plan format {} is not supported (expected {})",
            path.display(),
            plan.groupctl_plan,
            plan::PLAN_FORMAT
        )));
    }
    if !a.all_groups {
        for g in &a.groups {
            if !plan.groups.iter().any(|p| &p.group == g) {
                return Err(exit::usage(format!(
                    "group {g} is not in the plan {}",
                    path.display()
                )));
            }
        }
        plan.groups.retain(|p| a.groups.contains(&p.group));
    }
    let session = ctx.session()?;
    let groups: Vec<String> = plan.groups.iter().map(|g| g.group.clone()).collect();
    let now = session.block_on(admin::fetch_offsets(&session.client, &groups, None));
    let mut moved = Vec::new();
    for gp in &plan.groups {
        let cur = match now.get(&gp.group) {
            Some(Ok(o)) => o.iter().map(|(tp, c)| (tp.clone(), c.offset)).collect(),
            Some(Err(e)) => {
                return Err(anyhow::anyhow!(
                    "cannot read the offsets of group {}: {e}",
                    gp.group
                ))
            }
            None => BTreeMap::new(),
        };
        for m in plan::stale_partitions(gp, &cur) {
            moved.push(format!(
                "{} {}: {} at planning, {} now",
                gp.group,
                m.partition,
                m.planned
                    .map(|o| o.to_string())
                    .unwrap_or_else(|| "none".into()),
                m.now
                    .map(|o| o.to_string())
                    .unwrap_or_else(|| "none".into())
            ));
        }
    }
    if !moved.is_empty() {
        let msg = format!(
            "the plan {} (made {}) is stale: {} committed offset(s) moved since: {}",
            path.display(),
            plan.created_at,
            moved.len(),
            moved.join("; ")
        );
        if !a.force {
            return Err(exit::refused(format!(
                "{msg}; plan again, or pass --force to execute it anyway"
            )));
        }
        ctx.printer
            .warn(format!("{msg}; executing anyway (--force)"));
    }
    execute(ctx, &session, &plan, a)
}
