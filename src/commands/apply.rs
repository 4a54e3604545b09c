//! Committing offsets safely, shared by `reset-offsets --execute` and
//! `offsets commit`: re-check that the group is empty, back up what is
//! replaced (written and synced before anything is committed), commit, and
//! report every partition that failed.

use super::activity::{self, Activities, Activity};
use super::committed;
use super::partial::{Failure, Tally};
use super::session::Session;
use super::Context;
use crate::admin;
use crate::exit::{self, Code};
use crate::files::{self, Existing};
use crate::interrupt;
use crate::model::acl::{MissingAcl, Operation};
use crate::model::TopicPartition;
use crate::reset::{csv_file, names};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Offsets to commit for one group.
pub struct GroupCommit {
    pub group: String,
    pub offsets: BTreeMap<TopicPartition, i64>,
}

#[derive(Debug, Serialize)]
pub struct Backup {
    pub group: String,
    pub path: String,
    /// Partitions that had no committed offset (a CSV cannot express "none").
    pub partitions_without_commit: Vec<TopicPartition>,
}

#[derive(Debug, Serialize)]
pub struct FailedPartition {
    pub group: String,
    pub topic: String,
    pub partition: i32,
    pub error: String,
}

/// A partition of a group (committed, or left without an answer).
#[derive(Debug, Serialize)]
pub struct GroupPartition {
    pub group: String,
    pub topic: String,
    pub partition: i32,
}

#[derive(Debug, Serialize, Default)]
pub struct ApplyReport {
    pub backups: Vec<Backup>,
    pub committed: usize,
    pub failed: Vec<FailedPartition>,
    /// Interrupted (Ctrl-C, SIGTERM) while committing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
    /// Which partitions were committed (listed when interrupted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed_partitions: Option<Vec<GroupPartition>>,
    /// Sent, but no answer came before the interruption: committed or not, unknown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unanswered: Vec<GroupPartition>,
}

/// Refuse (exit 3) when any group has active members: they would overwrite
/// the offsets, and Kafka rejects admin commits for them anyway. A group
/// whose members cannot be checked is refused too, unless `assume_empty`.
pub fn ensure_empty(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    assume_empty: bool,
) -> anyhow::Result<()> {
    check_empty(
        ctx,
        session.block_on(activity::of(&session.admin, groups)),
        assume_empty,
    )
}

/// `ensure_empty` on groups already judged (read alongside other requests).
pub fn check_empty(
    ctx: &Context,
    activities: Activities,
    assume_empty: bool,
) -> anyhow::Result<()> {
    let mut active = Vec::new();
    let mut unverifiable = Vec::new();
    let mut missing = Vec::new();
    for (g, a) in activities {
        let a = a.map_err(|e| anyhow::anyhow!("cannot check that group {g} is empty: {e}"))?;
        match a {
            Activity::Idle(ops) => {
                if ops.is_some_and(|ops| !ops.allows(Operation::Read)) {
                    missing.push(MissingAcl {
                        operation: Operation::Read,
                        resource_type: "Group",
                        name: g.clone(),
                    });
                }
            }
            Activity::Active(d) => {
                let names: Vec<&str> = d.members.iter().map(|m| m.member_id.as_str()).collect();
                let who = if names.is_empty() {
                    "members joining".to_string()
                } else {
                    names.join(", ")
                };
                active.push(format!(
                    "{g} is {} with {} active member(s): {who}",
                    d.state,
                    d.members.len()
                ));
            }
            Activity::Unverifiable(why) if assume_empty => ctx.printer.warn(format!(
                "cannot check that group {g} has no members ({why}); committing anyway (--assume-empty)"
            )),
            Activity::Unverifiable(why) => unverifiable.push(format!("{g}: {why}")),
        }
    }
    if !active.is_empty() {
        return Err(exit::refused(format!(
            "refusing to commit offsets: {}; stop its consumers first (they would overwrite the offsets)",
            active.join("; ")
        )));
    }
    if !unverifiable.is_empty() {
        return Err(exit::refused(format!(
            "refusing to commit offsets: cannot check that the group has no active members ({}); stop its consumers, then pass --assume-empty",
            unverifiable.join("; ")
        )));
    }
    refuse_missing_acls(&missing, "commit offsets")
}

/// Refuse (exit 3) a write the principal lacks ACLs for, naming each, before
/// anything is sent: the broker would fail it item by item.
pub fn refuse_missing_acls(missing: &[MissingAcl], what: &str) -> anyhow::Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
    Err(exit::refused(format!(
        "refusing to {what}: the principal lacks {} (an administrator grants it with kafka-acls.sh --add --allow-principal User:... --operation ...); nothing was written",
        list.join(", ")
    )))
}

