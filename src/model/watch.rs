//! A live view of groups over time (`describe --watch`, `top`): a sample of
//! every group per interval, rates over a sliding window, the ETA to zero
//! lag, a status per partition and per group, and events (state changes,
//! members joining and leaving). Pure: samples arrive with their times.
//!
//! Status rules, per partition, over the samples in the window (first match):
//!
//! | status   | rule |
//! |----------|------|
//! | REWOUND  | the committed offset moved back between two samples |
//! | OK       | lag is 0 |
//! | STOPPED  | lag > 0, the group has no members, the offset did not move |
//! | STALLED  | lag > 0, members, the offset did not move for a whole window |
//! | LAGGING  | lag > 0 and higher at the end of the window than at its start |
//! | OK       | lag > 0 and not growing while the offset advances |
//! | (none)   | not enough samples to tell |
//!
//! A group that could not be described (state Unknown, its offsets read
//! all the same) has members nobody knows of: it is never STOPPED or
//! STALLED, and its members are not compared between samples.
//!
//! A group is REWOUND when a partition is, else REBALANCING when its state is
//! a rebalancing one or its state or members changed within the window,
//! else its worst partition (STOPPED > STALLED > LAGGING > OK); not OK while
//! a partition with lag has no status yet.
//!
//! OffsetFetch says where a group is, not when it last committed, so "the
//! offset did not move" stands for both "commits repeat the same offset"
//! (STALLED: members are there, so someone is committing or should be) and
//! "no commit" (STOPPED: nobody is left to commit).

use super::{GroupReport, GroupState, TopicPartition};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Ok,
    Lagging,
    Stalled,
    Stopped,
    Rewound,
    Rebalancing,
    /// A consumer-protocol (KIP-848) group whose members are still moving to
    /// their target assignment (revoking, or waiting for partitions).
    Reconciling,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Ok,
        Status::Lagging,
        Status::Stalled,
        Status::Stopped,
        Status::Rewound,
        Status::Rebalancing,
        Status::Reconciling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Lagging => "LAGGING",
            Status::Stalled => "STALLED",
            Status::Stopped => "STOPPED",
            Status::Rewound => "REWOUND",
            Status::Rebalancing => "REBALANCING",
            Status::Reconciling => "RECONCILING",
        }
    }

    /// Which partition status stands for the group: the worse one.
    fn severity(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Lagging => 1,
            Status::Stalled => 2,
            Status::Stopped => 3,
            Status::Reconciling => 4,
            Status::Rebalancing => 5,
            Status::Rewound => 6,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One partition of one group at one sample.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartitionPoint {
    pub committed: Option<i64>,
    pub log_end: Option<i64>,
    pub lag: Option<i64>,
    pub time_lag_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MemberPoint {
    pub member_id: String,
    pub client_id: String,
    pub host: String,
}

/// One group at one sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPoint {
    pub state: GroupState,
    /// Sorted by member id.
    pub members: Vec<MemberPoint>,
    /// False when the group could not be described (its state is Unknown):
    /// `members` is then empty for want of an answer, not of members.
    pub members_known: bool,
    pub partitions: BTreeMap<TopicPartition, PartitionPoint>,
    /// The group epoch of a consumer-protocol group (it rises with every
    /// rebalance); None for classic groups.
    pub epoch: Option<i32>,
    /// Some member is not yet at its target assignment (KIP-848).
    pub reconciling: bool,
}

impl GroupPoint {
    fn member_ids(&self) -> BTreeSet<&str> {
        self.members.iter().map(|m| m.member_id.as_str()).collect()
    }

    /// The members changed between two samples that both know them.
    fn members_changed(&self, now: &GroupPoint) -> bool {
        self.members_known && now.members_known && self.member_ids() != now.member_ids()
    }

    /// The state or the members changed between two samples that both know
    /// them (a group that could not be described has not rebalanced for it).
    fn changed_to(&self, now: &GroupPoint) -> bool {
        self.members_known && now.members_known && self.state != now.state
            || self.members_changed(now)
    }
}

/// Every group at one moment. `t_ms` is a monotonic clock (rates and the
/// window use it); `wall_ms` the time of day, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    pub t_ms: i64,
    pub wall_ms: i64,
    pub groups: BTreeMap<String, GroupPoint>,
}

