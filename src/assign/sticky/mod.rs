//! `AbstractStickyAssignor` (Sticky and CooperativeSticky): ownership
//! resolution, rack information, then the constrained path (identical
//! subscriptions) or the general path.

mod constrained;
mod general;
mod movements;

use super::problem::{Problem, Tp};
use std::collections::{BTreeSet, HashMap};

pub const DEFAULT_GENERATION: i32 = -1;

pub struct StickyResult {
    pub assignment: Vec<Vec<Tp>>,
    /// Partitions changing owner, from the constrained path; None on the general path.
    pub transferring: Option<Vec<(Tp, usize)>>,
}

#[derive(Debug, thiserror::Error)]
pub enum StickyError {
    #[error("internal assignor error: {0}")]
    Internal(String),
    /// Kafka's own assignor throws here (a NullPointerException), so the real rebalance fails.
    #[error(
        "Kafka's sticky assignor fails on this scenario ({0}); the real rebalance would fail too"
    )]
    KafkaFails(String),
}

/// Rack information as `AbstractStickyAssignor.RackInfo` keeps it.
pub struct RackInfo {
    /// member -> rack, only when rack-aware assignment is used.
    pub consumer_racks: HashMap<usize, String>,
    /// partition (dense) -> replica racks, only when rack-aware assignment is used.
    pub partition_racks: Option<Vec<BTreeSet<String>>>,
    /// partition (dense) -> number of consumers on its racks (empty when no consumer has a rack).
    pub num_consumers_by_partition: Option<Vec<usize>>,
}

impl RackInfo {
    fn new(pb: &Problem) -> RackInfo {
        let mut consumers_by_rack: HashMap<String, Vec<usize>> = HashMap::new();
        for &m in &pb.hash_order {
            if let Some(r) = pb.members[m].rack.as_ref().filter(|r| !r.is_empty()) {
                consumers_by_rack.entry(r.clone()).or_default().push(m);
            }
        }
        if consumers_by_rack.is_empty() {
            return RackInfo {
                consumer_racks: HashMap::new(),
                partition_racks: None,
                num_consumers_by_partition: None,
            };
        }
        let per: Vec<BTreeSet<String>> = pb
            .all_partitions()
            .map(|tp| pb.racks_of(tp).cloned().unwrap_or_default())
            .collect();
        let all_partition_racks: BTreeSet<String> = per.iter().flatten().cloned().collect();
        let consumer_rack_set: BTreeSet<String> = consumers_by_rack.keys().cloned().collect();
        let refs: Vec<&BTreeSet<String>> = per.iter().collect();
        let num: Vec<usize> = per
            .iter()
            .map(|rs| {
                rs.iter()
                    .map(|r| consumers_by_rack.get(r).map_or(0, Vec::len))
                    .sum()
            })
            .collect();
        if pb.use_rack_aware(&consumer_rack_set, &all_partition_racks, &refs) {
            let consumer_racks = consumers_by_rack
                .iter()
                .flat_map(|(r, ms)| ms.iter().map(move |m| (*m, r.clone())))
                .collect();
            RackInfo {
                consumer_racks,
                partition_racks: Some(per),
                num_consumers_by_partition: Some(num),
            }
        } else {
            RackInfo {
                consumer_racks: HashMap::new(),
                partition_racks: None,
                num_consumers_by_partition: Some(num),
            }
        }
    }

    pub fn racks_mismatch(&self, pb: &Problem, consumer: usize, tp: Tp) -> bool {
        match self.consumer_racks.get(&consumer) {
            None => false,
            Some(r) => !self
                .partition_racks
                .as_ref()
                .is_some_and(|p| p[pb.dense(tp)].contains(r)),
        }
    }

    /// Stable sort by how many consumers share the partition's racks.
    pub fn sort_by_rack_consumers(&self, pb: &Problem, partitions: &mut [Tp]) {
        if let Some(n) = &self.num_consumers_by_partition {
            partitions.sort_by_key(|tp| n[pb.dense(*tp)]);
        }
    }

    /// Index of the first consumer (from `first`, wrapping) on one of `tp`'s racks.
    pub fn next_rack_consumer(
        &self,
        pb: &Problem,
        tp: Tp,
        consumers: &[usize],
        first: usize,
    ) -> Option<usize> {
        let racks = &self.partition_racks.as_ref()?[pb.dense(tp)];
        if racks.is_empty() {
            return None;
        }
        (0..consumers.len())
            .map(|i| (first + i) % consumers.len())
            .find(|&i| {
                self.consumer_racks
                    .get(&consumers[i])
                    .is_some_and(|r| racks.contains(r))
            })
    }
}

