//! The live view (`describe --watch`, `top`): frames for a terminal, drawn
//! in place on the alternate screen, and one JSON line per sample otherwise.
//! A frame is plain lines cut to the terminal's width and height, so that
//! nothing wraps or scrolls; colour is added after cutting.

use super::{OutputError, Printer};
use crate::model::timelag::format_duration;
use crate::model::watch::{Event, EventKind, GroupView, PartitionView, Status};
use colored::{ColoredString, Colorize};
use crossterm::{cursor, queue, terminal};
use serde_json::json;
use std::io::Write;

/// What the first line of a frame says.
pub struct Heading<'a> {
    /// `describe orders --watch` or `top`.
    pub title: &'a str,
    pub interval_ms: i64,
    pub window_ms: i64,
    pub sample: u64,
    pub wall_ms: i64,
}

/// Groups with one row per partition (`describe --watch`), or one row per group (`top`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Partitions,
    Groups,
}

/// Events shown under the table, at most.
const EVENT_LINES: usize = 8;

/// One frame for a `width` x `height` terminal.
pub fn frame(
    head: &Heading,
    layout: Layout,
    groups: &[GroupView],
    events: &[&Event],
    errors: &[String],
    (width, height): (usize, usize),
) -> Vec<String> {
    let mut top = vec![heading(head, groups.len()), String::new()];
    let mut body: Vec<Row> = Vec::new();
    match layout {
        Layout::Groups => body.extend(group_table(groups)),
        Layout::Partitions => {
            for (i, g) in groups.iter().enumerate() {
                if i > 0 {
                    body.push(Row::plain(String::new()));
                }
                body.push(Row::plain(group_line(g)));
                if g.partitions.is_empty() {
                    body.push(Row::plain(
                        "(no assigned partitions and no committed offsets)".into(),
                    ));
                } else {
                    body.extend(partition_table(&g.partitions));
                }
            }
        }
    }
    if groups.is_empty() {
        body.push(Row::plain("(no groups)".into()));
    }
    let mut tail: Vec<String> = errors.iter().map(|e| format!("error: {e}")).collect();
    let shown = &events[events.len().saturating_sub(EVENT_LINES)..];
    if !shown.is_empty() {
        tail.push(String::new());
        tail.push("EVENTS".into());
        tail.extend(shown.iter().map(|e| event_line(e)));
    }
    // The table gets the room; events and errors what is left of it, newest kept.
    let room = height.saturating_sub(top.len() + 1).max(1);
    if body.len() + tail.len() > room {
        let keep_tail = tail.len().min(room / 3);
        tail.drain(..tail.len() - keep_tail);
    }
    let room = room.saturating_sub(tail.len());
    if body.len() > room {
        let hidden = body.len() - room + 1;
        body.truncate(room.saturating_sub(1));
        body.push(Row::plain(format!(
            "... {hidden} more lines (enlarge the terminal)"
        )));
    }
    top.extend(body.into_iter().map(|r| r.render(width)));
    top.extend(tail.into_iter().map(|t| cut(&t, width)));
    top.truncate(height.max(1));
    top[0] = cut(&top[0], width);
    top
}

fn heading(h: &Heading, groups: usize) -> String {
    let time = chrono::DateTime::from_timestamp_millis(h.wall_ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    format!(
        "groupctl {}   every {} · window {} · {} group{} · sample {} · {}   (q quits)",
        h.title,
        span(h.interval_ms),
        span(h.window_ms),
        groups,
        if groups == 1 { "" } else { "s" },
        h.sample,
        time
    )
}

/// An interval or window: `300ms`, `3.6s`, `5s`, `1m`, `2m30s`.
fn span(ms: i64) -> String {
    match ms {
        ms if ms < 1000 => format!("{ms}ms"),
        ms if ms % 1000 != 0 && ms < 60_000 => format!("{:.1}s", ms as f64 / 1000.0),
        ms if ms < 60_000 => format!("{}s", ms / 1000),
        ms if ms % 60_000 == 0 && ms < 3_600_000 => format!("{}m", ms / 60_000),
        ms => format_duration(ms),
    }
}

fn dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".into(), |x| x.to_string())
}

fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "-".into(), |r| format!("{r:.1}"))
}

fn eta(ms: Option<i64>) -> String {
    ms.map_or_else(|| "-".into(), format_duration)
}

