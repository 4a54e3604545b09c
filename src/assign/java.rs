//! The parts of the Java runtime whose behaviour decides Kafka's assignments:
//! `String.hashCode`, `String.compareTo` (UTF-16 code units), `HashMap`
//! iteration order, and `HashSet.iterator().next()`.
//!
//! Java's HashMap iterates its table bucket by bucket; a key's bucket is
//! `(h ^ (h >>> 16)) & (capacity - 1)`, capacity starts at 16 and doubles once
//! size exceeds 0.75 x capacity, and keys sharing a bucket keep insertion order
//! (resizes split buckets without reordering). Bins turned into trees (8+
//! colliding keys in a table of 64+) are not emulated.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units.
pub fn string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
}

/// `String.compareTo`: lexicographic over UTF-16 code units (differs from
/// Rust's byte order for characters above U+FFFF versus U+E000..U+FFFF).
pub fn compare(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.as_bytes().cmp(b.as_bytes());
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `HashMap.hash()`: the high bits folded into the low ones.
pub fn spread(h: i32) -> u32 {
    let h = h as u32;
    h ^ (h >> 16)
}

/// Table capacity of a `new HashMap<>()` after inserting `n` keys.
pub fn capacity_for(n: usize) -> usize {
    let mut cap = 16usize;
    while n > cap / 4 * 3 {
        cap *= 2;
    }
    cap
}

/// The order in which a `new HashMap<>()` filled with keys of these hashes (in
/// this insertion order) iterates them: indices into `hashes`.
pub fn hashmap_order(hashes: &[i32]) -> Vec<usize> {
    let mask = (capacity_for(hashes.len()) - 1) as u32;
    let mut idx: Vec<usize> = (0..hashes.len()).collect();
    idx.sort_by_key(|&i| (spread(hashes[i]) & mask, i));
    idx
}

/// Like `hashmap_order`, for a map filled by `computeIfAbsent`. `calls` are
/// the keys of every call in order (indices into `hashes`, which are in
/// first-call order). Unlike `put`, `computeIfAbsent` links a new key at the
/// head of its bucket (keys sharing a bucket iterate in reverse insertion
/// order) and grows the table at the start of the next call, not right after
/// the insertion that crossed the threshold.
pub fn hashmap_order_compute_if_absent(
    hashes: &[i32],
    calls: impl IntoIterator<Item = usize>,
) -> Vec<usize> {
    let (mut capacity, mut size) = (16usize, 0usize);
    for key in calls {
        if size > capacity / 4 * 3 {
            capacity *= 2;
        }
        size = size.max(key + 1);
    }
    let mask = (capacity - 1) as u32;
    let mut idx: Vec<usize> = (0..hashes.len()).collect();
    idx.sort_by_key(|&i| (spread(hashes[i]) & mask, std::cmp::Reverse(i)));
    idx
}

/// `TopicPartition.hashCode()`: `31 * (31 + partition) + topic.hashCode()`.
pub fn topic_partition_hash(topic_hash: i32, partition: i32) -> i32 {
    31i32
        .wrapping_mul(31i32.wrapping_add(partition))
        .wrapping_add(topic_hash)
}

/// A `java.util.HashSet` whose only observable order is `iterator().next()`:
/// the first key of the lowest non-empty bucket, keys within a bucket in
/// insertion order. It grows like Java's and never shrinks.
#[derive(Debug, Clone)]
pub struct JavaHashSet {
    capacity: usize,
    next_seq: u64,
    /// key -> (bucket, insertion sequence, hash)
    entries: HashMap<u64, (u32, u64, i32)>,
    order: BTreeSet<(u32, u64, u64)>,
}

impl Default for JavaHashSet {
    fn default() -> Self {
        JavaHashSet {
            capacity: 16,
            next_seq: 0,
            entries: HashMap::new(),
            order: BTreeSet::new(),
        }
    }
}

impl JavaHashSet {
    fn bucket(&self, hash: i32) -> u32 {
        spread(hash) & (self.capacity as u32 - 1)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `add`: no-op when present (an existing key keeps its place).
    pub fn insert(&mut self, key: u64, hash: i32) {
        if self.entries.contains_key(&key) {
            return;
        }
        let b = self.bucket(hash);
        let seq = self.next_seq;
        self.next_seq += 1;
        self.entries.insert(key, (b, seq, hash));
        self.order.insert((b, seq, key));
        if self.entries.len() > self.capacity / 4 * 3 {
            self.capacity *= 2;
            let mut order = BTreeSet::new();
            for (k, e) in self.entries.iter_mut() {
                e.0 = spread(e.2) & (self.capacity as u32 - 1);
                order.insert((e.0, e.1, *k));
            }
            self.order = order;
        }
    }

    pub fn remove(&mut self, key: u64) -> bool {
        match self.entries.remove(&key) {
            Some((b, seq, _)) => {
                self.order.remove(&(b, seq, key));
                true
            }
            None => false,
        }
    }

    /// `iterator().next()`
    pub fn first(&self) -> Option<u64> {
        self.order.iter().next().map(|e| e.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_matches_java() {
        // Values from Java: "".hashCode() == 0, "a" == 97, "hello" == 99162322.
        assert_eq!(string_hash(""), 0);
        assert_eq!(string_hash("a"), 97);
        assert_eq!(string_hash("hello"), 99_162_322);
        // Overflow wraps: "polygenelubricants".hashCode() == Integer.MIN_VALUE.
        assert_eq!(string_hash("polygenelubricants"), i32::MIN);
        // Supplementary characters hash as two UTF-16 units.
        assert_eq!(string_hash("\u{1F600}"), 0xD83D * 31 + 0xDE00);
    }

    #[test]
    fn utf16_order_differs_from_byte_order() {
        let bmp_high = "\u{FF5E}"; // one unit 0xFF5E
        let astral = "\u{1F600}"; // units 0xD83D 0xDE00
        assert_eq!(bmp_high.cmp(astral), Ordering::Less);
        assert_eq!(compare(bmp_high, astral), Ordering::Greater);
        assert_eq!(compare("a", "b"), Ordering::Less);
    }

    #[test]
    fn hashmap_order_of_three_consumers() {
        // The shared notes: Java visits consumer3, consumer2, consumer1.
        let ids = ["consumer1", "consumer2", "consumer3"];
        let hashes: Vec<i32> = ids.iter().map(|s| string_hash(s)).collect();
        let order: Vec<&str> = hashmap_order(&hashes).into_iter().map(|i| ids[i]).collect();
        assert_eq!(order, ["consumer3", "consumer2", "consumer1"]);
    }

    #[test]
    fn compute_if_absent_links_colliding_keys_at_the_head() {
        // Java: keys "AaAa", "AaBB", "BBAa" (equal hashes) and "x😀" added with
        // computeIfAbsent iterate as [x😀, BBAa, AaBB, AaAa]; with put as [x😀, AaAa, AaBB, BBAa].
        let keys = ["AaAa", "AaBB", "BBAa", "x\u{1F600}"];
        let hashes: Vec<i32> = keys.iter().map(|k| string_hash(k)).collect();
        let order = |o: Vec<usize>| o.into_iter().map(|i| keys[i]).collect::<Vec<_>>();
        assert_eq!(
            order(hashmap_order_compute_if_absent(&hashes, 0..4)),
            ["x\u{1F600}", "BBAa", "AaBB", "AaAa"]
        );
        assert_eq!(
            order(hashmap_order(&hashes)),
            ["x\u{1F600}", "AaAa", "AaBB", "BBAa"]
        );
    }

    #[test]
    fn compute_if_absent_grows_the_table_on_the_next_call() {
        // Java: 13 keys "t0".."t12" added by computeIfAbsent iterate as below; one more
        // call (for an existing key) grows the table to 32 and changes the order.
        let keys: Vec<String> = (0..13).map(|i| format!("t{i}")).collect();
        let hashes: Vec<i32> = keys.iter().map(|k| string_hash(k)).collect();
        let order = |o: Vec<usize>| o.into_iter().map(|i| keys[i].as_str()).collect::<Vec<_>>();
        assert_eq!(
            order(hashmap_order_compute_if_absent(&hashes, 0..13)),
            ["t4", "t5", "t10", "t6", "t7", "t12", "t8", "t11", "t9", "t0", "t1", "t2", "t3"]
        );
        assert_eq!(
            order(hashmap_order_compute_if_absent(&hashes, (0..13).chain([0]))),
            ["t4", "t5", "t6", "t7", "t8", "t9", "t10", "t12", "t11", "t0", "t1", "t2", "t3"]
        );
    }

    #[test]
    fn capacity_grows_like_java() {
        assert_eq!(capacity_for(0), 16);
        assert_eq!(capacity_for(12), 16);
        assert_eq!(capacity_for(13), 32);
        assert_eq!(capacity_for(25), 64);
    }

    #[test]
    fn hash_set_first_follows_buckets_then_insertion() {
        let mut s = JavaHashSet::default();
        // Same bucket (hashes equal mod 16): insertion order decides.
        s.insert(1, 16);
        s.insert(2, 0);
        assert_eq!(s.first(), Some(1));
        s.insert(3, 5);
        assert_eq!(s.first(), Some(1));
        s.remove(1);
        assert_eq!(s.first(), Some(2));
        // Lower bucket wins regardless of insertion.
        s.insert(4, -1i32 << 20); // spread -> high bits folded; bucket computed below
        let b4 = spread(-1i32 << 20) & 15;
        assert!(b4 < 16);
        for k in 10..40u64 {
            s.insert(k, k as i32 * 7);
        }
        assert_eq!(s.capacity, capacity_for(s.entries.len()));
        assert!(s.entries.contains_key(&3));
    }
}
