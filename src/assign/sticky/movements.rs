//! `PartitionMovements`: which partitions moved between which consumers
//! during the general path, so a move back picks the same partition
//! (stickiness). The partition picked is `HashSet.iterator().next()`, so the
//! sets emulate Java's HashSet order.

use super::super::java::JavaHashSet;
use super::super::problem::{tp_topic, Tp};
use std::collections::HashMap;

type Pair = (usize, usize); // (src, dst)

#[derive(Default)]
pub struct PartitionMovements {
    by_topic: HashMap<u32, HashMap<Pair, JavaHashSet>>,
    movements: HashMap<Tp, Pair>,
}

impl PartitionMovements {
    fn remove_record(&mut self, tp: Tp) -> Option<Pair> {
        let pair = self.movements.remove(&tp)?;
        let topic = tp_topic(tp);
        if let Some(pairs) = self.by_topic.get_mut(&topic) {
            if let Some(set) = pairs.get_mut(&pair) {
                set.remove(tp);
                if set.is_empty() {
                    pairs.remove(&pair);
                }
            }
            if pairs.is_empty() {
                self.by_topic.remove(&topic);
            }
        }
        Some(pair)
    }

    fn add_record(&mut self, tp: Tp, hash: i32, pair: Pair) {
        self.movements.insert(tp, pair);
        self.by_topic
            .entry(tp_topic(tp))
            .or_default()
            .entry(pair)
            .or_default()
            .insert(tp, hash);
    }

    pub fn move_partition(&mut self, tp: Tp, hash: i32, old: usize, new: usize) {
        if self.movements.contains_key(&tp) {
            let existing = self.remove_record(tp).expect("present");
            if existing.0 != new {
                self.add_record(tp, hash, (existing.0, new));
            }
        } else {
            self.add_record(tp, hash, (old, new));
        }
    }

    /// Moving `tp` from `old` to `new`: if some partition of the topic moved
    /// the other way before, move that one back instead.
    pub fn actual_partition_to_move(&self, tp: Tp, old: usize, new: usize) -> Tp {
        let Some(pairs) = self.by_topic.get(&tp_topic(tp)) else {
            return tp;
        };
        let old = match self.movements.get(&tp) {
            Some(pair) => pair.0,
            None => old,
        };
        match pairs.get(&(new, old)) {
            Some(set) => set.first().unwrap_or(tp),
            None => tp,
        }
    }
}
