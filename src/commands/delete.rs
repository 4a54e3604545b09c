//! `groupctl delete` and `groupctl delete-offsets`, with confirmation.

use super::partial::{Failure, Tally};
use super::session::Session;
use super::Context;
use crate::admin::{self, ErrorCode};
use crate::cli::{DeleteArgs, DeleteOffsetsArgs};
use crate::exit::{self, Code};
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
    let mut groups = a.groups.clone();
    groups.dedup();
    // The broker should refuse non-empty groups (NON_EMPTY_GROUP), but not all do: check first.
    let mut active = Vec::new();
    for (g, d) in session.activity(&groups) {
        match d {
            Ok(Some(d)) => active.push(format!("{g} ({}, {} member(s))", d.state, d.members.len())),
            Ok(None) => {}
            Err(e) => return Err(anyhow::anyhow!("cannot describe group {g}: {e}")),
        }
    }
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
            Some(Err(e)) => failed.push((g.clone(), e.to_string())),
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

pub fn run_delete_offsets(ctx: &Context, a: DeleteOffsetsArgs) -> anyhow::Result<Code> {
    let session = ctx.session()?;
    let tps = session.resolve_topics(&a.topics)?;
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
