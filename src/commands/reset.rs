//! `groupctl reset-offsets`: plan (dry run by default), export, plan files,
//! and a guarded execute.

use super::activity::{self, Activity};
use super::apply::{self, GroupCommit};
use super::committed;
use super::session::Session;
use super::Context;
use crate::admin::{self, GroupFilter, OffsetSpec};
use crate::cli::{Fallback, ResetArgs};
use crate::exit::{self, Code};
use crate::files::{self, Existing};
use crate::model::TopicPartition;
use crate::output;
use crate::reset::{
    self, csv_file, names, parse, plan, Committed, CsvRow, LogOffsets, NoCommitFallback, ResetPlan,
    Scope, Selection, Target,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub fn run(ctx: &Context, mut args: ResetArgs) -> anyhow::Result<Code> {
    args.groups = names::distinct(&args.groups);
    if args.execute && args.plan.is_some() && target_count(&args) == 0 {
        return execute_plan_file(ctx, &args);
    }
    if args.groups.is_empty() && !args.all_groups {
        return Err(exit::usage(
            "name the groups to reset, or --all-groups (only --execute --plan FILE takes them from the plan)",
        ));
    }
    let target = target_of(&args)?;
    check_scope(&args)?;
    if args.execute && args.plan.is_some() {
        return Err(exit::usage(
            "--execute --plan FILE executes a saved plan: drop the target flags (or drop --execute to write a new plan)",
        ));
    }
    // Every argument is checked before anything is sent.
    for t in &args.topics {
        parse::topic_scope(t).map_err(|e| exit::usage(e.to_string()))?;
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
    let (plan, committed) = plan?;
    if !args.all_groups {
        let new = apply::without_offsets(&groups, &committed);
        apply::check_new_groups(ctx, &session, &new, args.allow_new_group, args.execute)?;
    }

    if let Some(path) = &args.export {
        write_export(path, &plan)?;
        ctx.printer.note(format!(
            "plan exported (kafka-consumer-groups.sh format) to {}",
            path.display()
        ));
    }
    if !args.execute {
        if let Some(path) = &args.plan {
            let text = serde_json::to_string_pretty(&plan)? + "\n";
            files::write_atomic(path, text.as_bytes(), Existing::Replace)
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
        let ms = parse::datetime_ms(ts).map_err(|e| exit::usage(e.to_string()))?;
        if ms > now {
            return Err(exit::usage(format!("--to-datetime {ts} is in the future")));
        }
        Target::Datetime(ms)
    } else if let Some(d) = &a.by_duration {
        let ms = parse::duration_ms(d).map_err(|e| exit::usage(e.to_string()))?;
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
        let gs = a.groups.clone();
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
    let listed = session.block_on(admin::list_groups(&session.admin, &GroupFilter::default()))?;
    let mut groups: Vec<String> = listed.groups.into_iter().map(|g| g.group).collect();
    if let Some(rows) = rows.filter(|r| r.iter().any(|x| x.group.is_some())) {
        let in_file: BTreeSet<&str> = rows.iter().filter_map(|r| r.group.as_deref()).collect();
        groups.retain(|g| in_file.contains(g.as_str()));
    }
    let mut keep = Vec::new();
    for (g, activity) in activity::of(session, &groups) {
        match activity {
            Ok(Activity::Active(d)) => ctx.printer.warn(format!(
                "skipping {g}: it has {} active member(s)",
                d.members.len()
            )),
            Ok(Activity::Idle) => keep.push(g),
            Ok(Activity::Unverifiable(_)) if a.assume_empty => keep.push(g),
            Ok(Activity::Unverifiable(why)) => ctx.printer.warn(format!(
                "skipping {g}: {why} (pass --assume-empty once its consumers are stopped)"
            )),
            Err(e) => ctx.printer.warn(format!("skipping {g}: {e}")),
        }
    }
    if keep.is_empty() {
        return Err(anyhow::anyhow!("no empty group to reset"));
    }
    Ok(keep)
}

/// Gather what planning needs (committed offsets, the partitions, their log
/// offsets), then plan with `reset::plan`, which does the rest without I/O.
/// Also returns the committed offsets it read.
fn build_plan(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    a: &ResetArgs,
    target: &Target,
    rows: Option<&[CsvRow]>,
) -> anyhow::Result<(ResetPlan, Committed)> {
    let admin = &session.admin;
    if !a.all_groups && !a.execute {
        for (g, activity) in activity::of(session, groups) {
            match activity {
                Ok(Activity::Active(d)) => ctx.printer.warn(format!(
                    "group {g} has {} active member(s): --execute will be refused until they stop",
                    d.members.len()
                )),
                Ok(Activity::Unverifiable(why)) if !a.assume_empty => ctx.printer.warn(format!(
                    "cannot check that group {g} has no members ({why}): --execute will be refused unless --assume-empty"
                )),
                _ => {}
            }
        }
    }
    let file = a
        .from_file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let named;
    let selection = match rows {
        Some(rows) => Selection::File { rows, file: &file },
        None if a.all_topics => Selection::AllTopics,
        None => {
            named = session.resolve_topics(&a.topics)?;
            Selection::Partitions(&named)
        }
    };
    // "All topics" needs the group's commits to know its partitions; otherwise the
    // partitions are known first and OffsetFetch names them (not every broker
    // answers the all-topics form fully).
    let (scope, committed) = match selection {
        Selection::AllTopics => {
            let committed = committed_offsets(ctx, session, groups, None)?;
            (Scope::select(groups, &selection, &committed)?, committed)
        }
        _ => {
            let scope = Scope::select(groups, &selection, &Committed::new())?;
            if rows.is_some() {
                let known = session.block_on(admin::topic_partitions(admin, &scope.topics()))?;
                scope.check_known(&known, &file)?;
            }
            let committed = committed_offsets(ctx, session, groups, Some(&scope.partitions()))?;
            (scope, committed)
        }
    };
    let mut logs = log_offsets(session, &scope.partitions(), target);
    let past_end = logs.by_time_past_end();
    if !past_end.is_empty() {
        let again = session.block_on(admin::list_offsets(admin, &past_end, OffsetSpec::Latest));
        for (tp, r) in again {
            logs.end
                .insert(tp, r.map(|o| o.offset).map_err(|e| e.to_string()));
        }
        logs.reject_by_time_past_end();
    }
    let fallback = a.fallback.map(|f| match f {
        Fallback::Earliest => NoCommitFallback::Earliest,
        Fallback::Latest => NoCommitFallback::Latest,
    });
    let created_at = reset::format_ms(chrono::Utc::now().timestamp_millis());
    let plan = reset::plan(target, fallback, &scope, &committed, &logs, created_at)?;
    Ok((plan, committed))
}

/// Committed offsets of every group (on `only`, else on every partition); a
/// group whose offsets cannot be read stops the plan.
fn committed_offsets(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    only: Option<&[TopicPartition]>,
) -> anyhow::Result<Committed> {
    let fetched = committed::fetch(ctx, session, groups, only);
    let mut committed = Committed::new();
    for (g, r) in fetched {
        let offsets =
            r.map_err(|e| anyhow::anyhow!("cannot read the offsets of group {g}: {e}"))?;
        let offsets = offsets.into_iter().map(|(tp, o)| (tp, o.offset)).collect();
        committed.insert(g, offsets);
    }
    Ok(committed)
}

/// Log start and end (and offsets by time) of the partitions, batched per leader.
fn log_offsets(session: &Session, partitions: &[TopicPartition], target: &Target) -> LogOffsets {
    let admin = &session.admin;
    let (start, end, by_time) = session.block_on(async {
        let by_time = async {
            match target {
                Target::Datetime(ms) => {
                    Some(admin::list_offsets(admin, partitions, OffsetSpec::Timestamp(*ms)).await)
                }
                _ => None,
            }
        };
        futures::join!(
            admin::list_offsets(admin, partitions, OffsetSpec::Earliest),
            admin::list_offsets(admin, partitions, OffsetSpec::Latest),
            by_time
        )
    });
    let listed = |m: BTreeMap<TopicPartition, Result<admin::ListedOffset, admin::AdminError>>| {
        m.into_iter()
            .map(|(tp, r)| (tp, r.map(|o| o.offset).map_err(|e| e.to_string())))
            .collect()
    };
    LogOffsets {
        start: listed(start),
        end: listed(end),
        by_time: by_time.map(listed),
    }
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
    let text = csv_file::try_render(tps.iter().map(|(g, tp, o)| (*g, tp, *o)))
        .map_err(|e| anyhow::anyhow!("cannot export to {}: {e}", path.display()))?;
    files::write_atomic(path, text.as_bytes(), Existing::Replace)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
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
    apply::ensure_empty(ctx, session, &groups, a.assume_empty)?;
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
    // No group named: the whole plan (`groupctl reset-offsets --execute --plan FILE`).
    if !a.all_groups && !a.groups.is_empty() {
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
    let planned: BTreeSet<TopicPartition> = plan
        .groups
        .iter()
        .flat_map(|g| g.partitions.iter().map(|r| r.tp()))
        .collect();
    let planned: Vec<TopicPartition> = planned.into_iter().collect();
    let now = committed::fetch(ctx, &session, &groups, Some(&planned));
    let mut moved = Vec::new();
    let mut committed = Committed::new();
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
        committed.insert(gp.group.clone(), cur.clone());
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
    let new = apply::without_offsets(&groups, &committed);
    apply::check_new_groups(ctx, &session, &new, a.allow_new_group, true)?;
    execute(ctx, &session, &plan, a)
}