impl Sample {
    /// A sample from `describe`'s reports (offsets view, time lag filled).
    pub fn from_reports(t_ms: i64, wall_ms: i64, reports: &[GroupReport]) -> Sample {
        let groups = reports
            .iter()
            .map(|r| {
                let d = &r.description;
                let mut members: Vec<MemberPoint> = d
                    .members
                    .iter()
                    .map(|m| MemberPoint {
                        member_id: m.member_id.clone(),
                        client_id: m.client_id.clone(),
                        host: m.host.clone(),
                    })
                    .collect();
                members.sort();
                let partitions = r
                    .partitions
                    .iter()
                    .flatten()
                    .map(|p| {
                        let point = PartitionPoint {
                            committed: p.current_offset,
                            log_end: p.log_end_offset,
                            lag: p.lag,
                            time_lag_ms: p.time_lag_ms,
                        };
                        (TopicPartition::new(&p.topic, p.partition), point)
                    })
                    .collect();
                let point = GroupPoint {
                    state: d.state.clone(),
                    members,
                    members_known: !(d.state == GroupState::Unknown && r.error.is_some()),
                    partitions,
                    epoch: d.group_epoch,
                    reconciling: d.state == GroupState::Reconciling
                        || d.members.iter().any(|m| m.reconciling.is_some()),
                };
                (d.group.clone(), point)
            })
            .collect();
        Sample {
            t_ms,
            wall_ms,
            groups,
        }
    }
}

/// Something that happened to a group between two samples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Time of day (ms since the epoch) of the sample that saw it.
    pub time_ms: i64,
    pub group: String,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    State {
        from: String,
        to: String,
    },
    MemberJoined {
        member_id: String,
        client_id: String,
        host: String,
    },
    MemberLeft {
        member_id: String,
        client_id: String,
        host: String,
    },
    /// A consumer-protocol group's epoch rose: as many rebalances.
    Epoch {
        from: i32,
        to: i32,
    },
}

/// A partition as the live view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartitionView {
    pub topic: String,
    pub partition: i32,
    pub current_offset: Option<i64>,
    pub log_end_offset: Option<i64>,
    pub lag: Option<i64>,
    pub time_lag_ms: Option<i64>,
    /// Records per second committed over the window.
    pub consume_rate: Option<f64>,
    /// Records per second appended over the window.
    pub produce_rate: Option<f64>,
    /// Time to zero lag at these rates; None unless consuming faster than producing.
    pub eta_ms: Option<i64>,
    pub status: Option<Status>,
}

/// A group as the live view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupView {
    pub group: String,
    pub state: GroupState,
    pub status: Option<Status>,
    pub members: usize,
    /// Rebalances seen since the watch started (for consumer-protocol groups:
    /// how far the group epoch rose).
    pub rebalances: u32,
    /// How long the group has been reconciling (status RECONCILING), ms.
    pub reconciling_ms: Option<i64>,
    pub lag: Option<i64>,
    pub time_lag_ms: Option<i64>,
    pub consume_rate: Option<f64>,
    pub produce_rate: Option<f64>,
    /// When the slowest lagging partition reaches zero lag; None if any is not catching up.
    pub eta_ms: Option<i64>,
    pub partitions: Vec<PartitionView>,
}

/// The samples of the last window, the rebalance counts and recent events.
#[derive(Debug, Clone)]
pub struct History {
    window_ms: i64,
    samples: VecDeque<Sample>,
    rebalances: BTreeMap<String, u32>,
    /// Since when (wall ms) each group has been reconciling without a break.
    reconciling_since: BTreeMap<String, i64>,
    events: VecDeque<Event>,
}

