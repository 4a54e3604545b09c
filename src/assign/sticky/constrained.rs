//! The constrained path (every member subscribes to the same topics): keep
//! owned partitions within quota, then fill members round-robin (rack-matched
//! first when rack-aware).

use super::super::problem::{tp_partition, tp_topic, Problem, Tp};
use super::{RackInfo, StickyError, StickyResult};
use std::collections::BTreeSet;

pub fn assign(
    pb: &Problem,
    racks: &RackInfo,
    owned: Vec<Vec<Tp>>,
    multiple_owners: &BTreeSet<Tp>,
) -> Result<StickyResult, StickyError> {
    let n = pb.members.len();
    let total = pb.total;
    let mut transferring: Vec<(Tp, usize)> = Vec::new();
    if n == 0 {
        return Ok(StickyResult {
            assignment: Vec::new(),
            transferring: Some(transferring),
        });
    }
    let min_quota = total / n;
    let max_quota = total.div_ceil(n);
    let expected_over_min = total % n;
    let mut current_over_min = 0usize;
    let mut assignment: Vec<Vec<Tp>> = vec![Vec::new(); n];
    let mut taken = vec![false; total];
    // maybeRevokedPartitions: partition -> the member it was taken from.
    let mut revoked_from = vec![u32::MAX; total];
    let mut under_min: Vec<usize> = Vec::new();
    let mut exactly_min: Vec<usize> = Vec::new();

    // consumerToOwnedPartitions is a HashMap: members in Java iteration order.
    for &c in &pb.hash_order {
        let mut mine: Vec<Tp> = Vec::with_capacity(owned[c].len());
        for &tp in &owned[c] {
            if racks.racks_mismatch(pb, c, tp) {
                revoked_from[pb.dense(tp)] = c as u32;
            } else {
                mine.push(tp);
            }
        }
        // Sorted by (partition, topic); topic ids are in Java string order.
        mine.sort_by_key(|tp| (tp_partition(*tp), tp_topic(*tp)));
        mine.retain(|tp| !multiple_owners.contains(tp));
        let keep = if mine.len() < min_quota {
            under_min.push(c);
            mine.len()
        } else if mine.len() >= max_quota && current_over_min < expected_over_min {
            current_over_min += 1;
            if current_over_min == expected_over_min {
                exactly_min.clear();
            }
            max_quota
        } else {
            if current_over_min < expected_over_min {
                exactly_min.push(c);
            }
            min_quota
        };
        for tp in &mine[..keep] {
            taken[pb.dense(*tp)] = true;
        }
        for tp in &mine[keep..] {
            revoked_from[pb.dense(*tp)] = c as u32;
        }
        assignment[c].extend_from_slice(&mine[..keep]);
    }

    let mut unassigned: Vec<Tp> = pb
        .all_partitions()
        .filter(|tp| !taken[pb.dense(*tp)])
        .collect();
    let by_id = |a: &usize, b: &usize| pb.id_rank[*a].cmp(&pb.id_rank[*b]);
    under_min.sort_by(by_id);
    exactly_min.sort_by(by_id);
    racks.sort_by_rack_consumers(pb, &mut unassigned);

    let mut new_partition = |tp: Tp, c: usize, assignment: &mut Vec<Vec<Tp>>| -> usize {
        assignment[c].push(tp);
        let from = revoked_from[pb.dense(tp)];
        if (from != u32::MAX && from != c as u32) || multiple_owners.contains(&tp) {
            transferring.push((tp, c));
        }
        assignment[c].len()
    };

    // Rack-matched round-robin first.
    if !racks.consumer_racks.is_empty() {
        let mut next_unfilled = 0usize;
        let mut left = Vec::with_capacity(unassigned.len());
        for tp in unassigned {
            let mut chosen = None;
            if let Some(i) = racks.next_rack_consumer(pb, tp, &under_min, next_unfilled) {
                let c = under_min[i];
                let mut next = i;
                let count = assignment[c].len() + 1;
                if count >= min_quota {
                    under_min.retain(|x| *x != c);
                    if count < max_quota && current_over_min < expected_over_min {
                        exactly_min.push(c);
                    }
                } else {
                    next += 1;
                }
                next_unfilled = if under_min.is_empty() {
                    0
                } else {
                    next % under_min.len()
                };
                chosen = Some(c);
            } else if !exactly_min.is_empty() {
                if let Some(i) = racks.next_rack_consumer(pb, tp, &exactly_min, 0) {
                    let c = exactly_min[i];
                    if assignment[c].len() + 1 == max_quota {
                        exactly_min.remove(i);
                        current_over_min += 1;
                        if current_over_min == expected_over_min {
                            exactly_min.clear();
                        }
                    }
                    chosen = Some(c);
                }
            }
            match chosen {
                Some(c) => {
                    new_partition(tp, c, &mut assignment);
                }
                None => left.push(tp),
            }
        }
        unassigned = left;
    }

    // Round-robin over members under minQuota, then one more each for those at minQuota.
    let mut it = 0usize; // position of the iterator over under_min
    let count = unassigned.len();
    for (k, tp) in unassigned.into_iter().enumerate() {
        // (member, index the iterator returned it at; None when polled from exactly_min)
        let (c, from_iter) = if it < under_min.len() {
            it += 1;
            (under_min[it - 1], Some(it - 1))
        } else if under_min.is_empty() && exactly_min.is_empty() {
            return Err(StickyError::Internal(format!(
                "no more unfilled consumers, {} partitions left",
                count - k
            )));
        } else if under_min.is_empty() {
            (exactly_min.remove(0), None)
        } else {
            it = 1;
            (under_min[0], Some(0))
        };
        let assigned = new_partition(tp, c, &mut assignment);
        if assigned == min_quota {
            let i = from_iter.ok_or_else(|| {
                StickyError::Internal("iterator removal without a current element".into())
            })?;
            under_min.remove(i);
            it -= 1;
            exactly_min.push(c);
        } else if assigned == max_quota {
            current_over_min += 1;
        }
    }

    if !under_min.is_empty() {
        if current_over_min != expected_over_min {
            return Err(StickyError::Internal(
                "expected number of members above minQuota not reached".into(),
            ));
        }
        if let Some(c) = under_min
            .iter()
            .find(|c| assignment[**c].len() != min_quota)
        {
            return Err(StickyError::Internal(format!(
                "member {} does not reach minQuota",
                pb.members[*c].id
            )));
        }
    }
    Ok(StickyResult {
        assignment,
        transferring: Some(transferring),
    })
}
