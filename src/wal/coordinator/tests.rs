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
    v4.extend_from_slice(&[1, 0, 2, 0xde, 0xad]);
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
