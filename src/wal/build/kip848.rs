//! Values of the KIP-848 consumer-group, share-group and regex records
//! (flexible version 0), written from Kafka's schemas.

use super::{compact_array_len, compact_str, uvarint};
use bytes::{BufMut, Bytes, BytesMut};

/// A topic id and its partitions.
pub type TopicIdPartitions<'a> = ([u8; 16], &'a [i32]);

/// KIP-848 ConsumerGroupMetadataValue (type 3): the group epoch.
pub fn consumer_group_epoch(epoch: i32) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    b.put_i32(epoch);
    uvarint(&mut b, 0);
    b.freeze()
}

/// ConsumerGroupMetadataValue as Kafka 4.1+ writes it: with the metadata hash (tag 0).
pub fn consumer_group_epoch_hash(epoch: i32, hash: i64) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    b.put_i32(epoch);
    uvarint(&mut b, 1);
    uvarint(&mut b, 0);
    uvarint(&mut b, 8);
    b.put_i64(hash);
    b.freeze()
}

/// KIP-848 ConsumerGroupTargetAssignmentMetadataValue (type 6).
pub fn target_assignment_epoch(epoch: i32) -> Bytes {
    consumer_group_epoch(epoch)
}

/// KIP-848 ConsumerGroupMemberMetadataValue (type 5).
pub fn consumer_member_metadata(
    client_id: &str,
    host: &str,
    topics: &[&str],
    assignor: Option<&str>,
) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    compact_str(&mut b, None); // instance id
    compact_str(&mut b, None); // rack id
    compact_str(&mut b, Some(client_id));
    compact_str(&mut b, Some(host));
    compact_array_len(&mut b, topics.len());
    for t in topics {
        compact_str(&mut b, Some(t));
    }
    compact_str(&mut b, None); // regex
    b.put_i32(300_000);
    compact_str(&mut b, assignor);
    uvarint(&mut b, 0);
    b.freeze()
}

/// ConsumerGroupMemberMetadataValue of a classic-protocol member (tag 0:
/// ClassicMemberMetadata with its session timeout and one protocol).
pub fn classic_member_metadata(
    client_id: &str,
    host: &str,
    topics: &[&str],
    session_timeout: i32,
    protocol: &str,
) -> Bytes {
    let plain = consumer_member_metadata(client_id, host, topics, None);
    // The same fields, then the tagged field instead of "no tagged fields".
    let mut b = BytesMut::from(&plain[..plain.len() - 1]);
    let mut classic = BytesMut::new();
    classic.put_u8(1); // present
    classic.put_i32(session_timeout);
    compact_array_len(&mut classic, 1);
    compact_str(&mut classic, Some(protocol));
    uvarint(&mut classic, 1); // metadata: empty bytes
    uvarint(&mut classic, 0);
    uvarint(&mut classic, 0);
    uvarint(&mut b, 1);
    uvarint(&mut b, 0);
    uvarint(&mut b, classic.len() as u64);
    b.put_slice(&classic);
    b.freeze()
}

fn topic_partitions(b: &mut BytesMut, parts: &[TopicIdPartitions]) {
    compact_array_len(b, parts.len());
    for (id, ps) in parts {
        b.put_slice(id);
        compact_array_len(b, ps.len());
        for p in *ps {
            b.put_i32(*p);
        }
        uvarint(b, 0);
    }
}

/// KIP-848 ConsumerGroupCurrentMemberAssignmentValue (type 8).
pub fn current_assignment(member_epoch: i32, parts: &[TopicIdPartitions]) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    b.put_i32(member_epoch);
    b.put_i32(member_epoch - 1);
    b.put_i8(0);
    topic_partitions(&mut b, parts);
    topic_partitions(&mut b, &[]);
    uvarint(&mut b, 0);
    b.freeze()
}

/// KIP-848 ConsumerGroupPartitionMetadataValue (type 4): topic ids and names.
pub fn partition_metadata(topics: &[([u8; 16], &str, i32)]) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    compact_array_len(&mut b, topics.len());
    for (id, name, n) in topics {
        b.put_slice(id);
        compact_str(&mut b, Some(name));
        b.put_i32(*n);
        compact_array_len(&mut b, 0);
        uvarint(&mut b, 0);
    }
    uvarint(&mut b, 0);
    b.freeze()
}

/// ConsumerGroupTargetAssignmentMemberValue (type 7) / ShareGroupTargetAssignmentMemberValue (13).
pub fn target_assignment(parts: &[TopicIdPartitions]) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    topic_partitions(&mut b, parts);
    uvarint(&mut b, 0);
    b.freeze()
}

/// ShareGroupMemberMetadataValue (type 10).
pub fn share_member_metadata(client_id: &str, host: &str, topics: &[&str]) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    compact_str(&mut b, None); // rack id
    compact_str(&mut b, Some(client_id));
    compact_str(&mut b, Some(host));
    compact_array_len(&mut b, topics.len());
    for t in topics {
        compact_str(&mut b, Some(t));
    }
    uvarint(&mut b, 0);
    b.freeze()
}

/// ShareGroupCurrentMemberAssignmentValue (type 14).
pub fn share_current_assignment(member_epoch: i32, parts: &[TopicIdPartitions]) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    b.put_i32(member_epoch);
    b.put_i32(member_epoch - 1);
    b.put_i8(0);
    topic_partitions(&mut b, parts);
    uvarint(&mut b, 0);
    b.freeze()
}

/// ShareGroupStatePartitionMetadataValue (type 15, 4.1 layout): initialized topics.
pub fn share_state(initialized: &[([u8; 16], &str, &[i32])]) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    compact_array_len(&mut b, 0); // initializing
    compact_array_len(&mut b, initialized.len());
    for (id, name, parts) in initialized {
        b.put_slice(id);
        compact_str(&mut b, Some(name));
        compact_array_len(&mut b, parts.len());
        for p in *parts {
            b.put_i32(*p);
        }
        uvarint(&mut b, 0);
    }
    compact_array_len(&mut b, 0); // deleting
    uvarint(&mut b, 0);
    b.freeze()
}

/// Key of a ConsumerGroupRegularExpression record (type 16).
pub fn regex_key(group: &str, regex: &str) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(16);
    for s in [group, regex] {
        b.put_i16(s.len() as i16);
        b.put_slice(s.as_bytes());
    }
    b.freeze()
}

/// ConsumerGroupRegularExpressionValue: the topics it matched, when.
pub fn regex_value(topics: &[&str], version: i64, timestamp: i64) -> Bytes {
    let mut b = BytesMut::new();
    b.put_i16(0);
    compact_array_len(&mut b, topics.len());
    for t in topics {
        compact_str(&mut b, Some(t));
    }
    b.put_i64(version);
    b.put_i64(timestamp);
    uvarint(&mut b, 0);
    b.freeze()
}
