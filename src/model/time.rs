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
    use chrono::{DateTime, Local, NaiveDateTime};
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
            return local_ms(&Local, n).ok_or_else(|| TimeError::Time(s.to_string()));
        }
    }
    Err(TimeError::Time(s.to_string()))
}

/// A wall-clock time in `tz`, in ms since the epoch, by java.time's rule (so
/// as `kafka-consumer-groups.sh` reads it): a time that occurs twice (clocks
/// turned back) is the earlier one; a time that never occurs (clocks jumped
/// forward over it) is moved forward by the gap, i.e. read with the offset in
/// force before the gap (02:30 in a 02:00 -> 03:00 jump is 03:30 new time).
pub fn local_ms<Tz: chrono::TimeZone>(tz: &Tz, n: chrono::NaiveDateTime) -> Option<i64> {
    use chrono::Offset;
    if let Some(dt) = tz.from_local_datetime(&n).earliest() {
        return Some(dt.timestamp_millis());
    }
    // In a gap: the offset of the last wall-clock time before it (gaps last hours at most).
    let before = (1..=4 * 48).find_map(|quarter| {
        tz.from_local_datetime(&(n - chrono::Duration::minutes(15 * quarter)))
            .latest()
    })?;
    let offset = before.offset().fix();
    Some((n - offset).and_utc().timestamp_millis())
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
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
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

    /// A zone with one forward jump (02:00 -> 03:00 local on 2026-03-29, as
    /// Europe/Berlin) and one turn back (03:00 -> 02:00 on 2026-10-25).
    #[derive(Clone, Copy, Debug)]
    struct Berlin;

    impl chrono::TimeZone for Berlin {
        type Offset = chrono::FixedOffset;
        fn from_offset(_: &chrono::FixedOffset) -> Self {
            Berlin
        }
        fn offset_from_local_date(
            &self,
            d: &chrono::NaiveDate,
        ) -> chrono::LocalResult<chrono::FixedOffset> {
            self.offset_from_local_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
        }
        fn offset_from_local_datetime(
            &self,
            n: &chrono::NaiveDateTime,
        ) -> chrono::LocalResult<chrono::FixedOffset> {
            use chrono::LocalResult::*;
            let (cet, cest) = (
                chrono::FixedOffset::east_opt(3600).unwrap(),
                chrono::FixedOffset::east_opt(7200).unwrap(),
            );
            let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
            if *n < at("2026-03-29T02:00") {
                Single(cet)
            } else if *n < at("2026-03-29T03:00") {
                None
            } else if *n < at("2026-10-25T02:00") {
                Single(cest)
            } else if *n < at("2026-10-25T03:00") {
                Ambiguous(cest, cet)
            } else {
                Single(cet)
            }
        }
        fn offset_from_utc_date(&self, _: &chrono::NaiveDate) -> chrono::FixedOffset {
            unimplemented!("not used by local_ms")
        }
        fn offset_from_utc_datetime(&self, _: &chrono::NaiveDateTime) -> chrono::FixedOffset {
            unimplemented!("not used by local_ms")
        }
    }

    #[test]
    fn local_times_in_a_gap_or_an_overlap_follow_java_time() {
        let n = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        let utc = |s: &str| rfc3339_ms(s).unwrap();
        assert_eq!(
            local_ms(&Berlin, n("2026-03-29T01:30")),
            Some(utc("2026-03-29T00:30:00Z"))
        );
        // Skipped by the jump: 02:30 is read as 03:30 summer time.
        assert_eq!(
            local_ms(&Berlin, n("2026-03-29T02:30")),
            Some(utc("2026-03-29T01:30:00Z"))
        );
        assert_eq!(
            local_ms(&Berlin, n("2026-03-29T03:30")),
            Some(utc("2026-03-29T01:30:00Z"))
        );
        // Twice: the earlier (summer time) one.
        assert_eq!(
            local_ms(&Berlin, n("2026-10-25T02:30")),
            Some(utc("2026-10-25T00:30:00Z"))
        );
    }

    #[test]
    fn times_before_1970_parse_to_negative_ms() {
        assert_eq!(datetime_ms("1969-12-31T23:59:59.999Z").unwrap(), -1);
        assert_eq!(
            datetime_ms("1900-01-01T00:00:00Z").unwrap(),
            -2_208_988_800_000
        );
    }

    #[test]
    fn durations() {
        assert_eq!(duration_ms("PT90M").unwrap(), 90 * 60_000);
        assert_eq!(duration_ms("P1DT2H").unwrap(), 26 * 3_600_000);
        assert_eq!(duration_ms("PT0.5S").unwrap(), 500);
        assert_eq!(duration_ms("90m").unwrap(), 90 * 60_000);
        assert_eq!(duration_ms("1d").unwrap(), 86_400_000);
        assert_eq!(duration_ms("100y").unwrap(), 3_155_760_000_000);
        assert!(
            duration_ms("500000000000y").unwrap() > 0,
            "huge stays positive"
        );
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
