//! Offsets as CSV in the format of `kafka-consumer-groups.sh`: no header,
//! `topic,partition,offset` for one group, `group,topic,partition,offset` for several.

use crate::model::TopicPartition;
use std::collections::HashSet;
use std::fmt::Write as _;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
#[error("{path}: line {line}: {message}")]
pub struct CsvError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// One line of an offsets CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    pub group: Option<String>,
    pub partition: TopicPartition,
    pub offset: i64,
    pub line: usize,
}

/// A group name that the format cannot carry (it has no quoting).
#[derive(Debug, Error, PartialEq, Eq)]
#[error("group name {name:?} cannot be written to an offsets CSV: {reason}")]
pub struct UnwritableGroup {
    pub name: String,
    pub reason: &'static str,
}

/// Whether `name` survives a round trip through the group column: commas are
/// fine (see `parse`), line breaks, a leading `#` and outer spaces are not.
pub fn check_group(name: &str) -> Result<(), UnwritableGroup> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.contains(['\n', '\r']) {
        "it contains a line break"
    } else if name.trim() != name {
        "it starts or ends with white space"
    } else if name.starts_with('#') {
        "it starts with '#', which marks a comment line"
    } else {
        return Ok(());
    };
    Err(UnwritableGroup {
        name: name.to_string(),
        reason,
    })
}

/// Parse an offsets CSV. Blank lines and `#` comments are skipped; every
/// data line must have the same number of columns (3 or 4).
pub fn parse(path: &str, text: &str) -> Result<Vec<CsvRow>, CsvError> {
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first topic.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<CsvRow> = Vec::new();
    // (group, topic, partition) already read: a duplicate is found in O(1), not by a scan.
    let mut seen: HashSet<(Option<&str>, &str, i32)> = HashSet::new();
    let mut width = None;
    // The format has no quoting (the Apache tool writes none), so lines map 1:1
    // to records. Topic names cannot contain commas, so the last three fields
    // are topic, partition, offset and everything before them is the group,
    // commas included.
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| CsvError {
            path: path.into(),
            line,
            message,
        };
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // From the right: offset, partition, topic, then the group (commas and all).
        let mut fields = trimmed.rsplitn(4, ',');
        let (offset, partition, topic) = (fields.next(), fields.next(), fields.next());
        let group = fields.next();
        let n = [offset, partition, topic, group]
            .iter()
            .filter(|f| f.is_some())
            .count();
        let (Some(offset), Some(partition), Some(topic)) = (offset, partition, topic) else {
            return Err(err(format!(
                "expected 3 (topic,partition,offset) or 4 (group,topic,partition,offset) columns, found {n}"
            )));
        };
        if *width.get_or_insert(n) != n {
            return Err(err(format!(
                "found {n} columns where earlier lines have {}",
                width.unwrap_or(n)
            )));
        }
        let (topic, partition, offset) = (topic.trim(), partition.trim(), offset.trim());
        let group = group.map(str::trim);
        if group == Some("") || topic.is_empty() {
            return Err(err("empty group or topic".into()));
        }
        let partition: i32 = partition
            .parse()
            .ok()
            .filter(|p: &i32| *p >= 0)
            .ok_or_else(|| {
                err(format!(
                    "partition {partition:?} is not a non-negative integer"
                ))
            })?;
        let offset: i64 = offset
            .parse()
            .ok()
            .filter(|o: &i64| *o >= 0)
            .ok_or_else(|| err(format!("offset {offset:?} is not a non-negative integer")))?;
        if !seen.insert((group, topic, partition)) {
            return Err(err(format!("{topic}-{partition} appears twice")));
        }
        rows.push(CsvRow {
            group: group.map(str::to_string),
            partition: TopicPartition::new(topic, partition),
            offset,
            line,
        });
    }
    Ok(rows)
}