fn time_lag(ms: Option<i64>, lag: Option<i64>) -> String {
    crate::model::timelag::cell(ms, lag)
}

fn group_time_lag(g: &GroupView) -> String {
    crate::model::timelag::group_cell(g.partitions.iter().map(|p| (p.time_lag_ms, p.lag)))
}

fn status_word(s: Option<Status>) -> String {
    s.map_or_else(|| "-".into(), |s| s.to_string())
}

/// The line above a group's partitions.
fn group_line(g: &GroupView) -> String {
    format!(
        "{}  {}  {}  {} member{}  lag {}  time lag {}  consume {}/s  produce {}/s  ETA {}  rebalances {}",
        g.group,
        g.state,
        status_word(g.status),
        g.members,
        if g.members == 1 { "" } else { "s" },
        dash(g.lag),
        group_time_lag(g),
        rate(g.consume_rate),
        rate(g.produce_rate),
        eta(g.eta_ms),
        g.rebalances
    )
}

fn group_table(groups: &[GroupView]) -> Vec<Row> {
    let header = [
        "GROUP",
        "STATE",
        "STATUS",
        "MEMBERS",
        "LAG",
        "TIME-LAG",
        "CONSUME/s",
        "PRODUCE/s",
        "ETA",
        "REBALANCES",
    ];
    let rows = groups.iter().map(|g| {
        vec![
            Cell::text(&g.group),
            Cell::text(g.state.as_str()),
            Cell::status(g.status),
            Cell::num(g.members.to_string()),
            Cell::num(dash(g.lag)),
            Cell::num(group_time_lag(g)),
            Cell::num(rate(g.consume_rate)),
            Cell::num(rate(g.produce_rate)),
            Cell::num(eta(g.eta_ms)),
            Cell::num(g.rebalances.to_string()),
        ]
    });
    table(&header, rows.collect())
}

fn partition_table(parts: &[PartitionView]) -> Vec<Row> {
    let header = [
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "TIME-LAG",
        "CONSUME/s",
        "PRODUCE/s",
        "ETA",
        "STATUS",
    ];
    let rows = parts.iter().map(|p| {
        vec![
            Cell::text(&p.topic),
            Cell::num(p.partition.to_string()),
            Cell::num(dash(p.current_offset)),
            Cell::num(dash(p.log_end_offset)),
            Cell::num(dash(p.lag)),
            Cell::num(time_lag(p.time_lag_ms, p.lag)),
            Cell::num(rate(p.consume_rate)),
            Cell::num(rate(p.produce_rate)),
            Cell::num(eta(p.eta_ms)),
            Cell::status(p.status),
        ]
    });
    table(&header, rows.collect())
}

fn event_line(e: &Event) -> String {
    let time = chrono::DateTime::from_timestamp_millis(e.time_ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    let what = match &e.kind {
        EventKind::State { from, to } => format!("state {from} -> {to}"),
        EventKind::MemberJoined {
            member_id,
            client_id,
            host,
        } => format!("member joined {}", member(member_id, client_id, host)),
        EventKind::MemberLeft {
            member_id,
            client_id,
            host,
        } => format!("member left {}", member(member_id, client_id, host)),
        EventKind::Epoch { from, to } => format!("epoch {from} -> {to}"),
    };
    format!("{time}  {}  {what}", e.group)
}

/// `id (client host)`, leaving out what the broker did not say.
fn member(id: &str, client: &str, host: &str) -> String {
    let known: Vec<&str> = [client, host]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if known.is_empty() {
        id.to_string()
    } else {
        format!("{id} ({})", known.join(" "))
    }
}

/// A table cell: its text, whether it is a number (right-aligned), its status (colour).
struct Cell {
    text: String,
    right: bool,
    status: Option<Status>,
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell {
            text: s.to_string(),
            right: false,
            status: None,
        }
    }
    fn num(s: String) -> Cell {
        Cell {
            text: s,
            right: true,
            status: None,
        }
    }
    fn status(s: Option<Status>) -> Cell {
        Cell {
            text: status_word(s),
            right: false,
            status: s,
        }
    }
}

/// One line of a frame: pieces of text, some of them a status to colour.
struct Row(Vec<(String, Option<Status>)>);

impl Row {
    fn plain(s: String) -> Row {
        Row(vec![(s, None)])
    }

