//! Plain aligned tables in the style of `kafka-consumer-groups.sh`: no
//! borders, columns separated by two spaces, never wrapped.

use comfy_table::{presets, CellAlignment, ColumnConstraint, ContentArrangement, Table};

/// A borderless table with the given header row.
pub fn new(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().copied());
    for col in table.column_iter_mut() {
        col.set_padding((0, 2));
        col.set_constraint(ColumnConstraint::ContentWidth);
    }
    table
}

/// Right-align the named columns (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Render with trailing spaces trimmed from every line.
pub fn render(table: &Table) -> String {
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