/// Render rows as `render` does, refusing a group name the format cannot carry.
pub fn try_render<'a>(
    rows: impl IntoIterator<Item = (Option<&'a str>, &'a TopicPartition, i64)>,
) -> Result<String, UnwritableGroup> {
    let rows: Vec<_> = rows.into_iter().collect();
    for (g, _, _) in &rows {
        if let Some(g) = g {
            check_group(g)?;
        }
    }
    Ok(render(rows))
}

/// Render rows: 3 columns when `group` is None for all, else 4.
pub fn render<'a>(
    rows: impl IntoIterator<Item = (Option<&'a str>, &'a TopicPartition, i64)>,
) -> String {
    let mut out = String::new();
    for (g, tp, o) in rows {
        match g {
            Some(g) => writeln!(out, "{g},{},{},{o}", tp.topic, tp.partition),
            None => writeln!(out, "{},{},{o}", tp.topic, tp.partition),
        }
        .expect("write to string");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_widths() {
        let three = parse("f.csv", "orders,0,10\norders,1,20\n").unwrap();
        assert_eq!(three.len(), 2);
        assert_eq!(three[1].partition, TopicPartition::new("orders", 1));
        assert_eq!(three[1].offset, 20);
        assert_eq!(three[1].group, None);
        let four = parse("f.csv", "# backup\ng1,orders,0,10\n\ng2,orders,0,7\n").unwrap();
        assert_eq!(four[1].group.as_deref(), Some("g2"));
        assert_eq!(four[1].line, 4);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_topic() {
        let rows = parse("f.csv", "\u{feff}orders,0,10\n").unwrap();
        assert_eq!(rows[0].partition, TopicPartition::new("orders", 0));
    }

    #[test]
    fn reports_line_numbers() {
        let e = parse("f.csv", "orders,0,10\norders,x,20\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.csv: line 2: partition \"x\" is not a non-negative integer"
        );
        let e = parse("f.csv", "orders,0,10\n\norders,1,-5\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse("f.csv", "orders,0\n").unwrap_err();
        assert!(e.message.contains("found 2"), "{e}");
        let e = parse("f.csv", "orders,0,1\ng,orders,1,1\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("f.csv", "orders,0,1\norders,0,2\n").unwrap_err();
        assert_eq!(e.message, "orders-0 appears twice");
    }

    #[test]
    fn renders_apache_format() {
        let a = TopicPartition::new("orders", 0);
        let b = TopicPartition::new("orders", 1);
        assert_eq!(
            render([(None, &a, 5), (None, &b, 7)]),
            "orders,0,5\norders,1,7\n"
        );
        assert_eq!(render([(Some("g"), &a, 5)]), "g,orders,0,5\n");
        let back = parse("x", &render([(Some("g"), &a, 5)])).unwrap();
        assert_eq!(
            (back[0].group.as_deref(), &back[0].partition, back[0].offset),
            (Some("g"), &a, 5)
        );
    }

    #[test]
    fn group_names_with_commas_round_trip() {
        let a = TopicPartition::new("orders", 0);
        let b = TopicPartition::new("orders", 1);
        for g in ["a,b", "a, b,,c", "x,", "with space inside"] {
            let text = try_render([(Some(g), &a, 5), (Some("plain"), &b, 7)]).unwrap();
            let back = parse("x", &text).unwrap();
            assert_eq!(back.len(), 2, "{text}");
            assert_eq!(back[0].group.as_deref(), Some(g), "{text}");
            assert_eq!((&back[0].partition, back[0].offset), (&a, 5));
            assert_eq!(back[1].group.as_deref(), Some("plain"));
        }
    }

    #[test]
    fn names_the_format_cannot_carry_are_refused() {
        let a = TopicPartition::new("orders", 0);
        for (g, why) in [
            ("two\nlines", "line break"),
            ("#tag", "comment"),
            (" padded", "white space"),
            ("", "empty"),
        ] {
            let e = try_render([(Some(g), &a, 1)]).unwrap_err();
            assert!(e.to_string().contains(why), "{g:?}: {e}");
        }
    }
}
