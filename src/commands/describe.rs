//! `groupctl describe`: groups with per-partition lag, members, or state.
//! Everything is batched: one request per coordinator or leader per step.

use super::partial::{Failure, Tally};
use super::{watch, Context};
use crate::admin::{self, Admin, AdminError, GroupFilter, OffsetSpec};
use crate::cli::{DescribeArgs, DescribeView};
use crate::exit::{self, Code};
use crate::model::{
    compute_lag, timelag, GroupDescription, GroupReport, GroupState, LogRange, TopicPartition,
};
use crate::output;
use serde_json::json;
use std::collections::BTreeMap;

pub fn run(ctx: &Context, args: DescribeArgs) -> anyhow::Result<Code> {
    let view = args.view.view();
    if let Some(plan) = watch::describe_plan(&args, view)? {
        return watch::run(ctx, plan);
    }
    let session = ctx.session()?;
    let admin = &session.admin;
    let (missing, reports, errors) = session.block_on(async {
        // With --all-groups, a broker that does not answer ListGroups hides its groups.
        let (groups, missing) = if args.all_groups {
            let listed = admin::list_groups(admin, &GroupFilter::default()).await?;
            let groups = listed.groups.into_iter().map(|g| g.group).collect();
            (groups, listed.failed_brokers)
        } else {
            (args.groups.clone(), Vec::new())
        };
        let progress = ctx
            .printer
            .spinner(&format!("describing {} groups", groups.len()));
        let (mut reports, errors) = gather(admin, &groups, view, !args.all_groups).await;
        fill_time_lag(admin, &mut reports).await;
        progress.finish_and_clear();
        Ok::<_, AdminError>((missing, reports, errors))
    })?;
    session.report(ctx);

    let mut failed: Vec<Failure> = missing
        .iter()
        .map(|(id, e)| {
            let item = format!("broker {id} did not answer ListGroups, its groups are missing");
            Failure::new(item, e.to_string())
        })
        .collect();
    failed.extend(errors.iter().map(|(_, e)| Failure::named(e.clone())));
    // Nothing to show: the failures say it all.
    let total_failure = reports.is_empty() && !failed.is_empty();
    if ctx.printer.json && !total_failure {
        let errs: Vec<_> = errors
            .iter()
            .map(|(g, e)| json!({"group": g, "error": e}))
            .collect();
        ctx.printer
            .json(&json!({"groups": reports, "errors": errs}))?;
    } else if !ctx.printer.json {
        render(ctx, &reports, view);
    }
    let described = reports.len();
    let tally = Tally {
        done: described,
        failed,
    };
    let breach = watch::breach_once(&watch::thresholds(&args.alerts), &reports);
    let settled = tally.settle(&ctx.printer, None, |_| {
        let mut parts = Vec::new();
        if !errors.is_empty() {
            parts.push(format!(
                "{} of {} groups could not be described",
                errors.len(),
                errors.len() + described
            ));
        }
        if !missing.is_empty() {
            parts.push(format!(
                "{} broker(s) did not answer ListGroups, so groups may be missing",
                missing.len()
            ));
        }
        parts.join("; ")
    });
    match (breach, settled) {
        (None, settled) => settled,
        // The breach is the news; a partial result stays a warning.
        (Some(breach), Err(partial)) if exit::code_of(&partial) == Code::Data => {
            ctx.printer.warn(partial.to_string());
            Err(breach)
        }
        (Some(breach), Ok(_)) => Err(breach),
        (Some(_), failed) => failed,
    }
}

fn render(ctx: &Context, reports: &[GroupReport], view: DescribeView) {
    match view {
        DescribeView::State => {
            if !reports.is_empty() {
                ctx.printer.out(&output::groups::states(reports));
            }
        }
        DescribeView::Members => {
            let text: Vec<String> = reports.iter().map(output::groups::members).collect();
            if !text.is_empty() {
                ctx.printer.out(&text.join("\n"));
            }
        }
        DescribeView::Offsets => {
            let text: Vec<String> = reports
                .iter()
                .map(|r| output::groups::offsets(r, ctx.printer.color))
                .collect();
            if !text.is_empty() {
                ctx.printer.out(&text.join("\n"));
            }
        }
    }
}

