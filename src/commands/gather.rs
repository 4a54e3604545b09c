//! What `describe` and the live views know about groups: one report per
//! group, gathered in as few dependent round trips as the answers allow.
//!
//! Everything is batched (one request per coordinator or leader per step) and
//! the steps overlap where the answers allow, so a describe costs four
//! dependent round trips: ApiVersions; Metadata ∥ ListGroups (or
//! FindCoordinator); DescribeGroups ∥ OffsetFetch ∥ ListOffsets (every
//! partition of a cluster that is small enough); Fetch of the records at
//! the committed offsets of lagging partitions (time lag). In a bigger
//! cluster ListOffsets waits for the groups' topics: five. The state and
//! members views stop after the third.
//!
//! Doubtful OffsetFetch answers cost one more round trip each, only when
//! they happen (`committed::fetch_with`): a group a batched answer left
//! out, an all-topics answer that is empty (Chronik 2.10 answers nothing).
//!
//! A group is reported whatever failed for it: when DescribeGroups fails its
//! state is unknown but its committed offsets and lag are shown; when its
//! coordinator is unreachable it is reported with the reason. Each report
//! carries an `error` saying what is missing.

use super::committed;
use super::partial::Failure;
use crate::admin::{self, prepare, Admin, AdminError, GroupFilter, GroupOffsets, OffsetSpec};
use crate::cli::DescribeView;
use crate::model::{
    compute_lag, timelag, GroupDescription, GroupReport, GroupState, GroupType, LogRange,
    TopicPartition,
};
use std::collections::BTreeMap;

/// What describe found: one report per group, and what went wrong.
pub struct Gathered {
    pub reports: Vec<GroupReport>,
    /// Reports with something to show (the others only say why not).
    pub shown: usize,
    /// One per group problem, in group order.
    pub failures: Vec<Failure>,
    /// Brokers that did not answer ListGroups (--all-groups): their groups are missing.
    pub missing: Vec<(i32, AdminError)>,
}

/// The groups to describe, their listed types, and the brokers that hid theirs.
type Listing = (
    Vec<String>,
    BTreeMap<String, GroupType>,
    Vec<(i32, AdminError)>,
);

/// Describe `groups` (every group the brokers list when None), and for the
/// offsets view fetch commits and log ranges; one report per group.
/// `named`: the user named the groups, so an unknown one is an error.
/// `note` is told of extra OffsetFetch rounds. Time lag is `fill_time_lag`'s.
pub async fn gather(
    admin: &Admin,
    groups: Option<&[String]>,
    named: bool,
    view: DescribeView,
    note: impl Fn(String),
) -> Result<Gathered, AdminError> {
    let offsets_view = view == DescribeView::Offsets;
    // Round trip 2: the groups (ListGroups names them and their coordinators,
    // or FindCoordinator finds those), and the cluster's topics and brokers
    // (an unreachable cluster ends the run here, with one error line).
    let metadata = async {
        if offsets_view {
            prepare::load_all_topics(admin).await
        } else {
            prepare::load_brokers(admin).await
        }
    };
    let listing = async {
        if let Some(groups) = groups {
            let mut groups = groups.to_vec();
            dedup_in_order(&mut groups);
            prepare::locate_groups(admin, &groups).await;
            Ok::<Listing, AdminError>((groups, BTreeMap::new(), Vec::new()))
        } else {
            let listed = admin::list_groups(admin, &GroupFilter::default()).await?;
            let types = listed
                .groups
                .iter()
                .map(|g| (g.group.clone(), g.group_type.clone()))
                .collect();
            let groups = listed.groups.into_iter().map(|g| g.group).collect();
            Ok((groups, types, listed.failed_brokers))
        }
    };
    let (metadata, listing) = futures::join!(metadata, listing);
    metadata?;
    let (groups, types, missing) = listing?;

    // Round trip 3: descriptions and committed offsets, side by side. Offsets
    // also tell an unknown named group from an empty one. In a small enough
    // cluster the log offsets of every partition come alongside (cheaper than
    // the fourth round trip that would otherwise wait for the offsets).
    let need_offsets = offsets_view || named;
    let every_partition = if offsets_view {
        let all = prepare::all_partitions(admin);
        let limit = if named { LIST_ALL_NAMED } else { LIST_ALL };
        if all.len() <= limit {
            all
        } else {
            Vec::new()
        }
    } else {
        Vec::new()
    };
    let (mut described, mut committed, prelisted) = futures::join!(
        admin::describe_groups(admin, &groups),
        async {
            if need_offsets {
                committed::fetch_with(admin, &groups, None, note).await
            } else {
                BTreeMap::new()
            }
        },
        log_ranges(admin, &every_partition)
    );
    let mut found = Gathered {
        reports: Vec::new(),
        shown: 0,
        failures: Vec::new(),
        missing,
    };
    let mut kept: Vec<(usize, GroupOffsets)> = Vec::new();
    for g in &groups {
        let description = described
            .remove(g)
            .unwrap_or_else(|| Err(AdminError::no_coordinator(g)));
        let offsets = need_offsets.then(|| {
            committed
                .remove(g)
                .unwrap_or_else(|| Err(AdminError::no_coordinator(g)))
        });
        // Without the offsets view, offsets only tell an unknown group from an
        // empty one: when they cannot be read, the description stands alone.
        let offsets = match offsets {
            Some(Err(_)) if !offsets_view && description.is_ok() => None,
            o => o,
        };
        let known_type = types.get(g).cloned().unwrap_or(GroupType::Unknown);
        let outcome = assess(admin, g, description, offsets, named, known_type);
        if let Some(why) = &outcome.problem {
            found.failures.push(if why.contains(g.as_str()) {
                Failure::named(why)
            } else {
                Failure::new(format!("group {g}"), why)
            });
        }
        if outcome.shown {
            found.shown += 1;
        }
        if let Some(offsets) = outcome.offsets {
            kept.push((found.reports.len(), offsets));
        }
        found.reports.push(outcome.report);
    }
    if offsets_view {
        // Round trip 4, when the partitions were not all listed above: log
        // start and end of every partition the groups consume.
        add_lag(admin, &mut found.reports, kept, prelisted).await;
        // A partition whose log offsets are unknown (its leader unreachable)
        // makes the group's answer partial: said once per group, exit 4.
        for r in &found.reports {
            let Some(rows) = &r.partitions else { continue };
            let unknown: Vec<&crate::model::PartitionLag> =
                rows.iter().filter(|p| p.error.is_some()).collect();
            if let Some(first) = unknown.first() {
                found.failures.push(Failure::new(
                    format!("group {}", r.description.group),
                    format!(
                        "log offsets of {} partition(s) unknown ({}-{}: {})",
                        unknown.len(),
                        first.topic,
                        first.partition,
                        first.error.as_deref().unwrap_or_default()
                    ),
                ));
            }
        }
    }
    Ok(found)
}

