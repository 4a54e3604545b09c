//! StreamsGroupDescribe (API 89, KIP-1071), which kafka-protocol 0.18 does
//! not have: request and response encoded and decoded here, field by field as
//! Kafka's `StreamsGroupDescribe{Request,Response}.json` define them (version
//! 0, flexible: compact strings and arrays, tagged fields), on the crate's own
//! primitive codecs, so the message plugs into `BrokerConnection::send` like
//! any generated one. A round trip against Apache Kafka 4.4 is tested in
//! tests/it (streams groups).

use anyhow::{bail, Result};
use kafka_protocol::protocol::buf::{ByteBuf, ByteBufMut};
use kafka_protocol::protocol::{
    Decodable, Encodable, HeaderVersion, Message, Request, StrBytes, VersionRange,
};

pub const API_KEY: i16 = 89;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamsGroupDescribeRequest {
    pub group_ids: Vec<StrBytes>,
    pub include_authorized_operations: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamsGroupDescribeResponse {
    pub throttle_time_ms: i32,
    pub groups: Vec<DescribedGroup>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DescribedGroup {
    pub error_code: i16,
    pub error_message: Option<StrBytes>,
    pub group_id: StrBytes,
    pub group_state: StrBytes,
    pub group_epoch: i32,
    pub assignment_epoch: i32,
    /// Null until the group's topology is initialized.
    pub topology: Option<Vec<Subtopology>>,
    pub members: Vec<Member>,
    pub authorized_operations: i32,
}

impl Default for DescribedGroup {
    fn default() -> Self {
        DescribedGroup {
            error_code: 0,
            error_message: None,
            group_id: StrBytes::default(),
            group_state: StrBytes::default(),
            group_epoch: 0,
            assignment_epoch: 0,
            topology: None,
            members: Vec::new(),
            authorized_operations: i32::MIN,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subtopology {
    pub subtopology_id: StrBytes,
    pub source_topics: Vec<StrBytes>,
    pub source_topic_regex: Vec<StrBytes>,
    pub state_changelog_topics: Vec<TopicInfo>,
    pub repartition_sink_topics: Vec<StrBytes>,
    pub repartition_source_topics: Vec<TopicInfo>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicInfo {
    pub name: StrBytes,
    pub partitions: i32,
    pub replication_factor: i16,
    pub topic_configs: Vec<KeyValue>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyValue {
    pub key: StrBytes,
    pub value: StrBytes,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Member {
    pub member_id: StrBytes,
    pub member_epoch: i32,
    pub instance_id: Option<StrBytes>,
    pub rack_id: Option<StrBytes>,
    pub client_id: StrBytes,
    pub client_host: StrBytes,
    pub topology_id: StrBytes,
    pub process_id: StrBytes,
    pub client_tags: Vec<KeyValue>,
    pub task_offsets: Vec<TaskOffset>,
    pub task_end_offsets: Vec<TaskOffset>,
    pub assignment: Assignment,
    pub target_assignment: Assignment,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskOffset {
    pub subtopology: StrBytes,
    pub partition: i32,
    pub offset: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assignment {
    pub active_tasks: Vec<TaskIds>,
    pub standby_tasks: Vec<TaskIds>,
    pub warmup_tasks: Vec<TaskIds>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskIds {
    pub subtopology: StrBytes,
    pub partitions: Vec<i32>,
}

/// One value of a flexible message: encoded, sized and decoded the same way.
trait Field: Sized {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()>;
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self>;
}

fn need<B: ByteBuf>(buf: &B, n: usize) -> Result<()> {
    if buf.remaining() < n {
        bail!("{n} bytes needed, {} left", buf.remaining());
    }
    Ok(())
}

fn put_uvarint<B: ByteBufMut>(buf: &mut B, mut v: u32) {
    while v >= 0x80 {
        buf.put_u8((v as u8) | 0x80);
        v >>= 7;
    }
    buf.put_u8(v as u8);
}

fn get_uvarint<B: ByteBuf>(buf: &mut B) -> Result<u32> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        need(buf, 1)?;
        let b = buf.get_u8();
        v |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    bail!("an unsigned varint longer than 5 bytes")
}

impl Field for i16 {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_i16(*self);
        Ok(())
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        need(buf, 2)?;
        Ok(buf.get_i16())
    }
}

impl Field for i32 {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_i32(*self);
        Ok(())
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        need(buf, 4)?;
        Ok(buf.get_i32())
    }
}

impl Field for i64 {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_i64(*self);
        Ok(())
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        need(buf, 8)?;
        Ok(buf.get_i64())
    }
}

impl Field for bool {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(u8::from(*self));
        Ok(())
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        need(buf, 1)?;
        Ok(buf.get_u8() != 0)
    }
}

impl Field for Option<StrBytes> {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            None => put_uvarint(buf, 0),
            Some(s) => {
                put_uvarint(buf, s.len() as u32 + 1);
                buf.put_slice(s.as_bytes());
            }
        }
        Ok(())
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        let n = get_uvarint(buf)?;
        if n == 0 {
            return Ok(None);
        }
        let bytes = buf.try_get_bytes(n as usize - 1)?;
        Ok(Some(StrBytes::from_utf8(bytes)?))
    }
}

impl Field for StrBytes {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        Some(self.clone()).put(buf)
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        match Option::<StrBytes>::get(buf)? {
            Some(s) => Ok(s),
            None => bail!("a null string where none is allowed"),
        }
    }
}

impl<T: Field> Field for Vec<T> {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        put_uvarint(buf, self.len() as u32 + 1);
        self.iter().try_for_each(|x| x.put(buf))
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        match Option::<Vec<T>>::get(buf)? {
            Some(v) => Ok(v),
            None => bail!("a null array where none is allowed"),
        }
    }
}

impl<T: Field> Field for Option<Vec<T>> {
    fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            None => {
                put_uvarint(buf, 0);
                Ok(())
            }
            Some(v) => v.put(buf),
        }
    }
    fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
        let n = get_uvarint(buf)?;
        if n == 0 {
            return Ok(None);
        }
        let n = (n - 1) as usize;
        // Every element takes at least a byte: a count beyond the bytes left is damage.
        if n > buf.remaining() {
            bail!("array of {n} elements in {} bytes", buf.remaining());
        }
        (0..n)
            .map(|_| T::get(buf))
            .collect::<Result<Vec<T>>>()
            .map(Some)
    }
}

