//! `__consumer_offsets` keys and values: the record type (key version) 0-16
//! of Apache Kafka 4.1-4.4, with their value versions and tagged fields. Offset commits and classic
//! group metadata are decoded into typed values (replay needs them); the
//! KIP-848, share-group and regex records into JSON. Anything else is kept raw.

use super::record_type::CoordinatorRecordType as T;
use super::schema::{self, f, nullable, tagged, Field, SchemaError, Ty};
use crate::model::consumer_protocol::{decode_assignment, decode_subscription};
use crate::model::cursor::Cursor;
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;

/// Text from a record, borrowed when it is valid UTF-8 (it nearly always is).
pub fn text(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OffsetCommitValue<'a> {
    pub version: i16,
    pub offset: i64,
    pub leader_epoch: Option<i32>,
    pub metadata: Cow<'a, str>,
    pub commit_timestamp: i64,
    pub expire_timestamp: Option<i64>,
    /// Version 4's tagged topic id (Kafka 4.0+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic_id: Option<TopicId>,
}

/// A Kafka topic id, shown as Kafka prints it (URL-safe base64, unpadded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicId(pub [u8; 16]);

impl std::fmt::Display for TopicId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&schema::uuid(&self.0))
    }
}

impl Serialize for TopicId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn hex<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&schema::hex(b))
}

/// A classic group member as GroupMetadataValue stores it, with its
/// consumer-protocol subscription and assignment decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupMember {
    pub member_id: String,
    pub group_instance_id: Option<String>,
    pub client_id: String,
    pub client_host: String,
    pub rebalance_timeout: Option<i32>,
    pub session_timeout: i32,
    /// The raw bytes, as stored.
    #[serde(rename = "subscription_hex", serialize_with = "hex")]
    pub subscription: Vec<u8>,
    #[serde(rename = "assignment_hex", serialize_with = "hex")]
    pub assignment: Vec<u8>,
    pub subscribed_topics: Vec<String>,
    /// topic -> partitions, from the consumer protocol assignment.
    pub assigned_partitions: std::collections::BTreeMap<String, Vec<i32>>,
}

/// topic -> partitions of a consumer-protocol assignment (empty when it does not decode).
pub fn assigned_partitions(assignment: &[u8]) -> std::collections::BTreeMap<String, Vec<i32>> {
    let mut out = std::collections::BTreeMap::<String, Vec<i32>>::new();
    for tp in decode_assignment(assignment)
        .map(|a| a.partitions)
        .unwrap_or_default()
    {
        out.entry(tp.topic).or_default().push(tp.partition);
    }
    out
}

/// Subscribed topics of a consumer-protocol subscription (empty when it does not decode).
pub fn subscribed_topics(subscription: &[u8]) -> Vec<String> {
    decode_subscription(subscription)
        .map(|s| s.topics)
        .unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupMetadataValue {
    pub version: i16,
    pub protocol_type: String,
    pub generation: i32,
    pub protocol: Option<String>,
    pub leader: Option<String>,
    pub current_state_timestamp: Option<i64>,
    pub members: Vec<GroupMember>,
}

/// One `__consumer_offsets` record, its strings borrowed from the record's
/// bytes until something needs to keep them ([`CoordinatorRecord::into_owned`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CoordinatorRecord<'a> {
    OffsetCommit {
        group: Cow<'a, str>,
        topic: Cow<'a, str>,
        partition: i32,
        value: Option<OffsetCommitValue<'a>>,
    },
    GroupMetadata {
        group: Cow<'a, str>,
        value: Option<GroupMetadataValue>,
    },
    /// KIP-848 consumer groups, share groups, regular expressions.
    Group {
        record_type: T,
        group: Cow<'a, str>,
        member: Option<Cow<'a, str>>,
        regex: Option<Cow<'a, str>>,
        value: Option<Value>,
    },
    Unknown {
        record_type: i16,
        key_hex: String,
        value_hex: Option<String>,
        reason: String,
    },
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

impl CoordinatorRecord<'_> {
    /// The same record, holding its own strings.
    pub fn into_owned(self) -> CoordinatorRecord<'static> {
        match self {
            CoordinatorRecord::OffsetCommit {
                group,
                topic,
                partition,
                value,
            } => CoordinatorRecord::OffsetCommit {
                group: owned(group),
                topic: owned(topic),
                partition,
                value: value.map(|v| OffsetCommitValue {
                    metadata: owned(v.metadata),
                    version: v.version,
                    offset: v.offset,
                    leader_epoch: v.leader_epoch,
                    commit_timestamp: v.commit_timestamp,
                    expire_timestamp: v.expire_timestamp,
                    topic_id: v.topic_id,
                }),
            },
            CoordinatorRecord::GroupMetadata { group, value } => CoordinatorRecord::GroupMetadata {
                group: owned(group),
                value,
            },
            CoordinatorRecord::Group {
                record_type,
                group,
                member,
                regex,
                value,
            } => CoordinatorRecord::Group {
                record_type,
                group: owned(group),
                member: member.map(owned),
                regex: regex.map(owned),
                value,
            },
            CoordinatorRecord::Unknown {
                record_type,
                key_hex,
                value_hex,
                reason,
            } => CoordinatorRecord::Unknown {
                record_type,
                key_hex,
                value_hex,
                reason,
            },
        }
    }

    pub fn record_type_name(&self) -> &'static str {
        match self {
            CoordinatorRecord::OffsetCommit { .. } => "offset_commit",
            CoordinatorRecord::GroupMetadata { .. } => "group_metadata",
            CoordinatorRecord::Group { record_type, .. } => record_type.name(),
            CoordinatorRecord::Unknown { .. } => "unknown",
        }
    }

    pub fn group(&self) -> Option<&str> {
        match self {
            CoordinatorRecord::OffsetCommit { group, .. }
            | CoordinatorRecord::GroupMetadata { group, .. }
            | CoordinatorRecord::Group { group, .. } => Some(group),
            CoordinatorRecord::Unknown { .. } => None,
        }
    }
}