/// One group's report from what DescribeGroups and OffsetFetch said.
struct Outcome {
    report: GroupReport,
    /// Committed offsets to compute lag from.
    offsets: Option<GroupOffsets>,
    /// Whether the report shows anything beyond its error.
    shown: bool,
    /// The warning for this group, if anything is missing.
    problem: Option<String>,
}

fn assess(
    admin: &Admin,
    group: &str,
    description: Result<GroupDescription, AdminError>,
    offsets: Option<Result<GroupOffsets, AdminError>>,
    named: bool,
    known_type: GroupType,
) -> Outcome {
    let report = |description: GroupDescription, error: Option<String>| GroupReport {
        description,
        error,
        total_lag: None,
        partitions_without_commit: None,
        partitions: None,
    };
    let unknown =
        || GroupDescription::unknown(group, known_type, prepare::known_coordinator(admin, group));
    match (description, offsets) {
        (Ok(d), None) => Outcome {
            report: report(d, None),
            offsets: None,
            shown: true,
            problem: None,
        },
        (Ok(d), Some(Ok(offsets))) => {
            // Kafka says Dead for a group it does not know; some brokers say Empty.
            let absent =
                d.state == GroupState::Dead || (d.members.is_empty() && offsets.is_empty());
            if named && absent {
                let why = "not found (no members and no committed offsets)".to_string();
                return Outcome {
                    report: report(d, Some(why.clone())),
                    offsets: None,
                    shown: false,
                    problem: Some(why),
                };
            }
            Outcome {
                report: report(d, None),
                offsets: Some(offsets),
                shown: true,
                problem: None,
            }
        }
        (Ok(d), Some(Err(e))) => {
            let why = format!("OffsetFetch failed: {e}");
            Outcome {
                report: report(d, Some(why.clone())),
                offsets: None,
                shown: true,
                problem: Some(why),
            }
        }
        // Degrade, don't fail: the state is unknown, the offsets and lag are not.
        (Err(e), Some(Ok(offsets))) if !offsets.is_empty() => {
            let why = format!("DescribeGroups failed: {e}");
            Outcome {
                report: report(unknown(), Some(why.clone())),
                offsets: Some(offsets),
                shown: true,
                problem: Some(format!(
                    "{why}; state and members unknown, committed offsets and lag shown"
                )),
            }
        }
        (Err(e), offsets) => {
            let mut why = e.to_string();
            if let Some(Err(o)) = &offsets {
                if o.to_string() != why {
                    why = format!("DescribeGroups failed: {e}; OffsetFetch failed: {o}");
                }
            } else if let Some(Ok(_)) = offsets {
                // Describe failed and there are no committed offsets: nothing to show.
                why = format!("DescribeGroups failed: {e}; no committed offsets");
            }
            Outcome {
                report: report(unknown(), Some(why.clone())),
                offsets: None,
                shown: false,
                problem: Some(why),
            }
        }
    }
}

