//! `groupctl delete` and `groupctl delete-offsets`, with confirmation.

use super::partial::{Failure, Tally};
use super::session::Session;
use super::Context;
use crate::admin::{self, AdminError, ErrorCode};
use crate::cli::{DeleteArgs, DeleteOffsetsArgs};
use crate::exit::{self, Code};
use crate::model::acl::{MissingAcl, Operation};
use crate::model::TopicPartition;
use crate::reset::names;
use serde_json::json;

/// Ask unless --yes; without a terminal, refuse (exit 3) rather than guess.
/// The time the user takes to answer is not the brokers': the deadline
/// (`--timeout`) starts again after the answer.
fn confirm(ctx: &Context, session: &Session, yes: bool, question: &str) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    let answer = ctx.printer.confirm(question);
    session.admin.restart_deadline();
    match answer {
        Some(true) => Ok(()),
        Some(false) => Err(exit::refused("not confirmed; nothing deleted")),
        None => Err(exit::refused(
            "no terminal to confirm on: pass --yes to delete",
        )),
    }
}

pub fn run_delete(ctx: &Context, a: DeleteArgs) -> anyhow::Result<Code> {
    let session = ctx.session()?;
    let groups = names::distinct(&a.groups);
    // The broker should refuse non-empty groups (NON_EMPTY_GROUP), but not all do: check
    // first. A group the coordinator cannot describe (GROUP_ID_NOT_FOUND) is still sent:
    // the broker deletes it if it has offsets, and explains otherwise.
    let mut active = Vec::new();
    let mut undescribed = Vec::new();
    let mut missing = Vec::new();
    for (g, d) in session.block_on(super::activity::describe(&session.admin, &groups)) {
        match d {
            Ok(d) if d.is_active() => {
                active.push(format!("{g} ({}, {} member(s))", d.state, d.members.len()))
            }
            Ok(d) => {
                if d.authorized
                    .is_some_and(|ops| !ops.allows(Operation::Delete))
                {
                    missing.push(MissingAcl {
                        operation: Operation::Delete,
                        resource_type: "Group",
                        name: g,
                    });
                }
            }
            Err(e) if e.code() == Some(ErrorCode::GroupIdNotFound) => undescribed.push(g),
            Err(e) => return Err(anyhow::anyhow!("cannot describe group {g}: {e}")),
        }
    }
    super::apply::refuse_missing_acls(&missing, "delete")?;
    if !active.is_empty() {
        return Err(exit::refused(format!(
            "refusing to delete groups with active members: {}; stop their consumers first",
            active.join(", ")
        )));
    }
    confirm(
        ctx,
        &session,
        a.yes,
        &format!(
            "Delete group(s) {} and their committed offsets?",
            groups.join(", ")
        ),
    )?;
    let res = session.block_on(admin::delete_groups(&session.admin, &groups));
    session.report(ctx);
    let mut failed = Vec::new();
    let mut deleted = Vec::new();
    for g in &groups {
        match res.get(g) {
            Some(Ok(())) => deleted.push(g.clone()),
            Some(Err(e)) => failed.push((g.clone(), explain(e, undescribed.contains(g)))),
            None => failed.push((g.clone(), "no answer".into())),
        }
    }
    if ctx.printer.json {
        let f: Vec<_> = failed
            .iter()
            .map(|(g, e)| json!({"group": g, "error": e}))
            .collect();
        ctx.printer
            .json(&json!({"deleted": deleted, "failed": f}))?;
    } else {
        for g in &deleted {
            ctx.printer.out(&format!("deleted group {g}"));
        }
    }
    finish(ctx, deleted.len(), failed)
}

/// The broker's answer to DeleteGroups for one group, for the operator.
/// `undescribed`: the coordinator had answered GROUP_ID_NOT_FOUND to DescribeGroups.
fn explain(e: &AdminError, undescribed: bool) -> String {
    match e.code() {
        Some(ErrorCode::GroupIdNotFound) => {
            format!("{e} (no members and no committed offsets: nothing to delete)")
        }
        Some(ErrorCode::NonEmptyGroup) if undescribed => {
            format!("{e} (the broker could not describe its members, but says they exist)")
        }
        _ => e.to_string(),
    }
}

