use super::*;

fn key(t: i16, parts: &[&str], partition: Option<i32>) -> Vec<u8> {
    let mut k = t.to_be_bytes().to_vec();
    for p in parts {
        k.extend_from_slice(&(p.len() as i16).to_be_bytes());
        k.extend_from_slice(p.as_bytes());
    }
    if let Some(p) = partition {
        k.extend_from_slice(&p.to_be_bytes());
    }
    k
}

#[test]
fn offset_commit_versions() {
    let k = key(1, &["billing", "orders"], Some(3));
    let mut v = 3i16.to_be_bytes().to_vec();
    v.extend_from_slice(&18211i64.to_be_bytes());
    v.extend_from_slice(&7i32.to_be_bytes());
    v.extend_from_slice(&[0, 0]);
    v.extend_from_slice(&1_700_000_000_000i64.to_be_bytes());
    match decode(&k, Some(&v)) {
        CoordinatorRecord::OffsetCommit {
            group,
            topic,
            partition,
            value: Some(val),
        } => {
            assert_eq!((&*group, &*topic, partition), ("billing", "orders", 3));
            assert_eq!(
                (val.offset, val.leader_epoch, val.expire_timestamp),
                (18211, Some(7), None)
            );
        }
        other => panic!("{other:?}"),
    }
    // Tombstone.
    assert!(matches!(
        decode(&k, None),
        CoordinatorRecord::OffsetCommit { value: None, .. }
    ));
    // v4 flexible with a tagged field.
    let mut v4 = 4i16.to_be_bytes().to_vec();
    v4.extend_from_slice(&5i64.to_be_bytes());
    v4.extend_from_slice(&(-1i32).to_be_bytes());
    v4.extend_from_slice(&[3, b'a', b'b']);
    v4.extend_from_slice(&9i64.to_be_bytes());
    v4.extend_from_slice(&[1, 1, 2, 0xde, 0xad]); // tag 1: unknown, skipped
    match decode(&k, Some(&v4)) {
        CoordinatorRecord::OffsetCommit {
            value: Some(val), ..
        } => {
            assert_eq!(
                (val.offset, val.leader_epoch, &*val.metadata),
                (5, None, "ab")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn undecodable_records_are_kept_raw() {
    let r = decode(&[0, 99, 1, 2], Some(&[1]));
    assert!(
        matches!(
            r,
            CoordinatorRecord::Unknown {
                record_type: 99,
                ..
            }
        ),
        "{r:?}"
    );
    let k = key(1, &["g", "t"], None);
    let r = decode(&k, Some(&[0, 0]));
    assert!(
        matches!(r, CoordinatorRecord::Unknown { record_type: 1, .. }),
        "{r:?}"
    );
    let r = decode(&[0xff], None);
    assert!(
        matches!(
            r,
            CoordinatorRecord::Unknown {
                record_type: -1,
                ..
            }
        ),
        "{r:?}"
    );
}

#[test]
fn kip848_records_decode_to_json() {
    let k = key(3, &["g848"], None);
    let v = [0, 0, 0, 0, 0, 12, 0];
    match decode(&k, Some(&v)) {
        CoordinatorRecord::Group {
            record_type: T::ConsumerGroupMetadata,
            group,
            value: Some(j),
            ..
        } => {
            assert_eq!(group, "g848");
            assert_eq!(j["epoch"], 12);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn share_state_record_in_both_layouts() {
    let k = key(15, &["sg"], None);
    // initialized: [{id, "t", [0, 1]}], deleting: []
    let mut topics = vec![2u8];
    topics.extend_from_slice(&[9u8; 16]);
    topics.extend_from_slice(&[2, b't', 3, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    let mut v40 = vec![0u8, 0];
    v40.extend_from_slice(&topics);
    v40.extend_from_slice(&[1, 0]);
    let mut v41 = vec![0u8, 0, 1];
    v41.extend_from_slice(&topics);
    v41.extend_from_slice(&[1, 0]);
    for v in [v40, v41] {
        match decode(&k, Some(&v)) {
            CoordinatorRecord::Group {
                record_type: T::ShareGroupStatePartitionMetadata,
                value: Some(j),
                ..
            } => {
                assert_eq!(j["initialized_topics"][0]["topic_name"], "t");
                assert_eq!(
                    j["initialized_topics"][0]["partitions"],
                    serde_json::json!([0, 1])
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn locate_uses_java_hash() {
    // "test-group".hashCode() == 627841412 in Java; 627841412 % 50 == 12.
    assert_eq!(partition_for("test-group", 50), 12);
    assert_eq!(
        partition_for("polygenelubricants", 50),
        0,
        "Integer.MIN_VALUE maps to 0"
    );
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// A record's value as JSON (the KIP-848 records).
fn group_value(key: &str, value: &str) -> Value {
    match decode(&unhex(key), Some(&unhex(value))) {
        CoordinatorRecord::Group { value: Some(v), .. } => v,
        other => panic!("{other:?}"),
    }
}

/// Records exactly as Kafka 4.4.0 wrote them (tests/fixtures/wal-kafka-4.4),
/// with what its DumpLogSegments --offsets-decoder printed for them.
#[test]
fn kafka_4_4_tagged_fields_are_decoded_by_name() {
    // {"offset":14,"leaderEpoch":-1,"metadata":"","commitTimestamp":1796667447239,"topicId":"MtMtlFrpQZuCfIUz5OaAQA"}
    let k = unhex("0001000a7374616e64616c6f6e6500087061796d656e747300000001");
    let v = unhex(
        "0004000000000000000effffffff01000001a251b997c701001032d32d945ae9419b827c8533e4e68040",
    );
    let CoordinatorRecord::OffsetCommit {
        value: Some(val), ..
    } = decode(&k, Some(&v))
    else {
        panic!()
    };
    assert_eq!((val.offset, val.commit_timestamp), (14, 1796667447239));
    assert_eq!(
        val.topic_id.map(|t| t.to_string()).as_deref(),
        Some("MtMtlFrpQZuCfIUz5OaAQA")
    );
    // {"epoch":2,"metadataHash":-3526258620167285907}
    let v = group_value(
        "0003000e6b69703834382d756e69666f726d",
        "000000000002010008cf103677c6c5136d",
    );
    assert_eq!(
        v,
        serde_json::json!({"epoch": 2, "metadata_hash": -3526258620167285907i64})
    );
    // {"assignmentEpoch":2,"assignmentTimestamp":1796667449706}
    let v = group_value(
        "0006000e6b69703834382d756e69666f726d",
        "000000000002010008000001a251b9a16a",
    );
    assert_eq!(
        v,
        serde_json::json!({"assignment_epoch": 2, "assignment_timestamp": 1796667449706i64})
    );
    // assignedPartitions [{"topicId":"NUl5pZC5SSexDOKKzZHVzg","partitions":[0,1,2],"assignmentEpochs":[2,2,2]}, ...]
    let v = group_value(
        "0008000e6b69703834382d756e69666f726d00165375634d516549465276615344784e565745516d4367",
        "000000000002000000000003354979a590b94927b10ce28acd91d5ce0400000000000000010000000201000d0400000002000000020000000232d32d945ae9419b827c8533e4e680400300000000000000010100090300000002000000020100",
    );
    assert_eq!(v["member_epoch"], 2);
    assert_eq!(
        v["assigned_partitions"][0],
        serde_json::json!({"topic_id": "NUl5pZC5SSexDOKKzZHVzg", "partitions": [0, 1, 2], "assignment_epochs": [2, 2, 2]})
    );
    assert_eq!(
        v["assigned_partitions"][1]["assignment_epochs"],
        serde_json::json!([2, 2])
    );
    // A classic member of a consumer group: {"classicMemberMetadata":{"sessionTimeoutMs":60000,
    // "supportedProtocols":[{"name":"range","metadata":"AAMAAAABAAZvcmRlcnMAAAAAAAAAAP////8AAA=="}]}}
    let v = group_value(
        "000500036d69780016476a76475a58525354736154314a7352696557435f41",
        "000000000c6d69782d636c61737369630b2f3132372e302e302e3102076f726465727301000493e00001002b010000ea60020672616e67651d00030000000100066f72646572730000000000000000ffffffff00000000",
    );
    assert_eq!(v["client_id"], "mix-classic");
    assert_eq!(v["subscribed_topic_regex"], "");
    let classic = &v["classic_member_metadata"];
    assert_eq!(classic["session_timeout_ms"], 60000);
    assert_eq!(classic["supported_protocols"][0]["name"], "range");
    assert_eq!(
        classic["supported_protocols"][0]["metadata"],
        "00030000000100066f72646572730000000000000000ffffffff0000"
    );
    // A consumer-protocol member: the tagged field is written, holding null (presence byte 0).
    let v = group_value(
        "00050010657870697265642d636f6e73756d65720016357255663556346e5459364a764f6e61636344673267",
        "000000001a657870697265642d636f6e73756d65722d6d656d6265722d300b2f3132372e302e302e3102097061796d656e747301000493e00001000100",
    );
    assert_eq!(v["classic_member_metadata"], Value::Null);
    assert!(v.get("tagged_fields").is_none());
}

#[test]
fn share_group_metadata_with_and_without_the_metadata_hash() {
    let k = key(11, &["sg"], None);
    // Kafka 4.1+: epoch, metadata hash (a regular field), no tagged fields.
    let mut v = 0i16.to_be_bytes().to_vec();
    v.extend_from_slice(&4i32.to_be_bytes());
    v.extend_from_slice(&77i64.to_be_bytes());
    v.push(0);
    match decode(&k, Some(&v)) {
        CoordinatorRecord::Group { value: Some(v), .. } => {
            assert_eq!(v, serde_json::json!({"epoch": 4, "metadata_hash": 77}))
        }
        other => panic!("{other:?}"),
    }
    // Kafka 4.0: the epoch only.
    let v = [0, 0, 0, 0, 0, 4, 0];
    match decode(&k, Some(&v)) {
        CoordinatorRecord::Group { value: Some(v), .. } => {
            assert_eq!(v, serde_json::json!({"epoch": 4}))
        }
        other => panic!("{other:?}"),
    }
}
