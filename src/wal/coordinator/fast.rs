//! Offset commits as nearly every record of a log is written: key type 0/1,
//! value version 0-3 (fixed layout), read in one pass. Whatever this does not
//! take, the generic decoder reads; on what it takes, it must agree with it
//! exactly (the property test below checks both on the same bytes).

use super::{text, CoordinatorRecord, OffsetCommitValue};
use std::borrow::Cow;

fn be16(b: &[u8], at: usize) -> Option<i16> {
    Some(i16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be64(b: &[u8], at: usize) -> Option<i64> {
    Some(i64::from_be_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// A classic (i16-length, non-null) string at `at`, and the position after it.
fn string(b: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let n = usize::try_from(be16(b, at)?).ok()?;
    let s = b.get(at + 2..at + 2 + n)?;
    Some((s, at + 2 + n))
}

/// OffsetCommitValue v0-v3; None for any other version or shape.
fn value(v: &[u8]) -> Option<OffsetCommitValue<'_>> {
    let version = be16(v, 0)?;
    if !(0..=3).contains(&version) {
        return None;
    }
    let offset = be64(v, 2)?;
    let (leader_epoch, at) = if version >= 3 {
        (Some(be32(v, 10)?), 14)
    } else {
        (None, 10)
    };
    let (metadata, at) = string(v, at)?;
    let commit_timestamp = be64(v, at)?;
    let (expire_timestamp, end) = if version == 1 {
        (Some(be64(v, at + 8)?), at + 16)
    } else {
        (None, at + 8)
    };
    if end != v.len() {
        return None;
    }
    Some(OffsetCommitValue {
        version,
        offset,
        leader_epoch: leader_epoch.filter(|e| *e >= 0),
        metadata: if metadata.is_empty() {
            Cow::Borrowed("")
        } else {
            text(metadata)
        },
        commit_timestamp,
        expire_timestamp: expire_timestamp.filter(|e| *e >= 0),
        topic_id: None,
    })
}

/// The record, if it is an offset commit of the common shape.
pub(super) fn offset_commit<'a>(
    key: &'a [u8],
    value_bytes: Option<&'a [u8]>,
) -> Option<CoordinatorRecord<'a>> {
    if !matches!(be16(key, 0)?, 0 | 1) {
        return None;
    }
    let (group, at) = string(key, 2)?;
    let (topic, end) = string(key, at)?;
    let partition = be32(key, end)?;
    // Both names checked as text in one pass (the two length bytes between
    // them are ASCII for any name under 128 bytes).
    let (group, topic) = match std::str::from_utf8(&key[4..end]) {
        Ok(s) => match (s.get(..group.len()), s.get(at - 2..)) {
            (Some(g), Some(t)) => (Cow::Borrowed(g), Cow::Borrowed(t)),
            _ => (text(group), text(topic)),
        },
        Err(_) => (text(group), text(topic)),
    };
    let value = match value_bytes {
        Some(v) => Some(value(v)?),
        None => None,
    };
    Some(CoordinatorRecord::OffsetCommit {
        group,
        topic,
        partition,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn str16(out: &mut Vec<u8>, s: &[u8], declared: Option<i16>) {
        out.extend_from_slice(&declared.unwrap_or(s.len() as i16).to_be_bytes());
        out.extend_from_slice(s);
    }

    /// Key and value as Kafka writes them, then possibly damaged.
    #[allow(clippy::too_many_arguments)]
    fn record(
        key_type: i16,
        group: &[u8],
        topic: &[u8],
        partition: i32,
        version: i16,
        fields: (i64, i32, i64, i64),
        metadata: &[u8],
        damage: (Option<i16>, usize, Vec<u8>),
    ) -> (Vec<u8>, Vec<u8>) {
        let mut k = key_type.to_be_bytes().to_vec();
        str16(&mut k, group, None);
        str16(&mut k, topic, None);
        k.extend_from_slice(&partition.to_be_bytes());
        let (offset, epoch, commit, expire) = fields;
        let mut v = version.to_be_bytes().to_vec();
        v.extend_from_slice(&offset.to_be_bytes());
        if version >= 3 {
            v.extend_from_slice(&epoch.to_be_bytes());
        }
        str16(&mut v, metadata, damage.0);
        v.extend_from_slice(&commit.to_be_bytes());
        if version == 1 {
            v.extend_from_slice(&expire.to_be_bytes());
        }
        // Cut the value short, or add bytes after it.
        v.truncate(v.len().saturating_sub(damage.1));
        v.extend_from_slice(&damage.2);
        (k, v)
    }

    fn text_bytes() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            "[a-z0-9._-]{0,30}".prop_map(String::into_bytes),
            proptest::collection::vec(any::<u8>(), 0..12),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Where the fast path reads a record, it reads what the generic decoder reads.
        #[test]
        fn agrees_with_the_generic_decoder(
            key_type in -1i16..4,
            group in text_bytes(),
            topic in text_bytes(),
            partition in any::<i32>(),
            version in -1i16..6,
            fields in (any::<i64>(), -2i32..3, any::<i64>(), -2i64..3),
            metadata in text_bytes(),
            damage in (
                proptest::option::weighted(0.1, -2i16..40),
                prop_oneof![4 => Just(0usize), 1 => 0usize..30],
                prop_oneof![4 => Just(vec![]), 1 => proptest::collection::vec(any::<u8>(), 0..4)],
            ),
            tombstone in proptest::bool::weighted(0.1),
            key_cut in prop_oneof![9 => Just(0usize), 1 => 0usize..10],
        ) {
            let intact = damage.0.is_none() && damage.1 == 0 && damage.2.is_empty() && key_cut == 0;
            let (mut k, v) = record(key_type, &group, &topic, partition, version, fields, &metadata, damage);
            k.truncate(k.len() - key_cut.min(k.len()));
            let v = (!tombstone).then_some(&v[..]);
            let generic = super::super::decode_generic(&k, v);
            match offset_commit(&k, v) {
                Some(fast) => prop_assert_eq!(fast, generic),
                // The common shape is always taken.
                None => prop_assert!(!(intact && matches!(key_type, 0 | 1) && (0..=3).contains(&version))),
            }
        }
    }
}
