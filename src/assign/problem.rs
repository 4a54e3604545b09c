//! The scenario in the form the assignors work on: topics interned in Java
//! string order, partitions packed as `topic_index << 32 | partition` (so
//! numeric order is (topic, partition) order), members by index.

use super::java;
use super::scenario::Scenario;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

pub type Tp = u64;

pub fn tp(topic: u32, partition: i32) -> Tp {
    ((topic as u64) << 32) | partition as u32 as u64
}

pub fn tp_topic(tp: Tp) -> u32 {
    (tp >> 32) as u32
}

pub fn tp_partition(tp: Tp) -> i32 {
    tp as u32 as i32
}

pub struct Member {
    pub id: String,
    pub instance_id: Option<String>,
    pub rack: Option<String>,
    /// Subscribed topic names as given, interned (sorted, deduplicated); with
    /// the list's length, what the sticky equality check compares.
    pub raw_subscription: Vec<u32>,
    pub raw_subscription_len: usize,
    /// Subscribed topics that exist with partitions, in subscription order.
    pub topics: Vec<u32>,
    /// Bitset over topic ids of `topics`.
    topic_mask: Vec<u64>,
    /// Owned partitions in the given order; partitions of unknown topics left out.
    pub owned: Vec<Tp>,
    pub generation: Option<i32>,
}

impl Member {
    pub fn subscribes(&self, topic: u32) -> bool {
        self.topic_mask
            .get(topic as usize / 64)
            .is_some_and(|w| w & (1u64 << (topic % 64)) != 0)
    }
}

pub struct Problem {
    /// Topic names, sorted by Java `String.compareTo`; index = topic id.
    pub topic_names: Vec<String>,
    pub topic_hash: Vec<i32>,
    pub counts: Vec<i32>,
    /// First global index of each topic's partitions (for dense per-partition arrays).
    pub offsets: Vec<usize>,
    pub total: usize,
    /// Topics with partitions, in the scenario's order (Java HashMap insertion order).
    pub topics_in_file_order: Vec<u32>,
    /// Replica racks per partition, when given.
    pub partition_racks: Option<Vec<Vec<BTreeSet<String>>>>,
    pub prefer_rack_aware_logic: bool,
    pub members: Vec<Member>,
    /// Member indices in Java HashMap<String, _> iteration order.
    pub hash_order: Vec<usize>,
    /// Per topic: its subscribers in `hash_order`.
    pub subscribers: Vec<Vec<usize>>,
    /// Rank of each member id in Java string order.
    pub id_rank: Vec<usize>,
    /// Position of each member in Kafka's MemberInfo order (stable over `hash_order`).
    pub info_rank: Vec<usize>,
}

