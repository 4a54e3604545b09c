//! `wal stats` for people.

use super::{damage_line, mode_line, skipped_line};
use crate::model::time::format_ms as iso_ms;
use crate::output::table;
use crate::wal::stats::Stats;
use std::fmt::Write as _;

/// `wal stats` for people.
pub fn stats(s: &Stats) -> String {
    let mut out = String::new();
    let formats: Vec<String> = s
        .files
        .iter()
        .map(|f| format!("{:?}", f.format).to_lowercase())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let _ = writeln!(
        out,
        "Files:          {} ({}), {} bytes",
        s.files.len(),
        formats.join(", "),
        s.bytes
    );
    if !s.skipped_files.is_empty() {
        let _ = writeln!(out, "                {}", skipped_line(&s.skipped_files));
    }
    let _ = writeln!(
        out,
        "Mode:           {}",
        mode_line(&s.recovery, &s.recovery_rules)
    );
    let _ = writeln!(
        out,
        "Batches:        {} ({} control)",
        s.batches, s.control_batches
    );
    let _ = writeln!(
        out,
        "Records:        {} ({} tombstones, {} transactional)",
        s.records, s.tombstones, s.transactional_records
    );
    if let (Some(a), Some(b)) = (s.first_offset, s.last_offset) {
        let _ = writeln!(out, "Offsets:        {a} .. {b}");
    }
    if let (Some(a), Some(b), Some(span)) = (s.first_timestamp, s.last_timestamp, s.time_span_ms) {
        let span = humantime::format_duration(std::time::Duration::from_millis(span.max(0) as u64));
        let _ = writeln!(
            out,
            "Time span:      {} .. {} ({span})",
            iso_ms(a),
            iso_ms(b)
        );
    }
    let _ = writeln!(
        out,
        "Live keys:      {} ({} groups, {} committed offsets)",
        s.live_keys, s.live_groups, s.live_offsets
    );
    if let Some(r) = s.compaction_ratio {
        let _ = writeln!(out, "Compaction:     {r:.2} records per live key");
    }
    if s.pending_transactions > 0 {
        let _ = writeln!(out, "Pending txns:   {}", s.pending_transactions);
    }
    let _ = writeln!(
        out,
        "Damage:         {}",
        if s.errors.is_empty() {
            "none".to_string()
        } else {
            format!(
                "{} ({} bytes not read as records)",
                s.errors.len(),
                s.damaged_bytes
            )
        }
    );
    if s.not_loaded_records > 0 {
        let _ = writeln!(
            out,
            "Not loaded:     {} intact records after the damage (the broker stops before them; --salvage reads them)",
            s.not_loaded_records
        );
    }
    out.push('\n');
    let mut t = table::new(&["TYPE", "RECORDS", "TOMBSTONES", "BYTES"]);
    for (name, c) in &s.by_type {
        t.add_row(vec![
            name.clone(),
            c.records.to_string(),
            c.tombstones.to_string(),
            c.bytes.to_string(),
        ]);
    }
    table::align_right(&mut t, &[1, 2, 3]);
    out.push_str(&table::render(&t));
    if !s.by_group.is_empty() {
        let mut groups: Vec<(&String, &crate::wal::stats::Count)> = s.by_group.iter().collect();
        groups.sort_by(|a, b| b.1.records.cmp(&a.1.records).then(a.0.cmp(b.0)));
        let shown = groups.len().min(20);
        let mut t = table::new(&["GROUP", "RECORDS", "TOMBSTONES", "BYTES"]);
        for (name, c) in &groups[..shown] {
            t.add_row(vec![
                (*name).clone(),
                c.records.to_string(),
                c.tombstones.to_string(),
                c.bytes.to_string(),
            ]);
        }
        table::align_right(&mut t, &[1, 2, 3]);
        out.push('\n');
        out.push_str(&table::render(&t));
        if groups.len() > shown {
            let _ = writeln!(
                out,
                "... and {} more groups (--json lists all)",
                groups.len() - shown
            );
        }
    }
    for d in &s.errors {
        out.push('\n');
        out.push_str(&damage_line(d));
    }
    if !s.errors.is_empty() {
        out.push('\n');
    }
    out
}
