//! What `reset-offsets` needs from the cluster, gathered in as few dependent
//! round trips as the answers allow, so that a plan and its execution cost
//! four: ApiVersions (every bootstrap broker); FindCoordinator ∥ Metadata;
//! OffsetFetch ∥ DescribeGroups ∥ ListOffsets; OffsetCommit.
//!
//! The partitions ListOffsets needs are known before the committed offsets
//! are for `--topic` and `--from-file`, and OffsetFetch names them (not
//! every broker answers the all-topics form fully). For `--all-topics` they
//! are the committed ones: rather than wait for OffsetFetch, every partition
//! of the cluster is listed at once when the cluster is small enough for
//! that to cost less than a round trip; otherwise (and for anything not
//! listed) a fourth round follows OffsetFetch.
//!
//! Answers that raise a doubt cost one more round trip, and only then: a
//! group its coordinator cannot describe, or one without committed offsets
//! where the reset writes (is it a typo?), needs the brokers' listing
//! (`settle`); an OffsetFetch answer missing a group or empty for "all
//! topics" is asked again (`committed::fetch_with`).

use super::activity::{self, Activities, Described};
use super::{apply, committed, session};
use crate::admin::{self, prepare, Admin, AdminError, GroupFilter, GroupPresence, OffsetSpec};
use crate::model::TopicPartition;
use crate::reset::{Committed, CsvRow, Listed, LogOffsets, Target};
use std::collections::{BTreeMap, BTreeSet};

/// Up to this many partitions in the cluster, `--all-topics` lists the log
/// offsets of all of them alongside OffsetFetch (ListOffsets answers are
/// ~30 bytes a partition: far cheaper than a round trip).
const LIST_ALL_UP_TO: usize = 20_000;

/// The cluster's side of a reset.
pub struct Gathered {
    /// Committed offsets of every group (on the partitions in scope, or all
    /// of them for `--all-topics`; also what a backup saves).
    pub committed: Committed,
    /// Which groups are active, read alongside (the execute guard).
    pub activity: Activities,
    /// What the cluster shows of the groups without a committed offset where
    /// the reset writes (None: every group has one, or `--all-groups`).
    pub presence: Option<Result<GroupPresence, AdminError>>,
    /// `--topic`: the partitions named, checked against the cluster.
    pub named: Option<Vec<TopicPartition>>,
    /// `--from-file`: the partitions of the file's topics (None: no such topic).
    pub known: BTreeMap<String, Option<Vec<TopicPartition>>>,
    /// Log offsets of the partitions known so far (`complete` adds the rest).
    pub logs: LogOffsets,
}

/// Which partitions a reset may touch, as the user named them.
#[derive(Debug, Clone, Copy)]
pub enum Wanted<'a> {
    /// `--from-file` (or a plan file): the rows name them. `whole_topics`:
    /// the committed offsets are read for every partition of the file's
    /// topics (which groups read a topic decides where rows without a group go).
    File {
        rows: &'a [CsvRow],
        whole_topics: bool,
    },
    /// `--all-topics`: those the groups have committed.
    AllTopics,
    /// `--topic T[:P,...]`, as typed.
    Topics(&'a [String]),
}

