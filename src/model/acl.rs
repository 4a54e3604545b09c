//! What the connected principal may do on a resource, as brokers report it
//! (`include_authorized_operations` of DescribeGroups, ConsumerGroupDescribe
//! and Metadata): a bit per ACL operation. Writes check it before anything
//! is sent, so a missing ACL is named instead of failing mid-write.

/// Kafka's ACL operations that groupctl's writes need (codes as in
/// `org.apache.kafka.common.acl.AclOperation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Read = 3,
    Delete = 6,
    Describe = 8,
}

impl Operation {
    pub fn name(self) -> &'static str {
        match self {
            Operation::Read => "READ",
            Operation::Delete => "DELETE",
            Operation::Describe => "DESCRIBE",
        }
    }
}

/// The operations a principal may do on one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operations(i32);

impl Operations {
    /// From the wire: `i32::MIN` means "not asked / not told".
    pub fn from_wire(bits: i32) -> Option<Operations> {
        (bits != i32::MIN).then_some(Operations(bits))
    }

    pub fn allows(self, op: Operation) -> bool {
        self.0 & (1 << op as i32) != 0
    }
}

/// A resource a principal lacks an operation on: `READ on Group:billing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingAcl {
    pub operation: Operation,
    /// `Group` or `Topic`.
    pub resource_type: &'static str,
    pub name: String,
}

impl std::fmt::Display for MissingAcl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} on {}:{}",
            self.operation.name(),
            self.resource_type,
            self.name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_kafkas_operation_codes() {
        // DESCRIBE (8) and READ (3): 0b1_0000_1000
        let ops = Operations::from_wire(0b1_0000_1000).unwrap();
        assert!(ops.allows(Operation::Read));
        assert!(ops.allows(Operation::Describe));
        assert!(!ops.allows(Operation::Delete));
        assert_eq!(Operations::from_wire(i32::MIN), None);
        let m = MissingAcl {
            operation: Operation::Read,
            resource_type: "Group",
            name: "billing".into(),
        };
        assert_eq!(m.to_string(), "READ on Group:billing");
    }
}
