//! The scenario: topics with partition counts, members with subscriptions and
//! what they own, optional replica racks. Parsed, validated, and edited for
//! what-ifs (add/remove members, change partition counts).

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ScenarioError {
    #[error("{path}:{line}:{column}: {message}")]
    Json {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("member id {0:?} appears more than once")]
    DuplicateMember(String),
    #[error("a member has an empty id")]
    EmptyMemberId,
    #[error("member {member} owns {topic}-{partition}, but {topic} has {count} partitions")]
    NoSuchPartition {
        member: String,
        topic: String,
        partition: i32,
        count: i32,
    },
    #[error("member {member} lists {topic}-{partition} twice in \"owned\"")]
    DuplicateOwned {
        member: String,
        topic: String,
        partition: i32,
    },
    #[error("topic {topic:?} has a negative partition count {count}")]
    NegativeCount { topic: String, count: i64 },
    #[error("partition_racks names unknown topic {0:?}")]
    RacksForUnknownTopic(String),
    #[error("partition_racks for {topic} lists {got} partitions, but it has {count}")]
    RacksLength {
        topic: String,
        got: usize,
        count: i32,
    },
    #[error("no member {0:?} to remove")]
    NoSuchMember(String),
    #[error("member {0:?} already exists")]
    MemberExists(String),
    #[error("invalid {what} {value:?}: {hint}")]
    BadEdit {
        what: &'static str,
        value: String,
        hint: &'static str,
    },
}

/// One member of the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMember {
    pub id: String,
    pub subscription: Vec<String>,
    #[serde(default)]
    pub group_instance_id: Option<String>,
    #[serde(default)]
    pub rack: Option<String>,
    /// Partitions owned before this rebalance (sticky assignors).
    #[serde(default)]
    pub owned: Vec<(String, i32)>,
    /// Generation of `owned` (null: unknown, as for old subscription versions).
    #[serde(default)]
    pub generation: Option<i32>,
}

// Unknown fields are refused: a typo ("genration") would silently change the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Topic -> partition count, in file order (Java HashMap insertion order).
    #[serde(serialize_with = "ser_topics", deserialize_with = "de_topics")]
    pub topics: Vec<(String, i32)>,
    pub members: Vec<ScenarioMember>,
    /// Topic -> per partition, the racks of its replicas (enables rack-aware assignment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_racks: Option<BTreeMap<String, Vec<Vec<String>>>>,
    /// The Java assignors' test switch forcing the rack-aware path.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prefer_rack_aware_logic: bool,
}

fn ser_topics<S: Serializer>(topics: &[(String, i32)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(topics.len()))?;
    for (t, n) in topics {
        m.serialize_entry(t, n)?;
    }
    m.end()
}

fn de_topics<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, i32)>, D::Error> {
    let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
    map.into_iter()
        .map(|(k, v)| {
            let n = v.as_i64().ok_or_else(|| {
                serde::de::Error::custom(format!("partition count of {k:?} must be an integer"))
            })?;
            let n = i32::try_from(n).map_err(|_| {
                serde::de::Error::custom(format!("partition count of {k:?} is out of range"))
            })?;
            Ok((k, n))
        })
        .collect()
}

impl Scenario {
    /// Parse and validate; errors carry the line and column for JSON syntax problems.
    pub fn from_json(path: &str, text: &str) -> Result<Scenario, ScenarioError> {
        let s: Scenario = serde_json::from_str(text).map_err(|e| ScenarioError::Json {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        })?;
        s.validate()?;
        Ok(s)
    }

    pub fn partition_count(&self, topic: &str) -> Option<i32> {
        self.topics
            .iter()
            .find(|(t, _)| t == topic)
            .map(|(_, n)| *n)
    }