/// `note` is told of extra OffsetFetch rounds (`committed::fetch_with`).
/// `all_groups`: the groups came from the brokers' listing (none is new).
pub async fn gather(
    admin: &Admin,
    groups: &[String],
    wanted: Wanted<'_>,
    all_groups: bool,
    target: &Target,
    note: impl Fn(String),
) -> anyhow::Result<Gathered> {
    let all_topics = matches!(wanted, Wanted::AllTopics);
    // Round trip 2: coordinators, and the partitions the plan may touch.
    let partitions = async {
        let mut named = None;
        let mut known = BTreeMap::new();
        let mut read_committed_of = None;
        let candidates = match wanted {
            Wanted::File { rows, whole_topics } => {
                let topics: BTreeSet<&str> =
                    rows.iter().map(|r| r.partition.topic.as_str()).collect();
                let topics: Vec<String> = topics.into_iter().map(str::to_string).collect();
                known = admin::topic_partitions(admin, &topics).await?;
                let in_cluster: std::collections::HashSet<&TopicPartition> =
                    known.values().flatten().flatten().collect();
                let mut tps: Vec<TopicPartition> = rows
                    .iter()
                    .map(|r| &r.partition)
                    .filter(|tp| in_cluster.contains(tp))
                    .cloned()
                    .collect();
                tps.sort();
                tps.dedup();
                if whole_topics {
                    let mut all: Vec<TopicPartition> = in_cluster.into_iter().cloned().collect();
                    all.sort();
                    read_committed_of = Some(all);
                }
                tps
            }
            Wanted::AllTopics => {
                prepare::load_all_topics(admin).await?;
                let all = prepare::all_partitions(admin);
                if all.len() <= LIST_ALL_UP_TO {
                    all
                } else {
                    Vec::new()
                }
            }
            Wanted::Topics(topics) => {
                let tps = session::resolve_topics(admin, topics).await?;
                named = Some(tps.clone());
                tps
            }
        };
        Ok::<_, anyhow::Error>((named, known, candidates, read_committed_of))
    };
    let (_, partitions) = futures::join!(prepare::locate_groups(admin, groups), partitions);
    let (named, known, candidates, read_committed_of) = partitions?;

    // Round trip 3: committed offsets (of the partitions in scope when they
    // are known), activity and log offsets side by side.
    let only = (!all_topics).then_some(read_committed_of.as_deref().unwrap_or(&candidates));
    let (fetched, described, logs) = futures::join!(
        committed::fetch_with(admin, groups, only, note),
        activity::describe(admin, groups),
        log_offsets(admin, &candidates, target)
    );
    let mut committed = Committed::new();
    for (g, r) in fetched {
        let offsets =
            r.map_err(|e| anyhow::anyhow!("cannot read the offsets of group {g}: {e}"))?;
        let offsets = offsets.into_iter().map(|(tp, o)| (tp, o.offset)).collect();
        committed.insert(g, offsets);
    }
    let new = if all_groups {
        Vec::new()
    } else {
        apply::without_offsets(groups, &committed)
    };
    let (activity, presence) = settle(admin, described, &new, only.is_none()).await;
    Ok(Gathered {
        committed,
        activity,
        presence,
        named,
        known,
        logs,
    })
}

/// The activity of the groups from their descriptions, and what the cluster
/// shows of `new` (groups without a committed offset where the reset writes;
/// `read_all`: their offsets were read for every partition, and there were
/// none). Both need the brokers' listing only in doubt: one more round trip,
/// with the all-topics OffsetFetch of `new` when it was not read.
pub async fn settle(
    admin: &Admin,
    described: Described,
    new: &[String],
    read_all: bool,
) -> (Activities, Option<Result<GroupPresence, AdminError>>) {
    if new.is_empty() && !activity::needs_listing(&described) {
        return (activity::judge(described, None), None);
    }
    let offsets = async {
        if new.is_empty() || read_all {
            BTreeMap::new()
        } else {
            admin::fetch_offsets(admin, new, None).await
        }
    };
    let all = GroupFilter::default();
    let (listed, offsets) = futures::join!(admin::list_groups(admin, &all), offsets);
    let presence = (!new.is_empty()).then(|| {
        let list = listed.as_ref().map_err(Clone::clone)?;
        let has_members = described
            .iter()
            .filter(|(g, _)| new.contains(g))
            .map(|(g, d)| {
                let members = d.as_ref().map(|d| !d.members.is_empty());
                (g.clone(), members.map_err(Clone::clone))
            })
            .collect();
        admin::presence_from(list, &admin::unlisted(list, new), &offsets, &has_members)
    });
    (activity::judge(described, Some(&listed)), presence)
}

/// Round trip 4 when needed: log offsets of the partitions in scope that
/// were not listed yet.
pub async fn complete(
    admin: &Admin,
    logs: &mut LogOffsets,
    partitions: &[TopicPartition],
    target: &Target,
) {
    let missing: Vec<TopicPartition> = partitions
        .iter()
        .filter(|tp| !logs.end.contains_key(*tp))
        .cloned()
        .collect();
    if missing.is_empty() {
        return;
    }
    let more = log_offsets(admin, &missing, target).await;
    logs.start.extend(more.start);
    logs.end.extend(more.end);
    if let (Some(by_time), Some(more)) = (&mut logs.by_time, more.by_time) {
        by_time.extend(more);
    }
}

/// Log start and end (and offsets by time) of the partitions, batched per leader.
async fn log_offsets(admin: &Admin, partitions: &[TopicPartition], target: &Target) -> LogOffsets {
    if partitions.is_empty() {
        return LogOffsets {
            by_time: matches!(target, Target::Datetime(_)).then(Listed::new),
            ..LogOffsets::default()
        };
    }
    let by_time = async {
        match target {
            Target::Datetime(ms) => {
                Some(admin::list_offsets(admin, partitions, OffsetSpec::Timestamp(*ms)).await)
            }
            _ => None,
        }
    };
    let (start, end, by_time) = futures::join!(
        admin::list_offsets(admin, partitions, OffsetSpec::Earliest),
        admin::list_offsets(admin, partitions, OffsetSpec::Latest),
        by_time
    );
    let listed = |m: BTreeMap<TopicPartition, Result<admin::ListedOffset, AdminError>>| {
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
