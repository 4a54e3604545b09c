//! The record types of `__consumer_offsets` (the key's leading i16, once
//! called the key version), as Apache Kafka 4.1 defines them in
//! `group-coordinator/src/main/resources/common/message/*Key.json`. Kafka 4.4
//! adds the streams-group records (types 17-23), which are not decoded here:
//! like any type this list lacks, they are shown raw and skipped, as the
//! broker skips types it does not know.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CoordinatorRecordType {
    /// Type 0: the pre-0.9 offset commit key (same fields as type 1).
    LegacyOffsetCommit,
    OffsetCommit,
    /// Classic group metadata (members, generation, protocol).
    GroupMetadata,
    ConsumerGroupMetadata,
    ConsumerGroupPartitionMetadata,
    ConsumerGroupMemberMetadata,
    ConsumerGroupTargetAssignmentMetadata,
    ConsumerGroupTargetAssignmentMember,
    ConsumerGroupCurrentMemberAssignment,
    ShareGroupPartitionMetadata,
    ShareGroupMemberMetadata,
    ShareGroupMetadata,
    ShareGroupTargetAssignmentMetadata,
    ShareGroupTargetAssignmentMember,
    ShareGroupCurrentMemberAssignment,
    ShareGroupStatePartitionMetadata,
    ConsumerGroupRegularExpression,
}

use CoordinatorRecordType::*;

impl CoordinatorRecordType {
    pub const ALL: [CoordinatorRecordType; 17] = [
        LegacyOffsetCommit,
        OffsetCommit,
        GroupMetadata,
        ConsumerGroupMetadata,
        ConsumerGroupPartitionMetadata,
        ConsumerGroupMemberMetadata,
        ConsumerGroupTargetAssignmentMetadata,
        ConsumerGroupTargetAssignmentMember,
        ConsumerGroupCurrentMemberAssignment,
        ShareGroupPartitionMetadata,
        ShareGroupMemberMetadata,
        ShareGroupMetadata,
        ShareGroupTargetAssignmentMetadata,
        ShareGroupTargetAssignmentMember,
        ShareGroupCurrentMemberAssignment,
        ShareGroupStatePartitionMetadata,
        ConsumerGroupRegularExpression,
    ];

    /// The number in the key.
    pub fn id(self) -> i16 {
        self as i16
    }

    pub fn from_id(id: i16) -> Option<CoordinatorRecordType> {
        usize::try_from(id)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }

    /// As `wal inspect` shows it and `--type` takes it.
    pub fn name(self) -> &'static str {
        match self {
            LegacyOffsetCommit | OffsetCommit => "offset_commit",
            GroupMetadata => "group_metadata",
            ConsumerGroupMetadata => "consumer_group_metadata",
            ConsumerGroupPartitionMetadata => "consumer_group_partition_metadata",
            ConsumerGroupMemberMetadata => "consumer_group_member_metadata",
            ConsumerGroupTargetAssignmentMetadata => "consumer_group_target_assignment_metadata",
            ConsumerGroupTargetAssignmentMember => "consumer_group_target_assignment_member",
            ConsumerGroupCurrentMemberAssignment => "consumer_group_current_member_assignment",
            ShareGroupPartitionMetadata => "share_group_partition_metadata",
            ShareGroupMemberMetadata => "share_group_member_metadata",
            ShareGroupMetadata => "share_group_metadata",
            ShareGroupTargetAssignmentMetadata => "share_group_target_assignment_metadata",
            ShareGroupTargetAssignmentMember => "share_group_target_assignment_member",
            ShareGroupCurrentMemberAssignment => "share_group_current_member_assignment",
            ShareGroupStatePartitionMetadata => "share_group_state_partition_metadata",
            ConsumerGroupRegularExpression => "consumer_group_regular_expression",
        }
    }

    /// Share-group records (types 9-15).
    pub fn is_share(self) -> bool {
        (ShareGroupPartitionMetadata..=ShareGroupStatePartitionMetadata).contains(&self)
    }

    /// Keyed by group and member id.
    pub fn has_member_key(self) -> bool {
        matches!(
            self,
            ConsumerGroupMemberMetadata
                | ConsumerGroupTargetAssignmentMember
                | ConsumerGroupCurrentMemberAssignment
                | ShareGroupMemberMetadata
                | ShareGroupTargetAssignmentMember
                | ShareGroupCurrentMemberAssignment
        )
    }
}

impl Serialize for CoordinatorRecordType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i16(self.id())
    }
}

/// Every record type name `--type` accepts for Kafka logs.
pub fn type_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = CoordinatorRecordType::ALL
        .iter()
        .map(|t| t.name())
        .collect();
    names.dedup();
    names.extend(["control", "unknown"]);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_name_kafka_records() {
        for t in CoordinatorRecordType::ALL {
            assert_eq!(CoordinatorRecordType::from_id(t.id()), Some(t));
        }
        assert_eq!(CoordinatorRecordType::from_id(17), None);
        assert_eq!(CoordinatorRecordType::from_id(-1), None);
        assert_eq!(OffsetCommit.id(), 1);
        assert_eq!(ConsumerGroupRegularExpression.id(), 16);
        assert!(ShareGroupStatePartitionMetadata.is_share() && !ConsumerGroupMetadata.is_share());
        assert_eq!(type_names().len(), 18);
        assert_eq!(serde_json::to_value(GroupMetadata).unwrap(), 2);
    }
}