    pub fn validate(&self) -> Result<(), ScenarioError> {
        for (t, n) in &self.topics {
            if *n < 0 {
                return Err(ScenarioError::NegativeCount {
                    topic: t.clone(),
                    count: *n as i64,
                });
            }
        }
        // Dense slots per existing partition, stamped with the member that owns it:
        // a million owned partitions are checked without a set per member.
        let mut topics: FxHashMap<&str, (usize, i32)> = FxHashMap::default();
        let mut total = 0usize;
        for (t, n) in &self.topics {
            topics.insert(t.as_str(), (total, *n));
            total += *n as usize;
        }
        let mut stamp = vec![0u32; total];
        let mut gone: FxHashSet<(&str, i32)> = FxHashSet::default();
        let mut seen = BTreeSet::new();
        for (k, m) in self.members.iter().enumerate() {
            let k = k as u32 + 1;
            if m.id.is_empty() {
                return Err(ScenarioError::EmptyMemberId);
            }
            if !seen.insert(m.id.as_str()) {
                return Err(ScenarioError::DuplicateMember(m.id.clone()));
            }
            gone.clear();
            let mut last: Option<(&str, Option<(usize, i32)>)> = None;
            for (t, p) in &m.owned {
                let topic = match last {
                    Some((name, x)) if name == t.as_str() => x,
                    _ => {
                        let x = topics.get(t.as_str()).copied();
                        last = Some((t.as_str(), x));
                        x
                    }
                };
                let duplicate = match topic {
                    // Owned partitions of topics that are gone are dropped, as Kafka does;
                    // a partition beyond an existing topic's count is a broken scenario.
                    Some((offset, count)) => {
                        if *p < 0 || *p >= count {
                            return Err(ScenarioError::NoSuchPartition {
                                member: m.id.clone(),
                                topic: t.clone(),
                                partition: *p,
                                count,
                            });
                        }
                        let slot = &mut stamp[offset + *p as usize];
                        std::mem::replace(slot, k) == k
                    }
                    None => !gone.insert((t.as_str(), *p)),
                };
                if duplicate {
                    return Err(ScenarioError::DuplicateOwned {
                        member: m.id.clone(),
                        topic: t.clone(),
                        partition: *p,
                    });
                }
            }
        }
        if let Some(racks) = &self.partition_racks {
            for (t, per) in racks {
                let count = self
                    .partition_count(t)
                    .ok_or_else(|| ScenarioError::RacksForUnknownTopic(t.clone()))?;
                if per.len() != count as usize {
                    return Err(ScenarioError::RacksLength {
                        topic: t.clone(),
                        got: per.len(),
                        count,
                    });
                }
            }
        }
        Ok(())
    }

    /// Subscribed topics missing from `topics` (deleted or not yet created),
    /// each with the members subscribing to it. Kafka assigns nothing for
    /// them and goes on; callers warn.
    pub fn unknown_subscriptions(&self) -> BTreeMap<String, Vec<String>> {
        let known: rustc_hash::FxHashSet<&str> =
            self.topics.iter().map(|(t, _)| t.as_str()).collect();
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for m in &self.members {
            for t in &m.subscription {
                if !known.contains(t.as_str()) {
                    let members = out.entry(t.clone()).or_default();
                    if !members.contains(&m.id) {
                        members.push(m.id.clone());
                    }
                }
            }
        }
        out
    }