/// Clusters up to this many partitions get every partition's log offsets
/// alongside DescribeGroups/OffsetFetch (~30 bytes a partition in each
/// answer, far cheaper than a round trip): with `--all-groups`, and with
/// named groups (which may consume only a few of them).
const LIST_ALL: usize = 20_000;
const LIST_ALL_NAMED: usize = 2_000;

/// Log start and end of `partitions`: one ListOffsets per leader for each, side by side.
async fn log_ranges(
    admin: &Admin,
    partitions: &[TopicPartition],
) -> BTreeMap<TopicPartition, LogRange> {
    if partitions.is_empty() {
        return BTreeMap::new();
    }
    let (ends, starts) = futures::join!(
        admin::list_offsets(admin, partitions, OffsetSpec::Latest),
        admin::list_offsets(admin, partitions, OffsetSpec::Earliest)
    );
    partitions
        .iter()
        .map(|tp| {
            let end = ends.get(tp);
            let start = starts.get(tp);
            let error = match (end, start) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => Some(e.short()),
                _ => None,
            };
            let range = LogRange {
                end: end.and_then(|r| r.as_ref().ok()).and_then(|o| o.offset),
                start: start.and_then(|r| r.as_ref().ok()).and_then(|o| o.offset),
                error,
            };
            (tp.clone(), range)
        })
        .collect()
}

/// Lag of every kept report (index, committed offsets), from the log ranges
/// already listed and a ListOffsets round for any partition they miss.
async fn add_lag(
    admin: &Admin,
    reports: &mut [GroupReport],
    kept: Vec<(usize, GroupOffsets)>,
    mut logs: BTreeMap<TopicPartition, LogRange>,
) {
    // Every partition of every topic a group consumes (subscribed, assigned or committed).
    let mut topics_of: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, o) in &kept {
        let d = &reports[*i].description;
        let mut ts: Vec<String> = o.keys().map(|tp| tp.topic.clone()).collect();
        for m in &d.members {
            ts.extend(m.subscription.iter().cloned());
            ts.extend(m.assignment.iter().map(|tp| tp.topic.clone()));
        }
        ts.sort();
        ts.dedup();
        topics_of.insert(*i, ts);
    }
    let mut all_topics: Vec<String> = topics_of.values().flatten().cloned().collect();
    all_topics.sort();
    all_topics.dedup();
    // Cached since round trip 2: no request here.
    let known = admin::topic_partitions(admin, &all_topics)
        .await
        .unwrap_or_default();
    let partitions_of =
        |t: &str| -> Vec<TopicPartition> { known.get(t).cloned().flatten().unwrap_or_default() };
    let extra: BTreeMap<usize, Vec<TopicPartition>> = topics_of
        .iter()
        .map(|(i, ts)| (*i, ts.iter().flat_map(|t| partitions_of(t)).collect()))
        .collect();
    let mut partitions: Vec<TopicPartition> = kept
        .iter()
        .flat_map(|(i, o)| {
            let d = &reports[*i].description;
            o.keys()
                .cloned()
                .chain(d.members.iter().flat_map(|m| m.assignment.iter().cloned()))
        })
        .chain(extra.values().flatten().cloned())
        .collect();
    partitions.sort();
    partitions.dedup();
    partitions.retain(|tp| !logs.contains_key(tp));
    logs.extend(log_ranges(admin, &partitions).await);
    for (i, offsets) in kept {
        let r = &mut reports[i];
        let also = extra.get(&i).map(Vec::as_slice).unwrap_or_default();
        let lag = compute_lag(&r.description, &offsets, &logs, also);
        r.total_lag = Some(lag.total_lag);
        r.partitions_without_commit = Some(lag.partitions_without_commit);
        r.partitions = Some(lag.partitions);
    }
}

/// Time lag of every partition that has lag: the timestamp of the record at
/// its committed offset, one Fetch per leader after the offsets are known.
pub async fn fill_time_lag(admin: &Admin, reports: &mut [GroupReport]) {
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

/// Drop repeated names, keeping the first of each.
fn dedup_in_order(names: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|n| seen.insert(n.clone()));
}
