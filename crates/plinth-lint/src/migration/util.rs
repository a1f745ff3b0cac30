//! Small helpers the migration rules share: locating words in a
//! statement's text (for fixes), reading type names, naming subjects.

use super::op::{AlterAction, ColumnDef, Name, Op, Statement};
use crate::{Edit, Fix};

/// Byte range of the first whole-word, case-insensitive `word` in `sql`
/// at or after `from` (ASCII words; never inside a quoted identifier or string
/// as far as a plain scan can tell).
pub(crate) fn find_word(sql: &str, word: &str, from: usize) -> Option<(usize, usize)> {
    let lower = sql.to_ascii_lowercase();
    let word = word.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut at = from.min(lower.len());
    while let Some(pos) = lower.get(at..)?.find(&word) {
        let start = at + pos;
        let end = start + word.len();
        let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let before = start == 0 || !ident(bytes[start - 1]);
        let after = end == bytes.len() || !ident(bytes[end]);
        if before && after {
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// An edit replacing `range` (relative to the statement) in the file.
pub(crate) fn edit(statement: &Statement, range: (usize, usize), replacement: &str) -> Edit {
    Edit {
        start: statement.span.start + range.0,
        end: statement.span.start + range.1,
        replacement: replacement.to_string(),
    }
}

pub(crate) fn fix(description: &str, edits: Vec<Edit>) -> Fix {
    Fix {
        description: description.to_string(),
        edits,
    }
}

/// The byte range of a column's type as written in the statement: the
/// first whole-word `type_word` after the column's name. Good enough for
/// `name type` column lists; `None` when it cannot be found.
pub(crate) fn column_type_range(sql: &str, column: &str, type_word: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{column}\"");
    let after_name = sql
        .find(&quoted)
        .map(|p| p + quoted.len())
        .or_else(|| find_word(sql, column, 0).map(|(_, e)| e))?;
    let (start, mut end) = find_word(sql, type_word, after_name)?;
    // Only the type right after the name: nothing but blanks in between.
    if !sql[after_name..start].trim().is_empty() {
        return None;
    }
    // `timestamp(3) without time zone`: take the whole spelling.
    let rest = &sql[end..];
    let trimmed = rest.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    let mut skip = rest.len() - trimmed.len();
    let mut tail = lower.as_str();
    if tail.starts_with('(') {
        if let Some(close) = tail.find(')') {
            skip += close + 1;
            tail = &lower[close + 1..];
        }
    }
    let after_mods = tail.trim_start();
    if after_mods.starts_with("without time zone") {
        end += skip + (tail.len() - after_mods.len()) + "without time zone".len();
    }
    Some((start, end))
}

/// New columns a statement declares, with the table: CREATE TABLE columns
/// and ALTER TABLE ADD COLUMN.
pub(crate) fn new_columns(op: &Op) -> Vec<(&Name, &ColumnDef)> {
    match op {
        Op::CreateTable { table, columns, .. } => columns.iter().map(|c| (table, c)).collect(),
        Op::AlterTable { table, actions, .. } => actions
            .iter()
            .filter_map(|a| match a {
                AlterAction::AddColumn { column, .. } => Some((table, column)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// ALTER TABLE actions on a table that holds data.
pub(crate) fn existing_alter<'a>(op: &'a Op, state: &super::State) -> Option<(&'a Name, &'a [AlterAction])> {
    match op {
        Op::AlterTable { table, actions, .. } if state.is_existing(table) => Some((table, actions.as_slice())),
        _ => None,
    }
}

/// `timestamp`, `timestamp(3)`, `timestamp without time zone`.
pub(crate) fn is_timestamp_without_tz(t: &str) -> bool {
    let base = t.split('(').next().unwrap_or(t).trim();
    base == "timestamp" && !t.contains("with time zone")
        || t.starts_with("timestamp(") && t.ends_with("without time zone")
}

/// `serial`, `bigserial`, `smallserial` and their numbered spellings.
pub(crate) fn is_serial(t: &str) -> bool {
    matches!(
        t,
        "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2"
    )
}

/// 32-bit (or smaller) integer types, including `serial`.
pub(crate) fn is_small_int(t: &str) -> bool {
    matches!(
        t,
        "integer"
            | "int"
            | "int4"
            | "smallint"
            | "int2"
            | "serial"
            | "serial4"
            | "smallserial"
            | "serial2"
            | "mediumint"
    )
}

/// `table orders`.
pub(crate) fn table_subject(t: &Name) -> String {
    format!("table {t}")
}

/// `table orders, column total`.
pub(crate) fn column_subject(t: &Name, column: &str) -> String {
    format!("table {t}, column {column}")
}

/// Raises a finding to an error when its table is configured as large.
pub(crate) fn on_table(cx: &super::Context<'_>, table: &Name, finding: crate::Finding) -> crate::Finding {
    let mut finding = finding;
    if cx.settings.is_large(&table.name) {
        finding.severity = crate::Severity::Error;
    }
    finding
}

/// Columns whose type a statement declares, as `(table, column, type, def)`:
/// CREATE TABLE and ADD COLUMN (with their definition) and ALTER COLUMN
/// TYPE (without).
pub(crate) fn declared_types(op: &Op) -> Vec<(&Name, &str, &str, Option<&ColumnDef>)> {
    let mut out: Vec<(&Name, &str, &str, Option<&ColumnDef>)> = new_columns(op)
        .into_iter()
        .map(|(t, c)| (t, c.name.as_str(), c.type_name.as_str(), Some(c)))
        .collect();
    if let Op::AlterTable { table, actions, .. } = op {
        for a in actions {
            if let AlterAction::AlterType { column, type_name, .. } = a {
                out.push((table, column.as_str(), type_name.as_str(), None));
            }
        }
    }
    out
}