/// Exit status by the partial-failure rule (`partial.rs`); `failed`: (item, why).
fn finish(ctx: &Context, ok: usize, failed: Vec<(String, String)>) -> anyhow::Result<Code> {
    let tally = Tally {
        done: ok,
        failed: failed
            .into_iter()
            .map(|(item, why)| Failure::new(item, why))
            .collect(),
    };
    tally.settle(&ctx.printer, Some("nothing deleted"), |t| {
        format!(
            "{} deleted, {} failed (listed above)",
            t.done,
            t.failed.len()
        )
    })
}

/// The partitions `--topic` names. A topic that no longer exists is still
/// accepted: its offsets outlive it (Kafka deletes them only with the group
/// or by OffsetDelete), so its partitions come from the group's commits.
fn offset_partitions(
    session: &super::session::Session,
    group: &str,
    args: &[String],
) -> anyhow::Result<Vec<TopicPartition>> {
    let scopes = super::session::topic_scopes(args)?;
    let topics: Vec<String> = scopes.iter().map(|s| s.topic.clone()).collect();
    let known = session.block_on(admin::topic_partitions(&session.admin, &topics))?;
    let mut tps = std::collections::BTreeSet::new();
    let mut gone = Vec::new();
    for s in &scopes {
        let named = s.partitions.iter().flatten();
        match known.get(&s.topic) {
            Some(Some(all)) if s.partitions.is_none() => tps.extend(all.iter().cloned()),
            Some(Some(all)) => {
                for p in named {
                    tps.insert(super::session::known_partition(&s.topic, *p, all)?);
                }
            }
            _ if s.partitions.is_some() => {
                tps.extend(named.map(|p| TopicPartition::new(s.topic.clone(), *p)));
            }
            _ => gone.push(s.topic.clone()),
        }
    }
    if !gone.is_empty() {
        let committed = session
            .block_on(admin::fetch_offsets(
                &session.admin,
                &[group.to_string()],
                None,
            ))
            .remove(group)
            .unwrap_or_else(|| Err(AdminError::no_coordinator(group)))
            .map_err(|e| anyhow::anyhow!("cannot read the offsets of group {group}: {e}"))?;
        for t in gone {
            let of_topic: Vec<TopicPartition> = committed
                .keys()
                .filter(|tp| tp.topic == t)
                .cloned()
                .collect();
            if of_topic.is_empty() {
                anyhow::bail!(
                    "unknown topic {t}, and group {group} has no committed offsets for it"
                );
            }
            tps.extend(of_topic);
        }
    }
    Ok(tps.into_iter().collect())
}

pub fn run_delete_offsets(ctx: &Context, a: DeleteOffsetsArgs) -> anyhow::Result<Code> {
    let session = ctx.session()?;
    let tps = offset_partitions(&session, &a.group, &a.topics)?;
    let list: Vec<String> = tps.iter().map(|tp| tp.to_string()).collect();
    confirm(
        ctx,
        &session,
        a.yes,
        &format!(
            "Delete the committed offsets of group {} for {}?",
            a.group,
            list.join(", ")
        ),
    )?;
    let res = session.block_on(admin::delete_offsets(&session.admin, &a.group, &tps))?;
    session.report(ctx);
    let mut failed = Vec::new();
    let mut deleted = Vec::new();
    for tp in &tps {
        match res.get(tp) {
            Some(Ok(())) => deleted.push(tp.clone()),
            Some(Err(e)) => {
                let explained = match e.code() {
                    Some(ErrorCode::GroupSubscribedToTopic) => {
                        format!("{e} (the group's members still consume {})", tp.topic)
                    }
                    _ => e.to_string(),
                };
                failed.push((tp.to_string(), explained));
            }
            None => failed.push((tp.to_string(), "no answer".into())),
        }
    }
    if ctx.printer.json {
        let f: Vec<_> = failed
            .iter()
            .map(|(p, e)| json!({"partition": p, "error": e}))
            .collect();
        ctx.printer
            .json(&json!({"group": a.group, "deleted": deleted, "failed": f}))?;
    } else {
        for tp in &deleted {
            ctx.printer
                .out(&format!("deleted committed offset of {} for {tp}", a.group));
        }
    }
    finish(ctx, deleted.len(), failed)
}