    /// The line cut to `width` characters, then coloured.
    fn render(self, width: usize) -> String {
        let mut out = String::new();
        let mut left = width;
        for (text, status) in self.0 {
            if left == 0 {
                break;
            }
            let piece: String = text.chars().take(left).collect();
            left -= piece.chars().count();
            match status {
                Some(s) => out.push_str(&paint(&piece, s).to_string()),
                None => out.push_str(&piece),
            }
        }
        out.trim_end().to_string()
    }
}

fn paint(text: &str, s: Status) -> ColoredString {
    match s {
        Status::Ok => text.green(),
        Status::Lagging => text.yellow(),
        Status::Stalled | Status::Stopped => text.red().bold(),
        Status::Rewound => text.magenta().bold(),
        Status::Rebalancing | Status::Reconciling => text.cyan(),
    }
}

fn table(header: &[&str], rows: Vec<Vec<Cell>>) -> Vec<Row> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.text.chars().count());
        }
    }
    let head = header.iter().map(|h| Cell::text(h)).collect::<Vec<_>>();
    std::iter::once(head)
        .chain(rows)
        .map(|cells| {
            let mut pieces = Vec::new();
            for (i, (c, w)) in cells.into_iter().zip(&widths).enumerate() {
                let pad = w - c.text.chars().count();
                let gap = if i == 0 { "" } else { "  " };
                let (before, after) = if c.right { (pad, 0) } else { (0, pad) };
                pieces.push((format!("{gap}{}", " ".repeat(before)), None));
                pieces.push((c.text, c.status));
                pieces.push((" ".repeat(after), None));
            }
            Row(pieces)
        })
        .collect()
}

fn cut(s: &str, width: usize) -> String {
    s.chars().take(width).collect()
}

/// One sample as a JSON line (see README, "JSON schemas").
pub fn sample_json(
    head: &Heading,
    groups: &[GroupView],
    events: &[Event],
    errors: &[(Option<String>, String)],
) -> serde_json::Value {
    let time = chrono::DateTime::from_timestamp_millis(head.wall_ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    json!({
        "sample": head.sample,
        "time": time,
        "time_ms": head.wall_ms,
        "interval_ms": head.interval_ms,
        "window_ms": head.window_ms,
        "groups": groups,
        "events": events,
        "errors": errors.iter().map(|(g, e)| json!({"group": g, "error": e})).collect::<Vec<_>>(),
    })
}

/// The terminal while a live view runs: raw mode (keys are read, not
/// echoed), the alternate screen, the cursor hidden. Dropping it restores
/// all three, also on an error or a panic.
pub struct Screen {
    printer: Printer,
}

impl Screen {
    /// The screen, or None when output is JSON or stdout is not a terminal.
    pub fn open(printer: &Printer) -> Result<Option<Screen>, OutputError> {
        if printer.json || !printer.shared.stdout_tty {
            return Ok(None);
        }
        terminal::enable_raw_mode().map_err(OutputError::Write)?;
        let screen = Screen {
            printer: printer.clone(),
        };
        let mut buf = Vec::new();
        queue!(buf, terminal::EnterAlternateScreen, cursor::Hide).map_err(OutputError::Write)?;
        screen.printer.write_stdout(&buf)?;
        Ok(Some(screen))
    }

    /// Columns and rows of the terminal.
    pub fn size(&self) -> (usize, usize) {
        let (w, h) = terminal::size().unwrap_or((80, 24));
        (w as usize, h as usize)
    }

    /// Draw a frame over the last one, line by line: no scrolling, no flicker.
    pub fn draw(&self, lines: &[String]) -> Result<(), OutputError> {
        let mut buf = Vec::new();
        for (row, line) in lines.iter().enumerate() {
            queue!(
                buf,
                cursor::MoveTo(0, row as u16),
                crossterm::style::Print(line),
                terminal::Clear(terminal::ClearType::UntilNewLine)
            )
            .map_err(OutputError::Write)?;
        }
        queue!(
            buf,
            cursor::MoveTo(0, lines.len() as u16),
            terminal::Clear(terminal::ClearType::FromCursorDown)
        )
        .map_err(OutputError::Write)?;
        buf.flush().map_err(OutputError::Write)?;
        self.printer.write_stdout(&buf)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let mut buf = Vec::new();
        let _ = queue!(buf, cursor::Show, terminal::LeaveAlternateScreen);
        let _ = self.printer.write_stdout(&buf);
        let _ = terminal::disable_raw_mode();
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