/// Owned partitions per member after resolving conflicting claims, whether
/// all subscriptions are equal, and the partitions claimed twice in one generation.
struct Ownership {
    all_equal: bool,
    owned: Vec<Vec<Tp>>,
    multiple_owners: BTreeSet<Tp>,
    max_generation: i32,
}

fn resolve_ownership(pb: &Problem) -> Ownership {
    let mut all_equal = true;
    let mut subscribed: Option<&[u32]> = None;
    const NOBODY: u32 = u32::MAX;
    let mut owner_of = vec![NOBODY; pb.total];
    let mut owned: Vec<Vec<Tp>> = vec![Vec::new(); pb.members.len()];
    let mut multiple_owners = BTreeSet::new();
    let mut max_generation = DEFAULT_GENERATION;
    for &c in &pb.hash_order {
        let m = &pb.members[c];
        // Kafka (re)initialises the topic set while it is empty, then compares sizes and containment.
        match subscribed {
            None | Some([]) => subscribed = Some(&m.raw_subscription),
            Some(set) => {
                let contained = m
                    .raw_subscription
                    .iter()
                    .all(|t| set.binary_search(t).is_ok());
                if all_equal && !(m.raw_subscription_len == set.len() && contained) {
                    all_equal = false;
                }
            }
        }
        let generation = m.generation.unwrap_or(DEFAULT_GENERATION);
        max_generation = max_generation.max(generation);
        for &tp in &m.owned {
            let d = pb.dense(tp);
            match owner_of[d] {
                NOBODY => {
                    owned[c].push(tp);
                    owner_of[d] = c as u32;
                }
                other => {
                    let other = other as usize;
                    let other_generation =
                        pb.members[other].generation.unwrap_or(DEFAULT_GENERATION);
                    if generation == other_generation {
                        // Two owners in one generation: neither keeps it.
                        multiple_owners.insert(tp);
                        remove_first(&mut owned[other], tp);
                        owner_of[d] = c as u32;
                    } else if generation > other_generation {
                        owned[c].push(tp);
                        remove_first(&mut owned[other], tp);
                        owner_of[d] = c as u32;
                    }
                }
            }
        }
    }
    Ownership {
        all_equal,
        owned,
        multiple_owners,
        max_generation,
    }
}

/// `List.remove(Object)`: the first occurrence.
pub fn remove_first(list: &mut Vec<Tp>, tp: Tp) -> bool {
    match list.iter().position(|x| *x == tp) {
        Some(i) => {
            list.remove(i);
            true
        }
        None => false,
    }
}

pub fn assign(pb: &Problem) -> Result<StickyResult, StickyError> {
    let ownership = resolve_ownership(pb);
    let racks = RackInfo::new(pb);
    if ownership.all_equal {
        constrained::assign(pb, &racks, ownership.owned, &ownership.multiple_owners)
    } else {
        general::assign(pb, &racks, ownership.owned, ownership.max_generation)
    }
}

/// CooperativeSticky: the sticky result minus every partition that changes
/// owner (it is revoked first and handed out in a follow-up rebalance).
pub fn assign_cooperative(pb: &Problem) -> Result<StickyResult, StickyError> {
    let mut r = assign(pb)?;
    let transferring: Vec<(Tp, usize)> = match &r.transferring {
        Some(t) => t.clone(),
        None => {
            // Added to one member and revoked from another.
            let mut added: Vec<(Tp, usize)> = Vec::new();
            let mut revoked: BTreeSet<Tp> = BTreeSet::new();
            for (c, assigned) in r.assignment.iter().enumerate() {
                let owned: BTreeSet<Tp> = pb.members[c].owned.iter().copied().collect();
                let assigned_set: BTreeSet<Tp> = assigned.iter().copied().collect();
                added.extend(
                    assigned
                        .iter()
                        .filter(|tp| !owned.contains(tp))
                        .map(|tp| (*tp, c)),
                );
                revoked.extend(owned.iter().filter(|tp| !assigned_set.contains(tp)));
            }
            added.retain(|(tp, _)| revoked.contains(tp));
            added
        }
    };
    for (tp, c) in &transferring {
        remove_first(&mut r.assignment[*c], *tp);
    }
    Ok(r)
}
