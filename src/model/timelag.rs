//! Time lag: how old the next record a group will consume is. The record is
//! the one at the committed offset (its timestamp read with Fetch by
//! `admin::timestamps`); time lag = now - its timestamp, and 0 when the group
//! is caught up. What the timestamp means depends on the topic's
//! `message.timestamp.type`: LogAppendTime is when the broker appended the
//! record (the true age in the log); CreateTime is whatever the producer set
//! (usually its clock at send time, but an event time or a replay's old
//! time is possible, and a skewed producer clock can put it in the future).

use super::lag::PartitionLag;
pub use super::lag::TimestampType;

/// What the log holds at a committed offset, as Fetch found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextRecord {
    /// The first consumable record at or after the committed offset.
    /// `exact`: false when only the batch's first timestamp could be read
    /// (a compressed batch cut short by the response size limit).
    Found {
        offset: i64,
        timestamp: i64,
        kind: TimestampType,
        exact: bool,
    },
    /// A record without a timestamp (message format v0).
    NoTimestamp,
    /// The offset is below the log start: the record was deleted (retention).
    Gone,
    /// The broker returned no record at the offset.
    NotReturned,
    /// Not read: too many different committed offsets on one partition
    /// (each needs a Fetch of its own; see `admin::timestamps`).
    Skipped,
}

/// The time-lag fields of one partition row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeLag {
    pub ms: Option<i64>,
    pub next_record_timestamp: Option<i64>,
    pub timestamp_type: Option<TimestampType>,
    pub note: Option<String>,
}

/// Time lag of a partition with this `lag` (records) whose next record is
/// `next` (None: not read, Err: why the read failed), at `now_ms`.
pub fn time_lag(
    lag: Option<i64>,
    next: Option<&Result<NextRecord, String>>,
    now_ms: i64,
) -> TimeLag {
    let mut out = TimeLag::default();
    match lag {
        None => return out,
        Some(l) if l <= 0 => {
            out.ms = Some(0);
            return out;
        }
        Some(_) => {}
    }
    match next {
        None | Some(Ok(NextRecord::NotReturned)) => {}
        Some(Err(e)) => out.note = Some(format!("time lag unknown: {e}")),
        Some(Ok(NextRecord::NoTimestamp)) => {
            out.note = Some("next record has no timestamp (message format v0)".into())
        }
        Some(Ok(NextRecord::Gone)) => {
            out.note = Some("next record gone (deleted: behind log start)".into())
        }
        Some(Ok(NextRecord::Skipped)) => {
            out.note = Some("time lag not read: too many offsets on this partition".into())
        }
        Some(Ok(NextRecord::Found {
            timestamp,
            kind,
            exact,
            ..
        })) => {
            let age = now_ms - timestamp;
            out.ms = Some(age.max(0));
            out.next_record_timestamp = Some(*timestamp);
            out.timestamp_type = Some(*kind);
            out.note = if age < 0 {
                Some(match kind {
                    TimestampType::CreateTime => format!(
                        "next record's CreateTime is {} in the future (producer clock?)",
                        format_duration(-age)
                    ),
                    TimestampType::LogAppendTime => format!(
                        "next record's LogAppendTime is {} in the future (clock skew)",
                        format_duration(-age)
                    ),
                })
            } else if !exact {
                Some("time lag from the start of the record's batch".into())
            } else {
                None
            };
        }
    }
    out
}

/// Put the time-lag fields on a row.
pub fn apply(row: &mut PartitionLag, t: TimeLag) {
    row.time_lag_ms = t.ms;
    row.next_record_timestamp = t.next_record_timestamp;
    row.timestamp_type = t.timestamp_type;
    row.time_lag_note = t.note;
}

/// A time lag for a table cell: `-` when caught up, `?` when there is lag
/// but its age is unknown.
pub fn cell(time_lag_ms: Option<i64>, lag: Option<i64>) -> String {
    group_cell([(time_lag_ms, lag)])
}

/// The time lag of several partitions, (time lag, lag) each, for one cell:
/// the oldest known age; else `?` when one has lag of unknown age; else `-`.
pub fn group_cell(rows: impl IntoIterator<Item = (Option<i64>, Option<i64>)>) -> String {
    let (mut max, mut unknown) = (0i64, false);
    for (time_lag, lag) in rows {
        match time_lag {
            Some(ms) => max = max.max(ms),
            None => unknown |= lag.is_some_and(|l| l > 0),
        }
    }
    match max {
        ms if ms > 0 => format_duration(ms),
        _ if unknown => "?".into(),
        _ => "-".into(),
    }
}