/// The topics of `commits` the principal may not READ (an offset commit needs
/// it), from the topic metadata already read.
pub fn missing_topic_reads(session: &Session, commits: &[GroupCommit]) -> Vec<MissingAcl> {
    let topics: BTreeSet<String> = commits
        .iter()
        .flat_map(|c| c.offsets.keys().map(|tp| tp.topic.clone()))
        .collect();
    let topics: Vec<String> = topics.into_iter().collect();
    let rights = session.block_on(admin::topic_operations(&session.admin, &topics));
    topics
        .into_iter()
        .filter(|t| {
            rights
                .get(t)
                .copied()
                .flatten()
                .is_some_and(|ops| !ops.allows(Operation::Read))
        })
        .map(|t| MissingAcl {
            operation: Operation::Read,
            resource_type: "Topic",
            name: t,
        })
        .collect()
}

/// Typo-proof writes: of `groups` (those without a committed offset on the
/// partitions about to be written), the ones the cluster does not know at all
/// are refused on `execute` unless `allow_new`; a dry run warns up front.
pub fn check_new_groups(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    allow_new: bool,
    execute: bool,
) -> anyhow::Result<()> {
    if groups.is_empty() {
        return Ok(());
    }
    let presence = session.block_on(admin::group_presence(&session.admin, groups))?;
    judge_new_groups(ctx, &presence, allow_new, execute)
}

/// `check_new_groups` on what the cluster showed of the groups (read alongside other requests).
pub fn judge_new_groups(
    ctx: &Context,
    presence: &admin::GroupPresence,
    allow_new: bool,
    execute: bool,
) -> anyhow::Result<()> {
    if presence.unknown.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = presence
        .unknown
        .iter()
        .map(|g| {
            let near = names::nearest(g, presence.listed.iter().map(String::as_str));
            let hint = match near.as_slice() {
                [] => String::new(),
                _ => format!("; did you mean {}?", near.join(" or ")),
            };
            format!("group {g} does not exist (no members, no committed offsets, not listed by any broker{hint})")
        })
        .collect();
    if presence.unlisted_brokers > 0 {
        ctx.printer.warn(format!(
            "{} broker(s) did not answer ListGroups: their groups were not looked at",
            presence.unlisted_brokers
        ));
    }
    if allow_new {
        if execute {
            for g in &presence.unknown {
                ctx.printer
                    .note(format!("creating group {g} (--allow-new-group)"));
            }
        }
        return Ok(());
    }
    if !execute {
        for l in &lines {
            ctx.printer.warn(format!(
                "{l}; --execute will be refused unless --allow-new-group"
            ));
        }
        return Ok(());
    }
    Err(anyhow::anyhow!(
        "{}; nothing committed (pass --allow-new-group to create {})",
        lines.join("; "),
        if presence.unknown.len() == 1 {
            "it"
        } else {
            "them"
        }
    ))
}

/// Groups of `commits` with no committed offset on any partition in `current`.
pub fn without_offsets<'a>(
    groups: impl IntoIterator<Item = &'a String>,
    current: &BTreeMap<String, BTreeMap<TopicPartition, i64>>,
) -> Vec<String> {
    groups
        .into_iter()
        .filter(|g| current.get(*g).is_none_or(|m| m.is_empty()))
        .cloned()
        .collect()
}

/// One writer of a group's offsets at a time on this machine: a lock per
/// (cluster, group), taken before the offsets are read for the plan and held
/// until the commit is answered. A second `--execute` on the same group
/// meanwhile is refused before it reads or writes anything, so that no
/// backup records offsets another run is about to replace. The cluster is
/// the bootstrap list as given; the locks live in the state directory.
pub fn lock_writers(
    ctx: &Context,
    bootstrap: &[String],
    groups: &[String],
) -> anyhow::Result<Vec<files::Lock>> {
    let dir = crate::config::state_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("locks");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        ctx.printer.warn(format!(
            "cannot create {} ({e}): other groupctl runs on this machine are not kept from writing the same groups meanwhile",
            dir.display()
        ));
        return Ok(Vec::new());
    }
    let mut cluster: Vec<&str> = bootstrap.iter().map(String::as_str).collect();
    cluster.sort_unstable();
    let cluster = cluster.join(",");
    let mut locks = Vec::new();
    for g in groups {
        let key = crc32fast::hash(format!("{cluster}\n{g}").as_bytes());
        let path = dir.join(format!("{}-{key:08x}.lock", file_safe(g)));
        match files::try_lock(&path) {
            Ok(l) => locks.push(l),
            Err(files::LockError::Held { pid }) => {
                let who = pid.map(|p| format!(" (pid {p})")).unwrap_or_default();
                return Err(exit::refused(format!(
                    "another groupctl{who} is writing the offsets of group {g} on {cluster}: nothing was read or committed; run again once it has finished"
                )));
            }
            Err(files::LockError::Io(e)) => ctx.printer.warn(format!(
                "cannot lock {} ({e}): other groupctl runs on this machine are not kept from writing group {g} meanwhile",
                path.display()
            )),
        }
    }
    Ok(locks)
}

fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `--backup-dir`, else the user's state directory (created on first use),
/// else the current directory.
fn backup_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        return Ok(dir.to_path_buf());
    }
    let Some(dir) = crate::config::default_backup_dir() else {
        return Ok(PathBuf::from("."));
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the backup directory {}: {e} (nothing was committed; choose another with --backup-dir)",
            dir.display()
        )
    })?;
    Ok(dir)
}

/// Back up the committed offsets of the partitions about to change, one CSV per group.
pub fn backup(
    ctx: &Context,
    session: &Session,
    commits: &[GroupCommit],
    dir: Option<&Path>,
) -> anyhow::Result<Vec<Backup>> {
    let groups: Vec<String> = commits.iter().map(|c| c.group.clone()).collect();
    // The partitions about to change, by name: not every broker answers "all topics" fully.
    let partitions: BTreeSet<TopicPartition> = commits
        .iter()
        .flat_map(|c| c.offsets.keys().cloned())
        .collect();
    let partitions: Vec<TopicPartition> = partitions.into_iter().collect();
    let mut current = BTreeMap::new();
    for (g, r) in committed::fetch(ctx, session, &groups, Some(&partitions)) {
        let offsets = r.map_err(|e| {
            anyhow::anyhow!("cannot read the current offsets of {g} for the backup: {e}")
        })?;
        current.insert(
            g,
            offsets.into_iter().map(|(tp, o)| (tp, o.offset)).collect(),
        );
    }
    backup_from(ctx, commits, &current, dir)
}

/// `backup` of offsets already read (`current`: group -> partition -> committed
/// offset, read naming at least the partitions about to change).
pub fn backup_from(
    ctx: &Context,
    commits: &[GroupCommit],
    current: &BTreeMap<String, BTreeMap<TopicPartition, i64>>,
    dir: Option<&Path>,
) -> anyhow::Result<Vec<Backup>> {
    let dir = backup_dir(dir)?;
    let stamp = crate::model::time::file_stamp_ms(chrono::Utc::now().timestamp_millis());
    let mut out = Vec::new();
    for c in commits {
        let Some(now) = current.get(&c.group) else {
            anyhow::bail!(
                "cannot read the current offsets of {} for the backup",
                c.group
            );
        };
        let mut rows = Vec::new();
        let mut missing = Vec::new();
        for tp in c.offsets.keys() {
            match now.get(tp) {
                Some(o) => rows.push((None, tp, *o)),
                None => missing.push(tp.clone()),
            }
        }
        let path = dir.join(format!(
            "groupctl-backup-{}-{stamp}.csv",
            file_safe(&c.group)
        ));
        let csv = csv_file::render(rows);
        files::write_atomic(&path, csv.as_bytes(), Existing::Keep).map_err(|e| {
            anyhow::anyhow!(
                "cannot write backup {}: {e} (nothing was committed)",
                path.display()
            )
        })?;
        let shown = path.display().to_string();
        ctx.printer.note(format!(
            "backup of the replaced offsets of {}: {}\n  undo with: {}",
            c.group,
            shown,
            crate::output::command_line(
                &["groupctl", "reset-offsets"],
                &[&c.group],
                &["--from-file", &shown, "--execute"],
            )
        ));
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|tp| tp.to_string()).collect();
            ctx.printer.warn(format!(
                "{}: {} had no committed offset before; undoing leaves them committed (use delete-offsets to remove)",
                c.group,
                list.join(", ")
            ));
        }
        out.push(Backup {
            group: c.group.clone(),
            path: path.display().to_string(),
            partitions_without_commit: missing,
        });
    }
    Ok(out)
}

/// Commit every group's offsets, all groups at once; per-partition failures
/// are collected, not fatal.
pub fn commit_all(session: &Session, commits: &[GroupCommit]) -> ApplyReport {
    commit_all_while(session, commits, || ())
}