/// Describe, and for the offsets view fetch commits and log ranges; report per group.
/// `named`: the user named the groups, so an unknown one is an error.
pub(super) async fn gather(
    admin: &Admin,
    groups: &[String],
    view: DescribeView,
    named: bool,
) -> (Vec<GroupReport>, Vec<(String, String)>) {
    let mut errors = Vec::new();
    let described = admin::describe_groups(admin, groups).await;
    let mut descs: Vec<GroupDescription> = Vec::new();
    for (g, r) in described {
        match r {
            Ok(d) => descs.push(d),
            Err(e) => errors.push((g.clone(), about_group(&g, &e.to_string()))),
        }
    }
    // Offsets are needed for lag, and to tell an unknown group from an empty one
    // (Kafka says Dead; some brokers say Empty for groups they never saw).
    let need_offsets: Vec<String> = descs
        .iter()
        .filter(|d| view == DescribeView::Offsets || (named && d.members.is_empty()))
        .map(|d| d.group.clone())
        .collect();
    let mut committed = if need_offsets.is_empty() {
        BTreeMap::new()
    } else {
        admin::fetch_offsets(admin, &need_offsets, None).await
    };
    let mut kept = Vec::new();
    for d in descs {
        let offsets = match committed.remove(&d.group) {
            Some(Err(e)) => {
                errors.push((d.group.clone(), about_group(&d.group, &e.to_string())));
                continue;
            }
            Some(Ok(o)) => Some(o),
            None => None,
        };
        let unknown = d.state == GroupState::Dead
            || (d.members.is_empty() && offsets.as_ref().is_some_and(|o| o.is_empty()));
        if named && unknown {
            errors.push((
                d.group.clone(),
                format!(
                    "group {}: not found (no members and no committed offsets)",
                    d.group
                ),
            ));
            continue;
        }
        kept.push((d, offsets.unwrap_or_default()));
    }
    if view != DescribeView::Offsets {
        let reports = kept
            .into_iter()
            .map(|(d, _)| GroupReport {
                description: d,
                total_lag: None,
                partitions_without_commit: None,
                partitions: None,
            })
            .collect();
        return (reports, errors);
    }
    // Every partition of every topic a group consumes (subscribed, assigned or committed).
    let mut topics_of: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (d, o) in &kept {
        let mut ts: Vec<String> = o.keys().map(|tp| tp.topic.clone()).collect();
        for m in &d.members {
            ts.extend(m.subscription.iter().cloned());
            ts.extend(m.assignment.iter().map(|tp| tp.topic.clone()));
        }
        ts.sort();
        ts.dedup();
        topics_of.insert(d.group.as_str(), ts);
    }
    let mut all_topics: Vec<String> = topics_of.values().flatten().cloned().collect();
    all_topics.sort();
    all_topics.dedup();
    let known = admin::topic_partitions(admin, &all_topics)
        .await
        .unwrap_or_default();
    let partitions_of =
        |t: &str| -> Vec<TopicPartition> { known.get(t).cloned().flatten().unwrap_or_default() };
    let extra: BTreeMap<String, Vec<TopicPartition>> = topics_of
        .iter()
        .map(|(g, ts)| {
            (
                g.to_string(),
                ts.iter().flat_map(|t| partitions_of(t)).collect(),
            )
        })
        .collect();
    let mut partitions: Vec<TopicPartition> = kept
        .iter()
        .flat_map(|(d, o)| {
            o.keys()
                .cloned()
                .chain(d.members.iter().flat_map(|m| m.assignment.iter().cloned()))
        })
        .chain(extra.values().flatten().cloned())
        .collect();
    partitions.sort();
    partitions.dedup();
    let (ends, starts) = futures::join!(
        admin::list_offsets(admin, &partitions, OffsetSpec::Latest),
        admin::list_offsets(admin, &partitions, OffsetSpec::Earliest)
    );
    let logs: BTreeMap<TopicPartition, LogRange> = partitions
        .into_iter()
        .map(|tp| {
            let end = ends.get(&tp);
            let start = starts.get(&tp);
            let error = match (end, start) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => Some(e.short()),
                _ => None,
            };
            let range = LogRange {
                end: end.and_then(|r| r.as_ref().ok()).and_then(|o| o.offset),
                start: start.and_then(|r| r.as_ref().ok()).and_then(|o| o.offset),
                error,
            };
            (tp, range)
        })
        .collect();
    let reports = kept
        .into_iter()
        .map(|(d, offsets)| {
            let lag = compute_lag(
                &d,
                &offsets,
                &logs,
                extra.get(&d.group).map(Vec::as_slice).unwrap_or_default(),
            );
            GroupReport {
                description: d,
                total_lag: Some(lag.total_lag),
                partitions_without_commit: Some(lag.partitions_without_commit),
                partitions: Some(lag.partitions),
            }
        })
        .collect();
    (reports, errors)
}

/// Time lag of every partition that has lag: the timestamp of the record at
/// its committed offset, one Fetch per leader after the offsets are known.
pub(super) async fn fill_time_lag(admin: &Admin, reports: &mut [GroupReport]) {
    let rows = || reports.iter().flat_map(|r| r.partitions.iter().flatten());
    // Behind the log start the record is gone: the NOTE says so already.
    let positions: Vec<(TopicPartition, i64)> = rows()
        .filter(|p| p.lag.is_some_and(|l| l > 0) && p.behind_log_start.is_none())
        .filter_map(|p| {
            Some((
                TopicPartition::new(&p.topic, p.partition),
                p.current_offset?,
            ))
        })
        .collect();
    let found = if positions.is_empty() {
        BTreeMap::new()
    } else {
        admin::next_records(admin, &positions).await
    };
    let now = chrono::Utc::now().timestamp_millis();
    for row in reports
        .iter_mut()
        .flat_map(|r| r.partitions.iter_mut().flatten())
    {
        let key = row
            .current_offset
            .map(|o| (TopicPartition::new(&row.topic, row.partition), o));
        let next = key
            .and_then(|k| found.get(&k))
            .map(|r| r.as_ref().cloned().map_err(|e| e.short()));
        let t = timelag::time_lag(row.lag, next.as_ref(), now);
        timelag::apply(row, t);
    }
}

/// Name the group in a message unless the message already does.
fn about_group(group: &str, msg: &str) -> String {
    if msg.contains(group) {
        msg.to_string()
    } else {
        format!("group {group}: {msg}")
    }
}
