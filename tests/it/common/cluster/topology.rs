//! Who leads what and who coordinates whom in the pretend cluster: broker ids
//! 1..=N, each a loopback port of the proxy. Deterministic by name so a test
//! can predict placement, overridable at runtime to simulate moves.

use std::collections::HashMap;

/// One pretend broker as clients see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: i32,
    pub host: String,
    pub port: u16,
}

#[derive(Debug)]
pub struct Topology {
    nodes: Vec<Node>,
    coordinators: HashMap<String, i32>,
    leaders: HashMap<(String, i32), i32>,
    /// Topic ids as the broker's Metadata answers named them; Fetch v13+ and
    /// Produce v13 name topics only by id.
    topic_names: HashMap<u128, String>,
}

/// FNV-1a: stable across Rust versions and runs, unlike `DefaultHasher`.
pub fn stable_hash(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

impl Topology {
    pub fn new(ports: &[u16]) -> Topology {
        let nodes = ports
            .iter()
            .enumerate()
            .map(|(i, &port)| Node {
                id: i as i32 + 1,
                host: "127.0.0.1".to_string(),
                port,
            })
            .collect();
        Topology {
            nodes,
            coordinators: HashMap::new(),
            leaders: HashMap::new(),
            topic_names: HashMap::new(),
        }
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, id: i32) -> &Node {
        &self.nodes[(id - 1) as usize]
    }

    fn spread(&self, h: u32) -> i32 {
        (h % self.nodes.len() as u32) as i32 + 1
    }

    /// Partition p of a topic is led by broker (hash(topic) + p) mod N, 1-based.
    pub fn leader(&self, topic: &str, partition: i32) -> i32 {
        if let Some(&id) = self.leaders.get(&(topic.to_string(), partition)) {
            return id;
        }
        self.spread(stable_hash(topic).wrapping_add(partition.max(0) as u32))
    }

    /// Replica list of `count` brokers starting at the leader.
    pub fn replicas(&self, topic: &str, partition: i32, count: usize) -> Vec<i32> {
        let leader = self.leader(topic, partition);
        let n = self.nodes.len() as i32;
        (0..count.min(self.nodes.len()) as i32)
            .map(|k| (leader - 1 + k) % n + 1)
            .collect()
    }

    pub fn coordinator(&self, group: &str) -> i32 {
        match self.coordinators.get(group) {
            Some(&id) => id,
            None => self.spread(stable_hash(group)),
        }
    }

    pub fn move_coordinator(&mut self, group: &str, to: i32) {
        self.check_id(to);
        self.coordinators.insert(group.to_string(), to);
    }

    pub fn move_leader(&mut self, topic: &str, partition: i32, to: i32) {
        self.check_id(to);
        self.leaders.insert((topic.to_string(), partition), to);
    }

    fn check_id(&self, id: i32) {
        assert!(
            (1..=self.nodes.len() as i32).contains(&id),
            "no broker {id} in a cluster of {}",
            self.nodes.len()
        );
    }

    pub fn learn_topic_id(&mut self, id: u128, name: &str) {
        if id != 0 {
            self.topic_names.insert(id, name.to_string());
        }
    }

    pub fn topic_name(&self, id: u128) -> Option<&str> {
        self.topic_names.get(&id).map(String::as_str)
    }
}
