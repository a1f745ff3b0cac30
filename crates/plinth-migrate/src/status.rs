//! `migrate status`: the directory against the history (pure once the rows
//! are read), as a table or JSON.

use crate::format::Migration;
use crate::history::Row;
use std::collections::BTreeMap;

/// The state of one migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Applied,
    Pending,
    /// Some steps done (an interrupted apply or down).
    InProgress,
    /// Applied or started, and up.sql changed since.
    Changed,
    /// In the history, not in the directory.
    Missing,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Applied => "applied",
            State::Pending => "pending",
            State::InProgress => "in progress",
            State::Changed => "changed on disk",
            State::Missing => "missing on disk",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub version: String,
    pub name: String,
    pub state: State,
    pub steps_done: usize,
    pub steps_total: usize,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
}

/// One entry per migration on disk or in the history, in version order.
pub fn status(migrations: &[Migration], rows: &[Row]) -> Vec<Entry> {
    let mut out: BTreeMap<String, Entry> = BTreeMap::new();
    for m in migrations {
        out.insert(
            m.version.clone(),
            Entry {
                version: m.version.clone(),
                name: m.name.clone(),
                state: State::Pending,
                steps_done: 0,
                steps_total: m.up.steps.len(),
                started_at: None,
                finished_at: None,
            },
        );
    }
    for r in rows {
        let disk = migrations.iter().find(|m| m.version == r.version);
        let state = match disk {
            None => State::Missing,
            Some(m) if m.checksum != r.checksum => State::Changed,
            Some(_) if r.finished() => State::Applied,
            Some(_) => State::InProgress,
        };
        out.insert(
            r.version.clone(),
            Entry {
                version: r.version.clone(),
                name: r.name.clone(),
                state,
                steps_done: r.steps_done.max(0) as usize,
                steps_total: r.steps_total.max(0) as usize,
                started_at: Some(r.started_at.clone()),
                finished_at: r.finished_at.clone(),
            },
        );
    }
    out.into_values().collect()
}

/// An aligned text table.
pub fn render_table(entries: &[Entry]) -> String {
    let header = ["VERSION", "NAME", "STATE", "STEPS", "FINISHED"];
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|e| {
            [
                e.version.clone(),
                e.name.clone(),
                e.state.as_str().to_string(),
                format!("{}/{}", e.steps_done, e.steps_total),
                e.finished_at.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let text: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        out.push_str(text.join("  ").trim_end());
        out.push('\n');
    };
    line(header.to_vec(), &mut out);
    for r in &rows {
        line(r.iter().map(String::as_str).collect(), &mut out);
    }
    if entries.is_empty() {
        out.push_str("(no migrations)\n");
    }
    out
}

/// `{"migrations": [{"version", "name", "state", "steps_done", ...}]}`.
pub fn render_json(entries: &[Entry]) -> String {
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "version": e.version,
                "name": e.name,
                "state": e.state.as_str(),
                "steps_done": e.steps_done,
                "steps_total": e.steps_total,
                "started_at": e.started_at,
                "finished_at": e.finished_at,
            })
        })
        .collect();
    let doc = serde_json::json!({ "migrations": list });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{parse_script, Migration};

    fn migration(version: &str, up: &str) -> Migration {
        Migration {
            version: version.into(),
            name: "m".into(),
            up: parse_script("up.sql", up).unwrap(),
            down: None,
            checksum: crate::format::checksum(up.as_bytes()),
        }
    }

    fn row(m: &Migration, done: i32, finished: bool) -> Row {
        Row {
            version: m.version.clone(),
            name: m.name.clone(),
            checksum: m.checksum.clone(),
            steps_done: done,
            steps_total: m.up.steps.len() as i32,
            started_at: "2026-11-22T08:00:00Z".into(),
            finished_at: finished.then(|| "2026-11-22T08:00:01Z".into()),
        }
    }

    #[test]
    fn states_come_from_rows_and_checksums() {
        let two = "-- plinth:step 1 a\nSELECT 1;\n-- plinth:step 2 b\nSELECT 2;\n";
        let ms = vec![
            migration("20260101000000", two),
            migration("20260102000000", two),
            migration("20260103000000", two),
            migration("20260104000000", two),
        ];
        let mut changed = row(&ms[2], 2, true);
        changed.checksum = "0".repeat(64);
        let mut gone = row(&ms[0], 1, true);
        gone.version = "20250101000000".into();
        let rows = vec![gone, row(&ms[0], 2, true), row(&ms[1], 1, false), changed];
        let e = status(&ms, &rows);
        let states: Vec<(&str, State, usize)> = e.iter().map(|e| (e.version.as_str(), e.state, e.steps_done)).collect();
        assert_eq!(
            states,
            [
                ("20250101000000", State::Missing, 1),
                ("20260101000000", State::Applied, 2),
                ("20260102000000", State::InProgress, 1),
                ("20260103000000", State::Changed, 2),
                ("20260104000000", State::Pending, 0),
            ]
        );
        let table = render_table(&e);
        assert!(table.starts_with("VERSION         NAME  STATE"), "{table}");
        assert!(table.contains("20260102000000  m     in progress      1/2"), "{table}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&e)).unwrap();
        assert_eq!(json["migrations"][2]["state"], "in progress");
        assert_eq!(json["migrations"][4]["finished_at"], serde_json::Value::Null);
    }
}