/// Recent events kept for the screen.
const KEPT_EVENTS: usize = 100;

impl History {
    pub fn new(window_ms: i64) -> History {
        History {
            window_ms: window_ms.max(1),
            samples: VecDeque::new(),
            rebalances: BTreeMap::new(),
            reconciling_since: BTreeMap::new(),
            events: VecDeque::new(),
        }
    }

    /// Add a sample; returns what happened since the previous one.
    pub fn push(&mut self, sample: Sample) -> Vec<Event> {
        let mut new = Vec::new();
        if let Some(prev) = self.samples.back() {
            for (group, now) in &sample.groups {
                let Some(before) = prev.groups.get(group) else {
                    continue;
                };
                new.extend(changes(group, before, now, sample.wall_ms));
                let count = match (before.epoch, now.epoch) {
                    (Some(b), Some(n)) => n.saturating_sub(b).max(0) as u32,
                    _ => u32::from(is_rebalance(before, now)),
                };
                *self.rebalances.entry(group.clone()).or_default() += count;
            }
        }
        for (group, now) in &sample.groups {
            if now.reconciling {
                self.reconciling_since
                    .entry(group.clone())
                    .or_insert(sample.wall_ms);
            } else {
                self.reconciling_since.remove(group);
            }
        }
        self.samples.push_back(sample);
        // Keep one sample at or before the window's start, so the window is spanned.
        let start = self.samples.back().map_or(0, |s| s.t_ms) - self.window_ms;
        while self.samples.len() > 1 && self.samples[1].t_ms <= start {
            self.samples.pop_front();
        }
        self.events.extend(new.iter().cloned());
        while self.events.len() > KEPT_EVENTS {
            self.events.pop_front();
        }
        new
    }

    /// Recent events, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &Event> {
        self.events.iter()
    }

    pub fn latest(&self) -> Option<&Sample> {
        self.samples.back()
    }

    /// Every group of the latest sample, judged over the window.
    pub fn view(&self) -> Vec<GroupView> {
        let Some(latest) = self.samples.back() else {
            return Vec::new();
        };
        let full = self.samples[0].t_ms <= latest.t_ms - self.window_ms;
        latest
            .groups
            .iter()
            .map(|(g, now)| {
                let points: Vec<(i64, &GroupPoint)> = self
                    .samples
                    .iter()
                    .filter_map(|s| Some((s.t_ms, s.groups.get(g)?)))
                    .collect();
                let mut view = group_view(
                    g,
                    now,
                    &points,
                    full,
                    self.rebalances.get(g).copied().unwrap_or(0),
                );
                view.reconciling_ms = self
                    .reconciling_since
                    .get(g)
                    .map(|since| latest.wall_ms - since);
                view
            })
            .collect()
    }
}

/// Events between two samples of a group.
fn changes(group: &str, before: &GroupPoint, now: &GroupPoint, wall_ms: i64) -> Vec<Event> {
    let event = |kind| Event {
        time_ms: wall_ms,
        group: group.to_string(),
        kind,
    };
    let mut out = Vec::new();
    if before.state != now.state {
        out.push(event(EventKind::State {
            from: before.state.to_string(),
            to: now.state.to_string(),
        }));
    }
    if let (Some(from), Some(to)) = (before.epoch, now.epoch) {
        if to > from {
            out.push(event(EventKind::Epoch { from, to }));
        }
    }
    if !(before.members_known && now.members_known) {
        return out;
    }
    let (was, is) = (before.member_ids(), now.member_ids());
    for m in &now.members {
        if !was.contains(m.member_id.as_str()) {
            out.push(event(EventKind::MemberJoined {
                member_id: m.member_id.clone(),
                client_id: m.client_id.clone(),
                host: m.host.clone(),
            }));
        }
    }
    for m in &before.members {
        if !is.contains(m.member_id.as_str()) {
            out.push(event(EventKind::MemberLeft {
                member_id: m.member_id.clone(),
                client_id: m.client_id.clone(),
                host: m.host.clone(),
            }));
        }
    }
    out
}