const TOPIC_PARTITIONS: &[Field] = &[f("topic_id", Ty::Uuid), f("partitions", Ty::I32Array)];
/// A member's current partitions; since 4.2 (KIP-1251) with the epoch each was assigned at.
const TOPIC_PARTITIONS_WITH_EPOCHS: &[Field] = &[
    f("topic_id", Ty::Uuid),
    f("partitions", Ty::I32Array),
    tagged(0, nullable("assignment_epochs", Ty::I32Array)),
];
const PARTITION_RACKS: &[Field] = &[f("partition", Ty::I32), f("racks", Ty::StrArray)];
const TOPIC_METADATA: &[Field] = &[
    f("topic_id", Ty::Uuid),
    f("topic_name", Ty::Str),
    f("num_partitions", Ty::I32),
    f("partition_metadata", Ty::Structs(PARTITION_RACKS)),
];
const TOPIC_PARTITIONS_INFO: &[Field] = &[
    f("topic_id", Ty::Uuid),
    f("topic_name", Ty::Str),
    f("partitions", Ty::I32Array),
];
const TOPIC_INFO: &[Field] = &[f("topic_id", Ty::Uuid), f("topic_name", Ty::Str)];

/// ConsumerGroupMetadataValue: the group epoch; since 4.1 (KIP-1101) the hash
/// of the subscribed topics' metadata, which replaces the partition metadata record.
const CONSUMER_GROUP_METADATA: &[Field] =
    &[f("epoch", Ty::I32), tagged(0, f("metadata_hash", Ty::I64))];
