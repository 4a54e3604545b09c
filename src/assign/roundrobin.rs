//! `RoundRobinAssignor`: all subscribed partitions in (topic, partition)
//! order, dealt round-robin over the sorted members, skipping members not
//! subscribed to a partition's topic.

use super::problem::{tp, Problem, Tp};

pub fn assign(pb: &Problem) -> Vec<Vec<Tp>> {
    let mut out: Vec<Vec<Tp>> = vec![Vec::new(); pb.members.len()];
    // memberInfoList is built in HashMap order, then sorted stably.
    let mut ring: Vec<usize> = pb.hash_order.clone();
    ring.sort_by_key(|m| pb.info_rank[*m]);
    if ring.is_empty() {
        return out;
    }
    let mut at = 0usize;
    // Topic ids are in Java string order, as the TreeSet of topic names.
    for t in 0..pb.topic_names.len() as u32 {
        for p in 0..pb.counts[t as usize] {
            // Some member subscribes to every topic in the problem, so this ends.
            while !pb.members[ring[at]].subscribes(t) {
                at = (at + 1) % ring.len();
            }
            out[ring[at]].push(tp(t, p));
            at = (at + 1) % ring.len();
        }
    }
    out
}
