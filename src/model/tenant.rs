//! The multi-tenant proxy view (`--tenant-prefix P`): a tenant sees only the
//! groups and topics whose names start with P, shown without it; every name
//! sent to the broker gets P added back. The admin handle (`admin::Admin`)
//! owns one and applies it to every name, so no command can forget.

use super::TopicPartition;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tenant {
    prefix: Option<String>,
}

impl Tenant {
    pub fn new(prefix: Option<String>) -> Self {
        Tenant {
            prefix: prefix.filter(|p| !p.is_empty()),
        }
    }

    pub fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    /// The name as the broker knows it.
    pub fn wire(&self, name: &str) -> String {
        match &self.prefix {
            Some(p) => format!("{p}{name}"),
            None => name.to_string(),
        }
    }

    /// The name as the tenant sees it; None when it belongs to someone else.
    pub fn local(&self, name: &str) -> Option<String> {
        match &self.prefix {
            Some(p) => name
                .strip_prefix(p.as_str())
                .filter(|rest| !rest.is_empty())
                .map(str::to_string),
            None => Some(name.to_string()),
        }
    }

    pub fn wire_tp(&self, tp: &TopicPartition) -> TopicPartition {
        TopicPartition::new(self.wire(&tp.topic), tp.partition)
    }

    pub fn local_tp(&self, tp: &TopicPartition) -> Option<TopicPartition> {
        self.local(&tp.topic)
            .map(|t| TopicPartition::new(t, tp.partition))
    }

    pub fn wire_all(&self, names: &[String]) -> Vec<String> {
        names.iter().map(|n| self.wire(n)).collect()
    }

    pub fn wire_tps(&self, tps: &[TopicPartition]) -> Vec<TopicPartition> {
        tps.iter().map(|tp| self.wire_tp(tp)).collect()
    }

    /// Keep and strip the tenant's own partitions.
    pub fn local_tps(&self, tps: &[TopicPartition]) -> Vec<TopicPartition> {
        tps.iter().filter_map(|tp| self.local_tp(tp)).collect()
    }

    pub fn local_topics(&self, topics: &[String]) -> Vec<String> {
        topics.iter().filter_map(|t| self.local(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_prefix_is_identity() {
        let t = Tenant::new(None);
        assert_eq!(t.wire("g"), "g");
        assert_eq!(t.local("g").as_deref(), Some("g"));
        assert_eq!(Tenant::new(Some(String::new())), t);
    }

    #[test]
    fn prefix_is_added_on_the_wire_and_stripped_locally() {
        let t = Tenant::new(Some("acme.".into()));
        assert_eq!(t.wire("billing"), "acme.billing");
        assert_eq!(t.local("acme.billing").as_deref(), Some("billing"));
        assert_eq!(t.local("other.billing"), None);
        // The bare prefix is not a name the tenant can see.
        assert_eq!(t.local("acme."), None);
        let tps = [
            TopicPartition::new("acme.orders", 1),
            TopicPartition::new("globex.orders", 1),
        ];
        assert_eq!(t.local_tps(&tps), vec![TopicPartition::new("orders", 1)]);
        assert_eq!(
            t.wire_tp(&TopicPartition::new("orders", 3)),
            TopicPartition::new("acme.orders", 3)
        );
    }
}
