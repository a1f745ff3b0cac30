//! Rename hints written as SQL comments: `-- plinth:renamed-from old_name`
//! on the line above a `CREATE TABLE` names the table's previous name; the
//! same comment on the line above a column definition inside it names the
//! column's previous name. `plinth diff` turns them into renames instead
//! of a drop and an add.

use super::Importer;
use std::ops::Range;

const MARK: &str = "-- plinth:renamed-from";

/// The old name in a hint line, if the line is one.
fn hint(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix(MARK)?;
    let name = rest.split_whitespace().next()?;
    Some(unquote(name.trim_end_matches([';', ','])))
}

fn unquote(s: &str) -> String {
    match s.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => s.to_ascii_lowercase(),
    }
}

/// The hint on the last non-blank line before `stmt` (after `prev_end`).
pub(crate) fn table_hint(src: &str, prev_end: usize, stmt: &Range<usize>) -> Option<String> {
    let before = src.get(prev_end..stmt.start)?;
    let last = before.lines().rev().find(|l| !l.trim().is_empty())?;
    hint(last)
}

/// (column, old name) for each hint line inside the statement, paired with
/// the first word of the next line that is not blank or a comment.
pub(crate) fn column_hints(statement: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    for line in statement.lines() {
        let t = line.trim();
        if let Some(old) = hint(t) {
            pending = Some(old);
            continue;
        }
        if t.is_empty() || t.starts_with("--") {
            continue;
        }
        if let Some(old) = pending.take() {
            let word = t
                .trim_start_matches('(')
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            if !word.is_empty() {
                out.push((unquote(word), old));
            }
        }
    }
    out
}

impl Importer {
    /// Records the rename hints around a `CREATE TABLE` on the table just
    /// created.
    pub(crate) fn rename_hints(&mut self, src: &str, prev_end: usize, span: &Range<usize>, table: &str) {
        let table_old = table_hint(src, prev_end, span);
        // The statement text from its first line, so a hint inside it is seen.
        let columns = column_hints(src.get(span.clone()).unwrap_or(""));
        let Some(t) = self.schema.tables.iter_mut().rev().find(|t| t.name == table) else {
            return;
        };
        if table_old.is_some() {
            t.renamed_from = table_old;
        }
        for (col, old) in columns {
            if let Some(c) = t.column_mut(&col) {
                c.renamed_from = Some(old);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_read_from_comments() {
        let src = "-- plinth:renamed-from people\nCREATE TABLE persons (\n  id int,\n  -- plinth:renamed-from \"Name\"\n  full_name text\n);";
        let start = src.find("CREATE").unwrap();
        assert_eq!(table_hint(src, 0, &(start..src.len())).as_deref(), Some("people"));
        assert_eq!(
            column_hints(&src[start..]),
            vec![("full_name".to_string(), "Name".to_string())]
        );
        assert_eq!(table_hint("-- other\nCREATE", 0, &(9..15)), None);
    }
}
