//! Groups and their committed offsets while replaying. Names are interned:
//! kept once in the order first seen, found through a hash index, the last
//! one found remembered (consecutive records are mostly about one group and
//! topic: one name compare instead of a hash and probe). A group's offsets
//! are keyed by (topic number, partition) — no string compare, and a group's
//! partitions sit together — and become topic -> partition maps at the end.

use super::state::{OffsetState, ReplayedGroup};
use std::collections::BTreeMap;
use std::hash::BuildHasher;

#[derive(Default)]
pub(super) struct Names {
    names: Vec<String>,
    /// Positions in `names`, by the hash of the name.
    index: hashbrown::HashTable<u32>,
    hasher: rustc_hash::FxBuildHasher,
    last: usize,
}

impl Names {
    /// The name's number, given the first time it is seen.
    pub fn id(&mut self, name: &str) -> u32 {
        if self.names.get(self.last).is_some_and(|n| n == name) {
            return self.last as u32;
        }
        let Names {
            names,
            index,
            hasher,
            ..
        } = self;
        let h = hasher.hash_one(name);
        let at = match index.find(h, |&i| names[i as usize] == name) {
            Some(&i) => i,
            None => {
                let i = names.len() as u32;
                names.push(name.to_string());
                index.insert_unique(h, i, |&j| hasher.hash_one(&names[j as usize]));
                i
            }
        };
        self.last = at as usize;
        at
    }

    /// The number of a name already seen.
    pub fn find(&self, name: &str) -> Option<u32> {
        let h = self.hasher.hash_one(name);
        self.index
            .find(h, |&i| self.names[i as usize] == name)
            .copied()
    }

    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

/// A group's committed offsets while replaying: (topic number, partition).
pub(super) type Offsets = BTreeMap<(u32, i32), OffsetState>;

#[derive(Default)]
pub(super) struct GroupTable {
    names: Names,
    /// By group number.
    groups: Vec<(ReplayedGroup, Offsets)>,
    pub topics: Names,
}

impl GroupTable {
    /// The group and its offsets, created empty the first time its name is seen.
    pub fn get_or_insert(&mut self, name: &str) -> (&mut ReplayedGroup, &mut Offsets) {
        let id = self.names.id(name) as usize;
        if id == self.groups.len() {
            self.groups.push(Default::default());
        }
        let (g, o) = &mut self.groups[id];
        (g, o)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = (&mut ReplayedGroup, &mut Offsets)> {
        self.groups.iter_mut().map(|(g, o)| (g, o))
    }

    /// By name, each with its offsets by topic name and partition, for the output.
    pub fn into_sorted(self) -> BTreeMap<String, ReplayedGroup> {
        let topics = self.topics;
        self.names
            .names
            .into_iter()
            .zip(self.groups)
            .map(|(name, (mut g, offsets))| {
                for ((t, p), o) in offsets {
                    let parts = match g.offsets.get_mut(topics.name(t)) {
                        Some(parts) => parts,
                        None => g.offsets.entry(topics.name(t).to_string()).or_default(),
                    };
                    parts.insert(p, o);
                }
                (name, g)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_name_whatever_was_last() {
        let mut n = Names::default();
        let ids: Vec<u32> = (0..1000).map(|i| n.id(&format!("g{}", i % 300))).collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(n.name(*id), format!("g{}", i % 300));
            // Asked again, as for the next record of the same group.
            assert_eq!(n.id(&format!("g{}", i % 300)), *id);
        }
        assert_eq!(n.names.len(), 300);
        assert_eq!(n.find("g299"), Some(ids[299]));
        assert_eq!(n.find("g300"), None);
    }

    #[test]
    fn offsets_come_out_by_topic_name_and_partition() {
        let mut t = GroupTable::default();
        let state = |offset| OffsetState {
            offset,
            metadata: None,
            commit_timestamp: None,
            commit_time: None,
            leader_epoch: None,
            expire_timestamp: None,
            record_offset: offset,
            transactional: false,
        };
        // Topics numbered in another order than their names sort.
        for (group, topic, p, o) in [
            ("b", "zeta", 1, 10),
            ("a", "alpha", 0, 11),
            ("b", "alpha", 3, 12),
            ("b", "zeta", 0, 13),
        ] {
            let topic = t.topics.id(topic);
            t.get_or_insert(group).1.insert((topic, p), state(o));
        }
        t.get_or_insert("c");
        let all = t.into_sorted();
        assert_eq!(all.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        let b: Vec<(&str, i32, i64)> = all["b"]
            .offsets
            .iter()
            .flat_map(|(t, ps)| ps.iter().map(move |(p, o)| (t.as_str(), *p, o.offset)))
            .collect();
        assert_eq!(b, [("alpha", 3, 12), ("zeta", 0, 13), ("zeta", 1, 10)]);
        assert!(all["c"].offsets.is_empty());
    }
}
