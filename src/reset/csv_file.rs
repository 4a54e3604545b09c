//! Offsets as CSV in the format of `kafka-consumer-groups.sh`: no header,
//! `topic,partition,offset` for one group, `group,topic,partition,offset` for several.

use crate::model::TopicPartition;
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

/// Parse an offsets CSV. Blank lines and `#` comments are skipped; every
/// data line must have the same number of columns (3 or 4).
pub fn parse(path: &str, text: &str) -> Result<Vec<CsvRow>, CsvError> {
    let mut rows: Vec<CsvRow> = Vec::new();
    let mut width = None;
    // The format has no quoting (topic and group names cannot contain commas in
    // practice and the Apache tool writes none), so lines map 1:1 to records.
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
        let f: Vec<&str> = trimmed.split(',').map(str::trim).collect();
        let n = f.len();
        if n != 3 && n != 4 {
            return Err(err(format!(
                "expected 3 (topic,partition,offset) or 4 (group,topic,partition,offset) columns, found {n}"
            )));
        }
        if *width.get_or_insert(n) != n {
            return Err(err(format!(
                "found {n} columns where earlier lines have {}",
                width.unwrap_or(n)
            )));
        }
        let (group, rest) = if n == 4 {
            (Some(f[0].to_string()), &f[1..])
        } else {
            (None, &f[..])
        };
        if group.as_deref() == Some("") || rest[0].is_empty() {
            return Err(err("empty group or topic".into()));
        }
        let partition: i32 = rest[1]
            .parse()
            .ok()
            .filter(|p: &i32| *p >= 0)
            .ok_or_else(|| {
                err(format!(
                    "partition {:?} is not a non-negative integer",
                    rest[1]
                ))
            })?;
        let offset: i64 = rest[2]
            .parse()
            .ok()
            .filter(|o: &i64| *o >= 0)
            .ok_or_else(|| {
                err(format!(
                    "offset {:?} is not a non-negative integer",
                    rest[2]
                ))
            })?;
        let tp = TopicPartition::new(rest[0], partition);
        if rows.iter().any(|r| r.group == group && r.partition == tp) {
            return Err(err(format!("{tp} appears twice")));
        }
        rows.push(CsvRow {
            group,
            partition: tp,
            offset,
            line,
        });
    }
    Ok(rows)
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
}