    /// Topics any member subscribes to, in `topics` order.
    pub fn subscribed_topics(&self) -> Vec<String> {
        let subs: BTreeSet<&str> = self
            .members
            .iter()
            .flat_map(|m| m.subscription.iter().map(String::as_str))
            .collect();
        self.topics
            .iter()
            .filter(|(t, _)| subs.contains(t.as_str()))
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// `--add-member ID[:t1,t2]`: a new member with no owned partitions; topics
    /// default to every topic the group subscribes to.
    pub fn add_member(&mut self, spec: &str) -> Result<(), ScenarioError> {
        let (id, topics) = match spec.split_once(':') {
            Some((id, ts)) => (
                id,
                ts.split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            ),
            None => {
                // Also the topics that do not exist (yet): a new instance subscribes like the others.
                let mut topics = self.subscribed_topics();
                topics.extend(self.unknown_subscriptions().into_keys());
                (spec, topics)
            }
        };
        if id.is_empty() || topics.is_empty() {
            return Err(ScenarioError::BadEdit {
                what: "--add-member",
                value: spec.into(),
                hint: if id.is_empty() || spec.contains(':') {
                    "expected ID or ID:topic1,topic2"
                } else {
                    "the group subscribes to no topic: give ID:topic1,topic2"
                },
            });
        }
        if self.members.iter().any(|m| m.id == id) {
            return Err(ScenarioError::MemberExists(id.to_string()));
        }
        let generation = self.members.iter().filter_map(|m| m.generation).max();
        self.members.push(ScenarioMember {
            id: id.to_string(),
            subscription: topics,
            group_instance_id: None,
            rack: None,
            owned: Vec::new(),
            generation,
        });
        self.validate().inspect_err(|_| {
            self.members.pop();
        })
    }

    /// `--remove-member ID`: the member leaves; what it owned becomes unowned.
    pub fn remove_member(&mut self, id: &str) -> Result<(), ScenarioError> {
        let before = self.members.len();
        self.members.retain(|m| m.id != id);
        if self.members.len() == before {
            return Err(ScenarioError::NoSuchMember(id.to_string()));
        }
        Ok(())
    }

    /// `--partitions TOPIC=N`: set (or add) a topic's partition count.
    pub fn set_partitions(&mut self, spec: &str) -> Result<(), ScenarioError> {
        let bad = || ScenarioError::BadEdit {
            what: "--partitions",
            value: spec.into(),
            hint: "expected TOPIC=N with N >= 0",
        };
        let (t, n) = spec.rsplit_once('=').ok_or_else(bad)?;
        let n: i32 = n.trim().parse().ok().filter(|n| *n >= 0).ok_or_else(bad)?;
        if t.is_empty() {
            return Err(bad());
        }
        match self.topics.iter_mut().find(|(name, _)| name == t) {
            Some(entry) => entry.1 = n,
            None => self.topics.push((t.to_string(), n)),
        }
        // Fewer partitions: owned partitions beyond the new count no longer exist.
        for m in &mut self.members {
            m.owned.retain(|(ot, p)| ot != t || *p < n);
        }
        if let Some(racks) = &mut self.partition_racks {
            if let Some(per) = racks.get_mut(t) {
                per.resize(n as usize, Vec::new());
            }
        }
        self.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = r#"{"topics": {"orders": 3, "audit": 1},
        "members": [{"id": "c1", "subscription": ["orders"], "owned": [["orders", 0]], "generation": 2}]}"#;

    #[test]
    fn parses_and_keeps_topic_order() {
        let s = Scenario::from_json("s.json", S).unwrap();
        assert_eq!(
            s.topics,
            vec![("orders".to_string(), 3), ("audit".to_string(), 1)]
        );
        assert_eq!(s.members[0].generation, Some(2));
        let back: Scenario = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn reports_json_position() {
        let e = Scenario::from_json(
            "s.json",
            "{\n  \"topics\": {\"a\": 1},\n  \"members\": [,]\n}",
        )
        .unwrap_err();
        match e {
            ScenarioError::Json { line, column, .. } => assert_eq!((line, column), (3, 15)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rejects_bad_scenarios() {
        let bad = |members: &str| {
            Scenario::from_json(
                "s",
                &format!(r#"{{"topics": {{"t": 2}}, "members": {members}}}"#),
            )
            .unwrap_err()
        };
        assert_eq!(
            bad(r#"[{"id": "a", "subscription": ["t"]}, {"id": "a", "subscription": ["t"]}]"#),
            ScenarioError::DuplicateMember("a".into())
        );
        assert!(matches!(
            bad(r#"[{"id": "a", "subscription": ["t"], "owned": [["t", 2]]}]"#),
            ScenarioError::NoSuchPartition { .. }
        ));
        assert!(matches!(
            bad(r#"[{"id": "a", "subscription": ["t"], "owned": [["t", 1], ["t", 1]]}]"#),
            ScenarioError::DuplicateOwned { .. }
        ));
        // Owned partitions of a topic that no longer exists are fine (dropped by the assignors).
        assert!(Scenario::from_json("s", r#"{"topics": {"t": 2}, "members": [{"id": "a", "subscription": ["t"], "owned": [["gone", 0]]}]}"#).is_ok());
    }

    #[test]
    fn unknown_topics_are_listed_not_refused() {
        let s = Scenario::from_json(
            "s",
            r#"{"topics": {"t": 2}, "members": [
                {"id": "a", "subscription": ["t", "gone", "gone"]},
                {"id": "b", "subscription": ["gone", "later"]}]}"#,
        )
        .unwrap();
        let u = s.unknown_subscriptions();
        assert_eq!(u.len(), 2);
        assert_eq!(u["gone"], ["a", "b"]);
        assert_eq!(u["later"], ["b"]);
    }

    #[test]
    fn unknown_fields_are_errors_with_name_and_line() {
        let e = Scenario::from_json(
            "s.json",
            "{\"topics\": {\"t\": 1},\n \"members\": [{\"id\": \"a\", \"subscription\": [\"t\"],\n   \"genration\": 3}]}",
        )
        .unwrap_err();
        let ScenarioError::Json { line, message, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(*line, 3);
        assert!(message.contains("unknown field `genration`"), "{message}");
        let e = Scenario::from_json(
            "s.json",
            r#"{"topics": {}, "members": [], "partition_rack": null}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("unknown field `partition_rack`"),
            "{e}"
        );
    }

    #[test]
    fn edits() {
        let mut s = Scenario::from_json("s.json", S).unwrap();
        s.add_member("c2").unwrap();
        assert_eq!(s.members[1].subscription, vec!["orders".to_string()]);
        assert_eq!(s.members[1].generation, Some(2));
        s.add_member("c3:orders,audit").unwrap();
        assert!(matches!(
            s.add_member("c4:"),
            Err(ScenarioError::BadEdit { .. })
        ));
        assert_eq!(
            s.members.len(),
            3,
            "a rejected edit leaves the scenario unchanged"
        );
        // A topic that does not exist (yet) is accepted: Kafka assigns nothing for it.
        s.add_member("c4:later").unwrap();
        assert_eq!(s.unknown_subscriptions()["later"], ["c4"]);
        s.remove_member("c4").unwrap();
        assert_eq!(
            s.add_member("c2"),
            Err(ScenarioError::MemberExists("c2".into()))
        );
        s.set_partitions("orders=1").unwrap();
        assert_eq!(s.partition_count("orders"), Some(1));
        s.set_partitions("new=4").unwrap();
        assert_eq!(s.partition_count("new"), Some(4));
        assert!(s.set_partitions("orders=-1").is_err());
        s.remove_member("c1").unwrap();
        assert_eq!(
            s.remove_member("c1"),
            Err(ScenarioError::NoSuchMember("c1".into()))
        );
    }
}