/// The tagged-field section closing every flexible struct: none written, any read skipped.
fn put_tags<B: ByteBufMut>(buf: &mut B) -> Result<()> {
    put_uvarint(buf, 0);
    Ok(())
}

fn skip_tags<B: ByteBuf>(buf: &mut B) -> Result<()> {
    let n = get_uvarint(buf)?;
    for _ in 0..n {
        let _tag = get_uvarint(buf)?;
        let size = get_uvarint(buf)?;
        buf.try_get_bytes(size as usize)?;
    }
    Ok(())
}

/// `Field` for a struct: its fields in order, then its tagged fields.
macro_rules! flexible_struct {
    ($t:ty { $($f:ident),* }) => {
        impl Field for $t {
            fn put<B: ByteBufMut>(&self, buf: &mut B) -> Result<()> {
                $( self.$f.put(buf)?; )*
                put_tags(buf)
            }
            fn get<B: ByteBuf>(buf: &mut B) -> Result<Self> {
                let v = Self { $( $f: Field::get(buf)?, )* };
                skip_tags(buf)?;
                Ok(v)
            }
        }
    };
}

flexible_struct!(KeyValue { key, value });
flexible_struct!(TopicInfo {
    name,
    partitions,
    replication_factor,
    topic_configs
});
flexible_struct!(Subtopology {
    subtopology_id,
    source_topics,
    source_topic_regex,
    state_changelog_topics,
    repartition_sink_topics,
    repartition_source_topics
});
flexible_struct!(TaskOffset {
    subtopology,
    partition,
    offset
});
flexible_struct!(TaskIds {
    subtopology,
    partitions
});
flexible_struct!(Assignment {
    active_tasks,
    standby_tasks,
    warmup_tasks
});
flexible_struct!(Member {
    member_id,
    member_epoch,
    instance_id,
    rack_id,
    client_id,
    client_host,
    topology_id,
    process_id,
    client_tags,
    task_offsets,
    task_end_offsets,
    assignment,
    target_assignment
});
flexible_struct!(DescribedGroup {
    error_code,
    error_message,
    group_id,
    group_state,
    group_epoch,
    assignment_epoch,
    topology,
    members,
    authorized_operations
});
flexible_struct!(StreamsGroupDescribeRequest {
    group_ids,
    include_authorized_operations
});
flexible_struct!(StreamsGroupDescribeResponse {
    throttle_time_ms,
    groups
});