impl Problem {
    /// Only topics that some member subscribes to and that have partitions take
    /// part, as `AbstractPartitionAssignor` builds `partitionsPerTopic`.
    pub fn new(s: &Scenario) -> Problem {
        // Every name in any subscription (including topics that do not exist), interned.
        let mut raw_names: HashMap<&str, u32> = HashMap::default();
        for m in &s.members {
            for t in &m.subscription {
                let next = raw_names.len() as u32;
                raw_names.entry(t.as_str()).or_insert(next);
            }
        }
        let mut names: Vec<String> = s
            .topics
            .iter()
            .filter(|(t, n)| *n > 0 && raw_names.contains_key(t.as_str()))
            .map(|(t, _)| t.clone())
            .collect();
        names.sort_by(|a, b| java::compare(a, b));
        names.dedup();
        let index: HashMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as u32))
            .collect();
        let counts: Vec<i32> = names
            .iter()
            .map(|n| s.partition_count(n).unwrap_or(0))
            .collect();
        let mut offsets = Vec::with_capacity(names.len());
        let mut total = 0usize;
        for c in &counts {
            offsets.push(total);
            total += *c as usize;
        }
        let topics_in_file_order = s
            .topics
            .iter()
            .filter_map(|(t, _)| index.get(t.as_str()).copied())
            .collect();
        let partition_racks = s.partition_racks.as_ref().map(|racks| {
            names
                .iter()
                .zip(&counts)
                .map(|(n, c)| match racks.get(n) {
                    Some(per) => per.iter().map(|rs| rs.iter().cloned().collect()).collect(),
                    None => vec![BTreeSet::new(); *c as usize],
                })
                .collect()
        });
        let words = names.len().div_ceil(64).max(1);
        let members: Vec<Member> = s
            .members
            .iter()
            .map(|m| {
                let mut raw: Vec<u32> = m
                    .subscription
                    .iter()
                    .map(|t| raw_names[t.as_str()])
                    .collect();
                raw.sort_unstable();
                raw.dedup();
                let mut mask = vec![0u64; words];
                let mut topics = Vec::new();
                for t in &m.subscription {
                    if let Some(&ti) = index.get(t.as_str()) {
                        let (w, b) = (ti as usize / 64, ti % 64);
                        if mask[w] & (1 << b) == 0 {
                            mask[w] |= 1 << b;
                            topics.push(ti);
                        }
                    }
                }
                // Owned lists come grouped by topic: remember the last lookup.
                let mut last: Option<(&str, Option<u32>)> = None;
                let owned = m
                    .owned
                    .iter()
                    .filter_map(|(t, p)| {
                        let ti = match last {
                            Some((name, ti)) if name == t.as_str() => ti,
                            _ => {
                                let ti = index.get(t.as_str()).copied();
                                last = Some((t.as_str(), ti));
                                ti
                            }
                        };
                        ti.map(|ti| tp(ti, *p))
                    })
                    .collect();
                Member {
                    id: m.id.clone(),
                    instance_id: m.group_instance_id.clone(),
                    rack: m.rack.clone(),
                    raw_subscription: raw,
                    raw_subscription_len: m.subscription.len(),
                    topics,
                    topic_mask: mask,
                    owned,
                    generation: m.generation,
                }
            })
            .collect();
        let hashes: Vec<i32> = members.iter().map(|m| java::string_hash(&m.id)).collect();
        let hash_order = java::hashmap_order(&hashes);
        let mut subscribers = vec![Vec::new(); names.len()];
        for &m in &hash_order {
            for &t in &members[m].topics {
                subscribers[t as usize].push(m);
            }
        }
        let mut by_id: Vec<usize> = (0..members.len()).collect();
        by_id.sort_by(|a, b| java::compare(&members[*a].id, &members[*b].id));
        let mut id_rank = vec![0; members.len()];
        for (rank, m) in by_id.into_iter().enumerate() {
            id_rank[m] = rank;
        }
        let info_rank = vec![0; members.len()];
        Problem {
            topic_names: names,
            topic_hash: Vec::new(),
            counts,
            offsets,
            total,
            topics_in_file_order,
            partition_racks,
            prefer_rack_aware_logic: s.prefer_rack_aware_logic,
            members,
            hash_order,
            subscribers,
            id_rank,
            info_rank,
        }
        .with_hashes()
    }

    fn with_hashes(mut self) -> Self {
        self.topic_hash = self
            .topic_names
            .iter()
            .map(|n| java::string_hash(n))
            .collect();
        let mut order = self.hash_order.clone();
        order.sort_by(|a, b| self.member_info_cmp(*a, *b));
        for (rank, m) in order.into_iter().enumerate() {
            self.info_rank[m] = rank;
        }
        self
    }

    /// Dense index of a partition, 0..total.
    pub fn dense(&self, tp: Tp) -> usize {
        self.offsets[tp_topic(tp) as usize] + tp_partition(tp) as usize
    }

    /// Every partition in (topic, partition) order.
    pub fn all_partitions(&self) -> impl Iterator<Item = Tp> + '_ {
        (0..self.topic_names.len() as u32)
            .flat_map(move |t| (0..self.counts[t as usize]).map(move |p| tp(t, p)))
    }

    pub fn tp_hash(&self, tp: Tp) -> i32 {
        java::topic_partition_hash(self.topic_hash[tp_topic(tp) as usize], tp_partition(tp))
    }

    /// Replica racks of a partition (empty when unknown).
    pub fn racks_of(&self, tp: Tp) -> Option<&BTreeSet<String>> {
        self.partition_racks
            .as_ref()
            .map(|r| &r[tp_topic(tp) as usize][tp_partition(tp) as usize])
    }

    pub fn name(&self, tp: Tp) -> (String, i32) {
        (
            self.topic_names[tp_topic(tp) as usize].clone(),
            tp_partition(tp),
        )
    }

    /// Kafka's `MemberInfo` order: members with a group.instance.id first (by
    /// it), then the others by member id. Stable: ties keep `members` order.
    pub fn member_info_cmp(&self, a: usize, b: usize) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        let (ma, mb) = (&self.members[a], &self.members[b]);
        match (&ma.instance_id, &mb.instance_id) {
            (Some(x), Some(y)) => java::compare(x, y),
            (Some(_), None) => Less,
            (None, Some(_)) => Greater,
            (None, None) => java::compare(&ma.id, &mb.id),
        }
    }

    /// `Kafka's AbstractPartitionAssignor.useRackAwareAssignment`.
    pub fn use_rack_aware(
        &self,
        consumer_racks: &BTreeSet<String>,
        partition_racks: &BTreeSet<String>,
        per_partition: &[&BTreeSet<String>],
    ) -> bool {
        if consumer_racks.is_empty() || consumer_racks.is_disjoint(partition_racks) {
            false
        } else if self.prefer_rack_aware_logic {
            true
        } else {
            !per_partition.iter().all(|r| *r == partition_racks)
        }
    }
}
