//! Which records the broker itself loads from damaged files.
//!
//! Kafka (storage `LogLoader.recoverLog`, `LogSegment.recover`; group
//! coordinator `CoordinatorLoaderImpl`, 3.9/4.0): after an unclean shutdown
//! every segment holding offsets at or past the partition's recovery point
//! is validated batch by batch (size, CRC); at the first invalid batch the
//! segment is truncated and every later segment of the partition deleted.
//! Other segments are not validated. The coordinator then reads all batches
//! from the log start without checking CRCs: a batch whose records cannot be
//! read, or a record of a known type that cannot be deserialized, fails the
//! load of the whole partition; unknown record types are skipped. Whether a
//! shutdown was clean (`.kafka_cleanshutdown`) and the recovery point
//! (`recovery-point-offset-checkpoint`) live in the log directory above the
//! partition directory; without them Kafka recovers every segment, and so
//! does this reading.
//!
//! Chronik (`MetadataWal::read_all_wal_records`, v2.10.4): see
//! [`super::chronik::ChronikMode::Loader`]; the first record it cannot read
//! ends that file and it goes on with the next file.

use serde::Serialize;
use std::path::Path;

/// How damage is read past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovery {
    /// What the broker itself loads from these files (the default).
    #[default]
    Broker,
    /// Every intact record, past any damage.
    Salvage,
}

impl Recovery {
    pub fn name(self) -> &'static str {
        match self {
            Recovery::Broker => "broker",
            Recovery::Salvage => "salvage",
        }
    }
}

/// What Kafka's log directory says about a partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KafkaPartitionRules {
    /// `__consumer_offsets-12`, or the directory's name.
    pub partition: String,
    /// None: no log directory files found next to the partition.
    pub clean_shutdown: Option<bool>,
    pub recovery_point: Option<i64>,
    /// Base offset of the first segment Kafka validates on start-up (None: none).
    pub validated_from: Option<i64>,
}

impl KafkaPartitionRules {
    /// One line for reports.
    pub fn describe(&self) -> String {
        let what = match self.validated_from {
            None => "no segment validated".to_string(),
            Some(0) => "every segment validated".to_string(),
            Some(b) => format!("segments from offset {b} on validated"),
        };
        let why = match (self.clean_shutdown, self.recovery_point) {
            (None, _) => {
                "no clean-shutdown marker or recovery-point checkpoint beside it".to_string()
            }
            (Some(true), _) => "clean shutdown".to_string(),
            (Some(false), Some(rp)) => format!("unclean shutdown, recovery point {rp}"),
            (Some(false), None) => "unclean shutdown, no recovery point for it".to_string(),
        };
        format!("{}: {what} ({why})", self.partition)
    }
}

/// `topic partition offset` lines of a Kafka offset checkpoint file (version 0).
fn checkpoint(text: &str, topic: &str, partition: i32) -> Option<i64> {
    let mut lines = text.lines();
    if lines.next()?.trim() != "0" {
        return None;
    }
    lines.next()?;
    lines.find_map(|l| {
        let mut f = l.split_whitespace();
        let (t, p, o) = (f.next()?, f.next()?, f.next()?);
        (t == topic && p.parse::<i32>().ok()? == partition)
            .then(|| o.parse().ok())
            .flatten()
    })
}

/// The rules for the partition in `dir`, whose segments have these base offsets (sorted).
pub fn kafka_rules(dir: &Path, bases: &[i64]) -> (KafkaPartitionRules, Vec<bool>) {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    let log_dir = dir.parent();
    let marker = log_dir.map(|d| d.join(".kafka_cleanshutdown"));
    let points = log_dir
        .and_then(|d| std::fs::read_to_string(d.join("recovery-point-offset-checkpoint")).ok());
    let meta = log_dir.is_some_and(|d| d.join("meta.properties").is_file());
    let known = points.is_some() || meta || marker.as_ref().is_some_and(|m| m.exists());
    let clean = known.then(|| marker.as_ref().is_some_and(|m| m.exists()));
    let recovery_point = points.as_deref().and_then(|text| {
        let (topic, part) = name.rsplit_once('-')?;
        checkpoint(text, topic, part.parse().ok()?)
    });
    // LogLoader: nothing is recovered after a clean shutdown; else every
    // segment holding an offset at or past the recovery point (0 when unknown).
    let rp = recovery_point.unwrap_or(0);
    let validated: Vec<bool> = (0..bases.len())
        .map(|i| clean != Some(true) && bases.get(i + 1).is_none_or(|next| *next > rp))
        .collect();
    let validated_from = validated.iter().position(|v| *v).map(|i| bases[i]);
    (
        KafkaPartitionRules {
            partition: name,
            clean_shutdown: clean,
            recovery_point,
            validated_from,
        },
        validated,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoint_files_and_clean_shutdown_decide_which_segments_are_validated() {
        let dir = tempfile::tempdir().unwrap();
        let part = dir.path().join("__consumer_offsets-7");
        std::fs::create_dir(&part).unwrap();
        let bases = [0, 100, 200];
        // Nothing known: every segment, as Kafka with a missing checkpoint (recovery point 0).
        let (r, v) = kafka_rules(&part, &bases);
        assert_eq!(
            (r.clean_shutdown, v.clone()),
            (None, vec![true, true, true])
        );
        std::fs::write(
            dir.path().join("recovery-point-offset-checkpoint"),
            "0\n2\n__consumer_offsets 7 150\norders 0 9\n",
        )
        .unwrap();
        let (r, v) = kafka_rules(&part, &bases);
        assert_eq!(
            (r.recovery_point, r.clean_shutdown),
            (Some(150), Some(false))
        );
        assert_eq!(
            v,
            vec![false, true, true],
            "the segment holding 150 and later ones"
        );
        assert_eq!(r.validated_from, Some(100));
        std::fs::write(dir.path().join(".kafka_cleanshutdown"), "").unwrap();
        let (r, v) = kafka_rules(&part, &bases);
        assert_eq!((r.validated_from, v), (None, vec![false, false, false]));
        assert!(r.describe().contains("clean shutdown"));
    }

    #[test]
    fn checkpoint_parsing() {
        let text = "0\n2\n__consumer_offsets 12 4211\n__consumer_offsets 1 7\n";
        assert_eq!(checkpoint(text, "__consumer_offsets", 12), Some(4211));
        assert_eq!(checkpoint(text, "__consumer_offsets", 3), None);
        assert_eq!(checkpoint("1\n0\n", "t", 0), None, "unknown version");
    }
}
