//! Groups while replaying: kept in the order first seen, found by name
//! through a hash index, with the last one found remembered — consecutive
//! records are mostly about one group (a commit request's partitions), and
//! comparing one name costs less than hashing it and probing.

use super::state::ReplayedGroup;
use std::collections::BTreeMap;
use std::hash::BuildHasher;

#[derive(Default)]
pub(super) struct GroupTable {
    groups: Vec<(String, ReplayedGroup)>,
    /// Positions in `groups`, by the hash of the name.
    index: hashbrown::HashTable<u32>,
    hasher: rustc_hash::FxBuildHasher,
    last: usize,
}

impl GroupTable {
    /// The group, created empty the first time its name is seen.
    pub fn get_or_insert(&mut self, name: &str) -> &mut ReplayedGroup {
        if self.groups.get(self.last).is_some_and(|(n, _)| n == name) {
            return &mut self.groups[self.last].1;
        }
        let GroupTable {
            groups,
            index,
            hasher,
            ..
        } = self;
        let h = hasher.hash_one(name);
        let at = match index.find(h, |&i| groups[i as usize].0 == name) {
            Some(&i) => i as usize,
            None => {
                let i = groups.len();
                groups.push((name.to_string(), ReplayedGroup::default()));
                index.insert_unique(h, i as u32, |&j| hasher.hash_one(&groups[j as usize].0));
                i
            }
        };
        self.last = at;
        &mut self.groups[at].1
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut ReplayedGroup> {
        self.groups.iter_mut().map(|(_, g)| g)
    }

    /// By name, for the output.
    pub fn into_sorted(self) -> BTreeMap<String, ReplayedGroup> {
        self.groups.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_group_by_name_whatever_was_last() {
        let mut t = GroupTable::default();
        let names: Vec<String> = (0..1000).map(|i| format!("g{}", i % 300)).collect();
        for (i, n) in names.iter().enumerate() {
            let g = t.get_or_insert(n);
            g.last_record_offset += 1;
            // Again, as the next record of the same group.
            if i % 3 == 0 {
                t.get_or_insert(n).last_record_offset += 1;
            }
        }
        let all = t.into_sorted();
        assert_eq!(all.len(), 300);
        let expect = |k: usize| -> i64 {
            (0..1000)
                .filter(|i| i % 300 == k)
                .map(|i| if i % 3 == 0 { 2 } else { 1 })
                .sum()
        };
        for k in [0, 1, 99, 299] {
            assert_eq!(all[&format!("g{k}")].last_record_offset, expect(k), "g{k}");
        }
    }
}