/// `commit_all`, running `meanwhile` (rendering, say) once the commits are
/// sent, while the brokers work on them. Answers are taken as they come; on
/// Ctrl-C (the caller holds an `interrupt::guard`) no further request is
/// sent, answers in flight are awaited for up to the request timeout, and
/// the groups still unanswered are reported as such (`unanswered`).
pub fn commit_all_while(
    session: &Session,
    commits: &[GroupCommit],
    meanwhile: impl FnOnce(),
) -> ApplyReport {
    use futures::stream::{FuturesUnordered, StreamExt};
    let mut report = ApplyReport::default();
    let admin = &session.admin;
    let grace = session.settings.client_config().request_timeout;
    let mut results: Vec<Option<_>> = commits.iter().map(|_| None).collect();
    let mut done = Vec::new();
    if interrupt::requested() {
        // Interrupted after the backups, before anything was sent.
        report.interrupted = true;
        admin.halt_new_requests();
    }
    session.block_on(async {
        let mut pending: FuturesUnordered<_> =
            commits
                .iter()
                .enumerate()
                .map(|(i, c)| async move {
                    (i, admin::commit_offsets(admin, &c.group, &c.offsets).await)
                })
                .collect();
        // One poll writes the requests; then the CPU work, then the answers.
        if let std::task::Poll::Ready(Some((i, r))) = futures::poll!(pending.next()) {
            results[i] = Some(r);
        }
        meanwhile();
        loop {
            tokio::select! {
                next = pending.next() => match next {
                    Some((i, r)) => results[i] = Some(r),
                    None => return,
                },
                _ = interrupt::interrupted() => break,
            }
        }
        report.interrupted = true;
        admin.halt_new_requests();
        let drain = async {
            while let Some((i, r)) = pending.next().await {
                results[i] = Some(r);
            }
        };
        let _ = tokio::time::timeout(grace, drain).await;
    });
    for (c, result) in commits.iter().zip(results) {
        match result {
            Some(Ok(per)) => {
                for tp in c.offsets.keys() {
                    match per.get(tp) {
                        Some(Ok(())) => done.push(committed(&c.group, tp)),
                        Some(Err(e)) => report.failed.push(failed(&c.group, tp, e.to_string())),
                        None => report.failed.push(failed(
                            &c.group,
                            tp,
                            "no answer from the coordinator".into(),
                        )),
                    }
                }
            }
            Some(Err(e)) => {
                for tp in c.offsets.keys() {
                    report.failed.push(failed(&c.group, tp, e.to_string()));
                }
            }
            None => {
                for tp in c.offsets.keys() {
                    report.unanswered.push(committed(&c.group, tp));
                }
            }
        }
    }
    report.committed = done.len();
    report.committed_partitions = report.interrupted.then_some(done);
    report
}

fn committed(group: &str, tp: &TopicPartition) -> GroupPartition {
    GroupPartition {
        group: group.into(),
        topic: tp.topic.clone(),
        partition: tp.partition,
    }
}

fn failed(group: &str, tp: &TopicPartition, error: String) -> FailedPartition {
    FailedPartition {
        group: group.into(),
        topic: tp.topic.clone(),
        partition: tp.partition,
        error,
    }
}

/// After Ctrl-C mid-commit: exactly what was committed, what is unknown,
/// what was not sent, and where the backups are; exit 130.
fn interrupted(ctx: &Context, report: &ApplyReport) -> anyhow::Result<Code> {
    let list = |ps: &[GroupPartition]| {
        let mut by_group: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for p in ps {
            by_group
                .entry(&p.group)
                .or_default()
                .push(format!("{}-{}", p.topic, p.partition));
        }
        by_group
            .iter()
            .map(|(g, tps)| format!("{g} {}", tps.join(" ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let done = report.committed_partitions.as_deref().unwrap_or_default();
    if !done.is_empty() {
        ctx.printer
            .warn(format!("committed before the interruption: {}", list(done)));
    }
    if !report.unanswered.is_empty() {
        ctx.printer.warn(format!(
            "sent, but no answer before the interruption (committed or not: check with offsets fetch): {}",
            list(&report.unanswered)
        ));
    }
    for f in &report.failed {
        ctx.printer.warn(format!(
            "{} {}-{}: not committed: {}",
            f.group, f.topic, f.partition, f.error
        ));
    }
    for b in &report.backups {
        ctx.printer.note(format!(
            "the offsets replaced in {} are in the backup {}",
            b.group, b.path
        ));
    }
    Err(crate::exit::interrupted(format!(
        "interrupted: {} offset(s) committed, {} unknown, {} not committed (listed above)",
        done.len(),
        report.unanswered.len(),
        report.failed.len()
    )))
}

/// Exit status after committing, by the partial-failure rule (`partial.rs`).
pub fn outcome(ctx: &Context, report: &ApplyReport) -> anyhow::Result<Code> {
    if report.interrupted {
        return interrupted(ctx, report);
    }
    if report.failed.is_empty() {
        ctx.printer
            .note(format!("committed {} offset(s)", report.committed));
    }
    let tally = Tally {
        done: report.committed,
        failed: report
            .failed
            .iter()
            .map(|f| {
                let item = format!("{} {}-{}: not committed", f.group, f.topic, f.partition);
                Failure::new(item, &f.error)
            })
            .collect(),
    };
    tally.settle(&ctx.printer, Some("no offset was committed"), |t| {
        format!(
            "{} offset(s) committed, {} failed (listed above)",
            t.done,
            t.failed.len()
        )
    })
}
