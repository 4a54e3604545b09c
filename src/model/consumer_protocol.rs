//! The consumer protocol: what a classic group's members put in JoinGroup
//! (`ConsumerProtocolSubscription`) and what the leader hands out in SyncGroup
//! (`ConsumerProtocolAssignment`). Brokers store these bytes untouched, so
//! `describe` gets them from DescribeGroups and `wal` from the coordinator
//! log; both decode them here. The bytes come from other clients or a damaged
//! log: every count is checked against the bytes left before anything is
//! allocated for it.

use super::cursor::{Cursor, Short};
use super::TopicPartition;

/// The newest versions known; newer ones only append fields, so they are read
/// with this schema (as Kafka's `ConsumerProtocol` does).
const NEWEST: i16 = 3;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsumerProtocolError {
    #[error("empty")]
    Empty,
    #[error(transparent)]
    Short(#[from] Short),
    #[error("{0}")]
    Invalid(String),
}

/// A member's subscription (JoinGroup metadata of protocol type `consumer`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscription {
    pub version: i16,
    pub topics: Vec<String>,
    /// Partitions the member owned when it joined (v1+, cooperative and sticky assignors), sorted.
    pub owned_partitions: Vec<TopicPartition>,
    /// The generation the member last had (v2+); None when unknown (-1).
    pub generation_id: Option<i32>,
    pub rack_id: Option<String>,
}

/// What the leader assigned to a member (SyncGroup).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub version: i16,
    /// Sorted by topic, then partition.
    pub partitions: Vec<TopicPartition>,
    /// The assignor's user data was absent (not even null) — Chronik stores assignments so.
    pub user_data_missing: bool,
}

fn version(c: &mut Cursor) -> Result<i16, ConsumerProtocolError> {
    if c.is_empty() {
        return Err(ConsumerProtocolError::Empty);
    }
    let v = c.i16("version")?;
    if v < 0 {
        return Err(ConsumerProtocolError::Invalid(format!(
            "unsupported version {v}"
        )));
    }
    Ok(v.min(NEWEST))
}

fn string(c: &mut Cursor, what: &'static str) -> Result<Option<String>, ConsumerProtocolError> {
    let n = c.i16(what)?;
    if n < 0 {
        return Ok(None);
    }
    Ok(Some(
        String::from_utf8_lossy(c.take(n as usize, what)?).into_owned(),
    ))
}

fn topic(c: &mut Cursor) -> Result<String, ConsumerProtocolError> {
    string(c, "topic")?.ok_or_else(|| ConsumerProtocolError::Invalid("null topic name".into()))
}

/// An array count, refused when its elements (at least `min_each` bytes each)
/// cannot fit in what is left. Null (-1) reads as empty.
fn count(
    c: &mut Cursor,
    what: &'static str,
    min_each: usize,
) -> Result<usize, ConsumerProtocolError> {
    let n = c.i32(what)?;
    if n < 0 {
        return Ok(0);
    }
    let n = n as usize;
    if n.saturating_mul(min_each) > c.remaining() {
        return Err(ConsumerProtocolError::Invalid(format!(
            "{what}: {n} entries cannot fit in {} bytes",
            c.remaining()
        )));
    }
    Ok(n)
}

fn skip_bytes(c: &mut Cursor, what: &'static str) -> Result<(), ConsumerProtocolError> {
    let n = c.i32(what)?;
    if n > 0 {
        c.take(n as usize, what)?;
    }
    Ok(())
}

/// `[topic, [partition]]`, appended to `out`.
fn topic_partitions(
    c: &mut Cursor,
    what: &'static str,
    out: &mut Vec<TopicPartition>,
) -> Result<(), ConsumerProtocolError> {
    // A topic entry is at least a 2-byte name and a 4-byte count.
    for _ in 0..count(c, what, 6)? {
        let t = topic(c)?;
        for _ in 0..count(c, "partitions", 4)? {
            out.push(TopicPartition::new(t.clone(), c.i32("partition")?));
        }
    }
    out.sort();
    Ok(())
}

