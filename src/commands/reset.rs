//! `groupctl reset-offsets`: plan (dry run by default), export, plan files,
//! and a guarded execute.

use super::activity::{self, Activities, Activity};
use super::apply::{self, GroupCommit};
use super::reset_gather::{self, Wanted};
use super::session::Session;
use super::Context;
use crate::admin::{self, prepare, GroupFilter, OffsetSpec};
use crate::cli::{Fallback, ResetArgs};
use crate::exit::{self, Code};
use crate::files::{self, Existing};
use crate::model::{time, TopicPartition};
use crate::output;
use crate::reset::{
    self, csv_file, names, parse, plan, plan_file, Committed, CsvRow, NoCommitFallback, ResetPlan,
    Scope, Selection, Target,
};
use serde_json::json;
use std::collections::BTreeSet;

pub fn run(ctx: &Context, mut args: ResetArgs) -> anyhow::Result<Code> {
    args.groups = names::distinct(&args.groups);
    if args.plan.is_some() && target_count(&args) == 0 {
        return run_plan_file(ctx, &args);
    }
    if args.groups.is_empty() && !args.all_groups {
        return Err(exit::usage(
            "name the groups to reset, or --all-groups (only --plan FILE without a target takes them from the plan)",
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
    // A plan needs every partition: wait out a dead leader's failover.
    session.admin.wait_for_failover();
    let groups = target_groups(ctx, &session, &args, file_rows.as_deref())?;
    let _writing = if args.execute {
        apply::lock_writers(ctx, &session.settings.bootstrap, &groups)?
    } else {
        Vec::new()
    };
    let progress = ctx.printer.spinner("planning");
    let planned = build_plan(ctx, &session, &groups, &args, &target, file_rows.as_deref());
    progress.finish_and_clear();
    let (plan, checks) = planned?;
    if let Some(presence) = &checks.presence {
        let presence = presence
            .as_ref()
            .map_err(|e| anyhow::anyhow!("cannot check that the groups exist: {e}"))?;
        apply::judge_new_groups(ctx, presence, args.allow_new_group, args.execute)?;
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
            let shown = path.display().to_string();
            ctx.printer.note(format!(
                "plan written to {shown}; execute it with: {}",
                output::command_line(
                    &["groupctl", "reset-offsets", "--execute", "--plan", &shown],
                    &[],
                    &[],
                )
            ));
        }
        session.report(ctx);
        show_plan(ctx, &plan, true)?;
        ctx.printer
            .note("dry run: nothing was committed (add --execute to apply this plan)");
        return Ok(Code::Ok);
    }
    execute(ctx, &session, &plan, &args, checks)
}

/// What was read while planning and guards the execution: which groups
/// are active, the committed offsets a backup saves, and whether the groups
/// without offsets exist (typo-proof writes).
struct Checks {
    activity: Activities,
    committed: Committed,
    presence: Option<Result<admin::GroupPresence, admin::AdminError>>,
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
        Target::Datetime(now.saturating_sub(ms))
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
    for (g, activity) in session.block_on(activity::of(&session.admin, &groups)) {
        match activity {
            Ok(Activity::Active(d)) => ctx.printer.warn(format!(
                "skipping {g}: it has {} active member(s)",
                d.members.len()
            )),
            Ok(Activity::Idle(_)) => keep.push(g),
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
/// offsets, alongside which groups are active and whether those without
/// offsets exist; `reset_gather`), then plan with `reset::plan`, which does
/// the rest without I/O.
fn build_plan(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    a: &ResetArgs,
    target: &Target,
    rows: Option<&[CsvRow]>,
) -> anyhow::Result<(ResetPlan, Checks)> {
    let admin = &session.admin;
    let note = |m: String| ctx.printer.info(m);
    // Several groups from one file: rows without a group go only to the
    // groups that read their topic, unless --allow-new-topics.
    let own_topics = (a.all_groups || groups.len() > 1) && !a.allow_new_topics;
    let wanted = match rows {
        Some(rows) => Wanted::File {
            rows,
            whole_topics: own_topics && rows.iter().any(|r| r.group.is_none()),
        },
        None if a.all_topics => Wanted::AllTopics,
        None => Wanted::Topics(&a.topics),
    };
    let gathered = session.block_on(prepare::warming(
        admin,
        reset_gather::gather(admin, groups, wanted, a.all_groups, target, note),
    ))?;
    if !a.all_groups && !a.execute {
        for (g, activity) in &gathered.activity {
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
    let selection = match rows {
        Some(rows) => Selection::File {
            rows,
            file: &file,
            own_topics,
        },
        None if a.all_topics => Selection::AllTopics,
        None => Selection::Partitions(gathered.named.as_deref().unwrap_or_default()),
    };
    // "All topics" takes the partitions from the group's commits; otherwise
    // they were known first and OffsetFetch named them.
    let scope = Scope::select(groups, &selection, &gathered.committed)?;
    if rows.is_some() {
        scope.check_known(&gathered.known, &file)?;
    }
    for (g, t) in &scope.not_its_topics {
        ctx.printer.warn(format!(
            "{g}: leaving out {t} from {file}: the group has no committed offset on it (pass --allow-new-topics to give it one)"
        ));
    }
    let mut logs = gathered.logs;
    session.block_on(reset_gather::complete(
        admin,
        &mut logs,
        &scope.partitions(),
        target,
    ));
    // A lookup by time past the log end: the end may have moved since; read it again.
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
    let created_at = time::format_ms(chrono::Utc::now().timestamp_millis());
    let plan = reset::plan(
        target,
        fallback,
        &scope,
        &gathered.committed,
        &logs,
        created_at,
    )?;
    let checks = Checks {
        activity: gathered.activity,
        committed: gathered.committed,
        presence: gathered.presence,
    };
    Ok((plan, checks))
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

/// Guard (no active group), back up, commit: from what was read while
/// planning, so that executing adds one round trip (OffsetCommit).
fn execute(
    ctx: &Context,
    session: &Session,
    plan: &ResetPlan,
    a: &ResetArgs,
    mut checks: Checks,
) -> anyhow::Result<Code> {
    checks
        .activity
        .retain(|g, _| plan.groups.iter().any(|p| &p.group == g));
    // From here Ctrl-C is answered by saying what was committed (exit 130).
    let _interruptible = crate::interrupt::guard();
    apply::check_empty(ctx, checks.activity, a.assume_empty)?;
    let commits: Vec<GroupCommit> = plan
        .groups
        .iter()
        .map(|g| GroupCommit {
            group: g.group.clone(),
            offsets: g.offsets(),
        })
        .collect();
    apply::refuse_missing_acls(
        &apply::missing_topic_reads(session, &commits),
        "commit offsets",
    )?;
    let backups = apply::backup_from(ctx, &commits, &checks.committed, a.backup_dir.as_deref())?;
    // The plan is rendered while the brokers work on the commit (thousands
    // of rows take as long as a round trip); it is what is being committed.
    let mut shown = Ok(());
    let mut report = apply::commit_all_while(session, &commits, || {
        shown = show_plan(ctx, plan, false);
    });
    shown?;
    report.backups = backups;
    session.report(ctx);
    if ctx.printer.json {
        ctx.printer
            .json(&json!({"dry_run": false, "plan": plan, "result": report}))?;
    }
    apply::outcome(ctx, &report)
}

/// `--plan FILE` without a target: the plan file is input like any other.
/// It is checked (`reset::plan_file`), planned again as `--from-file` would
/// be against the cluster as it is now (unknown partitions refused, offsets
/// clamped to the log with a note), checked for staleness, then shown (a dry
/// run) or executed (`--execute`): what the dry run shows is what executes.
fn run_plan_file(ctx: &Context, a: &ResetArgs) -> anyhow::Result<Code> {
    let path = a.plan.as_ref().expect("checked by caller");
    if a.all_topics || !a.topics.is_empty() {
        return Err(exit::usage(
            "--plan FILE without a target takes the partitions from the plan: drop --all-topics/--topic",
        ));
    }
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| exit::usage(format!("cannot read {file}: {e}")))?;
    let mut plan = plan_file::parse(&file, &text).map_err(|e| exit::usage(e.to_string()))?;
    // No group named (or --all-groups): the whole plan.
    if !a.all_groups && !a.groups.is_empty() {
        for g in &a.groups {
            if !plan.groups.iter().any(|p| &p.group == g) {
                return Err(exit::usage(format!("group {g} is not in the plan {file}")));
            }
        }
        plan.groups.retain(|p| a.groups.contains(&p.group));
    }
    let rows = plan_file::rows(&file, &plan).map_err(|e| exit::usage(e.to_string()))?;
    let session = ctx.session()?;
    // A plan needs every partition: wait out a dead leader's failover.
    session.admin.wait_for_failover();
    let groups: Vec<String> = plan.groups.iter().map(|g| g.group.clone()).collect();
    let _writing = if a.execute {
        apply::lock_writers(ctx, &session.settings.bootstrap, &groups)?
    } else {
        Vec::new()
    };
    let admin = &session.admin;
    let target = Target::FromFile;
    let note = |m: String| ctx.printer.info(m);
    let gathered = session.block_on(prepare::warming(
        admin,
        reset_gather::gather(
            admin,
            &groups,
            Wanted::File {
                rows: &rows,
                whole_topics: false,
            },
            false,
            &target,
            note,
        ),
    ))?;
    let scope = Scope::select(
        &groups,
        &Selection::File {
            rows: &rows,
            file: &file,
            own_topics: false,
        },
        &gathered.committed,
    )?;
    scope.check_known(&gathered.known, &file)?;
    let mut logs = gathered.logs;
    session.block_on(reset_gather::complete(
        admin,
        &mut logs,
        &scope.partitions(),
        &target,
    ));
    let mut again = reset::plan(
        &target,
        None,
        &scope,
        &gathered.committed,
        &logs,
        plan.created_at.clone(),
    )?;
    again.target = plan.target.clone();
    // The plan's own "current" is what staleness is judged by.
    let mut moved = Vec::new();
    for gp in &plan.groups {
        let now = gathered
            .committed
            .get(&gp.group)
            .cloned()
            .unwrap_or_default();
        for m in plan::stale_partitions(gp, &now) {
            let shown = |o: Option<i64>| o.map(|o| o.to_string()).unwrap_or_else(|| "none".into());
            moved.push(format!(
                "{} {}: {} at planning, {} now",
                gp.group,
                m.partition,
                shown(m.planned),
                shown(m.now)
            ));
        }
    }
    if !moved.is_empty() {
        let msg = format!(
            "the plan {file} (made {}) is stale: {} committed offset(s) moved since: {}",
            plan.created_at,
            moved.len(),
            moved.join("; ")
        );
        if !a.execute {
            ctx.printer
                .warn(format!("{msg}; --execute will be refused unless --force"));
        } else if !a.force {
            return Err(exit::refused(format!(
                "{msg}; plan again, or pass --force to execute it anyway"
            )));
        } else {
            ctx.printer
                .warn(format!("{msg}; executing anyway (--force)"));
        }
    }
    if let Some(presence) = &gathered.presence {
        let presence = presence
            .as_ref()
            .map_err(|e| anyhow::anyhow!("cannot check that the groups exist: {e}"))?;
        apply::judge_new_groups(ctx, presence, a.allow_new_group, a.execute)?;
    }
    if let Some(out) = &a.export {
        write_export(out, &again)?;
        ctx.printer.note(format!(
            "plan exported (kafka-consumer-groups.sh format) to {}",
            out.display()
        ));
    }
    if !a.execute {
        session.report(ctx);
        show_plan(ctx, &again, true)?;
        ctx.printer.note(format!(
            "dry run of {file}: nothing was committed (add --execute to apply it)"
        ));
        return Ok(Code::Ok);
    }
    let checks = Checks {
        activity: gathered.activity,
        committed: gathered.committed,
        presence: None,
    };
    execute(ctx, &session, &again, a, checks)
}