/// Whether a rebalance began between two samples: the state entered a
/// rebalancing one, or the members changed while neither sample saw the
/// rebalance itself (it began and ended in between).
fn is_rebalance(before: &GroupPoint, now: &GroupPoint) -> bool {
    let entered = now.state.is_rebalancing() && !before.state.is_rebalancing();
    let unseen = !before.state.is_rebalancing()
        && !now.state.is_rebalancing()
        && before.members_changed(now);
    entered || unseen
}

fn group_view(
    group: &str,
    now: &GroupPoint,
    points: &[(i64, &GroupPoint)],
    full: bool,
    rebalances: u32,
) -> GroupView {
    let has_members = now.members_known.then_some(!now.members.is_empty());
    let partitions: Vec<PartitionView> = now
        .partitions
        .iter()
        .map(|(tp, p)| {
            let series: Vec<(i64, &PartitionPoint)> = points
                .iter()
                .filter_map(|(t, g)| Some((*t, g.partitions.get(tp)?)))
                .collect();
            partition_view(tp, p, &series, has_members, full)
        })
        .collect();
    let changed = points.windows(2).any(|w| w[0].1.changed_to(w[1].1));
    let statuses = partitions.iter().filter_map(|p| p.status);
    let status = if partitions.iter().any(|p| p.status == Some(Status::Rewound)) {
        Some(Status::Rewound)
    } else if now.reconciling {
        Some(Status::Reconciling)
    } else if now.state.is_rebalancing() || changed {
        Some(Status::Rebalancing)
    } else {
        // OK only when every lagging partition could be judged.
        let unjudged = partitions
            .iter()
            .any(|p| p.status.is_none() && p.lag.is_some_and(|l| l > 0));
        statuses
            .max_by_key(|s| s.severity())
            .filter(|s| *s != Status::Ok || !unjudged)
    };
    let sum = |f: fn(&PartitionView) -> Option<f64>| {
        let known: Vec<f64> = partitions.iter().filter_map(f).collect();
        (!known.is_empty()).then(|| round(known.iter().sum()))
    };
    let lagging: Vec<&PartitionView> = partitions
        .iter()
        .filter(|p| p.lag.is_some_and(|l| l > 0))
        .collect();
    let eta_ms = if lagging.is_empty() {
        None
    } else {
        lagging
            .iter()
            .map(|p| p.eta_ms)
            .collect::<Option<Vec<i64>>>()
            .and_then(|etas| etas.into_iter().max())
    };
    let lags: Vec<i64> = partitions.iter().filter_map(|p| p.lag).collect();
    GroupView {
        group: group.to_string(),
        state: now.state.clone(),
        status,
        members: now.members.len(),
        rebalances,
        reconciling_ms: None,
        lag: (!lags.is_empty()).then(|| lags.iter().sum()),
        time_lag_ms: partitions.iter().filter_map(|p| p.time_lag_ms).max(),
        consume_rate: sum(|p| p.consume_rate),
        produce_rate: sum(|p| p.produce_rate),
        eta_ms,
        partitions,
    }
}

fn partition_view(
    tp: &TopicPartition,
    now: &PartitionPoint,
    series: &[(i64, &PartitionPoint)],
    has_members: Option<bool>,
    full: bool,
) -> PartitionView {
    let consume_rate = rate(series.iter().map(|(t, p)| (*t, p.committed)));
    let produce_rate = rate(series.iter().map(|(t, p)| (*t, p.log_end)));
    let eta_ms = match (now.lag, consume_rate, produce_rate) {
        (Some(lag), Some(c), Some(p)) if lag > 0 && c > p => {
            Some((lag as f64 * 1000.0 / (c - p)).round() as i64)
        }
        _ => None,
    };
    PartitionView {
        topic: tp.topic.clone(),
        partition: tp.partition,
        current_offset: now.committed,
        log_end_offset: now.log_end,
        lag: now.lag,
        time_lag_ms: now.time_lag_ms,
        consume_rate,
        produce_rate,
        eta_ms,
        status: status(series, has_members, full),
    }
}

