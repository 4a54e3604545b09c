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
    /// Topics with partitions in the order Java iterates `partitionsPerTopic`.
    pub partitions_per_topic_order: Vec<u32>,
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
    /// `owned_via_user_data`: the eager `StickyAssignor` reads owned partitions
    /// from its user data, which groups them by topic in `HashMap` order.
    pub fn new(s: &Scenario, owned_via_user_data: bool) -> Problem {
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
                let owned_in_order: Vec<(&str, i32)> = if owned_via_user_data {
                    group_by_topic_java(&m.owned)
                } else {
                    m.owned.iter().map(|(t, p)| (t.as_str(), *p)).collect()
                };
                // Owned lists come grouped by topic: remember the last lookup.
                let mut last: Option<(&str, Option<u32>)> = None;
                let owned = owned_in_order
                    .into_iter()
                    .filter_map(|(t, p)| {
                        let ti = match last {
                            Some((name, ti)) if name == t => ti,
                            _ => {
                                let ti = index.get(t).copied();
                                last = Some((t, ti));
                                ti
                            }
                        };
                        ti.map(|ti| tp(ti, p))
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
            partitions_per_topic_order: Vec::new(),
            partition_racks,
            prefer_rack_aware_logic: s.prefer_rack_aware_logic,
            members,
            hash_order,
            subscribers,
            id_rank,
            info_rank,
        }
        .with_hashes(s)
    }

    fn with_hashes(mut self, s: &Scenario) -> Self {
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
        self.partitions_per_topic_order = self.java_partitions_per_topic_order(s);
        self
    }

    /// `AbstractPartitionAssignor.assign` collects every subscribed name into a
    /// `HashSet` (members in `HashMap` order, each subscription in list order),
    /// then puts the topics that have partitions into a `HashMap`; its
    /// iteration order decides range's list order. Names of unknown topics
    /// count: they size the set and so its order.
    fn java_partitions_per_topic_order(&self, s: &Scenario) -> Vec<u32> {
        let mut seen: HashMap<&str, ()> = HashMap::default();
        let mut names: Vec<&str> = Vec::new();
        for &m in &self.hash_order {
            for t in &s.members[m].subscription {
                if seen.insert(t.as_str(), ()).is_none() {
                    names.push(t.as_str());
                }
            }
        }
        let hashes: Vec<i32> = names.iter().map(|n| java::string_hash(n)).collect();
        let index: HashMap<&str, u32> = self
            .topic_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as u32))
            .collect();
        let inserted: Vec<u32> = java::hashmap_order(&hashes)
            .into_iter()
            .filter_map(|i| index.get(names[i]).copied())
            .collect();
        let hashes: Vec<i32> = inserted
            .iter()
            .map(|t| self.topic_hash[*t as usize])
            .collect();
        java::hashmap_order(&hashes)
            .into_iter()
            .map(|i| inserted[i])
            .collect()
    }

    /// Whether a topic takes part (exists with partitions and is subscribed).
    pub fn has_topic(&self, name: &str) -> bool {
        self.topic_names
            .binary_search_by(|t| java::compare(t, name))
            .is_ok()
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

/// `CollectionUtils.groupPartitionsByTopic` as the eager sticky user data is
/// written and read back: topics in the order of a `HashMap` filled by
/// `computeIfAbsent`, partitions in list order.
fn group_by_topic_java(owned: &[(String, i32)]) -> Vec<(&str, i32)> {
    let mut topics: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::default();
    let mut groups: Vec<Vec<i32>> = Vec::new();
    let mut calls = Vec::with_capacity(owned.len());
    for (t, p) in owned {
        let i = *index.entry(t.as_str()).or_insert_with(|| {
            topics.push(t.as_str());
            groups.push(Vec::new());
            topics.len() - 1
        });
        groups[i].push(*p);
        calls.push(i);
    }
    let hashes: Vec<i32> = topics.iter().map(|t| java::string_hash(t)).collect();
    let mut out = Vec::with_capacity(owned.len());
    for i in java::hashmap_order_compute_if_absent(&hashes, calls) {
        out.extend(groups[i].iter().map(|p| (topics[i], *p)));
    }
    out
}