/// ShareGroupMetadataValue (4.1+: the metadata hash is a regular field).
const SHARE_GROUP_METADATA: &[Field] = &[f("epoch", Ty::I32), f("metadata_hash", Ty::I64)];
/// ShareGroupMetadataValue as Kafka 4.0 wrote it.
const SHARE_GROUP_METADATA_4_0: &[Field] = &[f("epoch", Ty::I32)];
const PARTITION_METADATA_VALUE: &[Field] = &[f("topics", Ty::Structs(TOPIC_METADATA))];
const CLASSIC_PROTOCOL: &[Field] = &[f("name", Ty::Str), f("metadata", Ty::Bytes)];
/// A consumer-group member that speaks the classic protocol (3.8+, KIP-848 migration).
const CLASSIC_MEMBER_METADATA: &[Field] = &[
    f("session_timeout_ms", Ty::I32),
    f("supported_protocols", Ty::Structs(CLASSIC_PROTOCOL)),
];
const CONSUMER_MEMBER_METADATA: &[Field] = &[
    nullable("instance_id", Ty::Str),
    nullable("rack_id", Ty::Str),
    f("client_id", Ty::Str),
    f("client_host", Ty::Str),
    f("subscribed_topic_names", Ty::StrArray),
    nullable("subscribed_topic_regex", Ty::Str),
    f("rebalance_timeout_ms", Ty::I32),
    nullable("server_assignor", Ty::Str),
    tagged(
        0,
        nullable(
            "classic_member_metadata",
            Ty::Struct(CLASSIC_MEMBER_METADATA),
        ),
    ),
];
/// Target assignment epoch; since 4.3 (KIP-1263) when the assignment was computed.
const ASSIGNMENT_EPOCH: &[Field] = &[
    f("assignment_epoch", Ty::I32),
    tagged(0, f("assignment_timestamp", Ty::I64)),
];
const TARGET_MEMBER: &[Field] = &[f("topic_partitions", Ty::Structs(TOPIC_PARTITIONS))];
const CONSUMER_CURRENT_ASSIGNMENT: &[Field] = &[
    f("member_epoch", Ty::I32),
    f("previous_member_epoch", Ty::I32),
    f("state", Ty::I8),
    f(
        "assigned_partitions",
        Ty::Structs(TOPIC_PARTITIONS_WITH_EPOCHS),
    ),
    f(
        "partitions_pending_revocation",
        Ty::Structs(TOPIC_PARTITIONS_WITH_EPOCHS),
    ),
];
const SHARE_MEMBER_METADATA: &[Field] = &[
    nullable("rack_id", Ty::Str),
    f("client_id", Ty::Str),
    f("client_host", Ty::Str),
    f("subscribed_topic_names", Ty::StrArray),
];
const SHARE_CURRENT_ASSIGNMENT: &[Field] = &[
    f("member_epoch", Ty::I32),
    f("previous_member_epoch", Ty::I32),
    f("state", Ty::I8),
    f("assigned_partitions", Ty::Structs(TOPIC_PARTITIONS)),
];
const SHARE_STATE_PARTITION_METADATA: &[Field] = &[
    f("initializing_topics", Ty::Structs(TOPIC_PARTITIONS_INFO)),
    f("initialized_topics", Ty::Structs(TOPIC_PARTITIONS_INFO)),
    f("deleting_topics", Ty::Structs(TOPIC_INFO)),
];
const SHARE_STATE_PARTITION_METADATA_4_0: &[Field] = &[
    f("initialized_topics", Ty::Structs(TOPIC_PARTITIONS_INFO)),
    f("deleting_topics", Ty::Structs(TOPIC_INFO)),
];
const REGULAR_EXPRESSION: &[Field] = &[
    f("topics", Ty::StrArray),
    f("version", Ty::I64),
    f("timestamp", Ty::I64),
];

/// Value schemas of the flexible (version 0) records, by record type.
fn value_schema(record_type: T) -> Option<&'static [Field]> {
    Some(match record_type {
        T::ConsumerGroupMetadata => CONSUMER_GROUP_METADATA,
        T::ShareGroupMetadata => SHARE_GROUP_METADATA,
        T::ConsumerGroupPartitionMetadata | T::ShareGroupPartitionMetadata => {
            PARTITION_METADATA_VALUE
        }
        T::ConsumerGroupMemberMetadata => CONSUMER_MEMBER_METADATA,
        T::ConsumerGroupTargetAssignmentMetadata | T::ShareGroupTargetAssignmentMetadata => {
            ASSIGNMENT_EPOCH
        }
        T::ConsumerGroupTargetAssignmentMember | T::ShareGroupTargetAssignmentMember => {
            TARGET_MEMBER
        }
        T::ConsumerGroupCurrentMemberAssignment => CONSUMER_CURRENT_ASSIGNMENT,
        T::ShareGroupMemberMetadata => SHARE_MEMBER_METADATA,
        T::ShareGroupCurrentMemberAssignment => SHARE_CURRENT_ASSIGNMENT,
        T::ShareGroupStatePartitionMetadata => SHARE_STATE_PARTITION_METADATA,
        T::ConsumerGroupRegularExpression => REGULAR_EXPRESSION,
        T::LegacyOffsetCommit | T::OffsetCommit | T::GroupMetadata => return None,
    })
}

fn classic_string<'a>(c: &mut Cursor<'a>, what: &'static str) -> Result<Cow<'a, str>, SchemaError> {
    let n = c.i16(what)?;
    if n < 0 {
        return Err(SchemaError::Invalid(format!("{what} is null")));
    }
    Ok(text(c.take(n as usize, what)?))
}