pub fn decode_subscription(bytes: &[u8]) -> Result<Subscription, ConsumerProtocolError> {
    let mut c = Cursor::new(bytes);
    let version = version(&mut c)?;
    let mut s = Subscription {
        version,
        ..Default::default()
    };
    for _ in 0..count(&mut c, "topics", 2)? {
        s.topics.push(topic(&mut c)?);
    }
    skip_bytes(&mut c, "user data")?;
    if version >= 1 {
        topic_partitions(&mut c, "owned partitions", &mut s.owned_partitions)?;
    }
    if version >= 2 {
        s.generation_id = Some(c.i32("generation id")?).filter(|g| *g >= 0);
    }
    if version >= 3 {
        s.rack_id = string(&mut c, "rack id")?;
    }
    Ok(s)
}

pub fn decode_assignment(bytes: &[u8]) -> Result<Assignment, ConsumerProtocolError> {
    let mut c = Cursor::new(bytes);
    let version = version(&mut c)?;
    let mut a = Assignment {
        version,
        ..Default::default()
    };
    topic_partitions(&mut c, "assigned partitions", &mut a.partitions)?;
    // Kafka always writes the user data (null at least); Chronik leaves it out.
    if c.is_empty() {
        a.user_data_missing = true;
    } else {
        skip_bytes(&mut c, "user data")?;
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::BufMut;
    use kafka_protocol::messages::consumer_protocol_assignment::TopicPartition as AssignedTp;
    use kafka_protocol::messages::consumer_protocol_subscription::TopicPartition as OwnedTp;
    use kafka_protocol::messages::{
        ConsumerProtocolAssignment, ConsumerProtocolSubscription, TopicName,
    };
    use kafka_protocol::protocol::{Encodable, StrBytes};
    use proptest::prelude::*;

    fn with_version<M: Encodable>(m: &M, v: i16) -> Vec<u8> {
        let mut buf = bytes::BytesMut::new();
        buf.put_i16(v);
        m.encode(&mut buf, v).unwrap();
        buf.to_vec()
    }

    fn tp(t: &str, p: i32) -> TopicPartition {
        TopicPartition::new(t, p)
    }

    #[test]
    fn subscription_with_owned_partitions_and_rack() {
        let sub = ConsumerProtocolSubscription::default()
            .with_topics(vec![
                StrBytes::from_static_str("orders"),
                StrBytes::from_static_str("payments"),
            ])
            .with_user_data(Some(bytes::Bytes::from_static(b"sticky")))
            .with_owned_partitions(vec![OwnedTp::default()
                .with_topic(TopicName(StrBytes::from_static_str("orders")))
                .with_partitions(vec![2, 0])])
            .with_generation_id(7)
            .with_rack_id(Some(StrBytes::from_static_str("r1")));
        let back = decode_subscription(&with_version(&sub, 3)).unwrap();
        assert_eq!(back.topics, vec!["orders", "payments"]);
        assert_eq!(
            back.owned_partitions,
            vec![tp("orders", 0), tp("orders", 2)]
        );
        assert_eq!(back.generation_id, Some(7));
        assert_eq!(back.rack_id.as_deref(), Some("r1"));
        // A newer version is read with the newest schema known.
        let mut v9 = with_version(&sub, 3);
        v9[1] = 9;
        v9.extend_from_slice(b"future fields");
        assert_eq!(
            decode_subscription(&v9).unwrap().rack_id.as_deref(),
            Some("r1")
        );
        let v0 = decode_subscription(&with_version(&sub, 0)).unwrap();
        assert_eq!((v0.owned_partitions.len(), v0.generation_id), (0, None));
    }

    #[test]
    fn assignment_sorted_with_or_without_user_data() {
        let a = ConsumerProtocolAssignment::default().with_assigned_partitions(vec![
            AssignedTp::default()
                .with_topic(TopicName(StrBytes::from_static_str("b")))
                .with_partitions(vec![1, 0]),
            AssignedTp::default()
                .with_topic(TopicName(StrBytes::from_static_str("a")))
                .with_partitions(vec![3]),
        ]);
        let bytes = with_version(&a, 0);
        let got = decode_assignment(&bytes).unwrap();
        assert_eq!(got.partitions, vec![tp("a", 3), tp("b", 0), tp("b", 1)]);
        assert!(!got.user_data_missing);
        // Chronik's layout: the same without the trailing (null) user data.
        let chronik = decode_assignment(&bytes[..bytes.len() - 4]).unwrap();
        assert_eq!(chronik.partitions, got.partitions);
        assert!(chronik.user_data_missing);
    }

    #[test]
    fn garbage_is_an_error() {
        assert_eq!(decode_subscription(&[]), Err(ConsumerProtocolError::Empty));
        assert!(decode_subscription(&[0, 0, 0xff]).is_err());
        assert!(decode_assignment(b"\x00").is_err());
        assert!(
            decode_assignment(&[0xff, 0xff, 0, 0, 0, 0]).is_err(),
            "negative version"
        );
        // 2^31-1 topics in 4 bytes: refused before anything is reserved.
        let huge = [0, 0, 0x7f, 0xff, 0xff, 0xff, 0, 1, b'x'];
        assert!(matches!(
            decode_subscription(&huge),
            Err(ConsumerProtocolError::Invalid(_))
        ));
        assert!(decode_assignment(&huge).is_err());
    }

    proptest! {
        /// Whatever kafka-protocol encodes, this reads back the same.
        #[test]
        fn agrees_with_kafka_protocol(
            version in 0i16..=3,
            topics in proptest::collection::vec("[a-z]{1,8}", 0..4),
            owned in proptest::collection::vec(("[a-z]{1,8}", proptest::collection::vec(0i32..100, 0..4)), 0..3),
            generation in -1i32..50,
            rack in proptest::option::of("[a-z0-9]{1,4}"),
            user_data in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..16)),
        ) {
            let sub = ConsumerProtocolSubscription::default()
                .with_topics(topics.iter().map(|t| StrBytes::from_string(t.clone())).collect())
                .with_user_data(user_data.clone().map(bytes::Bytes::from))
                .with_owned_partitions(owned.iter().map(|(t, ps)| OwnedTp::default()
                    .with_topic(TopicName(StrBytes::from_string(t.clone())))
                    .with_partitions(ps.clone())).collect())
                .with_generation_id(generation)
                .with_rack_id(rack.clone().map(StrBytes::from_string));
            let got = decode_subscription(&with_version(&sub, version)).unwrap();
            prop_assert_eq!(&got.topics, &topics);
            let mut want_owned: Vec<TopicPartition> = owned.iter()
                .flat_map(|(t, ps)| ps.iter().map(move |p| tp(t, *p))).collect();
            want_owned.sort();
            if version >= 1 {
                prop_assert_eq!(got.owned_partitions, want_owned.clone());
            }
            if version >= 2 {
                prop_assert_eq!(got.generation_id, Some(generation).filter(|g| *g >= 0));
            }
            if version >= 3 {
                prop_assert_eq!(got.rack_id, rack);
            }
            let asg = ConsumerProtocolAssignment::default()
                .with_assigned_partitions(owned.iter().map(|(t, ps)| AssignedTp::default()
                    .with_topic(TopicName(StrBytes::from_string(t.clone())))
                    .with_partitions(ps.clone())).collect())
                .with_user_data(user_data.map(bytes::Bytes::from));
            prop_assert_eq!(decode_assignment(&with_version(&asg, version)).unwrap().partitions, want_owned);
        }

        #[test]
        fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode_subscription(&data);
            let _ = decode_assignment(&data);
        }
    }
}
