//! Parsing of the user's partition and offset arguments.

use crate::model::TopicPartition;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("invalid topic {0:?}: expected TOPIC or TOPIC:P,P,...")]
    Topic(String),
    #[error("invalid offset {0:?}: expected TOPIC:PARTITION=OFFSET with OFFSET >= 0")]
    Offset(String),
}

/// `orders` (all partitions) or `orders:0,2,5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScope {
    pub topic: String,
    pub partitions: Option<Vec<i32>>,
}

pub fn topic_scope(s: &str) -> Result<TopicScope, ParseError> {
    let err = || ParseError::Topic(s.to_string());
    // Topic names cannot contain ':', so the last ':' separates partitions.
    match s.rsplit_once(':') {
        None if !s.is_empty() => Ok(TopicScope {
            topic: s.to_string(),
            partitions: None,
        }),
        Some((t, ps)) if !t.is_empty() && !ps.is_empty() => {
            let mut parts = ps
                .split(',')
                .map(|p| p.trim().parse::<i32>().ok().filter(|p| *p >= 0))
                .collect::<Option<Vec<i32>>>()
                .ok_or_else(err)?;
            parts.sort_unstable();
            parts.dedup();
            Ok(TopicScope {
                topic: t.to_string(),
                partitions: Some(parts),
            })
        }
        _ => Err(err()),
    }
}

/// `orders:3=1200`
pub fn partition_offset(s: &str) -> Result<(TopicPartition, i64), ParseError> {
    let err = || ParseError::Offset(s.to_string());
    let (tp, off) = s.rsplit_once('=').ok_or_else(err)?;
    let (t, p) = tp.rsplit_once(':').ok_or_else(err)?;
    let p: i32 = p.trim().parse().map_err(|_| err())?;
    let off: i64 = off.trim().parse().map_err(|_| err())?;
    if t.is_empty() || p < 0 || off < 0 {
        return Err(err());
    }
    Ok((TopicPartition::new(t, p), off))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_scopes() {
        assert_eq!(
            topic_scope("orders").unwrap(),
            TopicScope {
                topic: "orders".into(),
                partitions: None
            }
        );
        assert_eq!(
            topic_scope("orders:5,0,2,2").unwrap().partitions,
            Some(vec![0, 2, 5])
        );
        for bad in ["", ":1", "orders:", "orders:a", "orders:-1", "orders:1,,2"] {
            assert!(topic_scope(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn partition_offsets() {
        assert_eq!(
            partition_offset("orders:3=1200").unwrap(),
            (TopicPartition::new("orders", 3), 1200)
        );
        for bad in [
            "orders:3",
            "orders=5",
            "orders:x=1",
            "orders:1=-5",
            ":1=2",
            "orders:1=1e3",
        ] {
            assert!(partition_offset(bad).is_err(), "{bad}");
        }
    }
}
