//! Committing offsets safely, shared by `reset-offsets --execute` and
//! `offsets commit`: re-check that the group is empty, back up what is
//! replaced (written and synced before anything is committed), commit, and
//! report every partition that failed.

use super::session::Session;
use super::Context;
use crate::admin;
use crate::exit::{self, Code};
use crate::model::TopicPartition;
use crate::reset::csv_file;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
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

#[derive(Debug, Serialize, Default)]
pub struct ApplyReport {
    pub backups: Vec<Backup>,
    pub committed: usize,
    pub failed: Vec<FailedPartition>,
}

/// Refuse (exit 3) when any group has active members: they would overwrite
/// the offsets, and Kafka rejects admin commits for them anyway.
pub fn ensure_empty(session: &Session, groups: &[String]) -> anyhow::Result<()> {
    let described = session.block_on(admin::describe_groups(&session.client, groups));
    let mut active = Vec::new();
    for (g, r) in described {
        let d = r.map_err(|e| anyhow::anyhow!("cannot check that group {g} is empty: {e}"))?;
        if d.is_active() {
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
    }
    if active.is_empty() {
        Ok(())
    } else {
        Err(exit::refused(format!(
            "refusing to commit offsets: {}; stop its consumers first (they would overwrite the offsets)",
            active.join("; ")
        )))
    }
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

/// Write `contents` to `path` and fsync it (the backup must survive a crash right after).
fn write_synced(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(contents.as_bytes())?;
    f.sync_all()
}

/// Back up the committed offsets of the partitions about to change, one CSV per group.
pub fn backup(
    ctx: &Context,
    session: &Session,
    commits: &[GroupCommit],
    dir: Option<&Path>,
) -> anyhow::Result<Vec<Backup>> {
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let groups: Vec<String> = commits.iter().map(|c| c.group.clone()).collect();
    let current = session.block_on(admin::fetch_offsets(&session.client, &groups, None));
    let stamp = crate::model::time::file_stamp_ms(chrono::Utc::now().timestamp_millis());
    let mut out = Vec::new();
    for c in commits {
        let now = match current.get(&c.group) {
            Some(Ok(o)) => o,
            Some(Err(e)) => anyhow::bail!(
                "cannot read the current offsets of {} for the backup: {e}",
                c.group
            ),
            None => anyhow::bail!(
                "cannot read the current offsets of {} for the backup",
                c.group
            ),
        };
        let mut rows = Vec::new();
        let mut missing = Vec::new();
        for tp in c.offsets.keys() {
            match now.get(tp) {
                Some(o) => rows.push((None, tp, o.offset)),
                None => missing.push(tp.clone()),
            }
        }
        let path = dir.join(format!(
            "groupctl-backup-{}-{stamp}.csv",
            file_safe(&c.group)
        ));
        write_synced(&path, &csv_file::render(rows)).map_err(|e| {
            anyhow::anyhow!(
                "cannot write backup {}: {e} (nothing was committed)",
                path.display()
            )
        })?;
        ctx.printer.note(format!(
            "backup of the replaced offsets of {}: {}\n  undo with: groupctl reset-offsets {} --from-file {} --execute",
            c.group,
            path.display(),
            c.group,
            path.display()
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

/// Commit every group's offsets; per-partition failures are collected, not fatal.
pub fn commit_all(session: &Session, commits: &[GroupCommit]) -> ApplyReport {
    let mut report = ApplyReport::default();
    for c in commits {
        match session.block_on(admin::commit_offsets(&session.client, &c.group, &c.offsets)) {
            Ok(per) => {
                for tp in c.offsets.keys() {
                    match per.get(tp) {
                        Some(Ok(())) => report.committed += 1,
                        Some(Err(e)) => report.failed.push(failed(&c.group, tp, e.to_string())),
                        None => report.failed.push(failed(
                            &c.group,
                            tp,
                            "no answer from the coordinator".into(),
                        )),
                    }
                }
            }
            Err(e) => {
                for tp in c.offsets.keys() {
                    report.failed.push(failed(&c.group, tp, e.to_string()));
                }
            }
        }
    }
    report
}

fn failed(group: &str, tp: &TopicPartition, error: String) -> FailedPartition {
    FailedPartition {
        group: group.into(),
        topic: tp.topic.clone(),
        partition: tp.partition,
        error,
    }
}

/// Exit status after committing: 0, 4 (some partitions failed) or an error (all failed).
pub fn outcome(ctx: &Context, report: &ApplyReport) -> anyhow::Result<Code> {
    for f in &report.failed {
        ctx.printer.warn(format!(
            "{} {}-{}: not committed: {}",
            f.group, f.topic, f.partition, f.error
        ));
    }
    if report.failed.is_empty() {
        ctx.printer
            .note(format!("committed {} offset(s)", report.committed));
        Ok(Code::Ok)
    } else if report.committed == 0 {
        Err(anyhow::anyhow!(
            "no offset was committed: {}",
            report.failed[0].error
        ))
    } else {
        Err(exit::data(format!(
            "{} offset(s) committed, {} failed (listed above)",
            report.committed,
            report.failed.len()
        )))
    }
}