/// `Encodable`/`Decodable` for a top-level message of version 0.
macro_rules! message {
    ($t:ty) => {
        impl Encodable for $t {
            fn encode<B: ByteBufMut>(&self, buf: &mut B, version: i16) -> Result<()> {
                if version != 0 {
                    bail!("StreamsGroupDescribe v{version} is not supported (v0 is)");
                }
                self.put(buf)
            }
            fn compute_size(&self, version: i16) -> Result<usize> {
                let mut buf = bytes::BytesMut::new();
                self.encode(&mut buf, version)?;
                Ok(buf.len())
            }
        }
        impl Decodable for $t {
            fn decode<B: ByteBuf>(buf: &mut B, version: i16) -> Result<Self> {
                if version != 0 {
                    bail!("StreamsGroupDescribe v{version} is not supported (v0 is)");
                }
                Self::get(buf)
            }
        }
        impl Message for $t {
            const VERSIONS: VersionRange = VersionRange { min: 0, max: 0 };
            const DEPRECATED_VERSIONS: Option<VersionRange> = None;
        }
    };
}

message!(StreamsGroupDescribeRequest);
message!(StreamsGroupDescribeResponse);

impl HeaderVersion for StreamsGroupDescribeRequest {
    fn header_version(_version: i16) -> i16 {
        2
    }
}

impl HeaderVersion for StreamsGroupDescribeResponse {
    fn header_version(_version: i16) -> i16 {
        1
    }
}

impl Request for StreamsGroupDescribeRequest {
    const KEY: i16 = API_KEY;
    type Response = StreamsGroupDescribeResponse;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(x: &str) -> StrBytes {
        StrBytes::from_string(x.to_string())
    }

    fn sample() -> StreamsGroupDescribeResponse {
        let tasks = |ps: &[i32]| TaskIds {
            subtopology: s("0"),
            partitions: ps.to_vec(),
        };
        StreamsGroupDescribeResponse {
            throttle_time_ms: 0,
            groups: vec![DescribedGroup {
                group_id: s("app"),
                group_state: s("Stable"),
                group_epoch: 3,
                assignment_epoch: 3,
                topology: Some(vec![Subtopology {
                    subtopology_id: s("0"),
                    source_topics: vec![s("input")],
                    state_changelog_topics: vec![TopicInfo {
                        name: s("app-store-changelog"),
                        ..TopicInfo::default()
                    }],
                    ..Subtopology::default()
                }]),
                members: vec![Member {
                    member_id: s("m1"),
                    member_epoch: 3,
                    client_id: s("app-1"),
                    client_host: s("/127.0.0.1"),
                    topology_id: s("t"),
                    process_id: s("p1"),
                    client_tags: vec![KeyValue {
                        key: s("zone"),
                        value: s("a"),
                    }],
                    assignment: Assignment {
                        active_tasks: vec![tasks(&[0, 1])],
                        ..Assignment::default()
                    },
                    target_assignment: Assignment {
                        active_tasks: vec![tasks(&[0, 1])],
                        standby_tasks: vec![tasks(&[2])],
                        ..Assignment::default()
                    },
                    ..Member::default()
                }],
                ..DescribedGroup::default()
            }],
        }
    }

    #[test]
    fn round_trips_and_reads_tags_it_does_not_know() {
        let r = sample();
        let mut buf = bytes::BytesMut::new();
        r.encode(&mut buf, 0).unwrap();
        assert_eq!(buf.len(), r.compute_size(0).unwrap());
        let back = StreamsGroupDescribeResponse::decode(&mut buf.freeze(), 0).unwrap();
        assert_eq!(back, r);
        let q = StreamsGroupDescribeRequest {
            group_ids: vec![s("a"), s("b")],
            include_authorized_operations: true,
        };
        let mut buf = bytes::BytesMut::new();
        q.encode(&mut buf, 0).unwrap();
        // group_ids: count+1 = 3, "a" (len+1 = 2, 'a'), "b"; true; no tags.
        assert_eq!(&buf[..], &[3, 2, b'a', 2, b'b', 1, 0]);
        // A response whose top level carries a tagged field from a newer Kafka.
        let mut buf = bytes::BytesMut::new();
        StreamsGroupDescribeResponse::default()
            .encode(&mut buf, 0)
            .unwrap();
        let mut tagged = buf[..buf.len() - 1].to_vec();
        tagged.extend([1, 7, 2, 0xAB, 0xCD]);
        let back =
            StreamsGroupDescribeResponse::decode(&mut bytes::Bytes::from(tagged), 0).unwrap();
        assert_eq!(back, StreamsGroupDescribeResponse::default());
    }

    proptest! {
        #[test]
        fn damaged_answers_are_errors_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = StreamsGroupDescribeResponse::decode(&mut bytes::Bytes::from(bytes), 0);
        }

        #[test]
        fn a_cut_answer_is_an_error(cut in 0usize..200) {
            let mut buf = bytes::BytesMut::new();
            sample().encode(&mut buf, 0).unwrap();
            let cut = cut.min(buf.len() - 1);
            prop_assert!(StreamsGroupDescribeResponse::decode(&mut buf.freeze().slice(..cut), 0).is_err());
        }
    }
}
