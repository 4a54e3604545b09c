//! `RangeAssignor` (KIP-881 rack-aware variant included): per topic, sorted
//! subscribers get contiguous ranges, the first `n % m` one extra.

use super::problem::{tp, Problem, Tp};
use std::collections::{BTreeMap, BTreeSet};

struct TopicState<'a> {
    topic: u32,
    /// Subscribers in MemberInfo order, with their racks.
    consumers: Vec<(usize, Option<&'a str>)>,
    needs_rack_aware: bool,
    /// Replica racks per partition (empty when no consumer of the topic has a rack).
    partition_racks: Vec<BTreeSet<String>>,
    /// Unassigned partitions in order; `unassigned[front..]` when nothing was taken out of the middle.
    unassigned: Vec<i32>,
    front: usize,
    /// Partitions assigned so far, by member index.
    num_assigned: Vec<i32>,
    per_consumer: i32,
    remaining_with_extra: i32,
}

impl TopicState<'_> {
    fn remaining(&self) -> &[i32] {
        &self.unassigned[self.front..]
    }

    fn racks_match(&self, consumer: usize, p: i32) -> bool {
        let rack = self
            .consumers
            .iter()
            .find(|(c, _)| *c == consumer)
            .and_then(|(_, r)| *r);
        match rack {
            None => true,
            Some(r) => self
                .partition_racks
                .get(p as usize)
                .is_some_and(|rs| rs.contains(r)),
        }
    }

    fn max_assignable(&self, consumer: usize) -> i32 {
        let n = self.per_consumer + i32::from(self.remaining_with_extra > 0)
            - self.num_assigned[consumer];
        n.max(0)
    }

    fn on_assigned(&mut self, consumer: usize, partitions: &[i32]) {
        let n = &mut self.num_assigned[consumer];
        *n += partitions.len() as i32;
        // Kafka decrements once per call that leaves the consumer above the base share.
        if *n > self.per_consumer {
            self.remaining_with_extra -= 1;
        }
        if self.remaining().starts_with(partitions) {
            self.front += partitions.len();
        } else {
            let taken: BTreeSet<i32> = partitions.iter().copied().collect();
            let rest: Vec<i32> = self
                .remaining()
                .iter()
                .copied()
                .filter(|p| !taken.contains(p))
                .collect();
            self.unassigned = rest;
            self.front = 0;
        }
    }
}

pub fn assign(pb: &Problem) -> Vec<Vec<Tp>> {
    let mut out: Vec<Vec<Tp>> = vec![Vec::new(); pb.members.len()];
    // consumersPerTopic is filled in subscription-map (HashMap) order, then sorted (stably).
    let mut states: Vec<TopicState> = pb
        .partitions_per_topic_order
        .iter()
        .copied()
        .map(|t| {
            let mut subs: Vec<usize> = pb
                .hash_order
                .iter()
                .copied()
                .filter(|&m| pb.members[m].subscribes(t))
                .collect();
            subs.sort_by_key(|m| pb.info_rank[*m]);
            let consumers: Vec<(usize, Option<&str>)> = subs
                .iter()
                .map(|&m| (m, pb.members[m].rack.as_deref().filter(|r| !r.is_empty())))
                .collect();
            let count = pb.counts[t as usize];
            let consumer_racks: BTreeSet<String> = consumers
                .iter()
                .filter_map(|(_, r)| r.map(String::from))
                .collect();
            let (partition_racks, all_partition_racks) = if consumer_racks.is_empty() {
                (Vec::new(), BTreeSet::new())
            } else {
                let per: Vec<BTreeSet<String>> = (0..count)
                    .map(|p| pb.racks_of(tp(t, p)).cloned().unwrap_or_default())
                    .collect();
                let all = per.iter().flatten().cloned().collect();
                (per, all)
            };
            let per_refs: Vec<&BTreeSet<String>> = partition_racks.iter().collect();
            let needs_rack_aware =
                pb.use_rack_aware(&consumer_racks, &all_partition_racks, &per_refs);
            let m = consumers.len() as i32;
            TopicState {
                topic: t,
                needs_rack_aware,
                partition_racks,
                unassigned: (0..count).collect(),
                front: 0,
                num_assigned: vec![0; pb.members.len()],
                per_consumer: if m == 0 { 0 } else { count / m },
                remaining_with_extra: if m == 0 { 0 } else { count % m },
                consumers,
            }
        })
        .collect();

    let rack_aware = states.iter().any(|s| s.needs_rack_aware);
    if rack_aware {
        assign_with_rack_matching(&mut states, &mut out);
    }
    for s in &mut states {
        assign_plain_ranges(s, &mut out);
    }
    if rack_aware {
        for list in &mut out {
            list.sort_unstable();
        }
    }
    out
}