/// The partition status by the rules in the module doc (`has_members`: None
/// when the group could not be described).
fn status(
    series: &[(i64, &PartitionPoint)],
    has_members: Option<bool>,
    full: bool,
) -> Option<Status> {
    let committed: Vec<i64> = series.iter().filter_map(|(_, p)| p.committed).collect();
    if committed.windows(2).any(|w| w[1] < w[0]) {
        return Some(Status::Rewound);
    }
    let lag = series.last()?.1.lag?;
    if lag <= 0 {
        return Some(Status::Ok);
    }
    let unmoved = committed.windows(2).all(|w| w[0] == w[1]);
    if unmoved && has_members == Some(false) {
        return Some(Status::Stopped);
    }
    if unmoved && full && committed.len() >= 2 && has_members == Some(true) {
        return Some(Status::Stalled);
    }
    let first_lag = series.iter().find_map(|(_, p)| p.lag)?;
    if series.len() >= 2 && lag > first_lag {
        return Some(Status::Lagging);
    }
    (!unmoved).then_some(Status::Ok)
}

/// Change per second from the first to the last known value, counted from
/// the last time the value went down (a rewind, a recreated topic).
fn rate(values: impl Iterator<Item = (i64, Option<i64>)>) -> Option<f64> {
    let known: Vec<(i64, i64)> = values.filter_map(|(t, v)| Some((t, v?))).collect();
    let from = known
        .windows(2)
        .rposition(|w| w[1].1 < w[0].1)
        .map_or(0, |i| i + 1);
    let (t0, v0) = *known.get(from)?;
    let (t1, v1) = *known.last()?;
    (t1 > t0).then(|| round((v1 - v0) as f64 * 1000.0 / (t1 - t0) as f64))
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `top`'s order: the oldest next record first, then the most lag, then by name.
pub fn top_order(groups: &mut [GroupView]) {
    groups.sort_by(|a, b| {
        b.time_lag_ms
            .unwrap_or(-1)
            .cmp(&a.time_lag_ms.unwrap_or(-1))
            .then(b.lag.unwrap_or(-1).cmp(&a.lag.unwrap_or(-1)))
            .then(a.group.cmp(&b.group))
    });
}

/// What makes a run fail for scripts (`--fail-on`, `--max-time-lag`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thresholds {
    pub fail_on: BTreeSet<Status>,
    pub max_time_lag_ms: Option<i64>,
}

impl Thresholds {
    pub fn is_set(&self) -> bool {
        !self.fail_on.is_empty() || self.max_time_lag_ms.is_some()
    }

    /// One line per breach: a group or partition in a status asked about, or
    /// a group whose time lag is over the limit.
    pub fn breaches(&self, groups: &[GroupView]) -> Vec<String> {
        let mut out = Vec::new();
        for g in groups {
            match g.status {
                Some(s) if self.fail_on.contains(&s) => {
                    out.push(format!("group {} is {s}", g.group))
                }
                _ => {
                    for p in &g.partitions {
                        if let Some(s) = p.status.filter(|s| self.fail_on.contains(s)) {
                            out.push(format!(
                                "group {}: partition {}-{} is {s}",
                                g.group, p.topic, p.partition
                            ));
                        }
                    }
                }
            }
            if let (Some(max), Some(t)) = (self.max_time_lag_ms, g.time_lag_ms) {
                if t > max {
                    out.push(format!(
                        "group {}: time lag {} over {}",
                        g.group,
                        super::timelag::format_duration(t),
                        super::timelag::format_duration(max)
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
