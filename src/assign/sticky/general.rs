//! The general path (subscriptions differ): keep valid owned partitions,
//! assign the rest to the least-loaded eligible member, then move partitions
//! until balanced, preferring moves back to previous owners; revert if the
//! balance did not improve.

use super::super::problem::{tp_topic, Problem, Tp};
use super::movements::PartitionMovements;
use super::{remove_first, RackInfo, StickyError, StickyResult, DEFAULT_GENERATION};
use std::collections::{BTreeSet, HashMap};

const NONE: u32 = u32::MAX;

struct Builder<'a> {
    pb: &'a Problem,
    racks: &'a RackInfo,
    /// Potential consumers per topic, in subscription-map (HashMap) order.
    topic_consumers: Vec<Vec<usize>>,
    /// Per consumer: current assignment (None: taken out as a fixed assignment).
    current: Vec<Option<Vec<Tp>>>,
    /// Per partition (dense): current consumer.
    owner: Vec<u32>,
    /// sortedCurrentSubscriptions: (size at insertion, id rank, member).
    sorted: BTreeSet<(usize, usize, usize)>,
    in_sorted: Vec<Option<usize>>,
    movements: PartitionMovements,
    max_assignment_size: Vec<usize>,
}

impl Builder<'_> {
    fn size(&self, c: usize) -> usize {
        self.current[c].as_ref().map_or(0, Vec::len)
    }

    fn sorted_remove(&mut self, c: usize) {
        if let Some(s) = self.in_sorted[c].take() {
            self.sorted.remove(&(s, self.pb.id_rank[c], c));
        }
    }

    fn sorted_add(&mut self, c: usize) {
        self.sorted_remove(c);
        let s = self.size(c);
        self.sorted.insert((s, self.pb.id_rank[c], c));
        self.in_sorted[c] = Some(s);
    }

    fn subscribes(&self, c: usize, topic: u32) -> bool {
        self.pb.members[c].subscribes(topic)
    }

    fn maybe_assign_partition(&mut self, tp: Tp, rack_aware: bool) -> bool {
        let topic = tp_topic(tp);
        let found = self.sorted.iter().map(|e| e.2).find(|&c| {
            self.subscribes(c, topic) && (!rack_aware || !self.racks.racks_mismatch(self.pb, c, tp))
        });
        match found {
            Some(c) => {
                self.sorted_remove(c);
                self.current[c].get_or_insert_with(Vec::new).push(tp);
                self.owner[self.pb.dense(tp)] = c as u32;
                self.sorted_add(c);
                true
            }
            None => false,
        }
    }

    fn maybe_assign(&mut self, partitions: &mut Vec<Tp>, rack_aware: bool, remove_assigned: bool) {
        let mut kept = Vec::with_capacity(partitions.len());
        for &tp in partitions.iter() {
            if self.topic_consumers[tp_topic(tp) as usize].is_empty() {
                kept.push(tp);
                continue;
            }
            let assigned = self.maybe_assign_partition(tp, rack_aware);
            if !(assigned && remove_assigned) {
                kept.push(tp);
            }
        }
        *partitions = kept;
    }

    /// `isBalanced()`. Err where Java dereferences null: a partition the
    /// member could take whose owner is not among the members being balanced.
    fn is_balanced(&self) -> Result<bool, StickyError> {
        let (Some(first), Some(last)) = (self.sorted.iter().next(), self.sorted.iter().next_back())
        else {
            return Ok(true);
        };
        let (min, max) = (self.size(first.2), self.size(last.2));
        if min + 1 >= max {
            return Ok(true);
        }
        for &(_, _, c) in &self.sorted {
            let size = self.size(c);
            if size == self.max_assignment_size[c] {
                continue;
            }
            for &t in &self.pb.members[c].topics {
                for p in 0..self.pb.counts[t as usize] {
                    let d = self.pb.offsets[t as usize] + p as usize;
                    let o = self.owner[d];
                    if o == c as u32 {
                        continue;
                    }
                    if o == NONE || self.current[o as usize].is_none() {
                        let why =
                            "is owned by no member taking part in the reassignment (isBalanced)";
                        return Err(self.kafka_fails(super::super::problem::tp(t, p), why));
                    }
                    if size + 1 < self.size(o as usize) {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    fn reassign_to_least_loaded(&mut self, tp: Tp) {
        let topic = tp_topic(tp);
        if let Some(c) = self
            .sorted
            .iter()
            .map(|e| e.2)
            .find(|&c| self.subscribes(c, topic))
        {
            self.reassign(tp, c);
        }
    }

    fn reassign(&mut self, tp: Tp, new: usize) {
        let old = self.owner[self.pb.dense(tp)] as usize;
        let moved = self.movements.actual_partition_to_move(tp, old, new);
        self.process_move(moved, new);
    }

    fn process_move(&mut self, tp: Tp, new: usize) {
        let d = self.pb.dense(tp);
        let old = self.owner[d] as usize;
        self.sorted_remove(old);
        self.sorted_remove(new);
        self.movements
            .move_partition(tp, self.pb.tp_hash(tp), old, new);
        if let Some(list) = self.current[old].as_mut() {
            remove_first(list, tp);
        }
        self.current[new].get_or_insert_with(Vec::new).push(tp);
        self.owner[d] = new as u32;
        self.sorted_add(new);
        self.sorted_add(old);
    }

    fn perform_reassignments(
        &mut self,
        partitions: &[Tp],
        prev: &HashMap<Tp, (usize, i32)>,
    ) -> Result<bool, StickyError> {
        let mut performed = false;
        loop {
            let mut modified = false;
            for &tp in partitions {
                if self.is_balanced()? {
                    break;
                }
                let consumer = self.owner[self.pb.dense(tp)];
                if consumer == NONE || self.current[consumer as usize].is_none() {
                    return Err(self
                        .kafka_fails(tp, "has no current owner taking part in the reassignment"));
                }
                let consumer = consumer as usize;
                let size = self.size(consumer);
                if let Some(&(prev_consumer, _)) = prev.get(&tp) {
                    if self.current[prev_consumer].is_none() {
                        // Java: currentAssignment.get(previousOwner) is null -> NullPointerException.
                        let who = &self.pb.members[prev_consumer].id;
                        let why = format!("was previously owned by {who}, a member set aside as unable to take part");
                        return Err(self.kafka_fails(tp, &why));
                    }
                    if size > self.size(prev_consumer) + 1 {
                        self.reassign(tp, prev_consumer);
                        performed = true;
                        modified = true;
                        continue;
                    }
                }
                let topic = tp_topic(tp) as usize;
                let mut found_rack_consumer = false;
                if let (Some(rack), Some(all)) = (
                    self.racks.consumer_racks.get(&consumer),
                    self.racks.partition_racks.as_ref(),
                ) {
                    let partition_racks = &all[self.pb.dense(tp)];
                    if !partition_racks.is_empty() && partition_racks.contains(rack) {
                        let candidate = self.topic_consumers[topic].iter().any(|&other| {
                            self.racks
                                .consumer_racks
                                .get(&other)
                                .is_some_and(|r| partition_racks.contains(r))
                                && size > self.size(other) + 1
                        });
                        if candidate {
                            self.reassign_to_least_loaded(tp);
                            performed = true;
                            modified = true;
                            found_rack_consumer = true;
                        }
                    }
                }
                if !found_rack_consumer
                    && self.topic_consumers[topic]
                        .iter()
                        .any(|&other| size > self.size(other) + 1)
                {
                    self.reassign_to_least_loaded(tp);
                    performed = true;
                    modified = true;
                }
            }
            if !modified {
                return Ok(performed);
            }
        }
    }

    /// Kafka's general path dereferences null here and the rebalance fails.
    fn kafka_fails(&self, tp: Tp, why: &str) -> StickyError {
        let (t, p) = self.pb.name(tp);
        StickyError::KafkaFails(format!("NullPointerException: {t}-{p} {why}"))
    }
}

/// Sum over all pairs of |size difference| (0 = perfectly balanced).
fn balance_score(sizes: &mut [usize]) -> u64 {
    sizes.sort_unstable();
    let mut score = 0u64;
    let mut prefix = 0u64;
    for (i, s) in sizes.iter().enumerate() {
        score += *s as u64 * i as u64 - prefix;
        prefix += *s as u64;
    }
    score
}

pub fn assign(
    pb: &Problem,
    racks: &RackInfo,
    owned: Vec<Vec<Tp>>,
    max_generation: i32,
) -> Result<StickyResult, StickyError> {
    let n = pb.members.len();
    let topics = pb.topic_names.len();
    let topic_consumers = pb.subscribers.clone();
    let max_assignment_size: Vec<usize> = pb
        .members
        .iter()
        .map(|m| {
            if m.topics.len() == topics {
                pb.total
            } else {
                m.topics
                    .iter()
                    .map(|t| pb.counts[*t as usize] as usize)
                    .sum()
            }
        })
        .collect();
    let mut owner = vec![NONE; pb.total];
    for (c, list) in owned.iter().enumerate() {
        for tp in list {
            owner[pb.dense(*tp)] = c as u32;
        }
    }
    // Topics by (number of potential consumers, name); partitions in that order.
    let mut sorted_topics: Vec<u32> = (0..topics as u32).collect();
    sorted_topics.sort_by_key(|t| (topic_consumers[*t as usize].len(), *t));
    let sorted_all: Vec<Tp> = sorted_topics
        .iter()
        .flat_map(|&t| (0..pb.counts[t as usize]).map(move |p| super::super::problem::tp(t, p)))
        .collect();

    // Previous owners from older generations (ties: the first one seen keeps it).
    let mut prev: HashMap<Tp, (usize, i32)> = HashMap::new();
    for &c in &pb.hash_order {
        let m = &pb.members[c];
        let generation = match m.generation {
            Some(g) if g < max_generation => g,
            None if max_generation > DEFAULT_GENERATION => DEFAULT_GENERATION,
            _ => continue,
        };
        for &tp in &m.owned {
            match prev.get(&tp) {
                Some(&(_, g)) if generation <= g => {}
                _ => {
                    prev.insert(tp, (c, generation));
                }
            }
        }
    }

    let mut b = Builder {
        pb,
        racks,
        topic_consumers,
        current: owned.into_iter().map(Some).collect(),
        owner,
        sorted: BTreeSet::new(),
        in_sorted: vec![None; n],
        movements: PartitionMovements::default(),
        max_assignment_size,
    };

    // Keep owned partitions still subscribed (and rack-aligned).
    let mut revocation_required = false;
    let mut assigned = vec![false; pb.total];
    for c in 0..n {
        let list = b.current[c].take().unwrap_or_default();
        let mut kept = Vec::with_capacity(list.len());
        for tp in list {
            if !pb.members[c].subscribes(tp_topic(tp)) || racks.racks_mismatch(pb, c, tp) {
                revocation_required = true;
            } else {
                assigned[pb.dense(tp)] = true;
                kept.push(tp);
            }
        }
        b.current[c] = Some(kept);
    }
    let mut sorted_all = sorted_all;
    let mut unassigned: Vec<Tp> = sorted_all
        .iter()
        .copied()
        .filter(|tp| !assigned[pb.dense(*tp)])
        .collect();
    for c in 0..n {
        b.sorted_add(c);
    }

    // balance()
    let initializing = b.sorted.iter().next_back().is_none_or(|e| b.size(e.2) == 0);
    if !racks.consumer_racks.is_empty() {
        let mut to_assign = unassigned.clone();
        b.maybe_assign(&mut to_assign, true, true);
        b.maybe_assign(&mut to_assign, false, false);
    } else {
        let mut to_assign = unassigned.clone();
        b.maybe_assign(&mut to_assign, false, false);
    }
    // Only partitions of topics with two or more potential consumers can move.
    let movable_topic: Vec<bool> = b.topic_consumers.iter().map(|cs| cs.len() >= 2).collect();
    sorted_all.retain(|tp| movable_topic[tp_topic(*tp) as usize]);
    unassigned.retain(|tp| movable_topic[tp_topic(*tp) as usize]);
    // Consumers that cannot take part are set aside.
    let mut fixed: Vec<(usize, Vec<Tp>)> = Vec::new();
    for c in 0..n {
        let size = b.size(c);
        let can = size < b.max_assignment_size[c]
            || b.current[c]
                .as_ref()
                .is_some_and(|l| l.iter().any(|tp| movable_topic[tp_topic(*tp) as usize]));
        if !can {
            b.sorted_remove(c);
            fixed.push((c, b.current[c].take().unwrap_or_default()));
        }
    }
    let pre_balance: Vec<Option<Vec<Tp>>> = b.current.clone();
    let pre_owner = b.owner.clone();
    if !revocation_required {
        b.perform_reassignments(&unassigned, &prev)?;
    }
    let performed = b.perform_reassignments(&sorted_all, &prev)?;
    if !initializing && performed {
        let mut now: Vec<usize> = b.current.iter().flatten().map(Vec::len).collect();
        let mut before: Vec<usize> = pre_balance.iter().flatten().map(Vec::len).collect();
        if balance_score(&mut now) >= balance_score(&mut before) {
            b.current = pre_balance;
            b.owner = pre_owner;
        }
    }
    for (c, list) in fixed {
        b.current[c] = Some(list);
    }
    Ok(StickyResult {
        assignment: b
            .current
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect(),
        transferring: None,
    })
}

#[cfg(test)]
mod tests {
    use super::balance_score;

    #[test]
    fn balance_score_is_sum_of_pairwise_differences() {
        assert_eq!(balance_score(&mut [3, 3, 3]), 0);
        assert_eq!(balance_score(&mut [1, 2, 4]), 1 + 3 + 2);
    }
}
