//! Points in time and durations as users type them and as groupctl prints
//! them: one parser and one formatter for every command (reset targets, wal
//! filters and `--as-of`, plan files).

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TimeError {
    #[error("invalid time {0:?}: expected RFC 3339 (2026-11-20T10:00:00Z) or yyyy-MM-ddTHH:mm:ss[.SSS][zone]")]
    Time(String),
    #[error("invalid duration {0:?}: expected ISO-8601 (PT90M, P1DT2H) or 90m, 2h, 1d")]
    Duration(String),
}

/// ms since the epoch as RFC 3339 UTC with milliseconds: `2026-11-20T10:01:02.345Z`.
pub fn format_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_else(|| ms.to_string())
}

/// ms since the epoch as a compact UTC stamp for file names: `20261120T100102345Z`.
pub fn file_stamp_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%Y%m%dT%H%M%S%3fZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

/// A strict RFC 3339 time (as brokers write them), in ms since the epoch.
pub fn rfc3339_ms(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.timestamp_millis())
}

/// A point in time, in ms since the epoch: RFC 3339, or Kafka's
/// `yyyy-MM-ddTHH:mm:ss.SSS` with an optional zone (local time without one,
/// as `kafka-consumer-groups.sh` reads it).
pub fn datetime_ms(s: &str) -> Result<i64, TimeError> {
    use chrono::{DateTime, Local, NaiveDateTime, TimeZone};
    let s = s.trim();
    if let Some(ms) = rfc3339_ms(s) {
        return Ok(ms);
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
    Err(TimeError::Time(s.to_string()))
}

/// ISO-8601 `PnDTnHnMnS` (as `--by-duration` takes in the Apache tool) or humantime (`90m`, `2h`, `1d`).
pub fn duration_ms(s: &str) -> Result<i64, TimeError> {
    let err = || TimeError::Duration(s.to_string());
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
        assert_eq!(
            rfc3339_ms("2025-01-15T10:00:00.123Z"),
            Some(1_736_935_200_123)
        );
        assert_eq!(rfc3339_ms("2025-01-15 10:00"), None);
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

    #[test]
    fn formats_round_trip() {
        let ms = 1_795_168_862_345;
        assert_eq!(format_ms(ms), "2026-11-20T10:01:02.345Z");
        assert_eq!(datetime_ms(&format_ms(ms)).unwrap(), ms);
        assert_eq!(format_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(file_stamp_ms(ms), "20261120T100102345Z");
        assert_eq!(
            format_ms(i64::MAX),
            i64::MAX.to_string(),
            "out of range stays a number"
        );
    }
}