/// Decode one record of `__consumer_offsets`. Never fails: what cannot be
/// decoded comes back as `Unknown` with the reason.
pub fn decode<'a>(key: &'a [u8], value: Option<&'a [u8]>) -> CoordinatorRecord<'a> {
    match fast::offset_commit(key, value) {
        Some(r) => r,
        None => decode_generic(key, value),
    }
}

/// Every record type and version, field by field.
fn decode_generic<'a>(key: &'a [u8], value: Option<&'a [u8]>) -> CoordinatorRecord<'a> {
    let mut c = Cursor::new(key);
    let record_type = match c.i16("record type") {
        Ok(t) => t,
        Err(e) => return unknown(-1, key, value, e.to_string()),
    };
    match decode_typed(record_type, &mut c, value) {
        Ok(r) => r,
        Err(e) => unknown(record_type, key, value, e.to_string()),
    }
}

fn unknown(
    record_type: i16,
    key: &[u8],
    value: Option<&[u8]>,
    reason: String,
) -> CoordinatorRecord<'static> {
    CoordinatorRecord::Unknown {
        record_type,
        key_hex: schema::hex(key),
        value_hex: value.map(schema::hex),
        reason,
    }
}

fn value_version(v: &[u8]) -> Result<(i16, &[u8]), SchemaError> {
    let mut c = Cursor::new(v);
    let version = c.i16("value version")?;
    Ok((version, c.rest()))
}

fn decode_typed<'a>(
    record_type: i16,
    c: &mut Cursor<'a>,
    value: Option<&'a [u8]>,
) -> Result<CoordinatorRecord<'a>, SchemaError> {
    let Some(t) = T::from_id(record_type) else {
        return Err(SchemaError::Invalid(format!(
            "unknown record type {record_type}"
        )));
    };
    let group = classic_string(c, "group")?;
    match t {
        T::LegacyOffsetCommit | T::OffsetCommit => {
            let topic = classic_string(c, "topic")?;
            let partition = c.i32("partition")?;
            let value = value.map(offset_commit_value).transpose()?;
            Ok(CoordinatorRecord::OffsetCommit {
                group,
                topic,
                partition,
                value,
            })
        }
        T::GroupMetadata => {
            let value = value.map(group_metadata_value).transpose()?;
            Ok(CoordinatorRecord::GroupMetadata { group, value })
        }
        _ => {
            let member = if t.has_member_key() {
                Some(classic_string(c, "member")?)
            } else {
                None
            };
            let regex = if t == T::ConsumerGroupRegularExpression {
                Some(classic_string(c, "regular expression")?)
            } else {
                None
            };
            let value = value.map(|v| epoch_value(t, v)).transpose()?;
            Ok(CoordinatorRecord::Group {
                record_type: t,
                group,
                member,
                regex,
                value,
            })
        }
    }
}

/// The value of a KIP-848, share-group or regex record (flexible version 0), as JSON.
fn epoch_value(t: T, v: &[u8]) -> Result<Value, SchemaError> {
    let (version, body) = value_version(v)?;
    if version != 0 {
        return Err(SchemaError::Invalid(format!(
            "unknown value version {version}"
        )));
    }
    let Some(fields) = value_schema(t) else {
        return Err(SchemaError::Invalid(format!("no schema for {}", t.name())));
    };
    match schema::decode(body, fields, 0, true) {
        // Kafka 4.0's share-group records (early access): the state record had no
        // InitializingTopics, the group record no MetadataHash.
        Err(_) if t == T::ShareGroupStatePartitionMetadata => {
            schema::decode(body, SHARE_STATE_PARTITION_METADATA_4_0, 0, true)
        }
        Err(_) if t == T::ShareGroupMetadata => {
            schema::decode(body, SHARE_GROUP_METADATA_4_0, 0, true)
        }
        other => other,
    }
}