/// `assignRanges` without a filter: every consumer takes the next contiguous block.
fn assign_plain_ranges(s: &mut TopicState, out: &mut [Vec<Tp>]) {
    for i in 0..s.consumers.len() {
        let c = s.consumers[i].0;
        let take = (s.max_assignable(c) as usize).min(s.remaining().len());
        if s.remaining().is_empty() {
            break;
        }
        if take == 0 {
            continue;
        }
        let topic = s.topic;
        out[c].extend(s.remaining()[..take].iter().map(|p| tp(topic, *p)));
        s.num_assigned[c] += take as i32;
        if s.num_assigned[c] > s.per_consumer {
            s.remaining_with_extra -= 1;
        }
        s.front += take;
    }
}

fn assign_ranges(
    s: &mut TopicState,
    may_assign: impl Fn(&TopicState, usize, i32) -> bool,
    out: &mut [Vec<Tp>],
) {
    let consumers: Vec<usize> = s.consumers.iter().map(|(c, _)| *c).collect();
    for c in consumers {
        if s.remaining().is_empty() {
            break;
        }
        let limit = s.max_assignable(c) as usize;
        let parts: Vec<i32> = s
            .remaining()
            .iter()
            .copied()
            .filter(|p| may_assign(s, c, *p))
            .take(limit)
            .collect();
        if parts.is_empty() {
            continue;
        }
        out[c].extend(parts.iter().map(|p| tp(s.topic, *p)));
        s.on_assigned(c, &parts);
    }
}

fn assign_with_rack_matching(states: &mut [TopicState], out: &mut [Vec<Tp>]) {
    // Topics with the same subscribers (and racks) and the same number of partitions
    // with rack information are co-partitioned (Kafka groups by partitionRacks.size(),
    // which is 0 for topics whose consumers have no racks).
    type Subscribers = Vec<(usize, Option<String>)>;
    let mut groups: BTreeMap<(Subscribers, usize), Vec<usize>> = BTreeMap::new();
    for (i, s) in states.iter().enumerate() {
        let key: Vec<(usize, Option<String>)> = s
            .consumers
            .iter()
            .map(|(c, r)| (*c, r.map(String::from)))
            .collect();
        groups
            .entry((key, s.partition_racks.len()))
            .or_default()
            .push(i);
    }
    for ((consumers, num_partitions), idx) in groups {
        if idx.len() > 1 {
            let mut remaining: Vec<usize> = consumers.iter().map(|(c, _)| *c).collect();
            for p in 0..num_partitions as i32 {
                let found = remaining.iter().copied().find(|&c| {
                    idx.iter()
                        .all(|&i| states[i].racks_match(c, p) && states[i].max_assignable(c) > 0)
                });
                if let Some(c) = found {
                    for &i in &idx {
                        out[c].push(tp(states[i].topic, p));
                        states[i].on_assigned(c, &[p]);
                    }
                    if idx.iter().all(|&i| states[i].max_assignable(c) == 0) {
                        remaining.retain(|x| *x != c);
                        if remaining.is_empty() {
                            break;
                        }
                    }
                }
            }
        } else if states[idx[0]].needs_rack_aware {
            assign_ranges(&mut states[idx[0]], |s, c, p| s.racks_match(c, p), out);
        }
    }
}
