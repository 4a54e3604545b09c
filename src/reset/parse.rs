//! Parsing of the user's partition and offset arguments.

use crate::model::TopicPartition;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("invalid topic {0:?}: expected TOPIC or TOPIC:P,P,...")]
    Topic(String),
    #[error("invalid offset {0:?}: expected TOPIC:PARTITION=OFFSET with OFFSET >= 0")]
    Offset(String),
    #[error("invalid time {0:?}: expected RFC 3339 (2026-11-20T10:00:00Z) or yyyy-MM-ddTHH:mm:ss[.SSS][zone]")]
    Time(String),
    #[error("invalid duration {0:?}: expected ISO-8601 (PT90M, P1DT2H) or 90m, 2h, 1d")]
    Duration(String),
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

/// A point in time, in ms since the epoch: RFC 3339, or Kafka's
/// `yyyy-MM-ddTHH:mm:ss.SSS` with an optional zone (local time without one,
/// as `kafka-consumer-groups.sh` reads it).
pub fn datetime_ms(s: &str) -> Result<i64, ParseError> {
    use chrono::{DateTime, Local, NaiveDateTime, TimeZone};
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.timestamp_millis());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.fZ",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Ok(dt.timestamp_millis());
        }
    }
    if let Some(naive) = s.strip_suffix('Z') {
        if let Ok(n) = NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M:%S%.f") {
            return Ok(n.and_utc().timestamp_millis());
        }
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            if let Some(dt) = Local.from_local_datetime(&n).earliest() {
                return Ok(dt.timestamp_millis());
            }
        }
    }
    Err(ParseError::Time(s.to_string()))
}

/// ISO-8601 `PnDTnHnMnS` (as `--by-duration` takes in the Apache tool) or humantime (`90m`, `2h`, `1d`).
pub fn duration_ms(s: &str) -> Result<i64, ParseError> {
    let err = || ParseError::Duration(s.to_string());
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('P').or_else(|| t.strip_prefix('p')) {
        let mut total = 0f64;
        let mut in_time = false;
        let mut num = String::new();
        let mut any = false;
        let mut time_units = 0;
        for c in rest.chars() {
            match c.to_ascii_uppercase() {
                'T' if num.is_empty() && !in_time => in_time = true,
                d if d.is_ascii_digit() || d == '.' => num.push(d),
                unit => {
                    let n: f64 = num.parse().map_err(|_| err())?;
                    num.clear();
                    any = true;
                    time_units += usize::from(in_time);
                    total += n * match (unit, in_time) {
                        ('D', false) => 86_400_000.0,
                        ('W', false) => 7.0 * 86_400_000.0,
                        ('H', true) => 3_600_000.0,
                        ('M', true) => 60_000.0,
                        ('S', true) => 1000.0,
                        _ => return Err(err()),
                    };
                }
            }
        }
        if !num.is_empty() || !any || (in_time && time_units == 0) {
            return Err(err());
        }
        return Ok(total as i64);
    }
    humantime::parse_duration(t)
        .map(|d| d.as_millis() as i64)
        .map_err(|_| err())
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

    #[test]
    fn datetimes() {
        let z = datetime_ms("2026-11-20T10:00:00Z").unwrap();
        assert_eq!(z, 1_795_168_800_000);
        assert_eq!(datetime_ms("2026-11-20T10:00:00.000Z").unwrap(), z);
        assert_eq!(datetime_ms("2026-11-20T11:00:00.000+01:00").unwrap(), z);
        assert_eq!(datetime_ms("2026-11-20T11:00:00.000+0100").unwrap(), z);
        assert_eq!(datetime_ms("2026-11-20T10:00:00.250Z").unwrap(), z + 250);
        assert!(datetime_ms("2026-11-20T10:00:00.000").is_ok());
        assert!(datetime_ms("yesterday").is_err());
        assert!(datetime_ms("2026-13-01T00:00:00Z").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(duration_ms("PT90M").unwrap(), 90 * 60_000);
        assert_eq!(duration_ms("P1DT2H").unwrap(), 26 * 3_600_000);
        assert_eq!(duration_ms("PT0.5S").unwrap(), 500);
        assert_eq!(duration_ms("90m").unwrap(), 90 * 60_000);
        assert_eq!(duration_ms("1d").unwrap(), 86_400_000);
        for bad in ["P", "PT", "P1H", "PT1D", "5 parsecs", "P1DT"] {
            assert!(duration_ms(bad).is_err(), "{bad}");
        }
    }
}