/// Hand-decoded: offset commits are most of a log, so this path avoids JSON.
pub fn offset_commit_value(v: &[u8]) -> Result<OffsetCommitValue<'_>, SchemaError> {
    let mut c = Cursor::new(v);
    let version = c.i16("value version")?;
    if !(0..=4).contains(&version) {
        return Err(SchemaError::Invalid(format!(
            "unknown OffsetCommitValue version {version}"
        )));
    }
    let flexible = version >= 4;
    let offset = c.i64("offset")?;
    let leader_epoch = if version >= 3 {
        Some(c.i32("leader epoch")?)
    } else {
        None
    };
    let metadata = if flexible {
        let n = c.uvarint("metadata")? as usize;
        if n == 0 {
            return Err(SchemaError::Invalid("metadata is null".into()));
        }
        text(c.take(n - 1, "metadata")?)
    } else {
        classic_string(&mut c, "metadata")?
    };
    let commit_timestamp = c.i64("commit timestamp")?;
    let expire_timestamp = if version == 1 {
        Some(c.i64("expire timestamp")?)
    } else {
        None
    };
    let mut topic_id = None;
    if flexible {
        // Tagged fields: tag 0 is the topic id (16 bytes); others are skipped.
        let n = c.uvarint("tagged field count")?;
        for _ in 0..n {
            let tag = c.uvarint("tag")?;
            let size = c.uvarint("tag size")? as usize;
            let data = c.take(size, "tagged field")?;
            if tag == 0 {
                let id: [u8; 16] = data.try_into().map_err(|_| {
                    SchemaError::Invalid(format!(
                        "topic id of {} bytes in OffsetCommitValue",
                        data.len()
                    ))
                })?;
                topic_id = Some(TopicId(id));
            }
        }
    }
    if !c.is_empty() {
        return Err(SchemaError::Invalid(format!(
            "{} unexpected trailing bytes in OffsetCommitValue",
            c.remaining()
        )));
    }
    Ok(OffsetCommitValue {
        version,
        offset,
        leader_epoch: leader_epoch.filter(|e| *e >= 0),
        metadata,
        commit_timestamp,
        expire_timestamp: expire_timestamp.filter(|e| *e >= 0),
        topic_id,
    })
}

fn required(v: Option<String>, what: &str) -> Result<String, SchemaError> {
    v.ok_or_else(|| SchemaError::Invalid(format!("{what} is null")))
}

/// GroupMetadataValue v0-v4 (v4 flexible), read into typed members.
fn group_metadata_value(v: &[u8]) -> Result<GroupMetadataValue, SchemaError> {
    let mut c = Cursor::new(v);
    let version = c.i16("value version")?;
    if !(0..=4).contains(&version) {
        return Err(SchemaError::Invalid(format!(
            "unknown GroupMetadataValue version {version}"
        )));
    }
    let mut d = schema::Decoder::new(&mut c, version >= 4);
    let protocol_type = required(d.string("protocol_type")?, "protocol_type")?;
    let generation = d.c.i32("generation")?;
    let protocol = d.string("protocol")?;
    let leader = d.string("leader")?;
    let current_state_timestamp = if version >= 2 {
        Some(d.c.i64("current_state_timestamp")?).filter(|t| *t >= 0)
    } else {
        None
    };
    let n = d.array_len("members")?.unwrap_or(0);
    let mut members = Vec::with_capacity(n);
    for _ in 0..n {
        let member_id = required(d.string("member_id")?, "member_id")?;
        let group_instance_id = if version >= 3 {
            d.string("group_instance_id")?
        } else {
            None
        };
        let client_id = required(d.string("client_id")?, "client_id")?;
        let client_host = required(d.string("client_host")?, "client_host")?;
        let rebalance_timeout = if version >= 1 {
            Some(d.c.i32("rebalance_timeout")?)
        } else {
            None
        };
        let session_timeout = d.c.i32("session_timeout")?;
        let subscription = d.bytes("subscription")?.unwrap_or_default().to_vec();
        let assignment = d.bytes("assignment")?.unwrap_or_default().to_vec();
        d.tagged()?;
        members.push(GroupMember {
            member_id,
            group_instance_id,
            client_id,
            client_host,
            rebalance_timeout,
            session_timeout,
            subscribed_topics: subscribed_topics(&subscription),
            assigned_partitions: assigned_partitions(&assignment),
            subscription,
            assignment,
        });
    }
    d.tagged()?;
    if !c.is_empty() {
        return Err(SchemaError::Invalid(format!(
            "{} unexpected trailing bytes in GroupMetadataValue",
            c.remaining()
        )));
    }
    Ok(GroupMetadataValue {
        version,
        protocol_type,
        generation,
        protocol,
        leader,
        current_state_timestamp,
        members,
    })
}

/// Kafka's partition for a group: `Utils.abs(groupId.hashCode()) % partitions`.
pub fn partition_for(group: &str, partitions: u32) -> u32 {
    crate::model::group::offsets_partition(group, partitions)
}

mod fast;
#[cfg(test)]
mod tests;
