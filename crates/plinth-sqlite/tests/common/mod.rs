//! Helpers shared by the round-trip tests.

use rusqlite::Connection;

/// Every row of a table as `value:storage class` per column, sorted.
pub fn stored_rows(db: &Connection, t: &plinth_model::Table) -> Vec<String> {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let q = format!("\"{}\"", c.name.replace('"', "\"\""));
            format!("quote({q}) || ':' || typeof({q})")
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM \"{}\"",
        cols.join(" || ',' || "),
        t.name.replace('"', "\"\"")
    );
    let mut rows: Vec<String> = db
        .prepare(&sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.sort();
    rows
}