/// A duration for people: `850ms`, `4.2s`, `42s`, `3m12s`, `2h05m`, `3d04h`.
pub fn format_duration(ms: i64) -> String {
    let ms = ms.max(0);
    let s = ms / 1000;
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms < 10_000 {
        format!("{}.{}s", s, (ms % 1000) / 100)
    } else if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else if s < 86_400 {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    } else {
        format!("{}d{:02}h", s / 86_400, (s % 86_400) / 3600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LogRange, TopicPartition};

    const NOW: i64 = 1_800_000_000_000;

    fn found(ts: i64, kind: TimestampType, exact: bool) -> Result<NextRecord, String> {
        Ok(NextRecord::Found {
            offset: 5,
            timestamp: ts,
            kind,
            exact,
        })
    }

    #[test]
    fn age_of_the_next_record_when_behind() {
        let r = found(NOW - 90_000, TimestampType::LogAppendTime, true);
        let t = time_lag(Some(12), Some(&r), NOW);
        assert_eq!(t.ms, Some(90_000));
        assert_eq!(t.next_record_timestamp, Some(NOW - 90_000));
        assert_eq!(t.timestamp_type, Some(TimestampType::LogAppendTime));
        assert_eq!(t.note, None);
    }

    #[test]
    fn caught_up_is_zero_whatever_was_read() {
        for next in [None, Some(found(NOW - 5, TimestampType::CreateTime, true))] {
            let t = time_lag(Some(0), next.as_ref(), NOW);
            assert_eq!(
                t,
                TimeLag {
                    ms: Some(0),
                    ..TimeLag::default()
                }
            );
        }
    }

    #[test]
    fn no_commit_means_no_time_lag() {
        let r = found(NOW - 5, TimestampType::CreateTime, true);
        assert_eq!(time_lag(None, Some(&r), NOW), TimeLag::default());
    }

    #[test]
    fn future_timestamps_count_as_zero_and_say_whose_clock() {
        let create = time_lag(
            Some(3),
            Some(&found(NOW + 2_500, TimestampType::CreateTime, true)),
            NOW,
        );
        assert_eq!(create.ms, Some(0));
        assert_eq!(
            create.note.as_deref(),
            Some("next record's CreateTime is 2.5s in the future (producer clock?)")
        );
        let append = time_lag(
            Some(3),
            Some(&found(NOW + 40, TimestampType::LogAppendTime, true)),
            NOW,
        );
        assert_eq!(
            append.note.as_deref(),
            Some("next record's LogAppendTime is 40ms in the future (clock skew)")
        );
    }

    #[test]
    fn unknown_ages_say_why() {
        let cases = [
            (
                Ok(NextRecord::Gone),
                Some("next record gone (deleted: behind log start)"),
            ),
            (
                Ok(NextRecord::NoTimestamp),
                Some("next record has no timestamp (message format v0)"),
            ),
            (Ok(NextRecord::NotReturned), None),
            (
                Ok(NextRecord::Skipped),
                Some("time lag not read: too many offsets on this partition"),
            ),
            (
                Err("NOT_LEADER_OR_FOLLOWER".to_string()),
                Some("time lag unknown: NOT_LEADER_OR_FOLLOWER"),
            ),
        ];
        for (next, note) in cases {
            let t = time_lag(Some(7), Some(&next), NOW);
            assert_eq!(t.ms, None, "{next:?}");
            assert_eq!(t.note.as_deref(), note, "{next:?}");
        }
        assert_eq!(time_lag(Some(7), None, NOW), TimeLag::default());
    }

    #[test]
    fn inexact_reads_are_flagged() {
        let t = time_lag(
            Some(1),
            Some(&found(NOW - 1000, TimestampType::CreateTime, false)),
            NOW,
        );
        assert_eq!(t.ms, Some(1000));
        assert_eq!(
            t.note.as_deref(),
            Some("time lag from the start of the record's batch")
        );
    }

    #[test]
    fn rows_carry_it_and_the_group_shows_the_oldest() {
        let tp = TopicPartition::new("t", 0);
        let range = LogRange {
            start: Some(0),
            end: Some(10),
            error: None,
        };
        let mut a = PartitionLag::new(&tp, Some(4), range.clone(), None);
        let mut b = PartitionLag::new(&tp, Some(9), range.clone(), None);
        let c = PartitionLag::new(&tp, None, range, None);
        let t = time_lag(
            a.lag,
            Some(&found(NOW - 7_000, TimestampType::CreateTime, true)),
            NOW,
        );
        apply(&mut a, t);
        let t = time_lag(
            b.lag,
            Some(&found(NOW - 3_000, TimestampType::CreateTime, true)),
            NOW,
        );
        apply(&mut b, t);
        assert_eq!(a.time_lag_ms, Some(7_000));
        let cell_of =
            |rows: &[&PartitionLag]| group_cell(rows.iter().map(|r| (r.time_lag_ms, r.lag)));
        assert_eq!(cell_of(&[&a, &b, &c]), "7.0s");
        assert_eq!(cell_of(&[&c]), "-");
        let mut gone = a.clone();
        apply(
            &mut gone,
            time_lag(Some(6), Some(&Ok(NextRecord::Gone)), NOW),
        );
        assert_eq!(gone.time_lag_ms, None);
        assert_eq!(
            gone.note().as_deref(),
            Some("next record gone (deleted: behind log start)")
        );
    }

    #[test]
    fn group_cells() {
        let caught_up = (Some(0), Some(0));
        let unknown = (None, Some(9));
        let uncommitted = (None, None);
        assert_eq!(group_cell([caught_up, unknown]), "?");
        assert_eq!(group_cell([caught_up, uncommitted]), "-");
        assert_eq!(
            group_cell([caught_up, unknown, (Some(4_000), Some(3))]),
            "4.0s"
        );
        assert_eq!(group_cell([]), "-");
    }

    #[test]
    fn cells() {
        assert_eq!(cell(Some(0), Some(0)), "-");
        assert_eq!(cell(None, None), "-");
        assert_eq!(cell(None, Some(4)), "?");
        assert_eq!(cell(Some(61_000), Some(4)), "1m01s");
    }

    #[test]
    fn durations_for_people() {
        let cases = [
            (0, "0ms"),
            (-5, "0ms"),
            (850, "850ms"),
            (1_000, "1.0s"),
            (4_249, "4.2s"),
            (9_999, "9.9s"),
            (10_000, "10s"),
            (59_999, "59s"),
            (60_000, "1m00s"),
            (192_000, "3m12s"),
            (3_599_999, "59m59s"),
            (3_600_000, "1h00m"),
            (7_500_000, "2h05m"),
            (86_400_000, "1d00h"),
            (273_600_000, "3d04h"),
        ];
        for (ms, want) in cases {
            assert_eq!(format_duration(ms), want, "{ms}");
        }
    }
}
